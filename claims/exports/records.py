"""The JSON record of a fact-check: the API's representation and the webhooks' payload."""

from __future__ import annotations

from claims.exports.claimreview import (
    appearance_articles,
    article_url,
    correction_date,
    corrections,
    factcheck_url,
)
from claims.weburls import web_url


def factcheck_json(claim, *, request_or_site_url) -> dict:
    """The JSON shape of a fact-check, from a claim loaded by ``published_factchecks()``."""
    verdicts = list(claim.verdicts.all())
    current = next((v for v in verdicts if v.is_current), verdicts[-1] if verdicts else None)
    rating = current.rating
    article = claim.article
    return {
        "id": claim.id,
        "slug": claim.slug or "",
        "url": factcheck_url(claim, request_or_site_url),
        "status": claim.status,
        "claim_reviewed": current.claim_reviewed,
        "claim_text": claim.text,
        "quote": claim.quote,
        "claimant": claim.claimant,
        "rating": {
            "label": rating.label,
            "slug": rating.slug,
            "position": rating.position,
            "best_rating": rating.scale.best_rating,
            "worst_rating": rating.scale.worst_rating,
        },
        "summary": current.summary,
        "published_at": _iso(claim.published_at),
        "updated_at": _iso(claim.updated_at),
        "retracted_at": _iso(claim.retracted_at),
        "retraction_note": claim.retraction_note,
        "appearance": _appearance(article),
        # Every confirmed appearance of the claim: this article, then those of the claims
        # confirmed as duplicates of it (claim groups), each article once.
        "appearances": [_appearance(a) for a in appearance_articles(claim)],
        "corrections": [
            {"version": v.version, "note": v.correction_note, "date": _iso(correction_date(v))}
            for v in corrections(verdicts)
        ],
        "sources": [
            {
                "url": web_url(e.url),
                "title": e.title,
                "publisher": e.publisher,
                "stance": e.stance,
                "accessed_at": _iso(e.accessed_at),
            }
            for e in claim.evidence.all()
        ],
    }


def _appearance(article) -> dict:
    outlet = article.outlet
    return {
        "url": article_url(article),
        "title": article.title,
        "published_at": _iso(article.published_at),
        "language": article.language,
        "outlet": {"name": outlet.name, "slug": outlet.slug} if outlet else None,
    }


def _iso(value) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None
