"""One public address in every output: SITE_URL, never the Host a request came in on."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from claims.exports.records import factcheck_json
from claims.selectors import published_factchecks
from tests.api.helpers import key_header, make_factcheck, make_key

pytestmark = pytest.mark.django_db

SITE = "https://checks.example.org"


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_every_output_links_to_site_url_whatever_the_request_host(client, settings):
    settings.SITE_URL = SITE
    claim = make_factcheck()
    page = f"{SITE}/fact-checks/{claim.slug}/"
    headers = key_header(make_key()[1])

    listed = client.get("/api/v1/fact-checks/", **headers).json()["results"]
    assert [item["url"] for item in listed] == [page]
    review = client.get(f"/api/v1/fact-checks/{claim.id}/?format=jsonld", **headers).json()
    assert (review["url"], review["author"]["url"]) == (page, SITE)
    feed = client.get("/api/v1/fact-checks/?format=jsonld", **headers).json()
    assert feed["dataFeedElement"][0]["url"] == page

    rows = csv.DictReader(
        io.StringIO(_text(client.get("/api/v1/exports/fact-checks.csv", **headers)))
    )
    assert [row["url"] for row in rows] == [page]
    ndjson = _text(client.get("/api/v1/exports/fact-checks.ndjson", **headers))
    assert json.loads(ndjson.splitlines()[0])["url"] == page
    exported = json.loads(_text(client.get("/api/v1/exports/claimreview.json", **headers)))
    assert (exported[0]["url"], exported[0]["author"]["url"]) == (page, SITE)

    atom = _text(client.get("/api/v1/feeds/fact-checks.atom"))
    assert "testserver" not in atom
    assert f'href="{page}"' in atom

    html = _text(client.get(f"/fact-checks/{claim.slug}/"))
    assert f'<link rel="canonical" href="{page}">' in html
    assert "testserver" not in re.search(r"ld\+json\">(.*?)</script>", html, re.S).group(1)

    webhook_data = factcheck_json(published_factchecks().get(id=claim.id), request_or_site_url=None)
    assert webhook_data["url"] == page
