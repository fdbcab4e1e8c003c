"""Settings come from the environment; production refuses to start insecurely."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from claims import workflow
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[1]


def _manage(*args, **env):
    # A deployment has none of the test run's own switches (DJANGO_ALLOW_ASYNC_UNSAFE...).
    ignored = ("SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")
    base = {k: v for k, v in os.environ.items() if k not in ignored}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", DEBUG="False", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_check_deploy_is_clean_under_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY="a-real-secret-key-for-this-test-only-0123456789-abcdefghijklmnop",
        ALLOWED_HOSTS="workbench.example.org",
        CSRF_TRUSTED_ORIGINS="https://workbench.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_embedded_default_is_sqlite_with_wal_and_filesystem_broker(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "CELERY_BROKER_URL", "DEBUG", "SECRET_KEY")
    }
    env["WORKBENCH_VAR_DIR"] = str(tmp_path)
    code = (
        "import django; django.setup();"
        "from django.conf import settings as s; from django.db import connection as c;"
        "c.ensure_connection(); cur = c.cursor(); cur.execute('PRAGMA journal_mode');"
        "print(s.DATABASES['default']['ENGINE'], cur.fetchone()[0],"
        "      s.CELERY_BROKER_URL, s.TIME_ZONE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "DJANGO_SETTINGS_MODULE": "workbench.settings"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.sqlite3", "wal", "filesystem://", "UTC"]
    assert (tmp_path / "broker" / "queue").is_dir()


def test_the_workflow_rules_are_not_an_authentication_backend(db):
    """``workflow.can`` is the one question; ``user.has_perm`` knows nothing of the rules."""
    annotator = UserFactory(roles=["annotator"])
    assert workflow.can(annotator, "add_claim")
    assert not annotator.has_perm("claims.add_claim")


def test_a_dot_env_file_sets_the_var_dir_too(tmp_path):
    """Every setting, WORKBENCH_VAR_DIR included, may come from the .env file."""
    shutil.copytree(ROOT / "workbench", tmp_path / "workbench")
    (tmp_path / ".env").write_text(f"WORKBENCH_VAR_DIR={tmp_path / 'elsewhere'}\n")
    environment = {k: v for k, v in os.environ.items() if k != "WORKBENCH_VAR_DIR"}
    result = subprocess.run(
        [sys.executable, "-c", "import workbench.settings as s; print(s.VAR_DIR)"],
        cwd=tmp_path,
        env={**environment, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == str(tmp_path / "elsewhere")
