"""Import jobs, the submitting side: inputs in, a job with one item per article, feed or URL
out, each item sent to the workers after commit.

The import page, the API, the command line and feed polling all come through
``import_job_submit``/``import_job_create``, so one set of limits holds for all of them (see
``import_limits``). What the workers do with an item is ``import_items``.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import chain
from typing import BinaryIO

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from claims.ingest.files import UploadUnreadable, iter_records
from claims.models import (
    Feed,
    ImportItem,
    ImportJob,
    ItemKind,
    ItemStatus,
    NewsroomAPIKey,
    Outlet,
)
from claims.services import dispatch
from claims.services.import_limits import (
    import_rate_check,
    record_size_check,
    too_many_items,
)
from claims.services.rows import copy_rows

log = logging.getLogger(__name__)

MAX_SOURCE_CHARS = 2000


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
    job.total = import_items_write(
        import_item_values(job, 0, records=records, urls=urls, feeds=feeds)
    )
    if not job.total:
        job.finished_at = timezone.now()
    job.save(update_fields=["total", "finished_at"])
    import_items_send_on_commit(job.items.all())
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


def import_item_values(
    job, offset: int, *, records=(), urls=(), feeds=(), check=True
) -> Iterator[dict]:
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


def import_items_write(items: Iterable[dict], *, room: int | None = None) -> int:
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


# Records (uploads, the API, entries a feed carries whole) are parsed, not fetched: some 10 ms of
# CPU each, of which a message of their own cost another 2 (broker, the worker's main process,
# its pool). They go RECORD_BATCH to a message (import_items_task), in order; URLs and feeds,
# which wait seconds on other sites, one to a message, so that a job's fetches run in parallel.
RECORD_BATCH = 8


def import_items_send(item_ids: list[int], *, records: Collection[int] = ()) -> bool:
    """Send the items to the workers: those among ``records`` (ids of record items) in batches
    of RECORD_BATCH, the others one per message. With the broker down the items stay saved and
    are marked unsent (no ``enqueued_at``): the sweeper sends them once the broker is back.
    Returns whether they were sent."""
    records = set(records)
    singles = [item_id for item_id in item_ids if item_id not in records]
    batched = [item_id for item_id in item_ids if item_id in records]
    batches = [batched[i : i + RECORD_BATCH] for i in range(0, len(batched), RECORD_BATCH)]
    sent = True
    for task_name, messages, ids in (
        ("claims.tasks.import_item_task", singles, singles),
        ("claims.tasks.import_items_task", batches, batched),
    ):
        if messages and not dispatch.send_each(task_name, messages):
            import_items_unsent(ids)
            sent = False
    return sent


def import_items_unsent(item_ids: list[int]) -> None:
    """Mark queued items whose message could not be sent, for the sweeper to send them."""
    ImportItem.objects.filter(id__in=item_ids, status=ItemStatus.QUEUED).update(enqueued_at=None)


def import_items_send_on_commit(items) -> list[int]:
    """Send these items (a queryset) once the transaction commits; returns their ids."""
    rows = list(items.values_list("id", "kind"))
    item_ids = [item_id for item_id, _ in rows]
    records = [item_id for item_id, kind in rows if kind == ItemKind.RECORD]
    transaction.on_commit(lambda: import_items_send(item_ids, records=records))
    return item_ids


def import_job_unsent(job: ImportJob) -> bool:
    """Whether some of the job's items are waiting for the broker to come back."""
    return job.items.filter(status=ItemStatus.QUEUED, enqueued_at__isnull=True).exists()


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
    import_items_send_on_commit(ImportItem.objects.filter(id__in=item_ids))
    return item_ids
