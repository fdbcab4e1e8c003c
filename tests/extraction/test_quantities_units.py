"""Units and scales after a number: speeds, masses, scale suffixes after a space."""

from __future__ import annotations

import pytest

from claims.extraction.quantities import find_quantities


def described(text: str) -> list[tuple[float | None, str | None, str]]:
    return [(q.value, q.unit, q.kind) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("the train ran at 90 kmph", "kilometre per hour"),
        ("the train ran at 90 km/hr", "kilometre per hour"),
        ("the train ran at 90 kilometres an hour", "kilometre per hour"),
        ("the train ran at 90 kilometers per hour", "kilometre per hour"),
        ("the wind blew at 90 miles an hour", "mile per hour"),
        ("the wind blew at 90 miles per hour", "mile per hour"),
        ("the wind blew at 90 mph", "mile per hour"),
    ],
)
def test_speeds_however_written_are_one_unit(text: str, unit: str) -> None:
    assert described(text) == [(90, unit, "dimension")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Greenland lost 2,300 gigatonnes of ice", "gigatonne"),
        ("Greenland lost 2,300 gigatons of ice", "gigatonne"),
        ("a bomb of 2,300 megatonnes", "megatonne"),
        ("a bomb of 2,300 kilotons", "kilotonne"),
    ],
)
def test_large_masses_are_dimensions_not_counts(text: str, unit: str) -> None:
    assert described(text) == [(2300, unit, "dimension")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("- 3 k", -3e3),  # a sign apart from the figure only at the start
        ("a loss of 3 k", 3e3),
        ("a loss of $ 2.5 MM", 2.5e6),
        ("a loss of 4.2 T", 4.2e12),
        ("a loss of 4.2 B", 4.2e9),
        ("a loss of 7 M", 7e6),
    ],
)
def test_scale_suffixes_after_a_space(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he bought 3 T-shirts", 3),  # a hyphenated word, not a scale
        ("a 5 m wall", 5),  # lower case m is metres
        ("a 5 t truck", 5),
    ],
)
def test_a_spaced_letter_that_is_no_scale_keeps_the_figure(text: str, expected: float) -> None:
    assert [q.value for q in find_quantities(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a pen that is 10 " long', [(10, "inch", "dimension")]),
        ('a 12 " pipe', [(12, "inch", "dimension")]),
        ('he said "it cost 10" and left', [(10, None, "number")]),
        ('"we have 3" she said', [(3, None, "number")]),
    ],
)
def test_a_straight_quote_is_an_inch_only_apart_and_before_a_word(
    text: str, expected: list
) -> None:
    assert described(text) == expected
