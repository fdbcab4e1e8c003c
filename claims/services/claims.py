"""Claims as the extractor finds them: creation from an article and re-anchoring."""

from __future__ import annotations

from django.db import connection, transaction

from claims.extraction import extract_claims, find_quantities
from claims.extraction.anchoring import locate_quote
from claims.models import Article, Claim, ClaimOrigin, Quantity
from claims.services.matching import match_claims_later
from claims.services.rows import copy_rows

QUOTE_CONTEXT = 32


@transaction.atomic(savepoint=False)
def claims_create_from_article(
    *, article: Article, drafts=None, fresh: bool = False, claim_ids: list[int] | None = None
) -> int:
    """Run the extractor on the article and write its claims and quantities in bulk.

    ``drafts`` are the extractor's output for ``article.text`` when the caller ran it already
    (the importer does, outside its transaction). Spans already claimed (a re-import, a claim
    marked by hand) are left alone, so running this twice leaves the same rows; ``fresh`` says
    the article was just created and has none, which saves the query. ``claim_ids``: ids
    already drawn from the claims' sequence, one per draft (PostgreSQL; the importer draws them
    with the article's INSERT). Returns the number of claims created.
    """
    if drafts is None:
        published = article.published_at.date() if article.published_at else None
        drafts = extract_claims(
            article.text, language=article.language or "en", published=published
        )
    if not fresh:
        taken = set(article.claims.values_list("start", "end"))
        drafts = [d for d in drafts if (d.start, d.end) not in taken]
    if not drafts:
        return 0
    if claim_ids is not None and len(claim_ids) != len(drafts):
        raise ValueError(f"{len(claim_ids)} claim ids for {len(drafts)} drafts")
    if connection.vendor == "postgresql":
        _copy_claims(article, drafts, claim_ids)
    else:
        _bulk_create_claims(article, drafts)
    match_claims_later(article_id=article.pk)
    return len(drafts)


def _claim_values(draft) -> dict:
    return {
        "start": draft.start,
        "end": draft.end,
        "quote": draft.quote,
        "prefix": draft.prefix,
        "suffix": draft.suffix,
        "text": draft.text[:500],
        "score": min(max(draft.score, 0.0), 1.0),
        "kinds": list(draft.kinds),
        "claimant": (draft.claimant or "")[:300],
        "origin": ClaimOrigin.MACHINE,
    }


def _quantity_values(q, *, offset: int = 0) -> dict:
    return {
        "start": q.start + offset,
        "end": q.end + offset,
        "text": q.text[:300],
        "value": q.value,
        "low": q.low,
        "high": q.high,
        "low_inclusive": q.low_inclusive,
        "high_inclusive": q.high_inclusive,
        "qualifier": q.qualifier,
        "unit": (q.unit or "")[:60],
        "kind": q.kind,
    }


def _bulk_create_claims(article: Article, drafts) -> None:
    claims = Claim.objects.bulk_create([Claim(article=article, **_claim_values(d)) for d in drafts])
    Quantity.objects.bulk_create(
        [
            row
            for claim, draft in zip(claims, drafts, strict=True)
            for row in _quantity_rows(claim, draft.quantities)
        ]
    )


def _copy_claims(article: Article, drafts, ids: list[int] | None = None) -> None:
    """The same rows as _bulk_create_claims, written with COPY (PostgreSQL).

    An article brings some 20 claims and a dozen quantities; building model instances and
    having the ORM render them as an INSERT cost five times the CPU of streaming the values.
    The claims' ids are drawn from their sequence first (unless the caller drew them), for the
    quantities to point to.
    """
    if ids is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [Claim._meta.db_table, Claim._meta.pk.column, len(drafts)],
            )
            ids = [claim_id for (claim_id,) in cursor.fetchall()]
    claim_rows = [
        {"id": claim_id, "article_id": article.pk, **_claim_values(d)}
        for claim_id, d in zip(ids, drafts, strict=True)
    ]
    copy_rows(Claim, claim_rows)
    copy_rows(
        Quantity,
        [
            {"claim_id": claim_id, **_quantity_values(q)}
            for claim_id, d in zip(ids, drafts, strict=True)
            for q in d.quantities
        ],
    )


def _quantity_rows(claim: Claim, quantities, *, offset: int = 0) -> list[Quantity]:
    return [Quantity(claim=claim, **_quantity_values(q, offset=offset)) for q in quantities]


def quote_context(text: str, start: int, end: int) -> tuple[str, str]:
    return text[max(0, start - QUOTE_CONTEXT) : start], text[end : end + QUOTE_CONTEXT]


@transaction.atomic
def claims_reanchor(*, article: Article) -> None:
    """After the article text changed: find each claim's quote again, or flag it.

    A claim whose quote is gone keeps its old offsets and quote and is flagged
    ``source_changed`` for reviewers; it is never deleted.
    """
    text = article.text
    for claim in article.claims.select_for_update():
        found = locate_quote(text, claim.quote, claim.prefix, claim.suffix, claim.start)
        if found is None:
            if not claim.source_changed:
                claim.source_changed = True
                claim.save(update_fields=["source_changed", "updated_at"])
            continue
        start, end = found
        prefix, suffix = quote_context(text, start, end)
        claim.start, claim.end, claim.quote = start, end, text[start:end]
        claim.prefix, claim.suffix, claim.source_changed = prefix, suffix, False
        claim.save(
            update_fields=[
                "start",
                "end",
                "quote",
                "prefix",
                "suffix",
                "source_changed",
                "updated_at",
            ]
        )
        # Offsets of the numbers moved with the quote; parse them again from the new quote.
        claim.quantities.all().delete()
        Quantity.objects.bulk_create(
            _quantity_rows(claim, find_quantities(claim.quote), offset=start)
        )
