"""The review workflow's writes: transitions, claims marked by hand, verdicts, evidence,
comments. Every write checks ``claims.workflow`` first; the web UI and the API only call these.
"""

from __future__ import annotations

from courlan import extract_domain
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from claims import workflow
from claims.cleantext import strip_control_characters
from claims.extraction import find_quantities
from claims.models import (
    Article,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    Comment,
    Evidence,
    Quantity,
    Rating,
    Stance,
    Verdict,
    WebhookEvent,
)
from claims.services import dispatch
from claims.services.claims import _quantity_rows, quote_context
from claims.services.matching import match_claims_later
from claims.services.notifications import notify_transition
from claims.services.webhooks import webhook_deliveries_create
from claims.weburls import web_url_clean
from claims.workflow import ActionInvalid, TransitionNotAllowed

CLAIM_REVIEWED_GUIDELINE = 75  # ClaimReview: claimReviewed should be short


def _locked_claim(claim_id: int) -> Claim:
    # The row lock serialises concurrent transitions of one claim: of two editors approving
    # at the same moment, the second waits, then finds the claim approved and gets a 409.
    try:
        return Claim.objects.select_for_update().select_related("article").get(id=claim_id)
    except Claim.DoesNotExist:
        raise ActionInvalid(f"There is no claim {claim_id}.") from None


def _require(user, permission: str, obj, message: str) -> None:
    if not workflow.can(user, permission, obj):
        raise PermissionDenied(message)


# --- transitions -------------------------------------------------------------------------------


@transaction.atomic
def claim_transition(
    *, claim_id: int, user, action: str, comment: str = "", assignee=None, verdict=None
) -> Claim:
    """Take one workflow action on a claim, or refuse it with a clear error.

    ``assignee`` is for ``assign``; ``verdict`` (rating, claim_reviewed, summary) for
    ``correct``. Raises TransitionNotAllowed (409), PermissionDenied (403), ActionInvalid (400).
    """
    claim = _locked_claim(claim_id)
    comment = strip_control_characters(comment)
    transition = workflow.check(user, action, claim, comment=comment)
    _EFFECTS.get(action, _no_effect)(
        claim, user, comment=comment.strip(), assignee=assignee, verdict=verdict
    )
    if transition.target is not None and transition.target != claim.status:
        claim.status = transition.target
        claim.status_changed_at = timezone.now()
    claim.status_note = comment.strip()
    claim._change_reason = f"{action}: {comment.strip()}"[:100] if comment else action
    claim._history_user = user  # services also run outside a request (shell, tasks, tests)
    claim.save()
    if comment.strip() and action in (
        "dismiss",
        "request_changes",
        "retract",
        "correct",
        "reject_correction",
    ):
        Comment.objects.create(
            claim=claim, author=user, body=f"**{transition.label}:** {comment.strip()}"
        )
    if action in WEBHOOK_EVENTS:
        # Newsrooms hear of it once this transaction commits (the deliveries are sent then).
        webhook_deliveries_create(claim=claim, event=WEBHOOK_EVENTS[action])
    # The people it concerns (an assignee, the editors, the author) are told; e-mails leave
    # from a task after commit.
    notify_transition(claim=claim, action=action, actor=user)
    if action == "queue":
        # Accepted: matched again, now also against claims queued since it was proposed.
        match_claims_later(claim_ids=[claim.id])
    return claim


WEBHOOK_EVENTS = {
    "publish": WebhookEvent.PUBLISHED,
    # A correction reaches newsrooms when it goes live, not when it is proposed.
    "approve_correction": WebhookEvent.CORRECTED,
    "retract": WebhookEvent.RETRACTED,
}


def _no_effect(claim, user, **kwargs) -> None:
    return None


