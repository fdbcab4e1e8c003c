"""GET /api/v1/fact-checks/: what newsroom keys and staff read, and how."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.http import http_date

from claims.models import ClaimStatus, Scope
from tests.api.helpers import key_header, make_factcheck, make_key
from tests.factories import ClaimFactory, OutletFactory

LIST = "/api/v1/fact-checks/"


@pytest.fixture
def key(db):
    return make_key()[1]


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["results"]]


def test_newsroom_key_lists_published_factchecks_only(client, key):
    published = make_factcheck()
    retracted = make_factcheck(status=ClaimStatus.RETRACTED)
    for status in (ClaimStatus.NEW, ClaimStatus.IN_REVIEW, ClaimStatus.APPROVED):
        make_factcheck(status=status)
    response = client.get(LIST, **key_header(key))
    assert response.status_code == 200
    assert ids(response) == [published.id]
    with_retracted = client.get(LIST, {"include_retracted": "true"}, **key_header(key))
    assert sorted(ids(with_retracted)) == sorted([published.id, retracted.id])


def test_unpublished_claim_detail_is_404_for_a_key(client, key):
    approved = make_factcheck(status=ClaimStatus.APPROVED)
    response = client.get(f"{LIST}{approved.id}/", **key_header(key))
    assert response.status_code == 404
    assert response.json() == {"detail": "No Claim matches the given query."}


def test_detail_shows_the_current_verdict_and_corrections(client, key):
    claim = make_factcheck(corrected=True)
    body = client.get(f"{LIST}{claim.id}/", **key_header(key)).json()
    assert body["id"] == claim.id
    assert body["rating"] == {
        "label": "False",
        "slug": "false",
        "position": 1,
        "best_rating": 5,
        "worst_rating": 1,
    }
    assert body["summary"].endswith("(corrected).")
    assert [c["version"] for c in body["corrections"]] == [2]
    assert len(body["sources"]) == 2
    assert body["url"].endswith(f"/fact-checks/{claim.slug}/")


def test_filters(client, key):
    bbc = OutletFactory(name="BBC", slug="bbc")
    old = make_factcheck(
        rating="true", outlet=bbc, published_at=timezone.now() - timedelta(days=30)
    )
    new = make_factcheck(rating="false", text="Enerhodar accounts for a quarter of power")
    header = key_header(key)
    assert ids(client.get(LIST, {"rating": "true"}, **header)) == [old.id]
    assert ids(client.get(LIST, {"outlet": "bbc"}, **header)) == [old.id]
    assert ids(client.get(LIST, {"q": "enerhodar"}, **header)) == [new.id]
    since = (timezone.now() - timedelta(days=7)).isoformat()
    assert ids(client.get(LIST, {"published_after": since}, **header)) == [new.id]
    assert ids(client.get(LIST, {"published_before": since}, **header)) == [old.id]
    future = (timezone.now() + timedelta(days=1)).isoformat()
    assert ids(client.get(LIST, {"updated_since": future}, **header)) == []
    assert set(ids(client.get(LIST, {"updated_since": since}, **header))) == {old.id, new.id}


def test_ordering_and_cursor_pagination_walk_every_item_once(client, key):
    now = timezone.now()
    claims = [make_factcheck(published_at=now - timedelta(hours=n)) for n in range(5)]
    header = key_header(key)
    seen, url = [], LIST + "?page_size=2&ordering=published_at"
    while url:
        page = client.get(url, **header).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert seen == [c.id for c in reversed(claims)]
    newest_first = ids(client.get(LIST, {"ordering": "-published_at"}, **header))
    assert newest_first == [c.id for c in claims]


def test_etag_and_last_modified_answer_304(client, key):
    claim = make_factcheck()
    url = f"{LIST}{claim.id}/"
    first = client.get(url, **key_header(key))
    assert first.status_code == 200
    etag, last_modified = first["ETag"], first["Last-Modified"]
    assert last_modified == http_date(claim.updated_at.timestamp())
    again = client.get(url, HTTP_IF_NONE_MATCH=etag, **key_header(key))
    assert again.status_code == 304
    assert again.content == b""
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=last_modified, **key_header(key))
    assert since.status_code == 304
    listing = client.get(LIST, **key_header(key))
    unchanged = client.get(LIST, HTTP_IF_NONE_MATCH=listing["ETag"], **key_header(key))
    assert unchanged.status_code == 304
    # A correction changes the body, so the old ETag no longer matches.
    claim.text = "Corrected text"
    claim.save()
    assert client.get(url, HTTP_IF_NONE_MATCH=etag, **key_header(key)).status_code == 200


def test_jsonld_by_format_parameter_or_accept_header(client, key):
    claim = make_factcheck()
    by_param = client.get(f"{LIST}{claim.id}/", {"format": "jsonld"}, **key_header(key))
    by_accept = client.get(
        f"{LIST}{claim.id}/", HTTP_ACCEPT="application/ld+json", **key_header(key)
    )
    for response in (by_param, by_accept):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/ld+json")
        assert response.json()["@type"] == "ClaimReview"
    feed = client.get(LIST, {"format": "jsonld"}, **key_header(key)).json()
    assert feed["@type"] == "DataFeed"
    assert [e["@type"] for e in feed["dataFeedElement"]] == ["ClaimReview"]


def test_revocation_takes_effect_on_the_next_request(client, db):
    make_factcheck()
    api_key, key = make_key()
    assert client.get(LIST, **key_header(key)).status_code == 200
    api_key.revoked = True
    api_key.save()
    response = client.get(LIST, **key_header(key))
    assert response.status_code == 401
    assert response.json() == {"detail": "The API key has been revoked."}
    assert response["WWW-Authenticate"] == "Api-Key"


def test_expiry_takes_effect_on_the_next_request(client, db):
    api_key, key = make_key()
    assert client.get(LIST, **key_header(key)).status_code == 200
    api_key.expiry_date = timezone.now() - timedelta(seconds=1)
    api_key.save()
    response = client.get(LIST, **key_header(key))
    assert response.status_code == 401
    assert response.json() == {"detail": "The API key has expired."}


def test_inactive_newsroom_and_unknown_key_are_refused(client, db):
    api_key, key = make_key()
    api_key.newsroom.active = False
    api_key.newsroom.save()
    assert client.get(LIST, **key_header(key)).status_code == 401
    forged = client.get(LIST, **key_header(key[:-2] + "xx"))
    assert forged.status_code == 401
    assert forged.json() == {"detail": "The API key is not valid."}


def test_key_without_read_scope_is_forbidden(client, db):
    _, key = make_key(scopes=[Scope.WRITE_IMPORTS])
    response = client.get(LIST, **key_header(key))
    assert response.status_code == 403
    assert "read:factchecks" in response.json()["detail"]


def test_anonymous_gets_401_with_a_challenge(client, db):
    response = client.get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_throttle_answers_429_with_retry_after_per_key(client, db, settings):
    settings.NEWSROOM_API_THROTTLE_RATE = "3/min"
    _, key = make_key(name="busy")
    _, other = make_key(name="quiet")
    for _ in range(3):
        assert client.get(LIST, **key_header(key)).status_code == 200
    refused = client.get(LIST, **key_header(key))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "throttled" in refused.json()["detail"].lower()
    assert client.get(LIST, **key_header(other)).status_code == 200


def test_staff_read_factchecks_with_their_session(client, annotator, no_role_user):
    claim = make_factcheck()
    client.force_login(annotator)
    assert ids(client.get(LIST)) == [claim.id]
    client.force_login(no_role_user)
    assert client.get(LIST).status_code == 403


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("filtered", [False, True], ids=["all", "rating-and-outlet"])
def test_list_page_runs_a_constant_number_of_queries(client, key, count, filtered):
    outlet = OutletFactory(slug="kyiv-independent")
    for n in range(count):
        make_factcheck(outlet=outlet, corrected=n % 3 == 0)
    make_factcheck(rating="true", outlet=outlet)  # filtered out by the rating
    make_factcheck()  # and by the outlet
    params = {"page_size": 50}
    if filtered:
        params.update(rating="false", outlet="kyiv-independent")
    header = key_header(key)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LIST, params, **header)
    assert len(response.json()["results"]) == (count if filtered else min(count + 2, 50))
    # key lookup, claims page, the rating scale, verdict versions, evidence, the duplicates'
    # articles (appearances): the same six queries whatever the page size; none per fact-check.
    assert len(queries) == 6, [q["sql"][:120] for q in queries]


def test_draft_claims_never_appear_even_when_searched_for(client, key):
    ClaimFactory(text="SECRET DRAFT CLAIM", status=ClaimStatus.IN_REVIEW)
    response = client.get(LIST, {"q": "SECRET"}, **key_header(key))
    assert response.json()["results"] == []
    assert b"SECRET" not in response.content


def test_unrouted_api_paths_answer_json_not_html(client, key):
    for url in ("/api/v1/fact-checks/not-a-number/", "/api/v1/no-such-thing/"):
        response = client.get(url, **key_header(key))
        assert response.status_code == 404
        assert response.json() == {"detail": "Not found."}
