"""Currencies: which one a sign, a code or a name stands for, and the amount it covers."""

from __future__ import annotations

import pytest

from claims.extraction.quantities import find_quantities


def money(text: str) -> list[tuple[str, float, str | None]]:
    return [(q.text, q.value, q.unit) for q in find_quantities(text) if q.kind == "currency"]


@pytest.mark.parametrize(
    "text",
    [
        "They signed a $12 million contract",
        "A $12 million contract was signed",
        "It is a $ 12 million contract",
        "an $12 million deal, as a typo has it",
    ],
)
def test_the_article_a_before_a_dollar_sign_is_no_australian_prefix(text: str) -> None:
    assert [unit for _, _, unit in money(text)] == ["USD"]
    assert money(text)[0][1] == 12e6


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the country music ' s $ 500 million man", "USD"),  # "s $" after an apostrophe
        ("aid worth U.S $ 7 billion", "USD"),
        ("aid worth U.S. $7 billion", "USD"),
        ("aid worth US$ 7 billion", "USD"),
        ("aid worth US $7 billion", "USD"),
        ("it cost us $7 billion", "USD"),  # the pronoun, lower case
        ("a bond of c $ 16.4 million", "CAD"),
        ("a bond of C$16.4 million", "CAD"),
        ("a fare of A$ 5", "AUD"),
        ("a fare of NZ$20", "NZD"),
        ("a fare of HK $ 30", "HKD"),
        ("a fare of S$30", "SGD"),
    ],
)
def test_a_dollar_sign_is_us_dollars_unless_a_country_prefix_marks_another(
    text: str, code: str
) -> None:
    assert [unit for _, _, unit in money(text)] == [code]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a ticket for AUD$ 75", "AUD"),
        ("a ticket for NZD$ 20", "NZD"),
        ("a ticket for CAD$15", "CAD"),
        ("a ticket for SGD$ 9", "SGD"),
    ],
)
def test_an_iso_code_written_before_a_dollar_sign_names_the_dollar(text: str, code: str) -> None:
    assert [unit for _, _, unit in money(text)] == [code]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the bill was $20 Australian dollars", "AUD"),
        ("the bill was $20 million Canadian dollars", "CAD"),
        ("the bill was $20 New Zealand dollars", "NZD"),
        ("the bill was $20 US dollars", "USD"),
    ],
)
def test_a_dollar_named_after_the_amount_says_which_dollar_the_sign_was(
    text: str, code: str
) -> None:
    assert [unit for _, _, unit in money(text)] == [code]


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("it costs 80元 here", 80, "CNY"),
        ("it costs 9 \u20be here", 9, "GEL"),
        ("it costs 3 \u20bf here", 3, "BTC"),
        ("it costs \u20be9 here", 9, "GEL"),
        ("it costs \u20bf 0.5 here", 0.5, "BTC"),
        ("it costs 250 \u20ab here", 250, "VND"),
    ],
)
def test_currency_signs_beyond_the_common_five(text: str, value: float, code: str) -> None:
    assert [(amount, unit) for _, amount, unit in money(text)] == [(value, code)]


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("a fine of 250 million swedish kronor", 250e6, "SEK"),
        ("a fine of 250 million Swedish crowns", 250e6, "SEK"),
        ("a fine of 40 Norwegian kroner", 40, "NOK"),
        ("a fine of 5,000 South African rand", 5000, "ZAR"),
        ("a fine of 20 New Zealand dollars", 20, "NZD"),
        ("a fine of 3 million Hong Kong dollars", 3e6, "HKD"),
        ("a fine of 700 Mexican pesos", 700, "MXN"),
    ],
)
def test_currency_names_with_their_country(text: str, value: float, code: str) -> None:
    assert [(amount, unit) for _, amount, unit in money(text)] == [(value, code)]


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("sales of 7 MGBP", 7e6, "GBP"),
        ("sales of 2 KUSD", 2e3, "USD"),
        ("sales of 40 MEUR", 40e6, "EUR"),
        ("sales of MAUD 60", 60e6, "AUD"),
        ("sales of KUSD 3", 3e3, "USD"),
    ],
)
def test_iso_codes_with_a_thousand_or_million_prefix(text: str, value: float, code: str) -> None:
    assert [(amount, unit) for _, amount, unit in money(text)] == [(value, code)]


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("a coffee for \u20ac30 and 20 cents", 30.2, "EUR"),
        ("a coffee for $5 and 50 cents", 5.5, "USD"),
        ("a coffee for \u00a33 and 5 cents", 3.05, "GBP"),
    ],
)
def test_an_amount_and_its_cents_are_one_amount(text: str, value: float, code: str) -> None:
    assert [(amount, unit) for _, amount, unit in money(text)] == [(value, code)]


