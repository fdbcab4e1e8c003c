"""Train the check-worthiness model and write ``data/checkworthiness.json``.

    python -m claims.extraction.train_checkworthiness DATA_DIR [--out PATH]

DATA_DIR holds ``checkworthy/train.tsv`` and ``checkworthy/dev.tsv`` (CLEF CheckThat! 2024
Task 1, English). Needs the ``train`` extra (scikit-learn, numpy); the runtime scorer does not.
The decision threshold is picked on the two sets of sentences that nothing was fitted on and
that come latest: the last fifth of train.tsv's debates (a contiguous block of Sentence_id, which
numbers the debates in order), held out of the teacher and of the student, and
``checkworthy/devtest.tsv`` (later debates still), where DATA_DIR has it. devtest gives that one
number and nothing else; the weights never see it.

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


def pick_threshold(later_sets) -> float:
    """The decision threshold that maximises the sum of the F1s on ``later_sets``, pairs of
    ``(labels, decisions)`` on sentences that no model of ours was fitted on.

    The scorer runs on text later than its training data, and later debates want a lower
    threshold than earlier ones: the later the set, the better it says where the threshold
    belongs. Candidates are quantiles of all the sets' decisions.
    """
    import numpy as np

    every = np.concatenate([decisions for _, decisions in later_sets])
    candidates = np.unique(np.quantile(every, np.linspace(0.3, 0.95, 521)))
    objective = sum(_f1_curve(labels, decisions, candidates) for labels, decisions in later_sets)
    return float(candidates[int(np.argmax(objective))])


def _f1_curve(labels, decisions, candidates):
    """F1 of the "Yes" class at each candidate threshold."""
    import numpy as np

    predicted = np.asarray(decisions)[None, :] >= np.asarray(candidates)[:, None]
    true_positives = (predicted & np.asarray(labels)[None, :]).sum(1)
    return 2 * true_positives / np.maximum(predicted.sum(1) + np.sum(labels), 1)


def cross_fitted_f1(latest, devtest, splits: int = 200, seed: int = 0) -> float:
    """An estimate of devtest F1 at a threshold devtest did not pick: devtest is cut in two
    halves (stratified by label) ``splits`` times; the threshold picked on the latest debates
    and one half is scored on the other half, both ways round; the mean of those F1s.

    Half of devtest calibrates worse than all of it, so this leans low.
    """
    import numpy as np

    labels, decisions = devtest
    rng = np.random.default_rng(seed)
    scores = []
    for _ in range(splits):
        in_a = np.zeros(len(labels), dtype=bool)
        for group in (np.flatnonzero(labels), np.flatnonzero(~labels)):
            in_a[rng.choice(group, len(group) // 2, replace=False)] = True
        for pick, score in ((in_a, ~in_a), (~in_a, in_a)):
            threshold = pick_threshold([latest, (labels[pick], decisions[pick])])
            scores.append(f1_at(labels[score], decisions[score], threshold))
    return float(np.mean(scores))


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
    """Fit on train + dev (+ the teacher's unlabelled sentences); the threshold comes from the
    latest debates of train held out and from devtest, where DATA_DIR has it."""
    import numpy as np

    train_rows = read_checkworthy_tsv(data_dir / "checkworthy" / "train.tsv")
    dev_rows = read_checkworthy_tsv(data_dir / "checkworthy" / "dev.tsv")
    devtest_path = data_dir / "checkworthy" / "devtest.tsv"
    devtest_rows = read_checkworthy_tsv(devtest_path) if devtest_path.is_file() else []
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
    latest = debate_folds(sentence_ids, params["folds"]) == params["folds"] - 1

    model, vocabulary = _fit(
        train_features + [sentence_features(text) for _, text, _ in dev_rows] + extra[0],
        train_targets + _targets(dev_rows, teacher, params["gold_share"]) + extra[1],
        params,
    )
    # The older folds' debates are in the teacher's training data, so only the latest fold and
    # devtest are sentences that neither the teacher nor the student was fitted on.
    later_sets = [(labels[latest], decisions[latest])]
    if devtest_rows:
        devtest = (
            np.array([label for _, _, label in devtest_rows]),
            model.decision_function(
                _design_matrix([sentence_features(t) for _, t, _ in devtest_rows], vocabulary)
            ),
        )
        later_sets.append(devtest)
    threshold = pick_threshold(later_sets)

    weights = {
        feature: round(float(w), params["decimals"])
        for feature, w in zip(vocabulary, model.coef_[0], strict=True)
        if round(float(w), params["decimals"]) != 0.0
    }
    rows = {"train": len(train_rows), "dev": len(dev_rows)}
    if teacher is not None:
        rows["teacher_labelled_unlabelled"] = len(extra_texts)
    meta = {
        "model": "logistic regression over words, masked word-class n-grams and char n-grams",
        "data_origin": DATA_ORIGIN,
        "data_licence": DATA_LICENCE,
        "teacher": teacher_meta,
        "trained_on": dt.datetime.now(dt.UTC).date().isoformat(),
        "params": params,
        "rows": rows,
        "threshold_picked_on": "the latest fifth of train.tsv's debates, held out"
        + (", and devtest.tsv" if devtest_rows else ""),
        "held_out_debates": {
            "threshold": round(threshold, 6),
            **_scores(labels, decisions, threshold),
            "f1_latest_fold": round(f1_at(labels[latest], decisions[latest], threshold), 4),
        },
    }
    if devtest_rows:
        meta["devtest"] = {
            **_scores(*devtest, threshold),
            "f1_cross_fitted": round(cross_fitted_f1(later_sets[0], devtest), 4),
        }
    return {
        "feature_version": FEATURE_VERSION,
        # Shifted so that sigmoid(decision) >= 0.5 exactly when decision >= threshold.
        "bias": round(float(model.intercept_[0]) - threshold, 6),
        "meta": meta,
        "weights": weights,
    }


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
        f"(P {held_out['precision']:.3f}, R {held_out['recall']:.3f}; latest debates "
        f"F1 {held_out['f1_latest_fold']:.3f}) at decision threshold {held_out['threshold']:+.3f}\n"
        f"wrote {args.out}: {len(model['weights'])} weights, {args.out.stat().st_size:,} bytes"
    )
    if "devtest" in model["meta"]:
        devtest = model["meta"]["devtest"]
        print(
            f"devtest at that threshold: F1 {devtest['f1']:.3f} (P {devtest['precision']:.3f}, "
            f"R {devtest['recall']:.3f}); at thresholds picked on one half of it, scored on the "
            f"other half: F1 {devtest['f1_cross_fitted']:.3f}"
        )


if __name__ == "__main__":
    main()
