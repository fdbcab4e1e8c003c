"""Units and scales after a number: speeds, masses, scale suffixes after a space."""

from __future__ import annotations

from unittest import mock

import pytest

from claims.extraction.quantities import find_quantities, units
from claims.extraction.words import ARTICLE_MEASURES


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


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("50 cubic centimeters", "cubic centimetre"),
        ("50 cc", "cubic centimetre"),
        ("50 cm3", "cubic centimetre"),
        ("50 quarts", "quart"),
        ("50 pints", "pint"),
        ("50 fl oz", "fluid ounce"),
        ("50 \u00b5m", "micrometre"),
        ("50 micrometers", "micrometre"),
        ("50 microns", "micrometre"),
        ("50 sq m", "square metre"),
        ("50 sq. km", "square kilometre"),
        ("50 square inches", "square inch"),
        ("50 cubic yards", "cubic yard"),
        ("50 stone", "stone"),
        ("50 light years", "light year"),
        ("50 knots", "knot"),
        ("50 in. long", "inch"),
    ],
)
def test_units_of_length_area_volume_and_mass_beyond_the_common(text: str, unit: str) -> None:
    assert described(text) == [(50, unit, "dimension")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("50 m/s", "metre per second"),
        ("50 km/s", "kilometre per second"),
        ("50 ft/s", "foot per second"),
        ("50 km/ms", "kilometre per millisecond"),
        ("50 metres per second", "metre per second"),
    ],
)
def test_speeds_with_a_unit_after_a_slash(text: str, unit: str) -> None:
    assert described(text) == [(50, unit, "dimension")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a 12 pt font", (12, None)), ("he threw 5 stones", (5, "stones"))],
)
def test_short_words_that_are_no_units_here(text: str, expected: tuple) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == [expected]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("add 2 \u00bd cups", 2.5, "cup"),
        ("add 1 \u00be teaspoons", 1.75, "teaspoon"),
        ("walk 3 \u00bd miles", 3.5, "mile"),
    ],
)
def test_a_figure_and_a_vulgar_fraction_apart_are_one_number(
    text: str, value: float, unit: str
) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(value, unit)]


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("a 5-percent rise", "5-percent"),
        ("a five-percent rise", "five-percent"),
        ("a 5-per cent rise", "5-per cent"),
    ],
)
def test_a_hyphenated_percent_is_a_percentage(text: str, surface: str) -> None:
    assert [(q.text, q.value, q.kind) for q in find_quantities(text)] == [(surface, 5, "percent")]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("he walked half a mile", 0.5, "mile"),
        ("it took half an hour", 0.5, "hour"),
        ("three quarters of a mile away", 0.75, "mile"),
        ("a quarter of an inch thick", 0.25, "inch"),
    ],
)
def test_a_fraction_of_a_unit_is_a_measure(text: str, value: float, unit: str) -> None:
    assert [(q.value, q.unit, q.kind) for q in find_quantities(text)] == [
        (value, unit, "dimension")
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("he is 6-foot-3", 6.25),
        ("she is 5'11\" tall", 5 + 11 / 12),
        ("she is 5\u2032 11\u2033 tall", 5 + 11 / 12),
        ("a 6-foot-10 centre", 6 + 10 / 12),
    ],
)
def test_feet_and_inches_written_short(text: str, value: float) -> None:
    (quantity,) = find_quantities(text)
    assert quantity.unit == "foot"
    assert quantity.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("it took an hour and a half", "an hour and a half", 1.5, "hour"),
        ("a mile and a half away", "a mile and a half", 1.5, "mile"),
        ("a year and a quarter later", "a year and a quarter", 1.25, "year"),
    ],
)
def test_a_unit_and_a_fraction_of_it(text: str, surface: str, value: float, unit: str) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text)] == [(surface, value, unit)]


def test_a_thing_and_a_half_that_is_no_unit_stays_a_share() -> None:
    assert [(q.text, q.value) for q in find_quantities("a cake and a half")] == [("a half", 0.5)]


