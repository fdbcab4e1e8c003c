"""Exports that stream: CSV, NDJSON and a JSON array of ClaimReview, row by row.

Rows come from ``.iterator(chunk_size=...)``, their related rows are fetched per chunk, so
memory stays flat however many fact-checks there are: nothing here holds more than one chunk.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from types import SimpleNamespace

from django.core.serializers.json import DjangoJSONEncoder

from claims.exports import claimreview as claimreview_module
from claims.exports.claimreview import article_url, claimreview, corrections, factcheck_url
from claims.models import Claim, Evidence, Rating, Verdict
from claims.weburls import web_url

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


class _Related(list):
    """A relation loaded ahead, read the way the builders read a prefetched one: ``.all()``."""

    def all(self):
        return self


_CLAIM_FIELDS = (
    "id",
    "slug",
    "status",
    "text",
    "claimant",
    "published_at",
    "updated_at",
    "retracted_at",
    "retraction_note",
)
_ARTICLE_FIELDS = ("url", "canonical_url", "title", "author", "published_at", "language")
_OUTLET_FIELDS = ("id", "name", "slug", "homepage", "language")
_VERDICT_FIELDS = (
    "claim_id",
    "version",
    "is_current",
    "rating_id",
    "claim_reviewed",
    "summary",
    "correction_note",
    "created_at",
    "approved_at",
)
_EVIDENCE_FIELDS = ("claim_id", "url", "title", "publisher", "stance", "accessed_at")


def factchecks_for_export(*, include_retracted: bool = False) -> Iterator[SimpleNamespace]:
    """Public fact-checks, newest first, as light read-only records holding exactly what
    ``claimreview()`` and ``factcheck_row()`` read.

    Why not model instances with ``prefetch_related``: building the eight model objects of a
    fact-check and cloning a queryset per prefetched relation cost ~0.5 ms a row, which caps
    an export at ~2,000 rows/s. Plain rows fetched per chunk (one cursor over the claims, one
    query each for the chunk's verdicts and evidence) are several times faster.
    """
    claims = Claim.objects.public() if include_retracted else Claim.objects.published()
    rows = (
        # Always true of a fact-check; lets claim_published_idx (dated claims only) serve it.
        claims.filter(published_at__isnull=False)
        .order_by("-published_at", "-id")
        .values_list(
            *_CLAIM_FIELDS,
            *(f"article__{f}" for f in _ARTICLE_FIELDS),
            *(f"article__outlet__{f}" for f in _OUTLET_FIELDS),
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    ratings = {r.id: r for r in Rating.objects.select_related("scale")}
    outlets: dict[int, SimpleNamespace] = {}
    for chunk in _chunks(rows, CHUNK_SIZE):
        ids = [row[0] for row in chunk]
        verdicts = _grouped(Verdict.objects.order_by("claim_id", "version"), ids, _VERDICT_FIELDS)
        evidence = _grouped(Evidence.objects.public().order_by("claim_id", "created_at", "id"), ids,
                            _EVIDENCE_FIELDS)  # fmt: skip
        for verdict in (v for vs in verdicts.values() for v in vs):
            verdict.rating = ratings[verdict.rating_id]
        duplicates = duplicate_articles(ids, outlets)
        for row in chunk:
            claim = _record(row, outlets, verdicts.get(row[0], ()), evidence.get(row[0], ()))
            claim.appearance_articles = [claim.article, *duplicates.get(claim.id, ())]
            yield claim


def _record(row, outlets, verdicts, evidence) -> SimpleNamespace:
    n_claim = len(_CLAIM_FIELDS)
    claim = SimpleNamespace(**dict(zip(_CLAIM_FIELDS, row[:n_claim], strict=True)))
    claim.pk = claim.id
    claim.article = _article(row[n_claim:], outlets)
    claim.verdicts = _Related(verdicts)
    claim.evidence = _Related(evidence)
    return claim


def _article(row, outlets) -> SimpleNamespace:
    """An article (and its outlet, one object per outlet) from the _ARTICLE_FIELDS and
    _OUTLET_FIELDS values of a row."""
    n_article = len(_ARTICLE_FIELDS)
    article = SimpleNamespace(**dict(zip(_ARTICLE_FIELDS, row[:n_article], strict=True)))
    outlet_row = row[n_article:]
    article.outlet = None
    if outlet_row[0] is not None:
        article.outlet = outlets.get(outlet_row[0]) or outlets.setdefault(
            outlet_row[0], SimpleNamespace(**dict(zip(_OUTLET_FIELDS, outlet_row, strict=True)))
        )
    return article


def duplicate_articles(claim_ids, outlets=None) -> dict[int, list[SimpleNamespace]]:
    """The articles of the confirmed duplicates of these group primaries (ClaimReview's
    appearances), by primary id, in one query."""
    outlets = {} if outlets is None else outlets
    rows = (
        Claim.objects.filter(primary_id__in=claim_ids)
        .order_by("primary_id", "id")
        .values_list(
            "primary_id",
            *(f"article__{f}" for f in _ARTICLE_FIELDS),
            *(f"article__outlet__{f}" for f in _OUTLET_FIELDS),
        )
    )
    found: dict[int, list[SimpleNamespace]] = {}
    for primary_id, *article_row in rows:
        found.setdefault(primary_id, []).append(_article(article_row, outlets))
    return found


def attach_verdicts_and_evidence(claims: list) -> list:
    """Load the verdict versions (with rating and scale), the evidence and the articles of the
    confirmed duplicates of ``claims`` (model instances of one page) in three queries, where the
    builders read them (``.all()``). Cheaper than ``prefetch_related``, which clones a queryset
    per claim and relation."""
    ids = [claim.pk for claim in claims]
    ratings = {r.id: r for r in Rating.objects.select_related("scale")}
    verdicts = _grouped(Verdict.objects.order_by("claim_id", "version"), ids, _VERDICT_FIELDS)
    evidence = _grouped(Evidence.objects.public().order_by("claim_id", "created_at", "id"), ids,
                        _EVIDENCE_FIELDS)  # fmt: skip
    duplicates = duplicate_articles(ids)
    for claim in claims:
        claim.appearance_articles = [claim.article, *duplicates.get(claim.pk, ())]
        for verdict in verdicts.get(claim.pk, ()):
            verdict.rating = ratings[verdict.rating_id]
        claim._prefetched_objects_cache = {
            "verdicts": _Related(verdicts.get(claim.pk, ())),
            "evidence": _Related(evidence.get(claim.pk, ())),
        }
    return claims


def _grouped(queryset, claim_ids, fields) -> dict[int, list[SimpleNamespace]]:
    grouped: dict[int, list[SimpleNamespace]] = {}
    for values in queryset.filter(claim_id__in=claim_ids).values_list(*fields):
        record = SimpleNamespace(**dict(zip(fields, values, strict=True)))
        grouped.setdefault(record.claim_id, []).append(record)
    return grouped


def _chunks(iterable, size: int) -> Iterator[list]:
    iterator = iter(iterable)
    while chunk := list(islice(iterator, size)):
        yield chunk


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
        "corrections": " | ".join(v.correction_note for v in corrections(versions)),
        "appearance_url": article_url(article),
        "appearance_title": article.title,
        "outlet": article.outlet.name if article.outlet else "",
        "language": article.language,
        "sources": " ".join(filter(None, (web_url(e.url) for e in claim.evidence.all()))),
    }


def factchecks_csv(*, include_retracted: bool = False) -> Iterator[str]:
    site_url = claimreview_module.site_url()
    rows = (
        factcheck_row(c, site_url=site_url)
        for c in factchecks_for_export(include_retracted=include_retracted)
    )
    return csv_lines(rows, FACTCHECK_COLUMNS)


def factchecks_ndjson(*, include_retracted: bool = False) -> Iterator[str]:
    site_url = claimreview_module.site_url()
    return ndjson_lines(
        factcheck_row(c, site_url=site_url)
        for c in factchecks_for_export(include_retracted=include_retracted)
    )


def claimreview_feed(*, site_url: str | None = None) -> Iterator[str]:
    """Every published fact-check's ClaimReview, as one JSON array."""
    site_url = site_url or claimreview_module.site_url()
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
        "article_url": web_url(article.url),
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
