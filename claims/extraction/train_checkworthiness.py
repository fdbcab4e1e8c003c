"""Train the check-worthiness model and write ``data/checkworthiness.json``.

    python -m claims.extraction.train_checkworthiness DATA_DIR [--out PATH]

DATA_DIR holds ``checkworthy/train.tsv`` and ``checkworthy/dev.tsv`` (CLEF CheckThat! 2024
Task 1, English). Needs the ``train`` extra (scikit-learn, numpy); the runtime scorer does not.
The decision threshold is picked on whole debates held out of training (contiguous blocks of
Sentence_id, which numbers the debates in order), never on the test splits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import re
from pathlib import Path

from claims.extraction.checkworthiness import FEATURE_VERSION, MODEL_PATH, sentence_features

DATA_ORIGIN = (
    "CLEF CheckThat! 2024 Task 1, English check-worthiness, train.tsv + dev.tsv (sentences from "
    "US presidential debates, from the ClaimBuster data set), as published in the public "
    "repository isyufeng/FactFinders (data/CT24_checkworthy_english_*.tsv)"
)
DATA_LICENCE = "CheckThat! data: research use (licence as stated by the data set)"

DEFAULTS = {"C": 4.0, "min_df": 3, "folds": 5, "decimals": 3}

# A row label glued to the next row's id: one line of train.tsv holds two rows ("No29286").
_GLUED_LABEL_RE = re.compile(r"(Yes|No)(\d+)$")


def read_checkworthy_tsv(path: Path) -> list[tuple[int, str, bool]]:
    """Rows ``(sentence_id, text, is_checkworthy)`` of a CheckThat! TSV file."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        while len(parts) >= 3:
            glued = _GLUED_LABEL_RE.match(parts[2].strip())
            label = glued.group(1) if glued else parts[2].strip()
            rows.append((int(parts[0]), _unquote(parts[1]), label == "Yes"))
            if not glued:
                break
            parts = [glued.group(2), *parts[3:]]
    return rows


def _unquote(text: str) -> str:
    # The files quote a text CSV-style when it holds a comma or a quote; left in, the quotes
    # would teach the model "has a comma", a cue that sentences of real articles never carry.
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"')
    return text


def _design_matrix(feature_lists, vocabulary):
    """Rows scaled by 1/sqrt(feature count), the scaling the runtime scorer applies."""
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr, indices, values = [0], [], []
    for features in feature_lists:
        counts: dict[int, int] = {}
        for feature in features:
            index = vocabulary.get(feature)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        scale = 1.0 / math.sqrt(len(features))
        indices.extend(counts)
        values.extend(count * scale for count in counts.values())
        indptr.append(len(indices))
    return csr_matrix(
        (np.array(values), np.array(indices), np.array(indptr)),
        shape=(len(feature_lists), len(vocabulary)),
    )


def _vocabulary(feature_lists, min_df: int) -> dict[str, int]:
    document_frequency: dict[str, int] = {}
    for features in feature_lists:
        for feature in set(features):
            document_frequency[feature] = document_frequency.get(feature, 0) + 1
    kept = sorted(f for f, n in document_frequency.items() if n >= min_df)
    return {feature: index for index, feature in enumerate(kept)}


def _classifier(c: float):
    from sklearn.linear_model import LogisticRegression

    # The dual solver: the same optimum as the primal one, several times faster with many more
    # features than sentences.
    return LogisticRegression(C=c, max_iter=5000, solver="liblinear", dual=True, random_state=0)


def debate_folds(sentence_ids, folds: int):
    """Fold number per row: contiguous Sentence_id blocks, so whole debates are held out."""
    import numpy as np

    ids = np.asarray(sentence_ids)
    cuts = np.quantile(ids, [k / folds for k in range(1, folds)])
    return np.searchsorted(cuts, ids, side="right")


def f1_at(labels, decisions, threshold: float) -> float:
    predicted = decisions >= threshold
    true_positives = float((predicted & labels).sum())
    return 2 * true_positives / max(float(predicted.sum() + labels.sum()), 1.0)


def pick_threshold(labels, decisions, latest) -> float:
    """The decision threshold that maximises the mean of the F1 on all held-out debates and the
    F1 on the latest ones (``latest`` marks them).

    The scorer runs on text later than its training data, and the latest debates want a lower
    threshold than the older ones, while the pooled F1 is flat around its maximum.
    """
    import numpy as np

    candidates = np.unique(np.quantile(decisions, np.linspace(0.3, 0.95, 261)))
    objective = [
        f1_at(labels, decisions, t) + f1_at(labels[latest], decisions[latest], t)
        for t in candidates
    ]
    return float(candidates[int(np.argmax(objective))])


