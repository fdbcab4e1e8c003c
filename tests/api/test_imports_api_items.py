"""POST /api/v1/imports/ and GET /api/v1/imports/{id}/: who may, what goes in, what comes out."""

import io
import json
import zipfile

import pytest
from rest_framework.test import APIClient

from claims.models import ImportItem, ImportJob, ItemKind
from claims.services.import_items import import_item_process
from tests.factories import OutletFactory

pytestmark = pytest.mark.django_db

TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."
URL = "/api/v1/imports/"


def _client(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anonymous_and_roleless_users_are_refused(no_role_user):
    assert _client().post(URL, {"urls": ["https://e.org/a"]}, format="json").status_code in (
        401,
        403,
    )
    response = _client(no_role_user).post(URL, {"urls": ["https://e.org/a"]}, format="json")
    assert response.status_code == 403
    assert "not allow you to import" in response.json()["detail"]
    assert ImportJob.objects.count() == 0


@pytest.mark.parametrize("persona", ["annotator", "moderator", "editor", "admin_user"])
def test_every_role_may_import_urls(persona, request, django_capture_on_commit_callbacks):
    user = request.getfixturevalue(persona)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        response = _client(user).post(
            URL,
            {"urls": ["https://news.example.org/a", "https://news.example.org/b"]},
            format="json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["total"], body["status"], body["label"]) == (2, "running", "2 URLs")
    assert [i["kind"] for i in body["items"]] == ["url", "url"]
    assert len(queued) == 1, "enqueued after commit"


def test_articles_import_and_the_job_reports_items(annotator):
    articles = [
        {"text": TEXT, "title": "Fled", "url": "https://news.example.org/fled", "outlet": "AP"},
        {"text": "x", "published": "last week"},
    ]
    response = _client(annotator).post(URL, {"articles": articles}, format="json")
    assert response.status_code == 201, response.content
    job_id = response.json()["id"]
    for item in ImportItem.objects.filter(job_id=job_id):
        import_item_process(item_id=item.id)
    body = _client(annotator).get(f"{URL}{job_id}/").json()
    assert (body["total"], body["done"], body["failed"], body["status"]) == (2, 1, 1, "finished")
    ok, bad = body["items"]
    assert ok["status"] == "done"
    assert ok["claims_found"] >= 1
    assert bad["status"] == "failed"
    assert "ISO 8601" in bad["message"]
    failed_only = _client(annotator).get(f"{URL}{job_id}/?items=failed").json()["items"]
    assert [i["position"] for i in failed_only] == [1]


def test_bad_payloads_get_clear_400s(annotator):
    client = _client(annotator)
    cases = [
        ({}, "Send 'urls', 'articles', 'feed' or a multipart 'file'."),
        ({"urls": ["ftp://e.org/x"]}, "Only http(s) addresses can be imported"),
        ({"articles": [{"title": "no text"}]}, "needs a non-empty 'text' or 'html'"),
        ({"urls": ["https://e.org/a"], "outlet": "Nobody"}, "no outlet named 'Nobody'"),
    ]
    for payload, message in cases:
        response = client.post(URL, payload, format="json")
        assert response.status_code == 400, payload
        assert message in json.dumps(response.json()), (payload, response.json())
    assert ImportJob.objects.count() == 0


def test_a_feed_becomes_one_feed_item(annotator):
    response = _client(annotator).post(
        URL, {"feed": "https://news.example.org/rss.xml"}, format="json"
    )
    assert response.status_code == 201
    item = ImportItem.objects.get()
    assert (item.kind, item.source) == (ItemKind.FEED, "https://news.example.org/rss.xml")


def test_multipart_upload_of_files_with_an_outlet(annotator):
    outlet = OutletFactory(name="Reuters")
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("a.txt", TEXT)
        z.writestr("b.jsonl", json.dumps({"text": TEXT + " Again."}) + "\n")
    archive.seek(0)
    archive.name = "batch.zip"
    csv_file = io.BytesIO(f"title,text\nOne,{TEXT} Third.\n".encode())
    csv_file.name = "rows.csv"
    response = _client(annotator).post(
        URL, {"file": [archive, csv_file], "outlet": "Reuters"}, format="multipart"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["total"] == 3
    assert body["label"] == "batch.zip, rows.csv"
    assert ImportJob.objects.get().outlet == outlet


def test_hostile_and_oversized_uploads_are_refused(annotator, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    big = io.BytesIO(b"a" * 1001)
    big.name = "big.txt"
    response = _client(annotator).post(URL, {"file": [big]}, format="multipart")
    assert response.status_code == 413
    assert "files larger than 1,000 bytes" in response.json()["detail"]

    settings.UPLOAD_MAX_BYTES = 10_000_000
    slip = io.BytesIO()
    with zipfile.ZipFile(slip, "w") as z:
        z.writestr("../../evil.txt", TEXT)
    slip.seek(0)
    slip.name = "slip.zip"
    response = _client(annotator).post(URL, {"file": [slip]}, format="multipart")
    assert response.status_code == 400
    assert "points outside the archive" in response.json()["file"][0]
    assert ImportJob.objects.count() == 0


def test_the_list_shows_jobs_to_importers_only(annotator, no_role_user):
    _client(annotator).post(URL, {"urls": ["https://e.org/a"]}, format="json")
    listed = _client(annotator).get(URL).json()
    assert listed["count"] == 1
    assert listed["results"][0]["total"] == 1
    job_id = listed["results"][0]["id"]
    assert _client(no_role_user).get(f"{URL}{job_id}/").status_code == 403
