"""The claim workflow in one place: which action moves a claim from which states to which,
who may take it, and what it needs.

    new -> dismissed | queued -> in_progress -> in_review -> (changes_requested -> in_progress)
        -> approved -> published -> (corrected: still published) | retracted

A correction goes through review like the first verdict: ``correct`` proposes a new version,
which the public does not see until another editor takes ``approve_correction`` (or
``reject_correction`` drops it). Retraction stays immediate: it stops harm.

Two questions are kept apart, because the API answers them differently:
- is the action possible from the claim's state? If not: ``TransitionNotAllowed`` (HTTP 409);
- may this user take it on this claim? If not: ``PermissionDenied`` (HTTP 403).
Services call ``check()`` before every write; views and templates call ``allowed_actions()``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from types import SimpleNamespace

import rules
from django.core.exceptions import PermissionDenied

from claims.models import ClaimStatus as S

ROLES = ("annotator", "moderator", "editor", "admin")


class TransitionNotAllowed(Exception):
    """The action does not apply to the claim in its current state."""


class ActionInvalid(ValueError):
    """The action applies but its input is incomplete (a missing comment, a bad assignee)."""


# --- roles -------------------------------------------------------------------------------------


def roles_of(user) -> frozenset[str]:
    """The user's roles, read once per user object (a request's user is reused everywhere)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_workbench_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if user.is_superuser:
            cached |= {"admin"}
        user._workbench_roles = cached
    return cached


def _role(name: str):
    @rules.predicate(name=f"is_{name}")
    def has_role(user) -> bool:
        roles = roles_of(user)
        return name in roles or "admin" in roles

    return has_role


is_annotator = _role("annotator")
is_moderator = _role("moderator")
is_editor = _role("editor")
is_admin = _role("admin")
has_any_role = is_annotator | is_moderator | is_editor


@rules.predicate
def is_assignee(user, claim) -> bool:
    return claim is not None and claim.assignee_id is not None and claim.assignee_id == user.id


@rules.predicate
def is_unassigned_or_assignee(user, claim) -> bool:
    return claim is None or claim.assignee_id in (None, user.id)


@rules.predicate
def authored_current_verdict(user, claim) -> bool:
    verdict = claim.current_verdict if claim is not None else None
    return verdict is not None and verdict.author_id == user.id


@rules.predicate
def authored_pending_correction(user, claim) -> bool:
    verdict = getattr(claim, "pending_correction", None)
    return verdict is not None and verdict.author_id == user.id


def _no_pending_correction(claim) -> str:
    if getattr(claim, "pending_correction", None) is not None:
        return "A correction is already waiting for review; approve or reject it first."
    return ""


def _not_a_duplicate(claim) -> str:
    """A confirmed duplicate is researched once, on its group's primary."""
    if getattr(claim, "primary_id", None) is not None:
        return (
            f"This claim is a confirmed duplicate of claim {claim.primary_id}; "
            "its research and verdict happen there."
        )
    return ""


def _pending_correction(claim) -> str:
    if getattr(claim, "pending_correction", None) is None:
        return "There is no correction waiting for review."
    return ""


# --- the transitions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the status does not change (assign, correct)
    rule: rules.Predicate
    needs_comment: bool = False
    comment_label: str = "Comment"
    # States from which the action needs a comment even when it usually does not.
    comment_needed_from: tuple[str, ...] = ()
    # Beyond the status: why the claim's state rules the action out now ("" if it does not).
    blocked_by: Callable[[object], str] | None = None

    def for_claim(self, claim) -> Transition:
        """This transition as it applies to ``claim``: whether a comment is needed can depend
        on the claim's state (dismissing a queued claim rejects it, and says why)."""
        if not self.needs_comment and claim.status in self.comment_needed_from:
            return replace(self, needs_comment=True)
        return self


