"""Bodies Django refuses while the API reads them are the client's error, answered as such
and documented: 413 for an oversized body, 400 for too many fields, never a 500."""

from urllib.parse import urlencode

import pytest
from rest_framework.test import APIClient

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded"


@pytest.fixture
def admin_client(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def test_a_form_body_over_the_upload_limit_is_413(admin_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    body = urlencode({"urls": ["https://example.org/" + "a" * 200] * 100}, doseq=True)
    response = admin_client.post("/api/v1/imports/", body, content_type=FORM)
    assert response.status_code == 413
    assert "larger than this server accepts" in response.json()["detail"]


def test_a_form_with_too_many_fields_is_400(admin_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 50
    claim = ClaimFactory()
    body = urlencode({f"field{n}": "x" for n in range(100)} | {"body": "A comment"})
    response = admin_client.post(f"/api/v1/claims/{claim.pk}/comments/", body, content_type=FORM)
    assert response.status_code == 400
    assert "detail" in response.json()


def test_every_write_documents_413(admin_client):
    schema = admin_client.get("/api/schema/", HTTP_ACCEPT="application/json").json()
    writes = [
        (path, method, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in ("post", "put", "patch")
    ]
    assert writes
    assert all("413" in op["responses"] for _, _, op in writes), [
        f"{m.upper()} {p}" for p, m, op in writes if "413" not in op["responses"]
    ]
