"""Recovery after faults, on the real broker: the broker down when an import is submitted, and
a worker killed in the middle of an item. Every item finishes, none twice."""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.db.models import Sum
from django.urls import reverse

from claims.models import Article, Claim, ImportItem, ImportJob, ImportSource, ItemStatus
from claims.services.import_items import import_items_sweep
from claims.services.import_jobs import import_job_create
from claims.tasks import sweep_import_items_task
from tests.workers import celery_worker, wait_for
from workbench.celery import app as celery_app

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

URL = "/api/v1/imports/"
FIGURES = [
    "More than {n} million people have fled the region since the fighting began, the UN said.",
    "Exports fell by {n} percent in the first quarter compared with a year earlier.",
    "Prices rose {n}.5 percent in March, the fastest pace in {n} years, the agency reported.",
]


def _records(count: int, sentences: int = 3) -> list[dict]:
    return [
        {
            "text": " ".join(
                FIGURES[k % len(FIGURES)].format(n=i + k + 2) for k in range(sentences)
            )
            + f" Item {i}.",
            "title": f"R{i}",
        }
        for i in range(count)
    ]


def _reset_broker_pools():
    # Dropped, not closed: kombu keeps one pool per broker URL and hands the same one back.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker_down():
    """The broker is unreachable (a port nothing listens on) until the test calls the
    returned function, which brings the real one back."""
    # broker_write_url: CELERY_BROKER_URL in the environment wins over conf.broker_url.
    real = celery_app.conf.get("broker_write_url")
    celery_app.conf.broker_write_url = "redis://127.0.0.1:1/0"
    _reset_broker_pools()

    def back():
        celery_app.conf.broker_write_url = real
        _reset_broker_pools()

    yield back
    back()


def test_with_the_broker_down_the_api_answers_503_with_the_job_saved_and_sent_later(
    client, admin_user, broker_down, tmp_path
):
    client.force_login(admin_user)
    body = {"articles": _records(3)}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 503, response.content
    assert int(response["Retry-After"]) > 0
    saved = response.json()
    assert "cannot be reached" in saved["detail"]
    job = ImportJob.objects.get(id=saved["id"])
    assert job.total == 3
    assert job.items.filter(status=ItemStatus.QUEUED, enqueued_at__isnull=True).count() == 3

    broker_down()  # the broker is back
    with celery_worker(log_path=tmp_path / "w.log"):
        assert sweep_import_items_task() == 3  # what beat runs
        wait_for(lambda: ImportJob.objects.get(id=job.id).is_finished, timeout=60, what="job")
    job.refresh_from_db()
    assert (job.done, job.failed) == (3, 0)
    assert ImportJob.objects.count() == 1


def test_with_the_broker_down_the_import_page_says_the_import_is_saved_and_will_start(
    client, annotator, broker_down
):
    client.force_login(annotator)
    response = client.post(reverse("imports"), {"urls": "https://e.org/a"}, follow=True)
    page = response.content.decode()
    assert "Import saved, but the task queue cannot be reached" in page
    assert "will start by themselves when it is back" in page
    assert ImportItem.objects.get().enqueued_at is None


def test_a_backlog_in_the_queue_is_not_sent_twice_but_a_lost_message_is(settings):
    from datetime import timedelta

    from django.utils import timezone

    job = import_job_create(source=ImportSource.URLS, urls=["https://e.org/a"])
    item = job.items.get()
    later = timezone.now() + timedelta(seconds=settings.IMPORT_QUEUED_GRACE_SECONDS + 1)
    assert import_items_sweep(now=later, backlog=500) == []
    assert import_items_sweep(now=later, backlog=0) == [item.id]


def test_items_held_by_a_killed_worker_all_finish_within_2_minutes(tmp_path):
    """Default lease, heartbeat and sweep settings, beat running in the second worker: kill -9
    the first in the middle of its items, start the second, time until every item is done."""
    # Long items: a worker spends nearly all its time inside one, so the kill, a moment after
    # one was seen running, finds items held rather than falling between two.
    records = _records(400, sentences=48)
    with celery_worker(log_path=tmp_path / "first.log") as first:
        queue = first.args[first.args.index("-Q") + 1]
        job = import_job_create(source=ImportSource.API, records=records)

        def working():
            return ImportItem.objects.filter(job=job, status=ItemStatus.RUNNING).exists() and (
                ImportItem.objects.filter(job=job, status=ItemStatus.DONE).count() >= 20
            )

        wait_for(working, timeout=120, interval=0.02, what="the first worker in mid-item")
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
        killed_at = time.monotonic()
    held = ImportItem.objects.filter(job=job, status=ItemStatus.RUNNING).count()
    assert held >= 1, "the kill caught items in the middle"
    with celery_worker(
        log_path=tmp_path / "second.log", queue=queue, beat_schedule=tmp_path / "beat"
    ) as second:
        wait_for(lambda: ImportJob.objects.get(id=job.id).is_finished, timeout=150, what="job")
        recovered_in = time.monotonic() - killed_at
        assert second.poll() is None
    print(f"{held} items held by the killed worker; every item done {recovered_in:.0f} s after")
    assert recovered_in < 120
    job.refresh_from_db()
    assert (job.total, job.done, job.duplicate, job.failed) == (400, 400, 0, 0)
    # Nothing lost, nothing doubled: one article per record, the claims the items reported.
    assert Article.objects.count() == 400
    assert Claim.objects.count() == job.items.aggregate(n=Sum("claims_found"))["n"]
