"""POST /api/v1/matches/ ("has this been checked?") and the appearances newsrooms receive."""

import datetime
import json

import pytest
from django.utils import timezone

from claims.models import Scope
from tests.api.helpers import key_header, make_factcheck, make_key
from tests.factories import ArticleFactory, ClaimFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/matches/"
FLED = "More than one million refugees fled Ukraine in the first week of the war"


def test_a_reader_key_gets_the_matching_published_factchecks_with_scores(client):
    fled = make_factcheck(text=FLED)
    make_factcheck(text="The city council approved a new budget for public libraries next year")
    make_factcheck(text=FLED, status="in_review")  # a draft is never an answer
    _, key = make_key(scopes=[Scope.READ_FACTCHECKS])
    response = client.post(
        URL,
        {"text": "Over a million people have fled Ukraine during the war's first week"},
        content_type="application/json",
        **key_header(key),
    )
    assert response.status_code == 200
    body = response.json()
    assert [r["factcheck"]["id"] for r in body["results"]] == [fled.id]
    result = body["results"][0]
    assert body["threshold"] <= result["score"] <= 1
    assert 0 <= result["lexical"] <= 1
    assert 0 <= result["semantic"] <= 1
    assert result["factcheck"]["rating"]["slug"] == "false"


def test_limit_and_validation(client):
    for n in range(3):
        make_factcheck(text=f"{FLED}, report {n}")
    _, key = make_key(scopes=[Scope.READ_FACTCHECKS])
    post = lambda body: client.post(URL, body, content_type="application/json", **key_header(key))  # noqa: E731
    assert len(post({"text": FLED, "limit": 2}).json()["results"]) == 2
    assert post({"text": ""}).status_code == 400
    assert post({"text": FLED, "limit": 0}).status_code == 400
    assert post({"text": "x" * 2001}).status_code == 400


def test_who_may_ask(client, annotator):
    _, importer = make_key(scopes=[Scope.WRITE_IMPORTS], name="importer")
    body = {"text": FLED}
    assert client.post(URL, body, content_type="application/json").status_code == 401
    refused = client.post(URL, body, content_type="application/json", **key_header(importer))
    assert refused.status_code == 403
    assert "read:factchecks" in refused.json()["detail"]
    client.force_login(annotator)
    assert client.post(URL, body, content_type="application/json").status_code == 200


def _grouped_factcheck():
    factcheck = make_factcheck(text=FLED)
    factcheck.article.published_at = timezone.now() - datetime.timedelta(days=2)
    factcheck.article.save()
    earlier = ArticleFactory(
        url="https://evening.example.org/first", title="First seen here",
        published_at=timezone.now() - datetime.timedelta(days=9),
    )  # fmt: skip
    later = ArticleFactory(url="https://daily.example.org/later", published_at=timezone.now())
    for article in (earlier, later):
        ClaimFactory(article=article, primary=factcheck)
    return factcheck, earlier, later


def test_the_factcheck_api_lists_every_confirmed_appearance(client):
    factcheck, earlier, later = _grouped_factcheck()
    _, key = make_key(scopes=[Scope.READ_FACTCHECKS])
    body = client.get(f"/api/v1/fact-checks/{factcheck.id}/", **key_header(key)).json()
    urls = [a["url"] for a in body["appearances"]]
    assert urls == [factcheck.article.url, earlier.url, later.url]
    assert body["appearance"]["url"] == factcheck.article.url
    listed = client.get("/api/v1/fact-checks/", **key_header(key)).json()["results"]
    assert [a["url"] for a in listed[0]["appearances"]] == urls


def test_claimreview_lists_appearances_and_the_first_one(client):
    factcheck, earlier, later = _grouped_factcheck()
    _, key = make_key(scopes=[Scope.READ_FACTCHECKS])
    review = client.get(
        f"/api/v1/fact-checks/{factcheck.id}/?format=jsonld", **key_header(key)
    ).json()
    item = review["itemReviewed"]
    assert [w["url"] for w in item["appearance"]] == [factcheck.article.url, earlier.url, later.url]
    assert item["firstAppearance"]["url"] == earlier.url
    # The export of every fact-check says the same.
    response = client.get("/api/v1/exports/claimreview.json", **key_header(key))
    export = json.loads(b"".join(response.streaming_content))
    exported = next(r for r in export if r["url"] == review["url"])
    assert exported["itemReviewed"]["firstAppearance"]["url"] == earlier.url


def test_the_public_page_names_the_other_appearances(client):
    factcheck, earlier, later = _grouped_factcheck()
    html = client.get(f"/fact-checks/{factcheck.slug}/").content.decode()
    assert "The same claim also appeared in:" in html
    also = html.split("The same claim also appeared in:", 1)[1].split("</ul>", 1)[0]
    assert earlier.url in also
    assert later.url in also
    assert factcheck.article.url not in also
