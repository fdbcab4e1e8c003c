"""The import path: records in, articles with claims out, idempotent and honest about failure."""

import pytest

from claims.models import Article, ArticleRevision, Claim, ImportItem, ImportSource, ItemStatus
from claims.services.import_items import import_item_process
from claims.services.import_jobs import import_job_create

pytestmark = pytest.mark.django_db

ENERHODAR = (
    "Russian forces are battling for control of Enerhodar, a crucial energy-producing city on "
    "the Dnieper River that accounts for about one-quarter of the country's power generation. "
    "More than 1 million people have fled Ukraine since the invasion began, the UN said."
)


def _run(job):
    for item_id in job.items.values_list("id", flat=True):
        import_item_process(item_id=item_id)
    job.refresh_from_db()
    return job


def _import(records, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = import_job_create(source=ImportSource.API, records=records)
    assert len(callbacks) == 1, "items are enqueued once, after commit"
    return _run(job)


def test_records_become_articles_with_claims_and_quantities(django_capture_on_commit_callbacks):
    job = _import(
        [
            {
                "text": ENERHODAR,
                "title": "Enerhodar",
                "url": "https://news.example.org/e?utm_source=x",
                "published": "2022-03-03",
                "outlet": "Example News",
            }
        ],
        django_capture_on_commit_callbacks,
    )
    assert (job.total, job.done, job.duplicate, job.failed) == (1, 1, 0, 0)
    assert job.finished_at is not None
    article = Article.objects.get()
    assert article.canonical_url == "https://news.example.org/e"
    assert article.outlet.name == "Example News"
    claims = list(article.claims.all())
    assert claims, "the extractor found the claims"
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.quote
    quarter = [q for c in claims for q in c.quantities.all() if q.value == 0.25]
    assert quarter
    assert quarter[0].qualifier == "about"
    assert job.items.get().claims_found == len(claims)


def test_importing_the_same_article_twice_adds_no_row(django_capture_on_commit_callbacks):
    record = {"text": ENERHODAR, "url": "https://news.example.org/e"}
    _import([record], django_capture_on_commit_callbacks)
    counts = (Article.objects.count(), Claim.objects.count())
    job = _import([record, dict(record, url="")], django_capture_on_commit_callbacks)
    assert (job.done, job.duplicate) == (0, 2)
    assert (Article.objects.count(), Claim.objects.count()) == counts
    assert "Already imported as article" in job.items.first().message


def test_processing_an_item_twice_changes_nothing(django_capture_on_commit_callbacks):
    job = _import([{"text": ENERHODAR}], django_capture_on_commit_callbacks)
    item = job.items.get()
    import_item_process(item_id=item.id)  # a redelivered message
    job.refresh_from_db()
    assert (job.done, job.duplicate, job.failed) == (1, 0, 0)
    assert Article.objects.count() == 1


def test_a_bad_record_fails_with_a_message_and_the_rest_import(
    django_capture_on_commit_callbacks,
):
    job = _import(
        [{"title": "no text"}, {"text": ENERHODAR}, {"text": "x", "published": "yesterday"}],
        django_capture_on_commit_callbacks,
    )
    assert (job.done, job.failed) == (1, 2)
    messages = list(job.items.filter(status=ItemStatus.FAILED).values_list("message", flat=True))
    assert any("has no text" in m for m in messages)
    assert any("ISO 8601" in m for m in messages)


def test_a_changed_article_keeps_a_revision_and_reanchors_its_claims(
    django_capture_on_commit_callbacks,
):
    url = "https://news.example.org/e"
    _import([{"text": ENERHODAR, "url": url}], django_capture_on_commit_callbacks)
    article = Article.objects.get()
    claim = article.claims.get(quote__contains="Enerhodar")
    vanished = article.claims.exclude(id=claim.id).first()
    changed = "UPDATED: " + ENERHODAR.replace(vanished.quote, "The UN gave no figure.")
    job = _import([{"text": changed, "url": url}], django_capture_on_commit_callbacks)
    assert job.done == 1
    article.refresh_from_db()
    assert article.revision == 2
    assert ArticleRevision.objects.get(article=article).text == ENERHODAR
    claim.refresh_from_db()
    assert article.text[claim.start : claim.end] == claim.quote
    assert claim.start == ENERHODAR.index("Russian") + len("UPDATED: ")
    assert not claim.source_changed
    vanished.refresh_from_db()
    assert vanished.source_changed, "a claim whose quote is gone is flagged, not deleted"


def test_a_worker_whose_lease_ran_out_does_not_count_the_item_twice(
    django_capture_on_commit_callbacks,
):
    from datetime import timedelta

    from claims.services import import_items

    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source=ImportSource.API, records=[{"text": ENERHODAR}])
    item = job.items.get()
    # Worker A takes the item and stalls past its lease...
    stale = import_items._claim(item.id)
    assert stale is not None
    assert stale.attempts == 1
    ImportItem.objects.filter(id=item.id).update(
        started_at=ImportItem.objects.get(id=item.id).started_at
        - import_items.running_lease()
        - timedelta(seconds=1)
    )
    # ...worker B takes it over and imports it...
    import_item_process(item_id=item.id)
    # ...then worker A wakes up and tries to finish: its work is discarded.
    with pytest.raises(import_items.LostLease):
        import_items._store(stale, import_items.article_from_record(stale.payload))
    job.refresh_from_db()
    assert (job.total, job.done, job.duplicate, job.failed) == (1, 1, 0, 0)
    assert Article.objects.count() == 1


def test_the_sweeper_takes_back_lost_items_and_leaves_live_ones(
    django_capture_on_commit_callbacks, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from claims.services.import_items import _claim, import_items_sweep

    def import_item_claim(*, item_id):
        claimed = _claim(item_id)
        return claimed.attempts if claimed else None

    settings.IMPORT_RUNNING_LEASE_SECONDS = 60
    settings.IMPORT_QUEUED_GRACE_SECONDS = 120
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(
            source=ImportSource.API, records=[{"text": f"{ENERHODAR} {i}"} for i in range(4)]
        )
    lost_running, live_running, lost_queued, _fresh_queued = job.items.order_by("position")
    for item in (lost_running, live_running):
        assert import_item_claim(item_id=item.id) == 1
    now = timezone.now()
    ImportItem.objects.filter(id=lost_running.id).update(started_at=now - timedelta(seconds=61))
    ImportItem.objects.filter(id=lost_queued.id).update(enqueued_at=now - timedelta(seconds=121))
    assert sorted(import_items_sweep(now=now)) == sorted([lost_running.id, lost_queued.id])
    assert import_items_sweep(now=now) == [lost_running.id], "a re-sent message has its grace"
    # The lost running item can be claimed again, with a new attempt number.
    assert import_item_claim(item_id=lost_running.id) == 2
    assert import_item_claim(item_id=live_running.id) is None
