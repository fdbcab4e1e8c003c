"""Score sentence segmentation on the shared data, as ``shared/data/README.md`` describes.

- golden rules: share of ``segmentation/golden_rules_en.json`` cases split exactly right;
- debate boundaries: consecutive lines of one speaker in ``segmentation/debates_train/*.tsv``
  are joined by a space, each line end is a gold boundary, and predicted boundaries are the
  span ends; precision, recall and F1 are micro-averaged over all turns. The end of a turn is
  left out on both sides: every segmenter finds it, and counting it would flatter the score
  (with it left out, pysbd scores recall 0.936 as in the README's reference figures).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from claims.extraction.segmentation import segment
from claims.extraction.types import Span

Segmenter = Callable[[str], list[Span]]


def score_golden_rules(data_dir: Path, segmenter: Segmenter = segment) -> dict:
    cases = json.loads((Path(data_dir) / "segmentation" / "golden_rules_en.json").read_text())
    failures = []
    for index, case in enumerate(cases):
        text = case["text"]
        found = [text[span.start : span.end] for span in segmenter(text)]
        if found != case["sentences"]:
            failures.append({"index": index, "expected": case["sentences"], "found": found})
    total = len(cases)
    correct = total - len(failures)
    return {
        "correct": correct,
        "total": total,
        "accuracy": correct / total if total else 0.0,
        "failures": failures,
    }


def debate_turns(data_dir: Path) -> Iterator[tuple[str, set[int]]]:
    """Yield (joined text, gold boundary offsets inside it) for every speaker turn."""
    for path in sorted((Path(data_dir) / "segmentation" / "debates_train").glob("*.tsv")):
        speaker, lines = None, []
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 3 or not row[2].strip():
                    continue
                if row[1] != speaker and lines:
                    yield _join(lines)
                    lines = []
                speaker = row[1]
                lines.append(row[2].strip())
        if lines:
            yield _join(lines)


def _join(lines: list[str]) -> tuple[str, set[int]]:
    boundaries, offset = set(), 0
    for line in lines:
        offset += len(line)
        boundaries.add(offset)
        offset += 1
    text = " ".join(lines)
    boundaries.discard(len(text))
    return text, boundaries


def score_debate_boundaries(data_dir: Path, segmenter: Segmenter = segment) -> dict:
    """Boundary precision, recall and F1 inside turns; ``f1_with_turn_ends`` also counts the
    end of every turn, which any segmenter gets right, for comparison."""
    true_positives = false_positives = false_negatives = turns = 0
    for text, gold in debate_turns(data_dir):
        found = {span.end for span in segmenter(text)}
        found.discard(len(text))
        true_positives += len(found & gold)
        false_positives += len(found - gold)
        false_negatives += len(gold - found)
        turns += 1
    precision = _ratio(true_positives, true_positives + false_positives)
    recall = _ratio(true_positives, true_positives + false_negatives)
    return {
        "turns": turns,
        "gold_boundaries": true_positives + false_negatives,
        "precision": precision,
        "recall": recall,
        "f1": _f1(true_positives, false_positives, false_negatives),
        "f1_with_turn_ends": _f1(true_positives + turns, false_positives, false_negatives),
    }


def _f1(true_positives: int, false_positives: int, false_negatives: int) -> float:
    precision = _ratio(true_positives, true_positives + false_positives)
    recall = _ratio(true_positives, true_positives + false_negatives)
    return _ratio(2 * precision * recall, precision + recall)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0
