"""Imports run on a real Celery worker over the real Redis broker, on PostgreSQL."""

import pytest
from django.db import connection

from claims.models import Article, ImportJob, ImportSource
from claims.services.import_jobs import import_job_create
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


def _worker_backends() -> set[int]:
    """PostgreSQL backends connected to the test database other than the test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
        return {pid for (pid,) in cursor.fetchall()}


def test_worker_processes_keep_their_database_connection_between_tasks(tmp_path):
    # Celery closes the connection after every task unless told otherwise, and a new
    # PostgreSQL connection costs more CPU than the rest of an import item together.
    with celery_worker(log_path=tmp_path / "worker.log") as worker:
        first = import_job_create(source=ImportSource.API, records=_records(8))
        wait_for(lambda: ImportJob.objects.get(id=first.id).is_finished, what="the first job")
        backends = _worker_backends()
        second = import_job_create(source=ImportSource.API, records=_records(16)[8:])
        wait_for(lambda: ImportJob.objects.get(id=second.id).is_finished, what="the second job")
        assert worker.poll() is None
        assert backends, "the pool processes are still connected after their tasks"
        assert 0 < len(backends) <= 2, backends
        assert _worker_backends() == backends, "the second job's tasks reused the connections"


def test_the_worker_loads_the_import_models_before_its_pool_forks(monkeypatch):
    import sys

    from claims.ingest import language
    from workbench import celery as worker_setup

    monkeypatch.setattr(language, "_identifier", None)
    monkeypatch.delitem(sys.modules, "claims.ingest.html", raising=False)
    worker_setup.load_import_models()
    assert language._identifier is not None, "pool processes inherit the language model"
    assert "trafilatura" in sys.modules
    assert "claims.ingest.html" in sys.modules


def test_a_model_that_does_not_load_does_not_stop_the_worker(monkeypatch, caplog):
    import claims.extraction
    from workbench import celery as worker_setup

    def broken(text, **kwargs):
        raise RuntimeError("checkworthiness.json was trained for other features")

    monkeypatch.setattr(claims.extraction, "extract_claims", broken)
    worker_setup.load_import_models()
    assert "Loading the import models failed" in caplog.text


@pytest.fixture
def health_checks(monkeypatch):
    """How many times the connection's health check ("SELECT 1") runs."""
    from django.db import connection

    calls = []
    real = connection.is_usable

    def is_usable():
        calls.append(1)
        return real()

    monkeypatch.setattr(connection, "is_usable", is_usable)
    return calls


def _task_then_first_query(sender, *, idle_seconds: float) -> None:
    """What a pool process does around two tasks: the first one ends, ``idle_seconds`` pass,
    the next one starts and runs its first query."""
    from celery import signals
    from django.db import connection

    from workbench import celery as worker_setup

    connection.ensure_connection()
    worker_setup.close_old_database_connections(sender=sender, signal=signals.task_postrun)
    worker_setup._last_task_finished[0] -= idle_seconds
    worker_setup.close_old_database_connections(sender=sender, signal=signals.task_prerun)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 2")


def test_back_to_back_import_tasks_skip_the_connection_health_check(health_checks):
    from claims.tasks import import_item_task

    _task_then_first_query(import_item_task, idle_seconds=0)
    assert health_checks == []


def test_a_connection_idle_for_a_while_is_checked_before_use(health_checks):
    from claims.tasks import import_item_task

    _task_then_first_query(import_item_task, idle_seconds=5)
    assert health_checks == [1]


def test_other_tasks_are_checked_even_back_to_back(health_checks):
    from claims.tasks import notification_email_task

    _task_then_first_query(notification_email_task, idle_seconds=0)
    assert health_checks == [1]
