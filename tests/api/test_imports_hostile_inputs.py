"""Inputs a fuzzer found that answered 500: each is now a 4xx or an import that works."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from claims.models import DeliveryStatus, ImportItem, ImportJob, Newsroom, WebhookDelivery
from claims.services.import_items import import_item_process
from tests.api.helpers import make_factcheck

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/"
TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."


def upload(client, name: str, data: bytes):
    return client.post(URL, {"file": SimpleUploadedFile(name, data)})


def test_a_text_file_with_a_nul_byte_after_its_first_8_kb_imports_without_it(client, admin_user):
    client.force_login(admin_user)
    data = b"Filler sentence. " * 600 + b"\x00" + TEXT.encode()
    response = upload(client, "stray-nul.txt", data)
    assert response.status_code == 201, response.content
    item = ImportItem.objects.get(job_id=response.json()["id"])
    import_item_process(item_id=item.id)
    item.refresh_from_db()
    assert item.status == "done", item.message
    assert "\x00" not in item.article.text
    assert item.article.text.endswith(TEXT)


def test_an_escaped_nul_inside_an_uploaded_json_file_is_dropped(client, admin_user):
    client.force_login(admin_user)
    data = b'[{"title": "A\\u0000B", "text": "' + TEXT.encode() + b'\\u0000"}]'
    response = upload(client, "nul.json", data)
    assert response.status_code == 201, response.content
    payload = ImportItem.objects.get(job_id=response.json()["id"]).payload
    assert payload == {"title": "AB", "text": TEXT}


@pytest.mark.parametrize("name", ["deep.json", "deep.ndjson"])
def test_an_uploaded_json_file_nested_100000_deep_is_refused_with_400(client, admin_user, name):
    client.force_login(admin_user)
    response = upload(client, name, b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code == 400, response.content
    assert "nested too deeply" in response.json()["file"][0]
    assert not ImportJob.objects.exists()


def test_a_request_body_nested_100000_deep_is_refused_with_400(client, admin_user):
    client.force_login(admin_user)
    body = '{"articles": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400, response.content
    assert "nested too deeply" in response.json()["detail"]
    assert not ImportJob.objects.exists()


HUGE_LIMIT = "99999999999999999999"


def test_a_limit_beyond_64_bits_on_imports_is_clamped(client, admin_user):
    client.force_login(admin_user)
    ImportJob.objects.create(source="api", label="one")
    response = client.get(URL, {"limit": HUGE_LIMIT})
    assert response.status_code == 200, response.content
    assert [job["label"] for job in response.json()["results"]] == ["one"]


def test_a_limit_beyond_64_bits_on_webhook_deliveries_is_clamped(client, admin_user):
    client.force_login(admin_user)
    newsroom = Newsroom.objects.create(name="Daily Example", webhook_url="https://h.example.org/")
    WebhookDelivery.objects.create(
        newsroom=newsroom,
        event_id="msg_1",
        event_type="factcheck.published",
        claim=make_factcheck(),
        payload={},
        status=DeliveryStatus.FAILED,
    )
    response = client.get("/api/v1/webhook-deliveries/", {"limit": HUGE_LIMIT})
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == 1


def test_a_page_holds_at_most_the_largest_page_size(client, admin_user):
    client.force_login(admin_user)
    ImportJob.objects.bulk_create([ImportJob(source="api", label=str(i)) for i in range(501)])
    body = client.get(URL, {"limit": HUGE_LIMIT}).json()
    assert (len(body["results"]), body["count"]) == (500, 501)
    assert body["next"]
