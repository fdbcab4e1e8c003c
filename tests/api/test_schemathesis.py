"""Property-based API tests with schemathesis against our own /api/schema/.

Every GET operation is called with at least 100 generated requests, once as an admin (session)
and once as a newsroom key: no 5xx, and every answer (status, content type, headers, body)
must match the schema. Only GET is generated: random writes would create jobs, claims and
transitions by the thousand, multiplying the run time and making later examples depend on
earlier ones; the writes' access rules are covered by ``test_api_matrix`` and their behaviour
by the services' tests. Runs in about a minute on two cores.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
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
HYPOTHESIS = settings(
    max_examples=100,
    deadline=2000,  # ms per example; a hung request fails instead of stalling the run
    derandomize=True,  # the same examples on every CI run: a failure reproduces
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the data is read-only for GETs: sharing is fine
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
    cache.clear()
    make_factcheck()
    make_factcheck(corrected=True, rating="unproven")
    make_factcheck(status=ClaimStatus.RETRACTED)
    make_factcheck(status=ClaimStatus.IN_REVIEW)


@pytest.fixture
def admin_cookies(client, data):
    client.force_login(UserFactory(username="schemathesis-admin", roles=["admin"]))
    return {"sessionid": client.cookies["sessionid"].value}


@pytest.fixture
def newsroom_headers(data):
    return {"Authorization": key_header(make_key(scopes=ALL_SCOPES)[1])["HTTP_AUTHORIZATION"]}


@schema.include(method="GET").parametrize()
@HYPOTHESIS
def test_api_as_admin(case, admin_cookies):
    case.call_and_validate(cookies=admin_cookies, checks=CHECKS)


@schema.include(method="GET").parametrize()
@HYPOTHESIS
def test_api_as_newsroom_key(case, newsroom_headers):
    case.call_and_validate(headers=newsroom_headers, checks=CHECKS)
