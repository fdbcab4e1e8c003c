"""Exports that stream: CSV, NDJSON and a JSON array of ClaimReview, row by row.

Rows come from ``.iterator(chunk_size=...)`` (prefetches run per chunk), so memory stays flat
however many fact-checks there are: nothing here ever holds more than one chunk.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from claims.exports.claimreview import claimreview, factcheck_url
from claims.models import Claim
from claims.selectors import published_factchecks

CHUNK_SIZE = 1000

# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection), and
# some strip a leading tab or carriage return first. A leading apostrophe makes it text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    """A file-like object whose write() hands the line back, so csv.writer can stream."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[dict], columns: list[str]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(columns)
    for row in rows:
        yield writer.writerow([csv_safe(row.get(column)) for column in columns])


def ndjson_lines(rows: Iterable[dict]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n"


def json_array(items: Iterable[dict]) -> Iterator[str]:
    yield "["
    separator = "\n"
    for item in items:
        yield separator + json.dumps(item, cls=DjangoJSONEncoder, ensure_ascii=False)
        separator = ",\n"
    yield "\n]\n"


# --- fact-checks -------------------------------------------------------------------------------


def factchecks_for_export(*, include_retracted: bool = False) -> Iterator[Claim]:
    return (
        published_factchecks(include_retracted=include_retracted)
        .defer("article__text")
        .iterator(chunk_size=CHUNK_SIZE)
    )


FACTCHECK_COLUMNS = [
    "id",
    "url",
    "status",
    "claim_reviewed",
    "claim_text",
    "claimant",
    "rating",
    "rating_value",
    "best_rating",
    "worst_rating",
    "summary",
    "published_at",
    "updated_at",
    "retracted_at",
    "retraction_note",
    "corrections",
    "appearance_url",
    "appearance_title",
    "outlet",
    "language",
    "sources",
]


def factcheck_row(claim: Claim, *, site_url: str) -> dict:
    """A flat record of a fact-check (for CSV and NDJSON), from prefetched rows only."""
    versions = list(claim.verdicts.all())
    verdict = next((v for v in versions if v.is_current), versions[-1])
    rating, article = verdict.rating, claim.article
    return {
        "id": claim.id,
        "url": factcheck_url(claim, site_url),
        "status": claim.status,
        "claim_reviewed": verdict.claim_reviewed,
        "claim_text": claim.text,
        "claimant": claim.claimant,
        "rating": rating.label,
        "rating_value": rating.position,
        "best_rating": rating.scale.best_rating,
        "worst_rating": rating.scale.worst_rating,
        "summary": verdict.summary,
        "published_at": _iso(claim.published_at),
        "updated_at": _iso(claim.updated_at),
        "retracted_at": _iso(claim.retracted_at),
        "retraction_note": claim.retraction_note,
        "corrections": " | ".join(v.correction_note for v in versions if v.correction_note),
        "appearance_url": article.url,
        "appearance_title": article.title,
        "outlet": article.outlet.name if article.outlet else "",
        "language": article.language,
        "sources": " ".join(e.url for e in claim.evidence.all()),
    }


def factchecks_csv(*, include_retracted: bool = False) -> Iterator[str]:
    site_url = settings.SITE_URL
    rows = (
        factcheck_row(c, site_url=site_url)
        for c in factchecks_for_export(include_retracted=include_retracted)
    )
    return csv_lines(rows, FACTCHECK_COLUMNS)


def factchecks_ndjson(*, include_retracted: bool = False) -> Iterator[str]:
    site_url = settings.SITE_URL
    return ndjson_lines(
        factcheck_row(c, site_url=site_url)
        for c in factchecks_for_export(include_retracted=include_retracted)
    )


def claimreview_feed(*, site_url: str | None = None) -> Iterator[str]:
    """Every published fact-check's ClaimReview, as one JSON array."""
    site_url = site_url or settings.SITE_URL
    return json_array(claimreview(c, request_or_site_url=site_url) for c in factchecks_for_export())


# --- claims (staff only) -----------------------------------------------------------------------

CLAIM_COLUMNS = [
    "id",
    "status",
    "text",
    "quote",
    "claimant",
    "score",
    "kinds",
    "origin",
    "source_changed",
    "article_id",
    "article_url",
    "article_title",
    "outlet",
    "created_at",
    "updated_at",
    "published_at",
]


def claims_for_export() -> Iterator[Claim]:
    return (
        Claim.objects.select_related("article__outlet")
        .defer("article__text")
        .order_by("id")
        .iterator(chunk_size=CHUNK_SIZE)
    )


def claim_row(claim: Claim) -> dict:
    article = claim.article
    return {
        "id": claim.id,
        "status": claim.status,
        "text": claim.text,
        "quote": claim.quote,
        "claimant": claim.claimant,
        "score": claim.score,
        "kinds": " ".join(claim.kinds or []),
        "origin": claim.origin,
        "source_changed": claim.source_changed,
        "article_id": article.id,
        "article_url": article.url,
        "article_title": article.title,
        "outlet": article.outlet.name if article.outlet else "",
        "created_at": _iso(claim.created_at),
        "updated_at": _iso(claim.updated_at),
        "published_at": _iso(claim.published_at),
    }


def claims_csv() -> Iterator[str]:
    return csv_lines((claim_row(c) for c in claims_for_export()), CLAIM_COLUMNS)


def claims_ndjson() -> Iterator[str]:
    return ndjson_lines(claim_row(c) for c in claims_for_export())


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None
