"""CI must not pass by skipping the data-driven tests: without ../shared/data it refuses to run."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _collect(**env) -> subprocess.CompletedProcess:
    environment = {**os.environ, "WORKBENCH_SHARED_DATA": "/nonexistent/shared/data", **env}
    environment.pop("WORKBENCH_REQUIRE_SERVICES", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "tests/test_healthz.py"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_missing_shared_data_folder_fails_the_run_when_services_are_required():
    result = _collect(WORKBENCH_REQUIRE_SERVICES="1")
    assert result.returncode != 0
    assert "shared data folder is missing at /nonexistent/shared/data" in (
        result.stdout + result.stderr
    )


def test_a_missing_shared_data_folder_only_skips_on_a_developer_machine():
    assert _collect().returncode == 0