def _assign(claim: Claim, user, *, assignee=None, **kwargs) -> None:
    if assignee is None:
        raise ActionInvalid("Assign needs an assignee.")
    if isinstance(assignee, int | str):
        assignee = get_user_model().objects.filter(pk=assignee).first()
    if assignee is None or not workflow.roles_of(assignee) & {"moderator", "admin"}:
        raise ActionInvalid("Claims can only be assigned to moderators.")
    claim.assignee = assignee


def _start(claim: Claim, user, **kwargs) -> None:
    claim.assignee = claim.assignee or user


def _submit(claim: Claim, user, **kwargs) -> None:
    verdict = claim.current_verdict
    if verdict is None or verdict.approved_by_id is not None:
        raise ActionInvalid("Draft a verdict before submitting the claim for review.")


def _approve(claim: Claim, user, **kwargs) -> None:
    verdict = claim.current_verdict
    if verdict is None:
        raise ActionInvalid("There is no verdict to approve.")
    verdict.approved_by, verdict.approved_at = user, timezone.now()
    verdict._change_reason = "approved"
    verdict._history_user = user
    verdict.save()


def independent_source_count(claim: Claim) -> int:
    """Distinct domains among the evidence whose proof is kept (a stored snapshot or an archive
    copy): a source that may vanish tomorrow does not hold up a published verdict."""
    return len({e.domain for e in claim.evidence.all() if e.is_preserved})


def _short_sources(claim: Claim) -> str:
    reasons = []
    for e in claim.evidence.all():
        if e.is_preserved:
            continue
        state = e.get_snapshot_status_display().lower()
        detail = f": {e.snapshot_error}" if e.snapshot_error else ""
        reasons.append(f"{e.url} (snapshot {state}{detail}; no archive copy)")
    return "; ".join(reasons)


def _check_sources(claim: Claim, doing: str) -> None:
    needed = settings.MIN_INDEPENDENT_SOURCES
    found = independent_source_count(claim)
    if found < needed:
        short = _short_sources(claim)
        raise ActionInvalid(
            f"{doing} needs at least {needed} independent sources (evidence on distinct "
            f"domains with a stored snapshot or an archive copy, setting "
            f"MIN_INDEPENDENT_SOURCES); this claim has {found}."
            + (f" Not counted: {short}." if short else "")
        )


def _publish(claim: Claim, user, **kwargs) -> None:
    _check_sources(claim, "Publishing")
    verdict = claim.current_verdict
    if verdict is None or verdict.approved_by_id is None:
        raise ActionInvalid("Only an approved verdict can be published.")
    claim.published_at = timezone.now()
    claim.slug = claim.slug or f"{slugify(verdict.claim_reviewed)[:100].strip('-')}-{claim.pk}"


def _correct(claim: Claim, user, *, comment: str = "", verdict=None, **kwargs) -> None:
    if not verdict:
        raise ActionInvalid("A correction needs the corrected verdict (rating and summary).")
    current = claim.current_verdict
    claim_reviewed = strip_control_characters(verdict.get("claim_reviewed") or "")
    # Proposed, not in force: the public keeps the current version until another editor
    # approves this one (approve_correction).
    _verdict_new_version(
        claim,
        author=user,
        rating=verdict.get("rating") or current.rating,
        claim_reviewed=claim_reviewed or current.claim_reviewed,
        summary=strip_control_characters(verdict.get("summary") or "") or current.summary,
        correction_note=comment,
        in_force=False,
    )


def _approve_correction(claim: Claim, user, **kwargs) -> None:
    correction, previous = claim.pending_correction, claim.current_verdict
    # Its evidence changes go live with it, one row at a time for the audit history.
    for evidence in correction.evidence_removed.all():
        evidence._history_user, evidence._change_reason = user, "removed by the correction"
        evidence.delete()
    for evidence in correction.evidence_added.all():
        evidence.added_by_correction = None
        evidence._history_user, evidence._change_reason = user, "added by the correction"
        evidence.save()
    _check_sources(claim, "Approving this correction")
    # The old version gives up its place first: one current verdict per claim (a constraint).
    previous.is_current = False
    previous._history_user = user
    previous.save(update_fields=["is_current", "updated_at"])
    correction.is_current = True
    correction.approved_by, correction.approved_at = user, timezone.now()
    correction._change_reason = "correction approved"
    correction._history_user = user
    correction.save()
    _set_live_verdict(claim, correction)
    claim.__dict__.pop("current_verdict", None)
    claim.__dict__.pop("pending_correction", None)


