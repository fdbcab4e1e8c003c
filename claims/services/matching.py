"""Matching claims: each claim proposed, marked or queued is matched against our published
fact-checks, the library of external fact-checks and the open claims of other articles; the
hits above each kind's threshold are stored as suggestions for people to confirm or reject.

Runs in the tasks of the ``matching`` queue (sent after commit by ``match_claims_later``), so
an import never waits for it. Running it twice leaves the same rows: suggestions are keyed by
(claim, target), decided ones are never touched, and undecided ones the engine no longer finds
(the claim's text was edited) are removed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims import matching
from claims.matching.embedding import query_vector
from claims.models import (
    Article,
    Claim,
    ClaimOrigin,
    ClaimStatus,
    ClaimVector,
    ExternalFactCheck,
    MatchKind,
    MatchState,
    MatchSuggestion,
)
from claims.models.articles import proposal_line_default
from claims.selectors import published_factchecks
from claims.services import dispatch
from claims.services.match_indexes import (
    claim_vectors_store,
    live_index_forget,
    live_indexes_refresh,
    live_search,
    open_claims,
    open_claims_all,
)

# A hit is kept only if its target still qualifies; the engine is asked for a few more than
# are kept, as some may have stopped qualifying since the index last looked.
SEARCH_SLACK = 5
SCORE_CHANGE = 0.005  # a stored score is rewritten only when it moved more than this
SWEEP_GRACE = timedelta(minutes=10)


def threshold(kind: str) -> float:
    configured = {
        MatchKind.FACTCHECK: settings.MATCHING_FACTCHECK_THRESHOLD,
        MatchKind.EXTERNAL: settings.MATCHING_EXTERNAL_THRESHOLD,
        MatchKind.CLAIM: settings.MATCHING_CLAIM_THRESHOLD,
    }[kind]
    return matching.SUGGEST_THRESHOLD if configured is None else configured


def link_threshold() -> float:
    """From this similarity a match is shown as very likely the same claim."""
    return max(matching.LINK_THRESHOLD, *(threshold(kind) for kind in MatchKind))


# --- sending -----------------------------------------------------------------------------------


def match_claims_later(*, claim_ids: list[int] = (), article_id: int | None = None) -> None:
    """Send the matching of these claims (or of an article's proposals) after commit."""
    if not settings.MATCHING_ENABLED:
        return
    if article_id is not None:
        dispatch.send_after_commit("claims.tasks.match_article_task", article_id)
    for claim_id in claim_ids:
        dispatch.send_after_commit("claims.tasks.match_claim_task", claim_id)


def matching_sweep(*, now=None, backlog: int | None = None, limit: int = 500) -> list[int]:
    """Accepted claims (queued and further) never matched, older than the grace: their message
    went with a killed worker or a broker restart. Returns their ids to send again. While
    messages wait in the matching queue (``backlog``; None: unknown), matching is behind, not
    lost, and nothing is sent twice."""
    if not settings.MATCHING_ENABLED or backlog != 0:
        return []
    now = now or timezone.now()
    lost = open_claims_all().filter(
        status_changed_at__lt=now - SWEEP_GRACE, match_vector__isnull=True
    )
    return list(lost.order_by("id").values_list("id", flat=True)[:limit])


# --- matching ----------------------------------------------------------------------------------


def article_claims_match(*, article_id: int) -> int:
    """Match the article's proposals (drafts at or above its line) and the claims marked in it.
    Returns the number of claims matched."""
    article = Article.objects.select_related("outlet").filter(id=article_id).first()
    if article is None:
        return 0
    line = article.outlet.worth_checking_line if article.outlet else proposal_line_default()
    claims = list(
        article.claims.exclude(status=ClaimStatus.DISMISSED)
        .filter(Q(score__gte=line) | Q(origin=ClaimOrigin.MANUAL))
        .order_by("id")
    )
    _vectors_ensure(claims)
    # One look at the rows changed since the last one serves the whole article: its claims are
    # left out of each other's searches, so a look between them would only find other work.
    live_indexes_refresh()
    for claim in claims:
        _suggest(claim, refresh=False)
    return len(claims)


def claim_match(*, claim_id: int) -> None:
    claim = Claim.objects.filter(id=claim_id).first()
    if claim is None or claim.status == ClaimStatus.DISMISSED:
        return
    _vectors_ensure([claim])
    _suggest(claim)


def _vectors_ensure(claims: list[Claim]) -> None:
    """Store each claim's vector (batched), so other claims can find it and pages know it was
    matched."""
    held = dict(
        ClaimVector.objects.filter(
            claim__in=claims, model_version=matching.MODEL_VERSION
        ).values_list("claim_id", "text")
    )
    claim_vectors_store([(c.id, c.text) for c in claims if held.get(c.id) != c.text])


def _suggest(claim: Claim, *, refresh: bool = True) -> None:
    # The searches (an embedding each) run before the transaction, which only writes.
    found = []
    if len(claim.text.split()) >= matching.MIN_WORDS:
        query = functools.cache(lambda: query_vector(claim.text))  # one for the three searches
        not_targets = _not_targets(claim)  # one query for the two searches among our claims
        found = [
            (kind, target, hit)
            for kind in MatchKind
            for target, hit in _hits(claim, kind, query, not_targets, refresh=refresh)
        ]
    with transaction.atomic():
        kept = [_upsert(claim, kind, target, hit) for kind, target, hit in found]
        claim.matches.filter(state=MatchState.SUGGESTED).exclude(id__in=kept).delete()


@dataclass(frozen=True)
class _Target:
    claim: Claim | None = None
    external: ExternalFactCheck | None = None


def _hits(
    claim: Claim, kind: str, query, not_targets: list[int], *, refresh: bool = True
) -> list[tuple[_Target, matching.Match]]:
    limit = settings.MATCHING_MAX_SUGGESTIONS
    hits = live_search(
        kind,
        claim.text,
        k=limit + SEARCH_SLACK,
        min_score=threshold(kind),
        query=query,
        exclude=not_targets if kind != MatchKind.EXTERNAL else [],
        refresh=refresh,
    )
    targets = _targets(kind, [int(hit.key) for hit in hits])
    found = []
    for hit in hits:
        target = targets.get(int(hit.key))
        if target is None:
            live_index_forget(kind, hit.key)  # no longer qualifies: gone from this process too
        elif _eligible(claim, kind, target):
            found.append((target, hit))
    return found[:limit]


def _not_targets(claim: Claim) -> list[int]:
    """The claim itself, its group, and the other claims of its article."""
    group = group_of(claim)
    return list(
        Claim.objects.filter(
            Q(article_id=claim.article_id) | Q(id=group) | Q(primary_id=group)
        ).values_list("id", flat=True)
    )


def _targets(kind: str, ids: list[int]) -> dict[int, _Target]:
    if kind == MatchKind.EXTERNAL:
        return {fc.id: _Target(external=fc) for fc in ExternalFactCheck.objects.filter(id__in=ids)}
    claims = Claim.objects.published() if kind == MatchKind.FACTCHECK else Claim.objects
    if kind == MatchKind.CLAIM:
        claims = open_claims()
    return {c.id: _Target(claim=c) for c in claims.filter(id__in=ids)}


def _eligible(claim: Claim, kind: str, target: _Target) -> bool:
    if target.claim is None:
        return True
    other = target.claim
    if other.id == claim.id or group_of(other) == group_of(claim):
        return False
    # Open claims: only other articles' (two sentences of one article saying the same thing
    # are the writer's repetition, not a second appearance).
    return kind != MatchKind.CLAIM or other.article_id != claim.article_id


def group_of(claim: Claim) -> int:
    """The id of the claim's group: its primary's, or its own."""
    return claim.primary_id or claim.id


def _upsert(claim: Claim, kind: str, target: _Target, hit: matching.Match) -> int:
    scores = {
        "score": min(max(hit.score, 0.0), 1.0),
        "lexical": hit.lexical,
        "semantic": hit.semantic,
    }
    suggestion, created = MatchSuggestion.objects.get_or_create(
        claim=claim,
        target_claim=target.claim,
        target_external=target.external,
        defaults={"kind": kind, **scores},
    )
    moved = abs(suggestion.score - scores["score"]) > SCORE_CHANGE
    if not created and suggestion.state == MatchState.SUGGESTED and moved:
        for name, value in scores.items():
            setattr(suggestion, name, value)
        suggestion.save(update_fields=[*scores, "updated_at"])
    return suggestion.id


def factchecks_for_text(
    *, text: str, limit: int
) -> tuple[list[tuple[Claim, matching.Match]], float]:
    """Our published fact-checks that match ``text``, best first, and the threshold used: the
    newsroom API's question "has this been checked?". The workbench's index and threshold."""
    kind = MatchKind.FACTCHECK
    floor = threshold(kind)
    hits = live_search(kind, text, k=limit + SEARCH_SLACK, min_score=floor)
    ids = [int(hit.key) for hit in hits]
    # Loaded as the fact-check API loads them; the caller attaches verdicts and evidence.
    published = {
        c.id: c
        for c in published_factchecks()
        .prefetch_related(None)
        .defer("article__text")
        .filter(id__in=ids)
    }
    found = []
    for hit in hits:
        claim = published.get(int(hit.key))
        if claim is None:
            live_index_forget(kind, hit.key)
        else:
            found.append((claim, hit))
    return found[:limit], floor
