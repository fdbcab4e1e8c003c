"""The match indexes of one process, one per kind of target, built from stored vectors.

A process (a worker, a web server answering ``POST /api/v1/matches/``) builds each index once
from the vectors in the database and then keeps it fresh by reading only the rows changed since
its last look (``updated_at``), so no task embeds a stored text again. Rows that stopped
qualifying (a claim dismissed, a fact-check retracted) are not seen by that query; the matching
service checks every hit against the database and drops stale keys (``live_index_forget``).

Claims that qualify but have no vector of the current engine version (stored before matching
existed) are embedded here, once, and their vectors stored. External fact-checks without one are
skipped until ``library_vectors_fill`` has embedded them: a library of 14,000 takes minutes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from claims import matching
from claims.models import Claim, ClaimStatus, ClaimVector, ExternalFactCheck, MatchKind

# Claims other articles' claims are matched against: accepted and not yet published.
OPEN_STATUSES = (
    ClaimStatus.QUEUED,
    ClaimStatus.IN_PROGRESS,
    ClaimStatus.CHANGES_REQUESTED,
    ClaimStatus.IN_REVIEW,
)
# Rows committed a little after a later-stamped row was read would fall behind the watermark;
# each look reads again this far back (re-adding a row already held is skipped).
OVERLAP = timedelta(seconds=30)
VECTOR_BATCH = 64


@dataclass
class LiveIndex:
    kind: str
    index: matching.MatchIndex = field(default_factory=matching.MatchIndex)
    model_version: str = field(default_factory=lambda: matching.MODEL_VERSION)
    seen_until: datetime | None = None
    stamps: dict[str, datetime] = field(default_factory=dict)

    def take(self, rows: list[tuple[str, str, bytes, datetime]]) -> None:
        fresh = [(key, text, vector) for key, text, vector, stamp in rows
                 if self.stamps.get(key) != stamp]  # fmt: skip
        if fresh:
            self.index.add_many(fresh)
        for key, _text, _vector, stamp in rows:
            self.stamps[key] = stamp
            if self.seen_until is None or stamp > self.seen_until:
                self.seen_until = stamp

    def forget(self, key: str) -> None:
        if self.stamps.pop(key, None) is not None:
            self.index.remove(key)


def open_claims_all():
    """Accepted claims not yet published: queued, in research, in review."""
    return Claim.objects.filter(status__in=OPEN_STATUSES)


def open_claims():
    """The claims other articles' claims are matched against: the open group primaries."""
    return open_claims_all().filter(primary__isnull=True)


_indexes: dict[str, LiveIndex] = {}
_lock = threading.Lock()


def live_index(kind: str, *, refresh: bool = True) -> matching.MatchIndex:
    """The process's index of ``kind`` (a MatchKind), brought up to date; with ``refresh``
    False, as the last look left it (built first if this process has none yet)."""
    with _lock:
        live = _indexes.get(kind)
        if refresh or live is None or live.model_version != matching.MODEL_VERSION:
            live = _fresh(kind)
        return live.index


def live_indexes_refresh() -> None:
    """Bring every index of this process up to date: once for a batch of searches (an
    article's claims) instead of once per search."""
    for kind in MatchKind:
        live_index(kind)


def _fresh(kind: str) -> LiveIndex:
    live = _indexes.get(kind)
    if live is None or live.model_version != matching.MODEL_VERSION:
        live = _indexes[kind] = LiveIndex(kind)
    since = live.seen_until - OVERLAP if live.seen_until is not None else None
    live.take(_LOADERS[kind](since))
    return live


