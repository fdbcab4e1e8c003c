"""The compose file's services run commands that point at modules that exist."""

import importlib
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def _compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _command(service) -> list[str]:
    command = service.get("command", [])
    return shlex.split(command) if isinstance(command, str) else list(command)


def test_compose_has_the_whole_stack_with_health_checks():
    services = _compose()["services"]
    assert set(services) == {"postgres", "redis", "web", "worker", "matcher", "beat"}
    for name in ("postgres", "redis", "web", "worker", "matcher"):
        assert "healthcheck" in services[name], name
    assert "--appendonly" in _command(services["redis"])


def test_app_services_share_one_image_and_are_configured_by_environment():
    services = _compose()["services"]
    for name in ("web", "worker", "matcher", "beat"):
        assert services[name]["build"] == "."
        assert services[name]["image"] == "claim-workbench:latest"
        env = services[name]["environment"]
        assert {"DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= set(env)
        assert env["DEBUG"] == "False"


def _celery_app_module(args: list[str]) -> str:
    return args[args.index("-A") + 1]


def test_every_command_points_at_modules_that_exist():
    services = _compose()["services"]
    web = " ".join(_command(services["web"]))
    wsgi_module, _, attribute = next(
        word for word in web.split() if word.endswith(":application")
    ).partition(":")
    assert hasattr(importlib.import_module(wsgi_module), attribute)
    assert "manage.py migrate" in web
    assert (ROOT / "manage.py").exists()
    for name in ("worker", "matcher", "beat"):
        args = _command(services[name])
        assert args[0] == "celery"
        module = importlib.import_module(_celery_app_module(args))
        assert module.celery_app.main == "workbench"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "workbench.wsgi:application" in dockerfile


def test_web_shares_its_throttle_cache_and_trusts_its_proxy():
    env = _compose()["services"]["web"]["environment"]
    assert env["CACHE_URL"].startswith("redis://redis:")
    assert env["TRUSTED_PROXY_COUNT"] == "${TRUSTED_PROXY_COUNT:-1}"


def test_matching_has_workers_of_its_own_and_make_run_consumes_both_queues():
    from django.conf import settings

    services = _compose()["services"]
    queues = lambda name: _command(services[name])[_command(services[name]).index("-Q") + 1]  # noqa: E731
    assert queues("worker").split(",") == [settings.CELERY_TASK_DEFAULT_QUEUE]
    assert queues("matcher").split(",") == [settings.CELERY_MATCHING_QUEUE]
    run_dev = (ROOT / "scripts" / "run_dev.sh").read_text()
    assert '-Q "$QUEUES"' in run_dev
    assert 'QUEUES="${CELERY_QUEUE:-celery},${CELERY_MATCHING_QUEUE:-matching}"' in run_dev
