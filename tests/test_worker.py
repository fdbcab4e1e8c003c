"""Imports run on a real Celery worker over the real Redis broker, on PostgreSQL."""

import pytest

from claims.models import Article, ImportJob, ImportSource
from claims.services.imports import import_job_create
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def _records(n):
    return [
        {
            "text": f"Report {i}. More than {i + 2} million people fled the region "
            f"in {i + 1} weeks, the agency said on Thursday.",
            "url": f"https://news.example.org/report-{i}",
        }
        for i in range(n)
    ]


def test_a_real_worker_imports_a_job_to_the_end(tmp_path):
    with celery_worker(log_path=tmp_path / "worker.log") as worker:
        job = import_job_create(source=ImportSource.API, records=_records(12))

        def finished():
            job.refresh_from_db()
            return job.is_finished

        wait_for(finished, timeout=90, what="the worker to import 12 articles")
        assert worker.poll() is None, "the worker is still running"
    assert (job.total, job.done, job.duplicate, job.failed) == (12, 12, 0, 0)
    assert Article.objects.count() == 12
    assert ImportJob.objects.get().finished_at is not None
