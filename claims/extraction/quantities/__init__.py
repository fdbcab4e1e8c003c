"""Find numbers, percentages, money, measures, counts and ranges in English text.

Standard library only. A precompiled trigger regex, run over the lower-cased text, finds where
numbers can start (a digit, a vulgar fraction or a number word); only there does the slower
work happen. The package follows the steps, one rule family a module:

1. ``numbers``: the number phrase is read token by token ("two hundred and fifty", "1.5bn",
   "3 k", "12,50,000", "1.234.567,89", "one-quarter", "half a million", "one in five",
   "three million, two hundred & forty", "8x2^10") and split into the longest valid numbers;
   "a"/"an" before a measure is one of it ("a gallon", "a penny", "more than a mile"), except
   after an amount, where it means "per" ("$3 a gallon"); ``dates`` are read as what they are
   and skipped;
2. each number picks up what surrounds it (this module): a currency sign or code before
   (``currencies``: "$" is USD unless "A$", "C$", "NZ$"... say otherwise); a unit, percent
   sign, currency name or counted plural noun after (``units``); a qualifier ("more than",
   "about", "up to", "older than", "or more", "18 and under", "30 at most", "or so") and what
   makes it no quantity at all (``context``);
3. neighbouring quantities joined by "to", "and", "-" become ranges (``ranges``: "between 20
   and 30", "20-30%", "more than 100 and less than 300", "from the third to the fifth",
   "$5-6 million").

Intervals follow the Microsoft Recognizers-Text specs the project is scored on: "between 20
and 30", "20-30" and "from 20 to 30" are ``[20, 30)`` with ``value`` None; an exact number is
``[v, v]``; "more than 20" is ``(20, None)``; open ends are None and never inclusive; "about",
"nearly", "almost", "some" keep ``value`` and leave ``low``/``high`` None.

What is deliberately not a quantity: dates, times and years ("3 March 2022", "2022-03-03",
"10:30", "in 2019", "March 25 - 27"; a 4-digit year counts only with a qualifier, a currency, a
percent sign, a unit or a counted noun: "more than 2000", "2000 people"), centuries and parts
of periods ("the 20th century", "the latter half"), names with numbers ("COVID-19", "F16", "5G",
"World War Two"), "first"/"second" (discourse words far more often than ranks), a bare "half"
or "quarter" ("the second half"), "one" used as a pronoun ("this one", "one of", "one way or
another"), numbers in adjectives ("zero-hour", "one-off", "two-sided", "third-party"), and
figures in web addresses and dotted chains ("192.168.1.1"). Parts of phone numbers and
identifiers come out as plain numbers that never form ranges. After a verb of change, "rose
from 5% to 10%" is two figures, not a range; they share a unit and a magnitude that only one
of them writes ("fell from 3 million tonnes to 2.5 million", "grew from 2 to 3 million units").
"""

from __future__ import annotations

import math
import re

from claims.extraction.types import Quantity
from claims.extraction.words import MAGNITUDES

from .context import (
    _ORDINAL_SUFFIX,
    _SIGN_WORD_ENDINGS,
    _apply_qualifiers,
    _is_bare_half_or_quarter,
    _is_date,
    _is_name_or_adjective,
    _is_pronoun_one,
    _ordinal_quantity,
    _set_qualifier,
    _with_sign,
)
from .currencies import (
    _currency_before,
    _currency_tail,
    _pounds_among_money,
    _sign_repeated_after,
)
from .numbers import _find_numbers, _Number, _tidy
from .ranges import _merge_ranges
from .units import _percent_of_before, _unit_after, _unit_word

__all__ = ["Quantity", "find_quantities"]

