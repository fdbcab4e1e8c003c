"""The API's list pages read their order from an index, so a page costs the same at 100 rows
or 100,000: on PostgreSQL, each page query's plan (with table scans ruled out, as the planner
does on a large table) walks an index in the page's order and sorts nothing.

``bench/api.py`` measures the same lists at 100,000 claims; this keeps the indexes and the
querysets from drifting apart without a large table in the test run.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.models import ClaimStatus
from tests.api.helpers import key_header, make_factcheck, make_key
from tests.factories import ClaimFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SINCE = "updated_since=2020-01-01T00:00:00Z&ordering=-updated_at"
# (url, whether a newsroom key asks (else an editor), the index the page must be read from)
LISTS = [
    ("/api/v1/fact-checks/?page_size=50", True, "claim_published_newest_idx"),
    ("/api/v1/fact-checks/?include_retracted=true", True, "claim_public_published_idx"),
    (f"/api/v1/fact-checks/?{SINCE}", True, "claim_public_updated_idx"),
    ("/api/v1/claims/?limit=50", False, "claim_created_idx"),
    ("/api/v1/claims/?status=queued&status=new&limit=50", False, "claim_created_idx"),
]


# A handful of rows would rightly be sorted in memory; what matters is that a large table need
# not be: with table scans and sorts priced out, the planner takes an index in the page's order
# if there is one, and sorts only if there is none.
SETTINGS = ("enable_seqscan", "enable_bitmapscan", "enable_sort", "enable_incremental_sort")


def _page_query(queries) -> str:
    (sql,) = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "claims_claim"."id"') and " LIMIT " in q["sql"]
    ]
    return sql


def _plan(sql: str) -> str:
    with connection.cursor() as cursor:
        for setting in SETTINGS:
            cursor.execute(f"SET {setting} = off")
        try:
            cursor.execute("EXPLAIN " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            for setting in SETTINGS:
                cursor.execute(f"RESET {setting}")


@pytest.mark.parametrize(("url", "as_key", "index"), LISTS)
def test_a_list_page_is_read_in_order_from_an_index(client, editor, url, as_key, index):
    cache.clear()
    for _ in range(3):
        make_factcheck()
    make_factcheck(status=ClaimStatus.RETRACTED)
    ClaimFactory.create_batch(5)
    headers = key_header(make_key()[1]) if as_key else {}
    if not as_key:
        client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    plan = _plan(_page_query(queries))
    assert f"using {index} on claims_claim" in plan, plan
    assert "Sort" not in plan, plan
    assert "Unique" not in plan, plan  # no DISTINCT: no filter here can repeat a row
