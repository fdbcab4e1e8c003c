"""Failed import items can be queued again: the service, the import page's button, the API."""

import pytest
from django.urls import reverse

from claims.models import ImportItem, ImportJob, ImportSource, ItemStatus
from claims.services import import_items, import_jobs
from tests.api.helpers import key_header, make_key
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TEXT = "Officials said 40 ships left Odesa on Monday, more than in any week since March."


@pytest.fixture
def failed_job(monkeypatch) -> ImportJob:
    monkeypatch.setattr(import_jobs, "import_items_send", lambda item_ids, **kwargs: None)
    job = import_jobs.import_job_create(
        source=ImportSource.API, records=[{"text": TEXT}, {"text": TEXT + " Again."}]
    )
    first, second = job.items.order_by("position")
    import_items.import_item_process(item_id=first.id)
    import_items.import_item_fail(item_id=second.id, message="The site answered 503.")
    job.refresh_from_db()
    assert (job.done, job.failed, job.finished_at is not None) == (1, 1, True)
    return job


def test_retrying_queues_only_the_failed_items_and_reopens_the_job(
    failed_job, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        retried = import_jobs.import_items_retry(job_id=failed_job.pk)
    assert len(callbacks) == 1  # enqueued after commit
    item = ImportItem.objects.get(id__in=retried)
    assert (item.status, item.message) == (ItemStatus.QUEUED, "")
    failed_job.refresh_from_db()
    assert (failed_job.done, failed_job.failed, failed_job.finished_at) == (1, 0, None)
    import_items.import_item_process(item_id=item.id)
    failed_job.refresh_from_db()
    assert (failed_job.done, failed_job.failed) == (2, 0)
    assert failed_job.finished_at is not None
    assert import_jobs.import_items_retry(job_id=failed_job.pk) == []  # nothing left to retry


def test_the_import_page_offers_a_retry_button(client, annotator, failed_job):
    client.force_login(annotator)
    html = client.get(reverse("import_detail", args=[failed_job.pk])).content.decode()
    assert "Retry the 1 failed item" in html
    response = client.post(reverse("import_retry", args=[failed_job.pk]))
    assert response["Location"] == reverse("import_detail", args=[failed_job.pk])
    assert failed_job.items.filter(status=ItemStatus.QUEUED).count() == 1
    html = client.get(reverse("import_detail", args=[failed_job.pk])).content.decode()
    assert "Retry the" not in html


def test_the_api_retries_a_job_for_its_newsroom(client, failed_job):
    _, secret = make_key(scopes=["write:imports"])
    response = client.post(f"/api/v1/imports/{failed_job.pk}/retry/", **key_header(secret))
    assert response.status_code == 404  # another newsroom's (here: staff's) job
    client.force_login(UserFactory(roles=["editor"]))
    response = client.post(f"/api/v1/imports/{failed_job.pk}/retry/")
    assert response.status_code == 200, response.content
    assert response.json()["failed"] == 0
    assert failed_job.items.filter(status=ItemStatus.QUEUED).count() == 1