@pytest.mark.parametrize(
    ("text", "surface", "unit", "kind"),
    [
        ("I want a gallon of beer", "a gallon", "gallon", "dimension"),
        ("Oh look, a penny!", "a penny", "GBX", "currency"),
        ("A kibibyte is a lot of bits", "A kibibyte", "kibibyte", "dimension"),
        ("they bought an acre of land", "an acre", "acre", "dimension"),
        ("the ice is more than a mile thick", "more than a mile", "mile", "dimension"),
        ("he wanted a square mile of forest", "a square mile", "square mile", "dimension"),
        ("it cost them a dollar", "a dollar", "USD", "currency"),
    ],
)
def test_a_measure_after_the_article_a_is_one_of_it(
    text: str, surface: str, unit: str, kind: str
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.value, quantity.unit, quantity.kind) == (surface, 1, unit, kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("petrol costs $3 a gallon", [("$3", 3, "USD")]),
        ("apples at 30 cents a pound", [("30 cents", 30, "cent")]),
        ("apples at thirty cents a pound", [("thirty cents", 30, "cent")]),
        ("diesel at 10 GBP a litre", [("10 GBP", 10, "GBP")]),
    ],
)
def test_a_after_an_amount_means_per_and_counts_no_measure(text: str, expected: list) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "twice a day and once a year",
        "she has a degree in economics",
        "a bit more than expected",
        "a foot in the door",
        "they read the gas meter, a meter in the hall",
        "I have a yen for travel",
    ],
)
def test_a_before_a_time_or_a_word_that_is_more_often_no_measure(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a 2 L bottle", 2),
        ("from 3 to 4 L of wine", None),
        ("the tank holds 40 L", 40),
    ],
)
def test_a_capital_l_is_a_litre(text: str, value: float | None) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.value, quantity.unit) == (value, "litre")


@pytest.mark.parametrize("text", ["part 24703 L-202", "order 51 M-12 now", "the 10 T-72 tanks"])
def test_a_letter_apart_and_joined_to_a_figure_is_a_code_not_a_unit(text: str) -> None:
    assert [q.unit for q in find_quantities(text)][:1] == [None]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("A kibibyte is exactly 8x2^10 bits", "exactly 8x2^10 bits", 8192),
        ("a culture of 3 \u00d7 2^4 cells", "3 \u00d7 2^4", 48),
        ("about 5x10^3 people", "about 5x10^3", 5000),
        ("a rate of 6.23 x 10-4", "6.23 x 10-4", 0.000623),
    ],
)
def test_a_figure_times_a_power(text: str, surface: str, value: float) -> None:
    found = [(q.text, q.value) for q in find_quantities(text)]
    assert (surface, pytest.approx(value)) in found


@pytest.mark.parametrize("noun", ARTICLE_MEASURES)
def test_every_measure_the_article_counts_is_a_known_unit(noun: str) -> None:
    article = "an" if noun[0] in "aeiou" else "a"
    (quantity,) = find_quantities(f"they had {article} {noun} of it")
    assert (quantity.value, quantity.kind) in ((1, "dimension"), (1, "currency"))


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("the 5,000-square-foot house", "5,000-square-foot", "square foot"),
        ("a 20-cubic-metre tank", "20-cubic-metre", "cubic metre"),
        ("a 300-square-mile reserve", "300-square-mile", "square mile"),
    ],
)
def test_a_unit_of_several_words_joined_by_hyphens(text: str, surface: str, unit: str) -> None:
    assert [(q.text, q.unit) for q in find_quantities(text)] == [(surface, unit)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("a 12 V battery", "volt"),
        ("mains at 240 volts", "volt"),
        ("a 500 mA charger", "milliampere"),
        ("tyres at 30 psi", "pound per square inch"),
        ("a 200 hp engine", "horsepower"),
        ("noise of 85 dB", "decibel"),
        ("2,000 kcal", "kilocalorie"),
        ("air at 101 kPa", "kilopascal"),
    ],
)
def test_electrical_energy_pressure_and_sound_units(text: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text)] == [unit]


