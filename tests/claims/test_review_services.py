"""The workflow's rules, exercised through the services the UI and the API call."""

import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Claim, ClaimStatus, Comment, Rating
from claims.services.reviews import (
    ActionInvalid,
    TransitionNotAllowed,
    claim_create_manual,
    claim_transition,
    claims_bulk_transition,
    evidence_add,
    verdict_save_draft,
)
from claims.workflow import allowed_actions, permission_table
from tests.factories import ArticleFactory, ClaimFactory, UserFactory
from tests.review_helpers import preserve_sources

pytestmark = pytest.mark.django_db


def _act(claim, user, action, **kwargs):
    return claim_transition(claim_id=claim.id, user=user, action=action, **kwargs)


def _researched(claim, moderator, sources=("https://un.org/a", "https://unhcr.org/b")):
    _act(claim, moderator, "start")
    for url in sources:
        evidence_add(claim_id=claim.id, user=moderator, url=url, stance="supports")
    preserve_sources(claim, moderator)
    verdict_save_draft(
        claim_id=claim.id,
        user=moderator,
        rating="true",
        claim_reviewed="More than 1 million people fled Ukraine",
    )
    return _act(claim, moderator, "submit")


@pytest.fixture
def queued_claim(annotator):
    claim = ClaimFactory()
    _act(claim, annotator, "queue")
    return claim


def test_a_claim_goes_from_suggestion_to_published(queued_claim, moderator, editor):
    claim = _researched(queued_claim, moderator)
    assert claim.status == ClaimStatus.IN_REVIEW
    assert claim.assignee == moderator
    _act(claim, editor, "approve")
    claim = _act(claim, editor, "publish")
    assert claim.status == ClaimStatus.PUBLISHED
    assert claim.published_at is not None
    assert claim.slug.startswith("more-than-1-million-people-fled-ukraine-")
    assert claim.current_verdict.approved_by == editor


def test_the_author_of_a_verdict_cannot_approve_it(queued_claim):
    both = UserFactory(username="moderator-and-editor", roles=["moderator", "editor"])
    claim = _researched(queued_claim, both)
    with pytest.raises(PermissionDenied, match="Two-person rule"):
        _act(claim, both, "approve")
    assert "approve" not in [t.action for t in allowed_actions(both, claim)]


def test_the_two_person_rule_holds_for_superusers_too(queued_claim):
    boss = UserFactory(username="boss", roles=["moderator"], is_superuser=True)
    claim = _researched(queued_claim, boss)
    with pytest.raises(PermissionDenied):
        _act(claim, boss, "approve")


def test_illegal_transitions_are_refused_with_the_state_named(moderator, editor):
    claim = ClaimFactory()
    with pytest.raises(TransitionNotAllowed, match="Cannot approve a claim that is new"):
        _act(claim, editor, "approve")
    with pytest.raises(TransitionNotAllowed):
        _act(claim, moderator, "submit")


def test_roles_are_enforced(queued_claim, annotator, moderator):
    with pytest.raises(PermissionDenied):
        _act(queued_claim, annotator, "start")
    with pytest.raises(PermissionDenied):
        _act(queued_claim, moderator, "assign", assignee=moderator)


def test_a_moderator_cannot_take_a_claim_assigned_to_someone_else(
    queued_claim, editor, moderator, other_moderator
):
    _act(queued_claim, editor, "assign", assignee=other_moderator)
    with pytest.raises(PermissionDenied, match="assigned to someone else"):
        _act(queued_claim, moderator, "start")
    assert _act(queued_claim, other_moderator, "start").status == ClaimStatus.IN_PROGRESS


def test_assign_only_to_moderators(queued_claim, editor, annotator):
    with pytest.raises(ActionInvalid, match="moderators"):
        _act(queued_claim, editor, "assign", assignee=annotator)


def test_request_changes_needs_a_comment_and_leaves_it_in_the_thread(
    queued_claim, moderator, editor
):
    claim = _researched(queued_claim, moderator)
    with pytest.raises(ActionInvalid, match="needs a comment"):
        _act(claim, editor, "request_changes")
    claim = _act(claim, editor, "request_changes", comment="Cite the UNHCR figure.")
    assert claim.status == ClaimStatus.CHANGES_REQUESTED
    assert "Cite the UNHCR figure." in Comment.objects.get(claim=claim).body
    assert _act(claim, moderator, "start").status == ClaimStatus.IN_PROGRESS


def test_publishing_with_one_source_names_the_rule(queued_claim, moderator, editor):
    claim = _researched(queued_claim, moderator, sources=["https://un.org/a", "https://un.org/b"])
    _act(claim, editor, "approve")
    with pytest.raises(ActionInvalid, match="at least 2 independent sources"):
        _act(claim, editor, "publish")
    assert claim.__class__.objects.get(id=claim.id).status == ClaimStatus.APPROVED


def _published(claim, moderator, editor):
    claim = _researched(claim, moderator)
    _act(claim, editor, "approve")
    return _act(claim, editor, "publish")


def _propose_correction(claim, editor, note="The UN figure was revised."):
    mostly_true = Rating.objects.get(slug="mostly-true")
    return _act(
        claim,
        editor,
        "correct",
        comment=note,
        verdict={"rating": mostly_true, "summary": "Revised."},
    )


