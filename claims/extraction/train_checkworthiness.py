"""Train the check-worthiness model and write ``data/checkworthiness.json``.

    python -m claims.extraction.train_checkworthiness DATA_DIR [--out PATH]

DATA_DIR holds ``checkworthy/train.tsv`` and ``checkworthy/dev.tsv`` (CLEF CheckThat! 2024
Task 1, English). Needs the ``train`` extra (scikit-learn, numpy); the runtime scorer does not.
Everything the command chooses, it chooses on whole debates held out of training: train.tsv is
cut into five contiguous blocks of Sentence_id (which numbers the debates in order), each block's
sentences are scored by a model fitted without it, and on those held-out scores the command fits
the calibration (a logistic map from decision value to probability) and picks the threshold that
maximises F1. ``checkworthy/devtest.tsv`` is never read here: ``python -m
claims.extraction.evaluate`` scores it once, as one more held-out set.

The model is distilled from a teacher: a fine-tuned MiniLM (``train_checkworthiness_teacher``)
whose probabilities are stored in ``training/teacher_labels.jsonl.gz``, keyed by a hash of
each sentence. Each training sentence's target is the mean of its gold label and the teacher's
probability, and the sentences of DATA_DIR's debate transcripts and news articles
(``unlabelled_sentences``), which have no check-worthiness labels, are added with the teacher's
probability as their target. The teacher ranks sentences of debates it never saw better than
any linear model over our features, and its soft targets carry some of that into the weights.
``--no-teacher`` trains on the gold labels alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import math
import re
from pathlib import Path

from claims.extraction.checkworthiness import FEATURE_VERSION, MODEL_PATH, sentence_features
from claims.extraction.segmentation import segment

# numpy, scipy and scikit-learn are the optional `train` extra: each function imports what it
# uses, so that importing this module (the tests, the evaluation) needs none of them.

TEACHER_LABELS_PATH = Path(__file__).parent / "training" / "teacher_labels.jsonl.gz"

DATA_ORIGIN = (
    "CLEF CheckThat! 2024 Task 1, English check-worthiness, train.tsv + dev.tsv (sentences from "
    "US presidential debates, from the ClaimBuster data set), as published in the public "
    "repository isyufeng/FactFinders (data/CT24_checkworthy_english_*.tsv)"
)
DATA_LICENCE = "CheckThat! data: research use (licence as stated by the data set)"

# gold_share: the weight of the gold label in a training sentence's target, the teacher's
# probability taking the rest. min_df 6: the teacher's sentences double the vocabulary, and at
# min_df 3 the model held 122,000 weights (2.4 MB) for the same held-out F1 (0.705 against 0.709).
# C 16 and gold_share 0.25, chosen on held-out debates of train.tsv alone: with the mean-pooling
# teacher, F1 on all held-out debates 0.717 and on the latest fifth 0.707, against 0.712 and 0.698
# at C 4 and gold_share 0.5 (both at the threshold that maximises the sum of those two F1s).
DEFAULTS = {"C": 16.0, "min_df": 6, "folds": 5, "decimals": 3, "gold_share": 0.25}

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


def unlabelled_sentences(data_dir: Path) -> list[str]:
    """Sentences without check-worthiness labels that the teacher labels for the student.

    The CheckThat! 2019 debate transcripts (``segmentation/debates_train``: debates and speeches
    of 2016-2017, later than most of train.tsv) and the sentences of the news articles
    (``news/ct22_news330.jsonl``, split by our segmenter), the kind of text the workbench
    scores. Their own labels, where they have any, are not used. Missing files add nothing.
    """
    sentences = []
    for path in sorted((data_dir / "segmentation" / "debates_train").glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3 and len(parts[2].split()) >= 3:
                sentences.append(parts[2])
    news = data_dir / "news" / "ct22_news330.jsonl"
    if news.is_file():
        for line in news.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            for span in segment(text):
                sentence = text[span.start : span.end]
                if 3 <= len(sentence.split()) <= 80:
                    sentences.append(sentence)
    return sentences


def text_key(text: str) -> str:
    """The key of a sentence in the teacher's labels: the texts themselves are not stored."""
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def read_teacher_labels(path: Path) -> tuple[dict, dict[str, float]]:
    """The teacher's description and its probability per sentence key."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        meta = json.loads(next(lines))
        labels = {}
        for line in lines:
            row = json.loads(line)
            labels[row["key"]] = row["p"]
    return meta, labels


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
    return float(_f1_curve(labels, decisions, [threshold])[0])


def pick_threshold(labels, scores, decimals: int = 3) -> float:
    """The threshold, rounded to ``decimals``, that maximises F1 on held-out ``scores``.

    Candidates are the rounded values themselves, so the F1 recorded at the threshold is the
    F1 the shipped scorer gets with it.
    """
    import numpy as np

    candidates = np.unique(np.round(np.asarray(scores, dtype=float), decimals))
    return float(candidates[int(np.argmax(_f1_curve(labels, scores, candidates)))])


def calibrate(labels, decisions) -> tuple[float, float]:
    """``(slope, intercept)`` such that sigmoid(slope * decision + intercept) is the probability
    of "Yes" (Platt scaling), fitted on held-out decisions.

    A model fitted to its own training sentences is overconfident on debates it never saw, and
    the teacher's soft targets shift its scale further; a map fitted on sentences the model did
    not see makes the score the probability it claims to be.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(decisions, dtype=float).reshape(-1, 1)
    fitted = LogisticRegression(C=1e6, max_iter=1000).fit(x, np.asarray(labels))
    return float(fitted.coef_[0][0]), float(fitted.intercept_[0])


