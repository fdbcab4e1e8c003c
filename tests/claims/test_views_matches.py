"""The reader and the claim page show a claim's matches; people confirm or reject them there."""

import datetime

import pytest
from django.urls import reverse

from claims.models import (
    ClaimStatus,
    ClaimVector,
    ExternalFactCheck,
    MatchKind,
    MatchState,
    MatchSuggestion,
)
from tests.api.helpers import make_factcheck
from tests.factories import ArticleFactory, ClaimFactory
from tests.review_helpers import act

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(db):
    claim = ClaimFactory(status=ClaimStatus.QUEUED, text="More than a million fled in a week")
    ClaimVector.objects.create(claim=claim, text=claim.text, vector=b"v", model_version="m")
    ours = make_factcheck(text="More than 1 million people fled the country in a week")
    theirs = ExternalFactCheck.objects.create(
        key="url:https://check.example.org/fled",
        claim_text="A million people fled in seven days.",
        title="Did a million flee in a week?",
        url="https://check.example.org/fled",
        rating="Mostly true",
        publisher="Example Check",
        published_on=datetime.date(2022, 3, 5),
    )
    other = ClaimFactory(
        status=ClaimStatus.IN_PROGRESS, article=ArticleFactory(title="The Evening Post story")
    )
    return {
        "claim": claim,
        "ours": MatchSuggestion.objects.create(
            claim=claim, kind=MatchKind.FACTCHECK, target_claim=ours, score=0.93
        ),
        "theirs": MatchSuggestion.objects.create(
            claim=claim, kind=MatchKind.EXTERNAL, target_external=theirs, score=0.81
        ),
        "other": MatchSuggestion.objects.create(
            claim=claim, kind=MatchKind.CLAIM, target_claim=other, score=0.88
        ),
        "factcheck": ours,
    }


def _shows_the_matches(html: str, matched) -> None:
    assert "Already fact-checked" in html
    assert "False" in html
    assert "0.93" in html
    assert reverse("factcheck_detail", args=[matched["factcheck"].slug]) in html
    assert "Mostly true" in html
    assert "Example Check" in html
    assert "5 Mar 2022" in html
    assert "https://check.example.org/fled" in html
    assert "0.81" in html
    assert "Same claim in 1 other article" in html
    assert "The Evening Post story" in html


def test_the_claim_page_shows_the_matches(client, annotator, matched):
    client.force_login(annotator)
    response = client.get(reverse("claim_detail", args=[matched["claim"].pk]))
    _shows_the_matches(response.content.decode(), matched)


def test_the_reader_panel_shows_the_matches(client, moderator, matched):
    client.force_login(moderator)
    claim = matched["claim"]
    reader = client.get(reverse("article_reader", args=[claim.article_id]) + f"?claim={claim.pk}")
    _shows_the_matches(reader.content.decode(), matched)
    panel = client.get(reverse("claim_panel", args=[claim.pk]))
    _shows_the_matches(panel.content.decode(), matched)


def test_confirming_on_the_page_records_the_decision(client, annotator, matched):
    client.force_login(annotator)
    claim, suggestion = matched["claim"], matched["theirs"]
    response = client.post(
        reverse("claim_match_decide", args=[claim.pk, suggestion.pk]), {"decision": "confirm"}
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.decided_by) == (MatchState.CONFIRMED, annotator)
    page = client.get(reverse("claim_detail", args=[claim.pk])).content.decode()
    assert f"confirmed by {annotator.username}" in page


def test_refusals_answer_with_their_status(client, annotator, moderator, matched):
    client.force_login(annotator)
    claim = matched["claim"]
    url = reverse("claim_match_decide", args=[claim.pk, matched["other"].pk])
    assert client.post(url, {}).status_code == 400
    # The other claim is in research and this one gets researched too: not merged.
    act(claim, moderator, "start")
    response = client.post(url, {"decision": "confirm"})
    assert response.status_code == 409
    assert "both have research" in response.content.decode()
    # A match of another claim is not decided through this claim's address.
    stranger = ClaimFactory()
    foreign = reverse("claim_match_decide", args=[stranger.pk, matched["theirs"].pk])
    assert client.post(foreign, {"decision": "reject"}).status_code == 400


def test_the_reader_says_when_matching_lags_behind(client, annotator):
    article = ArticleFactory()
    waiting = ClaimFactory(article=article, score=0.99)
    client.force_login(annotator)
    page = client.get(reverse("article_reader", args=[article.pk])).content.decode()
    assert "Matching is behind the import: 1 claim" in page
    ClaimVector.objects.create(claim=waiting, text=waiting.text, vector=b"v", model_version="m")
    page = client.get(reverse("article_reader", args=[article.pk])).content.decode()
    assert "Matching is behind" not in page


def test_the_queue_row_of_a_group_shows_its_appearances(client, moderator, annotator):
    primary = ClaimFactory(status=ClaimStatus.QUEUED)
    duplicate = ClaimFactory(status=ClaimStatus.QUEUED, primary=primary)
    client.force_login(moderator)
    page = client.get(reverse("queue") + "?view=research").content.decode()
    assert "2 appearances" in page
    assert reverse("claim_detail", args=[duplicate.pk]) + '"' not in page


def test_the_readers_suggestion_list_flags_claims_checked_already(client, annotator):
    article = ArticleFactory()
    flagged = ClaimFactory(article=article, score=0.99)
    MatchSuggestion.objects.create(
        claim=flagged,
        kind=MatchKind.FACTCHECK,
        target_claim=make_factcheck(text="More than 1 million people fled the country"),
        score=0.9,
    )
    client.force_login(annotator)
    page = client.get(reverse("article_reader", args=[article.pk])).content.decode()
    assert page.count("already fact-checked?") == 1
    MatchSuggestion.objects.update(state=MatchState.REJECTED)
    page = client.get(reverse("article_reader", args=[article.pk])).content.decode()
    assert "already fact-checked?" not in page
