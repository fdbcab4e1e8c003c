"""An Atom feed of published fact-checks, their corrections and retractions.

One entry per fact-check, ``updated`` when it was last corrected or retracted (Atom's way of
saying an entry changed), newest change first. A feed is a window, not an archive: it holds
the latest ``ATOM_FEED_SIZE`` entries; the exports carry everything.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.feedgenerator import Atom1Feed

from claims.cleantext import xml_text
from claims.exports.claimreview import correction_date, corrections, date_modified, factcheck_url
from claims.exports.claimreview import site_url as claimreview_site_url
from claims.models import ClaimStatus
from claims.selectors import published_factchecks

ATOM_FEED_SIZE = 100


def factchecks_atom(*, site_url: str | None = None, feed_url: str = "") -> str:
    site_url = site_url or claimreview_site_url()
    feed = Atom1Feed(
        title=f"{settings.PUBLISHER_NAME}: fact-checks",
        link=f"{site_url}/",
        description="Published fact-checks, corrections and retractions.",
        feed_url=feed_url or None,
        language=settings.LANGUAGE_CODE,
        author_name=settings.PUBLISHER_NAME,
        feed_guid=f"{site_url}/api/v1/feeds/fact-checks.atom",
    )
    claims = (
        published_factchecks(include_retracted=True)
        .defer("article__text")
        .order_by("-updated_at", "-id")[:ATOM_FEED_SIZE]
    )
    for claim in claims:
        versions = list(claim.verdicts.all())
        verdict = next((v for v in versions if v.is_current), versions[-1])
        fixes = corrections(versions)
        url = factcheck_url(claim, site_url)
        title = f"{verdict.rating.label}: {verdict.claim_reviewed}"
        if claim.status == ClaimStatus.RETRACTED:
            title = f"Retracted: {title}"
        elif fixes:
            title = f"Corrected: {title}"
        # Every stored text through xml_text: one control character in one row would
        # otherwise stop the feed writer, and the feed, for everyone.
        feed.add_item(
            title=xml_text(title),
            link=url,
            description=xml_text(_summary(claim, verdict, fixes)),
            unique_id=url,
            pubdate=claim.published_at,
            updateddate=date_modified(claim, versions),
            categories=[xml_text(verdict.rating.label)],
        )
    return feed.writeString("utf-8")


def _summary(claim, verdict, fixes) -> str:
    parts = [verdict.summary or verdict.claim_reviewed]
    parts += [f"Correction ({correction_date(v):%Y-%m-%d}): {v.correction_note}" for v in fixes]
    if claim.status == ClaimStatus.RETRACTED:
        parts.append(f"Retracted: {claim.retraction_note}")
    return "\n\n".join(parts)
