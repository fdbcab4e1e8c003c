"""A real Celery worker in a subprocess, on the test database and the real broker.

Eager mode runs tasks in the test process and proves nothing about acks, redelivery or
serialisation; these tests start ``celery worker`` for real.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from workbench.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


def database_url_for_test_db() -> str:
    s = connection.settings_dict
    user = s.get("USER") or "postgres"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host = s.get("HOST") or "127.0.0.1"
    port = s.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{s['NAME']}"


@contextmanager
def celery_worker(
    *,
    concurrency: int = 2,
    extra_env: dict | None = None,
    log_path=None,
    queue: str = "",
    beat_schedule=None,
    matching: bool = False,
):
    """Start a worker on a queue of its own (no stale messages from other runs) and yield the
    process; stop it at the end. The test process sends to the same queue. Pass ``queue`` (the
    ``CELERY_QUEUE`` of an earlier worker's env) to restart a worker on the same queue, and
    ``beat_schedule`` (a file path) to run beat inside the worker, as production's beat does;
    ``matching`` to consume a matching queue of its own too, where the matching tasks go."""
    queue = queue or f"test-{uuid.uuid4().hex[:8]}"
    previous_queue = celery_app.conf.task_default_queue
    previous_routes = celery_app.conf.task_routes
    celery_app.conf.task_default_queue = queue
    queues = [queue]
    env = {
        **os.environ,
        "DATABASE_URL": database_url_for_test_db(),
        "CELERY_QUEUE": queue,
        "PYTHONPATH": str(ROOT),
        **(extra_env or {}),
    }
    if matching:
        # The matching tasks' own queue, unique to this worker too, as production routes them.
        matching_queue = f"{queue}-matching"
        queues.append(matching_queue)
        env["CELERY_MATCHING_QUEUE"] = matching_queue
        celery_app.conf.task_routes = {"claims.tasks.match_*": {"queue": matching_queue}}
        _reload_routes()
    log = open(log_path or os.devnull, "wb")  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "workbench",
            "worker",
            "-Q",
            ",".join(queues),
            f"--concurrency={concurrency}",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            *(["-B", "-s", str(beat_schedule)] if beat_schedule else []),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        yield proc
    finally:
        celery_app.conf.task_default_queue = previous_queue
        celery_app.conf.task_routes = previous_routes
        _reload_routes()
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        log.close()


def _reload_routes() -> None:
    """Make the app route by ``conf.task_routes`` as it is now: the router it built on first
    use keeps the routes it was made with."""
    celery_app.amqp.flush_routes()
    celery_app.amqp.__dict__.pop("router", None)


def wait_for(predicate, *, timeout: float = 60.0, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")