# Admins pass every role predicate above; object rules (assignee, two-person) still apply to them.
TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition(
            "queue", "Send to the research queue", (S.NEW,), S.QUEUED, is_annotator | is_editor
        ),
        Transition(
            "dismiss",
            "Dismiss",
            (S.NEW, S.QUEUED),
            S.DISMISSED,
            is_annotator | is_editor,
            comment_label="Why is it not worth checking?",
            # Dismissing a fresh suggestion is triage; dismissing a claim someone already
            # accepted into the queue is a rejection and needs its reason.
            comment_needed_from=(S.QUEUED,),
        ),
        Transition(
            "assign",
            "Assign",
            (S.QUEUED, S.IN_PROGRESS, S.CHANGES_REQUESTED),
            None,
            is_editor,
            blocked_by=_not_a_duplicate,
        ),
        Transition(
            "start",
            "Take and start research",
            (S.QUEUED, S.CHANGES_REQUESTED),
            S.IN_PROGRESS,
            is_moderator & is_unassigned_or_assignee,
            blocked_by=_not_a_duplicate,
        ),
        Transition(
            "submit", "Submit for review", (S.IN_PROGRESS,), S.IN_REVIEW, is_moderator & is_assignee
        ),
        Transition(
            "request_changes",
            "Request changes",
            (S.IN_REVIEW,),
            S.CHANGES_REQUESTED,
            is_editor & ~authored_current_verdict,
            needs_comment=True,
            comment_label="What needs to change?",
        ),
        Transition(
            "approve", "Approve", (S.IN_REVIEW,), S.APPROVED, is_editor & ~authored_current_verdict
        ),
        Transition("publish", "Publish", (S.APPROVED,), S.PUBLISHED, is_editor),
        Transition(
            "correct",
            "Propose a correction",
            (S.PUBLISHED,),
            None,
            is_editor,
            needs_comment=True,
            comment_label="Public correction note",
            blocked_by=_no_pending_correction,
        ),
        Transition(
            "approve_correction",
            "Approve the correction",
            (S.PUBLISHED,),
            None,
            is_editor & ~authored_pending_correction,
            blocked_by=_pending_correction,
        ),
        Transition(
            "reject_correction",
            "Reject the correction",
            (S.PUBLISHED,),
            None,
            is_editor,
            needs_comment=True,
            comment_label="Why is the correction rejected?",
            blocked_by=_pending_correction,
        ),
        Transition(
            "retract",
            "Retract",
            (S.PUBLISHED,),
            S.RETRACTED,
            is_editor,
            needs_comment=True,
            comment_label="Public retraction notice",
        ),
    ]
}
ACTIONS = tuple(TRANSITIONS)

# Annotators edit claims (draft text, claimant, anchoring) only until research starts.
EDITABLE_BY_ANNOTATOR = (S.NEW, S.QUEUED)


@rules.predicate
def claim_not_in_research(user, claim) -> bool:
    return claim is None or claim.status in EDITABLE_BY_ANNOTATOR


@rules.predicate
def claim_in_research(user, claim) -> bool:
    return claim is None or claim.status in (S.IN_PROGRESS, S.CHANGES_REQUESTED)


can_edit_claim = (
    (is_annotator & claim_not_in_research)
    | is_editor
    | (is_moderator & is_assignee & claim_in_research)
)
can_write_verdict = is_moderator & is_assignee & claim_in_research
can_add_evidence = (is_moderator & claim_in_research & is_assignee) | is_editor


@rules.predicate
def claim_not_public(user, claim) -> bool:
    return claim is None or claim.status not in (S.PUBLISHED, S.RETRACTED)


@rules.predicate
def correction_pending(user, claim) -> bool:
    return getattr(claim, "pending_correction", None) is not None


# Before publication a source can be corrected, removed, re-snapshotted or archived; after it,
# the evidence is the published proof and changes only with a correction waiting for review
# (the services say which changes: sources added or removed with it).
can_fix_evidence = (is_moderator & claim_in_research & is_assignee) | (
    is_editor & (claim_not_public | correction_pending)
)

rules.add_perm("claims.view_workbench", has_any_role)
rules.add_perm("claims.import_articles", has_any_role)
rules.add_perm("claims.add_claim", is_annotator | is_editor)
rules.add_perm("claims.edit_claim", can_edit_claim)
rules.add_perm("claims.write_verdict", can_write_verdict)
rules.add_perm("claims.add_evidence", can_add_evidence)
rules.add_perm("claims.fix_evidence", can_fix_evidence)
rules.add_perm("claims.comment_claim", has_any_role)
# Matches: annotators triage them as they triage proposals, moderators as they research.
rules.add_perm("claims.decide_match", is_annotator | is_moderator | is_editor)
for _t in TRANSITIONS.values():
    rules.add_perm(f"claims.{_t.action}_claim", _t.rule)


# --- the questions services and views ask ----------------------------------------------------


def transition_for(action: str) -> Transition:
    try:
        return TRANSITIONS[action]
    except KeyError:
        raise ActionInvalid(
            f"Unknown action {action!r}; expected one of: {', '.join(ACTIONS)}."
        ) from None


def check(user, action: str, claim, *, comment: str = "") -> Transition:
    """Raise unless ``user`` may take ``action`` on ``claim`` now; return the transition."""
    transition = transition_for(action).for_claim(claim)
    if claim.status not in transition.sources:
        allowed = ", ".join(S(s).label.lower() for s in transition.sources)
        raise TransitionNotAllowed(
            f"Cannot {action.replace('_', ' ')} a claim that is "
            f"{S(claim.status).label.lower()}; it must be {allowed}."
        )
    blocked = transition.blocked_by(claim) if transition.blocked_by else ""
    if blocked:
        raise TransitionNotAllowed(blocked)
    if not can(user, f"{action}_claim", claim):
        raise PermissionDenied(_refusal(user, transition, claim))
    if transition.needs_comment and not comment.strip():
        raise ActionInvalid(f"{transition.label} needs a comment: {transition.comment_label}.")
    return transition