def _reject_correction(claim: Claim, user, **kwargs) -> None:
    correction = claim.pending_correction
    for evidence in correction.evidence_added.all():
        evidence._history_user, evidence._change_reason = user, "dropped with the correction"
        evidence.delete()
    for evidence in correction.evidence_removed.all():
        evidence.removed_by_correction = None
        evidence._history_user, evidence._change_reason = user, "kept: correction rejected"
        evidence.save()
    # The audit history keeps the rejected version (and the comment says why).
    correction._change_reason = "correction rejected"
    correction._history_user = user
    correction.delete()
    claim.__dict__.pop("pending_correction", None)


def _retract(claim: Claim, user, *, comment: str = "", **kwargs) -> None:
    claim.retracted_at = timezone.now()
    claim.retraction_note = comment


_EFFECTS = {
    "assign": _assign,
    "start": _start,
    "submit": _submit,
    "approve": _approve,
    "publish": _publish,
    "correct": _correct,
    "approve_correction": _approve_correction,
    "reject_correction": _reject_correction,
    "retract": _retract,
}


@transaction.atomic
def claims_bulk_transition(
    *, claim_ids: list[int], user, action: str, comment: str = "", assignee=None
) -> dict[int, str]:
    """Apply one action to many claims; each claim succeeds or fails on its own.

    Returns {claim_id: error message} for the claims that were refused.
    """
    errors: dict[int, str] = {}
    for claim_id in claim_ids:
        try:
            with transaction.atomic():
                claim_transition(
                    claim_id=claim_id, user=user, action=action, comment=comment, assignee=assignee
                )
        except (TransitionNotAllowed, PermissionDenied, ActionInvalid) as exc:
            errors[claim_id] = str(exc)
    return errors


# --- claims marked and edited by hand ------------------------------------------------------------


@transaction.atomic
def claim_create_manual(*, article: Article, user, start: int, end: int, text: str = "") -> Claim:
    """A claim the annotator marked by selecting text. Offsets are trimmed to the words."""
    _require(user, "add_claim", None, "Your role does not allow you to add claims.")
    body = article.text
    if not (0 <= start < end <= len(body)):
        raise ActionInvalid(f"The selection {start}-{end} is outside the article (0-{len(body)}).")
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise ActionInvalid("The selection is empty.")
    quote = body[start:end]
    prefix, suffix = quote_context(body, start, end)
    text = strip_control_characters(text)
    try:
        with transaction.atomic():
            claim = Claim.objects.create(
                article=article,
                start=start,
                end=end,
                quote=quote,
                prefix=prefix,
                suffix=suffix,
                text=(text.strip() or quote)[:500],
                origin=ClaimOrigin.MANUAL,
                created_by=user,
                kinds=[],
            )
    except IntegrityError:
        raise ActionInvalid("This passage is already a claim.") from None

    Quantity.objects.bulk_create(_quantity_rows(claim, find_quantities(quote), offset=start))
    match_claims_later(claim_ids=[claim.id])
    return claim


class StaleEdit(Exception):
    """Someone else edited the claim after the version this edit was made on. ``claim`` is the
    claim as it is now, so the editor can see their values and re-apply theirs."""

    def __init__(self, claim: Claim):
        self.claim = claim
        super().__init__(
            f"This claim was changed by someone else (now version {claim.version}) after the "
            "version you edited; nothing was saved."
        )


