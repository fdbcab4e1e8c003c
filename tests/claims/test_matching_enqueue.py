"""Matching is sent, by id and after commit, to its own queue when a claim is proposed (an
import), marked by hand, queued or edited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from claims.models import ClaimStatus, ClaimVector
from claims.services.claims import claims_create_from_article
from claims.services.matching import matching_sweep
from claims.services.reviews import claim_create_manual, claim_update
from tests.factories import ArticleFactory, ClaimFactory
from tests.review_helpers import act
from workbench.celery import app as celery_app

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    messages = []
    monkeypatch.setattr(
        "claims.services.dispatch._send", lambda name, args: messages.append((name, *args))
    )
    return messages


def test_an_imported_article_is_matched_after_commit(sent, django_capture_on_commit_callbacks):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        claims_create_from_article(article=article, fresh=True)
        assert sent == [], "nothing leaves before the commit"
    assert callbacks
    assert ("claims.tasks.match_article_task", article.id) in sent


def test_marked_queued_and_edited_claims_are_matched(
    sent, annotator, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    with django_capture_on_commit_callbacks(execute=True):
        marked = claim_create_manual(article=article, user=annotator, start=0, end=10)
    queued = ClaimFactory()
    with django_capture_on_commit_callbacks(execute=True):
        act(queued, annotator, "queue")
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=queued.id, user=annotator, text="A new draft of this claim")
    with django_capture_on_commit_callbacks(execute=True):
        claim_update(claim_id=queued.id, user=annotator, claimant="Someone")  # text unchanged
    assert sent == [
        ("claims.tasks.match_claim_task", marked.id),
        ("claims.tasks.match_claim_task", queued.id),
        ("claims.tasks.match_claim_task", queued.id),
    ]


def test_nothing_is_sent_with_matching_off(sent, settings, django_capture_on_commit_callbacks):
    settings.MATCHING_ENABLED = False
    with django_capture_on_commit_callbacks(execute=True):
        claims_create_from_article(article=ArticleFactory(), fresh=True)
    assert sent == []


def test_matching_tasks_go_to_the_matching_queue_and_others_do_not(settings):
    router = celery_app.amqp.router
    for name in ("match_article_task", "match_claim_task", "match_library_vectors_task"):
        route = router.route({}, f"claims.tasks.{name}")
        assert route["queue"].name == settings.CELERY_MATCHING_QUEUE
    assert router.route({}, "claims.tasks.import_item_task")["queue"].name != "matching"


def test_the_page_marks_by_hand_then_matches(
    client, annotator, sent, django_capture_on_commit_callbacks
):
    article = ArticleFactory()
    client.force_login(annotator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("article_claim_add", args=[article.pk]), {"start": 0, "end": 10})
    assert [name for name, _ in sent] == ["claims.tasks.match_claim_task"]


def test_the_sweep_sends_again_accepted_claims_whose_matching_was_lost():
    old = timezone.now() - timedelta(minutes=30)
    lost = ClaimFactory(status=ClaimStatus.QUEUED, status_changed_at=old)
    matched = ClaimFactory(status=ClaimStatus.IN_PROGRESS, status_changed_at=old)
    ClaimVector.objects.create(claim=matched, text=matched.text, vector=b"v", model_version="m")
    ClaimFactory(status=ClaimStatus.QUEUED)  # just queued: its message is on its way
    ClaimFactory(status=ClaimStatus.NEW, status_changed_at=old)  # not accepted
    assert matching_sweep(backlog=0) == [lost.id]
    assert matching_sweep(backlog=12) == [], "messages wait: matching is behind, not lost"
    assert matching_sweep(backlog=None) == [], "the broker cannot be asked: send nothing twice"
