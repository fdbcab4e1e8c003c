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


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("one in twelve adults smoke", "one in twelve", 1 / 12),
        ("One in five of Britain's charities", "One in five", 0.2),
        ("1 in 4 people agreed", "1 in 4", 0.25),
        ("three out of twenty adults", "three out of twenty", 0.15),
        ("3 out of 10 voters", "3 out of 10", 0.3),
    ],
)
def test_one_in_five_and_three_out_of_twenty_are_shares(
    text: str, surface: str, value: float
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.kind) == (surface, "ratio")
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How about more than 2 in 5", ["more than 2", "5"]),  # no word after: no share
        ("records less than 3000 in 2009", ["less than 3000"]),  # a year
        ("killed 12 in 2 attacks", ["12", "2"]),  # more than the whole
        ("it opens at 5 in the morning", ["5"]),
    ],
)
def test_in_between_figures_that_make_no_share(text: str, expected: list[str]) -> None:
    assert [q.text for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 hundred and 7 hundred", [500, 700]),
        ("two thousand and three thousand", [2000, 3000]),
        ("one hundred and two hundred people", [100, 200]),
        ("three hundred and twenty-five", [325]),
        ("one hundred and five million", [105e6]),
    ],
)
def test_a_scale_after_and_belongs_to_the_figure_before_it(
    text: str, expected: list[float]
) -> None:
    assert [q.value for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("over half voters backed it", "over half", 0.5),
        ("almost half respondents said so", "almost half", 0.5),
        ("more than half", "more than half", 0.5),
        ("under half of them", "under half", 0.5),
    ],
)
def test_half_after_a_qualifier_is_a_share(text: str, surface: str, value: float) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.value) == (surface, value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("eggs at 30 cents a dozen", "30 cents", 30),
        ("eggs at thirty cents a dozen", "thirty cents", 30),
        ("eggs at 50 pence a dozen", "50 pence", 50),
        ("eggs at 10 dollars a dozen", "10 dollars", 10),
    ],
)
def test_a_price_a_dozen_takes_no_dozen_as_cents(text: str, surface: str, value: float) -> None:
    money = [q for q in find_quantities(text) if q.kind == "currency"]
    assert [(q.text, q.value) for q in money] == [(surface, value)]


@pytest.mark.parametrize(
    ("text", "value"),
    [("three dozen eggs", 36), ("5 doz. eggs", 60), ("half a dozen eggs", 6), ("a dozen eggs", 12)],
)
def test_dozen_is_a_multiplier(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        (
            "three million, two hundred & forty, you say?",
            "three million, two hundred & forty",
            3_000_240,
        ),
        ("one thousand, five hundred people", "one thousand, five hundred", 1500),
        (
            "three thousand, two hundred and twelve votes",
            "three thousand, two hundred and twelve",
            3212,
        ),
        ("two billion, three hundred million, forty thousand", None, 2_300_040_000),
    ],
)
def test_a_comma_after_a_magnitude_goes_on_with_a_smaller_group(
    text: str, surface: str | None, value: float
) -> None:
    (quantity,) = find_quantities(text)
    assert quantity.value == value
    assert surface is None or quantity.text == surface


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a million, two million", [1_000_000, 2_000_000]),
        ("In 2010, two million, mostly women, left", [2_000_000]),
        ("one thousand, 500 of them", [1000, 500]),
    ],
)
def test_a_comma_before_no_smaller_group_of_words_ends_the_number(
    text: str, expected: list
) -> None:
    assert [q.value for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("one hundred & five", 105), ("two hundred & forty", 240), ("a thousand & one nights", 1001)],
)
def test_an_ampersand_joins_number_words_as_and_does(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("two point five million", 2_500_000),
        ("one point two billion people", 1_200_000_000),
        ("three point five thousand", 3500),
        ("seven point two five", 7.25),
    ],
)
def test_a_magnitude_after_spoken_decimals_scales_the_whole(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("A baker's dozen is thirteen.", "A baker's dozen", 13),
        ("He bought a bakers dozen of rolls.", "a bakers dozen", 13),
        ("They ordered a baker\u2019s dozen doughnuts.", "a baker\u2019s dozen", 13),
        ("She brought two baker's dozens of bagels.", "two baker's dozens", 26),
        ("a square dozen is a lot of eggs", "a square dozen", 144),
        ("She ordered two square dozen eggs.", "two square dozen", 288),
    ],
)
def test_bakers_and_square_dozens_are_counts(text: str, surface: str, value: float) -> None:
    assert [(q.text, q.value) for q in find_quantities(text)][:1] == [(surface, value)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The shop sold a gross of pencils.", "a gross", 144),
        ("We bought three gross of screws.", "three gross", 432),
        ("They shipped 5 gross of buttons.", "5 gross", 720),
        ("half a gross of pencils", "half a gross", 72),
        ("A gross is 144 items.", "A gross", 144),
        ("One gross equals twelve dozen.", "One gross", 144),
    ],
)
def test_gross_as_a_noun_counts_144(text: str, surface: str, value: float) -> None:
    assert [(q.text, q.value) for q in find_quantities(text)][:1] == [(surface, value)]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("It was a gross violation of the rules.", []),
        ("a gross exaggeration of the facts", []),
        ("It was a gross abuse of powers.", []),
        ("two gross errors were made", [2]),
        ("The film had a gross of $5 million.", [5e6]),
        ("They earned $5 million gross of sales.", [5e6]),
        ("They earned 5 million gross of expenses.", [5e6]),
        ("They earned $5m gross of fees.", [5e6]),
        ("gross domestic product rose 3%", [3]),
    ],
)
def test_gross_as_an_adjective_or_earnings_counts_nothing(text: str, values: list) -> None:
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("a one-in-ten chance", "one-in-ten", 0.1),
        ("one-in-five adults smoke", "one-in-five", 0.2),
        ("a 1-in-20 risk", "1-in-20", 0.05),
        ("two-in-three voters", "two-in-three", 2 / 3),
        ("a one-in-a-million chance", "one-in-a-million", 1e-6),
        ("one-in-twenty-five", "one-in-twenty-five", 0.04),
    ],
)
def test_a_hyphened_one_in_ten_is_a_share(text: str, surface: str, value: float) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.kind) == (surface, "ratio")
    assert quantity.value == pytest.approx(value)


def test_a_one_in_two_out_rule_is_no_share() -> None:
    assert [q.kind for q in find_quantities("pledging a one-in-two-out rule")] != ["ratio"]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It cost 1'234'567 CHF.", 1_234_567),
        ("It cost CHF 1\u2019234.50.", 1234.5),
        ("a fee of CHF 12'500", 12_500),
        ("3'000 people came", 3000),
    ],
)
def test_swiss_apostrophes_group_thousands(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


def test_feet_and_inches_in_primes_are_no_grouping() -> None:
    assert [q.unit for q in find_quantities("He is 5'11\" tall")] == ["foot"]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("It cost \u20ac1.234.567.", "\u20ac1.234.567", 1_234_567),
        ("It cost \u20ac1.234.567,50.", "\u20ac1.234.567,50", 1_234_567.5),
        ("It cost 1,234,567 euros.", "1,234,567 euros", 1_234_567),
    ],
)
def test_a_full_stop_after_a_grouped_figure_makes_no_code(
    text: str, surface: str, value: float
) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text)] == [(surface, value, "EUR")]


def test_a_phone_number_ending_a_sentence_is_still_a_code() -> None:
    found = find_quantities("Call 1-888-373-7888.")
    assert [q.value for q in found] == [1, 888, 373, 7888]
