"""ClaimReview (https://schema.org/ClaimReview) for a published fact-check.

Used by the public page, the newsroom API, feeds and exports. It reads only what
``claims.selectors.published_factchecks()`` loads (article and outlet by join, verdict versions
with rating and scale, evidence by prefetch), so building 10,000 of them makes no query per claim.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime

from django.conf import settings
from django.urls import get_urlconf, reverse

from claims.markdown import markdown_to_text
from claims.weburls import web_url

# Words that make a claimant an organisation rather than a person ("Reuters", "the Kremlin",
# "Ukraine's Defence Ministry"); anything else is taken for a person's name.
_ORGANISATION_WORDS = {
    "agency", "army", "association", "bank", "bureau", "command", "commission", "committee",
    "company", "corp", "council", "court", "department", "embassy", "forces", "foundation",
    "government", "group", "inc", "institute", "kremlin", "ltd", "military", "ministry", "news",
    "office", "organisation", "organization", "parliament", "party", "pentagon", "police",
    "press", "reuters", "service", "spokesperson", "times", "union", "university", "white house",
    "nato", "un", "who", "eu", "ap", "afp", "bbc", "cnn", "voa",
}  # fmt: skip


_SLUG = "slug-placeholder-0"


@functools.lru_cache(maxsize=8)
def _factcheck_path_template(urlconf) -> str:
    # reverse() costs about half a millisecond, which an export of 20,000 fact-checks would pay
    # per row; slugs need no escaping, so one reversed path serves them all (per URLconf).
    return reverse("factcheck_detail", kwargs={"slug": _SLUG}, urlconf=urlconf)


def site_url() -> str:
    """The public address of the workbench, the one source for every absolute link we hand
    out (pages, API, ClaimReview, exports, feeds, webhooks): a request's Host header differs
    with the way in (a proxy, an internal name), and outputs must agree with each other."""
    return settings.SITE_URL.rstrip("/")


def publisher_url() -> str:
    return settings.PUBLISHER_URL or site_url()


def factcheck_url(claim, request_or_site_url=None) -> str:
    """The fact-check's public address. A request passed in is not asked for its host (see
    ``site_url``); a base URL string is used as given (a test, a preview)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    path = _factcheck_path_template(urlconf).replace(_SLUG, claim.slug)
    base = request_or_site_url if isinstance(request_or_site_url, str) else site_url()
    return f"{base.rstrip('/')}{path}"


def claimreview(claim, *, request_or_site_url) -> dict:
    """The ClaimReview of a published (or retracted) fact-check, as a JSON-ready dict.

    ``request_or_site_url``: a request or None (absolute URLs on ``site_url()``), or a base
    URL string.
    """
    url = factcheck_url(claim, request_or_site_url)
    versions = list(claim.verdicts.all())  # prefetched, in version order
    verdict = next((v for v in versions if v.is_current), versions[-1] if versions else None)
    if verdict is None:
        raise ValueError(f"Claim {claim.pk} has no verdict; only fact-checks have a ClaimReview.")
    article = claim.article
    data = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "@id": f"{url}#claimreview",
        "url": url,
        "claimReviewed": verdict.claim_reviewed,
        "reviewRating": _rating(verdict.rating),
        "author": {
            "@type": "Organization",
            "name": settings.PUBLISHER_NAME,
            "url": publisher_url(),
        },
        "datePublished": _iso(claim.published_at),
        "dateModified": _iso(date_modified(claim, versions)),
        "itemReviewed": _item_reviewed(claim, article),
        "inLanguage": _language(article),
    }
    if verdict.summary.strip():
        # Summaries are Markdown; search engines and newsrooms read reviewBody as plain text.
        data["reviewBody"] = markdown_to_text(verdict.summary)
    citations = [_citation(e) for e in claim.evidence.all()]
    if citations:
        data["citation"] = citations
    return data


def corrections(versions) -> list:
    """The verdict versions that corrected a published fact-check, oldest first. A correction
    still waiting for review (a version above the one in force) is not public yet."""
    current = next((v for v in versions if v.is_current), None)
    in_force = current.version if current is not None else 0
    return [v for v in versions if v.correction_note and v.version <= in_force]