def test_between_two_dollar_figures_no_cents_are_read() -> None:
    (quantity,) = find_quantities("between $30 and 40")
    assert (quantity.low, quantity.high, quantity.unit) == (30, 40, "USD")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5 euros and 10 pounds", [("5 euros", 5, "EUR"), ("10 pounds", 10, "GBP")]),
        ("$5 or 10 pounds", [("$5", 5, "USD"), ("10 pounds", 10, "GBP")]),
        ("10 pounds and 5 euros", [("10 pounds", 10, "GBP"), ("5 euros", 5, "EUR")]),
        ("20 dollars, 15 pounds", [("20 dollars", 20, "USD"), ("15 pounds", 15, "GBP")]),
    ],
)
def test_pounds_listed_with_money_are_sterling(text: str, expected: list) -> None:
    assert money(text) == expected


def test_pounds_listed_with_a_weight_stay_a_weight() -> None:
    units = [q.unit for q in find_quantities("it weighs 10 pounds and 5 ounces")]
    assert units == ["pound", "ounce"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10 $ 30 $", [("10 $", 10, "USD"), ("30 $", 30, "USD")]),
        ("5 \u20ac 7 \u20ac", [("5 \u20ac", 5, "EUR"), ("7 \u20ac", 7, "EUR")]),
        ("10$ 20$ 30$", [("10$", 10, "USD"), ("20$", 20, "USD"), ("30$", 30, "USD")]),
    ],
)
def test_signs_written_after_each_amount(text: str, expected: list) -> None:
    assert money(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("10 $5 more", [("$5", 5, "USD")]), ("paid 10 $ 20 for it", [("$ 20", 20, "USD")])],
)
def test_a_sign_between_two_figures_belongs_to_the_second(text: str, expected: list) -> None:
    assert money(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 GBP15 gift cards", [("3", None), ("GBP15", "GBP")]),
        ("2 USD20 vouchers", [("2", None), ("USD20", "USD")]),
        ("4 EUR5 tickets", [("4", None), ("EUR5", "EUR")]),
    ],
)
def test_a_code_attached_to_the_next_figure_is_that_amounts(text: str, expected: list) -> None:
    assert [(q.text, q.unit) for q in find_quantities(text)] == expected


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("buy it for usd 200", 200, "USD"),
        ("buy it for eur 5", 5, "EUR"),
        ("buy it for gbp 350.", 350, "GBP"),
        ("buy it for eur115", 115, "EUR"),
    ],
)
def test_iso_codes_in_lower_case_before_an_amount(text: str, value: float, code: str) -> None:
    assert [(amount, unit) for _, amount, unit in money(text)] == [(value, code)]


@pytest.mark.parametrize("text", ["try 5 times", "a cop 5 minutes away"])
def test_lower_case_words_that_spell_a_code_are_no_currency(text: str) -> None:
    assert money(text) == []


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("it cost twenty euros and ten cents", 20.1, "EUR"),
        ("it cost twenty dollars and ten cents.", 20.1, "USD"),
        ("it cost five dollars and one cent", 5.01, "USD"),
    ],
)
def test_spelled_out_cents_after_a_currency_name(text: str, value: float, code: str) -> None:
    assert [(amount, unit) for _, amount, unit in money(text)] == [(value, code)]


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("a one-dollar bill", "one-dollar", "USD"),
        ("a one-euro coin", "one-euro", "EUR"),
        ("a one-yen bid", "one-yen", "JPY"),
    ],
)
def test_a_one_hyphenated_to_a_currency_is_an_amount(text: str, surface: str, code: str) -> None:
    assert money(text) == [(surface, 1, code)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("It may need one kuai and five mao five.", 1.55),
        ("It costs two yuan and three jiao", 2.3),
        ("It costs 3 kuai 5 mao", 3.5),
        ("It costs one kuai and five mao two fen", 1.52),
    ],
)
def test_yuan_with_its_tenths_and_hundredths_in_words(text: str, value: float) -> None:
    assert [(amount, unit) for _, amount, unit in money(text)] == [(value, "CNY")]


def test_yuan_followed_by_other_words_keep_their_value() -> None:
    assert money("it costs 5 yuan and the rest is free") == [("5 yuan", 5, "CNY")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("it cost \u00a35 and 50p", [("\u00a35 and 50p", 5.5, "GBP")]),
        ("it cost \u00a35 and 50 pence", [("\u00a35 and 50 pence", 5.5, "GBP")]),
        (
            "it cost 5 pounds sterling and 20 pence",
            [("5 pounds sterling and 20 pence", 5.2, "GBP")],
        ),
        ("it cost $5 and 50p", [("$5", 5, "USD"), ("50p", 50, "GBX")]),
        ("it cost 5 dollars and 50 pence", [("5 dollars", 5, "USD"), ("50 pence", 50, "GBX")]),
    ],
)
def test_pence_are_hundredths_of_a_pound_only(text: str, expected: list) -> None:
    assert money(text) == expected


