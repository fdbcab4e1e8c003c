"""Context: what is not a quantity, and qualifiers that are not there."""

from __future__ import annotations

import re
import string
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import quantities
from claims.extraction.quantities import context, dates, find_quantities


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


@pytest.mark.parametrize(
    "text",
    [
        "see https://t.co/3pPss4vRVJ for more",
        "www.example.com/page/12 is down",
        "read http://news.example.org/2019/story-5 today",
    ],
)
def test_figures_in_a_web_address_are_no_quantities(text: str) -> None:
    assert surfaces(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "it declined in the latter half of the 20th century",
        "in the second half of the year",
        "profits in the first quarter of 2020",
        "an area peaked in mid-19th century",
        "the 21st-century economy",
    ],
)
def test_parts_of_periods_and_centuries_are_no_quantities(text: str) -> None:
    assert surfaces(text) == []


def test_a_half_of_something_still_counts() -> None:
    assert surfaces("half of voters agreed") == ["half"]


@pytest.mark.parametrize(
    "text",
    [
        "March 25 \u2013 27, 2012, the team spent",
        "from June 3 - 5 the fair is open",
        "Jan. 10-12 it rained",
    ],
)
def test_the_second_day_of_a_date_range_is_a_date(text: str) -> None:
    assert surfaces(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "claims about trends one way or another",
        "in one form or another it returns",
        "one kind or the other will do",
    ],
)
def test_one_in_an_idiom_is_no_quantity(text: str) -> None:
    assert surfaces(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "third-party communications",
        "a first-class seat",
        "a two-sided fight",
        "a three-pronged attack",
        "four-legged animals",
    ],
)
def test_numbers_hyphenated_to_an_adjective_are_no_quantities(text: str) -> None:
    assert surfaces(text) == []


def test_a_rank_with_a_superlative_stays_an_ordinal() -> None:
    assert [(q.text, q.kind) for q in find_quantities("the third-largest city")] == [
        ("third", "ordinal")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Sea Level Around Florida Is Rising Six Times Faster", ["Six"]),
        ("Why Prices Are Rising Ten Percent", ["Ten Percent"]),
        ("Storm Leaves Town With Three Dead", ["Three"]),
    ],
)
def test_a_number_in_a_title_case_headline_is_no_name(text: str, expected: list[str]) -> None:
    assert surfaces(text) == expected


def test_a_capitalised_unit_word_in_a_name_is_no_unit() -> None:
    assert [(q.text, q.unit) for q in find_quantities("a member of Three Stone Chambers")] == [
        ("Three", None)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("since 2001 GETTY Forty-seven per cent of young", ["Forty-seven per cent"]),
        ("Poll Shows Twenty Percent Back Him", ["Twenty Percent"]),
        ("PHOTO: REUTERS Three people died", ["Three"]),
    ],
)
def test_a_capitalised_number_after_a_credit_or_before_percent_counts(
    text: str, expected: list[str]
) -> None:
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "figures from history Show all 17 1 /17 International",
        "Show all 8 1 /8 The biggest issues",
        "in pictures Show all 12 3 /12 Climate",
    ],
)
def test_a_photo_gallery_counter_is_no_quantity(text: str) -> None:
    assert surfaces(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "in pictures climate-change-8.jpg Climate",
        "pictures 1-ClimateChange2-Getty.jpg Getty",
        "download report-2019-3.pdf now",
    ],
)
def test_figures_in_file_names_are_no_quantities(text: str) -> None:
    assert surfaces(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Toronto, Ontario, M4W 3L4 today", []),
        ("part 7B2 failed", []),
        ("a 5km2 plot", ["5km2"]),  # letters and a digit that are a unit
    ],
)
def test_a_figure_before_letters_and_a_digit_is_a_code(text: str, expected: list[str]) -> None:
    assert surfaces(text) == expected


