"""``python -m claims.extraction.evaluate [DATA_DIR]``: every extraction metric as one table.

Segmentation (golden rules, debate boundaries), quantities (recall per file, overall, ranges
exact), check-worthiness (F1 of "Yes") and claim proposals on labelled news (junk rate, P@5,
AP, recall, share proposed; in sample and with whole articles held out), each computed by its
own module's scorer. A scorer that fails is reported in its row, and the other rows are
still printed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from claims.extraction.evaluate.checkworthiness import score_checkworthiness_data
from claims.extraction.evaluate.news import score_news_proposals
from claims.extraction.evaluate.quantities import score_quantities
from claims.extraction.evaluate.segmentation import score_debate_boundaries, score_golden_rules

Row = tuple[str, str, str]  # metric, value, reference or note

_SCORERS: tuple[tuple[str, Callable[[Path], dict]], ...] = (
    ("segmentation", score_golden_rules),
    ("segmentation", score_debate_boundaries),
    ("quantities", score_quantities),
    ("check-worthiness", score_checkworthiness_data),
    ("news proposals", score_news_proposals),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m claims.extraction.evaluate")
    parser.add_argument("data_dir", nargs="?", type=Path, default=Path("../shared/data"))
    data_dir = parser.parse_args(argv).data_dir
    if not data_dir.is_dir():
        parser.error(f"{data_dir} is not a directory (expected the shared data folder)")
    rows: list[Row] = []
    for section, scorer in _SCORERS:
        rows.append((f"[{section}] {scorer.__name__}", "", ""))
        rows.extend(_run(scorer, data_dir))
    _print_table(rows)
    return 0


def _run(scorer: Callable[[Path], dict], data_dir: Path) -> list[Row]:
    started = time.perf_counter()
    try:
        result = scorer(data_dir)
    except Exception as error:  # a broken scorer must not hide the other metrics
        return [("  failed", "-", f"{type(error).__name__}: {error}")]
    seconds = time.perf_counter() - started
    try:
        rows = list(_FORMATTERS.get(scorer.__name__, _generic)(result))
    except (KeyError, TypeError):
        # The scorer's report changed shape: show every figure it has rather than none.
        rows = list(_generic(result))
    rows.append(("  time", f"{seconds:.1f} s", ""))
    return rows


def _golden_rules(result: dict) -> Iterator[Row]:
    yield ("  golden rules split exactly", f"{result['correct']}/{result['total']}", "pysbd 47/48")


def _debate_boundaries(result: dict) -> Iterator[Row]:
    yield ("  debate boundary F1", _number(result["f1"]), "pysbd 0.964, sentencex 0.988")
    yield ("  debate boundary precision", _number(result["precision"]), "")
    yield ("  debate boundary recall", _number(result["recall"]), "pysbd 0.936")
    if "turns" in result:
        yield ("  turns / gold boundaries", f"{result['turns']} / {result['gold_boundaries']}", "")


def _quantities(result: dict) -> Iterator[Row]:
    for name, scores in result.get("files", {}).items():
        yield (
            f"  recall {name}",
            _number(scores["recall"]),
            f"{scores['found']}/{scores['gold']}, exact {_number(scores.get('exact_recall', 0.0))}",
        )
    yield (
        "  recall overall (dev files)",
        _number(result["recall"]),
        f"{result['found']}/{result['gold']}; quantulum3 0.695",
    )
    yield ("  ranges exact (NumberRangeModel)", _number(result["ranges_exact"]), "quantulum3 0.00")
    if "unit_recall" in result:
        yield (
            "  value+unit recall (Currency, Dimension)",
            _number(result["unit_recall"]),
            f"{result['unit_found']}/{result['unit_gold']}",
        )
    quantulum = result.get("quantulum3")
    if isinstance(quantulum, dict):
        yield (
            "  recall quantulum3_quantities.json",
            _number(quantulum["recall"]),
            f"{quantulum['found']}/{quantulum['gold']}",
        )
    news = result.get("news_false")
    if isinstance(news, dict):
        yield (
            "  false quantities, news dev sample (sentences)",
            _number(news["false_rate"]),
            f"{news['false_sentences']}/{news['sentences']}; {len(news['unchecked'])} unchecked",
        )


def _checkworthiness(result: dict) -> Iterator[Row]:
    # Recorded by the training command, which chose features, weights, calibration and
    # threshold on whole debates of train.tsv held out of training.
    held_out = result.get("held_out_debates")
    if isinstance(held_out, dict):
        yield (
            "  held-out debates F1 (5 folds)",
            _number(held_out["f1"]),
            f"P {_number(held_out['precision'])}, R {_number(held_out['recall'])}",
        )
        yield ("  held-out debates ROC-AUC (5 folds)", _number(held_out["roc_auc"]), "")
        yield (
            "  held-out debates F1, threshold from the other folds",
            _number(held_out["f1_threshold_from_other_folds"]),
            "",
        )
        yield (
            "  latest fifth of debates F1",
            _number(held_out["f1_latest_fold"]),
            f"ROC-AUC {_number(held_out['roc_auc_latest_fold'])}",
        )
    reference = {"devtest": "TF-IDF + LR 0.778"}
    notes = {"devtest": "scored once; chose nothing", "dev": "trained on"}
    for split in ("devtest", "dev", "debates_unseen"):
        scores = result.get(split)
        if not isinstance(scores, dict):
            continue
        yield (f"  {split} F1 (Yes)", _number(scores["f1"]), reference.get(split, ""))
        yield (
            f"  {split} precision / recall",
            f"{_number(scores['precision'])} / {_number(scores['recall'])}",
            f"{scores.get('sentences', '?')} sentences",
        )
        yield (f"  {split} ROC-AUC", _number(scores["roc_auc"]), notes.get(split, ""))
    if "threshold" in result:
        yield ("  threshold (probability)", _number(result["threshold"]), "")


def _news_proposals(result: dict) -> Iterator[Row]:
    targets = {
        "junk_rate": "<= 0.05",
        "p_at_5": ">= 0.90",
        "ap_worth": ">= 0.93",
        "worth_recall": ">= 0.90",
        "sentences_proposed": "<= 0.60",
    }
    dev, held_out = result["dev_in_sample"], result.get("cross_validated") or {}
    nested = result.get("nested_cross_validated") or {}
    for name, target in targets.items():
        cross_validated = _number(held_out[name]) if name in held_out else "-"
        choice_held_out = _number(nested[name]) if name in nested else "-"
        yield (
            f"  {name} (dev in sample / whole articles held out / choice held out too)",
            f"{_number(dev[name])} / {cross_validated} / {choice_held_out}",
            f"target {target}",
        )
    yield ("  proposals / sentences (dev)", f"{dev['proposals']} / {dev['sentences']}", "")
    yield ("  default line (PROPOSAL_THRESHOLD)", _number(result["threshold"]), "")


def _generic(result: object, name: str = "") -> Iterator[Row]:
    """Flatten any nested dict of figures; used for scorers without a dedicated layout."""
    if isinstance(result, dict):
        for key, value in result.items():
            if key in {"failures", "misses", "errors"} and isinstance(value, list | dict):
                yield (f"  {name}{key}", str(len(value)), "listed by the scorer, not here")
                continue
            yield from _generic(value, f"{name}{key} ")
    elif isinstance(result, list | tuple) and not all(isinstance(v, int | float) for v in result):
        yield (f"  {name.strip()}", f"{len(result)} items", "")
    else:
        yield (f"  {name.strip()}", _number(result), "")


_FORMATTERS: dict[str, Callable[[dict], Iterator[Row]]] = {
    "score_golden_rules": _golden_rules,
    "score_debate_boundaries": _debate_boundaries,
    "score_quantities": _quantities,
    "score_checkworthiness_data": _checkworthiness,
    "score_news_proposals": _news_proposals,
}


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _print_table(rows: list[Row]) -> None:
    width = max(len(metric) for metric, _, _ in rows)
    value_width = max(len(value) for _, value, _ in rows)
    for metric, value, note in rows:
        if not value and not note:
            print(f"\n{metric}")
            continue
        line = f"{metric:<{width}}  {value:>{value_width}}"
        print(f"{line}  {note}".rstrip() if note else line)


if __name__ == "__main__":
    sys.exit(main())
