"""Context: what is not a quantity, and qualifiers that are not there."""

from __future__ import annotations

import pytest

from claims.extraction.quantities import find_quantities


def surfaces(text: str) -> list[str]:
    return [q.text for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She was one of 78 Democrats who voted", ["78"]),
        ("One of the two men fled", ["two"]),
        ("it is one of several options", []),
        ("one of them said so", []),
    ],
)
def test_one_of_is_a_pronoun_not_a_figure(text: str, expected: list[str]) -> None:
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "veterans of World War Two tanks units",
        "the Formula One teams agreed",
        "he flew on Air Force One yesterday",
        "the Apollo Eleven crews landed",
    ],
)
def test_a_spelled_number_in_a_capitalised_name_is_no_quantity(text: str) -> None:
    assert surfaces(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Over Two Million People Flee", ["Over Two Million"]),
        ("Two people died", ["Two"]),
        ("Gaza: Two Children Killed", ["Two"]),
    ],
)
def test_a_capitalised_number_in_a_headline_still_counts(text: str, expected: list[str]) -> None:
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "workers on zero-hour contracts",
        "it is a zero-sum game",
        "zero-emission vehicles are sold",
        "a one-off payment was made",
        "a one-sided debate",
    ],
)
def test_zero_and_one_hyphenated_to_a_word_are_adjectives(text: str) -> None:
    assert surfaces(text) == []


def test_one_hyphenated_to_a_unit_is_still_a_measure() -> None:
    assert [(q.value, q.unit) for q in find_quantities("he served one-year terms")] == [(1, "year")]


@pytest.mark.parametrize(
    "text",
    [
        "patients waited an average of seven days",
        "on average seven days passed",
        "the average of seven days is short",
    ],
)
def test_an_average_is_no_approximation(text: str) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.qualifier, quantity.value) == ("seven days", "exact", 7)