# What _ORDINAL_SUFFIX can start with, ignoring case ("\u017f" is an "s" then).
_ORDINAL_INITIALS = frozenset("sSnNrRtT\u017f")
_OF_A_MAGNITUDE = re.compile(r"[ ]of[ ]an?[ ](thousand|million|billion|trillion)(?![A-Za-z])", re.I)


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in ``text``, in order and not overlapping; ``q.text == text[q.start:q.end]``.

    Never raises on arbitrary text; linear in the length of the text.
    """
    quantities: list[Quantity] = []
    codes: set[int] = set()
    for number in _find_numbers(text):
        quantity = _describe(text, number)
        if number.form == "article" and quantities and _is_rate(text, quantities[-1], quantity):
            continue
        if quantity is not None:
            quantities.append(quantity)
            if number.form == "code":
                codes.add(quantity.start)
    kept = _without_overlaps(quantities)
    _pounds_among_money(text, kept)
    return _merge_ranges(text, kept, codes)


def _is_rate(text: str, previous: Quantity, quantity: Quantity | None) -> bool:
    """ "$3 a gallon", "thirty cents a pound": "a" right after an amount means "per"."""
    return quantity is not None and not text[previous.end : quantity.start].strip()


def _without_overlaps(quantities: list[Quantity]) -> list[Quantity]:
    kept: list[Quantity] = []
    for quantity in quantities:
        if kept and quantity.start < kept[-1].end:
            continue
        kept.append(quantity)
    return kept


def _describe(text: str, number: _Number) -> Quantity | None:
    """Turn a bare number into a quantity by reading the words around it."""
    start, end, value, digits = number.start, number.end, number.value, number.digits
    if not math.isfinite(value):
        return None
    if (
        digits
        and (start == 0 or text[start - 2 : start - 1] in _ASCII_DIGITS)
        and _is_plain_figure(text, number)
    ):
        value = _tidy(value)
        return Quantity(start, end, text[start:end], value, value, value)
    if number.form == "article":
        return _article_measure(text, number)
    if _is_date(text, number):
        return None
    form = number.form  # _is_date marks codes
    if form == "code":
        # Parts of a phone number or an identifier are numbers, never a range or an amount.
        return Quantity(start, end, text[start:end], value, value, value)
    if form == "ordinal" or (
        digits and text[end : end + 1] in _ORDINAL_INITIALS and _ORDINAL_SUFFIX.match(text, end)
    ):
        return _ordinal_quantity(text, number)
    if not digits and (
        _is_pronoun_one(text, number)
        or _is_bare_half_or_quarter(text, number)
        or _is_name_or_adjective(text, number)
    ):
        return None
    whole_unit = _unit_and_a_half(text, number) if form == "fraction" else None
    if whole_unit is not None:
        return whole_unit
    if start <= 3 or text[start - 2 : start] in _SIGN_WORD_ENDINGS:  # cheap test first
        start, value = _with_sign(text, start, value)
    hyphened_tail = _HYPHENED_TAIL.match(text, end) if text[end : end + 1] == "-" else None
    if hyphened_tail:  # "30-plus years", "20-odd people": the unit comes after the tail
        end = hyphened_tail.end()
    currency = _currency_before(text, start)
    if currency and _sign_repeated_after(text, currency[1], start, end):
        currency = None  # "10 $ 30 $": each sign follows its amount
    unit: str | None
    if currency:
        unit, start, scale = currency
        kind, value = "currency", value * scale
        value, end, unit = _currency_tail(text, end, value, number, unit)
    else:
        unit, kind, value, end = _unit_after(text, end, value, number)
        percent_of = _percent_of_before(text, start) if kind == "number" else None
        if percent_of is not None:
            unit, kind, start = "percent", "percent", percent_of
    if kind == "number" and form == "fraction" and abs(value) < 1:
        kind = "ratio"
        of_magnitude = _OF_A_MAGNITUDE.match(text, end)
        of_unit = _OF_A_UNIT.match(text, end) if of_magnitude is None else None
        if of_magnitude:  # "a quarter of a million"
            value *= MAGNITUDES[of_magnitude.group(1).lower()]
            unit, kind, value, end = _unit_after(text, of_magnitude.end(), value, number)
        elif (
            of_unit
            and len(of_unit.group("word")) > 2
            and (word_unit := _unit_word(of_unit.group("word")))
        ):
            # "half an hour", "a quarter of a mile"
            unit, kind, scale = word_unit
            value, end = value * scale, of_unit.end()
    elif kind == "count" and form == "fraction" and abs(value) < 1:
        kind = "ratio"  # "four out of five migrants" is a share of migrants
    if kind == "currency" and _is_accounting_negative(text, start, end):
        start, end, value = start - 1, end + 1, -value  # "revenue was ($99.99)"
    value = _tidy(value)  # 32.34 * 1e6 is 32340000.000000004 in binary floating point
    quantity = Quantity(start, end, "", value, value, value, True, True, "exact", unit, kind)
    _apply_qualifiers(text, quantity)
    if hyphened_tail and quantity.qualifier == "exact":
        tail = hyphened_tail.lastgroup
        assert tail is not None  # each branch of the pattern is a named group
        _set_qualifier(quantity, tail)
    quantity.text = text[quantity.start : quantity.end]
    return quantity


# "30-plus" is at least 30, "20-odd" about 20 ("30 plus VAT" adds; only the hyphen says so).
_HYPHENED_TAIL = re.compile(r"-(?:(?P<at_least>plus)|(?P<about>odd))(?![A-Za-z])", re.I)
_AND_A_FRACTION = re.compile(r"[ ]and[ ](?:a|one)[ -](?:half|quarter|third)(?![A-Za-z])", re.I)


def _article_measure(text: str, number: _Number) -> Quantity | None:
    """ "a gallon of beer", "more than a mile", "a penny": one of the measure named after "a".

    Not before "and a half", which _unit_and_a_half reads as one measure; after an amount, "a"
    means "per" (see _is_rate).
    """
    unit, kind, value, end = _unit_after(text, number.end, 1.0, number)
    if kind not in ("dimension", "currency") or _AND_A_FRACTION.match(text, end):
        return None
    quantity = Quantity(number.start, end, "", value, value, value, unit=unit, kind=kind)
    _apply_qualifiers(text, quantity)
    quantity.text = text[quantity.start : quantity.end]
    return quantity


# An amount of money alone in brackets after "is", "was", "of" or a colon is negative, as
# accounts write it ("The annual revenue is ($99.99).", "Net income: (\u00a31.2m)"); after a noun
# or another amount the brackets explain ("a fine (\u00a3500)", "\u20ac100 ($110)").
_ACCOUNTING_BEFORE = re.compile(r"(?:(?<![A-Za-z])(?:is|was|were|are|of)|:)[ ]\Z", re.IGNORECASE)


def _is_accounting_negative(text: str, start: int, end: int) -> bool:
    if text[start - 1 : start] != "(" or text[end : end + 1] != ")":
        return False
    return _ACCOUNTING_BEFORE.search(text, max(0, start - 7), start - 1) is not None


_ASCII_DIGITS = frozenset("0123456789")
# What may follow a figure where no rule of _describe reads anything: closing punctuation that
# separates no code ("1-2", "1/2", "1.2" do), or a space before another figure.
_UNIT_AND_BEFORE = re.compile(r"(?<![A-Za-z])(?:an?|one)[ ](?P<word>[A-Za-z]+)[ ]and[ ]\Z", re.I)


def _unit_and_a_half(text: str, number: _Number) -> Quantity | None:
    """ "an hour and a half", "a mile and a half": one unit and a fraction of it."""
    if number.form != "fraction" or not 0 < number.value < 1 or number.digits:
        return None
    before = _UNIT_AND_BEFORE.search(text, max(0, number.start - 30), number.start)
    unit = _unit_word(before.group("word")) if before else None
    if unit is None or before is None or len(before.group("word")) < 3:
        return None
    name, kind, scale = unit
    value = _tidy((1 + number.value) * scale)
    start, end = before.start(), number.end
    return Quantity(start, end, text[start:end], value, value, value, unit=name, kind=kind)


_OF_A_UNIT = re.compile(r"[ ](?:of[ ])?an?[ ](?P<word>[A-Za-z]+)(?![A-Za-z])")
_PLAIN_AFTER = frozenset(",;:)!?]\n\t")


def _is_plain_figure(text: str, number: _Number) -> bool:
    """Whether ``number`` is a bare figure that no rule of _describe can turn into anything else:
    digits at the start of the text or after another figure and a space, followed by the end,
    closing punctuation or a space and another figure ("1 2 3", "1,000 2,000"; no year).

    Each rule reads a sign, a word, a symbol or a separator next to the figure, none of which
    is there; the figures of a long list then cost a tenth of the full reading.
    """
    start, end = number.start, number.end
    if number.form != "number" or end - start == 4 or text[start] not in _ASCII_DIGITS:
        return False
    if start and (start < 2 or text[start - 1] != " " or text[start - 2] not in _ASCII_DIGITS):
        return False
    after = text[end : end + 1]
    if after == " ":
        after = text[end + 1 : end + 2]
        return not after or after in _ASCII_DIGITS
    return not after or after in _PLAIN_AFTER
