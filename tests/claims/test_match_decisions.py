"""Confirming and rejecting matches (one service path, permission checked, history kept), and
the claim groups confirmed matches make: research once, on the primary."""

import pytest
from django.core.exceptions import PermissionDenied

from claims import workflow
from claims.models import ClaimStatus, ExternalFactCheck, MatchKind, MatchState, MatchSuggestion
from claims.selectors import claim_matches, group_sizes, queue_claims
from claims.services.match_decisions import match_decide
from claims.workflow import TransitionNotAllowed
from tests.api.helpers import make_factcheck
from tests.factories import ClaimFactory
from tests.review_helpers import act

pytestmark = pytest.mark.django_db


def _suggest(claim, target, kind=MatchKind.CLAIM, score=0.9):
    if isinstance(target, ExternalFactCheck):
        return MatchSuggestion.objects.create(
            claim=claim, kind=MatchKind.EXTERNAL, target_external=target, score=score
        )
    return MatchSuggestion.objects.create(claim=claim, kind=kind, target_claim=target, score=score)


@pytest.mark.parametrize("persona", ["annotator", "moderator", "editor", "admin_user"])
def test_every_workbench_role_may_decide(request, persona):
    user = request.getfixturevalue(persona)
    suggestion = _suggest(ClaimFactory(), ClaimFactory(status=ClaimStatus.QUEUED))
    decided = match_decide(match_id=suggestion.id, user=user, decision="reject")
    assert (decided.state, decided.decided_by) == (MatchState.REJECTED, user)
    assert decided.decided_at is not None


def test_a_user_without_role_may_not(no_role_user):
    suggestion = _suggest(ClaimFactory(), ClaimFactory(status=ClaimStatus.QUEUED))
    with pytest.raises(PermissionDenied):
        match_decide(match_id=suggestion.id, user=no_role_user, decision="confirm")
    suggestion.refresh_from_db()
    assert suggestion.state == MatchState.SUGGESTED


def test_a_decided_match_cannot_be_decided_again(annotator, moderator):
    suggestion = _suggest(ClaimFactory(), ClaimFactory(status=ClaimStatus.QUEUED))
    match_decide(match_id=suggestion.id, user=annotator, decision="reject")
    with pytest.raises(TransitionNotAllowed, match="already rejected"):
        match_decide(match_id=suggestion.id, user=moderator, decision="confirm")


def test_the_history_records_who_decided_and_when(annotator):
    claim, other = ClaimFactory(), ClaimFactory(status=ClaimStatus.QUEUED)
    suggestion = _suggest(claim, other)
    match_decide(match_id=suggestion.id, user=annotator, decision="confirm")
    last = suggestion.history.order_by("-history_date").first()
    assert (last.state, last.history_user) == (MatchState.CONFIRMED, annotator)
    joined = claim.history.order_by("-history_date").first()
    assert (joined.primary_id, joined.history_user) == (other.id, annotator)
    assert joined.history_change_reason == f"confirmed duplicate of claim {other.id}"


def test_a_confirmed_duplicate_joins_the_claim_further_along(annotator, moderator):
    queued = ClaimFactory(status=ClaimStatus.QUEUED)
    researched = ClaimFactory()
    act(researched, annotator, "queue")
    act(researched, moderator, "start")
    # Whichever side the suggestion came from, the researched claim leads.
    match_decide(match_id=_suggest(researched, queued).id, user=annotator, decision="confirm")
    queued.refresh_from_db()
    researched.refresh_from_db()
    assert (queued.primary_id, researched.primary_id) == (researched.id, None)


def test_two_researched_claims_are_not_merged(annotator, moderator, other_moderator):
    one, two = ClaimFactory(), ClaimFactory()
    for claim, mod in ((one, moderator), (two, other_moderator)):
        act(claim, annotator, "queue")
        act(claim, mod, "start")
    suggestion = _suggest(one, two)
    with pytest.raises(TransitionNotAllowed, match="both have research"):
        match_decide(match_id=suggestion.id, user=annotator, decision="confirm")
    suggestion.refresh_from_db()
    assert suggestion.state == MatchState.SUGGESTED


