"""API edits of a claim made on an old version: 409 with ``version``, 412 with ``If-Match``."""

import pytest
from rest_framework.test import APIClient

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return ClaimFactory(text="More than 1 million people fled Ukraine", claimant="UNHCR")


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _url(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


def test_an_edit_on_a_stale_version_is_409_with_the_claim_as_it_is_now(claim, annotator, editor):
    anna, edith = _client(annotator), _client(editor)
    assert anna.get(_url(claim)).json()["version"] == 1

    first = anna.patch(_url(claim), {"text": "1 million fled", "version": 1}, format="json")
    second = edith.patch(_url(claim), {"claimant": "UN", "version": 1}, format="json")

    assert first.status_code == 200
    assert first.json()["version"] == 2
    assert second.status_code == 409
    assert second.json()["claim"]["text"] == "1 million fled"
    assert second.json()["claim"]["version"] == 2
    claim.refresh_from_db()
    assert (claim.text, claim.claimant) == ("1 million fled", "UNHCR")

    again = edith.patch(_url(claim), {"claimant": "UN", "version": 2}, format="json")
    assert again.status_code == 200
    claim.refresh_from_db()
    assert (claim.text, claim.claimant) == ("1 million fled", "UN")


def test_if_match_with_a_stale_etag_is_412(claim, annotator, editor):
    anna, edith = _client(annotator), _client(editor)
    etag = anna.get(_url(claim))["ETag"]
    assert etag == edith.get(_url(claim))["ETag"]

    first = anna.patch(_url(claim), {"text": "1 million fled"}, format="json", HTTP_IF_MATCH=etag)
    second = edith.patch(_url(claim), {"claimant": "UN"}, format="json", HTTP_IF_MATCH=etag)

    assert first.status_code == 200
    assert first["ETag"] != etag
    assert second.status_code == 412
    claim.refresh_from_db()
    assert claim.claimant == "UNHCR"
    fresh = edith.patch(_url(claim), {"claimant": "UN"}, format="json", HTTP_IF_MATCH=first["ETag"])
    assert fresh.status_code == 200


def test_if_match_naming_another_claim_is_412(claim, annotator):
    other = ClaimFactory()
    anna = _client(annotator)
    etag = anna.get(_url(other))["ETag"]
    response = anna.patch(_url(claim), {"claimant": "UN"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
