"""Quantity extraction: golden cases, invariants on any text, speed, and the shared dev data."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import quantities
from claims.extraction.quantities import context, dates, find_quantities, numbers
from claims.extraction.types import QUALIFIERS, QUANTITY_KINDS, Quantity
from tests.extraction.growth import growth_factor

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, found
    return found[0]


def test_seed_more_than_a_million_people() -> None:
    text = "the fighting that has sent more than 1 million people fleeing over Ukraine's borders."
    quantity = only(text)
    assert quantity.text == "more than 1 million"
    assert (quantity.value, quantity.low, quantity.high) == (1e6, 1e6, None)
    assert not quantity.low_inclusive
    assert (quantity.qualifier, quantity.unit, quantity.kind) == ("more_than", "people", "count")


def test_seed_about_one_quarter() -> None:
    text = "a city that accounts for about one-quarter of the country's power generation."
    quantity = only(text)
    assert quantity.text == "about one-quarter"
    assert quantity.value == 0.25
    assert quantity.qualifier == "about"


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("two thirds of voters", "two thirds", 2 / 3),
        ("a dozen eggs", "a dozen", 12),
        ("half a million people", "half a million", 5e5),
        ("one and a half", "one and a half", 1.5),
        ("two and a half million", "two and a half million", 2.5e6),
        ("one billion and a half million", "one billion and a half million", 1.0005e9),
        ("three hundred and twenty-five", "three hundred and twenty-five", 325),
        ("twenty-one trillion", "twenty-one trillion", 21e12),
        ("a hundred thousand", "a hundred thousand", 1e5),
        ("three quarters", "three quarters", 0.75),
        ("one over three", "one over three", 1 / 3),
        ("two out of five", "two out of five", 0.4),
        ("nine point nought four", "nine point nought four", 9.04),
        ("minus five", "minus five", -5),
        ("1,234,567", "1,234,567", 1234567),
        ("-12.5", "-12.5", -12.5),
        ("10k", "10k", 1e4),
        ("1.5bn", "1.5bn", 1.5e9),
        ("2 1/2", "2 1/2", 2.5),
        ("3/4", "3/4", 0.75),
        ("\u00bd", "\u00bd", 0.5),
        ("1.2e3", "1.2e3", 1200),
    ],
)
def test_number_words_fractions_and_digits(text: str, surface: str, value: float) -> None:
    quantity = only(text)
    assert quantity.text == surface
    assert math.isclose(quantity.value, value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$2.5 billion", 2.5e9, "USD"),
        ("\u00a3900m", 9e8, "GBP"),
        ("\u20ac10M", 1e7, "EUR"),
        ("C$ 16.4 million", 16.4e6, "CAD"),
        ("USD 200", 200, "USD"),
        ("528 million francs", 528e6, "CHF"),
        ("five million yen", 5e6, "JPY"),
        ("thirteen dollars and forty-five cents", 13.45, "USD"),
    ],
)
def test_currencies(text: str, value: float, unit: str) -> None:
    quantity = only(text)
    assert quantity.kind == "currency"
    assert quantity.unit == unit
    assert math.isclose(quantity.value, value)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("30 meters", 30, "metre"),
        ("17 km", 17, "kilometre"),
        ("a 3-inch gap", 3, "inch"),
        ("200lbs", 200, "pound"),
        ("two and a half miles", 2.5, "mile"),
        ("190,000 square meters", 190000, "square metre"),
        ("5 ft 2 in", 5 + 2 / 12, "foot"),
        ("200 kilometres per hour", 200, "kilometre per hour"),
        ("for three days", 3, "day"),
    ],
)
def test_dimensions(text: str, value: float, unit: str) -> None:
    quantity = only(text)
    assert quantity.kind == "dimension"
    assert quantity.unit == unit
    assert math.isclose(quantity.value, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("12%", 12), ("12.5 percent", 12.5), ("thirty per cent", 30), ("-5%", -5)],
)
def test_percentages_are_percentage_points(text: str, value: float) -> None:
    quantity = only(text)
    assert (quantity.kind, quantity.unit, quantity.value) == ("percent", "percent", value)


def test_counted_nouns() -> None:
    quantity = only("26 states sued")
    assert (quantity.value, quantity.unit, quantity.kind) == (26, "states", "count")
    assert only("5 new cases").unit == "cases"


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high", "low_inclusive", "high_inclusive"),
    [
        ("more than 20", "more_than", 20, None, False, False),
        ("at least 20", "at_least", 20, None, True, False),
        ("fewer than 20", "less_than", None, 20, False, False),
        ("no more than 20", "at_most", None, 20, False, True),
        ("up to 40", "up_to", None, 40, False, True),
        ("20 or more", "at_least", 20, None, True, False),
        ("exactly 20", "exact", 20, 20, True, True),
        ("20", "exact", 20, 20, True, True),
        ("between 20 and 30", "between", 20, 30, True, False),
        ("from 5 to 10", "between", 5, 10, True, False),
        ("20-30%", "between", 20, 30, True, False),
        ("greater than 100 and less than 300", "between", 100, 300, False, False),
        ("at most 100 and at least 20", "between", 20, 100, True, True),
        ("x >= 30", "at_least", 30, None, True, False),
        ("equal to or greater than 30", "at_least", 30, None, True, False),
        ("between 1000 and 2000", "between", 1000, 2000, True, False),
    ],
)
def test_qualifiers_and_ranges(
    text: str,
    qualifier: str,
    low: float | None,
    high: float | None,
    low_inclusive: bool,
    high_inclusive: bool,
) -> None:
    quantity = only(text)
    assert quantity.qualifier == qualifier
    assert (quantity.low, quantity.high) == (low, high)
    assert (quantity.low_inclusive, quantity.high_inclusive) == (low_inclusive, high_inclusive)


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("nearly 300", "about", 300),
        ("almost 300", "about", 300),
        ("roughly 300", "about", 300),
        ("some 300 people", "about", 300),
        ("just over 300", "more_than", 300),
    ],
)
def test_approximations(text: str, qualifier: str, value: float) -> None:
    quantity = only(text)
    assert (quantity.qualifier, quantity.value) == (qualifier, value)
    assert quantity.text.startswith(text.split()[0])


def test_twenty_to_thirty_million_scales_both_ends() -> None:
    quantity = only("20 to 30 million people")
    assert (quantity.low, quantity.high, quantity.value) == (20e6, 30e6, None)


def test_a_change_is_two_figures_not_a_range() -> None:
    found = find_quantities("Prices rose from 5% to 10% last year.")
    assert [q.value for q in found] == [5, 10]


@pytest.mark.parametrize(
    "text",
    [
        "on 3 March 2022",
        "on March 3, 2022",
        "in 2019",
        "the 2020 elections",
        "dated 2022-03-03",
        "at 10:30",
        "at 2 pm",
        "at 6 P.M.",
        "on 03/04/2021",
        "the 2013-14 season",
        "from 2010 to 2015",
        "an F16 jet",
    ],
)
def test_dates_times_and_years_are_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_year_counts_when_it_counts_things() -> None:
    assert only("2000 people marched").kind == "count"
    assert only("more than 2000").value == 2000


@pytest.mark.parametrize(("text", "value"), [("the third time", 3), ("the 21st round", 21)])
def test_ordinals(text: str, value: float) -> None:
    quantity = only(text)
    assert (quantity.kind, quantity.value) == ("ordinal", value)


@pytest.mark.parametrize("text", ["first of all", "this one is better", "the third quarter"])
def test_words_that_are_not_quantities(text: str) -> None:
    assert all(q.kind == "ordinal" for q in find_quantities(text))
    assert all(q.text not in ("one", "quarter", "first") for q in find_quantities(text))


def test_several_quantities_in_order() -> None:
    text = "In 2021, 45 people paid $10 each, about 12% of 375 members."
    found = find_quantities(text)
    assert [q.text for q in found] == ["45", "$10", "about 12%", "375"]
    assert found[0].unit == "people"
    assert found[3].unit == "members"


NUMBER_LIKE_WORDS = [
    *["1", "12", "1,000", "3.5", "-", "\u2013", "/", ":", "%", "$", "\u00a3", "\u20ac", "k", "m"],
    *["bn", "million", "one", "two", "twenty", "hundred", "half", "quarter", "third", "a", "an"],
    *["and", "or", "to", "more", "than", "less", "at", "least", "between", "from", "over", "out"],
    *["of", "point", "minus", "percent", "dollars", "people", "March", "2019", ".", ",", "(", ")"],
    *["dozen", "fifths", "twenty-first", "thousand", "lakh", "\u00bd", "1/2", "2 1/4", "1.1^23"],
    *["4e14", "5C", "ft", "in", "or more", "or less", "equal to", "~", ">", "<", "=", "+1", "-1"],
    *["2022-03-03", "10:30", "3rd", "first", "seconds", "halves", "1,2", "007", "US$", "10k"],
    "\n",
]


def check_invariants(text: str) -> None:
    found = find_quantities(text)
    previous_end = 0
    for quantity in found:
        assert previous_end <= quantity.start < quantity.end <= len(text)
        assert quantity.text == text[quantity.start : quantity.end]
        assert quantity.qualifier in QUALIFIERS
        assert quantity.kind in QUANTITY_KINDS
        previous_end = quantity.end


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(NUMBER_LIKE_WORDS),
        max_size=30,
    ).flatmap(lambda words: st.sampled_from([" ", "", "-"]).map(lambda sep: sep.join(words)))
)
def test_never_raises_on_number_like_text(text: str) -> None:
    check_invariants(text)


@pytest.mark.parametrize(
    "text", ["6(\u00a5", "1x10^6<\u00a3", "half and dozen", "20 [kg", "one thousand, " * 800]
)
def test_regressions_found_by_fuzzing(text: str) -> None:
    check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    check_invariants(text)


number_like_text = st.lists(st.sampled_from(NUMBER_LIKE_WORDS), max_size=30).flatmap(
    lambda words: st.sampled_from([" ", "", "-"]).map(lambda sep: sep.join(words))
)
figure_lists = st.lists(
    st.sampled_from(["1", "12", "345", "1,000", "3.5", "2022", "7%", "$4", "(5)", ",", "-", "\n"]),
    max_size=20,
).map(" ".join)


@pytest.mark.plain_python
@settings(max_examples=300, deadline=None)
@given(st.one_of(number_like_text, figure_lists))
def test_the_shortcut_for_bare_figures_changes_nothing(text: str) -> None:
    with mock.patch.object(quantities, "_is_plain_figure", return_value=False):
        read_in_full = find_quantities(text)
    assert find_quantities(text) == read_in_full


digits_before_words = st.lists(
    st.sampled_from(
        ["1", "12", "2022", "3.5", "a", "k", "bn", "x", "million", "people", "in", "5"]
    ),
    max_size=12,
).map(" ".join)


@pytest.mark.plain_python
@settings(max_examples=300, deadline=None)
@given(st.one_of(digits_before_words, number_like_text))
def test_the_shortcut_for_digits_before_a_word_changes_nothing(text: str) -> None:
    with mock.patch.object(numbers, "_PLAIN_AFTER_SPACE", frozenset()):
        read_in_full = find_quantities(text)
    assert find_quantities(text) == read_in_full


figures_before_anything = st.lists(
    st.sampled_from(
        [
            *["1", "12", "2022", "000", "\u0663", " ", ",", ".", ")", "%", ";", "\n", '"', "-"],
            *["/", "'", "1'000", "12,50,000", "1.234,5", "\u2019", "\u00a0", "\u00bd", "e", "x"],
            *["^", "k", "K", "M", "T", "B", "G", "b", "m", "People", "people", "hundred", "in"],
            *["Hundred", "out", "of", "and", "a", "baker's", "dozen", "point", "one", "Million"],
            *["over", "s", "th", "\u00b2", "March", "pm"],
        ]
    ),
    max_size=16,
).map("".join)
# A figure, what follows it, and a word or a letter: every shape the shortcut may take.
FIGURE_SHAPES = [
    ["5", "12", "2022", "3.5", "1,000", "-1", "\u0663", "one", "Twenty", "zero", "a third"],
    ["", " ", "  ", ",", ".", "-", "\u2013", " -", " \u2013 ", "'", "\u2019", "/", "^", "\u00a0"],
    ["", "\u202f", ") ", "% ", "\n", "\u00b0"],
    [
        *(chr(code) for code in range(ord("A"), ord("z") + 1)),
        *["1", "000", "\u00bd", "\u00b2", "\u00d7", "people", "Hundred", "in 5 cases", "out of 3"],
        *["and a half", "baker's", "Million", "bn", "MM", "x 10^3", "e5", "th", "1/2", "mil"],
        *["-in-5", "in-5", "e-3", "E+5", "x10^6", "\u00d7 2^3", "mln", "Tn", "BN", "G"],
    ],
    ["", " ", ".", "-", "s", "1"],
]


def _never_lone(*_arguments: object) -> bool:
    return False


@pytest.mark.plain_python
def test_a_lone_figure_is_what_the_tokens_read() -> None:
    lone_figure = numbers._lone_figure
    # The tokens as read in full: _tokens itself takes the shortcut after a first figure.
    with mock.patch.object(numbers, "_lone_figure", new=_never_lone):
        for text in map("".join, itertools.product(*FIGURE_SHAPES)):
            for run in re.finditer(r"\d+|[A-Za-z]+", text):
                digits = run.group().isdigit()
                if not (digits or run.group().lower() in numbers._CARDINAL_WORDS):
                    continue
                if lone_figure(text, run.end(), digits):
                    tokens = numbers._tokens(text, run.start(), run.end() if digits else -1)
                    assert [(tok.start, tok.end) for tok in tokens] == [run.span()], text
                    assert tokens[0].kind in ("digit", "unit", "teen", "tens"), text


figure_then_word = st.tuples(*map(st.sampled_from, FIGURE_SHAPES)).map("".join)


@pytest.mark.plain_python
@settings(max_examples=300, deadline=None)
@given(st.one_of(figure_then_word, figures_before_anything, digits_before_words, number_like_text))
def test_the_shortcut_for_lone_figures_changes_nothing(text: str) -> None:
    with mock.patch.object(numbers, "_lone_figure", return_value=False):
        read_in_full = find_quantities(text)
    assert find_quantities(text) == read_in_full


@settings(max_examples=300, deadline=None)
@given(st.one_of(number_like_text, st.text(alphabet="0123456789-/.+ a\u0663", max_size=80)))
def test_code_chains_counted_outwards_are_what_the_expression_finds(text: str) -> None:
    before, after = context._CODE_CHAIN_WINDOW
    for start in range(len(text)):
        matches = context._CODE_CHAIN.finditer(text, max(0, start - before), start + after)
        expected = any(match.start() <= start < match.end() for match in matches)
        assert context._in_code_chain(text, start) == expected, (text, start)


DATE_LIKE_WORDS = ["1", "12", "2022", " ", "/", ".", ":", "-", "of", "March", "mar", "pm", "A.M."]
date_like_text = st.lists(
    st.sampled_from([*DATE_LIKE_WORDS, "rd", "\u017fep", "x", "\u0663"]),
    max_size=12,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(date_like_text, number_like_text))
def test_the_cheap_test_before_a_date_never_misses_one(text: str) -> None:
    for run in re.finditer(r"\d+", text):
        if dates._DATE_AT.match(text, run.start()):
            assert dates._may_start_date(text, run.start(), run.end()), (text, run.start())


@pytest.mark.plain_python
@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["one", "One", "the", "THE", "someone", "a", "(a", "x", "\u017f", ","]),
        max_size=12,
    ).map(" ".join)
)
def test_the_pronoun_test_before_one_changes_nothing(text: str) -> None:
    with mock.patch.object(context, "_PRONOUN_ONE_ENDINGS", ("",)):  # every text ends so
        read_in_full = find_quantities(text)
    assert find_quantities(text) == read_in_full


@pytest.mark.parametrize(
    "text",
    [
        "." * 10_000,
        "1" * 10_000,
        "1 " * 5_000,
        "1." * 5_000,
        "1-" * 5_000,
        "1,1" * 3_333,
        "1,11" * 2_500,
        "1.111" * 2_000,
        "1.111," * 1_666,
        "1 111,1" * 1_428,
        "one " * 2_500,
        "$1 " * 3_333,
        "half " * 2_000,
        "between 1 and " * 700,
        "more than " * 1_000,
        "(" * 5_000 + ")" * 5_000,
        "one hundred and " * 625,
        "two thirds and " * 666,
        "1/" * 5_000,
        "1e" * 5_000,
        "one thousand, " * 700,
        "a million, two hundred thousand, " * 300,
        "a gallon " * 1_000,
        "5 & " * 2_500,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_adversarial_inputs_take_linear_time(text: str) -> None:
    # Four times the input, at most about four times the work: nothing backtracks or rescans.
    assert growth_factor(find_quantities, text) < 8


needs_shared_data = pytest.mark.skipif(
    not (SHARED_DATA / "quantities").is_dir(),
    reason=f"shared data not found at {SHARED_DATA}",
)


@needs_shared_data
def test_recall_on_the_dev_specs() -> None:
    from claims.extraction.evaluate.quantities import score_quantities

    result = score_quantities(SHARED_DATA)
    assert result["recall"] >= 0.95
    assert result["ranges_exact"] >= 0.90


@pytest.mark.skipif(
    not (SHARED_DATA / "seed").is_dir(), reason=f"shared data not found at {SHARED_DATA}"
)
def test_the_seed_article_yields_its_two_quantities() -> None:
    text = (SHARED_DATA / "seed" / "ukraine-safe-corridors-2022-03-03.txt").read_text()
    by_surface = {quantity.text: quantity for quantity in find_quantities(text)}
    people = by_surface["more than 1 million"]
    assert (people.value, people.low, people.high, people.unit) == (1e6, 1e6, None, "people")
    assert by_surface["about one-quarter"].value == 0.25
    assert not any(q.text.startswith("2022") for q in by_surface.values())