@pytest.mark.parametrize(
    ("text", "surface", "code"),
    [
        ("It costs 5 C$", "5 C$", "CAD"),
        ("tickets at 5 US$ each", "5 US$", "USD"),
        ("about 300 HK$ a night", "about 300 HK$", "HKD"),
        ("5 AUD$ only", "5 AUD$", "AUD"),
        ("20 nzd$ each", "20 nzd$", "NZD"),
    ],
)
def test_a_dollar_sign_with_its_country_written_after_the_amount(
    text: str, surface: str, code: str
) -> None:
    assert [(text, code) for text, _, code in money(text)] == [(surface, code)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("a $3.5-billion deal", "$3.5-billion", 3.5e9),
        ("a \u00a32-million fine", "\u00a32-million", 2e6),
        ("a \u20ac40-million grant", "\u20ac40-million", 4e7),
    ],
)
def test_a_magnitude_hyphenated_to_an_amount(text: str, surface: str, value: float) -> None:
    assert [(text, value) for text, value, _ in money(text)] == [(surface, value)]


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("20 billion lire", 2e10, "ITL"),
        ("150 million pesetas", 1.5e8, "ESP"),
        ("40 million guilders", 4e7, "NLG"),
        ("3 million austrian schillings", 3e6, "ATS"),
        ("100 deutsche marks", 100, "DEM"),
        ("dm 4 billion", 4e9, "DEM"),
        ("DM 100", 100, "DEM"),
        ("50 french francs", 50, "FRF"),
        ("10 belgian francs", 10, "BEF"),
    ],
)
def test_currencies_the_euro_replaced(text: str, value: float, code: str) -> None:
    assert [(value, code) for _, value, code in money(text)] == [(value, code)]


@pytest.mark.parametrize(
    "text", ["she scored 80 marks", "3 question marks", "the length is 12 m 2 dm"]
)
def test_marks_and_decimetres_are_no_money(text: str) -> None:
    assert money(text) == []


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [("20 quid", 20, "GBP"), ("12 hk dollars", 12, "HKD"), ("a tenner, 10 quid", 10, "GBP")],
)
def test_colloquial_and_short_names_of_money(text: str, value: float, code: str) -> None:
    assert [(value, code) for _, value, code in money(text)] == [(value, code)]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("The annual revenue is ($99.99).", "($99.99)", -99.99),
        ("Net income was (\u00a31.2m) in 2019", "(\u00a31.2m)", -1.2e6),
        ("Operating profit: (\u20ac300,000)", "(\u20ac300,000)", -300_000),
    ],
)
def test_money_alone_in_brackets_after_is_or_a_colon_is_negative(
    text: str, surface: str, value: float
) -> None:
    assert [(text, value) for text, value, _ in money(text)] == [(surface, value)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a fine (\u00a3500) was paid", [500]),
        ("it cost \u20ac100 ($110)", [100, 110]),
        ("the winner (\u00a350,000 richer) left", [50_000]),
    ],
)
def test_money_in_brackets_after_a_noun_or_an_amount_explains(text: str, expected: list) -> None:
    assert [value for _, value, _ in money(text)] == expected


@pytest.mark.parametrize(
    ("text", "value", "code"),
    [
        ("It cost RMB 100.", 100, "CNY"),
        ("a deal worth RMB100 million", 100e6, "CNY"),
        ("It was worth Dh 50 million.", 50e6, "AED"),
        ("a Dh50m tower", 50e6, "AED"),
        ("It sells for Dhs 500.", 500, "AED"),
        ("It was worth KSh 200.", 200, "KES"),
        ("a fine of Ksh200,000", 200_000, "KES"),
    ],
)
def test_currency_codes_and_prefixes_beside_the_iso_ones(
    text: str, value: float, code: str
) -> None:
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(value, code)]


@pytest.mark.parametrize("text", ["The DHS 5 report", "dh 5", "KSH 5"])
def test_letters_that_only_look_like_a_currency_prefix(text: str) -> None:
    assert [q.unit for q in find_quantities(text)] == [None]


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("It cost 3 pounds and 10 pence.", "3 pounds and 10 pence", 3.1),
        ("It cost five pounds fifty pence.", "five pounds fifty pence", 5.5),
        ("It cost 2 pounds 50p.", "2 pounds 50p", 2.5),
        ("It cost 3 pounds and 10p.", "3 pounds and 10p", 3.1),
    ],
)
def test_pounds_and_the_pence_after_them_are_one_amount(
    text: str, surface: str, value: float
) -> None:
    assert money(text) == [(surface, value, "GBP")]


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("He weighs 10 pounds and 5 ounces.", ["pound", "ounce"]),
        ("It cost 3 pounds and 150 pence.", ["GBP", "GBX"]),
        ("10 pounds or 50p", ["GBP", "GBX"]),
    ],
)
def test_pounds_and_pence_that_make_no_one_amount(text: str, units: list) -> None:
    assert [q.unit for q in find_quantities(text)] == units
