"""Article texts and import payloads are stored compressed with lz4 on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from claims.models import Article, ImportItem, ImportSource
from claims.services.import_items import import_item_process
from claims.services.import_jobs import import_job_create

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

# Long and repetitive enough that PostgreSQL compresses it (over 2 kB).
TEXT = " ".join(
    f"Prices rose {n}.5 percent in March, the fastest pace in {n} years, the agency said."
    for n in range(2, 60)
)


def _compression(table: str, column: str, row_id: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT pg_column_compression({column}) FROM {table} WHERE id = %s",
            [row_id],
        )
        return cursor.fetchone()[0]


def test_an_imported_article_and_its_item_are_stored_with_lz4(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source=ImportSource.API, records=[{"text": TEXT}])
    item = job.items.get()
    assert _compression(ImportItem._meta.db_table, "payload", item.id) == "lz4"
    import_item_process(item_id=item.id)
    article = Article.objects.get()
    assert article.text == TEXT, "read back whole"
    assert _compression(Article._meta.db_table, "text", article.id) == "lz4"
