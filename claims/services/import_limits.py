"""The limits every import path shares (UI, API, command line, feeds), one setting each.

A request over a limit is refused before anything is stored (the job and its items are written
in one transaction, rolled back by LimitExceeded); an article over the claims or quantities cap
keeps its text whole and the claims the extractor scored highest, and records what it dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from claims.ingest.errors import LimitExceeded
from claims.models import ImportJob

HOUR = timedelta(hours=1)


def import_rate_check(*, created_by=None, api_key=None) -> None:
    """Refuse (429) a user's or API key's import past IMPORTS_PER_HOUR in the last hour.

    The command line and feed polls (no user, no key) are not counted.
    """
    if api_key is not None:
        jobs, who = ImportJob.objects.filter(api_key=api_key), "this API key"
    elif created_by is not None and created_by.is_authenticated:
        jobs, who = ImportJob.objects.filter(created_by=created_by), "you"
    else:
        return
    limit = settings.IMPORTS_PER_HOUR
    now = timezone.now()
    started = list(
        jobs.filter(created_at__gt=now - HOUR)
        .order_by("created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(started) < limit:
        return
    retry_after = max(1, int((started[0] + HOUR - now).total_seconds()) + 1)
    raise LimitExceeded(
        f"At most {limit} imports an hour are accepted (IMPORTS_PER_HOUR) and {who} started "
        f"{limit}; try again in {retry_after} seconds.",
        setting="IMPORTS_PER_HOUR",
        status=429,
        retry_after=retry_after,
    )


def too_many_items(count: int) -> LimitExceeded:
    limit = settings.IMPORT_MAX_ITEMS
    return LimitExceeded(
        f"An import may hold at most {limit:,} items (articles, records, files' records, URLs "
        f"and feeds together; IMPORT_MAX_ITEMS); this one holds {count:,} or more. Split it.",
        setting="IMPORT_MAX_ITEMS",
    )


def record_size_check(record: Mapping, where: str) -> None:
    """Refuse (413) a record whose text, or HTML, is longer than one article may be."""
    for field, limit, setting in (
        ("text", settings.ARTICLE_MAX_CHARS, "ARTICLE_MAX_CHARS"),
        ("html", settings.FETCH_MAX_BYTES, "FETCH_MAX_BYTES"),
    ):
        value = record.get(field)
        if isinstance(value, str) and len(value) > limit:
            raise LimitExceeded(
                f"{where}: its {field} has {len(value):,} characters; one article may have "
                f"{limit:,} ({setting}).",
                setting=setting,
            )


def article_too_long(length: int) -> str | None:
    """Why an article's text cannot be imported, or None. Refused rather than cut: a cut text
    would be stored and quoted as if it were the whole article."""
    limit = settings.ARTICLE_MAX_CHARS
    if length <= limit:
        return None
    return (
        f"The article's text has {length:,} characters; the most an article may have is "
        f"{limit:,} (ARTICLE_MAX_CHARS)."
    )


def drafts_capped(drafts: list) -> tuple[list, int, int]:
    """The drafts to store: at most ARTICLE_MAX_CLAIMS claims, the highest scored, and at
    most ARTICLE_MAX_QUANTITIES quantities, those of the highest-scored claims first. Returns
    them in text order with the numbers of claims and quantities dropped."""
    max_claims, max_quantities = settings.ARTICLE_MAX_CLAIMS, settings.ARTICLE_MAX_QUANTITIES
    ranked = sorted(drafts, key=lambda d: d.score, reverse=True)
    kept, dropped_claims = ranked[:max_claims], max(0, len(drafts) - max_claims)
    room, dropped_quantities, capped = max_quantities, 0, []
    for draft in kept:
        quantities = draft.quantities[:room]
        dropped_quantities += len(draft.quantities) - len(quantities)
        room -= len(quantities)
        if len(quantities) < len(draft.quantities):
            draft = replace(draft, quantities=quantities)
        capped.append(draft)
    capped.sort(key=lambda d: d.start)
    return capped, dropped_claims, dropped_quantities
