"""Limits that hold: per key across web processes, and per client address for requests
without valid credentials (anonymous, a wrong key)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from claims.api.throttling import NewsroomKeyThrottle
from tests.api.helpers import key_header, make_factcheck, make_key

LIST = "/api/v1/fact-checks/"
ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _rates(settings):
    settings.ANONYMOUS_API_THROTTLE_RATE = "3/min"
    settings.NEWSROOM_API_THROTTLE_RATE = "1000/min"


def test_anonymous_requests_are_throttled_per_client_address(client):
    for _ in range(3):
        assert client.get(LIST, REMOTE_ADDR="198.51.100.7").status_code == 401
    refused = client.get(LIST, REMOTE_ADDR="198.51.100.7")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert client.get(LIST, REMOTE_ADDR="198.51.100.8").status_code == 401


def test_wrong_keys_are_throttled_per_client_address(client):
    _, key = make_key()
    wrong = key_header(key[:-1] + ("x" if key[-1] != "x" else "y"))
    for _ in range(3):
        assert client.get(LIST, REMOTE_ADDR="198.51.100.7", **wrong).status_code == 401
    assert client.get(LIST, REMOTE_ADDR="198.51.100.7", **wrong).status_code == 429
    # A valid key from the same address has its own budget.
    assert client.get(LIST, REMOTE_ADDR="198.51.100.7", **key_header(key)).status_code == 200


def test_a_forged_forwarded_header_does_not_get_a_fresh_budget(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(3):
        client.get(LIST, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    refused = client.get(LIST, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert refused.status_code == 429


def test_behind_a_trusted_proxy_clients_are_told_apart_by_the_forwarded_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(3):
        client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy)
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code == 429
    assert client.get(LIST, HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy).status_code == 401


def test_staff_sessions_are_not_throttled_by_address(client, annotator):
    make_factcheck()
    client.force_login(annotator)
    for _ in range(5):
        assert client.get(LIST).status_code == 200


def test_default_cache_is_the_brokers_redis_when_no_cache_url_is_set():
    ignored = ("CACHE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in ignored}
    code = (
        "import json, django; django.setup(); from django.conf import settings as s;"
        "print(json.dumps(s.CACHES['default']))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **env,
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/7",
            "DJANGO_SETTINGS_MODULE": "workbench.settings",
        },
    )
    assert result.returncode == 0, result.stderr
    default = json.loads(result.stdout.strip().splitlines()[-1])
    assert default["BACKEND"] == "workbench.redis_cache.PrefixedRedisCache"
    assert default["LOCATION"] == "redis://127.0.0.1:6379/7"


@pytest.mark.redis
def test_newsroom_throttle_counts_are_shared_between_processes(client):
    """Another web process (here: a fresh interpreter) sees this one's count for the key."""
    _, key = make_key(name="busy")
    for _ in range(3):
        assert client.get(LIST, **key_header(key)).status_code == 200
    cache_key = NewsroomKeyThrottle.cache_format % {
        "scope": NewsroomKeyThrottle.scope,
        "ident": key.partition(".")[0],
    }
    code = (
        "import sys, django; django.setup(); from django.core.cache import cache;"
        "print(len(cache.get(sys.argv[1], [])))"
    )
    env = {k: v for k, v in os.environ.items() if k != "CACHE_URL"}
    result = subprocess.run(
        [sys.executable, "-c", code, cache_key],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **env,
            "CELERY_BROKER_URL": django_settings.CELERY_BROKER_URL,
            "DJANGO_SETTINGS_MODULE": "workbench.settings",
        },
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "3"


@pytest.mark.redis
def test_clearing_the_cache_leaves_the_brokers_keys_alone():
    import redis

    broker = redis.Redis.from_url(django_settings.CELERY_BROKER_URL)
    broker.set("test-broker-owned-key", "queued task")
    cache.set("throttle-entry", [1, 2, 3])
    try:
        cache.clear()
        assert cache.get("throttle-entry") is None
        assert broker.get("test-broker-owned-key") == b"queued task"
    finally:
        broker.delete("test-broker-owned-key")