def test_a_correction_is_proposed_and_the_published_verdict_stays_in_force(
    queued_claim, moderator, editor
):
    claim = _propose_correction(_published(queued_claim, moderator, editor), editor)
    assert claim.status == ClaimStatus.PUBLISHED
    versions = list(claim.verdicts.order_by("version").values_list("version", "is_current"))
    assert versions == [(1, True), (2, False)]
    claim = Claim.objects.get(id=claim.id)
    assert claim.current_verdict.rating.slug == "true"
    assert claim.pending_correction.correction_note == "The UN figure was revised."


def test_the_author_of_a_correction_cannot_approve_it(queued_claim, moderator, editor):
    claim = _propose_correction(_published(queued_claim, moderator, editor), editor)
    assert "approve_correction" not in [t.action for t in allowed_actions(editor, claim)]
    with pytest.raises(PermissionDenied, match="Two-person rule: you wrote this correction"):
        _act(claim, editor, "approve_correction")


def test_another_editor_approves_a_correction_and_it_goes_live(
    queued_claim, moderator, editor, other_editor
):
    claim = _propose_correction(_published(queued_claim, moderator, editor), editor)
    claim = _act(claim, other_editor, "approve_correction")
    claim = Claim.objects.get(id=claim.id)
    assert claim.current_verdict.version == 2
    assert claim.current_verdict.rating.slug == "mostly-true"
    assert claim.current_verdict.approved_by == other_editor
    assert claim.pending_correction is None


def test_a_rejected_correction_is_dropped_and_its_number_not_reused(
    queued_claim, moderator, editor, other_editor
):
    claim = _propose_correction(_published(queued_claim, moderator, editor), editor)
    _act(claim, other_editor, "reject_correction", comment="The old figure stands.")
    claim = Claim.objects.get(id=claim.id)
    assert claim.pending_correction is None
    assert list(claim.verdicts.values_list("version", flat=True)) == [1]
    assert "The old figure stands." in claim.comments.last().body
    claim = _propose_correction(claim, editor, note="Second try.")
    assert claim.pending_correction.version == 3


def test_only_one_correction_waits_for_review_at_a_time(queued_claim, moderator, editor):
    claim = _propose_correction(_published(queued_claim, moderator, editor), editor)
    with pytest.raises(TransitionNotAllowed, match="already waiting for review"):
        _propose_correction(claim, editor)


def test_without_a_pending_correction_there_is_nothing_to_approve(
    queued_claim, moderator, editor, other_editor
):
    claim = _published(queued_claim, moderator, editor)
    with pytest.raises(TransitionNotAllowed, match="no correction waiting"):
        _act(claim, other_editor, "approve_correction")


def test_retraction_is_immediate_even_with_a_correction_pending(queued_claim, moderator, editor):
    claim = _propose_correction(_published(queued_claim, moderator, editor), editor)
    claim = _act(claim, editor, "retract", comment="The source article was withdrawn.")
    assert claim.status == ClaimStatus.RETRACTED


def test_retraction_keeps_a_public_notice(queued_claim, moderator, editor):
    claim = _researched(queued_claim, moderator)
    _act(claim, editor, "approve")
    _act(claim, editor, "publish")
    claim = _act(claim, editor, "retract", comment="The source article was withdrawn.")
    assert claim.status == ClaimStatus.RETRACTED
    assert claim.retraction_note == "The source article was withdrawn."


def test_rejecting_a_queued_claim_needs_a_reason_but_triage_does_not(queued_claim, annotator):
    with pytest.raises(ActionInvalid, match="Dismiss needs a comment"):
        _act(queued_claim, annotator, "dismiss")
    queued_claim.refresh_from_db()
    dismiss = next(t for t in allowed_actions(annotator, queued_claim) if t.action == "dismiss")
    assert dismiss.needs_comment
    claim = _act(queued_claim, annotator, "dismiss", comment="Opinion, not a checkable fact.")
    assert claim.status == ClaimStatus.DISMISSED
    assert _act(ClaimFactory(), annotator, "dismiss").status == ClaimStatus.DISMISSED


def test_bulk_actions_report_each_refusal(annotator):
    claims = [ClaimFactory(), ClaimFactory()]
    _act(claims[1], annotator, "dismiss")
    errors = claims_bulk_transition(
        claim_ids=[c.id for c in claims], user=annotator, action="queue"
    )
    assert list(errors) == [claims[1].id]
    claims[0].refresh_from_db()
    assert claims[0].status == ClaimStatus.QUEUED


def test_annotator_marks_a_claim_by_hand_with_its_numbers(annotator):
    article = ArticleFactory(text="Intro.  About 30,000 people marched on Sunday. End.")
    start = article.text.index("About") - 2  # selection includes spaces: trimmed
    end = article.text.index("Sunday.") + len("Sunday.")
    claim = claim_create_manual(article=article, user=annotator, start=start, end=end)
    assert claim.quote == "About 30,000 people marched on Sunday."
    assert article.text[claim.start : claim.end] == claim.quote
    quantity = claim.quantities.get()
    assert (quantity.value, quantity.qualifier) == (30000, "about")
    with pytest.raises(ActionInvalid, match="already a claim"):
        claim_create_manual(article=article, user=annotator, start=start, end=end)
    with pytest.raises(ActionInvalid, match="outside the article"):
        claim_create_manual(article=article, user=annotator, start=0, end=10_000)


def test_the_permission_table_matches_the_rules():
    table = dict(permission_table())
    assert table["approve_claim"] == {
        "annotator": False,
        "moderator": False,
        "editor": True,
        "admin": True,
    }
    assert table["start_claim"]["moderator"]
    assert not table["start_claim"]["annotator"]
    assert table["edit_claim"]["annotator"]
