"""claim_history: the audit of a claim, its verdicts and evidence, field by field."""

import pytest

from claims.selectors import claim_history
from claims.services.review import claim_update, evidence_add, verdict_save_draft
from tests.factories import ClaimFactory
from tests.review_helpers import act

pytestmark = pytest.mark.django_db


def test_history_names_people_and_ratings_and_merges_in_time_order(annotator, moderator):
    claim = ClaimFactory()
    claim_update(claim_id=claim.id, user=annotator, claimant="Mykhailo Podolyak")
    act(claim, annotator, "queue")
    act(claim, moderator, "start")
    evidence_add(claim_id=claim.id, user=moderator, url="https://www.unhcr.org/figures")
    for rating in ("true", "mostly-true"):
        verdict_save_draft(
            claim_id=claim.id, user=moderator, rating=rating, claim_reviewed="1 million fled"
        )

    entries = claim_history(claim)

    assert [e.when for e in entries] == sorted(e.when for e in entries)
    assert [(e.object_type, e.change) for e in entries] == [
        ("claim", "created"),
        ("claim", "changed"),  # claimant
        ("claim", "changed"),  # queued
        ("claim", "changed"),  # taken
        ("evidence", "created"),
        ("verdict", "created"),
        ("verdict", "changed"),  # the draft revised
    ]
    claimant = entries[1]
    assert claimant.who == "anna"
    assert [(c.field, c.old, c.new) for c in claimant.changes] == [
        ("claimant", "", "Mykhailo Podolyak")
    ]
    taken = entries[3]
    assert (taken.who, taken.reason) == ("moritz", "start")
    assert {(c.field, c.old, c.new) for c in taken.changes} == {
        ("status", "queued", "in_progress"),
        ("assignee", None, "moritz"),
    }
    revised = entries[-1]
    assert [(c.field, c.old, c.new) for c in revised.changes] == [("rating", "True", "Mostly true")]
    assert entries[4].object_label == "https://www.unhcr.org/figures"
    assert ("domain", None, "unhcr.org") in {(c.field, c.old, c.new) for c in entries[4].changes}


def test_history_of_one_claim_leaves_other_claims_out(annotator):
    claim, other = ClaimFactory(), ClaimFactory()
    act(other, annotator, "queue")
    assert {e.object_id for e in claim_history(claim)} == {claim.id}
