"""Two people acting on one claim at the same moment, on a real PostgreSQL: the row lock in
``claim_transition`` lets exactly one of them through."""

import threading
import uuid

import pytest
from django.db import connection

from claims.models import Claim, ClaimStatus, Comment
from claims.services.reviews import (
    StaleEdit,
    TransitionNotAllowed,
    claim_transition,
    claim_update,
    comment_add,
)
from tests.factories import ClaimFactory, UserFactory
from tests.review_helpers import act, claim_in_review, ensure_default_scale

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def at_the_same_moment(*calls):
    """Run each call in its own thread (hence its own database connection), released together
    by a barrier. Returns each call's result or exception, in order."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait(timeout=10)
            outcomes[i] = call()
        except Exception as exc:
            outcomes[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads), "a transition hung"
    return outcomes


def test_two_editors_approving_at_once_one_succeeds():
    ensure_default_scale()
    annotator = UserFactory(username="anna", roles=["annotator"])
    moderator = UserFactory(username="moritz", roles=["moderator"])
    editors = [UserFactory(username=n, roles=["editor"]) for n in ("edith", "emil")]
    claim = claim_in_review(annotator=annotator, moderator=moderator)

    outcomes = at_the_same_moment(
        *(
            lambda e=e: claim_transition(claim_id=claim.id, user=e, action="approve")
            for e in editors
        )
    )

    successes = [o for o in outcomes if isinstance(o, Claim)]
    refusals = [o for o in outcomes if isinstance(o, TransitionNotAllowed)]
    assert (len(successes), len(refusals)) == (1, 1), outcomes
    assert "Cannot approve a claim that is approved" in str(refusals[0])
    verdict = Claim.objects.get(id=claim.id).current_verdict
    assert verdict.approved_by == successes[0].current_verdict.approved_by


def test_two_moderators_taking_at_once_one_gets_it():
    annotator = UserFactory(username="anna", roles=["annotator"])
    moderators = [UserFactory(username=n, roles=["moderator"]) for n in ("moritz", "mona")]
    claim = ClaimFactory()
    act(claim, annotator, "queue")

    outcomes = at_the_same_moment(
        *(
            lambda m=m: claim_transition(claim_id=claim.id, user=m, action="start")
            for m in moderators
        )
    )

    winners = [o for o in outcomes if isinstance(o, Claim)]
    assert len(winners) == 1, outcomes
    assert isinstance(next(o for o in outcomes if not isinstance(o, Claim)), TransitionNotAllowed)
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.IN_PROGRESS
    assert claim.assignee == winners[0].assignee
    assert claim.history.filter(status=ClaimStatus.IN_PROGRESS).count() == 1


def test_two_editors_saving_the_draft_from_one_version_at_once_one_wins():
    editors = [UserFactory(username=n, roles=["editor"]) for n in ("edith", "emil")]
    claim = ClaimFactory(text="More than 1 million people fled Ukraine", claimant="UNHCR")
    edits = [{"text": "1 million people fled Ukraine"}, {"claimant": "UN"}]

    outcomes = at_the_same_moment(
        *(
            lambda e=e, edit=edit: claim_update(claim_id=claim.id, user=e, version=1, **edit)
            for e, edit in zip(editors, edits, strict=True)
        )
    )

    successes = [o for o in outcomes if isinstance(o, Claim)]
    refusals = [o for o in outcomes if isinstance(o, StaleEdit)]
    assert (len(successes), len(refusals)) == (1, 1), outcomes
    claim.refresh_from_db()
    assert claim.version == 2
    # The refused editor is shown the winner's values, and exactly the winner's edit is kept.
    assert (refusals[0].claim.text, refusals[0].claim.claimant) == (claim.text, claim.claimant)
    assert (claim.text, claim.claimant) in [
        ("1 million people fled Ukraine", "UNHCR"),
        ("More than 1 million people fled Ukraine", "UN"),
    ]


def test_one_comment_form_posted_twice_at_once_is_one_comment():
    annotator = UserFactory(username="anna", roles=["annotator"])
    claim = ClaimFactory()
    token = uuid.uuid4()

    outcomes = at_the_same_moment(
        *(
            lambda: comment_add(claim_id=claim.id, user=annotator, body="Same", form_token=token)
            for _ in range(2)
        )
    )

    assert all(isinstance(o, Comment) for o in outcomes), outcomes
    assert Comment.objects.filter(claim=claim).count() == 1
