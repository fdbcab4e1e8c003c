"""/api/v1/imports/ for newsroom API keys: a key with ``write:imports`` submits jobs and reads
back its own newsroom's jobs, never another's. Personas: the Daily Example's key submits, a
second key of the same newsroom reads along, the Evening Post's key (same scopes) is a
stranger, and a staff member imports through the workbench."""

from __future__ import annotations

import pytest

from claims.models import ImportItem, ImportJob, Newsroom, Scope
from claims.services.import_items import import_item_process
from claims.services.import_jobs import import_job_submit
from tests.api.helpers import key_header, make_key

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/"
TEXT = "More than 1 million people have fled Ukraine since the invasion began, the UN said."


@pytest.fixture
def daily(db):
    return Newsroom.objects.create(name="Daily Example")


@pytest.fixture
def evening(db):
    return Newsroom.objects.create(name="Evening Post")


def importer_key(newsroom, **kwargs):
    return make_key(newsroom=newsroom, scopes=[Scope.WRITE_IMPORTS], **kwargs)


def submit(client, key, text=TEXT):
    response = client.post(
        URL, {"articles": [{"text": text}]}, content_type="application/json", **key_header(key)
    )
    assert response.status_code == 201, response.content
    return response.json()["id"]


def listed_ids(client, key) -> list[int]:
    response = client.get(URL, **key_header(key))
    assert response.status_code == 200, response.content
    return [job["id"] for job in response.json()["results"]]


def test_a_job_submitted_with_a_key_records_its_newsroom_and_key(
    client, daily, django_capture_on_commit_callbacks
):
    api_key, key = importer_key(daily)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        job_id = submit(client, key)
    job = ImportJob.objects.get(id=job_id)
    assert (job.newsroom, job.api_key, job.created_by) == (daily, api_key, None)
    assert len(queued) == 1, "the items are enqueued once, after the commit"


def test_the_key_reads_back_its_job_with_items_and_progress(client, daily):
    _, key = importer_key(daily)
    job_id = submit(client, key)
    body = client.get(f"{URL}{job_id}/", **key_header(key)).json()
    assert (body["id"], body["total"], body["status"]) == (job_id, 1, "running")
    assert [item["status"] for item in body["items"]] == ["queued"]

    for item in ImportItem.objects.filter(job_id=job_id):
        import_item_process(item_id=item.id)
    body = client.get(f"{URL}{job_id}/", **key_header(key)).json()
    assert (body["done"], body["status"]) == (1, "finished")
    assert body["items"][0]["claims_found"] >= 1


def test_the_list_holds_the_newsrooms_jobs_from_any_of_its_keys_and_nothing_else(
    client, daily, evening, annotator
):
    _, key = importer_key(daily, name="first")
    _, second_key = importer_key(daily, name="second")
    _, stranger = importer_key(evening)
    own = submit(client, key)
    colleagues = submit(client, second_key)
    strangers = submit(client, stranger)
    staff_job = import_job_submit(source="api", articles=[{"text": TEXT}], created_by=annotator)

    assert sorted(listed_ids(client, key)) == sorted([own, colleagues])
    assert sorted(listed_ids(client, second_key)) == sorted([own, colleagues])
    assert listed_ids(client, stranger) == [strangers]
    assert client.get(URL, **key_header(key)).json()["count"] == 2
    # Staff see every job, whoever submitted it.
    client.force_login(annotator)
    assert sorted(job["id"] for job in client.get(URL).json()["results"]) == sorted(
        [own, colleagues, strangers, staff_job.id]
    )


def test_another_newsrooms_job_is_not_found(client, daily, evening, annotator):
    _, key = importer_key(daily)
    _, stranger = importer_key(evening)
    job_id = submit(client, key)
    staff_job = import_job_submit(source="api", articles=[{"text": TEXT}], created_by=annotator)
    for url in (f"{URL}{job_id}/", f"{URL}{job_id}/?items=queued"):
        response = client.get(url, **key_header(stranger))
        assert response.status_code == 404, url
        assert TEXT.encode() not in response.content
    # Nor is a job staff imported, which belongs to no newsroom.
    assert client.get(f"{URL}{staff_job.id}/", **key_header(key)).status_code == 404


def test_a_key_without_the_scope_is_refused_as_before(client, daily):
    _, key = importer_key(daily)
    job_id = submit(client, key)
    _, reader = make_key(newsroom=daily, scopes=[Scope.READ_FACTCHECKS], name="reader")
    for response in (
        client.get(URL, **key_header(reader)),
        client.get(f"{URL}{job_id}/", **key_header(reader)),
        client.post(
            URL, {"urls": ["https://e.org/a"]}, content_type="application/json",
            **key_header(reader),
        ),
    ):  # fmt: skip
        assert response.status_code == 403
        assert response.json() == {"detail": "This API key lacks the 'write:imports' scope."}
    assert ImportJob.objects.count() == 1


@pytest.mark.parametrize(
    ("state", "message"),
    [("revoked", "The API key has been revoked."), ("expired", "The API key has expired.")],
)
def test_a_revoked_or_expired_key_reads_nothing_of_its_newsroom(client, daily, state, message):
    _, key = importer_key(daily, name="live")
    job_id = submit(client, key)
    _, dead = importer_key(daily, name=state, **{state: True})
    for response in (
        client.get(URL, **key_header(dead)),
        client.get(f"{URL}{job_id}/", **key_header(dead)),
        client.post(
            URL, {"urls": ["https://e.org/a"]}, content_type="application/json",
            **key_header(dead),
        ),
    ):  # fmt: skip
        assert response.status_code == 403
        assert response.json() == {"detail": message}
    assert ImportJob.objects.count() == 1


def test_a_job_stays_with_its_newsroom_when_the_key_that_made_it_is_deleted(client, daily):
    api_key, key = importer_key(daily, name="old")
    job_id = submit(client, key)
    _, new_key = importer_key(daily, name="new")
    api_key.delete()
    assert ImportJob.objects.get(id=job_id).api_key is None
    assert client.get(f"{URL}{job_id}/", **key_header(new_key)).status_code == 200
