"""Score the shipped check-worthiness model on the shared data, as ``shared/data/README.md`` says.

The metric is F1 of the "Yes" class (the official CheckThat! metric), with precision and recall,
at ``CHECKWORTHY_THRESHOLD``, and ROC-AUC (how well the score ranks, whatever the threshold):

- ``held_out_debates``: recorded by the training command, which chose everything on these
  sentences: F1 on whole debates of train.tsv held out of training (five folds pooled), on the
  latest fifth of them (held out of the teacher too), and with each fold cut at the threshold
  the other folds pick;
- ``devtest``: ``checkworthy/devtest.tsv``, later debates that nothing was trained, calibrated
  or chosen on, scored here once, as one more held-out set;
- ``dev``: ``checkworthy/dev.tsv``, which the shipped model is trained on (a sanity figure);
- ``debates_unseen``: the CheckThat! 2019 transcripts in ``segmentation/debates_train/`` whose
  debates are not in the training data. Their labels mark what fact-checkers actually checked
  (about 2.5% of sentences, against 24% "Yes" in training), so F1 there is low by construction;
  it is a cross-topic check of ranking, not comparable with the other figures. Their text (not
  their labels) is among the unlabelled sentences the teacher labels for the student.
"""

from __future__ import annotations

import csv
from pathlib import Path

from claims.extraction.checkworthiness import (
    CHECKWORTHY_THRESHOLD,
    model_meta,
    score_checkworthiness,
)
from claims.extraction.train_checkworthiness import read_checkworthy_tsv

# These 2016 debates are also in the ClaimBuster sentences the model is trained on.
_DEBATES_IN_TRAINING = ("20160926_1pres", "20161010_2pres", "20161019_3pres")


def binary_scores(labels: list[bool], predicted: list[bool]) -> dict:
    true_positives = sum(gold and guess for gold, guess in zip(labels, predicted, strict=True))
    predicted_positives = sum(predicted)
    positives = sum(labels)
    precision = true_positives / predicted_positives if predicted_positives else 0.0
    recall = true_positives / positives if positives else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "f1": round(f1, 4),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "sentences": len(labels),
        "positives": positives,
    }


def roc_auc(labels: list[bool], scores: list[float]) -> float:
    """The chance that a random "Yes" scores above a random "No" (ties count half)."""
    order = sorted(range(len(scores)), key=scores.__getitem__)
    ranks = [0.0] * len(scores)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and scores[order[end + 1]] == scores[order[start]]:
            end += 1
        for index in order[start : end + 1]:
            ranks[index] = (start + end) / 2 + 1  # tied scores share their mean rank
        start = end + 1
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return 0.0
    rank_sum = sum(rank for rank, label in zip(ranks, labels, strict=True) if label)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def _score_sentences(texts: list[str], labels: list[bool]) -> dict:
    scores = score_checkworthiness(texts)
    predicted = [score >= CHECKWORTHY_THRESHOLD for score in scores]
    return {**binary_scores(labels, predicted), "roc_auc": round(roc_auc(labels, scores), 4)}


def _unseen_debate_sentences(data_dir: Path) -> tuple[list[str], list[bool]]:
    texts, labels = [], []
    for path in sorted((data_dir / "segmentation" / "debates_train").glob("*.tsv")):
        if path.stem in _DEBATES_IN_TRAINING:
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) >= 4:
                    texts.append(row[2])
                    labels.append(row[3].strip() == "1")
    return texts, labels


def score_checkworthiness_data(data_dir: Path) -> dict:
    data_dir = Path(data_dir)
    # Measured by the training command on whole debates held out of training.
    meta = model_meta()
    result = {"threshold": CHECKWORTHY_THRESHOLD, "held_out_debates": meta["held_out_debates"]}
    for split in ("devtest", "dev"):
        rows = read_checkworthy_tsv(data_dir / "checkworthy" / f"{split}.tsv")
        result[split] = _score_sentences([r[1] for r in rows], [r[2] for r in rows])
    texts, labels = _unseen_debate_sentences(data_dir)
    if texts:
        result["debates_unseen"] = _score_sentences(texts, labels)
    return result