@pytest.mark.parametrize("text", ["Chelsea 3 v 2 Arsenal", "the 3 Ma", "a 2 ma deal"])
def test_letters_that_are_units_only_in_their_own_case(text: str) -> None:
    assert all(q.unit is None for q in find_quantities(text))


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("a density of 5 g/cm3", "gram per cubic centimetre"),
        ("over 100 \u00b5g/m3", "microgram per cubic metre"),
        ("10 kg/m\u00b2", "kilogram per square metre"),
    ],
)
def test_a_rate_per_a_squared_or_cubed_unit(text: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text)] == [unit]


@pytest.mark.parametrize(
    "text", ["he is 5 ft. 2 in. tall", "he is 5 ft 2 in tall", "5 ft. and 2 in."]
)
def test_feet_and_inches_with_abbreviation_dots(text: str) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.unit, quantity.value) == ("foot", pytest.approx(5 + 2 / 12))


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("a 100 Mb line", "megabit"),
        ("8 Gb per chip", "gigabit"),
        ("1 Tb of traffic", "terabit"),
        ("a 100 MB file", "megabyte"),
        ("8 GB of RAM", "gigabyte"),
        ("the size is 100 mb", "megabyte"),
    ],
)
def test_a_small_b_after_a_capital_prefix_is_a_bit(text: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text)] == [unit]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("There are over 570m farms in the world.", "over 570m", 570e6, "farms"),
        ("About 3m people lost their jobs.", "About 3m", 3e6, "people"),
        ("It hosted 1.5m Ukrainian refugees.", "1.5m", 1.5e6, "refugees"),
        ("They reported 2m new cases.", "2m", 2e6, "cases"),
        ("The rocks formed 40m years ago.", "40m years", 40e6, "year"),
        ("Ice covered 5.7m sq km.", "5.7m sq km", 5.7e6, "square kilometre"),
        ("The harvest was 2m tonnes of grain.", "2m tonnes", 2e6, "tonne"),
        ("Egypt spends 700m EGP a year.", "700m EGP", 700e6, "EGP"),
    ],
)
def test_an_attached_m_before_a_plural_or_a_unit_is_a_million(
    text: str, surface: str, value: float, unit: str
) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.text, quantity.value, quantity.unit) == (surface, value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "He is 2m tall.",
        "They built a 2m fence.",
        "It has 2m high walls.",
        "She won the 400m hurdles.",
        "He won the 200m finals.",
        "The water was 2m deep.",
        "The 100m GBR relay team won.",
    ],
)
def test_an_attached_m_stays_metres_elsewhere(text: str) -> None:
    units = [q.unit for q in find_quantities(text)]
    assert units == ["metre"]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("3m-4m people", 3e6, 4e6),
        ("between 2m and 3m people", 2e6, 3e6),
        ("2m to 3m visitors", 2e6, 3e6),
        ("a 2m-3m wall", 2, 3),
    ],
)
def test_both_ends_of_a_range_in_m_are_read_alike(text: str, low: float, high: float) -> None:
    (quantity,) = find_quantities(text)
    assert (quantity.low, quantity.high) == (low, high)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("Glaciers lost 270 Gt of ice.", "270 Gt", "gigatonne"),
        ("Emissions were 36.8 GtCO2 in 2022.", "36.8 GtCO2", "gigatonne"),
        ("Soils hold 10 GtC of carbon.", "10 GtC", "gigatonne"),
        ("The plant emits 3 Mt of CO2.", "3 Mt", "megatonne"),
        ("The country emitted about 50 MtCO2 last year.", "about 50 MtCO2", "megatonne"),
        ("Britain used 300 TWh of power.", "300 TWh", "terawatt hour"),
        ("a 5 GWh battery", "5 GWh", "gigawatt hour"),
    ],
)
def test_tonnes_and_watt_hours_with_a_capital_prefix(text: str, surface: str, unit: str) -> None:
    assert [(q.text, q.unit) for q in find_quantities(text)] == [(surface, unit)]


