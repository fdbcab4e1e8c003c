"""Claims walked through the real workflow services, for the review tests."""

from __future__ import annotations

from claims.models import Rating, RatingScale
from claims.services.evidence_changes import evidence_archive_attach
from claims.services.reviews import claim_transition, evidence_add, verdict_save_draft
from tests.factories import ClaimFactory

TWO_DOMAINS = ("https://www.unhcr.org/ukraine-figures", "https://news.un.org/en/story/1")


def ensure_default_scale() -> RatingScale:
    """The default scale, recreated after a transactional test flushed the migration's rows."""
    scale, _ = RatingScale.objects.get_or_create(
        name="Default", defaults={"is_default": True, "best_rating": 5, "worst_rating": 1}
    )
    for order, (label, slug, position) in enumerate(
        [("True", "true", 5), ("Mostly true", "mostly-true", 4), ("False", "false", 1)]
    ):
        Rating.objects.get_or_create(
            scale=scale, slug=slug, defaults={"label": label, "position": position, "order": order}
        )
    return scale


def preserve_sources(claim, user) -> None:
    """Attach a Wayback Machine copy to every source of the claim (tests have no worker to
    store snapshots, and publishing counts only preserved sources)."""
    for evidence in claim.evidence.all():
        if not evidence.is_preserved:
            evidence_archive_attach(
                claim_id=claim.id,
                evidence_id=evidence.id,
                user=user,
                archive_url=f"https://web.archive.org/web/20220303000000/{evidence.url}",
            )


def act(claim, user, action, **kwargs):
    return claim_transition(claim_id=claim.id, user=user, action=action, **kwargs)


def claim_in_review(*, annotator, moderator, claim=None, sources=TWO_DOMAINS, rating="true"):
    claim = claim or ClaimFactory()
    act(claim, annotator, "queue")
    act(claim, moderator, "start")
    for url in sources:
        evidence_add(claim_id=claim.id, user=moderator, url=url, stance="supports")
    preserve_sources(claim, moderator)
    verdict_save_draft(
        claim_id=claim.id,
        user=moderator,
        rating=rating,
        claim_reviewed="More than 1 million people fled Ukraine",
        summary="UNHCR counted 1,045,459 arrivals in neighbouring countries by 3 March.",
    )
    return act(claim, moderator, "submit")


def published_claim(*, annotator, moderator, editor, claim=None):
    claim = claim_in_review(annotator=annotator, moderator=moderator, claim=claim)
    act(claim, editor, "approve")
    return act(claim, editor, "publish")