def _sigmoid(z):
    import numpy as np

    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def _f1_curve(labels, decisions, candidates):
    """F1 of the "Yes" class at each candidate threshold."""
    import numpy as np

    predicted = np.asarray(decisions)[None, :] >= np.asarray(candidates)[:, None]
    true_positives = (predicted & np.asarray(labels)[None, :]).sum(1)
    return 2 * true_positives / np.maximum(predicted.sum(1) + np.sum(labels), 1)


def _fit(feature_lists, targets, params):
    """A model and its vocabulary, fitted to targets in [0, 1].

    A soft target q is the same features twice: once as a Yes with weight q, once as a No with
    weight 1 - q, which is the cross-entropy against q that logistic regression minimises.
    """
    import numpy as np
    from scipy.sparse import vstack

    vocabulary = _vocabulary(feature_lists, params["min_df"])
    matrix = _design_matrix(feature_lists, vocabulary)
    targets = np.asarray(targets, dtype=float)
    weights = np.concatenate([targets, 1.0 - targets])
    kept = weights > 0.0
    rows = vstack([matrix, matrix]).tocsr()[kept]
    answers = np.concatenate([np.ones(len(targets)), np.zeros(len(targets))])[kept]
    model = _classifier(params["C"]).fit(rows, answers, sample_weight=weights[kept])
    return model, vocabulary


def held_out_decisions(feature_lists, targets, sentence_ids, params, extra=((), ())):
    """Out-of-fold decision values, each fold's model trained without the fold's debates.

    ``extra`` (feature lists, targets) joins the training rows of every fold.
    """
    import numpy as np

    extra_features, extra_targets = extra
    fold = debate_folds(sentence_ids, params["folds"])
    decisions = np.zeros(len(feature_lists))
    for k in range(params["folds"]):
        kept = [fs for fs, f in zip(feature_lists, fold, strict=True) if f != k]
        model, vocabulary = _fit(
            kept + list(extra_features),
            [*np.asarray(targets)[fold != k], *extra_targets],
            params,
        )
        held_out = [fs for fs, f in zip(feature_lists, fold, strict=True) if f == k]
        decisions[fold == k] = model.decision_function(_design_matrix(held_out, vocabulary))
    return decisions


def _targets(rows, teacher: dict[str, float] | None, gold_share: float) -> list[float]:
    """Gold labels, mixed with the teacher's probability where the teacher labelled the text."""
    if teacher is None:
        return [float(label) for _, _, label in rows]
    targets = []
    for _, text, label in rows:
        p = teacher.get(text_key(text))
        targets.append(float(label) if p is None else gold_share * label + (1 - gold_share) * p)
    return targets


