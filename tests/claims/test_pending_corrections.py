"""A correction waiting for review is invisible to the public: the page, the fact-check API,
ClaimReview, the exports and the feed show the verdict in force until another editor approves."""

from __future__ import annotations

import csv
import io
import json

import pytest

from claims.models import Claim, Rating
from claims.services.reviews import claim_transition
from tests.api.helpers import key_header, make_factcheck, make_key

pytestmark = pytest.mark.django_db

NOTE = "PENDING-NOTE the agency revised its count."


@pytest.fixture
def factcheck(editor):
    claim = make_factcheck(rating="true")
    claim_transition(
        claim_id=claim.id,
        user=editor,
        action="correct",
        comment=NOTE,
        verdict={"rating": Rating.objects.get(slug="false"), "summary": "PENDING-SUMMARY"},
    )
    return Claim.objects.get(id=claim.id)


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_the_public_page_shows_the_verdict_in_force_while_a_correction_waits(client, factcheck):
    html = client.get(f"/fact-checks/{factcheck.slug}/").content.decode()
    assert 'Our rating: <strong class="rating rating-true">True</strong>' in html
    assert "PENDING" not in html


def test_api_exports_and_feed_ignore_a_correction_waiting_for_review(client, factcheck):
    headers = key_header(make_key()[1])
    record = client.get(f"/api/v1/fact-checks/{factcheck.id}/", **headers).json()
    assert (record["rating"]["slug"], record["corrections"]) == ("true", [])
    review = client.get(f"/api/v1/fact-checks/{factcheck.id}/?format=jsonld", **headers).json()
    assert review["reviewRating"]["alternateName"] == "True"
    assert review["dateModified"] == review["datePublished"]
    rows = list(csv.DictReader(io.StringIO(_text(
        client.get("/api/v1/exports/fact-checks.csv", **headers)
    ))))  # fmt: skip
    assert (rows[0]["rating"], rows[0]["corrections"]) == ("True", "")
    feed = json.loads(_text(client.get("/api/v1/exports/claimreview.json", **headers)))
    assert feed[0]["reviewRating"]["alternateName"] == "True"
    for path in ("/api/v1/exports/fact-checks.ndjson", "/api/v1/feeds/fact-checks.atom"):
        assert "PENDING" not in _text(client.get(path, **headers))


def test_once_approved_the_correction_is_public_everywhere(client, factcheck, other_editor):
    claim_transition(claim_id=factcheck.id, user=other_editor, action="approve_correction")
    headers = key_header(make_key()[1])
    record = client.get(f"/api/v1/fact-checks/{factcheck.id}/", **headers).json()
    assert record["rating"]["slug"] == "false"
    assert [c["note"] for c in record["corrections"]] == [NOTE]
    html = client.get(f"/fact-checks/{factcheck.slug}/").content.decode()
    assert "PENDING-SUMMARY" in html
    assert "PENDING-NOTE" in _text(client.get("/api/v1/feeds/fact-checks.atom", **headers))


def test_the_claim_page_shows_the_correction_waiting_and_who_may_approve_it(
    client, factcheck, editor, other_editor
):
    client.force_login(other_editor)
    html = client.get(f"/claims/{factcheck.id}/").content.decode()
    assert "Correction waiting for review" in html
    assert 'value="approve_correction"' in html
    client.force_login(editor)  # the author of the correction
    html = client.get(f"/claims/{factcheck.id}/").content.decode()
    assert 'value="approve_correction"' not in html
    assert 'value="reject_correction"' in html


def test_a_correction_waits_in_the_other_editors_review_list(factcheck, editor, other_editor):
    from claims.selectors import awaiting_my_review

    assert factcheck in awaiting_my_review(other_editor)
    assert factcheck not in awaiting_my_review(editor)
