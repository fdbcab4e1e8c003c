"""The quantity scorer: value recall, value+unit recall where the gold has a unit."""

from __future__ import annotations

import json
from pathlib import Path

from claims.extraction.evaluate.quantities import score_quantities, score_quantulum_file
from claims.extraction.types import Quantity


def _spec(folder: Path, name: str, cases: list[tuple[str, str, str, dict]]) -> None:
    specs = []
    for text, surface, type_name, resolution in cases:
        start = text.index(surface)
        result = {"Text": surface, "TypeName": type_name, "Resolution": resolution}
        specs.append(
            {
                "Input": text,
                "Results": [{**result, "Start": start, "End": start + len(surface) - 1}],
            }
        )
    (folder / f"{name}.dev.json").write_text(json.dumps(specs), encoding="utf-8")


def _data(tmp_path: Path) -> Path:
    folder = tmp_path / "quantities"
    folder.mkdir(exist_ok=True)
    _spec(
        folder,
        "CurrencyModel",
        [
            ("it cost $5 then", "$5", "currency", {"value": "5", "unit": "Dollar"}),
            (
                "it cost C$7 then",
                "C$7",
                "currency",
                {"value": "7", "unit": "Canadian dollar", "isoCurrency": "CAD"},
            ),
        ],
    )
    _spec(
        folder,
        "DimensionModel",
        [("a 3 meter wall", "3 meter", "dimension", {"value": "3", "unit": "Meter"})],
    )
    _spec(folder, "NumberModel", [("I saw 4 cats", "4", "number", {"value": "4"})])
    return tmp_path


def _finder(units: dict[str, str | None]):
    def find(text: str) -> list[Quantity]:
        found = []
        for surface, unit in units.items():
            if surface in text:
                start = text.index(surface)
                value = float("".join(c for c in surface if c.isdigit()))
                found.append(Quantity(start, start + len(surface), surface, value, unit=unit))
        return found

    return find


def test_value_and_unit_recall_counts_only_gold_results_with_a_unit(tmp_path: Path) -> None:
    finder = _finder({"$5": "USD", "C$7": "AUD", "3 meter": "metre", "4": None})
    result = score_quantities(_data(tmp_path), finder)
    assert result["recall"] == 1.0  # every value is found
    assert (result["unit_found"], result["unit_gold"]) == (2, 3)  # the Canadian dollar is not
    assert result["files"]["CurrencyModel"]["unit_misses"][0]["gold"] == "C$7"


def test_a_plain_dollar_is_scored_as_usd_and_a_meter_as_a_metre(tmp_path: Path) -> None:
    right = score_quantities(_data(tmp_path), _finder({"$5": "USD", "3 meter": "metre"}))
    wrong = score_quantities(_data(tmp_path), _finder({"$5": "AUD", "3 meter": "foot"}))
    assert right["files"]["CurrencyModel"]["unit_found"] == 1
    assert right["files"]["DimensionModel"]["unit_recall"] == 1.0
    assert wrong["unit_found"] == 0


def _score_quantulum(tmp_path, cases):
    path = tmp_path / "quantulum3_quantities.json"
    rows = [{"req": req, "res": [{"value": v, "unit": u, "surface": s}]} for req, v, u, s in cases]
    path.write_text(json.dumps(rows), encoding="utf-8")
    return score_quantulum_file(path)


def test_quantulum3s_count_words_are_scored_as_counts(tmp_path):
    # quantulum3 keeps "dozen" as the unit (1 dozen); the parser reads the multiplier (12).
    report = _score_quantulum(
        tmp_path,
        [
            ("I bought a dozen eggs", 1.0, "dozen", "a dozen"),
            ("She sold three dozen roses", 3.0, "dozen", "three dozen"),
            ("We ordered 5 dozen rolls", 5.0, "dozen", "5 dozen"),
        ],
    )
    assert (report["found"], report["gold"]) == (3, 3)


def test_quantulum3s_other_units_are_compared_as_they_are(tmp_path):
    report = _score_quantulum(
        tmp_path,
        [
            ("It weighs 12 kg", 1.0, "kilogram", "12 kg"),
            ("It weighs 12 kg", 12.0, "kilogram", "12 kg"),
        ],
    )
    assert (report["found"], report["gold"]) == (1, 2)
