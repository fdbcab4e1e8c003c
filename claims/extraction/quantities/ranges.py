"""Ranges: neighbouring quantities joined by "to", "and", "-", or two bounds.

"between 20 and 30", "20-30%", "from 20 to 30" are ``[20, 30)``; "more than 100 and less
than 300" is ``(100, 300]``. After a verb of change, "rose from 5% to 10%" is two figures
that share the unit and magnitude one of them writes ("from 2 to 3 million units").
"""

from __future__ import annotations

import re

from claims.extraction.types import Quantity
from claims.extraction.words import word_set

from .numbers import _magnitude_word_scale, _tidy

_BETWEEN_BEFORE = re.compile(r"(?<![A-Za-z])(?:between|from)[ ]\Z", re.IGNORECASE)
# "-[ ]" before a word joins a suspended hyphen: "8- to 16-metre", "10- to 15-year-olds".
_RANGE_JOINER = re.compile(
    r"[ ]?(?:(?P<dash>[-\u2013\u2014~])|(?:-[ ])?(?P<word>to|through|thru|and|until))[ ]?",
    re.IGNORECASE,
)
# Verbs of change: after them "from 5% to 10%" is two figures, not a range.
_CHANGE_VERBS = word_set(
    "rise rises risen rising rose fall falls fallen falling fell increase increased increases "
    "increasing decrease decreased decreases decreasing grow grows grown growing grew jump jumps "
    "jumped jumping climb climbs climbed climbing drop drops dropped dropping decline declined "
    "declines declining soar soars soared soaring surge surged surges surging plunge plunged "
    "plunges plunging slump slumps slumped slumping cut cuts cutting raise raised raises raising "
    "reduce reduced reduces reducing went go goes gone change changed changes changing move "
    "moved moves moving shift shifts shifted shifting up down double doubled doubles doubling "
    "triple tripled triples tripling swung swing"
)
_BOUND_JOINER = re.compile(r",?[ ](?:and|but)[ ]", re.IGNORECASE)


def _merge_ranges(text: str, quantities: list[Quantity], codes: set[int]) -> list[Quantity]:
    merged: list[Quantity] = []
    index = 0
    while index < len(quantities):
        current = quantities[index]
        following = quantities[index + 1] if index + 1 < len(quantities) else None
        combined = None
        if following and current.start not in codes and following.start not in codes:
            combined = _combine(text, current, following)
        if combined is not None:
            merged.append(combined)
            index += 2
        else:
            merged.append(current)
            index += 1
    return merged


_LOWER_BOUNDS = ("more_than", "at_least")
_UPPER_BOUNDS = ("less_than", "at_most", "up_to")


def _combine(text: str, left: Quantity, right: Quantity) -> Quantity | None:
    between = text[left.end : right.start]
    if left.kind == right.kind == "ordinal":
        return _ordinal_range(text, left, right, between)
    if len(between) > 10 or left.kind == "ordinal" or right.kind == "ordinal":
        return None
    if (left.qualifier in _LOWER_BOUNDS and right.qualifier in _UPPER_BOUNDS) or (
        left.qualifier in _UPPER_BOUNDS and right.qualifier in _LOWER_BOUNDS
    ):
        return _two_bounds(text, left, right) if _BOUND_JOINER.fullmatch(between) else None
    if left.qualifier not in ("exact", "about") or right.qualifier not in ("exact", "about"):
        return None
    joiner = _RANGE_JOINER.fullmatch(between)
    if joiner is None:
        return None
    opener = _BETWEEN_BEFORE.search(text, max(0, left.start - 9), left.start)
    word = (joiner.group("word") or "").lower()
    if word == "and" and not (opener and opener.group().lower().startswith("between")):
        return None
    if word and word != "and" and _follows_change_verb(text, left.start):
        if opener is not None:
            _share_unit_and_scale(left, right)
        return None  # "rose from 5% to 10%" is a change, two figures, not a range
    money_to_figure = left.kind == "currency" and right.kind == "number"  # "$5-6 million"
    if not money_to_figure and (
        left.kind not in ("number", right.kind) or (left.unit and left.unit != right.unit)
    ):
        return None  # "rose 15% to $415.9 million"
    if joiner.group("dash") and not (_has_digit(left.text) and _has_digit(right.text)):
        return None  # "three-nought-four" is read digit by digit
    return _interval(text, left, right, opener)


