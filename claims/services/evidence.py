"""Evidence snapshots: the source page as fetched, so a published verdict keeps its proof."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.utils import timezone

from claims.ingest.errors import FetchRefused
from claims.ingest.fetching import ARTICLE_TYPES, TEXT_TYPES, fetch_url
from claims.ingest.html import HtmlExtractionError, html_to_text
from claims.models import Evidence, EvidenceSnapshot, SnapshotStatus

SNAPSHOT_ERROR_MAX = 500


def evidence_snapshot_store(*, evidence_id: int) -> str:
    """Fetch the evidence's page through the SSRF-safe fetcher and store its text.

    Idempotent: evidence already stored (or gone) is left alone, so a duplicate or redelivered
    task does nothing. A page that will never work (refused address, 404, not a web page, no
    text) marks the evidence ``failed`` with the reason; TransientFetchError propagates for
    the task to retry. Returns the resulting snapshot status.
    """
    evidence = Evidence.objects.filter(id=evidence_id).only("id", "url", "snapshot_status").first()
    if evidence is None:
        return "gone"
    if evidence.snapshot_status == SnapshotStatus.STORED:
        return SnapshotStatus.STORED
    # Fetched outside any transaction: a slow site must not hold a database connection's
    # transaction (or a row lock) open for up to FETCH_TOTAL_TIMEOUT seconds.
    try:
        page = fetch_url(evidence.url, accept=ARTICLE_TYPES)
        if page.content_type in TEXT_TYPES:
            text = page.body.decode(page.charset or "utf-8", errors="replace").strip()
        else:
            text = html_to_text(page.body, url=page.url).text
        if not text:
            raise HtmlExtractionError("The page has no text.")
    except (FetchRefused, HtmlExtractionError) as exc:
        return evidence_snapshot_fail(evidence_id=evidence_id, message=str(exc))
    return _store(evidence_id, page.url, page.content_type, text)


@transaction.atomic
def _store(evidence_id: int, final_url: str, content_type: str, text: str) -> str:
    evidence = Evidence.objects.select_for_update().filter(id=evidence_id).first()
    if evidence is None:
        return "gone"
    EvidenceSnapshot.objects.update_or_create(
        evidence=evidence,
        defaults={
            "final_url": final_url[:2000],
            "content_type": content_type[:100],
            "text": text,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "fetched_at": timezone.now(),
        },
    )
    # update(), not save(): the snapshot bookkeeping is not an editorial change for the audit.
    Evidence.objects.filter(id=evidence_id).update(
        snapshot_status=SnapshotStatus.STORED, snapshot_error=""
    )
    return SnapshotStatus.STORED


@transaction.atomic
def evidence_snapshot_fail(*, evidence_id: int, message: str) -> str:
    """Record why no snapshot could be stored; a snapshot stored meanwhile wins."""
    Evidence.objects.filter(id=evidence_id).exclude(snapshot_status=SnapshotStatus.STORED).update(
        snapshot_status=SnapshotStatus.FAILED,
        snapshot_error=message.strip()[:SNAPSHOT_ERROR_MAX] or "The page could not be stored.",
    )
    return SnapshotStatus.FAILED
