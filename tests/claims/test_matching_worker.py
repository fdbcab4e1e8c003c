"""Matching on a real Celery worker over Redis, on its own queue, on PostgreSQL."""

import pytest

from claims.models import ClaimStatus, MatchKind, MatchSuggestion
from tests.api.helpers import make_factcheck
from tests.factories import ClaimFactory, UserFactory
from tests.review_helpers import act, ensure_default_scale
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


def test_a_queued_claim_is_matched_by_a_worker_on_the_matching_queue(tmp_path):
    ensure_default_scale()
    factcheck = make_factcheck(text="More than one million refugees fled Ukraine in a week")
    annotator = UserFactory(username="worker-annotator", roles=["annotator"])
    claim = ClaimFactory(text="Over a million people have fled Ukraine within one week")
    with celery_worker(log_path=tmp_path / "worker.log", matching=True) as worker:
        act(claim, annotator, "queue")  # sends the matching task when it commits

        def matched():
            return MatchSuggestion.objects.filter(claim=claim, kind=MatchKind.FACTCHECK).exists()

        wait_for(matched, timeout=120, what="the worker to match the claim")
        assert worker.poll() is None
    (suggestion,) = MatchSuggestion.objects.filter(claim=claim, kind=MatchKind.FACTCHECK)
    assert suggestion.target_claim_id == factcheck.id
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.QUEUED