@transaction.atomic
def claim_update(
    *,
    claim_id: int,
    user,
    text: str | None = None,
    claimant: str | None = None,
    version: int | None = None,
) -> Claim:
    """Edits text and claimant. With ``version`` (the one the editor loaded), an edit made on
    an older version raises ``StaleEdit``: the row lock makes the check and the write one step,
    so of two editors saving the same version at once exactly one wins."""
    claim = _locked_claim(claim_id)
    if not workflow.can(user, "edit_claim", claim):
        raise PermissionDenied("You cannot edit this claim in its current state.")
    if version is not None and version != claim.version:
        raise StaleEdit(claim)
    if text is not None:
        text = strip_control_characters(text)
        if not text.strip():
            raise ActionInvalid("The claim text cannot be empty.")
        if text.strip()[:500] != claim.text:
            match_claims_later(claim_ids=[claim.id])
        claim.text = text.strip()[:500]
    if claimant is not None:
        claim.claimant = strip_control_characters(claimant).strip()[:300]
    claim.version += 1
    claim._history_user = user
    claim.save()
    return claim


# --- verdicts ----------------------------------------------------------------------------------


def claim_reviewed_warning(claim_reviewed: str) -> str | None:
    if len(claim_reviewed) > CLAIM_REVIEWED_GUIDELINE:
        return (
            f"claim_reviewed is {len(claim_reviewed)} characters; ClaimReview recommends "
            f"at most {CLAIM_REVIEWED_GUIDELINE}."
        )
    return None


def _rating(rating) -> Rating:
    if isinstance(rating, Rating):
        return rating
    is_id = str(rating).isdigit() and len(str(rating)) <= 18  # larger would overflow the column
    found = Rating.objects.filter(pk=rating).first() if is_id else None
    found = found or Rating.objects.filter(scale__is_default=True, slug=rating).first()
    if found is None:
        raise ActionInvalid(f"Unknown rating {rating!r}.")
    return found


def _verdict_new_version(
    claim, *, author, rating, claim_reviewed, summary, correction_note="", in_force=True
):
    # Counted over the audit history too: a rejected correction is deleted, and its number
    # must not come back on a different verdict.
    used = (
        claim.verdicts.aggregate(v=Max("version"))["v"],
        Verdict.history.filter(claim_id=claim.pk).aggregate(v=Max("version"))["v"],
    )
    version = max(v or 0 for v in used) + 1
    # Saved one by one, not with update(), so the audit history records the hand-over.
    for previous in claim.verdicts.filter(is_current=True) if in_force else ():
        previous.is_current = False
        previous._history_user = author
        previous.save(update_fields=["is_current", "updated_at"])
    verdict = Verdict(
        claim=claim,
        version=version,
        rating=_rating(rating),
        claim_reviewed=claim_reviewed,
        summary=summary,
        correction_note=correction_note,
        author=author,
        is_current=in_force,
    )
    verdict._history_user = author
    verdict._change_reason = "correction" if correction_note else "new version"
    verdict.save()
    if in_force:
        _set_live_verdict(claim, verdict)
    claim.__dict__.pop("current_verdict", None)
    claim.__dict__.pop("pending_correction", None)
    return verdict


def _set_live_verdict(claim: Claim, verdict: Verdict) -> None:
    # The claim row mirrors which version is in force (see Claim.live_verdict); set on the
    # instance too, so that a caller saving the claim afterwards keeps it.
    claim.live_verdict = verdict
    Claim.objects.filter(pk=claim.pk).update(live_verdict=verdict)


@transaction.atomic
def verdict_save_draft(
    *, claim_id: int, user, rating, claim_reviewed: str, summary: str = ""
) -> Verdict:
    """Draft or revise the verdict while researching. A verdict already approved is never
    edited: revising after changes were requested makes a new version."""
    claim = _locked_claim(claim_id)
    if not workflow.can(user, "write_verdict", claim):
        raise PermissionDenied("Only the moderator researching this claim can draft its verdict.")
    claim_reviewed = strip_control_characters(claim_reviewed).strip()
    summary = strip_control_characters(summary)
    if not claim_reviewed:
        raise ActionInvalid("claim_reviewed cannot be empty.")
    current = claim.current_verdict
    if current is not None and current.approved_by_id is None and current.author_id == user.id:
        current.rating, current.claim_reviewed = _rating(rating), claim_reviewed[:300]
        current.summary = summary
        current._history_user = user
        current.save()
        return current
    return _verdict_new_version(
        claim, author=user, rating=rating, claim_reviewed=claim_reviewed[:300], summary=summary
    )


