"""People's decisions on suggested matches, and the claim groups confirmed matches make.

Confirming a match to another claim (open, or one of our published fact-checks) puts both in
one group under a primary (``workflow.group_leader``): research happens once, on the primary,
and its verdict covers every confirmed appearance. Confirming a match to a published
fact-check thus closes the claim by linking it there. Confirming a match to an external
fact-check records it for the researcher; it is not our verdict. Who decided, and when, is in
the histories of the suggestion and of the claims that joined a group.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from claims import workflow
from claims.models import Claim, MatchSuggestion
from claims.workflow import ActionInvalid, TransitionNotAllowed


@transaction.atomic
def match_decide(
    *, match_id: int, user, decision: str, claim_id: int | None = None
) -> MatchSuggestion:
    """Confirm or reject one suggested match (``claim_id``: one of its two claims, when the
    caller came from a claim's page). Raises TransitionNotAllowed (409: decided already, or two
    researched claims), PermissionDenied (403), ActionInvalid (400)."""
    suggestion = (
        MatchSuggestion.objects.select_for_update(of=("self",))
        .select_related("claim", "target_claim")
        .filter(id=match_id)
        .first()
    )
    if suggestion is None or claim_id not in (
        None,
        suggestion.claim_id,
        suggestion.target_claim_id,
    ):
        raise ActionInvalid(f"There is no match {match_id}.")
    workflow.check_match_decision(user, decision, suggestion)
    if decision == "confirm" and suggestion.target_claim_id is not None:
        claims_group(claim_id=suggestion.claim_id, other_id=suggestion.target_claim_id, user=user)
    suggestion.state = workflow.MATCH_DECISIONS[decision]
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion._history_user = user
    suggestion.save()
    return suggestion


def claims_group(*, claim_id: int, other_id: int, user) -> Claim:
    """Put two claims (and the groups they are in) into one group; returns its primary."""
    # Lock the claims and their primaries in id order: two confirmations touching the same
    # groups from opposite sides then wait for each other instead of deadlocking.
    pair = Claim.objects.filter(id__in=[claim_id, other_id]).values_list("primary_id", "id")
    roots = sorted({primary or pk for primary, pk in pair})
    locked = {
        c.id: c for c in Claim.objects.select_for_update().filter(id__in=roots).order_by("id")
    }
    if any(c.primary_id is not None for c in locked.values()):
        raise TransitionNotAllowed("These claims' groups changed meanwhile; please try again.")
    if len(locked) == 1:
        return next(iter(locked.values()))  # already one group
    primary, duplicate = workflow.group_leader(*locked.values())
    members = [duplicate, *Claim.objects.select_for_update().filter(primary=duplicate)]
    for member in members:
        member.primary = primary
        member._history_user = user
        member._change_reason = f"confirmed duplicate of claim {primary.id}"
        member.save(update_fields=["primary", "updated_at"])
    return primary