def live_search(
    kind: str,
    text: str,
    *,
    k: int,
    min_score: float,
    query=None,
    exclude: list[int] = (),
    refresh: bool = True,
) -> list[matching.Match]:
    """Search the process's index of ``kind``, brought up to date, as if the claims in
    ``exclude`` (the claim itself, its group, its article's other claims) were not in it: the
    engine ranks its candidates against each other, and a copy of the query ranked first would
    push the real matches down.

    ``query``: a callable giving the text's query embedding, shared by the searches of one
    claim and called only when an index has something to search (the engine embeds it itself
    without one). ``refresh`` False: the caller brought the indexes up to date for a batch
    (``live_indexes_refresh``)."""
    # Searched outside the lock: the index takes its own.
    index = live_index(kind, refresh=refresh)
    excluded = {str(pk) for pk in exclude}
    if len(index) == sum(key in index for key in excluded):
        return []  # nothing but the excluded claims: no embedding needed
    vector = query() if query is not None else None
    return index.search(text, k=k, min_score=min_score, vector=vector, exclude=excluded)


def live_index_forget(kind: str, key: str) -> None:
    with _lock:
        live = _indexes.get(kind)
        if live is not None:
            live.forget(key)


def live_indexes_reset() -> None:
    """Drop every index of this process (tests; a new engine version does it by itself)."""
    with _lock:
        _indexes.clear()


def _external_rows(since: datetime | None) -> list[tuple]:
    rows = ExternalFactCheck.objects.filter(
        vector__isnull=False, model_version=matching.MODEL_VERSION
    )
    if since is not None:
        rows = rows.filter(updated_at__gte=since)
    # Indexed on the text the evaluation command scores (claim, headline and standfirst); the
    # vector is the claim's alone.
    return [
        (str(pk), matching.factcheck_text(claim, title, subtitle), bytes(vector), stamp)
        for pk, claim, title, subtitle, vector, stamp in rows.order_by().values_list(
            "id", "claim_text", "title", "subtitle", "vector", "updated_at"
        )
    ]


def _claim_rows(claims, since: datetime | None) -> list[tuple]:
    if since is not None:
        claims = claims.filter(updated_at__gte=since)
    found = list(
        claims.order_by().values_list(
            "id",
            "text",
            "updated_at",
            "match_vector__text",
            "match_vector__vector",
            "match_vector__model_version",
        )
    )
    stale = [(pk, text) for pk, text, _, v_text, _, version in found
             if v_text != text or version != matching.MODEL_VERSION]  # fmt: skip
    vectors = claim_vectors_store(stale)
    rows = []
    for pk, text, stamp, _v_text, vector, _version in found:
        vector = vectors.get(pk, vector)
        rows.append((str(pk), text, bytes(vector), stamp))
    return rows


def claim_vectors_store(claims: list[tuple[int, str]]) -> dict[int, bytes]:
    """Embed (claim id, text) pairs in batches and store the vectors; returns them by id."""
    stored: dict[int, bytes] = {}
    for start in range(0, len(claims), VECTOR_BATCH):
        batch = claims[start : start + VECTOR_BATCH]
        vectors = matching.passage_vectors([text for _pk, text in batch])
        rows = sorted(zip(batch, vectors, strict=True), key=lambda row: row[0][0])
        # One upsert per batch instead of a locked read and a write per claim, in claim order
        # so that two workers storing the same claims take their row locks in the same order.
        ClaimVector.objects.bulk_create(
            [
                ClaimVector(
                    claim_id=pk, text=text, vector=vector, model_version=matching.MODEL_VERSION
                )
                for (pk, text), vector in rows
            ],
            update_conflicts=True,
            unique_fields=["claim"],
            update_fields=["text", "vector", "model_version", "updated_at"],
        )
        stored.update((pk, vector) for (pk, _text), vector in rows)
    return stored


_LOADERS = {
    MatchKind.EXTERNAL: _external_rows,
    MatchKind.FACTCHECK: lambda since: _claim_rows(Claim.objects.published(), since),
    # Group primaries only: a new appearance is matched to the group through its primary, and
    # copies of one claim would crowd each other out of the engine's ranking.
    MatchKind.CLAIM: lambda since: _claim_rows(open_claims(), since),
}
