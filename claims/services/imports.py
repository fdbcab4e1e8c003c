"""Importing articles: jobs and items in, articles with their claims out.

Every item is processed by its own task. The service claims the item with a conditional
UPDATE, so a message delivered twice (a worker killed after the write, a sweeper re-enqueue)
never processes an item twice, and writes articles under unique constraints, so two items
carrying the same article end as one row.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from datetime import timedelta

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.ingest.html import HtmlExtractionError
from claims.ingest.records import ArticleInput, InvalidRecord, article_from_record
from claims.ingest.urls import canonical_url
from claims.models import (
    Article,
    ImportItem,
    ImportJob,
    ImportSource,
    ItemKind,
    ItemStatus,
    Outlet,
    content_hash,
)
from claims.services.claims import claims_create_from_article, claims_reanchor

log = logging.getLogger(__name__)

# An item still "running" after this long was lost with its worker; the sweeper requeues it.
RUNNING_LEASE = timedelta(minutes=10)
# A queued item nobody picked up in this long lost its message (e.g. the broker restarted).
QUEUED_GRACE = timedelta(minutes=15)


class ItemFailed(Exception):
    """The item cannot be imported; the message is shown to the person who imported it."""


@transaction.atomic
def import_job_create(
    *,
    source: str,
    records: Iterable[Mapping] = (),
    urls: Iterable[str] = (),
    outlet: Outlet | None = None,
    created_by=None,
    label: str = "",
    feed=None,
) -> ImportJob:
    """Create a job with one item per record or URL and enqueue each item after commit."""
    job = ImportJob.objects.create(
        source=source, outlet=outlet, created_by=created_by, label=label, feed=feed
    )
    items = [
        ImportItem(job=job, position=i, kind=ItemKind.URL, source=url.strip()[:2000])
        for i, url in enumerate(urls)
    ]
    offset = len(items)
    for i, record in enumerate(records):
        name = str(record.get("_source") or record.get("url") or record.get("title") or "")
        items.append(
            ImportItem(
                job=job,
                position=offset + i,
                kind=ItemKind.RECORD,
                source=(name or f"record {i + 1}")[:2000],
                payload={k: v for k, v in record.items() if k != "_source"},
            )
        )
    ImportItem.objects.bulk_create(items, batch_size=1000)
    job.total = len(items)
    job.save(update_fields=["total"])
    if not items:
        job.finished_at = timezone.now()
        job.save(update_fields=["finished_at"])
    item_ids = list(job.items.values_list("id", flat=True))
    transaction.on_commit(lambda: _enqueue_items(item_ids))
    return job


def _enqueue_items(item_ids: list[int]) -> None:
    from claims.tasks import import_item_task

    for item_id in item_ids:
        import_item_task.delay(item_id)


def import_item_claim(*, item_id: int) -> bool:
    """Take the item for this worker. False if it is finished or another worker holds it."""
    now = timezone.now()
    claimable = Q(status=ItemStatus.QUEUED) | Q(
        status=ItemStatus.RUNNING, started_at__lt=now - RUNNING_LEASE
    )
    taken = ImportItem.objects.filter(claimable, id=item_id).update(
        status=ItemStatus.RUNNING, started_at=now, attempts=F("attempts") + 1
    )
    return taken == 1


def import_item_process(*, item_id: int, fetch_article=None) -> None:
    """Import one item: parse or fetch it, store the article, extract its claims.

    ``fetch_article(item) -> ArticleInput`` resolves URL items; it may raise a transient error,
    which leaves the item queued for a retry.
    """
    if not import_item_claim(item_id=item_id):
        return
    item = ImportItem.objects.select_related("job__outlet").get(id=item_id)
    try:
        article_input = _article_input_for(item, fetch_article)
        _store(item, article_input)
    except LostLease:
        log.warning("Import item %s finished by another worker; discarding this run", item_id)
    except (ItemFailed, InvalidRecord, HtmlExtractionError, FetchRefused) as exc:
        import_item_fail(item_id=item_id, message=str(exc))
    except (TransientFetchError, OperationalError):
        # Give the item back so the task's retry (or the sweeper) can take it again.
        ImportItem.objects.filter(id=item_id, status=ItemStatus.RUNNING).update(
            status=ItemStatus.QUEUED
        )
        raise
    except Exception:
        # A bug, not the input's fault: record it where the importer sees it and keep the
        # traceback in the log; retrying would fail the same way.
        log.exception("Import item %s failed unexpectedly", item_id)
        import_item_fail(item_id=item_id, message="Internal error while importing; see the log.")


def _article_input_for(item: ImportItem, fetch_article) -> ArticleInput:
    if item.kind == ItemKind.URL:
        if fetch_article is None:
            from claims.ingest.fetching import fetch_article as fetch_article
        return fetch_article(item.source)
    from claims.ingest.html import html_to_text

    return article_from_record(item.payload, html_to_text=html_to_text)


def _outlet_for(item: ImportItem, article_input: ArticleInput) -> Outlet | None:
    if item.job.outlet_id:
        return item.job.outlet
    if not article_input.outlet:
        return None
    name = article_input.outlet
    outlet, _ = Outlet.objects.get_or_create(
        name=name, defaults={"slug": slugify(name)[:200] or f"outlet-{content_hash(name)[:8]}"}
    )
    return outlet


def _store(item: ImportItem, article_input: ArticleInput) -> None:
    canonical = canonical_url(article_input.url)
    digest = content_hash(article_input.text)
    try:
        with transaction.atomic():
            existing = _find_existing(canonical, digest)
            if existing is None:
                article = _article_create(item, article_input, canonical)
                found = claims_create_from_article(article=article)
                _finish(item, ItemStatus.DONE, article=article, claims_found=found)
            elif existing.content_hash == digest:
                _finish(
                    item,
                    ItemStatus.DUPLICATE,
                    article=existing,
                    message=f"Already imported as article {existing.pk}.",
                )
            else:
                found = article_revise(article=existing, article_input=article_input)
                _finish(
                    item,
                    ItemStatus.DONE,
                    article=existing,
                    claims_found=found,
                    message=f"Updated article {existing.pk} to revision {existing.revision}.",
                )
    except IntegrityError:
        # Another worker stored the same article between our lookup and insert.
        existing = _find_existing(canonical, digest)
        if existing is None:
            raise
        with transaction.atomic():
            _finish(
                item,
                ItemStatus.DUPLICATE,
                article=existing,
                message=f"Already imported as article {existing.pk}.",
            )


def _find_existing(canonical: str | None, digest: str) -> Article | None:
    lookup = Q(content_hash=digest)
    if canonical:
        lookup |= Q(canonical_url=canonical)
    # Prefer the URL match: a changed text at a known URL is a revision, not a new article.
    matches = sorted(Article.objects.filter(lookup), key=lambda a: a.canonical_url != canonical)
    return matches[0] if matches else None


def _article_create(item: ImportItem, article_input: ArticleInput, canonical) -> Article:
    return Article.objects.create(
        outlet=_outlet_for(item, article_input),
        url=article_input.url,
        canonical_url=canonical,
        title=article_input.title,
        author=article_input.author,
        published_at=article_input.published_at,
        language=article_input.language or "en",
        text=article_input.text,
        import_job=item.job,
    )


def article_revise(*, article: Article, article_input: ArticleInput) -> int:
    """Keep the old text as a revision, take the new one, re-anchor claims, extract new ones."""
    from claims.models import ArticleRevision

    ArticleRevision.objects.create(
        article=article,
        number=article.revision,
        title=article.title,
        text=article.text,
        content_hash=article.content_hash,
    )
    article.text = article_input.text
    article.title = article_input.title or article.title
    article.author = article_input.author or article.author
    article.published_at = article_input.published_at or article.published_at
    article.revision += 1
    article.save()
    claims_reanchor(article=article)
    return claims_create_from_article(article=article)


class LostLease(Exception):
    """Another worker took the item after this one's lease ran out; this one's work is void."""


def _finish(item, status, *, article=None, claims_found=0, message="") -> None:
    """Record the item's outcome and bump the job's counter in the same transaction.

    The update is fenced on the attempt number this worker claimed: a worker whose lease ran
    out (and whose item another worker took) matches no row, and its transaction, article
    and claims included, is rolled back by LostLease, so the item is never counted twice.
    """
    updated = ImportItem.objects.filter(
        id=item.id, status=ItemStatus.RUNNING, attempts=item.attempts
    ).update(
        status=status,
        article=article,
        claims_found=claims_found,
        message=message,
        finished_at=timezone.now(),
    )
    if not updated:
        raise LostLease(f"import item {item.id} was taken over by another worker")
    _count(item.job_id, status)


def _count(job_id: int, status: str) -> None:
    field = {ItemStatus.DONE: "done", ItemStatus.DUPLICATE: "duplicate"}.get(status, "failed")
    ImportJob.objects.filter(id=job_id).update(**{field: F(field) + 1})
    job = ImportJob.objects.only("total", "done", "duplicate", "failed").get(id=job_id)
    if job.is_finished:
        ImportJob.objects.filter(id=job_id, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )


@transaction.atomic
def import_item_fail(*, item_id: int, message: str) -> None:
    """Mark an item failed for good, whatever state a worker left it in (but never twice)."""
    item = ImportItem.objects.select_for_update().get(id=item_id)
    if item.status in (ItemStatus.DONE, ItemStatus.DUPLICATE, ItemStatus.FAILED):
        return
    item.status = ItemStatus.FAILED
    item.message = message[:2000]
    item.finished_at = timezone.now()
    item.save(update_fields=["status", "message", "finished_at"])
    _count(item.job_id, ItemStatus.FAILED)


def import_items_sweep(*, now=None) -> list[int]:
    """Find items lost with a worker or a message and return their ids for re-enqueueing."""
    now = now or timezone.now()
    lost = ImportItem.objects.filter(
        Q(status=ItemStatus.RUNNING, started_at__lt=now - RUNNING_LEASE)
        | Q(status=ItemStatus.QUEUED, job__created_at__lt=now - QUEUED_GRACE)
    )
    return list(lost.values_list("id", flat=True)[:10_000])


__all__ = [
    "ImportSource",
    "ItemFailed",
    "article_revise",
    "import_item_claim",
    "import_item_fail",
    "import_item_process",
    "import_items_sweep",
    "import_job_create",
]
