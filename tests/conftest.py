"""Shared fixtures: personas, one per role, and access to the real services.

Tests marked ``postgres``, ``redis`` or ``browser`` run when the service is there and are
skipped with the reason otherwise; so are tests marked ``native`` without a fresh compiled build
of extraction (make native). CI sets WORKBENCH_REQUIRE_SERVICES=1, which turns such a skip into
a failure, so a missing install step cannot hide behind a green run.

Tests marked ``plain_python`` replace a function inside claims.extraction (a compiled module
calls its neighbours directly and would not see it): they are skipped where the compiled build
runs, and make test runs them again in a pass of their own under CLAIMS_EXTRACTION_PURE=1.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection

import claims.extraction as claims_extraction
from claims.extraction import native as extraction_native
from tests.factories import UserFactory

CHROMIUM = Path("/usr/bin/chromium")
SHARED_DATA = Path(
    os.environ.get("WORKBENCH_SHARED_DATA")
    or Path(__file__).resolve().parents[1].parent / "shared" / "data"
)


def pytest_configure(config):
    # The data-driven tests (the seed article, the golden rules, the evaluation targets) skip
    # without ../shared/data on a developer's machine; in CI that would hide them, so refuse.
    if os.environ.get("WORKBENCH_REQUIRE_SERVICES") == "1" and not SHARED_DATA.is_dir():
        raise pytest.UsageError(
            f"the shared data folder is missing at {SHARED_DATA} "
            "(required: WORKBENCH_REQUIRE_SERVICES=1)"
        )


def _missing_service(marker: str) -> str | None:
    if marker == "native" and not extraction_native.build_is_fresh():
        return "needs the compiled build of extraction: run make native"
    if marker == "postgres" and connection.vendor != "postgresql":
        return "needs PostgreSQL: set DATABASE_URL=postgres://..."
    if marker == "redis" and not settings.CELERY_BROKER_URL.startswith("redis://"):
        return "needs Redis: set CELERY_BROKER_URL=redis://..."
    if marker == "browser" and not CHROMIUM.exists():
        return "needs Chromium at /usr/bin/chromium (apt-get install chromium)"
    return None


def pytest_runtest_setup(item):
    if item.get_closest_marker("plain_python") is not None and claims_extraction.COMPILED:
        pytest.skip("replaces a function inside extraction: runs in the plain-Python pass")
    for marker in ("postgres", "redis", "browser", "native"):
        if item.get_closest_marker(marker) is None:
            continue
        reason = _missing_service(marker)
        if reason is None:
            continue
        if os.environ.get("WORKBENCH_REQUIRE_SERVICES") == "1":
            pytest.fail(f"{reason} (required: WORKBENCH_REQUIRE_SERVICES=1)")
        pytest.skip(reason)


@pytest.fixture(autouse=True)
def _migration_data_in_transactional_tests(request):
    """Transactional tests empty every table when they end, which also removes what the data
    migrations created (roles, the default rating scale). Put it back before each such test,
    with the migration's own idempotent function, so no test depends on the order of others.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    seed = importlib.import_module("claims.migrations.0002_roles_and_default_rating_scale")
    seed.create_roles_and_scale(django_apps, None)
    lockouts = importlib.import_module("claims.migrations.0010_access_hardening")
    lockouts.grant_lockout_permissions(django_apps, None)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API throttles count in the cache (Redis when the broker is): each test starts and
    ends with none, whichever test ran before it."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_match_indexes():
    """The matching indexes live in the process and are built from the database: each test
    starts and ends with none, so no test sees the rows of one rolled back before it."""
    from claims.services import match_indexes

    match_indexes.live_indexes_reset()
    yield
    match_indexes.live_indexes_reset()


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"needs the shared data at {SHARED_DATA}")
    return SHARED_DATA


# Personas, one per role (healthchecks style): Anna annotates, Moritz researches,
# Edith edits, Ada administers, and Carl has an account but no role.
@pytest.fixture
def annotator(db):
    return UserFactory(username="anna", roles=["annotator"])


@pytest.fixture
def moderator(db):
    return UserFactory(username="moritz", roles=["moderator"])


@pytest.fixture
def other_moderator(db):
    return UserFactory(username="mona", roles=["moderator"])


@pytest.fixture
def editor(db):
    return UserFactory(username="edith", roles=["editor"])


@pytest.fixture
def other_editor(db):
    return UserFactory(username="emil", roles=["editor"])


@pytest.fixture
def admin_user(db):
    return UserFactory(username="ada", roles=["admin"], is_staff=True)


@pytest.fixture
def no_role_user(db):
    return UserFactory(username="carl", roles=[])