def _refusal(user, transition: Transition, claim) -> str:
    if transition.action in ("approve", "request_changes") and authored_current_verdict(
        user, claim
    ):
        return "Two-person rule: you wrote this verdict, so another editor must review it."
    if transition.action == "approve_correction" and authored_pending_correction(user, claim):
        return "Two-person rule: you wrote this correction, so another editor must approve it."
    if transition.action == "start" and claim.assignee_id not in (None, user.id):
        return "This claim is assigned to someone else."
    if transition.action == "submit" and not is_assignee(user, claim):
        return "Only the moderator researching this claim can submit it."
    return f"Your role does not allow you to {transition.label.lower()} claims."


# --- matches and claim groups ------------------------------------------------------------------

MATCH_DECISIONS = {"confirm": "confirmed", "reject": "rejected"}

# How far a claim has come; of two claims confirmed the same, the one further along leads the
# group. Research or a verdict of its own (2 and up) is never folded into another claim's.
_PROGRESS = {
    S.DISMISSED: -1,
    S.NEW: 0,
    S.QUEUED: 1,
    S.IN_PROGRESS: 2,
    S.CHANGES_REQUESTED: 2,
    S.IN_REVIEW: 3,
    S.APPROVED: 4,
    S.PUBLISHED: 5,
    S.RETRACTED: 5,
}
_RESEARCHED = 2


def check_match_decision(user, decision: str, suggestion) -> None:
    """Raise unless ``user`` may confirm or reject this suggested match now."""
    if decision not in MATCH_DECISIONS:
        raise ActionInvalid(f"Unknown decision {decision!r}; expected confirm or reject.")
    if suggestion.state != "suggested":
        raise TransitionNotAllowed(f"This match was already {suggestion.state}.")
    if not can(user, "decide_match", suggestion.claim):
        raise PermissionDenied("Your role does not allow you to confirm or reject matches.")


def group_leader(one, other) -> tuple:
    """(primary, duplicate) of two group primaries confirmed to be the same claim: the one
    further along leads (a published fact-check first), else the older. Raises
    TransitionNotAllowed when both have research of their own: one must be dismissed first."""
    primary, duplicate = sorted(
        (one, other), key=lambda c: (-_PROGRESS[c.status], c.created_at, c.id)
    )
    if _PROGRESS[duplicate.status] >= _RESEARCHED:
        raise TransitionNotAllowed(
            f"Claims {primary.id} and {duplicate.id} both have research or a verdict of their "
            "own; finish or dismiss one before confirming them as the same claim."
        )
    return primary, duplicate


def allowed_actions(user, claim) -> list[Transition]:
    """The transitions this user may take on this claim right now, in workflow order."""
    return [
        t.for_claim(claim)
        for t in TRANSITIONS.values()
        if claim.status in t.sources
        and not (t.blocked_by and t.blocked_by(claim))
        and can(user, f"{t.action}_claim", claim)
    ]


def can(user, permission: str, obj=None) -> bool:
    """Ask the rules directly, not ``user.has_perm``: Django's ModelBackend says yes to every
    permission of a superuser, which would skip the two-person rule."""
    return rules.has_perm(f"claims.{permission}", user, obj)


def permission_table() -> list[tuple[str, dict[str, bool]]]:
    """(action, {role: allowed}) for the README, computed from the rules above so that the
    documentation cannot drift from the code. Object rules (assignee, two-person) are assumed
    satisfied; they are noted in the README beside the table."""

    perms = [
        *(f"{a}_claim" for a in ACTIONS),
        "add_claim",
        "edit_claim",
        "write_verdict",
        "add_evidence",
        "fix_evidence",
        "comment_claim",
        "decide_match",
        "import_articles",
    ]
    rows = []
    for perm in perms:
        allowed = {}
        for role in ROLES:
            user = SimpleNamespace(
                id=1, is_authenticated=True, is_active=True, _workbench_roles=frozenset({role})
            )
            # Allowed for the role if it is allowed in some state of a claim assigned to them.
            allowed[role] = any(
                can(user, perm, SimpleNamespace(assignee_id=1, status=s, current_verdict=None))
                for s in S.values
            )
        rows.append((perm, allowed))
    return rows


PERMISSION_LABELS = {
    "add_claim": "Mark a claim by hand",
    "edit_claim": "Edit a claim (text, claimant)",
    "write_verdict": "Draft or revise the verdict",
    "add_evidence": "Add evidence",
    "fix_evidence": "Edit, remove, re-snapshot or archive evidence",
    "comment_claim": "Comment",
    "decide_match": "Confirm or reject a match",
    "import_articles": "Import articles",
}


def permission_table_markdown() -> str:
    """The permission table as the README shows it (``manage.py permission_table``)."""
    lines = [
        f"| action | {' | '.join(ROLES)} |",
        f"|---|{'---|' * len(ROLES)}",
    ]
    for perm, allowed in permission_table():
        action = perm.removesuffix("_claim")
        if action in TRANSITIONS:
            label = TRANSITIONS[action].label.lower()
            name = f"`{action}`" if label == action.replace("_", " ") else f"`{action}`: {label}"
        else:
            name = PERMISSION_LABELS[perm]
        cells = " | ".join("yes" if allowed[role] else "—" for role in ROLES)
        lines.append(f"| {name} | {cells} |")
    return "\n".join(lines) + "\n"
