"""Numbers: where one can start, its tokens, and the value of a number phrase.

A precompiled trigger regex, run over the lower-cased text, finds where numbers can start (a
digit, a vulgar fraction or a number word); only there does the slower work happen: the
phrase is read token by token ("two hundred and fifty", "1.5bn", "one-quarter", "half a
million", "one over three") and split into the longest valid numbers. Scales (words and
suffixes: "million", "bn", "k") belong to the number they follow.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from claims.extraction.words import (
    ARTICLE_MEASURES,
    CARDINALS,
    COUNT_WORDS,
    DOZENS,
    FRACTION_WORDS,
    MAGNITUDES,
    NUMBER_WORDS,
    ORDINALS,
    PLURAL_ORDINALS,
)
from claims.extraction.wordscan import trie_pattern

from .dates import _DATE_AT, _may_start_date

_VULGAR = {
    "\u00bc": 0.25,
    "\u00bd": 0.5,
    "\u00be": 0.75,
    "\u2153": 1 / 3,
    "\u2154": 2 / 3,
    "\u2155": 0.2,
    "\u2156": 0.4,
    "\u2157": 0.6,
    "\u2158": 0.8,
    "\u2159": 1 / 6,
    "\u215a": 5 / 6,
    "\u215b": 0.125,
    "\u215c": 0.375,
    "\u215d": 0.625,
    "\u215e": 0.875,
}
_VULGAR_CLASS = "".join(_VULGAR)


# A number word, or "a"/"an" and a measure it counts as one ("a gallon": see _article_number).
# The counts of COUNT_WORDS start a number only after "a" ("a gross of pencils"); after a number
# word or a figure ("three gross") _tokens reads them. Words that rarely are one stay out of
# the trigger, which every word of the text passes.
_NUMBER_WORD_PATTERN = trie_pattern(
    [
        *(word for word in NUMBER_WORDS if word not in COUNT_WORDS),
        *(f"{article} {noun}" for noun in ARTICLE_MEASURES for article in ("a", "an")),
        *(f"a {count}" for count in COUNT_WORDS),
    ]
)
# Where a number can start, run over lower-cased text. Ordinary words and other characters are
# skipped inside one match, whole runs at a time (possessive, so never retried); only a digit
# run, a vulgar fraction or a number word ends the skip. This is several times faster than
# letting the regex engine try a word list at every position. One turn of the loop takes a word
# and the characters after it, a fifth cheaper than a turn for each.
_OTHER_CHARACTERS = r"[^a-z\d" + _VULGAR_CLASS + r"]*+"
_TRIGGER = re.compile(
    rf"{_OTHER_CHARACTERS}(?:(?!{_NUMBER_WORD_PATTERN}(?![a-z]))[a-z]++{_OTHER_CHARACTERS})*+"
    rf"(?P<hit>\d++|[{_VULGAR_CLASS}]|{_NUMBER_WORD_PATTERN}(?![a-z])|\Z)"
)
# A digit run followed by a separator is possessive: giving digits back never finds the separator.
# Groups in a locale's grouping (lakh "12,50,000", dots "1.234.567,89") are bounded in number, so
# that a long run of them that is no number costs the same at each place it is tried.
_DIGITS = r"""
    (?<![/.\d])(?<!\d[-/])(?P<mixed>\d++[ \u00a0]{1,2}\d+/\d+(?![/\d]))
  | (?<![/.\d])(?<!\d[-/])(?P<slash>\d++/\d+(?![/\d]))
  | (?P<plain>
        (?:(?=\d{1,3}+[,.'\u2019]\d)  # grouped: one test first, as most figures are not
            (?:\d{1,2}+(?:,\d{2}(?=,)){1,6}+,\d{3}(?!\d|,\d)
              |\d{1,3}+(?:,\d{3})+(?!\d)
              |\d{1,3}+(?:['\u2019]\d{3})+(?!\d|['\u2019]\d)  # Swiss: "1'234'567"
              |\d{1,3}+(?:\.\d{3}){1,6}+,\d+(?!\d|[,.]\d)|\d{1,3}+(?:\.\d{3}){2,6}+(?!\d|\.\d))
          |(?<!\d[ ])(?<![A-Za-z])\d{1,3}+(?:[\u00a0\u202f ]\d{3})+(?:,\d+)?
            (?![\d,]|\.\d|[ ]\d)
          |\d++,\d(?![\d,])
          |\d+
          |(?=\.\d))
        (?:\.\d+)?
        (?P<exponent>[eE][-+]?\d+(?!\w)|\^[-+\u2212]*\d+
          |[ ]?[x\u00d7][ ]?(?:10[ ]?[-+\u2212]|\d+[ ]?\^[-+\u2212]?)\d+)?
    )
"""
# Scale suffixes, attached or after a space ("1.5bn", "3 k", "$ 2.5 MM", "4.2 T"); case
# matters: "4.2 t" is tonnes, "5 m" metres. Not before a hyphenated word ("3 T-shirts"); "G"
# not after one digit ("10G" is ten billion, "5G" a mobile network).
_SUFFIX = (
    r"(?P<suffix>[ ]?(?:k|K|bn|Bn|BN|bln|tln|mln|mn|mil|MM|M|B|T|tn)|(?<!(?<![\d.])\d)G|b)"
    r"(?![A-Za-z0-9]|-[A-Za-z])"
)
_MAX_TOKENS = 16
_SUFFIX_MAGNITUDES = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
    "MM": 1e6,
    "Bn": 1e9,
    "BN": 1e9,
    "b": 1e9,
    "B": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "G": 1e9,
    "T": 1e12,
    "tn": 1e12,
    "tln": 1e12,
}
_CONNECTORS = frozenset({"and", "point", "over", "a", "an"})
_DIGIT_AHEAD = re.compile(r"[ \u00a0\t]{0,4}[-\u2013]?[ ]{0,2}[-+\u2212]?\d")
_COMPOUND_ONLY = frozenset({"first", "second", "firsts", "seconds"})


@dataclass(slots=True)
class _Tok:
    kind: str  # digit, unit, teen, tens, hundred, mag, dozen, ord, vulgar, a, and, point, over
    value: float
    start: int
    end: int
    bound: bool = False  # joined to the previous token by a hyphen
    plural: bool = False
    integer: bool = True
    suffix: bool = False  # digits with a magnitude suffix, "1.5bn"
    text: str = ""


@dataclass(slots=True)
class _Number:
    start: int
    end: int
    value: float
    form: str = "number"  # number, fraction, ordinal, code, article ("a" of "a gallon")
    digits: bool = False  # written in digits only
    magnitude: float = 1.0  # the largest magnitude word or suffix in it ("2 million" -> 1e6)


def _classify_word(word: str) -> tuple[str, float, bool] | None:
    """(kind, value, plural) of a number word, its value a float as every value read is."""
    word_class = _word_class(word)
    return None if word_class is None else (word_class[0], float(word_class[1]), word_class[2])


def _word_class(word: str) -> tuple[str, float, bool] | None:
    lower = word.lower()
    value = CARDINALS.get(lower)
    if value is not None:
        kind = "unit" if value < 10 else "teen" if value < 20 else "tens"
        return kind, value, False
    if lower == "hundred":
        return "hundred", 100, False
    if lower in MAGNITUDES:
        return "mag", MAGNITUDES[lower], False
    if lower in DOZENS:
        return "dozen", 12, DOZENS[lower]
    if lower in COUNT_WORDS:
        return "dozen", *COUNT_WORDS[lower]
    if lower in FRACTION_WORDS:
        denominator, plural = FRACTION_WORDS[lower]
        return "ord", denominator, plural
    if lower in ORDINALS:
        return "ord", ORDINALS[lower], False
    if lower in PLURAL_ORDINALS:
        return "ord", PLURAL_ORDINALS[lower], True
    if lower in ("firsts", "seconds"):  # only in "twenty-firsts"; see _tokens
        return "ord", 1 if lower == "firsts" else 2, True
    if lower in _CONNECTORS:
        return ("a" if lower == "an" else lower), 1, False
    return None


_WORD_CLASSES = {
    word: word_class
    for word in [*NUMBER_WORDS, *_CONNECTORS, "firsts", "seconds"]
    if (word_class := _classify_word(word)) is not None
}
_WORD_CLASSES["&"] = ("and", 1.0, False)  # "two hundred & forty"

# Only the words _token_from_match can read ("out" as in "out of"; _tokens reads "in" of "one
# in five" itself). Any other word ends the
# phrase; failing inside the expression costs less than a match object and a look-up.
_PHRASE_WORD = trie_pattern([*_WORD_CLASSES, "out"], either_case=True) + r"(?![A-Za-z])"
_BODY = (
    r"(?:(?P<sign>[-+\u2212])?(?P<digits>" + _DIGITS + r")(?:" + _SUFFIX + r")?"
    r"|(?P<word>" + _PHRASE_WORD + r")|(?P<vulgar>[" + _VULGAR_CLASS + r"]))"
)
_FIRST_TOKEN = re.compile(r"(?P<sep>)(?P<dash>)" + _BODY, re.VERBOSE)
# The characters a token can start with, checked first: most numbers are followed by a word
# that is no number word, and the case-blind word list is slow to reject it.
_PHRASE_INITIALS = "".join(sorted({word[0] for word in [*_WORD_CLASSES, "out"]}))
_TOKEN_START = (
    r"(?=[-+\u2212\d." + _VULGAR_CLASS + _PHRASE_INITIALS + _PHRASE_INITIALS.upper() + r"])"
)
_NEXT_TOKEN = re.compile(
    r"(?P<sep>[ \u00a0\u202f\t]{0,4}(?:(?P<dash>[-\u2013])[ ]{0,2})?)" + _TOKEN_START + _BODY,
    re.VERBOSE,
)


def _tokens(text: str, position: int, digits_end: int = -1, limit: int = _MAX_TOKENS) -> list[_Tok]:
    """The tokens of the number phrase at ``position``, at most ``limit``; ``digits_end``: where
    the run of digits that starts there ends, if it is one."""
    token: _Tok | None
    if digits_end > 0 and _plain_digits_before(text, digits_end):
        token = _Tok("digit", float(text[position:digits_end]), position, digits_end)
    else:
        match = _FIRST_TOKEN.match(text, position)
        token = None if match is None else _token_from_match(text, match, True)
        if token is None or token.text in _COMPOUND_ONLY:
            return []  # "first", "second": discourse words, see _ordinal_quantity
        if token.kind == "over" and not _over_is_fraction(text, token.end):
            return []
        if token.kind == "digit" and (
            _lone_figure(text, token.end) or _DIGIT_AHEAD.match(text, token.end)
        ):
            return [token]  # "1,000 people", "3.5%"; "1 2" in a list of figures, see below
    tokens = [token]
    while len(tokens) < limit:
        previous = tokens[-1]
        if text.startswith(" in ", previous.end) and _IN_RATIO.match(text, previous.end + 3):
            # "one in five adults": read here, not by the expression, as "in" is frequent
            token = _Tok("over", 0.0, previous.end + 1, previous.end + 3, text="in")
        else:
            match = _NEXT_TOKEN.match(text, previous.end)
            if match is not None:
                token = _token_from_match(text, match, False)
            elif text.startswith("-in-", previous.end) and _HYPHENED_IN_RATIO.match(
                text, previous.end + 3
            ):  # "a one-in-ten chance": the hyphen after "in" is part of the joint
                token = _Tok("over", 0.0, previous.end + 1, previous.end + 4, text="in")
            else:
                if previous.kind == "mag" and text.startswith(", ", previous.end):
                    tokens.extend(_smaller_group_after_comma(text, previous, limit - len(tokens)))
                break
        if token is None or token.kind == previous.kind == "digit":
            break  # "423 0000" are two numbers
        if token.kind == "digit" and _DATE_AT.match(text, token.start):
            break  # "2022 and 2022-03-03": the date is read on its own
        if previous.kind == "digit" and token.kind == "ord":
            break  # "100 millionths": digits take no spelled-out denominator
        if token.bound and "digit" in (token.kind, previous.kind):
            break  # "10-15", "3-inch": a range or a unit, read later
        if token.text == "over" and not _over_is_fraction(text, token.end):
            break
        if token.text in _COMPOUND_ONLY and not (token.bound and previous.kind == "tens"):
            break  # "30 seconds" is a time, "twenty-second" an ordinal
        if token.text == "gross" and (previous.kind not in _GROSS_AFTER or previous.suffix):
            break  # "a million gross of sales", "$5m gross of fees": earnings, not 144
        tokens.append(token)
        if token.kind == "digit" and _DIGIT_AHEAD.match(text, token.end):
            break  # "1 2", "1-2": the next figure is read on its own
    while tokens and tokens[-1].kind in _CONNECTORS:  # "and", "a", "point", "over"...
        tokens.pop()
    return _merge_compounds(tokens)


# After a run of digits and a space, a lower-case letter that starts no scale suffix ("3 k",
# "2 bn", "5 mln", "4 tn") nor a power ("6 x 10^4"): the figure is the digits alone, and no
# figure follows it.
_PLAIN_AFTER_SPACE = frozenset("acdefghijlnopqrsuvwyz")


def _plain_digits_before(text: str, end: int) -> bool:
    return text[end : end + 1] == " " and text[end + 1 : end + 2] in _PLAIN_AFTER_SPACE


# After a run of digits, what ends a number phrase at once (no grouping, decimal, power, scale
# suffix, fraction or following number word can start there): closing punctuation, or a
# separator of groups or decimals before no digit.
_FIGURE_CLOSERS = frozenset(')]%;:!?"\u201d\n\u00b0')
_LETTERS = re.compile(r"[A-Za-z]*")


def _letters(text: str, position: int) -> str:
    """The ASCII letters at ``position``, maybe none."""
    letters = _LETTERS.match(text, position)
    assert letters is not None  # the pattern matches the empty string
    return letters.group()


_GROUP_SEPARATORS = frozenset(",.'\u2019")
# The words that may go on with a number phrase, by their leading letters ("5 hundred", "3 and
# a half", "1 in 5", "2 out of 3", "3 baker's dozen"), and those that may make a figure's scale
# or power ("3 k", "2 bn", "5M", "10G", "4e5", "6 x 10^4"), in lower case.
_PHRASE_LEADS = frozenset({_letters(word.lower(), 0) for word in [*_WORD_CLASSES, "out", "in"]})
_SCALES_AND_POWERS = frozenset(
    {*(suffix.lower() for suffix in _SUFFIX_MAGNITUDES), "tn", "m", "b", "t", "g", "e", "x"}
)
# Number words that are a number alone, one to ninety-nine: _tokens and _numbers_in_phrase read
# one of them, where _lone_figure says that nothing goes on with it, as this value.
_CARDINAL_WORDS = {
    word: float(value)
    for word, (kind, value, _plural) in _WORD_CLASSES.items()
    if kind in ("unit", "teen", "tens")
}


def _lone_figure(text: str, end: int, digits: bool = True) -> bool:
    """Whether the run of digits (``digits``), or the number word of _CARDINAL_WORDS, that ends
    at ``end`` is a whole number phrase as it stands, as _tokens would read it; a cheap test
    for the common case that may say False wrongly."""
    after = text[end : end + 1]
    if not after or after in _FIGURE_CLOSERS:
        return True
    if after in _GROUP_SEPARATORS:
        return not text[end + 1 : end + 2].isdigit()
    if after == " ":
        word = _letters(text, end + 1)
        if not word:  # "10 - 15", "5 \u2013 6": a joint, read later as a range
            return digits and text[end + 1 : end + 2] in ("-", "\u2013")
    elif not digits:
        return False  # "twenty-one"
    elif after in ("-", "\u2013"):
        return not text.startswith("-in-", end)  # "10-15", "5-year"; not "1-in-5"
    elif after.isascii() and after.isalpha():
        word = _letters(text, end)  # "1990s", "5th"; not "5bn", "4e5"
    else:
        return False
    word = word.lower()
    return word not in _PHRASE_LEADS and word not in _SCALES_AND_POWERS


def _smaller_group_after_comma(text: str, previous: _Tok, limit: int) -> list[_Tok]:
    """ "three million, two hundred & forty", "one thousand, five hundred": after a comma, the
    words of a number smaller than the magnitude before it go on with the same number ("a
    million, two million" are two). At most ``limit`` tokens, so that a long list of such
    groups is read in bounded steps."""
    if limit < 2:
        return []
    tail = _tokens(text, previous.end + 2, limit=limit)
    if not tail or tail[0].kind not in ("unit", "teen", "tens"):
        return []
    value = _cardinal(tail)
    return tail if value is not None and value < previous.value else []


# "2000 over 3" is a fraction; "5% over 3 years" or "over the past" is not.
_OVER_FRACTION = re.compile(
    r"[ ](?:[a-z]+[- ]){0,4}?(?:[a-z]+|\d+)(?=[ ]?(?:[.,;:!?)]|\Z|[ ](?:and|or|is|are|was)\b))",
    re.IGNORECASE,
)


# "one in five adults", "1 in 4 of them": a share when a word follows the second figure, which
# is no year ("3000 in 2009") and ends no sentence ("more than 2 in 5").
_IN_RATIO = re.compile(
    r"[ ](?:\d{1,3}(?:,\d{3})*+(?![\d.,])|[A-Za-z]+(?:-[A-Za-z]+)?)[ ][A-Za-z]", re.IGNORECASE
)

# "one-in-ten", "1-in-20", "one-in-twenty-five", "one-in-a-million"; not "one-in-100-year
# flood" (a period) nor "a one-in-two-out rule" (a name).
_HYPHENED_IN_RATIO = re.compile(
    r"-(?:\d{1,3}(?:,\d{3})*+|(?:an?-)?[A-Za-z]++"
    r"(?:-(?:one|two|three|four|five|six|seven|eight|nine)(?![A-Za-z]))?)(?![-\d.,])",
    re.IGNORECASE,
)


def _over_is_fraction(text: str, end: int) -> bool:
    return _OVER_FRACTION.match(text, end, end + 60) is not None


def _token_from_match(text: str, match: re.Match, first: bool) -> _Tok | None:
    sep, dash, digits, word, vulgar = match.group("sep", "dash", "digits", "word", "vulgar")
    start, end, bound = match.start() + len(sep), match.end(), bool(dash)
    if digits is not None:
        sign, suffix = match.group("sign", "suffix")
        if sign and not first:
            return None
        if suffix is None and digits.isdigit():  # the common case, "42": no need to parse
            value = -float(digits) if sign in ("-", "\u2212") else float(digits)
            return _Tok("digit", value, start, end, bound)
        parsed, integer = _digits_value(match)
        if parsed is None:
            return None
        return _Tok("digit", parsed, start, end, bound, integer=integer, suffix=suffix is not None)
    if vulgar:
        return _Tok("vulgar", _VULGAR[vulgar], start, end, bound)
    lower = word.lower()
    if lower == "out" and text.startswith(" of ", end):
        return _Tok("over", 0.0, start, end + 3, bound, text="out of")
    classified = _WORD_CLASSES.get(lower)
    if classified is None or (first and classified[0] in ("and", "point", "over")):
        return None
    if lower == "gross" and (first or not _GROSS_AS_COUNT.match(text, end)):
        return None  # "a gross violation", "$5 million gross": the adjective
    kind, value, plural = classified
    return _Tok(kind, value, start, end, bound, plural=plural, text=lower)


_GROSS_AFTER = frozenset({"a", "unit", "teen", "tens", "digit", "ord"})
# "gross" counts 144 only as a noun after "a" or a figure: before "of" and a plural ("a gross of
# pencils", not "a gross of $5m" or "a gross of less than"), or defined ("a gross is 144",
# "one gross equals twelve dozen"). Before any other word it is the adjective.
_GROSS_AS_COUNT = re.compile(
    r"[ ](?:of[ ](?!(?:less|its|this|his|was|is|as|us|various|numerous)(?![A-Za-z]))"
    r"[A-Za-z]+s(?![A-Za-z'])|(?:is|equals|makes|means|=)[ ](?:exactly[ ])?(?:\d|[a-z]+[ ]dozen))",
    re.IGNORECASE,
)


def _merge_compounds(tokens: list[_Tok]) -> list[_Tok]:
    """Join "twenty-one" and "twenty-first" into one token."""
    if len(tokens) < 2:
        return tokens  # the common case: one figure
    merged: list[_Tok] = []
    for tok in tokens:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and tok.bound
            and previous.kind == "tens"
            and previous.value % 10 == 0
            and tok.kind in ("unit", "ord")
            and 0 < tok.value < 10
            and tok.text not in ("half", "halves", "quarter", "quarters")
        ):
            previous.value += tok.value
            previous.end = tok.end
            previous.kind = tok.kind if tok.kind == "ord" else "tens"
            previous.plural = tok.plural
            previous.text = f"{previous.text}-{tok.text}"
            continue
        merged.append(tok)
    return merged


def _digits_value(match: re.Match) -> tuple[float | None, bool]:
    value, integer = _unsigned_digits_value(match)
    if value is not None and match.group("sign") in ("-", "\u2212"):
        value = -value
    return value, integer


def _unsigned_digits_value(match: re.Match) -> tuple[float | None, bool]:
    mixed, slash, plain, exponent, suffix = match.group(
        "mixed", "slash", "plain", "exponent", "suffix"
    )
    if mixed:
        whole, fraction = mixed.split(None, 1)
        numerator, denominator = fraction.split("/")
        if int(denominator) == 0:
            return None, False
        return int(whole) + int(numerator) / int(denominator), False
    if slash:
        numerator, denominator = slash.split("/")
        if int(denominator) == 0:
            return None, False
        return int(numerator) / int(denominator), False
    mantissa = plain[: len(plain) - len(exponent)] if exponent else plain
    try:
        value, integer = _plain_value(mantissa)
    except ValueError:  # separators no grouping explains
        return None, False
    if exponent:
        value, integer = _apply_exponent(value, exponent), False
    if suffix:
        value *= _SUFFIX_MAGNITUDES[suffix.strip()]
    return value, integer


_DECIMAL_COMMA = re.compile(r"\d+,\d")
_GROUPING = re.compile(r"[,\s'\u2019]")
_SPACE_GROUPED = re.compile(r"\d\s\d")
_LOCALE_GROUPING = re.compile(r"[.\s]")


def _plain_value(text: str) -> tuple[float, bool]:
    """The value of digits in any grouping: "1,234.5", "12,50,000" (lakh), "1.234.567,89",
    "1'234.5" (Swiss), "3 400 000,5" (spaces, no-break or narrow no-break spaces)."""
    if text.isdigit():
        return float(text), True
    if _DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(",", ".")), False  # a decimal comma, "1,3"
    comma, dot = text.rfind(","), text.rfind(".")
    if comma > dot and (dot >= 0 or _SPACE_GROUPED.search(text)):
        whole = _LOCALE_GROUPING.sub("", text[:comma])  # a decimal comma after grouping
        return float(f"{whole}.{text[comma + 1 :]}"), False
    if text.count(".") > 1:
        return float(text.replace(".", "")), True  # "1.234.567"
    cleaned = _GROUPING.sub("", text)
    return float(cleaned), "." not in cleaned


def _apply_exponent(value: float, exponent: str) -> float:
    exponent = exponent.replace("\u2212", "-").replace(" ", "")
    try:
        if exponent[0] in "eE":
            return value * 10.0 ** int(exponent[1:])
        if exponent[0] == "^":
            digits = exponent[1:]
            sign = -1 if digits.count("-") % 2 else 1
            power = sign * int(digits.lstrip("+-"))
            return math.copysign(abs(value) ** power, value)
        # "1.3x10^6", "6.23x10-4", "8x2^10"
        base, base_power = exponent[1:].split("^") if "^" in exponent else ("10", exponent[3:])
        return value * float(base) ** int(base_power)
    except (OverflowError, ValueError, ZeroDivisionError):
        return math.inf


def _numbers_in_phrase(tokens: list[_Tok]) -> list[_Number]:
    """Split a token run into the longest valid numbers, left to right (one figure in digits
    alone is read by _find_numbers)."""
    numbers = []
    index = 0
    while index < len(tokens):
        limit = _next_hard_break(tokens, index)
        for stop in range(limit, index, -1):
            found = _value_of(tokens[index:stop])
            if found is not None:
                break
        else:
            index += 1
            continue
        stop, found = _before_orphaned_scale(tokens, index, stop, found)
        chunk = tokens[index:stop]
        if len(chunk) == 1 and chunk[0].kind in ("mag", "hundred", "dozen"):
            index = stop
            continue  # "parts per million", "dozens of": no figure is given
        magnitude = max(
            [tok.value for tok in chunk if tok.kind in ("mag", "hundred")]
            + [_suffix_scale(tok) for tok in chunk],
        )
        numbers.append(
            _Number(
                chunk[0].start,
                chunk[-1].end,
                found[0],
                found[1],
                digits=all(tok.kind == "digit" for tok in chunk),
                magnitude=magnitude,
            )
        )
        index = stop
    return numbers


def _before_orphaned_scale(
    tokens: list[_Tok], index: int, stop: int, found: tuple[float, str]
) -> tuple[int, tuple[float, str]]:
    """ "5 hundred and 7 hundred" is two numbers, 500 and 700, not 507 and a lone "hundred":
    when the scale after a number ending in "and <figure>" belongs to that figure, cut before
    the "and"."""
    if stop >= len(tokens) or tokens[stop].kind not in ("hundred", "mag"):
        return stop, found
    ands = [i for i in range(index + 1, stop - 1) if tokens[i].kind == "and"]
    if not ands or tokens[stop].bound:
        return stop, found
    cut = ands[-1]
    shorter = _value_of(tokens[index:cut])
    tail = _value_of(tokens[cut + 1 : stop + 1])
    if shorter is None or tail is None:
        return stop, found
    return cut, shorter


# What may follow a figure in digits within one number: "2 hundred", "3 million", "2 \u00bd".
_AFTER_DIGITS = frozenset({"hundred", "mag", "dozen", "and", "over", "point", "vulgar"})


def _next_hard_break(tokens: list[_Tok], index: int) -> int:
    """Where no number can go on: "1 2" are two numbers, and so are "one 2", "half half" and
    "one one" (unless a denominator follows: "one one hundred fifth"). Cutting there first keeps
    the longest-number search short on dense lists of figures."""
    for position in range(index + 1, len(tokens)):
        previous, kind = tokens[position - 1].kind, tokens[position].kind
        if previous == "digit" and kind not in _AFTER_DIGITS:
            return position
        if kind == "digit" and previous not in ("hundred", "mag", "and", "over"):
            return position
        if kind == "digit" and previous == "and" and tokens[position - 2].kind == "digit":
            return position  # "5 and 5", "5 & 6": no number joins two figures by "and"
        if previous == "ord" and kind not in ("mag", "dozen", "a", "and"):
            return position
        if previous in ("unit", "teen", "tens") and kind in ("unit", "teen", "tens"):
            ahead = [tok.kind for tok in tokens[position + 1 : position + 3]]
            after_point = any(tok.kind == "point" for tok in tokens[index:position])
            if (
                "ord" not in ahead
                and not after_point
                and not (previous == "tens" and kind == "unit")
            ):
                return position
    return len(tokens)


def _suffix_scale(tok: _Tok) -> float:
    return 1e6 if tok.suffix else 1.0


def _value_of(tokens: list[_Tok]) -> tuple[float, str] | None:
    if tokens[-1].kind in _CONNECTORS or tokens[-1].kind == "over":
        return None
    kinds = [tok.kind for tok in tokens]
    if "over" in kinds:
        return _over_value(tokens, kinds.index("over"))
    if "point" in kinds:
        return _point_value(tokens, kinds.index("point"))
    last = tokens[-1].kind
    if last == "ord" or (last in ("mag", "dozen") and "ord" in kinds):
        return _fractional_value(tokens)
    if last == "vulgar":
        return _vulgar_value(tokens)
    value = _cardinal(tokens)
    return None if value is None else (value, "number")


def _over_value(tokens: list[_Tok], at: int) -> tuple[float, str] | None:
    numerator = _cardinal(tokens[:at]) if at else None
    denominator = _cardinal(tokens[at + 1 :])
    if numerator is None or not denominator:
        return None
    if tokens[at].text in ("out of", "in") and numerator > denominator:
        return None  # "12 out of 10" is two numbers, not a share
    return numerator / denominator, "fraction"


def _point_value(tokens: list[_Tok], at: int) -> tuple[float, str] | None:
    """ "seven point two five", "two point five million" (a magnitude scales the whole)."""
    scale = 1.0
    if tokens[-1].kind == "mag" and len(tokens) > at + 2:
        scale, tokens = tokens[-1].value, tokens[:-1]
    whole = _cardinal(tokens[:at]) if at else 0.0
    if whole is not None and whole >= 1000 and scale > 1:
        return None  # "two thousand point five million" is no number
    decimals = ""
    for tok in tokens[at + 1 :]:
        if tok.kind not in ("unit", "tens", "teen"):
            return None
        decimals += str(int(tok.value))
    if whole is None or not decimals:
        return None
    return (whole + float("0." + decimals)) * scale, "number"


def _vulgar_value(tokens: list[_Tok]) -> tuple[float, str] | None:
    if len(tokens) == 1:
        return tokens[0].value, "fraction"
    if len(tokens) != 2 or tokens[0].kind not in ("digit", "unit", "teen", "tens"):
        return None
    return tokens[0].value + tokens[1].value, "number"


def _fractional_value(tokens: list[_Tok]) -> tuple[float, str] | None:
    """Fractions and ordinals: "two thirds", "one and a half", "three quarters billion"."""
    if tokens[-1].kind in ("mag", "dozen"):
        # "half a million", "quarter million", "three quarters billion", "half a dozen"
        head = tokens[:-1]
        and_positions = [i for i, tok in enumerate(head) if tok.kind == "and"]
        if and_positions:
            cut = and_positions[-1]
            whole = _cardinal(tokens[:cut])
            if whole is None:
                return None
            if whole < tokens[-1].value:  # "two and a half million" is 2.5 million
                fraction = _fraction(tokens[cut + 1 : -1])
                return (
                    None if fraction is None else ((whole + fraction) * tokens[-1].value, "number")
                )
            part = _fractional_value(tokens[cut + 1 :])  # "one billion and a half million"
            if part is None or part[0] >= whole:
                return None
            return whole + part[0], "number"
        if head and head[-1].kind == "a":
            head = head[:-1]
        fractional = _fractional_value(head) if head else None
        if fractional is None or fractional[1] != "fraction":
            return None
        return fractional[0] * tokens[-1].value, "number"
    and_positions = [i for i, tok in enumerate(tokens) if tok.kind == "and"]
    if and_positions:
        cut = and_positions[-1]
        whole = _cardinal(tokens[:cut])
        fraction = _fraction(tokens[cut + 1 :])
        if whole is None or fraction is None:
            return None
        # "3 million and a half" is 3.5 million; "twenty and three fifths" is 20.6
        scale = tokens[cut - 1].value if tokens[cut - 1].kind == "mag" else 1
        return whole + fraction * scale, "number"
    fraction = _fraction(tokens)
    if fraction is not None:
        return fraction, "fraction"
    ordinal = _ordinal(tokens)
    return None if ordinal is None else (ordinal, "ordinal")


def _fraction(tokens: list[_Tok]) -> float | None:
    """numerator + denominator, the denominator being the longest ordinal suffix that leaves a
    valid numerator: "one hundred thirty fifths" is 100/35, "twenty twenty fifths" 20/25."""
    if not tokens:
        return None
    last = tokens[-1]
    if last.text in ("first", "second"):
        return None
    if len(tokens) == 1:
        is_half_or_quarter = last.text in ("half", "quarter")
        return 1 / last.value if is_half_or_quarter else None
    for cut in range(1, len(tokens)):
        head, tail = tokens[:cut], tokens[cut:]
        if tail[0].kind in ("mag", "hundred", "a", "and", "dozen"):
            continue
        denominator = _ordinal(tail) if len(tail) > 1 else last.value
        numerator = 1.0 if [tok.kind for tok in head] == ["a"] else _cardinal(head)
        if not denominator or numerator is None:
            continue
        if not last.plural and numerator != 1:
            continue  # "one hundred fifth" is an ordinal; "one fifth" a fraction
        return numerator / denominator
    return None


def _ordinal(tokens: list[_Tok]) -> float | None:
    last = tokens[-1]
    if last.text in ("half", "halves", "quarter", "quarters"):
        return None
    if len(tokens) == 1:
        return last.value
    head = _cardinal(tokens[:-1])
    if head is None:
        return None
    previous = tokens[-2]
    if last.value < 100 and previous.kind not in ("tens", "hundred", "mag"):
        return None  # "thirty-two fifths" is 32 fifths, not an ordinal
    if last.value < 10 and previous.kind == "tens" and previous.value % 10:
        return None
    if last.value >= 100:
        return head * last.value
    return head + last.value


def _cardinal(tokens: list[_Tok]) -> float | None:
    """Value of a cardinal number phrase, or None when the tokens do not form one."""
    total = 0.0
    group = 0.0  # the part below the last magnitude
    last = ""  # kind of the previous token, "and" skipped
    group_has_hundred = False
    last_magnitude = math.inf
    after_and = False
    for position, tok in enumerate(tokens):
        kind = tok.kind
        if kind == "and":
            if last not in ("hundred", "mag", "tens", "unit", "digit") or after_and:
                return None
            after_and = True
            continue
        if kind == "a":
            if position or len(tokens) == 1 or tokens[1].kind not in ("hundred", "mag", "dozen"):
                return None
            group, last = 1.0, "a"
            continue
        if kind in ("unit", "teen", "tens"):
            after_tens = last == "tens" and kind == "unit" and group % 10 == 0
            if not (last in ("", "hundred", "mag") or after_tens):
                return None
            group += tok.value
        elif kind == "digit":
            if last not in ("", "hundred", "mag"):
                return None
            below = 100 if last == "hundred" else last_magnitude
            if last and (not tok.integer or tok.value >= below or tok.suffix):
                return None  # "3 hundred and 2.12 hundred" is two numbers; "2 thousand 500" one
            group += tok.value
        elif kind == "hundred":
            if group_has_hundred or (last == "mag" and group == 0) or after_and:
                return None
            group = (group or 1) * 100
            group_has_hundred = True
        elif kind in ("mag", "dozen"):
            if after_and:
                return None
            if last == "mag" and tok.value > last_magnitude:
                total = (total + group) * tok.value  # "three lakh crore"
                group = 0.0
            elif tok.value >= last_magnitude and kind == "mag":
                return None
            else:
                total += (group or 1) * tok.value
                group = 0.0
            if kind == "mag":
                last_magnitude = min(last_magnitude, tok.value)
            group_has_hundred = False
        else:
            return None
        after_and = False
        last = "mag" if kind == "dozen" else kind
    if after_and or last == "a":
        return None
    return total + group


_ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])an?[ ]\Z", re.IGNORECASE)
# Magnitudes written after an amount of money or at the end of a range: "$5m", "20 to 30 million".
_SCALE_WORDS = {
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "million": 1e6,
    "b": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "tn": 1e12,
    "trillion": 1e12,
}
_MAGNITUDE_WORD_AFTER = re.compile(r"[ ](thousand|million|billion|trillion)(?![A-Za-z])", re.I)


def _find_numbers(text: str) -> list[_Number]:
    numbers: list[_Number] = []
    covered = -1
    # The trigger reads ASCII letters only, and lower-casing just those costs a third of
    # str.lower(), which besides turns the Kelvin sign into a "k".
    if "\u212a" in text:
        lowered = text.lower()
        if len(lowered) != len(text):  # a few letters change length when lower-cased ("İ")
            lowered = _ascii_lowered(text)
    else:
        lowered = _ascii_lowered(text)
    length = len(text)
    for trigger in _TRIGGER.finditer(lowered):
        hit, end = trigger.span("hit")
        if hit == length:
            break
        if hit < covered:
            continue
        start = hit
        if start and text[start - 1] in "-+\u2212." and _has_sign_before(text, start):
            start -= 1  # a sign or a leading decimal point: "-1", ".25" (no date starts so)
        elif not "a" <= lowered[start] <= "z" and _may_start_date(text, start, end):
            date = _DATE_AT.match(text, start)
            if date:
                covered = date.end()  # "2022-03-03", "10:30", "3 March"
                continue
        if lowered[start] == "a" and lowered[start + 2 : end] not in COUNT_WORDS:
            # No number word starts with "a": "a gallon" is one, if a unit follows (_describe).
            numbers.append(_Number(start, lowered.index(" ", start), 1.0, "article"))
            continue
        article = None
        if text[start - 2 : start] in ("a ", "A ", "n ", "N "):
            article = _ARTICLE_BEFORE.search(text, max(covered, start - 4, 0), start)
        if article:
            start = article.start()  # "a hundred", "a third", "a dozen"
        digits = start == hit and "0" <= text[start] <= "9"
        if digits and _lone_figure(text, end):  # the common case, "42 people", "(42)"
            numbers.append(_Number(start, end, float(text[start:end]), "number", True))
            covered = end
            continue
        if article is None and not digits:
            word = lowered[start:end]
            if word in _COMPOUND_ONLY:
                continue  # "first", "second": discourse words, see _tokens
            value = _CARDINAL_WORDS.get(word)
            if value is not None and _lone_figure(text, end, digits=False):  # "one of"
                numbers.append(_Number(start, end, value))
                covered = end
                continue
        tokens = _tokens(text, start, end if digits else -1)
        if not tokens:
            continue
        if len(tokens) == 1 and tokens[0].kind == "digit":  # the common case, "42"
            tok = tokens[0]
            numbers.append(
                _Number(tok.start, tok.end, tok.value, "number", True, _suffix_scale(tok))
            )
        else:
            numbers.extend(_numbers_in_phrase(tokens))
        covered = tokens[-1].end
    return numbers


def _ascii_lowered(text: str) -> str:
    # bytes.lower() changes ASCII letters only, and in UTF-8 every other character is made of
    # bytes above 127.
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _has_sign_before(text: str, start: int) -> bool:
    """Whether the sign or decimal point before ``start`` belongs to the number ("-1", ".25");
    the caller has checked that one is there."""
    if not text[start].isdigit():
        return False
    # After a percent or degree sign the hyphen is a dash between two measures: "5%-10%".
    return start == 1 or not (text[start - 2].isalnum() or text[start - 2] in "%\u00b0\u2030")


def _tidy(value: float) -> float:
    if -1e15 < value < 1e15 and value == int(value):
        return float(value)  # exact in 15 digits already; formatting costs more than the test
    return float(f"{value:.15g}")


_MAGNITUDE_WORD = re.compile(
    r"(?P<word>thousand|million|billion|trillion)|\d(?P<suffix>k|bn|m|b|tn)(?![A-Za-z])",
    re.IGNORECASE,
)


def _magnitude_word_scale(surface: str) -> float:
    match = _MAGNITUDE_WORD.search(surface)
    if match is None:
        return 1.0
    return _SCALE_WORDS[(match.group("word") or match.group("suffix")).lower()]
