"""Login limits: a user name tried from one address, and password spraying (one wrong
password on each of many user names) from one address, lock that address out."""

import pytest

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery staple"


def _login(client, username, password, address):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_password_spraying_locks_the_client_address_out(client):
    moritz = UserFactory(username="moritz")
    for n in range(30):
        _login(client, f"user{n}", "Winter2026!", "198.51.100.7")

    refused = _login(client, moritz.username, PASSWORD, "198.51.100.7")
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    # The lockout is the sprayer's address, not the account.
    assert _login(client, moritz.username, PASSWORD, "198.51.100.8").status_code == 302


def test_a_few_typos_do_not_lock_anyone_out(client, settings):
    moritz = UserFactory(username="moritz")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, moritz.username, "typo", "198.51.100.7")
    assert _login(client, moritz.username, PASSWORD, "198.51.100.7").status_code == 302


def test_the_forwarded_header_is_trusted_only_behind_a_configured_proxy(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    UserFactory(username="moritz")
    for n in range(30):
        client.post(
            "/login/",
            {"username": f"user{n}", "password": "Winter2026!"},
            REMOTE_ADDR="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{n}",
        )
    refused = client.post(
        "/login/",
        {"username": "moritz", "password": PASSWORD},
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="203.0.113.200",
    )
    assert refused.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_locked_out(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="moritz")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for n in range(30):
        client.post(
            "/login/",
            {"username": f"user{n}", "password": "Winter2026!"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
            **proxy,
        )
    sprayer = client.post(
        "/login/",
        {"username": "moritz", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    colleague = client.post(
        "/login/",
        {"username": "moritz", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.8",
        **proxy,
    )
    assert sprayer.status_code == 429
    assert colleague.status_code == 302
