"""Property-based API tests with schemathesis against our own /api/schema/.

Every operation, reads and writes, is called with generated requests, once as an admin
(session, with a CSRF token, as the browser sends it) and once as a newsroom key: no 5xx, and
every answer (status, content type, headers, body) must match the schema. Each operation is
its own test in its own transaction, so writes cannot pile up between operations, and the
examples are derandomized and few per operation (``MAX_EXAMPLES``) so the run is the same on
every CI run and stays within a few minutes on two cores.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.middleware.csrf import get_token
from django.test import RequestFactory
from hypothesis import HealthCheck, settings
from schemathesis import checks

from claims.models import ClaimStatus
from tests.api.helpers import ALL_SCOPES, key_header, make_factcheck, make_key
from tests.factories import UserFactory

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]
MAX_EXAMPLES = 25
HYPOTHESIS = settings(
    max_examples=MAX_EXAMPLES,
    deadline=5000,  # ms per example; a hung request fails instead of stalling the run
    derandomize=True,  # the same examples on every CI run: a failure reproduces
    database=None,  # no example database: what ran before does not change what runs next
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # each operation is one test, one transaction
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@pytest.fixture
def api_schema(db):
    from workbench.wsgi import application

    # Calling the WSGI app directly fires request_started/finished, whose
    # close_old_connections would drop the test's connection mid-transaction (on PostgreSQL
    # the next query fails with "the connection is closed"). Django's test client unhooks it
    # the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/", application)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def data(db, settings):
    settings.NEWSROOM_API_THROTTLE_RATE = "1000000/min"
    settings.ANONYMOUS_API_THROTTLE_RATE = "1000000/min"
    cache.clear()
    make_factcheck()
    make_factcheck(corrected=True, rating="unproven")
    make_factcheck(status=ClaimStatus.RETRACTED)
    make_factcheck(status=ClaimStatus.IN_REVIEW)


@pytest.fixture
def admin_session(client, data):
    """Cookies and header of a logged-in admin's browser: writes need the CSRF token."""
    client.force_login(UserFactory(username="schemathesis-admin", roles=["admin"]))
    csrf = get_token(RequestFactory().get("/"))
    return {
        "cookies": {"sessionid": client.cookies["sessionid"].value, "csrftoken": csrf},
        "headers": {"X-CSRFToken": csrf},
    }


@pytest.fixture
def newsroom_headers(data):
    return {"Authorization": key_header(make_key(scopes=ALL_SCOPES)[1])["HTTP_AUTHORIZATION"]}


@schema.parametrize()
@HYPOTHESIS
def test_api_as_admin(case, admin_session):
    case.call_and_validate(**admin_session, checks=CHECKS)


@schema.parametrize()
@HYPOTHESIS
def test_api_as_newsroom_key(case, newsroom_headers):
    case.call_and_validate(headers=newsroom_headers, checks=CHECKS)
