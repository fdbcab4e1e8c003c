"""Exports and feeds: what is in them, who may fetch them, and that they stream."""

from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree

import feedparser
import pytest

from claims.exports.streams import csv_lines, csv_safe
from claims.models import ClaimStatus, Scope
from tests.api.helpers import key_header, make_factcheck, make_key
from tests.factories import ClaimFactory

ATOM_NS = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def key(db):
    return make_key()[1]


def body(response) -> str:
    assert response.streaming, "exports must stream"
    return b"".join(response.streaming_content).decode()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain text", "plain text"),
        (None, ""),
        (3, "3"),
    ],
)
def test_csv_cells_are_escaped_against_formulas(value, expected):
    assert csv_safe(value) == expected


def test_csv_lines_quote_and_escape():
    lines = "".join(csv_lines([{"a": "=1+1", "b": 'say "hi", ok'}], ["a", "b"]))
    assert list(csv.reader(io.StringIO(lines))) == [["a", "b"], ["'=1+1", 'say "hi", ok']]


def test_factcheck_csv_holds_published_factchecks_only(client, key):
    published = make_factcheck(text="=cmd|' /C calc'!A0 is a claim")
    make_factcheck(status=ClaimStatus.APPROVED, text="DRAFT MARKER claim")
    response = client.get("/api/v1/exports/fact-checks.csv", **key_header(key))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert [int(r["id"]) for r in rows] == [published.id]
    assert rows[0]["claim_text"].startswith("'=cmd")
    assert rows[0]["rating"] == "False"


def test_factcheck_ndjson_one_object_a_line(client, key):
    claims = [make_factcheck(), make_factcheck(corrected=True)]
    make_factcheck(status=ClaimStatus.RETRACTED)
    response = client.get("/api/v1/exports/fact-checks.ndjson", **key_header(key))
    records = [json.loads(line) for line in body(response).splitlines()]
    assert sorted(r["id"] for r in records) == sorted(c.id for c in claims)
    everything = client.get(
        "/api/v1/exports/fact-checks.ndjson", {"include_retracted": "true"}, **key_header(key)
    )
    assert len(body(everything).splitlines()) == 3


def test_claims_export_is_for_staff_only(client, key, annotator):
    make_factcheck()
    draft = ClaimFactory(text="DRAFT MARKER claim")
    for url in ("/api/v1/exports/claims.csv", "/api/v1/exports/claims.ndjson"):
        refused = client.get(url, **key_header(key))
        assert refused.status_code == 403
        assert refused["Content-Type"] == "application/json"
        assert refused.json() == {"detail": "This endpoint is for workbench staff only."}
        assert client.get(url).status_code in (401, 403)
    client.force_login(annotator)
    response = client.get("/api/v1/exports/claims.ndjson")
    records = [json.loads(line) for line in body(response).splitlines()]
    assert draft.id in {r["id"] for r in records}
    assert len(records) == 2
    rows = list(csv.DictReader(io.StringIO(body(client.get("/api/v1/exports/claims.csv")))))
    assert len(rows) == 2


def test_claimreview_feed_is_a_json_array_of_published_reviews(client, key):
    claims = [make_factcheck() for _ in range(3)]
    make_factcheck(status=ClaimStatus.IN_REVIEW)
    response = client.get("/api/v1/exports/claimreview.json", **key_header(key))
    reviews = json.loads(body(response))
    assert [r["@type"] for r in reviews] == ["ClaimReview"] * 3
    assert sorted(r["url"].rsplit("/fact-checks/", 1)[1] for r in reviews) == sorted(
        f"{c.slug}/" for c in claims
    )


def test_exports_stream_in_chunks_with_prefetch_per_chunk(client, key, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from claims.exports import streams

    monkeypatch.setattr(streams, "CHUNK_SIZE", 2)
    for _ in range(5):
        make_factcheck()
    with CaptureQueriesContext(connection) as queries:
        lines = list(streams.factchecks_ndjson())
    assert len(lines) == 5
    # The ratings, one cursor over the claims read in 3 chunks, each with one query for its
    # verdicts, one for its evidence and one for its duplicates' articles (the appearances):
    # never all rows at once, and no query per fact-check.
    assert len(queries) == 2 + 3 * 3, [q["sql"][:80] for q in queries]


def test_atom_feed_is_valid_and_shows_corrections_and_retractions(client, db):
    published = make_factcheck()
    corrected = make_factcheck(corrected=True)
    retracted = make_factcheck(status=ClaimStatus.RETRACTED)
    make_factcheck(status=ClaimStatus.APPROVED, text="DRAFT MARKER claim")
    response = client.get("/api/v1/feeds/fact-checks.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"DRAFT MARKER" not in response.content
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM_NS}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM_NS}{required}") is not None
    entries = {e.link: e for e in parsed.entries}
    assert len(entries) == 3
    by_id = {c.id: c for c in (published, corrected, retracted)}
    titles = {cid: entries[_link(entries, c.slug)].title for cid, c in by_id.items()}
    assert titles[corrected.id].startswith("Corrected: ")
    assert titles[retracted.id].startswith("Retracted: ")
    assert "misnamed the agency" in entries[_link(entries, corrected.slug)].summary


def _link(entries, slug) -> str:
    return next(link for link in entries if link.endswith(f"/fact-checks/{slug}/"))


def test_key_without_read_scope_gets_no_export(client, db):
    _, key = make_key(scopes=[Scope.WRITE_IMPORTS])
    assert client.get("/api/v1/exports/fact-checks.csv", **key_header(key)).status_code == 403
