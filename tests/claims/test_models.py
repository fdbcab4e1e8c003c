"""Invariants the database itself keeps, whatever code writes the rows."""

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction

from claims.models import Article, Quantity, Rating, RatingScale, Verdict
from tests.factories import ArticleFactory, ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_roles_exist_as_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "annotator",
        "moderator",
        "editor",
        "admin",
    }


def test_default_rating_scale_is_seeded_with_claimreview_positions():
    scale = RatingScale.objects.get(is_default=True)
    positions = dict(scale.ratings.values_list("label", "position"))
    assert positions == {
        "True": 5,
        "Mostly true": 4,
        "Half true": 3,
        "Mostly false": 2,
        "False": 1,
        "Misleading": None,
        "Unproven": None,
    }


def test_canonical_url_is_unique():
    ArticleFactory(canonical_url="https://news.example.org/a")
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(canonical_url="https://news.example.org/a", text="Other text.")


def test_same_text_is_one_article_even_without_url():
    Article.objects.create(text="Exactly  this text.", canonical_url=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        # Whitespace differences do not make a different article.
        Article.objects.create(text="Exactly this text.", canonical_url=None)


def test_claim_offsets_must_match_its_quote():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(article=article, start=0, end=5, quote="Article 1")


def test_one_claim_per_span():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(article=claim.article)


def test_quantity_low_cannot_exceed_high():
    claim = ClaimFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Quantity.objects.create(claim=claim, start=0, end=3, text="x", low=5, high=2)


def _verdict(claim, author, **kwargs):
    rating = Rating.objects.get(slug="true")
    return Verdict.objects.create(
        claim=claim, rating=rating, claim_reviewed=claim.text, author=author, **kwargs
    )


def test_only_one_current_verdict_per_claim():
    claim, author = ClaimFactory(), UserFactory()
    _verdict(claim, author, version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        _verdict(claim, author, version=2)
    _verdict(claim, author, version=2, is_current=False)


def test_verdict_approver_is_never_its_author():
    claim, author = ClaimFactory(), UserFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        _verdict(claim, author, approved_by=author)


def test_claim_changes_are_in_the_audit_history():
    claim = ClaimFactory()
    claim.text = "Over a million people left Ukraine"
    claim.save()
    history = list(claim.history.order_by("history_date"))
    assert [h.history_type for h in history] == ["+", "~"]
    delta = history[1].diff_against(history[0])
    assert [c.field for c in delta.changes] == ["text"]
