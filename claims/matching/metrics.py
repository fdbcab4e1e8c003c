"""Ranking measures of CheckThat! 2022 Task 2A: MAP@5, MRR and precision at 1."""

from collections.abc import Mapping, Sequence


def average_precision(ranked: Sequence[str], relevant: set[str], depth: int = 5) -> float:
    """Sum of the precision at each relevant hit in the top ``depth``, over the relevant count."""
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    for rank, key in enumerate(ranked[:depth], start=1):
        if key in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def reciprocal_rank(ranked: Sequence[str], relevant: set[str]) -> float:
    for rank, key in enumerate(ranked, start=1):
        if key in relevant:
            return 1.0 / rank
    return 0.0


def summary(
    rankings: Mapping[str, Sequence[str]], qrels: Mapping[str, set[str]]
) -> dict[str, float]:
    """MAP@5, MRR and P@1 over the queries of ``qrels`` (a query with no ranking scores 0)."""
    queries = sorted(qrels)
    count = max(len(queries), 1)

    def mean(measure) -> float:
        return round(sum(measure(rankings.get(q, []), qrels[q]) for q in queries) / count, 4)

    return {
        "map@5": mean(average_precision),
        "mrr": mean(reciprocal_rank),
        "p@1": mean(lambda ranked, relevant: float(bool(ranked) and ranked[0] in relevant)),
        "queries": len(queries),
    }
