"""Ranges: ranks, operators written apart, verbs that compare."""

from __future__ import annotations

import pytest

from claims.extraction.quantities import find_quantities


def bounds(text: str) -> list[tuple[str, float | None, float | None, bool, bool]]:
    return [
        (q.text, q.low, q.high, q.low_inclusive, q.high_inclusive) for q in find_quantities(text)
    ]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("from the third to the fifth", "from the third to the fifth"),
        ("between the 3rd and the 5th", "between the 3rd and the 5th"),
        ("seats from the third to the fifth row", "from the third to the fifth"),
        ("from the 3rd through the 5th", "from the 3rd through the 5th"),
    ],
)
def test_ranges_of_ranks(text: str, surface: str) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.kind) == (surface, "ordinal")
    assert (quantity.low, quantity.high, quantity.low_inclusive, quantity.high_inclusive) == (
        3,
        5,
        True,
        False,
    )


def test_two_ranks_without_from_or_between_stay_two() -> None:
    assert [q.text for q in find_quantities("the third and the fifth")] == ["third", "fifth"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("when < = 30", ("< = 30", None, 30, False, True)),
        ("when x > = 5", ("> = 5", 5, None, True, False)),
        ("when y = < 7", ("= < 7", None, 7, False, True)),
        ("when x >= 10", (">= 10", 10, None, True, False)),
    ],
)
def test_comparison_operators_written_apart(text: str, expected: tuple) -> None:
    assert bounds(text) == [expected]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("exports exceeded 1,000", "exceeded 1,000"),
        ("exports surpassed 1,000", "surpassed 1,000"),
        ("exports topped 1,000", "topped 1,000"),
        ("women outnumbered 1,000", "outnumbered 1,000"),
    ],
)
def test_verbs_that_compare_make_a_lower_bound(text: str, surface: str) -> None:
    assert bounds(text) == [(surface, 1000, None, False, False)]


def test_top_as_an_adjective_is_no_bound() -> None:
    assert bounds("the top 10 countries") == [("10", 10, 10, True, True)]


def test_at_most_or_exactly_are_two_parts() -> None:
    assert bounds("at most 5 or exactly 9") == [
        ("at most 5", None, 5, False, True),
        ("exactly 9", 9, 9, True, True),
    ]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The number range is 1000 ~ 5000", "1000 ~ 5000"),
        ("The number range is 1000~5000", "1000~5000"),
        ("The number range is 1000 ~5000", "1000 ~5000"),
    ],
)
def test_a_tilde_between_figures_is_a_range_spaced_or_not(text: str, surface: str) -> None:
    assert bounds(text) == [(surface, 1000, 5000, True, False)]


def test_a_tilde_before_a_lone_figure_is_about() -> None:
    (quantity,) = find_quantities("it is ~ 30")
    assert (quantity.text, quantity.qualifier) == ("~ 30", "about")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The number is between 20 and 30 inclusive", "between 20 and 30 inclusive"),
        ("from 20 to 30 inclusive.", "from 20 to 30 inclusive"),
        ("20 to 30, inclusive", "20 to 30, inclusive"),
        ("ages 20-30 (inclusive)", "20-30 (inclusive)"),
    ],
)
def test_a_range_said_inclusive_closes_both_ends(text: str, surface: str) -> None:
    assert bounds(text) == [(surface, 20, 30, True, True)]


