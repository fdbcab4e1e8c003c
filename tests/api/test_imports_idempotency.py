"""Idempotency-Key on POST /api/v1/imports/: a client that retries (a timeout, a 503) gets the
first job back instead of a second one; the same key on another request is refused."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import ImportJob, Scope
from tests.api.helpers import key_header, make_key

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/"
TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."


def post(client, body, key="retry-1", **headers):
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(URL, body, content_type="application/json", **headers)


def test_a_retry_with_the_same_key_returns_the_first_job(client, admin_user):
    client.force_login(admin_user)
    body = {"articles": [{"text": TEXT}]}
    first = post(client, body)
    again = post(client, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert ImportJob.objects.count() == 1


def test_another_request_under_the_same_key_gets_422(client, admin_user):
    client.force_login(admin_user)
    assert post(client, {"articles": [{"text": TEXT}]}).status_code == 201
    response = post(client, {"articles": [{"text": TEXT + " Another."}]})
    assert response.status_code == 422, response.content
    assert "Idempotency-Key" in response.json()["detail"]
    assert ImportJob.objects.count() == 1


def test_without_a_key_a_retry_is_a_second_job(client, admin_user):
    client.force_login(admin_user)
    body = {"articles": [{"text": TEXT}]}
    assert post(client, body, key="").status_code == 201
    assert post(client, body, key="").status_code == 201
    assert ImportJob.objects.count() == 2


def test_the_same_key_from_another_caller_is_another_job(client, admin_user, editor):
    body = {"articles": [{"text": TEXT}]}
    client.force_login(admin_user)
    first = post(client, body).json()["id"]
    client.force_login(editor)
    second = post(client, body)
    assert second.status_code == 201
    assert second.json()["id"] != first


def test_api_keys_have_their_own_idempotency_keys(client):
    _, one = make_key(scopes=[Scope.WRITE_IMPORTS], name="one")
    _, other = make_key(scopes=[Scope.WRITE_IMPORTS], name="other")
    body = {"articles": [{"text": TEXT}]}
    first = post(client, body, **key_header(one))
    again = post(client, body, **key_header(one))
    stranger = post(client, body, **key_header(other))
    assert (first.status_code, again.status_code, stranger.status_code) == (201, 200, 201)
    assert again.json()["id"] == first.json()["id"] != stranger.json()["id"]


def test_a_retried_upload_with_the_same_key_returns_the_first_job(client, admin_user):
    client.force_login(admin_user)

    def upload(content: bytes):
        return client.post(
            URL,
            {"file": SimpleUploadedFile("a.txt", content)},
            HTTP_IDEMPOTENCY_KEY="upload-1",
        )

    first = upload(TEXT.encode())
    again = upload(TEXT.encode())
    changed = upload(TEXT.encode() + b" Changed.")
    assert (first.status_code, again.status_code, changed.status_code) == (201, 200, 422)
    assert again.json()["id"] == first.json()["id"]


def test_a_malformed_key_is_refused_with_400(client, admin_user):
    client.force_login(admin_user)
    response = post(client, {"articles": [{"text": TEXT}]}, key="x" * 201)
    assert response.status_code == 400
    assert not ImportJob.objects.exists()