def correction_date(verdict) -> datetime:
    """When a correction went live: its approval (older rows may lack one: their creation)."""
    return getattr(verdict, "approved_at", None) or verdict.created_at


def date_modified(claim, versions) -> datetime | None:
    corrected = [correction_date(v) for v in corrections(versions)]
    moments = [m for m in (claim.published_at, claim.retracted_at, *corrected) if m is not None]
    return max(moments) if moments else None


def _rating(rating) -> dict:
    data = {"@type": "Rating", "alternateName": rating.label}
    # Ratings off the truth axis (Misleading, Unproven) have no position: a number would
    # place them on the scale, so they are published by name only.
    if rating.position is not None:
        data["ratingValue"] = rating.position
        data["bestRating"] = rating.scale.best_rating
        data["worstRating"] = rating.scale.worst_rating
    return data


def _item_reviewed(claim, article) -> dict:
    item = {"@type": "Claim"}
    author = _claim_author(claim, article)
    if author:
        item["author"] = author
    if article.published_at:
        item["datePublished"] = article.published_at.date().isoformat()
    appearances = [work for work in map(_appearance, appearance_articles(claim)) if work]
    if appearances:
        item["appearance"] = appearances
        # The earliest dated one; undated appearances only when none is dated.
        item["firstAppearance"] = min(
            appearances, key=lambda work: work.get("datePublished") or "9999"
        )
    return item


def appearance_articles(claim) -> list:
    """The articles of every confirmed appearance of the claim: its own first, then those of
    the duplicates confirmed into its group, each article once. Attached by the loaders
    (``attach_verdicts_and_evidence``, ``factchecks_for_export``), else read here."""
    articles = getattr(claim, "appearance_articles", None)
    if articles is None:
        # Prefetched by published_factchecks(); read here for a claim loaded otherwise.
        prefetched = "duplicates" in getattr(claim, "_prefetched_objects_cache", {})
        duplicates = (
            claim.duplicates.all()
            if prefetched
            else claim.duplicates.select_related("article__outlet").defer("article__text")
        )
        articles = [claim.article, *(d.article for d in sorted(duplicates, key=lambda d: d.id))]
    seen, unique = set(), []
    for article in articles:
        key = article_url(article) or id(article)
        if key not in seen:
            seen.add(key)
            unique.append(article)
    return unique


def _claim_author(claim, article) -> dict | None:
    outlet = article.outlet
    name = claim.claimant.strip()
    if name:
        is_outlet = outlet is not None and name.casefold() == outlet.name.casefold()
        kind = "Organization" if is_outlet or _looks_like_organisation(name) else "Person"
        return {"@type": kind, "name": name}
    # Without a named claimant the claim is the article's own: its author, else its outlet.
    if article.author:
        return {"@type": "Person", "name": article.author}
    if outlet is not None:
        return _organisation(outlet)
    return None


def _looks_like_organisation(name: str) -> bool:
    lowered = name.casefold()
    words = set(re.findall(r"[a-z]+", lowered))
    return bool(words & _ORGANISATION_WORDS) or "white house" in lowered or name.isupper()


def _organisation(outlet) -> dict:
    data = {"@type": "Organization", "name": outlet.name}
    if homepage := web_url(outlet.homepage):
        data["url"] = homepage
    return data


def article_url(article) -> str:
    """The article's address if it is a web address (``claims.weburls``), else ""."""
    return web_url(article.url) or web_url(article.canonical_url)


def _appearance(article) -> dict | None:
    url = article_url(article)
    if not url:
        return None
    work = {"@type": "CreativeWork", "url": url}
    if article.title:
        work["headline"] = article.title
    if article.published_at:
        work["datePublished"] = article.published_at.date().isoformat()
    if article.outlet is not None:
        work["publisher"] = _organisation(article.outlet)
    return work


def _citation(evidence) -> dict:
    url = web_url(evidence.url)
    data = {"@type": "CreativeWork", "name": evidence.title or url}
    if url:
        data["url"] = url
    if evidence.publisher:
        data["publisher"] = {"@type": "Organization", "name": evidence.publisher}
    return data


def _language(article) -> str:
    outlet_language = article.outlet.language if article.outlet is not None else ""
    return article.language or outlet_language or settings.LANGUAGE_CODE


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None