def train(data_dir: Path, params: dict, teacher_path: Path | None = TEACHER_LABELS_PATH) -> dict:
    """Fit on train + dev (+ the teacher's unlabelled sentences); calibrate and pick the threshold
    on the debates of train.tsv held out, five folds pooled."""
    import numpy as np

    train_rows = read_checkworthy_tsv(data_dir / "checkworthy" / "train.tsv")
    dev_rows = read_checkworthy_tsv(data_dir / "checkworthy" / "dev.tsv")
    teacher_meta, teacher = read_teacher_labels(teacher_path) if teacher_path else (None, None)
    extra_texts = []
    if teacher is not None:
        extra_texts = [t for t in unlabelled_sentences(data_dir) if text_key(t) in teacher]
    extra = (
        [sentence_features(text) for text in extra_texts],
        [teacher[text_key(text)] for text in extra_texts],
    )
    # Featurised once: every fold and the final fit reuse the lists.
    train_features = [sentence_features(text) for _, text, _ in train_rows]
    labels = np.array([label for _, _, label in train_rows])
    train_targets = _targets(train_rows, teacher, params["gold_share"])
    sentence_ids = [sid for sid, _, _ in train_rows]
    decisions = held_out_decisions(train_features, train_targets, sentence_ids, params, extra)
    fold = debate_folds(sentence_ids, params["folds"])
    slope, intercept = calibrate(labels, decisions)
    held_out = _sigmoid(slope * decisions + intercept)
    threshold = pick_threshold(labels, held_out)

    model, vocabulary = _fit(
        train_features + [sentence_features(text) for _, text, _ in dev_rows] + extra[0],
        train_targets + _targets(dev_rows, teacher, params["gold_share"]) + extra[1],
        params,
    )
    # The calibration folded into the weights and the bias: the runtime scorer's sigmoid is the
    # calibrated probability.
    weights = {}
    for feature, w in zip(vocabulary, model.coef_[0], strict=True):
        rounded = round(float(w) * slope, params["decimals"])
        if rounded != 0.0:
            weights[feature] = rounded
    rows = {"train": len(train_rows), "dev": len(dev_rows)}
    if teacher is not None:
        rows["teacher_labelled_unlabelled"] = len(extra_texts)
    latest = fold == params["folds"] - 1
    meta = {
        "model": "logistic regression over words, masked word-class n-grams, char n-grams and "
        "sentence-level cues, calibrated",
        "data_origin": DATA_ORIGIN,
        "data_licence": DATA_LICENCE,
        "teacher": teacher_meta,
        "trained_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "params": params,
        "rows": rows,
        "threshold": threshold,
        "threshold_picked_on": f"the {params['folds']} folds of train.tsv's debates, held out",
        "calibration": {"slope": round(slope, 6), "intercept": round(intercept, 6)},
        "held_out_debates": {
            **_scores(labels, held_out, threshold),
            "f1_latest_fold": round(f1_at(labels[latest], held_out[latest], threshold), 4),
            "f1_threshold_from_other_folds": round(
                _f1_threshold_from_other_folds(labels, held_out, fold), 4
            ),
            "roc_auc": round(_roc_auc(labels, held_out), 4),
            "roc_auc_latest_fold": round(_roc_auc(labels[latest], held_out[latest]), 4),
            "reliability": _reliability(labels, held_out),
        },
    }
    return {
        "feature_version": FEATURE_VERSION,
        "bias": round(float(model.intercept_[0]) * slope + intercept, 6),
        "meta": meta,
        "weights": weights,
    }


def _f1_threshold_from_other_folds(labels, scores, fold) -> float:
    """F1 over all folds when each fold is cut at the threshold the other folds pick: the
    figure without the slight optimism of picking and scoring on the same sentences."""
    import numpy as np

    predicted = np.zeros(len(labels), dtype=bool)
    for k in np.unique(fold):
        threshold = pick_threshold(labels[fold != k], scores[fold != k])
        predicted[fold == k] = scores[fold == k] >= threshold
    true_positives = float((predicted & labels).sum())
    return 2 * true_positives / max(float(predicted.sum() + labels.sum()), 1.0)


def _roc_auc(labels, scores) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def _reliability(labels, probabilities, bins: int = 5) -> list[dict]:
    """Per probability band of width 1/bins: sentences, mean probability, share of "Yes"."""
    import numpy as np

    band = np.minimum((np.asarray(probabilities) * bins).astype(int), bins - 1)
    table = []
    for b in range(bins):
        inside = band == b
        if inside.any():
            table.append(
                {
                    "band": [b / bins, (b + 1) / bins],
                    "sentences": int(inside.sum()),
                    "mean_probability": round(float(probabilities[inside].mean()), 4),
                    "share_yes": round(float(labels[inside].mean()), 4),
                }
            )
    return table


def _scores(labels, decisions, threshold: float) -> dict:
    predicted = decisions >= threshold
    true_positives = float((predicted & labels).sum())
    return {
        "f1": round(f1_at(labels, decisions, threshold), 4),
        "precision": round(true_positives / max(float(predicted.sum()), 1.0), 4),
        "recall": round(true_positives / max(float(labels.sum()), 1.0), 4),
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
    parser.add_argument("--gold-share", type=float, default=DEFAULTS["gold_share"])
    parser.add_argument(
        "--teacher",
        type=Path,
        default=TEACHER_LABELS_PATH,
        help="the teacher's labels (written by train_checkworthiness_teacher)",
    )
    parser.add_argument("--no-teacher", action="store_true", help="gold labels only")
    args = parser.parse_args(argv)
    params = {
        **DEFAULTS,
        "C": args.C,
        "min_df": args.min_df,
        "folds": args.folds,
        "gold_share": 1.0 if args.no_teacher else args.gold_share,
    }

    model = train(args.data_dir, params, None if args.no_teacher else args.teacher)
    write_model(model, args.out)
    held_out = model["meta"]["held_out_debates"]
    print(
        f"trained on {model['meta']['rows']} sentences with {params}\n"
        f"held-out debates ({params['folds']} folds of Sentence_id): F1 {held_out['f1']:.3f} "
        f"(P {held_out['precision']:.3f}, R {held_out['recall']:.3f}, ROC-AUC "
        f"{held_out['roc_auc']:.3f}; latest debates F1 {held_out['f1_latest_fold']:.3f}, "
        f"ROC-AUC {held_out['roc_auc_latest_fold']:.3f}; threshold from the other folds F1 "
        f"{held_out['f1_threshold_from_other_folds']:.3f}) at probability threshold "
        f"{model['meta']['threshold']:.3f}\n"
        f"wrote {args.out}: {len(model['weights'])} weights, {args.out.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main()