@pytest.mark.parametrize(
    "text", ["the 5G network", "4G and 5G phones", "a 3G signal", "3D printing", "Plan 2A failed"]
)
def test_one_digit_and_a_capital_name_something(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"), [("10G", 1e10), ("2.5G", 2.5e9), ("5M", 5e6), ("5C warmer", 5)]
)
def test_scales_and_units_after_a_digit_stay(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "See https://example.com/page/2021/05/12 for details.",
        "See https://example.com/a/1/2 here.",
        "See www.example.org/2020/3/14 here.",
        "Read example.com/news/2019/07/04/story today.",
    ],
)
def test_slashed_figures_in_a_web_address_are_no_codes(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "It happened on 2021/05/12 at noon.",
        "On 2020/1/5 they met.",
        "a 2021/2022 report",
        "the 1999/2000 season",
    ],
)
def test_year_first_dates_and_spans_of_years_are_no_fractions(text: str) -> None:
    assert find_quantities(text) == []


def test_thousands_over_thousands_are_still_a_fraction() -> None:
    assert [q.value for q in find_quantities("the 1000/2000 rule")] == [0.5]


@pytest.mark.parametrize(
    "text",
    [
        "Covid-19 cases rose again.",
        "covid-19 deaths were counted",
        "Covid-19 appears to affect children less often.",
        "It was named SARS-CoV-2 by the committee.",
        "Omega-3 fats can help the heart.",
        "phase-3 trials began",
        "red tape and Catch-22s",
    ],
)
def test_a_word_of_any_case_hyphened_to_a_figure_names_something(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("a less-than-10-percent likelihood", [10]),
        ("a ratio of more than 4-to-1", [4, 1]),
        ("the under-18s were banned", [18]),
        ("MS-13 gang members", []),
        ("the G-7 Summit in Italy", []),
    ],
)
def test_a_bound_or_joint_hyphened_to_a_figure_is_no_name(text: str, values: list) -> None:
    assert [q.value for q in find_quantities(text)] == values


@pytest.mark.parametrize(
    "text",
    [
        "the 9/11 attacks",
        "the 7/7 bombings",
        "Where were you on 9/11?",
        "Thursday, on 2/23, we set a record.",
        "a service open 24/7",
        "Less than 50/50",
        "spending rose in 2006/7 and 2008/9",
        "rated 10/10 by critics",
    ],
)
def test_slashed_figures_that_are_no_fraction(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("on 2/3 of the land", 2 / 3),
        ("3/4 of voters", 0.75),
        ("a 2/3 majority", 2 / 3),
        ("he went 5/12 from the field", 5 / 12),
    ],
)
def test_slashed_fractions_stay_fractions(text: str, value: float) -> None:
    assert [q.value for q in find_quantities(text)] == [pytest.approx(value)]


def test_ordinal_suffixes_start_with_a_letter_the_cheap_test_lets_through() -> None:
    # Ignoring case, the expression also takes "\u017f" for an "s"; every such letter must pass.
    starts = {
        chr(code)
        for code in range(0x10000)
        if not 0xD800 <= code < 0xE000
        and any(context._ORDINAL_SUFFIX.match(chr(code) + second) for second in "tdh")
    }
    assert starts <= quantities._ORDINAL_INITIALS


def _in_address_in_full(text: str, start: int, end: int) -> bool:
    lo, hi = max(0, start - 200), min(len(text), end + 200)
    first = max(text.rfind(" ", lo, start), text.rfind("\n", lo, start), lo - 1) + 1
    ends = (text.find(" ", end, hi), text.find("\n", end, hi), hi)
    token = text[first : min(position for position in ends if position >= 0)]
    token = token.rstrip(".,;:!?)\"'\u201d\u2019")
    if token.lower().endswith(context._FILE_EXTENSIONS):
        return True
    return "/" in token and ("://" in token or token.startswith("www.") or ".com/" in token)


