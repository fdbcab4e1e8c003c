"""claim_history: the audit of a claim, its verdicts and evidence, field by field."""

import pytest

from claims.selectors import claim_history
from claims.services.reviews import claim_update, evidence_add, verdict_save_draft
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


def test_history_shows_field_labels_and_values_as_people_read_them(annotator, moderator):
    claim = ClaimFactory(score=0.999239224738367, kinds=["quantity", "causal"])
    act(claim, annotator, "queue")
    created, queued = claim_history(claim)[:2]
    shown = {c.label: c.new_text for c in created.changes}
    assert shown["Check-worthiness"] == "1.00"
    assert shown["Kinds of claim"] == "quantity, causal"
    status = next(c for c in queued.changes if c.field == "status")
    assert (status.label, status.old_text, status.new_text) == ("Status", "New", "Queued")
    assert (status.old, status.new) == ("new", "queued")  # the API keeps the stored values


def test_the_claim_page_history_panel_shows_labels_not_internal_values(
    client, annotator, moderator
):
    claim = ClaimFactory(score=0.999239224738367, kinds=["quantity", "causal"])
    act(claim, annotator, "queue")
    client.force_login(moderator)
    html = client.get(f"/claims/{claim.id}/").content.decode()
    panel = html[html.index('id="history-h"') :]
    assert "<dt>Check-worthiness</dt>" in panel
    assert "0.999239224738367" not in panel
    assert "[&#x27;quantity&#x27;" not in panel
    assert "quantity, causal" in panel
    assert "<ins>Queued</ins>" in panel
