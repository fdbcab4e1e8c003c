"""The public fact-check pages: no login, published (and retracted) fact-checks only."""

from __future__ import annotations

import json

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from claims import selectors
from claims.exports.claimreview import (
    appearance_articles,
    article_url,
    claimreview,
    corrections,
    factcheck_url,
)
from claims.models import ClaimStatus

PAGE_SIZE = 20
CONTEXT_CHARS = 200

# Inside <script> only "</script>" (or "<!--") could end or bend the element; escaping <, >
# and & as JSON unicode escapes keeps the JSON identical for a parser and inert for HTML.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def jsonld_for_script(data: dict) -> str:
    """JSON for a ``<script type="application/ld+json">`` element, safe to put in the page."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder).translate(_SCRIPT_ESCAPES))  # noqa: S308


@require_safe
def factcheck_index(request):
    factchecks = selectors.published_factchecks().defer("article__text")
    page = Paginator(factchecks, PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "claims/public/index.html", {"page": page})


@require_safe
def factcheck_detail(request, slug: str):
    claim = selectors.factcheck_by_slug(slug)
    versions = list(claim.verdicts.all())
    before, quote, after = _quote_in_context(claim)
    log = corrections(versions)
    return TemplateResponse(
        request,
        "claims/public/detail.html",
        {
            "claim": claim,
            "article": claim.article,
            "article_url": article_url(claim.article),
            # Where else the same claim appeared (confirmed duplicates): this verdict covers them.
            "also_in": [
                (a, article_url(a)) for a in appearance_articles(claim) if a is not claim.article
            ],
            "verdict": claim.current_verdict,
            "corrections": log,
            "last_correction": log[-1] if log else None,
            "sources": list(claim.evidence.all()),
            "before": before,
            "quote": quote,
            "after": after,
            "canonical_url": factcheck_url(claim, request),
            "jsonld": _structured_data(claim, request),
        },
    )


def _structured_data(claim, request) -> str:
    # A retracted fact-check keeps its page for the record but loses its ClaimReview, so
    # that search engines stop showing the withdrawn rating.
    if claim.status != ClaimStatus.PUBLISHED:
        return ""
    return jsonld_for_script(claimreview(claim, request_or_site_url=request))


def _quote_in_context(claim) -> tuple[str, str, str]:
    text = claim.article.text
    if claim.source_changed or text[claim.start : claim.end] != claim.quote:
        # The article changed since: show the quote as it was, with its stored context.
        return claim.prefix, claim.quote, claim.suffix
    before = text[max(0, claim.start - CONTEXT_CHARS) : claim.start]
    after = text[claim.end : claim.end + CONTEXT_CHARS]
    return before, claim.quote, after