def test_groups_merge_into_one_primary(annotator):
    a, b, c, d = (ClaimFactory(status=ClaimStatus.QUEUED) for _ in range(4))
    match_decide(match_id=_suggest(b, a).id, user=annotator, decision="confirm")
    match_decide(match_id=_suggest(d, c).id, user=annotator, decision="confirm")
    match_decide(match_id=_suggest(d, b).id, user=annotator, decision="confirm")
    for claim in (b, c, d):
        claim.refresh_from_db()
        assert claim.primary_id == a.id  # a is the oldest of the four
    assert group_sizes([a.id]) == {a.id: 4}


def test_a_duplicate_is_researched_on_its_primary(annotator, moderator, editor):
    primary, duplicate = ClaimFactory(status=ClaimStatus.QUEUED), ClaimFactory()
    act(duplicate, annotator, "queue")
    match_decide(match_id=_suggest(duplicate, primary).id, user=annotator, decision="confirm")
    duplicate.refresh_from_db()
    actions = {t.action for t in workflow.allowed_actions(moderator, duplicate)}
    assert "start" not in actions
    with pytest.raises(TransitionNotAllowed, match=f"duplicate of claim {primary.id}"):
        act(duplicate, moderator, "start")
    with pytest.raises(TransitionNotAllowed):
        act(duplicate, editor, "assign", assignee=moderator)
    act(primary, moderator, "start")


def test_the_queue_shows_a_group_as_one_row_with_its_count(annotator, moderator):
    primary = ClaimFactory(status=ClaimStatus.QUEUED)
    others = [ClaimFactory(status=ClaimStatus.QUEUED) for _ in range(2)]
    alone = ClaimFactory(status=ClaimStatus.QUEUED)
    for other in others:
        match_decide(match_id=_suggest(other, primary).id, user=annotator, decision="confirm")
    rows = list(queue_claims(moderator, view="research"))
    assert {c.id for c in rows} == {primary.id, alone.id}
    assert group_sizes([primary.id, alone.id]) == {primary.id: 3, alone.id: 1}


def test_confirming_a_published_factcheck_closes_the_claim_by_linking_it(annotator):
    factcheck = make_factcheck(text="More than 1 million people fled the country in a week")
    claim = ClaimFactory(status=ClaimStatus.NEW)
    match_decide(
        match_id=_suggest(claim, factcheck, kind=MatchKind.FACTCHECK).id,
        user=annotator,
        decision="confirm",
    )
    claim.refresh_from_db()
    assert claim.primary_id == factcheck.id
    shown = claim_matches(claim)
    assert shown.primary == factcheck
    assert shown.appearances == 2
    assert shown.factchecks[0].state == MatchState.CONFIRMED


def test_an_external_confirmation_forms_no_group(annotator):
    external = ExternalFactCheck.objects.create(key="id:x", claim_text="Some claim elsewhere.")
    claim = ClaimFactory(status=ClaimStatus.QUEUED)
    match_decide(match_id=_suggest(claim, external).id, user=annotator, decision="confirm")
    claim.refresh_from_db()
    assert claim.primary_id is None
    assert claim_matches(claim).external[0].state == MatchState.CONFIRMED


def test_claim_matches_counts_other_articles_both_ways_and_hides_rejected(annotator):
    claim = ClaimFactory(status=ClaimStatus.QUEUED)
    outgoing, incoming, rejected = (ClaimFactory(status=ClaimStatus.QUEUED) for _ in range(3))
    _suggest(claim, outgoing)
    _suggest(incoming, claim)
    match_decide(match_id=_suggest(claim, rejected).id, user=annotator, decision="reject")
    shown = claim_matches(claim)
    assert {other.id for _, other in shown.others} == {outgoing.id, incoming.id}
    assert shown.other_articles == 2
    assert shown.matched is False
