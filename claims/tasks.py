"""Celery tasks: ids in, one service call, nothing else.

Retries are for transient errors only (a network hiccup, a database that went away); an item
that cannot be imported is marked failed with its reason by the service and never retried.
"""

from __future__ import annotations

import smtplib
import time

from celery import shared_task
from celery.utils.time import get_exponential_backoff_interval
from django.conf import settings
from django.db import OperationalError

from claims.ingest.errors import TransientFetchError
from claims.services import dispatch
from claims.services.dispatch import queue_backlog
from claims.services.evidence import evidence_snapshot_fail, evidence_snapshot_store
from claims.services.factcheck_library import library_vectors_fill
from claims.services.feeds import feed_poll_start, feeds_due
from claims.services.import_items import import_item_fail, import_item_process, import_items_sweep
from claims.services.import_jobs import import_items_send, import_items_unsent
from claims.services.matching import article_claims_match, claim_match, matching_sweep
from claims.services.notifications import notification_email_send
from claims.services.webhooks import webhook_deliveries_due, webhook_delivery_attempt

TRANSIENT_ERRORS = (TransientFetchError, OperationalError)
MAX_RETRIES = 5


# Retries of transient errors wait 2 s, 4 s, 8 s ... up to 5 minutes, each drawn at random below
# that bound (full jitter) so that the retries of many items do not arrive together.
RETRY_OPTIONS = {"retry_backoff": 2, "retry_backoff_max": 300, "retry_jitter": True}


def _retry(task, exc: Exception):
    """The retry of ``task`` after a transient ``exc``, waiting as Celery's own autoretry would
    with the task's retry_backoff, retry_backoff_max and retry_jitter."""
    return task.retry(exc=exc, countdown=_backoff(task, task.request.retries))


def _backoff(task, retries: int) -> int:
    return get_exponential_backoff_interval(
        factor=task.retry_backoff,
        retries=retries,
        maximum=task.retry_backoff_max,
        full_jitter=task.retry_jitter,
    )


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, **RETRY_OPTIONS)
def import_item_task(self, item_id: int) -> None:
    try:
        import_item_process(item_id=item_id)
    except TRANSIENT_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            import_item_fail(item_id=item_id, message=f"Gave up after {MAX_RETRIES} tries: {exc}")
            return
        raise _retry(self, exc) from exc


# A batch stops starting items after this many seconds and sends the rest on, so that each of its
# items has at least the time limits of a task of its own, which the batch's extend by as much.
BATCH_START_SECONDS = 10


@shared_task(
    acks_late=True,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT + BATCH_START_SECONDS,
    time_limit=settings.CELERY_TASK_TIME_LIMIT + BATCH_START_SECONDS,
)
def import_items_task(item_ids: list[int]) -> None:
    """Records sent together (import_items_send), each imported as import_item_task imports
    one. An item that met a transient error was given back; it goes on alone, as the first
    retry of import_item_task, and the others carry on."""
    started = time.monotonic()
    for position, item_id in enumerate(item_ids):
        if position and time.monotonic() - started > BATCH_START_SECONDS:
            rest = item_ids[position:]
            import_items_send(rest, records=rest)
            return
        try:
            import_item_process(item_id=item_id)
        except TRANSIENT_ERRORS:
            retry = {"countdown": _backoff(import_item_task, 0), "retries": 1}
            if not dispatch.send_each("claims.tasks.import_item_task", [item_id], **retry):
                import_items_unsent([item_id])


@shared_task(acks_late=True)
def sweep_import_items_task() -> int:
    """Re-enqueue items lost with a worker or a message. Safe to run any time: the item task
    claims its row conditionally, so a duplicate message does nothing."""
    item_ids = import_items_sweep(backlog=queue_backlog())
    for item_id in item_ids:
        import_item_task.delay(item_id)
    return len(item_ids)


@shared_task(acks_late=True)
def poll_feeds_task() -> int:
    """Beat, every minute: one poll task per feed that is due."""
    feed_ids = feeds_due()
    for feed_id in feed_ids:
        poll_feed_task.delay(feed_id)
    return len(feed_ids)


@shared_task(acks_late=True)
def poll_feed_task(feed_id: int) -> None:
    """Start an import job for the feed; its feed item fetches the entries (with retries)."""
    feed_poll_start(feed_id=feed_id)


@shared_task(bind=True, acks_late=True, max_retries=MAX_RETRIES, **RETRY_OPTIONS)
def snapshot_evidence_task(self, evidence_id: int) -> None:
    try:
        evidence_snapshot_store(evidence_id=evidence_id)
    except TransientFetchError as exc:
        if self.request.retries >= self.max_retries:
            evidence_snapshot_fail(
                evidence_id=evidence_id, message=f"Gave up after {MAX_RETRIES} tries: {exc}"
            )
            return
        raise _retry(self, exc) from exc


@shared_task(bind=True, acks_late=True, max_retries=None)
def webhook_deliver_task(self, delivery_id: int) -> None:
    """One try of a webhook delivery. A receiver that failed is tried again after the backoff
    the service chose; the service counts attempts and gives up, so retries are unbounded here.
    """
    retry_in = webhook_delivery_attempt(delivery_id=delivery_id)
    if retry_in is not None:
        raise self.retry(countdown=retry_in)


@shared_task(acks_late=True)
def sweep_webhook_deliveries_task() -> int:
    """Beat, every minute: re-enqueue due deliveries whose retry message was lost (a worker
    crash, a Redis restart). The attempt leases its row, so duplicates send once."""
    delivery_ids = webhook_deliveries_due()
    for delivery_id in delivery_ids:
        webhook_deliver_task.delay(delivery_id)
    return len(delivery_ids)


@shared_task(
    acks_late=True,
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=True,
    max_retries=MAX_RETRIES,
)
def notification_email_task(notification_id: int) -> None:
    """One notification's e-mail; the service sends it at most once per success."""
    notification_email_send(notification_id=notification_id)


# Matching runs on its own queue (settings.CELERY_TASK_ROUTES: "claims.tasks.match_*"). Each task
# leaves the same rows when run twice; only a database that went away is worth a retry.
MATCH_OPTIONS = {
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": MAX_RETRIES,
}


@shared_task(**MATCH_OPTIONS)
def match_article_task(article_id: int) -> None:
    """An imported article's proposals, matched together (their vectors in one batch)."""
    article_claims_match(article_id=article_id)


@shared_task(**MATCH_OPTIONS)
def match_claim_task(claim_id: int) -> None:
    """One claim marked by hand, queued or edited."""
    claim_match(claim_id=claim_id)


@shared_task(**MATCH_OPTIONS)
def match_library_vectors_task() -> None:
    """Embed the external fact-checks an upload brought (a duplicate message finds none left)."""
    library_vectors_fill()


@shared_task(acks_late=True)
def sweep_matching_task() -> int:
    """Beat, every ten minutes: send the matching of accepted claims whose message was lost."""
    claim_ids = matching_sweep(backlog=queue_backlog(settings.CELERY_MATCHING_QUEUE))
    for claim_id in claim_ids:
        match_claim_task.delay(claim_id)
    return len(claim_ids)
