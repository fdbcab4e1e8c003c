"""Signed webhooks to newsrooms when a fact-check is published, corrected or retracted.

Format: Standard Webhooks (https://www.standardwebhooks.com/): headers ``webhook-id``,
``webhook-timestamp`` and ``webhook-signature: v1,<base64 HMAC-SHA256>`` over
``"{id}.{timestamp}.{body}"`` with the base64-decoded ``whsec_`` secret of the newsroom.

Every event is a ``WebhookDelivery`` row per newsroom: the log, and the state of its retries.
A delivery is sent by ``webhook_delivery_attempt``; failures are retried with exponential
backoff (``WEBHOOK_RETRY_BASE_SECONDS * 3**(attempt - 1)``, capped) until
``WEBHOOK_MAX_ATTEMPTS``, then marked failed; an admin can redeliver it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid
from datetime import timedelta

import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from urllib3.exceptions import HTTPError as Urllib3HTTPError

from claims.exports.records import factcheck_json
from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.ingest.fetching import limits_from_settings, pinned_pool, vet_url
from claims.models import (
    Claim,
    DeliveryStatus,
    Newsroom,
    WebhookDelivery,
    WebhookEvent,
)
from claims.selectors import published_factchecks
from claims.services import dispatch
from claims.weburls import web_url_clean

USER_AGENT = "ClaimWorkbench-Webhooks/0.1"
# While one worker sends, the row is leased this long; a worker that dies mid-send leaves it
# to the sweeper after the lease.
SEND_LEASE_SECONDS = 120


# --- registering ---------------------------------------------------------------------------------


def webhook_url_validate(url: str) -> str:
    """The URL, stripped, or ValidationError saying why we will not post to it (the same SSRF
    guard as imports: no loopback, private, link-local or metadata addresses)."""
    url = web_url_clean(url)  # ValidationError for any other scheme
    if not url:
        return ""
    try:
        vet_url(url, limits_from_settings())
    except (FetchRefused, TransientFetchError) as exc:
        raise ValidationError(str(exc).replace("Refused", "Webhook URL refused", 1)) from exc
    return url


def newsroom_set_webhook(*, newsroom: Newsroom, url: str) -> Newsroom:
    newsroom.webhook_url = webhook_url_validate(url)
    newsroom.save(update_fields=["webhook_url"])
    return newsroom


# --- creating deliveries -----------------------------------------------------------------------


@transaction.atomic
def webhook_deliveries_create(*, claim: Claim, event: str) -> list[WebhookDelivery]:
    """One delivery of ``event`` about ``claim`` to every active newsroom with a webhook URL,
    each sent by a task once the surrounding transaction commits.

    The payload is built from the public fact-check only; a claim that is not published (or,
    for a retraction, retracted) raises instead of leaking a draft.
    """

    event = WebhookEvent(event)
    newsrooms = list(Newsroom.objects.filter(active=True).exclude(webhook_url=""))
    if not newsrooms:
        return []
    public = published_factchecks(include_retracted=event == WebhookEvent.RETRACTED)
    factcheck = public.filter(pk=claim.pk).first()
    if factcheck is None:
        raise ValueError(f"Claim {claim.pk} is not public; no webhook is sent for it.")
    event_id = f"msg_{uuid.uuid4().hex}"
    payload = {
        "type": event.value,
        "timestamp": timezone.now().isoformat(),
        "data": factcheck_json(factcheck, request_or_site_url=None),
    }
    payload = json.loads(json.dumps(payload, cls=DjangoJSONEncoder))
    now = timezone.now()
    deliveries = [
        WebhookDelivery.objects.create(
            newsroom=newsroom,
            event_id=event_id,
            event_type=event.value,
            claim=claim,
            payload=payload,
            next_attempt_at=now,
        )
        for newsroom in newsrooms
    ]
    for delivery in deliveries:
        dispatch.send_after_commit("claims.tasks.webhook_deliver_task", delivery.id)
    return deliveries


# --- sending -----------------------------------------------------------------------------------


def webhook_signature(*, secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def retry_delay(attempts: int) -> float:
    """Seconds to wait after the ``attempts``-th failed try."""
    base = settings.WEBHOOK_RETRY_BASE_SECONDS
    return min(base * 3 ** (attempts - 1), settings.WEBHOOK_RETRY_MAX_DELAY_SECONDS)


def webhook_delivery_attempt(*, delivery_id: int) -> float | None:
    """Send one pending delivery that is due. Returns the seconds until the next try after a
    failure, or None when there is nothing more to do (delivered, failed for good, not due,
    or another worker has it)."""
    now = timezone.now()
    # Claim the row with a conditional UPDATE: of two workers (a retry and the sweeper) only
    # one sends; the lease lets the sweeper take over if this worker dies mid-send.
    leased = WebhookDelivery.objects.filter(
        id=delivery_id,
        status=DeliveryStatus.PENDING,
        next_attempt_at__lte=now + timedelta(seconds=1),
    ).update(next_attempt_at=now + timedelta(seconds=SEND_LEASE_SECONDS))
    if not leased:
        return None
    delivery = WebhookDelivery.objects.select_related("newsroom").get(id=delivery_id)
    delivery.attempts += 1
    status_code, error, permanent = _post(delivery)
    delivery.last_status_code = status_code
    delivery.last_error = error[:500]
    if status_code is not None and 200 <= status_code < 300:
        delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, timezone.now()
        delivery.next_attempt_at = None
        retry_in = None
    elif permanent or delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
        retry_in = None
    else:
        retry_in = retry_delay(delivery.attempts)
        delivery.next_attempt_at = timezone.now() + timedelta(seconds=retry_in)
    delivery.save(
        update_fields=[
            "attempts",
            "last_status_code",
            "last_error",
            "status",
            "delivered_at",
            "next_attempt_at",
        ]
    )
    return retry_in


def _post(delivery: WebhookDelivery) -> tuple[int | None, str, bool]:
    """POST the payload; (status code or None, error message, whether it can never work)."""
    newsroom = delivery.newsroom
    if not newsroom.active or not newsroom.webhook_url:
        return None, "The newsroom is inactive or has no webhook URL any more.", True
    limits = limits_from_settings()
    try:
        # Vetted again at every try: DNS may point somewhere else by now.
        target = vet_url(newsroom.webhook_url, limits)
    except FetchRefused as exc:
        return None, str(exc), True
    except TransientFetchError as exc:
        return None, str(exc), False
    body = json.dumps(delivery.payload, separators=(",", ":"), ensure_ascii=False).encode()
    timestamp = int(time.time())
    headers = {
        "Host": target.host_header,
        "User-Agent": USER_AGENT,
        "Content-Type": "application/json",
        "webhook-id": delivery.event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": webhook_signature(
            secret=newsroom.webhook_secret,
            msg_id=delivery.event_id,
            timestamp=timestamp,
            body=body,
        ),
    }
    timeout = urllib3.Timeout(connect=limits.connect_timeout, read=settings.WEBHOOK_TIMEOUT_SECONDS)
    pool = pinned_pool(target, timeout)  # the vetted address, never the name again
    try:
        response = pool.urlopen(
            "POST",
            target.path,
            body=body,
            headers=headers,
            redirect=False,
            retries=False,
            assert_same_host=False,
            preload_content=False,  # the answer's body is never read: only its status counts
        )
        status = response.status
        response.close()
    except Urllib3HTTPError as exc:
        return None, f"Could not reach the webhook URL: {type(exc).__name__}.", False
    finally:
        pool.close()
    if 200 <= status < 300:
        return status, "", False
    return status, f"The receiver answered {status}.", False


def webhook_deliveries_due(*, limit: int = 500) -> list[int]:
    """Pending deliveries whose next try is due (including any lost with a worker)."""
    return list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=timezone.now()
        )
        .order_by("next_attempt_at")
        .values_list("id", flat=True)[:limit]
    )


@transaction.atomic
def webhook_delivery_redeliver(*, delivery_id: int) -> WebhookDelivery:
    """Send a delivery again now, with the same webhook-id (receivers dedupe on it), whatever
    its state: a fresh series of attempts."""
    delivery = WebhookDelivery.objects.select_for_update().get(id=delivery_id)
    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.delivered_at = None
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "delivered_at", "next_attempt_at"])
    dispatch.send_after_commit("claims.tasks.webhook_deliver_task", delivery.id)
    return delivery