def test_up_to_and_including_is_an_upper_bound_that_holds_it() -> None:
    assert bounds("up to and including 30") == [("up to and including 30", None, 30, False, True)]


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("30 or larger", "30 or larger", 30, None),
        ("people aged 65 and older", "65 and older", 65, None),
        ("a score of 50 or better", "50 or better", 50, None),
        ("it weighs 30 kg at the very least", "30 kg at the very least", 30, None),
        ("children aged 18 and under", "18 and under", None, 18),
        ("5 and below", "5 and below", None, 5),
        ("it is 30 at most", "30 at most", None, 30),
        ("groups of 10 or smaller", "10 or smaller", None, 10),
    ],
)
def test_a_bound_written_after_the_figure_includes_it(
    text: str, surface: str, low: float | None, high: float | None
) -> None:
    assert bounds(text) == [(surface, low, high, low is not None, high is not None)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("I've got 100 or so places", "100 or so", 100),
        ("at a depth of 600 feet or so", "600 feet or so", 600),
        ("a town of 3,000 or thereabouts", "3,000 or thereabouts", 3000),
    ],
)
def test_or_so_after_the_figure_makes_it_approximate(text: str, surface: str, value: float) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.value, quantity.qualifier) == (surface, value, "about")
    assert (quantity.low, quantity.high) == (None, None)


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("they appeared far older than 18", "far older than 18", "more_than"),
        ("a wall taller than 3 metres", "taller than 3 metres", "more_than"),
        ("people younger than 30", "younger than 30", "less_than"),
        ("a rope shorter than 5 feet", "shorter than 5 feet", "less_than"),
    ],
)
def test_comparative_adjectives_bound_the_figure(text: str, surface: str, qualifier: str) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.qualifier) == (surface, qualifier)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("1,000 to 2000", 1000, 2000),
        ("from 1,500 - 2010", 1500, 2010),
        ("1,000 \u2013 2020", 1000, 2020),
    ],
)
def test_a_figure_grouped_in_thousands_makes_its_partner_no_year(
    text: str, low: float, high: float
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.low, quantity.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("a $5-6 million deal", "$5-6 million", 5e6, 6e6, "USD"),
        ("it costs \u00a33-4bn", "\u00a33-4bn", 3e9, 4e9, "GBP"),
        ("worth $5 to 6 million", "$5 to 6 million", 5e6, 6e6, "USD"),
        ("tickets at \u20ac20-30 each", "\u20ac20-30", 20, 30, "EUR"),
    ],
)
def test_an_amount_of_money_and_a_bare_figure_make_a_range_of_money(
    text: str, surface: str, low: float, high: float, unit: str
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.low, quantity.high, quantity.unit) == (surface, low, high, unit)
    assert quantity.kind == "currency"


def test_after_a_verb_of_change_money_and_a_figure_stay_two() -> None:
    assert [q.text for q in find_quantities("it rose from $5 to 6")] == ["$5", "6"]


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("minimum 20 people", "minimum 20", "at_least"),
        ("a minimum 10-year sentence", "a minimum 10-year", "at_least"),
        ("a maximum 5 years", "a maximum 5 years", "at_most"),
        ("Maximum 3 guests", "Maximum 3", "at_most"),
    ],
)
def test_minimum_and_maximum_without_of_bound_the_figure(
    text: str, surface: str, qualifier: str
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.qualifier) == (surface, qualifier)


def _figures(text: str) -> list[tuple[str, float | None, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "Output fell from 3 million tonnes to 2.5 million.",
            [("3 million tonnes", 3e6, "tonne"), ("2.5 million", 2.5e6, "tonne")],
        ),
        ("Prices rose from $5 to 7.", [("$5", 5, "USD"), ("7", 7, "USD")]),
        (
            "The dose was cut from 40 to 20 mg.",
            [("40", 40, "milligram"), ("20 mg", 20, "milligram")],
        ),
        (
            "Inflation jumped from 10 to 14 per cent.",
            [("10", 10, "percent"), ("14 per cent", 14, "percent")],
        ),
        (
            "Exports dropped from 40,000 to 35,000 barrels a day.",
            [
                ("40,000", 40_000, "barrel per day"),
                ("35,000 barrels a day", 35_000, "barrel per day"),
            ],
        ),
    ],
)
def test_after_a_verb_of_change_both_figures_take_the_unit(text: str, figures: list) -> None:
    assert _figures(text) == figures


