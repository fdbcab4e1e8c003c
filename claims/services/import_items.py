"""Import items, the worker side: claim an item, fetch or parse it, store its article and claims.

Every item is processed by its own task. The service claims the item with a conditional
UPDATE, so a message delivered twice (a worker killed after the write, a sweeper re-enqueue)
never processes an item twice, and writes articles under unique constraints, so two items
carrying the same article end as one row. A worker presumed dead (its lease ran out) may still
be alive: it writes its outcome only while the item's attempt count is the one it claimed, and
otherwise rolls its writes back, so an item is never counted twice.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import NamedTuple

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.text import slugify

from claims.extraction import extract_claims
from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.ingest.feeds import parse_feed
from claims.ingest.fetching import FEED_TYPES, HTML_TYPES, fetch_article, fetch_url
from claims.ingest.html import HtmlExtractionError, html_to_text
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
    Claim,
    Feed,
    ImportItem,
    ImportJob,
    ItemKind,
    ItemStatus,
    Outlet,
    content_hash,
)
from claims.services import import_jobs
from claims.services.claims import claims_create_from_article, claims_reanchor
from claims.services.import_limits import (
    article_too_long,
    drafts_capped,
)
from claims.services.rows import insert_row, insert_row_drawing_ids

log = logging.getLogger(__name__)


class ItemFailed(Exception):
    """The item cannot be imported; the message is shown to the person who imported it."""


class LostLease(Exception):
    """Another worker took the item over while this one was still working on it."""


def running_lease() -> timedelta:
    """An item whose worker has not renewed its lease for this long was lost with the worker;
    the sweeper requeues it. A live worker renews it every IMPORT_HEARTBEAT_SECONDS."""
    return timedelta(seconds=settings.IMPORT_RUNNING_LEASE_SECONDS)


def queued_grace() -> timedelta:
    """A queued item not picked up this long after its message was sent lost the message."""
    return timedelta(seconds=settings.IMPORT_QUEUED_GRACE_SECONDS)


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


class _LeaseKeeper:
    """Renews the leases of the items this process holds, so that a short lease (a dead
    worker's items are taken back within a minute) never takes an item from a slow live one.

    One thread per process, started with the first item and kept: starting and joining a
    thread for every item cost more than many an item's own work. It wakes every half
    heartbeat and renews the items held for half a heartbeat or more since their claim or last
    renewal, so a held item's lease is never older than one heartbeat (as with a thread per
    item, whose beat came every heartbeat) and an item that takes less than half a heartbeat
    costs the database nothing. Its connection is opened only to renew, and closed after.
    """

    def __init__(self) -> None:
        self._reset()
        # A forked pool process inherits the object but not the thread (nor a lock's holder).
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._held: dict[int, tuple[int, float]] = {}  # item id -> (attempts, last renewed)
        self._thread: threading.Thread | None = None

    @contextmanager
    def hold(self, item: ClaimedItem):
        if self._thread is None:
            self._start()
        with self._lock:
            self._held[item.id] = (item.attempts, time.monotonic())
        try:
            yield
        finally:
            with self._lock:
                self._held.pop(item.id, None)

    def _start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="import-leases", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            time.sleep(settings.IMPORT_HEARTBEAT_SECONDS / 2)
            self._renew_due()

    def _renew_due(self) -> int:
        """Renew the leases due now; returns how many items still held were renewed."""
        half_beat = settings.IMPORT_HEARTBEAT_SECONDS / 2
        now = time.monotonic()
        with self._lock:
            due = [(i, a) for i, (a, renewed) in self._held.items() if now - renewed >= half_beat]
        if not due:
            return 0
        renewed = 0
        try:
            for item_id, attempts in due:
                # Only while this attempt still holds the item: one that finished, failed or
                # was taken over is left as it is.
                renewed += ImportItem.objects.filter(
                    id=item_id, status=ItemStatus.RUNNING, attempts=attempts
                ).update(started_at=timezone.now())
                with self._lock:
                    if self._held.get(item_id, (None,))[0] == attempts:
                        self._held[item_id] = (attempts, now)
        except Exception:
            log.exception("Renewing the leases of import items %s failed", [i for i, _ in due])
        finally:
            connection.close()
        return renewed


_leases = _LeaseKeeper()


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


# The claim (one statement in autocommit) and the outcome (_finish, the last write of every
# transaction that stores an item's result) turn off synchronous_commit for their transaction
# on PostgreSQL, so its COMMIT does not wait for the disk, within the statement they run anyway:
# no BEGIN, SET LOCAL and COMMIT of their own, no SET LOCAL round trip. set_config() returns the
# new value, never NULL.
#
# Safe for import state: if the database crashed and lost the last such commits, the items
# would go back to queued or running, the sweeper would send them again, and dedup by URL and
# content hash makes the second run end in the same rows. It saves one disk flush per commit,
# which on a busy server is most of an item's database time.
_RELAXED_COMMIT_CLAUSE = {
    "postgresql": " AND set_config('synchronous_commit', 'off', true) IS NOT NULL"
}


def _db_datetime(value):
    """A datetime as the backend stores it, for the few statements written in plain SQL."""
    return connection.ops.adapt_datetimefield_value(value)


def import_item_process(*, item_id: int) -> None:
    """Import one item: parse or fetch it, store the article, extract its claims.

    A transient error leaves the item queued and propagates for a retry.
    """
    item = _claim(item_id)
    if item is None:
        return
    attempt = item.attempts
    try:
        with _leases.hold(item):
            if item.kind == ItemKind.FEED:
                _expand_feed(item)
            else:
                _store(item, article_input_clean(_article_input_for(item)))
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


def _article_input_for(item: ClaimedItem) -> ArticleInput:
    if item.kind == ItemKind.URL:
        with _fetch_budget(item) as seconds_left:
            return fetch_article(item.source, total_timeout=seconds_left)
    if "_error" in item.payload:
        raise ItemFailed(str(item.payload["_error"]))
    article_input = article_from_record(item.payload, html_to_text=html_to_text)
    if not article_input.language:
        article_input.language = detect_language(article_input.text)
    return article_input


# --- Feeds --------------------------------------------------------------------------------------


def _expand_feed(item: ClaimedItem) -> None:
    """Fetch the feed and add its new entries to the same job, as URL or record items."""
    feed = ImportJob.objects.select_related("feed").get(id=item.job_id).feed
    try:
        with _fetch_budget(item) as seconds_left:
            page = fetch_url(
                item.source,
                accept=FEED_TYPES + HTML_TYPES,
                etag=feed.etag if feed else "",
                last_modified=feed.last_modified if feed else "",
                total_timeout=seconds_left,
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
        added = import_jobs.import_items_write(
            import_jobs.import_item_values(job, job.total, records=records, urls=urls, check=False),
            room=room,
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
        import_jobs.import_items_send_on_commit(
            ImportItem.objects.filter(job=job, position__gte=job.total)
        )


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
        with transaction.atomic():
            _finish_duplicate(item, existing)
        return
    # The extractor is pure CPU: run it before the transaction, so no row lock or open
    # transaction waits on it.
    drafts, *dropped = drafts_capped(_extract(article_input))
    try:
        with transaction.atomic():
            if existing is None:
                # A concurrent insert of the same article fails on the unique constraints and
                # ends below as a duplicate.
                article, claim_ids = _article_create(
                    item, article_input, canonical, digest, dropped, claims=len(drafts)
                )
                found = claims_create_from_article(
                    article=article, drafts=drafts, fresh=True, claim_ids=claim_ids
                )
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
        with transaction.atomic():
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
    item: ClaimedItem, article_input: ArticleInput, canonical, digest: str, dropped, *, claims: int
) -> tuple[Article, list[int] | None]:
    """The new article, and on PostgreSQL the ids of its ``claims`` claims, drawn from their
    sequence by the same statement (a round trip less per article)."""
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
    if connection.vendor == "postgresql":
        pk, claim_ids = insert_row_drawing_ids(Article, values, ids_of=Claim, count=claims)
    else:
        pk, claim_ids = insert_row(Article, values), None
    return Article(id=pk, **values), claim_ids


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
    """Record the item's outcome and bump the job's counter in the same transaction, whose
    commit then does not wait for the disk (see _RELAXED_COMMIT_CLAUSE).

    Raises LostLease (rolling back the caller's writes) if another worker took the item over.
    """
    # Plain SQL for the same reason as _count.
    sql = (
        f"UPDATE {ImportItem._meta.db_table} SET status = %s, article_id = %s, "  # noqa: S608 - our names; values are parameters
        "claims_found = %s, message = %s, finished_at = %s "
        "WHERE id = %s AND status = %s AND attempts = %s"
        f"{_RELAXED_COMMIT_CLAUSE.get(connection.vendor, '')}"
    )
    now = _db_datetime(timezone.now())
    params = [
        status,
        article.pk if article else None,
        claims_found,
        message,
        now,
        item.id,
        ItemStatus.RUNNING,
        item.attempts,
    ]
    if connection.vendor == "postgresql":
        # One statement, one round trip: the job's counter moves only if the item's outcome
        # was written (the item row locked first, then the job's, as in two statements).
        sql = (
            f"WITH item AS ({sql} RETURNING job_id) "  # noqa: S608 - our names; values are parameters
            f"{_count_sql(status)} (SELECT job_id FROM item)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, now])
            if not cursor.rowcount:
                raise LostLease(item.id)
        return
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
    with connection.cursor() as cursor:
        cursor.execute(f"{_count_sql(status)} %s", [_db_datetime(timezone.now()), job_id])


def _count_sql(status: str) -> str:
    """The UPDATE of _count, ending in ``WHERE id =`` for the caller to complete."""
    field = _COUNTER_FIELDS.get(status, "failed")
    # The right-hand side sees the row before the update, hence the + 1.
    return (
        f"UPDATE {ImportJob._meta.db_table} SET {field} = {field} + 1, finished_at = CASE WHEN "  # noqa: S608 - our names; values are parameters
        "finished_at IS NULL AND total <= done + duplicate + failed + 1 THEN %s "
        "ELSE finished_at END WHERE id ="
    )


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
