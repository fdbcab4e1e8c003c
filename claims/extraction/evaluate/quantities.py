"""Score quantity extraction on the shared data, as ``shared/data/README.md`` describes.

Recall of gold values whose span overlaps a found quantity with the same value:

- ``quantities/*.dev.json`` (Microsoft Recognizers-Text specs): ``Start``/``End`` are offsets,
  ``End`` inclusive. Percent values are percentage points. ``NumberRangeModel`` values are
  intervals ("[20,30)", "(30,)", "(,100]"): a found quantity matches when its bounds are the
  same; it is *exact* when the open/closed ends of its finite bounds are the same too. Gold
  results without a value (a bare "%" or currency name) cannot be matched by value and are left
  out of the counts.
- ``quantities/quantulum3_quantities.json``: no offsets, so the gold surface is looked up in
  the sentence; quantulum3 gives a range its midpoint, so a found range matches by its
  midpoint. Reported on its own, not in the overall figure.

Units are scored too, where the gold has one: in ``CurrencyModel`` by ISO code (the gold's
``isoCurrency``, or the code its unit name stands for: a plain "Dollar" is USD) and in
``DimensionModel`` by unit name in British spelling ("Meter" is "metre"). A found quantity
with the right value and unit counts for ``value+unit`` recall.

False quantities: on a hand-checked sample of ``news_claims/dev.jsonl`` (every third sentence,
the first 200; ``news_quantities_checked.json``), the share of sentences where a number listed
as no quantity is found as one. Quantities found that the check has not seen are counted as
unchecked, so that a change in what is found is looked at again.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from pathlib import Path

from claims.extraction.quantities import find_quantities
from claims.extraction.types import Quantity

Finder = Callable[[str], list[Quantity]]
_INTERVAL = re.compile(r"([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])")


def score_quantities(data_dir: Path, finder: Finder = find_quantities) -> dict:
    """Recall per ``*.dev.json`` file and overall, ranges exact, and the quantulum3 file."""
    folder = Path(data_dir) / "quantities"
    files: dict[str, dict] = {}
    found_total = gold_total = 0
    for path in sorted(folder.glob("*.dev.json")):
        result = _score_spec_file(path, finder)
        files[path.name.removesuffix(".dev.json")] = result
        found_total += result["found"]
        gold_total += result["gold"]
    ranges = files.get("NumberRangeModel", {})
    unit_found = sum(files[name]["unit_found"] for name in _UNIT_FILES if name in files)
    unit_gold = sum(files[name]["unit_gold"] for name in _UNIT_FILES if name in files)
    report = {
        "recall": _ratio(found_total, gold_total),
        "found": found_total,
        "gold": gold_total,
        "ranges_exact": ranges.get("exact_recall", 0.0),
        "unit_recall": _ratio(unit_found, unit_gold),
        "unit_found": unit_found,
        "unit_gold": unit_gold,
        "files": files,
    }
    quantulum = folder / "quantulum3_quantities.json"
    if quantulum.exists():
        report["quantulum3"] = score_quantulum_file(quantulum, finder)
    news = Path(data_dir) / "news_claims" / "dev.jsonl"
    if news.exists():
        report["news_false"] = score_news_false_quantities(news, finder)
    return report


CHECKED_NEWS = Path(__file__).with_name("news_quantities_checked.json")


def score_news_false_quantities(
    path: Path, finder: Finder = find_quantities, checked_path: Path = CHECKED_NEWS
) -> dict:
    checked = json.loads(Path(checked_path).read_text(encoding="utf-8"))
    sentences = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        for sentence in article["sentences"]:
            sentences[f"{article['public_id']}:{sentence['i']}"] = sentence["text"]
    every, count = checked["sample"]["every"], checked["sample"]["count"]
    sample = list(sentences)[::every][:count]
    wrong = {entry["id"]: entry for entry in checked["not_quantities"]}
    false_sentences, unchecked, with_quantities = [], [], 0
    for key in sample:
        text = sentences[key]
        found = finder(text)
        with_quantities += bool(found)
        spans = _listed_spans(text, wrong[key]) if key in wrong else []
        if any(q.start < end and start < q.end for q in found for start, end in spans):
            false_sentences.append(key)
        accepted = checked["accepted"].get(key, [])
        for quantity in found:
            overlaps = any(quantity.start < end and start < quantity.end for start, end in spans)
            if not overlaps and quantity.text not in accepted:
                unchecked.append({"id": key, "text": quantity.text})
    return {
        "sentences": len(sample),
        "with_quantities": with_quantities,
        "false_sentences": len(false_sentences),
        "false_rate": _ratio(len(false_sentences), len(sample)),
        "false": false_sentences,
        "unchecked": unchecked,
    }


def _listed_spans(text: str, entry: dict) -> list[tuple[int, int]]:
    base = text.find(entry["excerpt"])
    if base < 0:
        return []
    excerpt = entry["excerpt"]
    spans = []
    for surface in entry["surfaces"]:
        position = excerpt.find(surface)
        while position >= 0:
            # Whole figures and words only: "8" is not the 8 of "18".
            before = excerpt[position - 1 : position]
            after = excerpt[position + len(surface) : position + len(surface) + 1]
            if not (before.isalnum() and surface[:1].isalnum()) and not (
                after.isalnum() and surface[-1:].isalnum()
            ):
                spans.append((base + position, base + position + len(surface)))
            position = excerpt.find(surface, position + 1)
    return spans


def _score_spec_file(path: Path, finder: Finder) -> dict:
    found = exact = gold = unit_found = unit_gold = 0
    misses = []
    unit_misses = []
    scores_unit = path.name.removesuffix(".dev.json") in _UNIT_FILES
    for case in json.loads(path.read_text(encoding="utf-8")):
        text = case["Input"]
        quantities = finder(text)
        for result in case["Results"]:
            expected = _gold_value(result)
            if expected is None:
                continue
            gold += 1
            start, end = result["Start"], result["End"] + 1
            candidates = [q for q in quantities if q.start < end and start < q.end]
            if isinstance(expected, tuple):
                matched = [q for q in candidates if _same_bounds(q, expected)]
                exact += any(_same_ends(q, expected) for q in matched)
            else:
                matched = [q for q in candidates if _close(q.value, expected)]
                exact += bool(matched)
            found += bool(matched)
            if not matched:
                misses.append({"input": text, "gold": result["Text"], "value": expected})
            unit = _gold_unit(result) if scores_unit else None
            if unit is not None:
                unit_gold += 1
                if any(_same_unit(q.unit, unit) for q in matched):
                    unit_found += 1
                else:
                    found_units = [q.unit for q in matched] or None
                    unit_misses.append(
                        {"input": text, "gold": result["Text"], "unit": unit, "found": found_units}
                    )
    return {
        "found": found,
        "gold": gold,
        "recall": _ratio(found, gold),
        "exact": exact,
        "exact_recall": _ratio(exact, gold),
        "misses": misses,
        "unit_found": unit_found,
        "unit_gold": unit_gold,
        "unit_recall": _ratio(unit_found, unit_gold),
        "unit_misses": unit_misses,
    }


_UNIT_FILES = ("CurrencyModel", "DimensionModel")
# Currency names the specs give without an ISO code, and the codes they stand for. A name that
# several currencies share stands for any of them ("Franc", "Rupee").
_CURRENCY_NAME_CODES = {
    "dollar": {"USD"},
    "pound": {"GBP"},
    "british pound": {"GBP"},
    "pence": {"GBX"},
    "penny": {"GBX"},
    "cent": {"cent"},
    "franc": {"CHF", "XOF", "XAF", "XPF"},
    "peso": {"MXN", "ARS", "CLP", "COP", "PHP"},
    "krona": {"SEK", "ISK"},
    "krone": {"NOK", "DKK"},
    "shilling": {"KES", "UGX", "TZS"},
    "dinar": {"IQD", "KWD", "JOD", "BHD", "DZD", "TND", "RSD"},
    "rupee": {"INR", "PKR", "LKR", "NPR"},
    "bitcoin": {"BTC"},
    "satoshi": {"satoshi"},
    "sen": {"sen"},
    "euro": {"EUR"},
    "yuan": {"CNY"},
    "yen": {"JPY"},
}
_BRITISH_SPELLING = (("meter", "metre"), ("liter", "litre"), ("metric ton", "tonne"))


def _gold_unit(result: dict) -> frozenset[str] | None:
    """The units a found quantity may carry to match ``result``; None where the gold has none."""
    resolution = result["Resolution"]
    name = (resolution.get("unit") or "").strip()
    if not name or resolution.get("value") in (None, "null"):
        return None
    if result.get("TypeName", "").startswith("currency"):
        iso = resolution.get("isoCurrency")
        if iso:
            return frozenset({iso})
        return frozenset(_CURRENCY_NAME_CODES.get(name.lower(), {name}))
    lowered = name.lower()
    for american, british in _BRITISH_SPELLING:
        lowered = lowered.replace(american, british)
    return frozenset({lowered})


def _same_unit(found: str | None, expected: frozenset[str]) -> bool:
    return found is not None and (found in expected or found.lower() in expected)


def _gold_value(result: dict) -> float | tuple | None:
    raw = result["Resolution"].get("value")
    if raw is None or raw == "null":
        return None
    interval = _INTERVAL.fullmatch(raw.strip())
    if interval:
        opening, low, high, closing = interval.groups()
        return (
            float(low) if low else None,
            float(high) if high else None,
            opening == "[" and bool(low),
            closing == "]" and bool(high),
        )
    return float(raw.rstrip("%"))


def _same_bounds(quantity: Quantity, expected: tuple) -> bool:
    low, high = expected[0], expected[1]
    return _close_or_none(quantity.low, low) and _close_or_none(quantity.high, high)


def _same_ends(quantity: Quantity, expected: tuple) -> bool:
    low, high, low_inclusive, high_inclusive = expected
    if not _same_bounds(quantity, expected):
        return False
    low_ok = low is None or quantity.low_inclusive == low_inclusive
    high_ok = high is None or quantity.high_inclusive == high_inclusive
    return low_ok and high_ok


def score_quantulum_file(path: Path, finder: Finder = find_quantities) -> dict:
    found = gold = 0
    misses = []
    for case in json.loads(Path(path).read_text(encoding="utf-8")):
        text = case["req"]
        quantities = finder(text)
        cursor = 0
        for result in case["res"]:
            position = text.find(result["surface"], cursor)
            if position < 0:
                position = text.find(result["surface"])
            if position < 0 or result.get("value") is None:
                continue
            cursor = position + len(result["surface"])
            gold += 1
            end = position + len(result["surface"])
            candidates = [q for q in quantities if q.start < end and position < q.end]
            expected = float(result["value"]) * _COUNT_UNITS.get(result.get("unit"), 1)
            if any(_close(_point_value(q), expected) for q in candidates):
                found += 1
            else:
                misses.append({"input": text, "gold": result["surface"], "value": result["value"]})
    return {"found": found, "gold": gold, "recall": _ratio(found, gold), "misses": misses}


# quantulum3 keeps a count word as the unit ("a dozen" is 1 dozen); this parser reads it as
# the multiplier it is ("a dozen" is 12, "three dozen" 36), so the gold is compared as a count.
_COUNT_UNITS = {"dozen": 12, "baker's dozen": 13, "gross": 144, "score": 20}


def _point_value(quantity: Quantity) -> float | None:
    if quantity.value is not None:
        return quantity.value
    if quantity.low is not None and quantity.high is not None:
        return (quantity.low + quantity.high) / 2
    return None


def _close(found: float | None, expected: float) -> bool:
    return found is not None and math.isclose(found, expected, rel_tol=1e-6, abs_tol=1e-9)


def _close_or_none(found: float | None, expected: float | None) -> bool:
    if expected is None:
        return found is None
    return _close(found, expected)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0
