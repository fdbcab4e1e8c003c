"""The index entries an import writes: the machine's proposals (no author, no slug) take none in
the indexes of claims marked by hand or published, and an item none in a second index of its
job; the remaining indexes still answer the questions the dropped ones did."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from claims.models import Claim, ImportItem, ImportJob, ImportSource
from tests.api.helpers import make_factcheck
from tests.factories import ClaimFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _index_definitions(model=Claim) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s",
            [model._meta.db_table],
        )
        return dict(cursor.fetchall())


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("RESET enable_seqscan")


def test_claims_without_author_or_slug_are_left_out_of_those_indexes():
    definitions = _index_definitions()
    assert definitions["claim_created_by_idx"].endswith("WHERE (created_by_id IS NOT NULL)")
    assert definitions["claim_unique_slug"].endswith("WHERE (slug IS NOT NULL)")
    # No other index on either column holds every claim.
    assert not [
        name
        for name, definition in definitions.items()
        if ("(created_by_id)" in definition or "(slug)" in definition) and "WHERE" not in definition
    ]


def test_a_users_marked_claims_are_read_from_the_partial_index():
    user = UserFactory()
    ClaimFactory(created_by=user)
    plan = _plan(Claim.objects.filter(created_by=user).values("id"))
    assert "claim_created_by_idx" in plan, plan


def test_two_published_claims_still_cannot_share_a_slug():
    first = make_factcheck()
    second = make_factcheck(text="Prices rose 7.5 percent in March, the fastest in 40 years")
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(id=second.id).update(slug=first.slug)
    assert Claim.objects.get(id=second.id).slug != first.slug
    plan = _plan(Claim.objects.filter(slug=first.slug).values("id"))
    assert "claim_unique_slug" in plan, plan


def test_an_items_job_is_indexed_once_and_its_items_read_from_that_index():
    definitions = _index_definitions(ImportItem).values()
    assert [d for d in definitions if "(job_id" in d] == [
        d for d in definitions if "import_item_unique_position" in d
    ]
    job = ImportJob.objects.create(source=ImportSource.API)
    plan = _plan(ImportItem.objects.filter(job=job).values("id"))
    assert "import_item_unique_position" in plan, plan
    # Deleting a job (CASCADE) finds its items the same way.
    plan = _plan(ImportItem.objects.filter(job_id__in=[job.id]).values("id"))
    assert "import_item_unique_position" in plan, plan
