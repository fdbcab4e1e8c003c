"""Importing articles: jobs and items in, articles with their claims out.

Every item is processed by its own task. The service claims the item with a conditional
UPDATE, so a message delivered twice (a worker killed after the write, a sweeper re-enqueue)
never processes an item twice, and writes articles under unique constraints, so two items
carrying the same article end as one row. A worker presumed dead (its lease ran out) may still
be alive: it writes its outcome only while the item's attempt count is the one it claimed, and
otherwise rolls its writes back, so an item is never counted twice.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from itertools import chain
from typing import BinaryIO, NamedTuple

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from claims.extraction import extract_claims
from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.ingest.files import UploadUnreadable, iter_records
from claims.ingest.html import HtmlExtractionError
from claims.ingest.language import detect_language
from claims.ingest.records import (
    ArticleInput,
    InvalidRecord,
    article_from_record,
    article_input_clean,
)
from claims.ingest.urls import canonical_url
from claims.models import (
    Article,
    ArticleRevision,
    Feed,
    ImportItem,
    ImportJob,
    ImportSource,
    ItemKind,
    ItemStatus,
    NewsroomAPIKey,
    Outlet,
    content_hash,
)
from claims.services.claims import claims_create_from_article, claims_reanchor
from claims.services.import_limits import (
    article_too_long,
    drafts_capped,
    import_rate_check,
    record_size_check,
    too_many_items,
)
from claims.services.rows import copy_rows, insert_row

log = logging.getLogger(__name__)

MAX_SOURCE_CHARS = 2000


class ItemFailed(Exception):
    """The item cannot be imported; the message is shown to the person who imported it."""


class LostLease(Exception):
    """Another worker took the item over while this one was still working on it."""


def running_lease() -> timedelta:
    """An item whose worker has not renewed its lease for this long was lost with the worker;
    the sweeper requeues it. A live worker renews it every IMPORT_HEARTBEAT_SECONDS."""
    return timedelta(seconds=settings.IMPORT_RUNNING_LEASE_SECONDS)


@contextmanager
def _lease_heartbeat(item: ClaimedItem):
    """Renew the item's lease while this worker holds it, so that a short lease (a dead
    worker's items are taken back within a minute) never takes an item from a slow live one.

    A thread with its own database connection, opened only if the item outlasts one beat.
    """
    stop = threading.Event()

    def beat():
        try:
            while not stop.wait(settings.IMPORT_HEARTBEAT_SECONDS):
                ImportItem.objects.filter(
                    id=item.id, status=ItemStatus.RUNNING, attempts=item.attempts
                ).update(started_at=timezone.now())
        except Exception:
            log.exception("Renewing the lease of import item %s failed", item.id)
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"lease-{item.id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def queued_grace() -> timedelta:
    """A queued item not picked up this long after its message was sent lost the message."""
    return timedelta(seconds=settings.IMPORT_QUEUED_GRACE_SECONDS)


@transaction.atomic
def import_job_create(
    *,
    source: str,
    records: Iterable[Mapping] = (),
    urls: Iterable[str] = (),
    feeds: Iterable[str] = (),
    outlet: Outlet | None = None,
    created_by=None,
    api_key: NewsroomAPIKey | None = None,
    label: str = "",
    feed: Feed | None = None,
    idempotency_key: str = "",
    request_digest: str = "",
) -> ImportJob:
    """Create a job with one item per feed, URL or record and enqueue each after commit.

    ``records`` may be a generator (an upload parsed as it is read): the items are written in
    batches as they come, so no more than a batch is held in memory. Past IMPORT_MAX_ITEMS, or
    a record longer than an article may be, raises LimitExceeded and nothing is stored.
    A job submitted with a newsroom's API key records the key and its newsroom, whose keys
    read it back. The job and its items are stored together or not at all.
    """
    job = ImportJob.objects.create(
        source=source,
        outlet=outlet,
        created_by=created_by,
        newsroom_id=api_key.newsroom_id if api_key else None,
        api_key=api_key,
        label=label[:300],
        feed=feed,
        idempotency_key=idempotency_key,
        request_digest=request_digest,
    )
    job.total = _items_write(_new_items(job, 0, records=records, urls=urls, feeds=feeds))
    if not job.total:
        job.finished_at = timezone.now()
    job.save(update_fields=["total", "finished_at"])
    item_ids = list(job.items.values_list("id", flat=True))
    transaction.on_commit(lambda: _enqueue_items(item_ids))
    return job


def import_job_submit(
    *,
    source: str,
    urls: Iterable[str] = (),
    feed_url: str = "",
    files: Iterable[tuple[str, bytes | BinaryIO]] = (),
    articles: Iterable[Mapping] = (),
    outlet: Outlet | None = None,
    created_by=None,
    api_key: NewsroomAPIKey | None = None,
    idempotency_key: str = "",
    request_digest: str = "",
) -> ImportJob:
    """What the import page, the API and the command share: inputs in, one job out.

    Files (bytes, or seekable binary streams such as Django's uploaded files) are parsed here,
    a chunk at a time while their items are written, so a broken upload (UploadRefused) or
    one over a limit (LimitExceeded) is refused with nothing stored; URLs and feeds are
    fetched later, by the workers. A user or key past IMPORTS_PER_HOUR is refused first.
    """

    import_rate_check(created_by=created_by, api_key=api_key)
    files = list(files)
    articles = list(articles)
    alone = not (urls or feed_url.strip() or articles)
    records = chain(_file_records(files, alone=alone), (dict(article) for article in articles))
    urls = [url.strip() for url in urls if url.strip()]
    feeds = [feed_url.strip()] if feed_url.strip() else []
    parts = [f"feed {feeds[0]}"] if feeds else []
    if urls:
        parts.append(urls[0] if len(urls) == 1 else f"{len(urls)} URLs")
    if files:
        parts.append(", ".join(name for name, _ in files))
    elif articles:
        parts.append(f"{len(articles)} article{'s' if len(articles) != 1 else ''}")
    return import_job_create(
        source=source,
        records=records,
        urls=urls,
        feeds=feeds,
        outlet=outlet,
        created_by=created_by,
        api_key=api_key,
        label="; ".join(parts),
        idempotency_key=idempotency_key,
        request_digest=request_digest,
    )


def import_job_for_idempotency_key(*, key: str, created_by=None, api_key=None) -> ImportJob | None:
    """The job the same caller submitted earlier under this Idempotency-Key, if any."""
    if api_key is not None:
        jobs = ImportJob.objects.filter(api_key=api_key)
    elif created_by is not None and created_by.is_authenticated:
        jobs = ImportJob.objects.filter(api_key__isnull=True, created_by=created_by)
    else:
        return None
    return jobs.filter(idempotency_key=key).first()


def _file_records(files: list, *, alone: bool) -> Iterator[dict]:
    """The records of the uploaded files, read as the items are written. A file that cannot be
    read becomes one failed item naming it, so the readable files still import; when no file
    is readable and nothing else was sent, the upload is refused as a whole (the caller's
    transaction then stores nothing)."""
    unreadable = []
    for name, data in files:
        try:
            yield from iter_records(name, io.BytesIO(data) if isinstance(data, bytes) else data)
        except UploadUnreadable as exc:
            unreadable.append(exc)
            yield {"_source": name, "_error": str(exc)}
    if alone and unreadable and len(unreadable) == len(files):
        raise unreadable[0]


def _new_items(job, offset: int, *, records=(), urls=(), feeds=(), check=True) -> Iterator[dict]:
    """The new items' values, by field, in the order they are to run, made as they are read.

    ``check`` refuses a record longer than an article may be (LimitExceeded); a feed's entries
    are not checked here, or one long entry would fail the whole feed: its item fails alone.
    """
    now = timezone.now()
    sources = chain(
        ((ItemKind.FEED, url.strip(), {}) for url in feeds),
        ((ItemKind.URL, url.strip(), {}) for url in urls),
        _record_sources(records, check),
    )
    for i, (kind, source, payload) in enumerate(sources):
        yield {
            "job_id": job.pk,
            "position": offset + i,
            "kind": kind,
            "source": source[:MAX_SOURCE_CHARS],
            "payload": payload,
            "enqueued_at": now,
        }


def _record_sources(records, check: bool):
    for i, record in enumerate(records):
        name = str(record.get("_source") or record.get("url") or record.get("title") or "")
        if check:
            record_size_check(record, name or f"record {i + 1}")
        payload = {k: v for k, v in record.items() if k != "_source"}
        yield ItemKind.RECORD, name or f"record {i + 1}", payload


# Items are written a batch at a time: few round trips, and no more than a batch in memory.
ITEM_BATCH = 500


def _items_write(items: Iterable[dict], *, room: int | None = None) -> int:
    """Write the items in batches; past IMPORT_MAX_ITEMS (or ``room``) raise LimitExceeded,
    which rolls back the caller's transaction. Returns how many were written."""
    room = settings.IMPORT_MAX_ITEMS if room is None else room
    written, batch = 0, []
    for item in items:
        if written + len(batch) >= room:
            raise too_many_items(written + len(batch) + 1)
        batch.append(item)
        if len(batch) == ITEM_BATCH:
            _items_create(batch)
            written, batch = written + len(batch), []
    _items_create(batch)
    return written + len(batch)


def _items_create(items: list[dict]) -> None:
    # COPY on PostgreSQL: an upload of 10,000 articles is some 50 MB of payloads, and the
    # workers wait for this transaction before they see the first item.
    if not items:
        return
    if connection.vendor == "postgresql":
        copy_rows(ImportItem, items)
    else:
        ImportItem.objects.bulk_create([ImportItem(**item) for item in items], batch_size=1000)


def _enqueue_items(item_ids: list[int]) -> bool:
    """One message per item, sent in batches (one Redis round trip per thousand messages, on
    kombu versions that batch; one per message otherwise).

    With the broker down the items stay saved and are marked unsent (no ``enqueued_at``):
    the sweeper sends them once the broker is back. Returns whether they were sent.
    """
    from kombu.exceptions import KombuError

    from claims.tasks import import_item_task

    try:
        with import_item_task.app.producer_or_acquire() as producer:
            batch = getattr(producer, "batch", None)
            with batch(max_size=1000) if batch else nullcontext():
                for item_id in item_ids:
                    import_item_task.apply_async((item_id,), producer=producer)
    except (KombuError, OSError) as exc:
        log.warning("Could not send %d import items (%s); the sweeper will", len(item_ids), exc)
        ImportItem.objects.filter(id__in=item_ids, status=ItemStatus.QUEUED).update(
            enqueued_at=None
        )
        return False
    return True


def import_job_unsent(job: ImportJob) -> bool:
    """Whether some of the job's items are waiting for the broker to come back."""
    return job.items.filter(status=ItemStatus.QUEUED, enqueued_at__isnull=True).exists()


def import_queue_backlog() -> int | None:
    """Messages waiting in the import queue, or None when the broker cannot be asked."""
    from kombu.exceptions import KombuError

    from claims.tasks import import_item_task

    app = import_item_task.app
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1)
            try:
                declared = conn.default_channel.queue_declare(
                    queue=app.conf.task_default_queue, passive=True
                )
            except conn.channel_errors:
                return 0  # never declared: nothing was ever sent to it
            return declared.message_count
    except (KombuError, OSError):
        return None


