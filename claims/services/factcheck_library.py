"""The reference library of fact-checks published elsewhere: imports and their vectors.

An import stores the records at once (deduplicated by URL: the same fact-check imported twice,
or from two files, is one row, updated) and leaves the embedding to ``library_vectors_fill``,
which the command runs in its own process and an admin upload sends to the matching queue:
embedding 14,000 claims takes minutes, longer than a web request may.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import matching
from claims.ingest.factchecks import FactCheckRecord, RecordError, parse_factchecks
from claims.ingest.fetching import fetch_url
from claims.ingest.urls import canonical_url
from claims.models import ExternalFactCheck
from claims.services import dispatch

FETCH_TYPES = ("application/json", "application/ld+json", "application/x-ndjson", "text/plain")
VECTOR_BATCH = 128
_FIELDS = [
    "claim_text",
    "title",
    "subtitle",
    "url",
    "rating",
    "publisher",
    "published_on",
    "language",
]


@dataclass
class LibraryImport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RecordError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"{self.created} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{len(self.errors)} skipped"
        )


def library_fetch(url: str) -> bytes:
    """The file at ``url``, through the SSRF-safe fetcher (FetchRefused / TransientFetchError)."""
    return fetch_url(url, accept=FETCH_TYPES).body


def library_import(*, data: bytes | str, source: str, send_vectors: bool = False) -> LibraryImport:
    """Store the fact-checks of one file; records that cannot be read are reported, not stored.
    ``send_vectors``: embed the new claims on the matching queue (an upload in a request)."""
    records, errors = parse_factchecks(data)
    result = _store(records, source=source[:500])
    result.errors = errors
    if send_vectors and result.created + result.updated:
        dispatch.send_after_commit("claims.tasks.match_library_vectors_task")
    return result


def record_key(record: FactCheckRecord) -> str:
    """What makes two records one fact-check: the URL (canonical form), else the source's own
    id, else the claim itself."""
    if record.url:
        return f"url:{canonical_url(record.url) or record.url}"
    if record.source_id:
        return f"id:{record.source_id}"
    return "text:" + hashlib.sha256(record.claim_text.casefold().encode()).hexdigest()


@transaction.atomic
def _store(records: list[FactCheckRecord], *, source: str) -> LibraryImport:
    by_key = {record_key(r): r for r in records}  # a file repeating a record: the last wins
    existing = {
        fc.key: fc for fc in ExternalFactCheck.objects.filter(key__in=list(by_key)).order_by()
    }
    result = LibraryImport()
    new, changed = [], []
    for key, record in by_key.items():
        row = existing.get(key)
        if row is None:
            new.append(ExternalFactCheck(key=key, source_file=source, **_values(record)))
        elif _update(row, record, source):
            changed.append(row)
    ExternalFactCheck.objects.bulk_create(new, batch_size=1000)
    ExternalFactCheck.objects.bulk_update(
        changed, [*_FIELDS, "source_file", "vector", "model_version", "updated_at"], batch_size=1000
    )
    result.created, result.updated = len(new), len(changed)
    result.unchanged = len(by_key) - len(new) - len(changed)
    return result


def _values(record: FactCheckRecord) -> dict:
    return {name: getattr(record, name) for name in _FIELDS}


def _update(row: ExternalFactCheck, record: FactCheckRecord, source: str) -> bool:
    """Apply the record's values to ``row``; True if anything changed. A changed claim drops
    the stored vector, which no longer describes it."""
    values = _values(record)
    # A later file that lacks a field (a rating, a date) does not erase what an earlier had.
    values = {name: value for name, value in values.items() if value not in ("", None)}
    if all(getattr(row, name) == value for name, value in values.items()):
        return False
    if values["claim_text"] != row.claim_text:
        row.vector, row.model_version = None, ""
    for name, value in values.items():
        setattr(row, name, value)
    row.source_file = source
    row.updated_at = timezone.now()  # bulk_update does not touch auto_now fields
    return True


def library_vectors_missing():
    return ExternalFactCheck.objects.filter(
        Q(vector__isnull=True) | ~Q(model_version=matching.MODEL_VERSION)
    )


def library_vectors_fill(*, batch: int = VECTOR_BATCH, progress=None) -> int:
    """Embed every library claim without a vector of the current engine version, ``batch`` at
    a time (each batch its own short transaction). Returns how many were embedded."""
    done = 0
    while True:
        rows = list(library_vectors_missing().order_by("id").only("id", "claim_text")[:batch])
        if not rows:
            return done
        vectors = matching.passage_vectors([row.claim_text for row in rows])
        now = timezone.now()
        for row, vector in zip(rows, vectors, strict=True):
            row.vector, row.model_version, row.updated_at = vector, matching.MODEL_VERSION, now
        # updated_at moves on so that the indexes, which skip rows without a vector, load them.
        ExternalFactCheck.objects.bulk_update(rows, ["vector", "model_version", "updated_at"])
        done += len(rows)
        if progress is not None:
            progress(done)
