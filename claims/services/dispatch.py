"""Sending Celery tasks from the services: by name, once the transaction has committed.

The tasks call the services, so a service that imported ``claims.tasks`` to send one would
make an import loop; the services name the task here instead, and the graph runs tasks ->
services -> dispatch. A message goes out only after the rows it names are committed: a worker
that looked for them earlier would find nothing.
"""

from __future__ import annotations

import logging
from contextlib import nullcontext
from functools import partial

from celery import current_app
from django.db import transaction
from kombu.exceptions import KombuError

log = logging.getLogger(__name__)


def send_after_commit(task_name: str, *args) -> None:
    """Send ``task_name(*args)`` when the current transaction commits (at once outside one)."""
    transaction.on_commit(partial(_send, task_name, args))


def _send(task_name: str, args: tuple) -> None:
    _task(task_name).delay(*args)


def _task(name: str):
    # The web process never imports claims.tasks itself (that is the point of sending by
    # name): the first send loads the app's task modules, as a worker does when it starts.
    if name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[name]


def send_each(task_name: str, ids: list, **options) -> bool:
    """One message per id (or per list of ids), sent in batches (one broker round trip per
    thousand messages, on kombu versions that batch), with the ``options`` of apply_async.
    Returns False, having logged why, when the broker cannot be reached: the caller keeps what
    it needs to send them again later."""
    task = _task(task_name)
    try:
        with task.app.producer_or_acquire() as producer:
            batch = getattr(producer, "batch", None)
            with batch(max_size=1000) if batch else nullcontext():
                for id_ in ids:
                    task.apply_async((id_,), producer=producer, **options)
    except (KombuError, OSError) as exc:
        log.warning("Could not send %d %s messages (%s)", len(ids), task_name, exc)
        return False
    return True


def queue_backlog(queue: str = "") -> int | None:
    """Messages waiting in ``queue`` (the default queue), or None when the broker cannot be
    asked."""
    app = current_app
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1)
            try:
                declared = conn.default_channel.queue_declare(
                    queue=queue or app.conf.task_default_queue, passive=True
                )
            except conn.channel_errors:
                return 0  # never declared: nothing was ever sent to it
            return declared.message_count
    except (KombuError, OSError):
        return None