# --- evidence and comments ---------------------------------------------------------------------


@transaction.atomic
def evidence_add(
    *,
    claim_id: int,
    user,
    url: str,
    title: str = "",
    publisher: str = "",
    excerpt: str = "",
    stance: str = Stance.CONTEXT,
    accessed_at=None,
) -> Evidence:

    claim = _locked_claim(claim_id)
    if not workflow.can(user, "add_evidence", claim):
        raise PermissionDenied("Only the moderator researching this claim can add evidence.")
    try:
        url = web_url_clean(url)
    except ValidationError:
        raise ActionInvalid("Evidence needs an http or https address.") from None
    if not url:
        raise ActionInvalid("Evidence needs an http or https address.")
    domain = extract_domain(url, fast=True)
    if not domain:
        raise ActionInvalid(f"Could not read a domain from {url[:100]!r}.")
    if stance not in Stance.values:
        raise ActionInvalid(f"stance must be one of {', '.join(Stance.values)}.")
    correction = None
    if claim.status in (ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED):
        # The published proof changes only with a correction, and goes live with it.
        correction = claim.pending_correction if claim.status == ClaimStatus.PUBLISHED else None
        if correction is None:
            raise TransitionNotAllowed(
                "This fact-check is published: a source is added only with a correction. "
                "Propose a correction first; the source goes live when it is approved."
            )
    evidence = Evidence(
        claim=claim,
        added_by_correction=correction,
        url=url,
        domain=domain.lower(),
        title=strip_control_characters(title).strip()[:500],
        publisher=strip_control_characters(publisher).strip()[:300],
        excerpt=strip_control_characters(excerpt).strip(),
        stance=stance,
        accessed_at=accessed_at or timezone.now(),
        added_by=user,
    )
    evidence._history_user = user
    try:
        with transaction.atomic():
            evidence.save()
    except IntegrityError:
        raise ActionInvalid("This source is already attached to the claim.") from None
    # The snapshot is fetched by a worker once the evidence row is committed and visible.
    dispatch.send_after_commit("claims.tasks.snapshot_evidence_task", evidence.id)
    return evidence


@transaction.atomic
def comment_add(*, claim_id: int, user, body: str, form_token=None) -> Comment:
    """Adds a comment. The same ``form_token`` (the form's one-time token) from the same author
    gives back the comment already made from it: a double submission is one comment."""
    claim = Claim.objects.get(id=claim_id)
    if not workflow.can(user, "comment_claim", claim):
        raise PermissionDenied("Your role does not allow you to comment.")
    body = strip_control_characters(body)
    if not body.strip():
        raise ActionInvalid("A comment cannot be empty.")
    if form_token is None:
        return Comment.objects.create(claim=claim, author=user, body=body.strip()[:20_000])
    # get_or_create under the unique (author, form_token) constraint: of two posts at the
    # same moment one inserts, the other's insert fails and it reads the first one's row.
    comment, _ = Comment.objects.get_or_create(
        author=user,
        form_token=form_token,
        defaults={"claim": claim, "body": body.strip()[:20_000]},
    )
    return comment


__all__ = [
    "ActionInvalid",
    "ClaimStatus",
    "StaleEdit",
    "TransitionNotAllowed",
    "claim_create_manual",
    "claim_reviewed_warning",
    "claim_transition",
    "claim_update",
    "claims_bulk_transition",
    "comment_add",
    "evidence_add",
    "independent_source_count",
    "verdict_save_draft",
]
