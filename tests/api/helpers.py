"""Fact-checks and newsroom keys for the API tests, made directly (no workflow walk), fast."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from claims.models import (
    Claim,
    ClaimStatus,
    Evidence,
    Newsroom,
    NewsroomAPIKey,
    Rating,
    Scope,
    SnapshotStatus,
    Verdict,
)
from tests.factories import ArticleFactory, ClaimFactory

ALL_SCOPES = [Scope.READ_FACTCHECKS, Scope.WRITE_IMPORTS, Scope.MANAGE_WEBHOOKS]


def make_factcheck(
    *,
    status: str = ClaimStatus.PUBLISHED,
    rating: str = "false",
    text: str = "More than 1 million people fled the country in a week",
    claimant: str = "Mykhailo Podolyak",
    outlet=None,
    published_at=None,
    corrected: bool = False,
    sources: int = 2,
) -> Claim:
    """A claim with an approved verdict and sources; published (or in ``status``)."""
    article = ArticleFactory(outlet=outlet) if outlet is not None else ArticleFactory()
    claim = ClaimFactory(article=article, text=text, claimant=claimant)
    author, approver = _reviewers()
    scale_rating = Rating.objects.get(scale__is_default=True, slug=rating)
    first = Verdict.objects.create(
        claim=claim,
        version=1,
        is_current=not corrected,
        rating=scale_rating,
        claim_reviewed=text[:75],
        summary="Official figures say otherwise.",
        author=author,
        approved_by=approver,
        approved_at=timezone.now(),
    )
    claim.live_verdict = first
    if corrected:
        claim.live_verdict = Verdict.objects.create(
            claim=claim,
            version=2,
            is_current=True,
            rating=scale_rating,
            claim_reviewed=text[:75],
            summary="Official figures say otherwise (corrected).",
            correction_note="The first version misnamed the agency.",
            author=approver,
        )
    for n in range(sources):
        Evidence.objects.create(
            claim=claim,
            url=f"https://source{n}.example.org/report/{claim.pk}",
            domain=f"source{n}.example.org",
            title=f"Report {n}",
            publisher=f"Source {n}",
            stance="refutes",
            accessed_at=timezone.now(),
            added_by=author,
            snapshot_status=SnapshotStatus.STORED,  # the proof a published verdict keeps
        )
    claim.status = status
    if status in (ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED):
        claim.published_at = published_at or timezone.now() - timedelta(days=1)
        claim.slug = f"fact-check-{claim.pk}"
    if status == ClaimStatus.RETRACTED:
        claim.retracted_at = timezone.now()
        claim.retraction_note = "Retracted: the source was fabricated."
    claim.save()
    return claim


def _reviewers():
    # Plain get_or_create: factory passwords cost a PBKDF2 hash each, seconds over a test.
    author = User.objects.get_or_create(username="factcheck-author")[0]
    approver = User.objects.get_or_create(username="factcheck-editor")[0]
    return author, approver


def make_key(
    *,
    newsroom: Newsroom | None = None,
    scopes=(Scope.READ_FACTCHECKS,),
    revoked: bool = False,
    expired: bool = False,
    name: str = "test key",
) -> tuple[NewsroomAPIKey, str]:
    newsroom = newsroom or Newsroom.objects.get_or_create(name="Daily Example")[0]
    api_key, key = NewsroomAPIKey.objects.create_key(
        name=name,
        newsroom=newsroom,
        scopes=list(scopes),
        expiry_date=timezone.now() - timedelta(minutes=1) if expired else None,
    )
    if revoked:
        api_key.revoked = True
        api_key.save()
    return api_key, key


def key_header(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