@pytest.mark.parametrize("text", ["They cut 5 mt of steel.", "The ship made 30 kt."])
def test_small_prefixed_tonnes_are_no_tonnes(text: str) -> None:
    # "mt" is no symbol; "kt" is as often knots as kilotonnes.
    (quantity,) = find_quantities(text)
    assert "tonne" not in (quantity.unit or "")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("ten percent of two hundred", [("ten percent", 10), ("two hundred", 200)]),
        ("twenty per cent of ninety voters", [("twenty per cent", 20), ("ninety", 90)]),
        ("a 10 percent of fifty", [("10 percent", 10), ("fifty", 50)]),
        ("percent of 10", [("percent of 10", 10)]),
        ("it grew by per cent of 210", [("per cent of 210", 210)]),
    ],
)
def test_percent_of_a_figure_is_the_percent_only_without_its_own_figure(
    text: str, found: list
) -> None:
    assert [(q.text, q.value) for q in find_quantities(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "one appears to be wearing a coat",
        "it is all in how one counts the money",
        "every single one represents a failure",
        "depending where one looks",
        "only 1 remains in hospital",
    ],
)
def test_a_verb_after_one_is_no_counted_noun(text: str) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(1, None)]


@pytest.mark.parametrize(
    ("text", "unit"),
    [("1 million people", "people"), ("one dozen eggs", "eggs"), ("one in five adults", "adults")],
)
def test_a_plural_after_a_number_larger_than_one_still_counts(text: str, unit: str) -> None:
    assert [q.unit for q in find_quantities(text)] == [unit]


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("The car does 40 mpg.", "40 mpg", 40, "mile per gallon"),
        ("Output is 500,000 bpd.", "500,000 bpd", 500_000, "barrel per day"),
        ("Exports of 40 bcm of gas.", "40 bcm", 40e9, "cubic metre"),
        ("Reserves of 10 tcf.", "10 tcf", 10e12, "cubic foot"),
        ("Blood sugar of 100 mg/dL.", "100 mg/dL", 100, "milligram per decilitre"),
        ("It hit 40\u00baC.", "40\u00baC", 40, "degree Celsius"),
        ("Turn 90\u00ba left.", "90\u00ba", 90, "degree"),
        ("It rose 1.5 degrees C.", "1.5 degrees C", 1.5, "degree Celsius"),
        ("It rose 2.7 degrees F.", "2.7 degrees F", 2.7, "degree Fahrenheit"),
    ],
)
def test_units_of_energy_health_and_weather_news(
    text: str, surface: str, value: float, unit: str
) -> None:
    assert [(q.text, q.value, q.unit) for q in find_quantities(text)] == [(surface, value, unit)]


def test_capital_dl_is_no_decilitre() -> None:
    assert [q.unit for q in find_quantities("the 5 DL players")] != ["decilitre"]


@pytest.mark.plain_python
def test_the_cheap_test_before_a_unit_misses_none() -> None:
    """Every unit, in other cases, with a dot, a hyphen or a word after, written after an
    amount, is read as when every word may start a unit."""
    surfaces = {"AUD$", "NZD$", "MGBP", "KUSD", "MGBP.", "KUSD-linked", "GtCO2", "nonsense"}
    for unit in units.UNITS:
        surfaces.update({unit, unit.upper(), unit.title(), f"{unit}.", f"{unit}-based"})
    texts = [
        f"{amount}{surface}{tail}"
        for surface in surfaces
        for amount in ("5 ", "5", "$5 ", "2m ")
        for tail in ("", " of oil.")
    ]
    with mock.patch.object(units, "_may_lead_unit", return_value=True):
        read_in_full = [find_quantities(text) for text in texts]
    assert [find_quantities(text) for text in texts] == read_in_full


def test_percent_signs_and_words_start_with_a_character_the_cheap_test_lets_through() -> None:
    tails = ("", "ercent", "er cent", "ct", "ercentage points", "per cent")
    starts = {
        chr(code)
        for code in range(0x10000)
        if not 0xD800 <= code < 0xE000
        and any(units._PERCENT_AFTER.match(chr(code) + tail) for tail in tails)
    }
    assert starts - {" ", "\u00a0"} <= units._PERCENT_INITIALS
    assert [
        quantity.kind for quantity in find_quantities("5 Per cent, 6\u00a0PCT, 7 -percent")
    ] == ["percent"] * 3
