"""What one imported article costs the database: a fixed number of statements, whatever the
number of its claims and quantities, and a commit that does not wait for the disk."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from claims.models import Article, ImportItem, ImportSource, ItemStatus
from claims.services import import_items
from claims.services.import_items import ClaimedItem, import_item_process
from claims.services.import_jobs import import_job_create

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SENTENCES = [
    "More than 1 million people have fled Ukraine since the invasion began, the UN said.",
    "Prices rose 7.5 percent in March, the fastest pace in 40 years, the agency reported.",
    "Enerhodar accounts for about one-quarter of the country's power generation.",
    "The company cut 12,000 jobs in 2021 and a further 3,500 in 2022, its chief executive said.",
    "Unemployment fell to 3.6 percent in May from 3.8 percent a year earlier, officials said.",
    "The city spent $4.2 million on the bridge, twice what the council had approved in 2019.",
]
# The statements of a new article: claim the item, look for the same article, then in one
# transaction the article with its claims' ids, the claims, the quantities, and the item's outcome
# with the job's counter (BEGIN and COMMIT, or a savepoint inside a test's transaction, included).
STATEMENTS = 8


def _imported(texts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source=ImportSource.API, records=[{"text": t} for t in texts])
    counts = []
    for item_id in job.items.order_by("position").values_list("id", flat=True):
        with CaptureQueriesContext(connection) as queries:
            import_item_process(item_id=item_id)
        counts.append(len(queries.captured_queries))
    return counts


def test_an_article_costs_the_same_statements_whatever_its_number_of_claims(
    django_capture_on_commit_callbacks,
):
    texts = [" ".join(SENTENCES[:1]), " ".join(SENTENCES[:3]), " ".join(SENTENCES * 4)]
    counts = _imported(texts, django_capture_on_commit_callbacks)
    claims = [a.claims.count() for a in Article.objects.order_by("id")]
    assert claims[0] < claims[1] < claims[2], claims
    assert counts == [STATEMENTS] * len(texts), counts


def test_a_duplicate_costs_fewer_statements_than_a_new_article(
    django_capture_on_commit_callbacks,
):
    text = " ".join(SENTENCES[:3])
    new, duplicate = _imported([text, text], django_capture_on_commit_callbacks)
    assert new == STATEMENTS
    assert duplicate < new
    assert ImportItem.objects.filter(status=ItemStatus.DUPLICATE).count() == 1


def _synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def test_an_items_outcome_commits_without_waiting_for_the_disk(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source=ImportSource.API, records=[{"text": SENTENCES[0]}])
    item = job.items.get()
    # Claimed by the ORM, not by _claim, which relaxes its own (here: the test's) transaction.
    ImportItem.objects.filter(id=item.id).update(status=ItemStatus.RUNNING, attempts=1)
    claimed = ClaimedItem(item.id, job.id, item.kind, item.source, item.payload, attempts=1)
    with transaction.atomic():
        assert _synchronous_commit() == "on"
        import_items._finish(claimed, ItemStatus.DONE, message="done")
        assert _synchronous_commit() == "off"
    item.refresh_from_db()
    assert (item.status, item.message) == (ItemStatus.DONE, "done")


def test_an_imported_article_sends_one_matching_message_whatever_its_number_of_claims(
    monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(
        "claims.services.dispatch._send", lambda name, args: sent.append((name, *args))
    )
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source=ImportSource.API, records=[{"text": " ".join(SENTENCES)}])
    with django_capture_on_commit_callbacks(execute=True):
        import_item_process(item_id=job.items.get().id)
        assert sent == [], "nothing leaves before the commit"
    article = Article.objects.get()
    assert article.claims.count() > 3
    assert sent == [("claims.tasks.match_article_task", article.id)]
