"""``python -m claims.extraction.train_proposals [DATA_DIR]``: fit the proposal model.

Reads ``news_claims/dev.jsonl`` (sentence labels of 30 news330 articles) and the articles' text,
computes the cues of every sentence the pipeline scores (``pipeline.sentence_inputs``, so the
check-worthiness model's current score is one of them) and labels each with the gold sentence it
overlaps most. The target is ``worth``; ``none`` sentences weigh more in the fit, since
proposing one is junk while proposing a ``checkable`` one is only noise.

Everything is chosen by grouped cross-validation over whole articles (6 folds of 5 articles):
which cues, the regularisation, the weight of ``none`` and the reader's default line, by the
figures of ``evaluate/news.py`` on the held-out articles. Those cross-validated figures are
stored in the weights file (``meta.cross_validated``) and predict unseen articles; the in-sample
figures of ``newseval.py`` on dev do not. The final weights are fitted on all 30 articles.
``--nested`` also holds the choice itself out (``nested_figures``, stored as
``meta.nested_cross_validated``): an estimate free of the optimism of picking the best of many
candidates on the same folds.

Rerun after the check-worthiness model changes. Needs the ``train`` extra (scikit-learn,
numpy); the runtime scorer does not.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from .evaluate.news import read_articles, score_proposals
from .furniture import FEATURE_NAMES, gallery_sentences, is_conditional, looks_like_furniture
from .pipeline import sentence_inputs
from .proposals import MODEL_PATH

# numpy, scipy and scikit-learn are the optional `train` extra: each function imports what it
# uses, so that importing this module (the tests, the evaluation) needs none of them.

FOLDS = 6
SEED = 17
C_GRID = (0.1, 1.0, 10.0)
NONE_WEIGHT_GRID = (1.0, 3.0)
# Nested sets of cues, from the check-worthiness score alone to every cue; cross-validation
# picks one. With 30 articles, more cues can fit the folds' noise rather than the furniture.
FEATURE_SETS = {
    "checkworthiness": ("checkworthiness",),
    "quoted opinion": ("checkworthiness", "quoted_opinion"),
    "furniture": ("checkworthiness", "credit", "boilerplate", "question", "imperative"),
    "speech and person": (
        "checkworthiness", "credit", "boilerplate", "question", "imperative",
        "said_after_quote", "first_person", "second_person",
    ),
    "figures and sources": (
        "checkworthiness", "credit", "boilerplate", "question", "imperative",
        "said_after_quote", "first_person", "second_person", "checkable_quantity", "source",
        "long",
    ),
    "all": FEATURE_NAMES,
}  # fmt: skip
THRESHOLDS = tuple(round(0.05 + 0.01 * i, 2) for i in range(91))
TARGETS = {"junk_rate": 0.05, "sentences_proposed": 0.60, "worth_recall": 0.90}


def article_rows(article: dict) -> list[dict]:
    """One row per sentence the pipeline scores: offsets, cues, gold label, repeat flag."""
    text = article["text"]
    spans, sentences, by_sentence, features = sentence_inputs(text, every_cue=True)
    gallery = gallery_sentences(text, spans)
    rows, seen = [], set()
    for span, sentence, quantities, cues, in_gallery in zip(
        spans, sentences, by_sentence, features, gallery, strict=True
    ):
        key = " ".join(sentence.split()).lower()
        best, overlap = None, 0
        for gold in article["sentences"]:
            shared = min(span.end, gold["end"]) - max(span.start, gold["start"])
            if shared > overlap:
                best, overlap = gold, shared
        rows.append(
            {
                "start": span.start,
                "end": span.end,
                "features": cues,
                "label": best["label"] if best else "none",
                "repeat": key in seen,
                "furniture": in_gallery or looks_like_furniture(sentence),
                # never proposed, whatever its score (``pipeline.extract_claims``)
                "held_back": is_conditional(sentence, quantities),
            }
        )
        seen.add(key)
    return rows


def _fit(rows: list[dict], c: float, none_weight: float, used: tuple[str, ...]) -> dict:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    mask = np.array([name in used for name in FEATURE_NAMES])
    x = np.array([row["features"] for row in rows], dtype=float) * mask
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    y = np.array([row["label"] == "worth" for row in rows], dtype=int)
    weights = np.array([none_weight if row["label"] == "none" else 1.0 for row in rows])
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - means) / scales, y, sample_weight=weights)
    return {
        # An unused cue keeps a weight of 0: the scorer reads one layout.
        "weights": [
            float(w) if keep else 0.0 for w, keep in zip(model.coef_[0], mask, strict=True)
        ],
        "bias": float(model.intercept_[0]),
        "means": [float(m) for m in means],
        "scales": [float(s) for s in scales],
    }


def _scores(model: dict, rows: list[dict]) -> list[float]:
    import numpy as np

    x = np.array([row["features"] for row in rows], dtype=float)
    z = ((x - model["means"]) / model["scales"]) @ model["weights"] + model["bias"]
    return list(1.0 / (1.0 + np.exp(-z)))


def folds_of(articles: list[dict], folds: int = FOLDS) -> list[list[int]]:
    """Article indices per fold: whole articles, shuffled once with a fixed seed."""
    order = list(range(len(articles)))
    random.Random(SEED).shuffle(order)  # noqa: S311 - a fixed split, not a secret
    return [order[k::folds] for k in range(folds)]


def held_out_scores(
    rows_by_article: list[list[dict]],
    folds: list[list[int]],
    c: float,
    none_weight: float,
    used: tuple[str, ...],
) -> list[list[float]]:
    scores: list[list[float]] = [[] for _ in rows_by_article]
    for fold in folds:
        training = [row for i, rows in enumerate(rows_by_article) if i not in fold for row in rows]
        model = _fit(training, c, none_weight, used)
        for i in fold:
            scores[i] = _scores(model, rows_by_article[i])
    return scores


def figures_at(
    articles: list[dict],
    rows_by_article: list[list[dict]],
    scores: list[list[float]],
    threshold: float,
) -> dict:
    index = {article["public_id"]: i for i, article in enumerate(articles)}

    def proposals_of(article: dict) -> list[tuple[int, int, float]]:
        i = index[article["public_id"]]
        return [
            (row["start"], row["end"], score)
            for row, score in zip(rows_by_article[i], scores[i], strict=True)
            if score >= threshold
            and not row["repeat"]
            and not row["furniture"]
            and not row["held_back"]
        ]

    return score_proposals(articles, proposals_of)


def objective(figures: dict) -> float:
    """Ranking first (AP, P@5), with the targets of the issue as penalties when missed."""
    shortfall = (
        4 * max(0.0, figures["junk_rate"] - TARGETS["junk_rate"])
        + 2 * max(0.0, figures["sentences_proposed"] - TARGETS["sentences_proposed"])
        + 4 * max(0.0, TARGETS["worth_recall"] - figures["worth_recall"])
    )
    return figures["ap_worth"] + figures["p_at_5"] - shortfall


def choose(
    articles: list[dict], rows_by_article: list[list[dict]], folds: list[list[int]]
) -> tuple[float, str, float, float, float, dict]:
    """The cues, C, weight of ``none`` and line with the best objective on held-out folds:
    (objective, cues, C, weight, line, the held-out figures)."""
    best = None
    for set_name, used in FEATURE_SETS.items():
        for c in C_GRID:
            for none_weight in NONE_WEIGHT_GRID:
                scores = held_out_scores(rows_by_article, folds, c, none_weight, used)
                for threshold in THRESHOLDS:
                    figures = figures_at(articles, rows_by_article, scores, threshold)
                    candidate = (objective(figures), set_name, c, none_weight, threshold, figures)
                    if best is None or candidate[0] > best[0]:
                        best = candidate
    assert best is not None
    return best


def nested_figures(articles: list[dict], rows_by_article: list[list[dict]]) -> dict:
    """The figures of the choice itself held out: for each fold, ``choose`` runs on the other
    articles alone (their own folds), and the model it picks, fitted on them, proposes the
    fold's articles at the line it picked. The plain cross-validated figures are those of the
    best of many candidates, so a little optimistic; these are not."""
    scores: list[list[float]] = [[] for _ in articles]
    for fold in folds_of(articles):
        inside = [i for i in range(len(articles)) if i not in fold]
        inner_articles = [articles[i] for i in inside]
        inner_rows = [rows_by_article[i] for i in inside]
        chosen = choose(inner_articles, inner_rows, folds_of(inner_articles, FOLDS - 1))
        _, set_name, c, none_weight, threshold, _ = chosen
        model = _fit(
            [row for rows in inner_rows for row in rows], c, none_weight, FEATURE_SETS[set_name]
        )
        for i in fold:
            # Below the line chosen inside: not proposed (the figures count scores >= 0).
            scores[i] = [p if p >= threshold else -1.0 for p in _scores(model, rows_by_article[i])]
    return figures_at(articles, rows_by_article, scores, 0.0)


def train(data_dir: Path, *, nested: bool = False) -> dict:
    articles = read_articles(data_dir)
    rows_by_article = [article_rows(article) for article in articles]
    _, set_name, c, none_weight, threshold, figures = choose(
        articles, rows_by_article, folds_of(articles)
    )
    rows = [row for rows in rows_by_article for row in rows]
    model = _fit(rows, c, none_weight, FEATURE_SETS[set_name])
    meta = {
        "data": "news_claims/dev.jsonl (30 news330 articles), target: label 'worth'",
        "cues": set_name,
        "C": c,
        "none_weight": none_weight,
        "folds": f"{FOLDS} folds of whole articles, seed {SEED}",
        "cross_validated": figures,
    }
    if nested:
        meta["nested_cross_validated"] = nested_figures(articles, rows_by_article)
    model.update(features=list(FEATURE_NAMES), threshold=threshold, meta=meta)
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claims.extraction.train_proposals")
    parser.add_argument("data_dir", nargs="?", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument(
        "--nested",
        action="store_true",
        help="also hold the choice itself out (nested CV, about 6 times longer)",
    )
    args = parser.parse_args(argv)
    model = train(args.data_dir, nested=args.nested)
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({"threshold": model["threshold"], **model["meta"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