def held_out_decisions(feature_lists, labels, sentence_ids, params):
    """Out-of-fold decision values, each fold's model trained without the fold's debates."""
    import numpy as np

    fold = debate_folds(sentence_ids, params["folds"])
    decisions = np.zeros(len(feature_lists))
    for k in range(params["folds"]):
        kept = [fs for fs, f in zip(feature_lists, fold, strict=True) if f != k]
        vocabulary = _vocabulary(kept, params["min_df"])
        model = _classifier(params["C"]).fit(_design_matrix(kept, vocabulary), labels[fold != k])
        held_out = [fs for fs, f in zip(feature_lists, fold, strict=True) if f == k]
        decisions[fold == k] = model.decision_function(_design_matrix(held_out, vocabulary))
    return decisions


def train(data_dir: Path, params: dict) -> dict:
    """Fit on train + dev; the threshold comes from held-out debates of train."""
    import numpy as np
    from sklearn.metrics import precision_recall_fscore_support

    train_rows = read_checkworthy_tsv(data_dir / "checkworthy" / "train.tsv")
    dev_rows = read_checkworthy_tsv(data_dir / "checkworthy" / "dev.tsv")
    # Featurised once: every fold and the final fit reuse the lists.
    train_features = [sentence_features(text) for _, text, _ in train_rows]
    labels = np.array([label for _, _, label in train_rows])
    sentence_ids = [sid for sid, _, _ in train_rows]
    decisions = held_out_decisions(train_features, labels, sentence_ids, params)
    latest = debate_folds(sentence_ids, params["folds"]) == params["folds"] - 1
    threshold = pick_threshold(labels, decisions, latest)
    precision, recall, f1, _ = precision_recall_fscore_support(
        labels, decisions >= threshold, average="binary"
    )

    all_rows = train_rows + dev_rows
    all_features = train_features + [sentence_features(text) for _, text, _ in dev_rows]
    vocabulary = _vocabulary(all_features, params["min_df"])
    model = _classifier(params["C"]).fit(
        _design_matrix(all_features, vocabulary), np.array([label for _, _, label in all_rows])
    )
    weights = {
        feature: round(float(w), params["decimals"])
        for feature, w in zip(vocabulary, model.coef_[0], strict=True)
        if round(float(w), params["decimals"]) != 0.0
    }
    return {
        "feature_version": FEATURE_VERSION,
        # Shifted so that sigmoid(decision) >= 0.5 exactly when decision >= threshold.
        "bias": round(float(model.intercept_[0]) - threshold, 6),
        "meta": {
            "model": "logistic regression over words, masked word-class n-grams and char n-grams",
            "data_origin": DATA_ORIGIN,
            "data_licence": DATA_LICENCE,
            "trained_on": dt.datetime.now(dt.UTC).date().isoformat(),
            "params": params,
            "rows": {"train": len(train_rows), "dev": len(dev_rows)},
            "held_out_debates": {
                "threshold": round(threshold, 6),
                "f1": round(float(f1), 4),
                "precision": round(float(precision), 4),
                "recall": round(float(recall), 4),
                "f1_latest_fold": round(f1_at(labels[latest], decisions[latest], threshold), 4),
            },
        },
        "weights": weights,
    }


def write_model(model: dict, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    # Sorted keys and fixed rounding: the same data always gives the same bytes.
    out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--C", type=float, default=DEFAULTS["C"])
    parser.add_argument("--min-df", type=int, default=DEFAULTS["min_df"])
    parser.add_argument("--folds", type=int, default=DEFAULTS["folds"])
    args = parser.parse_args(argv)
    params = {**DEFAULTS, "C": args.C, "min_df": args.min_df, "folds": args.folds}

    model = train(args.data_dir, params)
    write_model(model, args.out)
    held_out = model["meta"]["held_out_debates"]
    print(
        f"trained on {model['meta']['rows']} sentences with {params}\n"
        f"held-out debates ({params['folds']} folds of Sentence_id): F1 {held_out['f1']:.3f} "
        f"(P {held_out['precision']:.3f}, R {held_out['recall']:.3f}; latest debates "
        f"F1 {held_out['f1_latest_fold']:.3f}) at decision threshold {held_out['threshold']:+.3f}\n"
        f"wrote {args.out}: {len(model['weights'])} weights, {args.out.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main()
