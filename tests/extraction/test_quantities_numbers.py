"""Numbers: digits in any grouping, and figures in dotted chains that are no numbers."""

from __future__ import annotations

import pytest

from claims.extraction.quantities import find_quantities


def values(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a bill of 12,50,000 rupees", 1_250_000),
        ("a bill of Rs 1,00,000", 100_000),
        ("a fund of 3,25,00,000 INR", 32_500_000),
        ("a crowd of 1,50,000 people", 150_000),
    ],
)
def test_indian_grouping_in_lakhs_and_crores(text: str, value: float) -> None:
    assert [v for _, v, _ in values(text)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a price of 1.234.567,89 \u20ac", 1_234_567.89),
        ("a weight of 1.234,5 kg", 1_234.5),
        ("a crowd of 1.234.567 people", 1_234_567),
        ("a sum of 3 400 000,5", 3_400_000.5),
        ("a sum of 3\u202f400\u202f000,5", 3_400_000.5),
        ("a sum of 3\u00a0400\u00a0000,5 \u20ac", 3_400_000.5),
    ],
)
def test_dots_and_spaces_group_thousands_before_a_decimal_comma(text: str, value: float) -> None:
    assert [v for _, v, _ in values(text)] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.5 tonnes", 1_234.5),
        ("1.5 million", 1.5e6),
        ("prices of 1.234", 1.234),  # one dot and three digits: an English decimal
    ],
)
def test_english_grouping_and_decimals_are_unchanged(text: str, expected: float) -> None:
    assert [v for _, v, _ in values(text)] == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "the router at 192.168.1.1 failed",
        "10.0.0.1 is the gateway",
        "version 2.4.1 ships today",
        "see section 4.2.1 below",
    ],
)
def test_dotted_chains_are_never_split_into_decimals(text: str) -> None:
    assert values(text) == []