@dataclass(slots=True)
class ClaimedItem:
    """An item as the worker that claimed it holds it: what importing it takes, and the attempt
    number that fences its outcome."""

    id: int
    job_id: int
    kind: str
    source: str
    payload: dict
    attempts: int
    job_outlet_id: int | None = None
    fetch_seconds: float = 0.0


def import_item_claim(*, item_id: int) -> int | None:
    """Take the item for this worker: its attempt number, or None if it is finished or another
    worker holds it."""
    item = _claim(item_id)
    return item.attempts if item else None


def _claim(item_id: int) -> ClaimedItem | None:
    now = timezone.now()
    # UPDATE ... RETURNING: the attempt number must be the one this UPDATE wrote; reading it
    # afterwards could see a later claim's. (PostgreSQL, and SQLite since 3.35.) The same
    # statement returns what the import needs, so the item is not read again. Autocommit: the
    # claim must be visible to other workers before the import starts.
    sql = (
        f"UPDATE {ImportItem._meta.db_table} SET status = %s, started_at = %s, "  # noqa: S608 - our names; values are parameters
        "attempts = attempts + 1 WHERE id = %s AND (status = %s OR (status = %s AND "
        f"started_at < %s)){_RELAXED_COMMIT_CLAUSE.get(connection.vendor, '')} "
        f"RETURNING attempts, job_id, kind, source, payload, fetch_seconds, (SELECT outlet_id "
        f"FROM {ImportJob._meta.db_table} WHERE id = job_id)"
    )
    params = [
        ItemStatus.RUNNING,
        _db_datetime(now),
        item_id,
        ItemStatus.QUEUED,
        ItemStatus.RUNNING,
        _db_datetime(now - running_lease()),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return None
    attempts, job_id, kind, source, payload, fetch_seconds, outlet_id = row
    payload = ImportItem._meta.get_field("payload").from_db_value(payload, None, connection)
    return ClaimedItem(item_id, job_id, kind, source, payload, attempts, outlet_id, fetch_seconds)


# The claim is one statement in autocommit. On PostgreSQL it turns off synchronous_commit for
# its own transaction, as relaxed_commit() does, without the three extra round trips of BEGIN,
# SET LOCAL and COMMIT; set_config() returns the new value, never NULL.
_RELAXED_COMMIT_CLAUSE = {
    "postgresql": " AND set_config('synchronous_commit', 'off', true) IS NOT NULL"
}


def _db_datetime(value):
    """A datetime as the backend stores it, for the few statements written in plain SQL."""
    return connection.ops.adapt_datetimefield_value(value)


@contextmanager
def relaxed_commit():
    """A transaction whose COMMIT does not wait for the disk (PostgreSQL).

    Safe for import state: if the database crashed and lost the last such commits, the items
    would go back to queued or running, the sweeper would send them again, and dedup by URL
    and content hash makes the second run end in the same rows. It saves one disk flush per
    commit, which on a busy server is most of an item's database time.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def import_item_process(*, item_id: int, fetch_article=None, fetch_url=None) -> None:
    """Import one item: parse or fetch it, store the article, extract its claims.

    ``fetch_article(url) -> ArticleInput`` resolves URL items and ``fetch_url`` feed items
    (tests pass fakes); a transient error leaves the item queued and propagates for a retry.
    """
    item = _claim(item_id)
    if item is None:
        return
    attempt = item.attempts
    try:
        with _lease_heartbeat(item):
            if item.kind == ItemKind.FEED:
                _expand_feed(item, fetch_url)
            else:
                _store(item, article_input_clean(_article_input_for(item, fetch_article)))
    except LostLease:
        log.warning("Import item %s was taken over by another worker; dropped our result", item_id)
    except SoftTimeLimitExceeded:
        # Not transient: the same article would be as slow next time.
        import_item_fail(
            item_id=item_id,
            attempt=attempt,
            message=(
                f"Importing took longer than {settings.CELERY_TASK_SOFT_TIME_LIMIT} seconds and "
                "was stopped; the article is too long or its site too slow."
            ),
        )
    except (ItemFailed, InvalidRecord, HtmlExtractionError, FetchRefused) as exc:
        import_item_fail(item_id=item_id, attempt=attempt, message=str(exc))
    except (TransientFetchError, OperationalError):
        # Give the item back so the task's retry (or the sweeper) can take it again.
        ImportItem.objects.filter(id=item_id, status=ItemStatus.RUNNING, attempts=attempt).update(
            status=ItemStatus.QUEUED, enqueued_at=timezone.now()
        )
        raise
    except Exception:
        # A bug, not the input's fault: record it where the importer sees it and keep the
        # traceback in the log; retrying would fail the same way.
        log.exception("Import item %s failed unexpectedly", item_id)
        import_item_fail(
            item_id=item_id, attempt=attempt, message="Internal error while importing; see the log."
        )


@contextmanager
def _fetch_budget(item: ClaimedItem):
    """The seconds left of FETCH_TOTAL_TIMEOUT for this item after its earlier tries; the time
    this try spends is added to the item's, whatever its outcome."""
    left = settings.FETCH_TOTAL_TIMEOUT - item.fetch_seconds
    if left <= 0:
        raise ItemFailed(
            f"Fetching {item.source} took {item.fetch_seconds:.0f} s over its tries, the most "
            f"an item may take (FETCH_TOTAL_TIMEOUT = {settings.FETCH_TOTAL_TIMEOUT:.0f} s)."
        )
    started = time.monotonic()
    try:
        yield left
    finally:
        spent = time.monotonic() - started
        ImportItem.objects.filter(id=item.id, attempts=item.attempts).update(
            fetch_seconds=F("fetch_seconds") + spent
        )


def _article_input_for(item: ClaimedItem, fetch_article) -> ArticleInput:
    if item.kind == ItemKind.URL:
        with _fetch_budget(item) as seconds_left:
            if fetch_article is None:
                from claims.ingest.fetching import fetch_article as fetch

                return fetch(item.source, total_timeout=seconds_left)
            return fetch_article(item.source)
    if "_error" in item.payload:
        raise ItemFailed(str(item.payload["_error"]))
    from claims.ingest.html import html_to_text

    article_input = article_from_record(item.payload, html_to_text=html_to_text)
    if not article_input.language:
        article_input.language = detect_language(article_input.text)
    return article_input


# --- Feeds --------------------------------------------------------------------------------------


def _expand_feed(item: ClaimedItem, fetch_url) -> None:
    """Fetch the feed and add its new entries to the same job, as URL or record items."""
    from claims.ingest.feeds import parse_feed
    from claims.ingest.fetching import FEED_TYPES, HTML_TYPES

    feed = ImportJob.objects.select_related("feed").get(id=item.job_id).feed
    try:
        with _fetch_budget(item) as seconds_left:
            if fetch_url is None:
                from claims.ingest.fetching import fetch_url as fetch

                fetch_url = partial(fetch, total_timeout=seconds_left)
            page = fetch_url(
                item.source,
                accept=FEED_TYPES + HTML_TYPES,
                etag=feed.etag if feed else "",
                last_modified=feed.last_modified if feed else "",
            )
        if page.not_modified:
            with transaction.atomic():
                _finish(item, ItemStatus.DONE, message="The feed has not changed since last time.")
            return
        parsed = parse_feed(page.body, url=page.url, content_type=page.content_type)
    except FetchRefused as exc:
        if feed:
            Feed.objects.filter(id=feed.id).update(last_error=str(exc)[:2000])
        raise
    urls, records, known = _unseen_entries(parsed.urls, parsed.records)
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(id=item.job_id)
        # A feed grows its job up to IMPORT_MAX_ITEMS and no further: the first entries are
        # kept and the message says how many were left out.
        room = max(0, settings.IMPORT_MAX_ITEMS - job.total)
        left_out = max(0, len(urls) + len(records) - room)
        urls, records = urls[:room], records[: max(0, room - len(urls))]
        added = _items_write(
            _new_items(job, job.total, records=records, urls=urls, check=False), room=room
        )
        ImportJob.objects.filter(id=job.id).update(total=F("total") + added)
        message = (
            f"The feed lists {added + known + left_out} entries: {added} new, "
            f"{known} already imported."
        )
        if left_out:
            message += (
                f" {left_out} more were left out: an import holds at most "
                f"{settings.IMPORT_MAX_ITEMS:,} items (IMPORT_MAX_ITEMS)."
            )
        _finish(item, ItemStatus.DONE, message=message)
        if feed:
            Feed.objects.filter(id=feed.id).update(
                etag=page.etag,
                last_modified=page.last_modified,
                title=feed.title or parsed.title,
                last_error="",
            )
        item_ids = list(
            ImportItem.objects.filter(job=job, position__gte=job.total).values_list("id", flat=True)
        )
        transaction.on_commit(lambda: _enqueue_items(item_ids))


def _unseen_entries(urls: list[str], records: list[dict]):
    """Drop entries whose address was imported before: a feed lists the same entries for days."""
    keys = {url: canonical_url(url) for url in urls}
    keys.update({r.get("url", ""): canonical_url(r.get("url", "")) for r in records})
    seen = set(
        Article.objects.filter(canonical_url__in=[k for k in keys.values() if k]).values_list(
            "canonical_url", flat=True
        )
    )
    new_urls = [u for u in dict.fromkeys(urls) if keys[u] not in seen]
    new_records = [r for r in records if not (keys[r.get("url", "")] in seen and r.get("url"))]
    known = len(urls) + len(records) - len(new_urls) - len(new_records)
    return new_urls, new_records, known


# --- Articles -----------------------------------------------------------------------------------


def _outlet_id_for(item: ClaimedItem, article_input: ArticleInput) -> int | None:
    if item.job_outlet_id:
        return item.job_outlet_id
    if not article_input.outlet:
        return None
    name = article_input.outlet
    outlet, _ = Outlet.objects.get_or_create(
        name=name, defaults={"slug": slugify(name)[:200] or f"outlet-{content_hash(name)[:8]}"}
    )
    return outlet.pk


def _extract(article_input: ArticleInput):
    published = article_input.published_at.date() if article_input.published_at else None
    return extract_claims(
        article_input.text, language=article_input.language or "en", published=published
    )


def _store(item: ClaimedItem, article_input: ArticleInput) -> None:
    too_long = article_too_long(len(article_input.text))
    if too_long:
        raise ItemFailed(too_long)
    canonical = canonical_url(article_input.url)
    digest = content_hash(article_input.text)
    existing = _find_existing(canonical, digest)
    if existing is not None and existing.content_hash == digest:
        with relaxed_commit():
            _finish_duplicate(item, existing)
        return
    # The extractor is pure CPU: run it before the transaction, so no row lock or open
    # transaction waits on it.
    drafts, *dropped = drafts_capped(_extract(article_input))
    try:
        with relaxed_commit():
            if existing is None:
                # A concurrent insert of the same article fails on the unique constraints and
                # ends below as a duplicate.
                article = _article_create(item, article_input, canonical, digest, dropped)
                found = claims_create_from_article(article=article, drafts=drafts, fresh=True)
                _finish(
                    item,
                    ItemStatus.DONE,
                    article=article,
                    claims_found=found,
                    message=_capped_message(*dropped),
                )
                return
            # Lock the article: two revisions of it must not interleave.
            article = Article.objects.select_for_update().get(id=existing.pk)
            if article.content_hash == digest:
                _finish_duplicate(item, article)
            else:
                found = article_revise(
                    article=article, article_input=article_input, drafts=drafts, dropped=dropped
                )
                _finish(
                    item,
                    ItemStatus.DONE,
                    article=article,
                    claims_found=found,
                    message=f"Updated article {article.pk} to revision {article.revision}.",
                )
    except IntegrityError:
        # Another worker stored the same article between our lookup and insert.
        existing = _find_existing(canonical, digest)
        if existing is None:
            raise
        with relaxed_commit():
            _finish_duplicate(item, existing)


def _capped_message(claims_dropped: int, quantities_dropped: int) -> str:
    if not (claims_dropped or quantities_dropped):
        return ""
    return (
        f"Kept the highest-scored proposals: {claims_dropped} claims and {quantities_dropped} "
        f"quantities over the per-article limits (ARTICLE_MAX_CLAIMS = "
        f"{settings.ARTICLE_MAX_CLAIMS}, ARTICLE_MAX_QUANTITIES = "
        f"{settings.ARTICLE_MAX_QUANTITIES}) were left out; the text is whole."
    )


def _finish_duplicate(item: ClaimedItem, existing: Known | Article) -> None:
    _finish(
        item,
        ItemStatus.DUPLICATE,
        article=existing,
        message=f"Already imported as article {existing.pk}.",
    )


class Known(NamedTuple):
    """An article already stored, as far as deduplication needs to know it."""

    pk: int
    canonical_url: str | None
    content_hash: str


def _find_existing(canonical: str | None, digest: str) -> Known | None:
    # Plain SQL for the same reason as _count; the two unique indexes answer it.
    sql = f"SELECT id, canonical_url, content_hash FROM {Article._meta.db_table} WHERE "  # noqa: S608 - our names; values are parameters
    if canonical:
        sql, params = sql + "content_hash = %s OR canonical_url = %s", [digest, canonical]
    else:
        sql, params = sql + "content_hash = %s", [digest]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        matches = [Known(*row) for row in cursor.fetchall()]
    # Prefer the URL match: a changed text at a known URL is a revision, not a new article.
    matches.sort(key=lambda a: a.canonical_url != canonical)
    return matches[0] if matches else None


def _article_create(
    item: ClaimedItem, article_input: ArticleInput, canonical, digest: str, dropped
) -> Article:
    # A plain INSERT (claims.services.rows): Article.save() would only hash the text again.
    values = {
        "outlet_id": _outlet_id_for(item, article_input),
        "url": article_input.url,
        "canonical_url": canonical,
        "title": article_input.title,
        "author": article_input.author,
        "published_at": article_input.published_at,
        "language": article_input.language or "en",
        "text": article_input.text,
        "content_hash": digest,
        "import_job_id": item.job_id,
        "claims_dropped": dropped[0],
        "quantities_dropped": dropped[1],
    }
    return Article(id=insert_row(Article, values), **values)


def article_revise(
    *, article: Article, article_input: ArticleInput, drafts=None, dropped=(0, 0)
) -> int:
    """Keep the old text as a revision, take the new one, re-anchor claims, extract new ones.

    ``dropped``: the claims and quantities the per-article caps left out of ``drafts``.
    """
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
    article.claims_dropped, article.quantities_dropped = dropped
    article.save()
    claims_reanchor(article=article)
    return claims_create_from_article(article=article, drafts=drafts)


# --- Outcomes -----------------------------------------------------------------------------------


def _finish(item, status, *, article=None, claims_found=0, message="") -> None:
    """Record the item's outcome and bump the job's counter in the same transaction.

    Raises LostLease (rolling back the caller's writes) if another worker took the item over.
    """
    # Plain SQL for the same reason as _count.
    sql = (
        f"UPDATE {ImportItem._meta.db_table} SET status = %s, article_id = %s, "  # noqa: S608 - our names; values are parameters
        "claims_found = %s, message = %s, finished_at = %s "
        "WHERE id = %s AND status = %s AND attempts = %s"
    )
    params = [
        status,
        article.pk if article else None,
        claims_found,
        message,
        _db_datetime(timezone.now()),
        item.id,
        ItemStatus.RUNNING,
        item.attempts,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        updated = cursor.rowcount
    if not updated:
        raise LostLease(item.id)
    _count(item.job_id, status)


_COUNTER_FIELDS = {ItemStatus.DONE: "done", ItemStatus.DUPLICATE: "duplicate"}


def _count(job_id: int, status: str) -> None:
    """Bump one counter and, with the last item, set finished_at: one UPDATE, one row lock.

    Plain SQL because it runs once per item and the ORM spent more time building this
    statement than the database spent running it.
    """
    field = _COUNTER_FIELDS.get(status, "failed")
    # The right-hand side sees the row before the update, hence the + 1.
    sql = (
        f"UPDATE {ImportJob._meta.db_table} SET {field} = {field} + 1, finished_at = CASE WHEN "  # noqa: S608 - our names; values are parameters
        "finished_at IS NULL AND total <= done + duplicate + failed + 1 THEN %s "
        "ELSE finished_at END WHERE id = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [_db_datetime(timezone.now()), job_id])


@transaction.atomic
def import_item_fail(*, item_id: int, message: str, attempt: int | None = None) -> None:
    """Mark an item failed for good, whatever state a worker left it in (but never twice).

    With ``attempt``, only while that attempt still holds the item.
    """
    item = ImportItem.objects.select_for_update().get(id=item_id)
    if item.status in (ItemStatus.DONE, ItemStatus.DUPLICATE, ItemStatus.FAILED):
        return
    if attempt is not None and item.attempts != attempt:
        return
    item.status = ItemStatus.FAILED
    item.message = message[:2000]
    item.finished_at = timezone.now()
    item.save(update_fields=["status", "message", "finished_at"])
    _count(item.job_id, ItemStatus.FAILED)
    if item.kind == ItemKind.FEED and item.job.feed_id:
        Feed.objects.filter(id=item.job.feed_id).update(last_error=item.message)


def import_items_sweep(*, now=None, limit: int = 10_000, backlog: int | None = None) -> list[int]:
    """Find items lost with a worker or a message, mark them re-sent, and return their ids.

    Lost: running past their lease (the worker stopped renewing it: it died), never sent (the
    broker was down), or queued past the grace while no message waits in the queue
    (``backlog`` 0, or None if unknown): a message taken by a worker killed before it claimed
    the item. While messages wait, a queued item is taken to be behind them, not lost: a
    backlog of thousands is not sent twice.
    """
    now = now or timezone.now()
    lost = Q(status=ItemStatus.RUNNING, started_at__lt=now - running_lease()) | Q(
        status=ItemStatus.QUEUED, enqueued_at__isnull=True
    )
    if not backlog:
        lost |= Q(status=ItemStatus.QUEUED, enqueued_at__lt=now - queued_grace())
    lost = ImportItem.objects.filter(lost)
    item_ids = list(lost.values_list("id", flat=True)[:limit])
    ImportItem.objects.filter(id__in=item_ids).update(enqueued_at=now)
    return item_ids


@transaction.atomic
def import_items_retry(*, job_id: int) -> list[int]:
    """Queue the job's failed items again (a site that was down, a fixed limit); returns their
    ids, enqueued after commit. A record that cannot be imported fails again, with its reason.
    """
    # The job row first, as the workers' _count does: the counters move under one lock.
    job = ImportJob.objects.select_for_update().get(id=job_id)
    item_ids = list(job.items.filter(status=ItemStatus.FAILED).values_list("id", flat=True))
    if not item_ids:
        return []
    ImportItem.objects.filter(id__in=item_ids, status=ItemStatus.FAILED).update(
        status=ItemStatus.QUEUED,
        message="",
        started_at=None,
        finished_at=None,
        enqueued_at=timezone.now(),
    )
    job.failed = max(job.failed - len(item_ids), 0)
    job.finished_at = None
    job.save(update_fields=["failed", "finished_at"])
    transaction.on_commit(lambda: _enqueue_items(item_ids))
    return item_ids


__all__ = [
    "ImportSource",
    "ItemFailed",
    "article_revise",
    "import_item_claim",
    "import_item_fail",
    "import_item_process",
    "import_items_retry",
    "import_items_sweep",
    "import_job_create",
]
