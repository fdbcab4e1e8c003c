"""Learn the fusion weights and thresholds on CheckThat! train and dev queries (never devtest).

    python -m claims.matching.train_fusion VCLAIMS_JSONL QUERIES_TSV TRAIN_QRELS DEV_QRELS

Needs scikit-learn (the ``train`` extra). Prints the cross-validated figures (folds of whole
queries) and rewrites claims/matching/data/fusion.json with the model fitted on all of them.
"""

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

from claims.matching import fusion
from claims.matching.evaluate import build_index, read_claims, read_qrels, read_queries
from claims.matching.metrics import summary
from claims.matching.vector_cache import VectorCache

FOLDS = 5
# Single features that rank on their own, printed beside the fused model for comparison.
BASELINES = {
    "BM25 alone": "lexical",
    "e5 alone": "cosine",
    "reciprocal rank fusion": "reciprocal_rank_fusion",
}
SUGGEST_PRECISION = 0.90
LINK_PRECISION = 0.97
# Thresholds are set where the lower bound of a one-sided 95% confidence interval (Wilson) of the
# out-of-fold precision reaches the target, not the precision itself: chosen at the point
# estimate, 0.90 on train+dev gave 0.885 on devtest.
CONFIDENCE_Z = 1.645


def candidate_rows(index, queries, qrels, cache):
    """Per query: its candidate keys, their feature rows and 0/1 labels."""
    ids = sorted(q for q in qrels if q in queries)
    vectors = cache.queries([queries[q] for q in ids])
    rows = {}
    for q, vector in zip(ids, vectors, strict=True):
        keys, evidence = index.candidates(queries[q], vector)
        labels = np.array([key in qrels[q] for key in keys], dtype=int)
        rows[q] = (keys, fusion.features(evidence), labels)
    return rows


def fit(rows: dict, ids: list[str], c: float, columns=lambda x: x) -> fusion.LogisticModel:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    x = columns(np.vstack([rows[q][1] for q in ids]))
    y = np.concatenate([rows[q][2] for q in ids])
    # Fitted on standardised features, so that C weighs features of every scale alike; the
    # scaling is folded into the stored weights.
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=5000)
    model.fit(scaler.transform(x), y)
    weights = model.coef_[0] / scaler.scale_
    return fusion.LogisticModel(weights, float(model.intercept_[0] - weights @ scaler.mean_))


def out_of_fold_scores(rows: dict, c: float, columns=lambda x: x) -> dict[str, np.ndarray]:
    ids = sorted(rows)
    folds = np.random.default_rng(0).permutation(len(ids)) % FOLDS
    scores = {}
    for fold in range(FOLDS):
        train = [q for q, f in zip(ids, folds, strict=True) if f != fold]
        model = fit(rows, train, c, columns)
        for q, f in zip(ids, folds, strict=True):
            if f == fold:
                scores[q] = model.probabilities(columns(rows[q][1]))
    return scores


def ranked(rows: dict, scores: dict, depth: int = 5) -> dict[str, list[str]]:
    return {
        q: [rows[q][0][i] for i in np.argsort(-scores[q], kind="stable")[:depth]] for q in scores
    }


def lower_bound(hits: int, count: int, z: float = CONFIDENCE_Z) -> float:
    """Wilson's lower bound of the share ``hits / count`` (one-sided, ``z`` standard errors)."""
    if not count:
        return 0.0
    share = hits / count
    centre = share + z * z / (2 * count)
    spread = z * math.sqrt(share * (1 - share) / count + z * z / (4 * count * count))
    return (centre - spread) / (1 + z * z / count)


def threshold_for(rows: dict, scores: dict, precision: float, depth: int = 5) -> float:
    """Lowest score at which the shown matches (top ``depth`` of each query) reach ``precision``
    with confidence: the lower bound of their precision (``lower_bound``) reaches it."""
    shown = []
    for q, values in scores.items():
        for i in np.argsort(-values, kind="stable")[:depth]:
            shown.append((values[i], rows[q][2][i]))
    shown.sort(reverse=True)
    best = 1.0
    hits = 0
    for count, (score, label) in enumerate(shown, start=1):
        hits += label
        if lower_bound(hits, count) >= precision:
            best = score
    return float(best)


def figures_of(rows: dict, scores: dict, qrels: dict, dev: set[str]) -> dict:
    return {
        "all": summary(ranked(rows, scores), {q: qrels[q] for q in rows}),
        "dev": summary(ranked(rows, scores), {q: qrels[q] for q in rows if q in dev}),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for name in ("claims", "queries", "train_qrels", "dev_qrels"):
        parser.add_argument(name, type=Path)
    parser.add_argument("--c", type=float, nargs="*", default=[1.0, 10.0])
    args = parser.parse_args(argv)
    qrels = read_qrels(args.train_qrels) | read_qrels(args.dev_qrels)
    dev = set(read_qrels(args.dev_qrels))
    cache = VectorCache()
    index = build_index(read_claims(args.claims), cache)
    rows = candidate_rows(index, read_queries(args.queries), qrels, cache)
    for name, column in BASELINES.items():
        scores = {q: rows[q][1][:, fusion.FEATURES.index(column)] for q in rows}
        print(json.dumps({name: figures_of(rows, scores, qrels, dev)}), file=sys.stderr)
    results = {}
    for c in args.c:
        scores = out_of_fold_scores(rows, c)
        results[c] = scores
        print(json.dumps({"c": c, **figures_of(rows, scores, qrels, dev)}), file=sys.stderr)
    best_c = max(results, key=lambda c: summary(ranked(rows, results[c]), qrels)["map@5"])
    semantic = out_of_fold_scores(rows, best_c, fusion.semantic_features)
    print(
        json.dumps({"semantic features only": figures_of(rows, semantic, qrels, dev)}),
        file=sys.stderr,
    )
    model = fusion.FusionModel(
        both=fit(rows, sorted(rows), best_c),
        semantic=fit(rows, sorted(rows), best_c, fusion.semantic_features),
        suggest_threshold=round(threshold_for(rows, results[best_c], SUGGEST_PRECISION), 3),
        link_threshold=round(threshold_for(rows, results[best_c], LINK_PRECISION), 3),
    )
    fusion.MODEL_PATH.parent.mkdir(exist_ok=True)
    fusion.MODEL_PATH.write_text(json.dumps({"c": best_c, **model.to_json()}, indent=2) + "\n")
    print(json.dumps({"c": best_c, **model.to_json()}))


if __name__ == "__main__":
    main()