_ORDINAL_JOINER = re.compile(r"[ ](?:to|and|through)[ ](?:the[ ])?", re.IGNORECASE)
_ORDINAL_OPENER = re.compile(r"(?<![A-Za-z])(?:between|from)[ ](?:the[ ])?\Z", re.IGNORECASE)


def _ordinal_range(text: str, left: Quantity, right: Quantity, between: str) -> Quantity | None:
    """ "from the third to the fifth", "between 3rd and 5th place": a range of ranks."""
    if not _ORDINAL_JOINER.fullmatch(between):
        return None
    opener = _ORDINAL_OPENER.search(text, max(0, left.start - 13), left.start)
    if opener is None:
        return None
    range_ = _interval(text, left, right, opener)
    if range_ is not None:
        range_.kind = "ordinal"
    return range_


def _share_unit_and_scale(left: Quantity, right: Quantity) -> None:
    """The two figures of "rose from 2 to 3 million units" or "fell from 3 million tonnes to
    2.5 million" measure one thing: a bare figure takes the unit of the other, and a bare
    left figure the magnitude word of the right one (2 million units, 2.5 million tonnes)."""
    scale = _magnitude_word_scale(right.text)
    if scale > 1 and _magnitude_word_scale(left.text) == 1 and abs(left.value or 0) < 1000:
        _rescale(left, scale)
    if left.kind == "number" and left.unit is None and right.unit is not None:
        left.unit, left.kind = right.unit, right.kind
    elif right.kind == "number" and right.unit is None and left.unit is not None:
        right.unit, right.kind = left.unit, left.kind


def _rescale(quantity: Quantity, scale: float) -> None:
    if quantity.value is not None:
        quantity.value = _tidy(quantity.value * scale)
    if quantity.low is not None:
        quantity.low = _tidy(quantity.low * scale)
    if quantity.high is not None:
        quantity.high = _tidy(quantity.high * scale)


def _follows_change_verb(text: str, start: int) -> bool:
    window = text[max(0, start - 40) : start]
    clause = window[max(window.rfind("."), window.rfind(";")) + 1 :]
    return any(word.strip(",").lower() in _CHANGE_VERBS for word in clause.split()[-6:])


def _has_digit(surface: str) -> bool:
    return any(character.isdigit() for character in surface)


def _interval(
    text: str, left: Quantity, right: Quantity, opener: re.Match | None
) -> Quantity | None:
    if left.value is None or right.value is None:
        return None
    low, high = left.value, right.value
    # "20 to 30 million people": the magnitude of the right end applies to a bare left end.
    scale = _magnitude_word_scale(text[right.start : right.end])
    if scale > 1 and _magnitude_word_scale(text[left.start : left.end]) == 1 and low < 1000:
        low = _tidy(low * scale)
    if high < low <= 0:
        low, high = high, low  # "from -18 °C to -34 °C" runs downwards
    if not low < high:
        return None
    start = opener.start() if opener else left.start
    unit = right.unit or left.unit
    kind = right.kind if right.kind != "number" else left.kind
    end, inclusive = right.end, False
    closing = _INCLUSIVE_AFTER.match(text, end)
    if closing:  # "between 20 and 30 inclusive": both ends belong to it
        end, inclusive = closing.end(), True
    surface = text[start:end]
    return Quantity(start, end, surface, None, low, high, True, inclusive, "between", unit, kind)


_INCLUSIVE_AFTER = re.compile(r",?[ ]\(?(?:inclusive|both[ ]inclusive)\)?(?![A-Za-z])", re.I)


def _two_bounds(text: str, left: Quantity, right: Quantity) -> Quantity | None:
    lower, upper = (left, right) if left.qualifier in _LOWER_BOUNDS else (right, left)
    if lower.value is None or upper.value is None or not lower.value < upper.value:
        return None
    return Quantity(
        left.start,
        right.end,
        text[left.start : right.end],
        None,
        lower.value,
        upper.value,
        lower.qualifier == "at_least",
        upper.qualifier != "less_than",
        "between",
        right.unit or left.unit,
        right.kind if right.kind != "number" else left.kind,
    )
