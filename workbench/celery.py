import logging
import os
import time

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")

app = Celery("workbench")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


# Tasks that run back to back skip the connection's health check (a "SELECT 1" round trip
# before the first query): a connection used less than a second ago is taken to be alive.
# Only tasks that retry a database gone away (OperationalError) on their own: if it did go away
# in that second, they give their row back and try again, as when it goes away mid-task.
BACK_TO_BACK_SECONDS = 1.0
BACK_TO_BACK_TASKS = frozenset({"claims.tasks.import_item_task", "claims.tasks.import_items_task"})
_last_task_finished = [float("-inf")]


@signals.task_prerun.connect
@signals.task_postrun.connect
def close_old_database_connections(sender=None, signal=None, **kwargs) -> None:
    """A task is a request: the connection it found is kept by Django's rules for requests
    (closed past CONN_MAX_AGE, after an error, or if left outside autocommit; checked before
    reuse with CONN_HEALTH_CHECKS, except between back-to-back tasks, above), now that Celery
    no longer closes it (CELERY_DB_REUSE_MAX).
    A task run in the caller's process (``apply()``) uses the caller's connection: left alone.
    """
    # Imported when the signal fires: this module is loaded while Django is still starting.
    from django.db import close_old_connections, connections

    if getattr(getattr(sender, "request", None), "is_eager", False):
        return
    close_old_connections()
    if signal is signals.task_postrun:
        _last_task_finished[0] = time.monotonic()
    elif (
        getattr(sender, "name", None) in BACK_TO_BACK_TASKS
        and time.monotonic() - _last_task_finished[0] < BACK_TO_BACK_SECONDS
    ):
        for connection in connections.all(initialized_only=True):
            connection.health_check_done = True


@signals.worker_init.connect
def load_import_models(**kwargs) -> None:
    """Load what every import task needs once, in the worker's main process, before the pool
    forks: each pool process (and each one that replaces a grown one) inherits it instead of
    spending ~0.9 s of CPU on it with its first article."""
    # Imported when the worker starts: the app's modules need Django's apps to be ready.
    from claims.extraction import extract_claims
    from claims.ingest.html import html_to_text  # noqa: F401 - imports trafilatura
    from claims.ingest.language import detect_language

    sample = "More than 1 million people have fled the region since March, the UN said."
    try:
        detect_language(sample)
        extract_claims(sample)
    except Exception:
        # A model that does not load must not stop the worker (webhooks, snapshots): the
        # import items fail one by one with the error, as they would without this.
        logging.getLogger(__name__).exception("Loading the import models failed")
