"""Fixing evidence: edit, remove, retry its snapshot, attach an archive copy. Every write
checks ``claims.workflow`` first; the audit history keeps the old values.

Before publication these apply at once. After it the evidence is the published proof: it
changes only with a correction waiting for review. A source added then belongs to that
correction (``added_by_correction``: it can be fixed, archived or dropped like any draft), a
published source can only be marked for removal (``removed_by_correction``); both take effect
when another editor approves the correction (``claims.services.reviews``)."""

from __future__ import annotations

from functools import partial

from courlan import extract_domain
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from claims import workflow
from claims.ingest.archive_copies import (
    HEAD_BYTES,
    ArchiveCopyRefused,
    archive_file_type,
    archive_url_check,
)
from claims.models import ClaimStatus, Evidence, SnapshotStatus, Stance
from claims.services import dispatch
from claims.workflow import ActionInvalid, TransitionNotAllowed

PUBLISHED_REFUSAL = (
    "This fact-check is published: its evidence is part of the published proof and changes "
    "only through a correction. Propose a correction first; then sources added or removed "
    "go live with it once another editor approves it."
)
PUBLISHED_EDIT_REFUSAL = (
    "A published source is not edited in place: remove it with the correction and add the "
    "corrected source."
)


def _locked_evidence(*, claim_id: int, evidence_id: int, user, removing: bool = False) -> Evidence:
    evidence = (
        Evidence.objects.select_for_update()
        .select_related("claim")
        .filter(id=evidence_id, claim_id=claim_id)
        .first()
    )
    if evidence is None:
        raise ActionInvalid(f"Claim {claim_id} has no evidence {evidence_id}.")
    claim = evidence.claim
    if claim.status == ClaimStatus.RETRACTED:
        raise TransitionNotAllowed("This fact-check is retracted; its evidence stays as it was.")
    if claim.status == ClaimStatus.PUBLISHED and evidence.added_by_correction_id is None:
        if claim.pending_correction is None:
            raise TransitionNotAllowed(PUBLISHED_REFUSAL)
        if not removing:
            raise TransitionNotAllowed(PUBLISHED_EDIT_REFUSAL)
    if not workflow.can(user, "fix_evidence", claim):
        raise PermissionDenied(
            "Only the moderator researching this claim, or an editor, can change its evidence."
        )
    evidence._history_user = user
    return evidence


@transaction.atomic
def evidence_update(
    *,
    claim_id: int,
    evidence_id: int,
    user,
    url: str,
    title: str = "",
    publisher: str = "",
    excerpt: str = "",
    stance: str = Stance.CONTEXT,
) -> Evidence:
    """Correct a source. A new address is a new page: its snapshot is fetched again."""

    evidence = _locked_evidence(claim_id=claim_id, evidence_id=evidence_id, user=user)
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        raise ActionInvalid("Evidence needs an http or https address.")
    if stance not in Stance.values:
        raise ActionInvalid(f"stance must be one of {', '.join(Stance.values)}.")
    moved = url != evidence.url
    if moved:
        domain = extract_domain(url, fast=True)
        if not domain:
            raise ActionInvalid(f"Could not read a domain from {url[:100]!r}.")
        evidence.url, evidence.domain = url, domain.lower()
        evidence.snapshot_status, evidence.snapshot_error = SnapshotStatus.PENDING, ""
    evidence.title, evidence.publisher = title.strip()[:500], publisher.strip()[:300]
    evidence.excerpt, evidence.stance = excerpt.strip(), stance
    evidence._change_reason = "evidence edited"
    try:
        with transaction.atomic():
            evidence.save()
            if moved and hasattr(evidence, "snapshot"):
                evidence.snapshot.delete()  # the old page's text is not proof of the new one
    except IntegrityError:
        raise ActionInvalid("This source is already attached to the claim.") from None
    if moved:
        _enqueue_snapshot(evidence.id)
    return evidence


@transaction.atomic
def evidence_remove(*, claim_id: int, evidence_id: int, user) -> None:
    evidence = _locked_evidence(
        claim_id=claim_id, evidence_id=evidence_id, user=user, removing=True
    )
    claim = evidence.claim
    if claim.status == ClaimStatus.PUBLISHED and evidence.added_by_correction_id is None:
        # Still public until the correction is approved; it goes then.
        evidence.removed_by_correction = claim.pending_correction
        evidence._change_reason = "removal proposed with the correction"
        evidence.save()
        return
    evidence._change_reason = "evidence removed"
    stored_file = evidence.archive_file.name
    evidence.delete()
    if stored_file:
        # The row's history keeps the file's name; the file itself goes once the delete holds.
        transaction.on_commit(partial(evidence.archive_file.storage.delete, stored_file))


@transaction.atomic
def evidence_snapshot_retry(*, claim_id: int, evidence_id: int, user) -> Evidence:
    """Try the snapshot of a source again. Only a failed snapshot is retried; a retry already
    queued (pending) or done (stored) is left alone, so double clicks enqueue one task."""
    evidence = _locked_evidence(claim_id=claim_id, evidence_id=evidence_id, user=user)
    claimed = Evidence.objects.filter(id=evidence.id, snapshot_status=SnapshotStatus.FAILED).update(
        snapshot_status=SnapshotStatus.PENDING, snapshot_error=""
    )
    if not claimed:
        raise ActionInvalid(
            f"The snapshot is {evidence.get_snapshot_status_display().lower()}; "
            "only a failed snapshot can be retried."
        )
    _enqueue_snapshot(evidence.id)
    evidence.refresh_from_db()
    return evidence


@transaction.atomic
def evidence_archive_attach(
    *, claim_id: int, evidence_id: int, user, upload=None, archive_url: str = ""
) -> Evidence:
    """Attach an archive copy: an uploaded file (PDF, image, HTML; type read from its content,
    size under EVIDENCE_ARCHIVE_MAX_BYTES) or a web archive's address."""
    evidence = _locked_evidence(claim_id=claim_id, evidence_id=evidence_id, user=user)
    if (upload is None) == (not archive_url.strip()):
        raise ActionInvalid("Attach either a file or an archive address.")
    try:
        if upload is not None:
            _attach_file(evidence, upload)
        else:
            evidence.archive_url = archive_url_check(archive_url)
    except ArchiveCopyRefused as exc:
        raise ActionInvalid(str(exc)) from None
    evidence._change_reason = "archive copy attached"
    evidence.save()
    return evidence


def _attach_file(evidence: Evidence, upload) -> None:
    limit = settings.EVIDENCE_ARCHIVE_MAX_BYTES
    if upload.size > limit:
        raise ActionInvalid(
            f"The file is {upload.size:,} bytes; archive copies are limited to {limit:,} "
            "(setting EVIDENCE_ARCHIVE_MAX_BYTES)."
        )
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    content_type = archive_file_type(head, upload.name or "")
    previous = evidence.archive_file.name
    evidence.archive_file.save(upload.name, upload, save=False)
    evidence.archive_content_type = content_type
    if previous:
        transaction.on_commit(partial(evidence.archive_file.storage.delete, previous))


def _enqueue_snapshot(evidence_id: int) -> None:
    # Sent once the row is committed: a worker that starts at once must find it pending.
    dispatch.send_after_commit("claims.tasks.snapshot_evidence_task", evidence_id)


__all__ = [
    "PUBLISHED_REFUSAL",
    "evidence_archive_attach",
    "evidence_remove",
    "evidence_snapshot_retry",
    "evidence_update",
]