address_like_text = st.lists(
    st.sampled_from(
        ["5", "12", " ", "\n", "/", ".", "https://", "www.", "t.co", ".com/", ".JPG", ")"]
    ),
    max_size=20,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(address_like_text)
def test_the_cheap_test_for_addresses_misses_none(text: str) -> None:
    for start in range(len(text)):
        for end in range(start + 1, min(len(text), start + 3) + 1):
            expected = _in_address_in_full(text, start, end)
            assert context._in_address(text, start, end) == expected, (text, start, end)


range_before_text = st.lists(
    st.sampled_from(
        [
            *["between", "from", "BETWEEN", "1000", "1,000", "800", "2000", " ", "-", "\u2013"],
            *["and", "AND", "to", "TO", "\u017f", "\u212a", "\u0130", "."],
            *["between 800 and ", "From 800 TO ", "between 5 And", "1,000 to", "1,000 - "],
        ]
    ),
    max_size=10,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(range_before_text)
def test_the_cheap_test_before_a_range_joint_misses_none(text: str) -> None:
    for start in range(len(text) + 1):
        if context._NON_YEAR_RANGE_BEFORE.search(text, max(0, start - 30), start):
            assert context._may_end_range_joint(text, start), (text, start)


code_like_text = st.lists(
    st.sampled_from(["1", "222", "(202)", " ", "-", "/", ".", "+", "x", "\u0663", "minus", "e"]),
    max_size=14,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(code_like_text)
def test_the_cheap_tests_before_codes_and_signs_miss_none(text: str) -> None:
    for run in re.finditer(r"\d+", text):
        start, end = run.span()
        if context._looks_like_code(text, start, end):
            before, after = text[start - 1 : start], text[end : end + 1]
            assert before in context._CODE_BEFORE or after in context._CODE_SEPARATORS, text
        if context._with_sign(text, start, 1.0) != (start, 1.0):
            assert start <= 3 or text[start - 2 : start] in context._SIGN_WORD_ENDINGS, text


class _AnyWords:
    """Stands for _QUALIFIER_WORDS_BEFORE_LAST when every word may come before any last word."""

    def get(self, _last: str, _default: object = None) -> _AnyWords:
        return self

    def __contains__(self, _word: object) -> bool:
        return True


@pytest.mark.plain_python
def test_the_cheap_test_of_the_two_last_words_misses_no_qualifier() -> None:
    phrases = [*context._QUALIFIERS, "one of", "most of", "up to", "due to", "as much as", "so"]
    texts = [
        f"{head}{phrase} 5 people"
        for phrase in phrases
        for head in ("", "It was ", "just ", "well over a ", "Some ", "SHORT ")
    ]
    texts += [text.upper() for text in texts]
    with mock.patch.object(context, "_QUALIFIER_WORDS_BEFORE_LAST", _AnyWords()):
        read_in_full = [find_quantities(text) for text in texts]
    assert [find_quantities(text) for text in texts] == read_in_full


def _after_month_in_full(text: str, start: int) -> bool:
    if start < 2:
        return False
    previous = text[start - 2]
    if not (
        previous.isalpha()
        or previous in ",.-\u2013"
        or (previous.isdigit() and text[start - 1] != " ")
    ):
        return False  # "1 2 3" is no date
    return dates._MONTH_BEFORE.search(text, max(0, start - 20), start) is not None


MONTH_FORMS = [
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "May",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "3st",
    "3nd",
    "3rd",
    "3th",
    "3rd,",
]


def test_the_cheap_test_of_the_letter_before_a_day_misses_no_month() -> None:
    letters = [*string.ascii_letters, "\u017f", "\u212a", "\u0130", "\u0131", "\u00e9", "\u00ff"]
    for form in MONTH_FORMS:
        for letter in letters:
            for joint in (" ", ". ", " 3 ", " 3-", "-"):
                text = f"On {form[:-1]}{letter}{joint}5"
                start = len(text) - 1
                if text[start - 1] in " -":
                    expected = _after_month_in_full(text, start)
                    assert dates._after_month(text, start) == expected, text