@pytest.mark.parametrize(
    ("text", "figures"),
    [
        (
            "Sales grew from 2 to 3 million units.",
            [("2", 2e6, "units"), ("3 million", 3e6, "units")],
        ),
        (
            "The population rose from 1.2 to 1.4 billion.",
            [("1.2", 1.2e9, None), ("1.4 billion", 1.4e9, None)],
        ),
        (
            "Debt climbed from about 900 to 1,100 billion euros.",
            [("about 900", 9e11, "EUR"), ("1,100 billion euros", 1.1e12, "EUR")],
        ),
        (
            "Its debt rose from 250 million to 315 million.",
            [("250 million", 2.5e8, None), ("315 million", 3.15e8, None)],
        ),
        (
            "The toll rose from 1,200 to 3 million.",
            [("1,200", 1200, None), ("3 million", 3e6, None)],
        ),
    ],
)
def test_after_a_verb_of_change_a_bare_left_figure_takes_the_magnitude(
    text: str, figures: list
) -> None:
    assert _figures(text) == figures


def test_without_from_a_change_shares_nothing() -> None:
    # "rose 2 to 3 million" may be "by 2, to 3 million": no "from" says both are levels.
    assert _figures("Sales rose 2 to 3 million.") == [("2", 2, None), ("3 million", 3e6, None)]


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Support was 5%-10%.", "5%-10%", 5, 10),
        ("20%-30% of voters", "20%-30%", 20, 30),
        ("rates of 2.5%-3.5%", "2.5%-3.5%", 2.5, 3.5),
        ("It was 5\u00b0-10\u00b0 warmer.", "5\u00b0-10\u00b0", 5, 10),
    ],
)
def test_a_hyphen_after_a_percent_or_degree_sign_is_a_dash(
    text: str, surface: str, low: float, high: float
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.low, quantity.high) == (surface, low, high)


@pytest.mark.parametrize(
    ("text", "values"),
    [("it fell 5% -10% or more", [5, -10]), ("growth of 3% (-2% in 2020)", [3, -2])],
)
def test_a_minus_apart_from_the_percent_sign_stays_a_sign(text: str, values: list) -> None:
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("She finished between 3rd and 5th place.", "between 3rd and 5th", 3, 5),
        ("They ranked from third to fifth place.", "from third to fifth", 3, 5),
        ("from the 3rd to the 5th", "from the 3rd to the 5th", 3, 5),
    ],
)
def test_ranks_make_a_range_with_or_without_the(
    text: str, surface: str, low: float, high: float
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.low, quantity.high, quantity.kind) == (
        surface,
        low,
        high,
        "ordinal",
    )


@pytest.mark.parametrize(
    ("text", "surface", "qualifier", "unit"),
    [
        ("He served 30-plus years.", "30-plus years", "at_least", "year"),
        ("50-plus workers were hired", "50-plus", "at_least", "workers"),
        ("a \u00a330-plus meal", "\u00a330-plus", "at_least", "GBP"),
        ("20-odd people came", "20-odd", "about", "people"),
        ("a $5-odd million fee", "$5-odd million", "about", "USD"),
        ("scores at or above 30", "at or above 30", "at_least", None),
        ("inflation at or below 5%", "at or below 5%", "at_most", "percent"),
        ("above or equal to 30", "above or equal to 30", "at_least", None),
    ],
)
def test_bounds_written_plus_odd_or_at_or_above(
    text: str, surface: str, qualifier: str, unit: str | None
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.qualifier, quantity.unit) == (surface, qualifier, unit)


@pytest.mark.parametrize(("text", "values"), [("\u00a330 plus VAT", [30]), ("30 plus 5", [30, 5])])
def test_a_spaced_plus_adds_and_bounds_nothing(text: str, values: list) -> None:
    quantities = find_quantities(text)
    assert [(q.value, q.qualifier) for q in quantities] == [(v, "exact") for v in values]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The figure fell short of 500.", "short of 500"),
        ("just short of 2,000 people", "just short of 2,000"),
        ("a tally short of $1 million", "short of $1 million"),
    ],
)
def test_short_of_a_figure_is_below_it(text: str, surface: str) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.qualifier, quantity.low) == (surface, "less_than", None)
