"""Find numbers, percentages, money, measures, counts and ranges in English text.

Standard library only. A precompiled trigger regex, run over the lower-cased text, finds where
numbers can start (a digit, a vulgar fraction or a number word); only there does the slower
work happen:

1. the number phrase is read token by token ("two hundred and fifty", "1.5bn", "one-quarter",
   "half a million", "one over three") and split into the longest valid numbers;
2. each number picks up what surrounds it: a currency sign or code before; a unit, percent
   sign or counted plural noun after; a qualifier ("more than", "about", "up to", "or more");
3. neighbouring quantities joined by "to", "and", "-" become ranges ("between 20 and 30",
   "20-30%", "more than 100 and less than 300").

Intervals follow the Microsoft Recognizers-Text specs the project is scored on: "between 20
and 30", "20-30" and "from 20 to 30" are ``[20, 30)`` with ``value`` None; an exact number is
``[v, v]``; "more than 20" is ``(20, None)``; open ends are None and never inclusive; "about",
"nearly", "almost", "some" keep ``value`` and leave ``low``/``high`` None.

What is deliberately not a quantity: dates, times and years ("3 March 2022", "2022-03-03",
"10:30", "in 2019"; a 4-digit year counts only with a qualifier, a currency, a percent sign, a
unit or a counted noun: "more than 2000", "2000 people"), names with numbers ("COVID-19",
"F16"), "first"/"second" (discourse words far more often than ranks), a bare "half" or
"quarter" ("the second half"), and "one" used as a pronoun ("this one", "one of"). Parts of
phone numbers and identifiers come out as plain numbers that never form ranges. After a verb of
change, "rose from 5% to 10%" is two figures, not a range.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .types import Quantity
from .wordscan import trie_pattern

# --- lexicon --------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UNITS_WORDS = _words("zero one two three four five six seven eight nine")
_TEENS_WORDS = _words(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS = _words("twenty thirty forty fifty sixty seventy eighty ninety")
CARDINALS = {
    **{word: i for i, word in enumerate(_UNITS_WORDS)},
    **{word: 10 + i for i, word in enumerate(_TEENS_WORDS)},
    **{word: 20 + 10 * i for i, word in enumerate(_TENS_WORDS)},
    "nought": 0,
    "naught": 0,
}
MAGNITUDES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "lakh": 1e5,
    "lakhs": 1e5,
    "lac": 1e5,
    "crore": 1e7,
    "crores": 1e7,
}
_ORDINAL_UNITS = _words(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
ORDINALS = {
    **{word: i + 1 for i, word in enumerate(_ORDINAL_UNITS)},
    **{word: 20 + 10 * i for i, word in enumerate(_words(_ORDINAL_TENS))},
    "hundredth": 100,
    "thousandth": 1e3,
    "millionth": 1e6,
    "billionth": 1e9,
    "trillionth": 1e12,
}
PLURAL_ORDINALS = {word + "s": value for word, value in ORDINALS.items() if value > 2}
_FRACTION_WORDS = {"half": (2, False), "halves": (2, True), "quarter": (4, False)}
_FRACTION_WORDS["quarters"] = (4, True)
_DOZENS = {"dozen": False, "dozens": True, "dozs": True, "doz": False}
_NUMBER_WORDS = sorted(
    {*CARDINALS, *MAGNITUDES, *ORDINALS, *PLURAL_ORDINALS, *_FRACTION_WORDS, *_DOZENS, "hundred"},
    key=len,
    reverse=True,
)
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


def _unit_table() -> dict[str, tuple[str, str, float]]:
    """surface (lower case) -> (unit name, kind, scale)."""
    table: dict[str, tuple[str, str, float]] = {}

    def add(name: str, kind: str, surfaces: str, scale: float = 1.0) -> None:
        for surface in surfaces.split("|"):
            table[surface] = (name, kind, scale)

    dimension = "dimension"
    add("metre", dimension, "m|metre|metres|meter|meters")
    add("kilometre", dimension, "km|kms|kilometre|kilometres|kilometer|kilometers")
    add("centimetre", dimension, "cm|centimetre|centimetres|centimeter|centimeters")
    add("millimetre", dimension, "mm|millimetre|millimetres|millimeter|millimeters")
    add("decimetre", dimension, "dm|decimetre|decimetres|decimeter|decimeters")
    add("nanometre", dimension, "nm|nanometre|nanometres|nanometer|nanometers")
    add("picometre", dimension, "pm|picometre|picometres|picometer|picometers")
    add("mile", dimension, "mile|miles|mi")
    add("foot", dimension, "ft|foot|feet")
    add("inch", dimension, "inch|inches|\u2033")
    add("yard", dimension, "yard|yards|yd|yds")
    add("nautical mile", dimension, "nautical mile|nautical miles|nmi")
    add("kilogram", dimension, "kg|kgs|kilogram|kilograms|kilogramme|kilogrammes|kilo|kilos")
    add("gram", dimension, "g|gram|grams|gramme|grammes")
    add("milligram", dimension, "mg|milligram|milligrams")
    add("microgram", dimension, "\u00b5g|\u03bcg|mcg|microgram|micrograms")
    add("pound", dimension, "lb|lbs|pound|pounds")
    add("ounce", dimension, "oz|ounce|ounces")
    add("tonne", dimension, "t|tonne|tonnes|metric ton|metric tons|metric tonnes")
    add("ton", dimension, "ton|tons")
    add("dram", dimension, "drachma|drachmas|dram|drams")
    add("litre", dimension, "l|litre|litres|liter|liters")
    add("millilitre", dimension, "ml|millilitre|millilitres|milliliter|milliliters")
    add("centilitre", dimension, "cl|centilitre|centilitres|centiliter|centiliters")
    add("gallon", dimension, "gallon|gallons|gal")
    add("barrel", dimension, "barrel|barrels|bbl")
    add("cup", dimension, "cup|cups")
    add("teaspoon", dimension, "teaspoon|teaspoons|tsp")
    add("tablespoon", dimension, "tablespoon|tablespoons|tbsp")
    add("acre", dimension, "acre|acres")
    add("hectare", dimension, "hectare|hectares|ha")
    add(
        "square metre",
        dimension,
        "square metre|square metres|square meter|square meters|m2|m\u00b2",
    )
    add("square kilometre", dimension, "square kilometre|square kilometres|square kilometer")
    add("square kilometre", dimension, "square kilometers|km2|km\u00b2|sq km|km^2")
    add("square mile", dimension, "square mile|square miles|sq mi")
    add("square foot", dimension, "square foot|square feet|sq ft")
    add("cubic metre", dimension, "cubic metre|cubic metres|cubic meter|cubic meters|m3")
    add("cubic foot", dimension, "cubic foot|cubic feet")
    add("cubic kilometre", dimension, "cubic kilometre|cubic kilometres|cubic kilometers|km^3")
    add("mile per hour", dimension, "mph")
    add("kilometre per hour", dimension, "kph|km/h|kmh")
    add("degree", dimension, "degree|degrees|\u00b0")
    add("degree Celsius", dimension, "degrees celsius|degree celsius|celsius|\u00b0c|\u02dac")
    add("degree Fahrenheit", dimension, "degrees fahrenheit|degree fahrenheit|fahrenheit|\u00b0f")
    add("degree Fahrenheit", dimension, "\u02daf")
    add("part per million", dimension, "ppm|parts per million")
    add("part per billion", dimension, "ppb|parts per billion")
    add("kelvin", dimension, "kelvin")
    table["C"] = table["\u00b0c"]
    table["F"] = table["\u00b0f"]
    add("radian", dimension, "rad|radian|radians")
    add("turn", dimension, "turn|turns")
    add("bit", dimension, "bit|bits")
    add("byte", dimension, "byte|bytes")
    add("kilobyte", dimension, "kb|kilobyte|kilobytes")
    add("megabyte", dimension, "mb|megabyte|megabytes")
    add("gigabyte", dimension, "gb|gigabyte|gigabytes")
    add("terabyte", dimension, "tb|terabyte|terabytes")
    add("exabyte", dimension, "exabyte|exabytes")
    add("kilobit", dimension, "kilobit|kilobits|kbit|kb/s")
    add("megabit", dimension, "megabit|megabits|mbit")
    add("gigabit", dimension, "gigabit|gigabits|gbit")
    add("kilobit per second", dimension, "kbps")
    add("megabit per second", dimension, "mbps")
    add("gigabit per second", dimension, "gbps")
    add("watt", dimension, "w|watt|watts")
    add("kilowatt", dimension, "kw|kilowatt|kilowatts")
    add("megawatt", dimension, "mw|megawatt|megawatts")
    add("gigawatt", dimension, "gw|gigawatt|gigawatts")
    add("watt hour", dimension, "wh")
    add("kilowatt hour", dimension, "kwh|kilowatt hour|kilowatt hours|kilowatt-hours")
    add("megawatt hour", dimension, "mwh|megawatt hour|megawatt hours|megawatt-hours")
    add("gigawatt hour", dimension, "gwh|gigawatt hours|twh")
    add("electronvolt", dimension, "ev")
    add("teraelectronvolt", dimension, "tev")
    add("hertz", dimension, "hz")
    add("gigahertz", dimension, "ghz")
    add("megahertz", dimension, "mhz")
    add("second", dimension, "second|seconds|sec|secs")
    add("millisecond", dimension, "millisecond|milliseconds|ms")
    add("minute", dimension, "minute|minutes|mins")
    add("hour", dimension, "hour|hours|hr|hrs|h")
    add("day", dimension, "day|days")
    add("week", dimension, "week|weeks")
    add("month", dimension, "month|months")
    add("year", dimension, "year|years|yr|yrs")
    add("decade", dimension, "decade|decades")
    add("century", dimension, "century|centuries")
    currency = "currency"
    add("USD", currency, "dollar|dollars|usd|us dollar|us dollars|u.s. dollars|bucks|$")
    add("EUR", currency, "euro|euros|eur|\u20ac")
    add("EUR", currency, "meur", 1e6)
    add("GBP", currency, "gbp|sterling|\u00a3")
    add("GBX", currency, "pence|penny|pennies|p")
    add("cent", currency, "cent|cents")
    add("JPY", currency, "yen|jpy|\u00a5")
    add("CNY", currency, "yuan|chinese yuan|rmb|renminbi|cny|kuai")
    add("CHF", currency, "franc|francs|swiss francs|chf")
    add("INR", currency, "rupee|rupees|inr|\u20b9")
    add("TRY", currency, "lira|turkish lira|try")
    add("RUB", currency, "rouble|roubles|ruble|rubles|rub")
    add("UAH", currency, "hryvnia|hryvnias|uah")
    add("CAD", currency, "cad|canadian dollars")
    add("AUD", currency, "aud|australian dollars")
    add("CRC", currency, "\u20a1|colon|colones")
    add("LAK", currency, "\u20ad|kip")
    add("XBT", currency, "bitcoin|bitcoins|btc")
    add("satoshi", currency, "satoshi|satoshis")
    return table


UNITS = _unit_table()
# A lone letter after a number is a unit only in lower case ("5 m", "3 l"); "5 M" is not.
_CASE_SENSITIVE_UNITS = frozenset({"m", "g", "t", "l", "w", "p", "h", "ha", "mi", "ms", "pm"})
CURRENCY_SIGNS = {
    "$": "USD",
    "us$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "cad$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "mex$": "MXN",
    "mx$": "MXN",
    "mxn$": "MXN",
    "r$": "BRL",
    "\u00a3": "GBP",
    "\u20ac": "EUR",
    "\u00a5": "JPY",
    "\u20b9": "INR",
    "\u20a9": "KRW",
    "\u20bd": "RUB",
    "\u20ba": "TRY",
    "\u20aa": "ILS",
    "\u20b4": "UAH",
    "\u20a6": "NGN",
    "\u20b1": "PHP",
    "\u20a1": "CRC",
    "\u20ad": "LAK",
}
_CURRENCY_CODES = _word_set(
    "USD EUR GBP JPY CNY CHF INR CAD AUD NZD HKD SGD MXN BRL RUB UAH TRY KRW ZAR SEK NOK DKK PLN "
    "CZK HUF ILS NGN PHP THB IDR MYR EGP SAR AED KES"
)
_SIGN_CHARACTERS = "$\u00a3\u20ac\u00a5\u20b9\u20a9\u20bd\u20ba\u20aa\u20b4\u20a6\u20b1\u20a1\u20ad"
# Plural nouns that do not end in -s, and -s words that are not counted nouns.
_IRREGULAR_PLURALS = _word_set(
    "people children men women police staff personnel cattle sheep fish troops deer feet teeth "
    "mice geese data media"
)
_NOT_COUNTED = _word_set(
    "was has is this his its does says as us yes thus plus less always perhaps besides unless "
    "whereas across towards afterwards sometimes percent news series species means whereas "
    "dollars euros pounds yen per ago hers ours yours theirs its diabetes measles mumps physics "
    "economics politics mathematics athletics gymnastics whereabouts"
)
_FUNCTION_WORDS = _word_set(
    "a an the of in on at to for by with from and or but nor so as than that which who whom whose "
    "is are was were be been being has have had do does did will would shall should can could "
    "may might must said says more less most least per also not no each every all any some "
    "other another such this these those there here it its they them their he she his her we "
    "our you your i me my percent times million billion thousand trillion hundred"
)
_YEAR_PREVIOUS_WORDS = _word_set(
    "the in of since by from until till to during for this that last next early late mid "
    "spring summer autumn fall winter before after between around circa year fiscal "
    "season class its their his her our"
)

# --- triggers and tokens ---------------------------------------------------------------------


_NUMBER_WORD_PATTERN = trie_pattern(_NUMBER_WORDS)
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
_DIGITS = r"""
    (?<![/.\d])(?<!\d[-/])(?P<mixed>\d++[ \u00a0]{1,2}\d+/\d+(?![/\d]))
  | (?<![/.\d])(?<!\d[-/])(?P<slash>\d++/\d+(?![/\d]))
  | (?P<plain>
        (?:\d{1,3}+(?:,\d{3})+(?!\d)
          |(?<!\d[ ])(?<![A-Za-z])\d{1,3}+(?:[\u00a0\u202f ]\d{3})+(?![\d,]|\.\d|[ ]\d)
          |\d++,\d(?![\d,])
          |\d+
          |(?=\.\d))
        (?:\.\d+)?
        (?P<exponent>[eE][-+]?\d+(?!\w)|\^[-+\u2212]*\d+
          |[ ]?[x\u00d7][ ]?10[ ]?(?:\^[-+\u2212]?|[-+\u2212])\d+)?
    )
"""
_SUFFIX = r"(?P<suffix>[ ]?(?:k|K|bn|bln|tln|mln|mn|mil|M)|B|G|T|b|tn)(?![A-Za-z0-9])"
_MAX_TOKENS = 16
_SUFFIX_MAGNITUDES = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "mil": 1e6,
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
    form: str = "number"  # number, fraction, ordinal, code
    digits: bool = False  # written in digits only
    magnitude: float = 1.0  # the largest magnitude word or suffix in it ("2 million" -> 1e6)


def _classify_word(word: str) -> tuple[str, float, bool] | None:
    lower = word.lower()
    value = CARDINALS.get(lower)
    if value is not None:
        kind = "unit" if value < 10 else "teen" if value < 20 else "tens"
        return kind, value, False
    if lower == "hundred":
        return "hundred", 100, False
    if lower in MAGNITUDES:
        return "mag", MAGNITUDES[lower], False
    if lower in _DOZENS:
        return "dozen", 12, _DOZENS[lower]
    if lower in _FRACTION_WORDS:
        denominator, plural = _FRACTION_WORDS[lower]
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
    word: _classify_word(word)
    for word in [*_NUMBER_WORDS, *_CONNECTORS, "firsts", "seconds"]
    if _classify_word(word) is not None
}

# Only the words _token_from_match can read ("out" as in "out of"). Any other word ends the
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


def _tokens(text: str, position: int) -> list[_Tok]:
    match = _FIRST_TOKEN.match(text, position)
    token = None if match is None else _token_from_match(text, match, True)
    if token is None or token.text in _COMPOUND_ONLY:
        return []  # "first", "second": discourse words, see _ordinal_quantity
    if token.kind == "over" and not _over_is_fraction(text, token.end):
        return []
    if token.kind == "digit" and _DIGIT_AHEAD.match(text, token.end):
        return [token]  # the common case in a list of figures, see below
    tokens = [token]
    while len(tokens) < _MAX_TOKENS:
        previous = tokens[-1]
        match = _NEXT_TOKEN.match(text, previous.end)
        if match is None:
            break
        token = _token_from_match(text, match, False)
        if token is None or token.kind == previous.kind == "digit":
            break  # "423 0000" are two numbers
        if token.kind == "digit" and _DATE_AT.match(text, token.start):
            break  # "2022 and 2022-03-03": the date is read on its own
        if previous.kind == "digit" and token.kind == "ord":
            break  # "100 millionths": digits take no spelled-out denominator
        if token.bound and "digit" in (token.kind, previous.kind):
            break  # "10-15", "3-inch": a range or a unit, read later
        if token.kind == "over" and not _over_is_fraction(text, token.end):
            break
        if token.text in _COMPOUND_ONLY and not (token.bound and previous.kind == "tens"):
            break  # "30 seconds" is a time, "twenty-second" an ordinal
        tokens.append(token)
        if token.kind == "digit" and _DIGIT_AHEAD.match(text, token.end):
            break  # "1 2", "1-2": the next figure is read on its own
    while tokens and tokens[-1].kind in _CONNECTORS:  # "and", "a", "point", "over"...
        tokens.pop()
    return _merge_compounds(tokens)


# "2000 over 3" is a fraction; "5% over 3 years" or "over the past" is not.
_OVER_FRACTION = re.compile(
    r"[ ](?:[a-z]+[- ]){0,4}?(?:[a-z]+|\d+)(?=[ ]?(?:[.,;:!?)]|\Z|[ ](?:and|or|is|are|was)\b))",
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
        value, integer = _digits_value(match)
        if value is None:
            return None
        return _Tok("digit", value, start, end, bound, integer=integer, suffix=suffix is not None)
    if vulgar:
        return _Tok("vulgar", _VULGAR[vulgar], start, end, bound)
    lower = word.lower()
    if lower == "out" and text.startswith(" of ", end):
        return _Tok("over", 0, start, end + 3, bound, text="out of")
    classified = _WORD_CLASSES.get(lower)
    if classified is None or (first and classified[0] in ("and", "point", "over")):
        return None
    kind, value, plural = classified
    return _Tok(kind, value, start, end, bound, plural=plural, text=lower)


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
    value, integer = _plain_value(mantissa)
    if exponent:
        value, integer = _apply_exponent(value, exponent), False
    if suffix:
        value *= _SUFFIX_MAGNITUDES[suffix.strip()]
    return value, integer


_DECIMAL_COMMA = re.compile(r"\d+,\d")
_GROUPING = re.compile(r"[,\s]")


def _plain_value(text: str) -> tuple[float, bool]:
    if text.isdigit():
        return float(text), True
    if _DECIMAL_COMMA.fullmatch(text):
        return float(text.replace(",", ".")), False  # a decimal comma, "1,3"
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
        power = int(re.sub(r"^[x\u00d7]10\^?", "", exponent))
        return value * 10.0**power
    except (OverflowError, ValueError, ZeroDivisionError):
        return math.inf


# --- number phrases --------------------------------------------------------------------------


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


def _next_hard_break(tokens: list[_Tok], index: int) -> int:
    """Where no number can go on: "1 2" are two numbers, and so are "one 2", "half half" and
    "one one" (unless a denominator follows: "one one hundred fifth"). Cutting there first keeps
    the longest-number search short on dense lists of figures."""
    for position in range(index + 1, len(tokens)):
        previous, kind = tokens[position - 1].kind, tokens[position].kind
        if previous == "digit" and kind not in ("hundred", "mag", "dozen", "and", "over", "point"):
            return position
        if kind == "digit" and previous not in ("hundred", "mag", "and", "over"):
            return position
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
    if tokens[at].text == "out of" and numerator > denominator:
        return None  # "12 out of 10" is two numbers, not a share
    return numerator / denominator, "fraction"


def _point_value(tokens: list[_Tok], at: int) -> tuple[float, str] | None:
    whole = _cardinal(tokens[:at]) if at else 0.0
    decimals = ""
    for tok in tokens[at + 1 :]:
        if tok.kind not in ("unit", "tens", "teen"):
            return None
        decimals += str(int(tok.value))
    if whole is None or not decimals:
        return None
    return whole + float("0." + decimals), "number"


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
        fraction = _fractional_value(head) if head else None
        if fraction is None or fraction[1] != "fraction":
            return None
        return fraction[0] * tokens[-1].value, "number"
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
                group = 0
            elif tok.value >= last_magnitude and kind == "mag":
                return None
            else:
                total += (group or 1) * tok.value
                group = 0
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


# --- context: dates, currency, units, qualifiers --------------------------------------------

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_AT = re.compile(
    r"\d{4}-\d{1,2}(?:-\d{1,2})?(?!\d)|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\d)"
    r"|\d{1,2}(?:st|nd|rd|th)?(?:[ ]of)?[ ]" + _MONTHS + r"(?![a-z])"
    r"|\d{1,2}(?:[:.]\d{2}){1,2}[ ]?(?:[ap]\.?m\.?)(?![a-z])|\d{1,2}:\d{2}(?::\d{2})?(?!\d)"
    r"|\d{1,2}[ ]?(?:[ap]\.m\.|[ap]m(?![a-z])|[AP]\.?M\.?(?![A-Za-z]))"
    r"|\d{4}[-\u2013/]\d{2}(?!\d)",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(
    r"(?<![a-z])" + _MONTHS + r"[ ](?:\d{1,2}(?:st|nd|rd|th)?,?[ ])?\Z", re.IGNORECASE
)
_MONTH_STEM = re.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")
_NAME_WITH_NUMBER = re.compile(r"(?<![A-Za-z])[A-Z]{1,6}-\Z")
_CODE_SEPARATORS = ("-", "/", ".")
_OPENING_BRACKETS = ("[", "<", "{", "(")
_CLOSING_BRACKETS = ("]", ">", "}", ")")
_PHONE_AREA_BEFORE = re.compile(r"\(\d{3}\)[ ]?(?:\d{3}-)?\Z")
# Possessive: a digit run gives nothing back to a separator (nor this one to the window's end).
_CODE_CHAIN = re.compile(r"\+?\d++(?:[-/.]\d++){2,}")
# A year-like figure whose partner in a range is not a year is not a year either:
# "1000 - 5000", "between 1000 and 2000".
_NON_YEAR_RANGE_AFTER = re.compile(
    r"[ ]?(?:[-\u2013]|to|and)[ ]?(?!(?:1[2-9]|20)\d\d(?!\d))\d[\d,]{2,}"
)
_NON_YEAR_RANGE_BEFORE = re.compile(
    r"(?:between|from)[ ](?!(?:1[2-9]|20)\d\d[ ])\d[\d,.]*[ ](?:and|to|-)[ ]\Z", re.IGNORECASE
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])", re.IGNORECASE)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>[A-Za-z]{1,3})[ ]?)?(?P<sign>[" + _SIGN_CHARACTERS + r"])[ ]?\Z"
    r"|(?<![A-Za-z])(?P<iso>[A-Z]{3})[ ]?\Z"
    r"|(?<![A-Za-z])(?P<word>dollars?|euros?|yen|yuan|rs\.?|inr)[ ]?\Z",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"(?<![A-Za-z])an?[ ]\Z", re.IGNORECASE)
_FRACTION_OF_AFTER = re.compile(r"[ ](?:of|a|an|the|their|its|our|his|her)(?![A-Za-z])")
_OF_A_MAGNITUDE = re.compile(r"[ ]of[ ]an?[ ](thousand|million|billion|trillion)(?![A-Za-z])", re.I)
_CURRENCY_WORDS_BEFORE = _word_set("dollar dollars euro euros yen yuan rs")
_SIGN_WORD_BEFORE = re.compile(r"(?<![A-Za-z])(?:minus|negative)[ ]\Z", re.IGNORECASE)
_AFTER = re.compile(
    r"(?P<gap>[ \u00a0]?(?:-[ ]?)?[\[<{(]?)"
    r"(?P<word>parts[ ]per[ ][mb]illion"
    r"|[A-Za-z\u00b5\u03bc\u00b0][A-Za-z.]*(?:\^\d|[23\u00b2\u00b3](?![\d]))?"
    r"(?:[ -][A-Za-z]+)?|[" + _SIGN_CHARACTERS + r"\u2033\u00b0\u02da][CF]?|\"|\u2033)"
)
_PERCENT_AFTER = re.compile(
    r"[ \u00a0]?(?:%|per[ ]?cent(?:age)?s?(?:[ ]points?)?(?![A-Za-z])|pct(?![A-Za-z])"
    r"|percentage[ ]points?(?![A-Za-z]))",
    re.IGNORECASE,
)
_PERCENT_OF_BEFORE = re.compile(r"per[ ]?cent(?:age)?[ ]of[ ]\Z", re.IGNORECASE)
_RATE_AFTER = re.compile(r"(?:[ ]?/[ ]?|[ ]per[ ]|[ ]a[ ])(?P<word>[A-Za-z]+)")
_FEET_INCHES = re.compile(
    r"[ ](?:and[ ])?(?P<inches>\d{1,2}(?:\.\d+)?)[ ]?(?:in|inch|inches|\"|\u2033)(?![A-Za-z])"
)
_CENTS_AFTER = re.compile(
    r"[ ](?:and[ ])?(?P<cents>\d{1,2}|[a-z]+(?:[ -][a-z]+)?)"
    r"(?:(?P<unit>[ ]cents?)(?![A-Za-z])|(?=[ ]?[.,;!?)]|\Z|[ ]more))",
    re.IGNORECASE,
)
_MAGNITUDE_AFTER_CURRENCY = re.compile(
    r"[ ]?(?P<word>million|mln|mn|m|billion|bn|b|trillion|tn|k)(?![A-Za-z])", re.IGNORECASE
)
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
_CURRENCY_WORD_AFTER = re.compile(r"[ ]?(?:dollars?|usd|euros?|eur)(?![A-Za-z])", re.IGNORECASE)
_NEXT_WORDS = re.compile(r"\+?[ ](?P<first>[A-Za-z][a-z'-]*)(?:[ ](?P<second>[a-z][a-z'-]*))?")
_LABEL_WORDS = _word_set(
    "type class level category article section chapter phase stage grade round page room "
    "season episode part tier zone flight route highway interstate number no act title schedule "
    "form version verse psalm figure table item box gate platform line lane"
)
_PREVIOUS_WORD = re.compile(r"(?P<word>[A-Za-z']++)[ ,]*+\Z")  # possessive, as _CODE_CHAIN
_PRONOUN_ONE_WORDS = _words(
    "the this that no every any each which only another someone a little big last next right "
    "wrong new old good bad"
)
_PRONOUN_ONE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(_PRONOUN_ONE_WORDS) + r")[ ]\Z", re.IGNORECASE
)
# What the text before "one" must end with for the expression to match, in ASCII text. Outside
# ASCII, ignoring case matches more ("\u017f" for "s"), so the expression alone decides.
_PRONOUN_ONE_ENDINGS = tuple(word + " " for word in _PRONOUN_ONE_WORDS)
_PRONOUN_ONE_AFTER = re.compile(r"[ ](?:another|who|that|which|day)(?![A-Za-z])|['\u2019]s")

_QUALIFIER_PHRASES = {
    "at_least": "at least|at least or equal to|no less than|not less than|no fewer than|"
    "not fewer than|greater than or equal to|more than or equal to|bigger than or equal to|"
    "greater or equal than|bigger or equal than|more or equal than|greater or equal to|"
    "a minimum of|minimum of|upwards of|>=|\u2265|=>",
    "at_most": "at most|no more than|not more than|no greater than|not greater than|"
    "a maximum of|maximum of|less than or equal to|smaller than or equal to|fewer than or equal to|"
    "less or equal than|smaller or equal than|less or equal to|not exceeding|<=|\u2264|=<",
    "up_to": "up to|as many as|as much as|as high as|as long as",
    "more_than": "more than|greater than|bigger than|larger than|higher than|over|above|exceed|"
    "exceeds|exceeded|exceeding|in excess of|north of|>|beyond",
    "less_than": "less than|fewer than|smaller than|lower than|under|below|shy of|<",
    "about": "about|around|roughly|approximately|approx.|approx|nearly|almost|some|circa|ca.|"
    "close to|an estimated|estimated|an average of|on average|~|in the region of|"
    "on the order of|more or less|just about|or so|an approximate|approximate",
    "exact": "exactly|precisely|equal to|equals to|equaling to|equalling to|equals|totalling|"
    "totaling",
}


def _qualifier_table() -> dict[str, str]:
    table = {
        phrase: name
        for name, phrases in _QUALIFIER_PHRASES.items()
        for phrase in phrases.split("|")
    }
    # "bigger or equal than", "no smaller than", "lower than or equal to", ...
    comparatives = {
        "at_least": ("more", "greater", "bigger", "larger", "higher"),
        "at_most": ("less", "fewer", "smaller", "lower"),
    }
    tails = ("than or equal to", "or equal to", "or equal than", "than or equal", "or equal")
    for name, words in comparatives.items():
        opposite = "at_most" if name == "at_least" else "at_least"
        for word in words:
            for tail in tails:
                table.setdefault(f"{word} {tail}", name)
            for head in ("equal to or", "equal or", "equal to or even"):
                table.setdefault(f"{head} {word} than", name)
            for negation in ("no", "not"):
                table.setdefault(f"{negation} {word} than", opposite)
    return table


_QUALIFIERS = _qualifier_table()
_QUALIFIER_MODIFIERS = frozenset({"just", "well", "slightly", "much", "far", "only"})
_WORD = re.compile(r"\S+")
_QUALIFIER_LAST_WORDS = frozenset(phrase.split()[-1] for phrase in _QUALIFIERS)
_SYMBOL_CHARACTERS = "<>=~\u2265\u2264"
_SYMBOL_QUALIFIER = re.compile(r"(?:>=|=>|<=|=<|[<>~\u2265\u2264])[ ]{0,2}\Z")
_OR_MORE_AFTER = re.compile(
    r"[ ]?(?:(?P<at_least>or[ ](?:more|greater|above|higher|over)(?![ ](?:than[ ])?[-\d])"
    r"(?:[ ]than)?|and[ ](?:more|above|over|up)|\+(?![ ]?[\d(])|or[ ]equal(?:[ ]to)?(?:[ ]it)?)"
    r"|(?P<at_most>or[ ](?:less|fewer|below|lower|under)(?![ ](?:than[ ])?[-\d])(?:[ ]than)?))"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)
_BETWEEN_BEFORE = re.compile(r"(?<![A-Za-z])(?:between|from)[ ]\Z", re.IGNORECASE)
# "-[ ]" before a word joins a suspended hyphen: "8- to 16-metre", "10- to 15-year-olds".
_RANGE_JOINER = re.compile(
    r"[ ]?(?:(?P<dash>[-\u2013\u2014~])|(?:-[ ])?(?P<word>to|through|thru|and|until))[ ]?",
    re.IGNORECASE,
)
# Verbs of change: after them "from 5% to 10%" is two figures, not a range.
_CHANGE_VERBS = _word_set(
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


def find_quantities(text: str) -> list[Quantity]:
    """Quantities in ``text``, in order and not overlapping; ``q.text == text[q.start:q.end]``.

    Never raises on arbitrary text; linear in the length of the text.
    """
    quantities = []
    codes = set()
    for number in _find_numbers(text):
        quantity = _describe(text, number)
        if quantity is not None:
            quantities.append(quantity)
            if number.form == "code":
                codes.add(quantity.start)
    return _merge_ranges(text, _without_overlaps(quantities), codes)


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
    for trigger in _TRIGGER.finditer(lowered):
        start, end = trigger.span("hit")
        if start == len(text):
            break
        if start < covered:
            continue
        if start and text[start - 1] in "-+\u2212." and _has_sign_before(text, start):
            start -= 1  # a sign or a leading decimal point: "-1", ".25" (no date starts so)
        elif _may_start_date(text, start, end):
            date = _DATE_AT.match(text, start)
            if date:
                covered = date.end()  # "2022-03-03", "10:30", "3 March"
                continue
        article = None
        if text[start - 2 : start] in ("a ", "A ", "n ", "N "):
            article = _ARTICLE_BEFORE.search(text, max(covered, start - 4, 0), start)
        if article:
            start = article.start()  # "a hundred", "a third", "a dozen"
        tokens = _tokens(text, start)
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


# What follows the digits of a date or a time (_DATE_AT) at its start: one or two digits and
# "/", ".", ":", a space, "st", "nd", "rd", "th", "am" or "pm" ("3/4/22", "10:30", "3 March",
# "3rd", "3pm"); four digits and a dash or a slash ("2022-03", "2022/23"). After a space comes
# a letter ("3 March", "3 of March", "3 pm"). Characters outside ASCII are left to the
# expression: ignoring case, it takes "\u017f" for an "s".
_AFTER_DAY_DIGITS = frozenset("/.: sSnNrRtTaApP")
_AFTER_YEAR_DIGITS = frozenset("-/")


def _may_start_date(text: str, start: int, end: int) -> bool:
    """Whether a date can start at the number that runs from ``start`` to ``end``."""
    after = text[end : end + 1]
    if not after.isascii():
        return True
    digits = end - start
    if digits <= 2:
        if after == " ":  # "1 2 3" starts no date
            following = text[end + 1 : end + 2]
            return following.isalpha() or not following.isascii()
        return after in _AFTER_DAY_DIGITS
    return digits == 4 and after in _AFTER_YEAR_DIGITS


def _ascii_lowered(text: str) -> str:
    # bytes.lower() changes ASCII letters only, and in UTF-8 every other character is made of
    # bytes above 127.
    return text.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def _has_sign_before(text: str, start: int) -> bool:
    """Whether the sign or decimal point before ``start`` belongs to the number ("-1", ".25");
    the caller has checked that one is there."""
    if not text[start].isdigit():
        return False
    return start == 1 or not text[start - 2].isalnum()


def _without_overlaps(quantities: list[Quantity]) -> list[Quantity]:
    kept: list[Quantity] = []
    for quantity in quantities:
        if kept and quantity.start < kept[-1].end:
            continue
        kept.append(quantity)
    return kept


def _describe(text: str, number: _Number) -> Quantity | None:
    """Turn a bare number into a quantity by reading the words around it."""
    if not math.isfinite(number.value):
        return None
    if number.digits and _is_plain_figure(text, number):
        start, end, value = number.start, number.end, _tidy(number.value)
        return Quantity(start, end, text[start:end], value, value, value)
    if _is_date(text, number):
        return None
    if number.form == "code":
        # Parts of a phone number or an identifier are numbers, never a range or an amount.
        surface = text[number.start : number.end]
        value = number.value
        return Quantity(number.start, number.end, surface, value, value, value)
    if number.form == "ordinal" or (number.digits and _ORDINAL_SUFFIX.match(text, number.end)):
        return _ordinal_quantity(text, number)
    if not number.digits and (
        _is_pronoun_one(text, number) or _is_bare_half_or_quarter(text, number)
    ):
        return None
    start, value = _with_sign(text, number.start, number.value)
    end = number.end
    currency = _currency_before(text, start)
    if currency:
        unit, kind = currency[0], "currency"
        start = currency[1]
        value, end = _currency_tail(text, end, value, number)
    else:
        unit, kind, value, end = _unit_after(text, end, value, number)
        percent_of = _percent_of_before(text, start) if kind == "number" else None
        if percent_of is not None:
            unit, kind, start = "percent", "percent", percent_of
    if kind == "number" and number.form == "fraction" and abs(value) < 1:
        kind = "ratio"
        of_magnitude = _OF_A_MAGNITUDE.match(text, end)
        if of_magnitude:  # "a quarter of a million"
            value *= MAGNITUDES[of_magnitude.group(1).lower()]
            unit, kind, value, end = _unit_after(text, of_magnitude.end(), value, number)
    elif kind == "count" and number.form == "fraction" and abs(value) < 1:
        kind = "ratio"  # "four out of five migrants" is a share of migrants
    value = _tidy(value)  # 32.34 * 1e6 is 32340000.000000004 in binary floating point
    quantity = Quantity(start, end, "", value, value, value, True, True, "exact", unit, kind)
    _apply_qualifiers(text, quantity)
    quantity.text = text[quantity.start : quantity.end]
    return quantity


_ASCII_DIGITS = frozenset("0123456789")
# What may follow a figure where no rule of _describe reads anything: closing punctuation that
# separates no code ("1-2", "1/2", "1.2" do), or a space before another figure.
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


def _tidy(value: float) -> float:
    if -1e15 < value < 1e15 and value == int(value):
        return float(value)  # exact in 15 digits already; formatting costs more than the test
    return float(f"{value:.15g}")


def _with_sign(text: str, start: int, value: float) -> tuple[int, float]:
    """A sign written as a word ("minus five") or apart at the start ("- 1 4/5")."""
    if 0 < start <= 3 and text[:start].strip() in ("-", "\u2212") and value > 0:
        return 0, -value
    if text[start - 2 : start] in ("s ", "e ", "S ", "E "):  # cheap test for minus/negative
        sign_word = _SIGN_WORD_BEFORE.search(text, max(0, start - 10), start)
        if sign_word:
            return sign_word.start(), -value
    return start, value


def _percent_of_before(text: str, start: int) -> int | None:
    """Where "percent of" starts before a number ("per cent of 210"), if it does."""
    if text[start - 3 : start].lower() != "of ":
        return None
    match = _PERCENT_OF_BEFORE.search(text, max(0, start - 20), start)
    return match.start() if match else None


def _ordinal_quantity(text: str, number: _Number) -> Quantity | None:
    end = number.end
    if number.digits:
        end = _ORDINAL_SUFFIX.match(text, end).end()
    elif number.value in (1, 2):
        return None  # "first" and "second" are nearly always discourse words, not figures
    value = number.value
    surface = text[number.start : end]
    return Quantity(number.start, end, surface, value, value, value, kind="ordinal")


def _is_bare_half_or_quarter(text: str, number: _Number) -> bool:
    # "the third quarter", "the second half" are periods of time; "half of", "a quarter" count.
    if number.digits or text[number.start : number.end].lower() not in (
        "half",
        "quarter",
        "halves",
        "quarters",
    ):
        return False
    return not _FRACTION_OF_AFTER.match(text, number.end)


def _is_pronoun_one(text: str, number: _Number) -> bool:
    if number.value != 1 or number.digits or number.end - number.start != 3:
        return False
    start = number.start
    before = text[max(0, start - 13) : start]  # the window and the character the look-behind reads
    if (not before.isascii() or before.lower().endswith(_PRONOUN_ONE_ENDINGS)) and (
        _PRONOUN_ONE_BEFORE.search(text, max(0, start - 12), start)
    ):
        return True
    return _PRONOUN_ONE_AFTER.match(text, number.end) is not None


def _is_date(text: str, number: _Number) -> bool:
    """Dates, times, years and letter-digit names ("F16") are not quantities."""
    start = number.start
    if not number.digits:
        return False
    # Dates and times ("2022-03-03", "10:30") were skipped when the numbers were read.
    before = text[start - 1] if start else ""
    if before.isalpha() and not _currency_before(text, start):
        return True  # "F16", "COVID19", "i7"
    if (
        before == "-"
        and "A" <= text[start - 2 : start - 1] <= "Z"
        and _NAME_WITH_NUMBER.search(text, max(0, start - 12), start)
    ):
        return True  # "COVID-19", "PG-13", "G-7", "MH-17"
    if _looks_like_code(text, start, number.end):
        number.form = "code"
        return False
    if before == " " and _after_month(text, start):
        return True  # "March 3", "March 3, 2022"
    return number.form == "number" and _is_year(text, number)


def _after_month(text: str, start: int) -> bool:
    # Cheap tests first: a month name is one or two words before ("March 3", "March 3, 2022").
    if start < 2 or not (text[start - 2].isalpha() or text[start - 2] in ",."):
        return False
    window = text[max(0, start - 20) : start]
    # Lower-cased, the stems are plain literals the engine skips to; "\u017f" (long s) is
    # the one letter that also matches one of them ignoring case.
    if not _MONTH_STEM.search(window.lower()) and "\u017f" not in window:
        return False
    return _MONTH_BEFORE.search(text, max(0, start - 20), start) is not None


def _looks_like_code(text: str, start: int, end: int) -> bool:
    """Phone numbers and identifiers: "+1-222-2222", "1-888-373-7888", "(202) 626-8825"."""
    if start and text[start - 1] == "+":
        return True
    if text[end : end + 1] not in _CODE_SEPARATORS and text[start - 1 : start] not in (
        _CODE_SEPARATORS
    ):
        return False
    window = max(0, start - 7)
    if text.find(")", window, start) != -1 and _PHONE_AREA_BEFORE.search(text, window, start):
        return True
    return _in_code_chain(text, start)


_CODE_CHAIN_WINDOW = (16, 40)  # characters before and after a figure
_DIGIT_RUN = re.compile(r"\d*+")


def _in_code_chain(text: str, start: int) -> bool:
    """Whether ``start`` lies inside a match of _CODE_CHAIN between 16 characters before it and
    40 after: three digit runs or more, each joined to the next by one "-", "/" or ".".

    For a figure that starts a digit run, the runs are counted outwards from its own: in a
    long chain ("1-1-1-...") that costs a fraction of matching the whole window each time.
    """
    lo, hi = max(0, start - _CODE_CHAIN_WINDOW[0]), min(len(text), start + _CODE_CHAIN_WINDOW[1])
    if not text[start].isdecimal() or (start > lo and text[start - 1].isdecimal()):
        # Matches come in order and do not overlap: only the first that ends after ``start``
        # can hold it.
        for match in _CODE_CHAIN.finditer(text, lo, hi):
            if match.end() > start:
                return match.start() <= start
        return False
    runs, position = 1, start  # backwards: where the earliest run counted starts
    while (
        runs < 3
        and position - 2 >= lo
        and text[position - 1] in "-/."
        and text[position - 2].isdecimal()
    ):
        position -= 2
        while position > lo and text[position - 1].isdecimal():
            position -= 1
        runs += 1
    position = _DIGIT_RUN.match(text, start, hi).end()  # forwards: where the last run ends
    while (
        runs < 3
        and position + 1 < hi
        and text[position] in "-/."
        and text[position + 1].isdecimal()
    ):
        position = _DIGIT_RUN.match(text, position + 1, hi).end()
        runs += 1
    return runs >= 3


def _is_year(text: str, number: _Number) -> bool:
    surface = text[number.start : number.end]
    if len(surface) != 4 or not surface.isdigit() or not 1200 <= number.value <= 2100:
        return False
    start = number.start
    if _NON_YEAR_RANGE_AFTER.match(text, number.end) or _NON_YEAR_RANGE_BEFORE.search(
        text, max(0, start - 30), start
    ):
        return False
    if _qualifier_before(text, start) or _currency_before(text, start):
        return False  # "more than 2000", "$2000"
    if _PERCENT_AFTER.match(text, number.end):
        return False
    following = _NEXT_WORDS.match(text, number.end)
    if following is None:
        return True
    word = following.group("first")
    if _unit_word(word) is None and not _counted_noun(following):
        return True
    previous = _PREVIOUS_WORD.search(text, max(0, start - 20), start)
    return previous is not None and previous.group("word").lower() in _YEAR_PREVIOUS_WORDS


def _currency_before(text: str, start: int) -> tuple[str, int] | None:
    if not _may_follow_currency(text, start):
        return None
    match = _CURRENCY_BEFORE.search(text, max(0, start - 8), start)
    if match is None:
        return None
    if match.group("sign"):
        code = (match.group("code") or "").lower() + match.group("sign")
        if code in CURRENCY_SIGNS:
            return CURRENCY_SIGNS[code], match.start()
        return CURRENCY_SIGNS[match.group("sign")], match.start("sign")
    if match.group("iso"):
        iso = match.group("iso")
        return (iso, match.start()) if iso in _CURRENCY_CODES else None
    word = match.group("word").lower().rstrip(".")
    return ("INR" if word == "rs" else UNITS[word][0]), match.start()


def _may_follow_currency(text: str, start: int) -> bool:
    # Cheap test first: a sign, a currency code in capitals or a currency word just before.
    before = text[max(0, start - 9) : start].rstrip(" .")
    if not before:
        return False
    last = before[-1]
    if last in _SIGN_CHARACTERS:
        return True
    if not last.isalpha():
        return False
    word = before.rsplit(" ", 1)[-1]
    return (word.isupper() and len(word) == 3) or word.lower() in _CURRENCY_WORDS_BEFORE


def _currency_tail(text: str, end: int, value: float, number: _Number) -> tuple[float, int]:
    """After "$2.5": absorb an "m"/"bn" magnitude and a repeated currency word ("$5 dollars")."""
    if number.magnitude < 1e3:
        magnitude = _MAGNITUDE_AFTER_CURRENCY.match(text, end)
        if magnitude:
            value *= _SCALE_WORDS[magnitude.group("word").lower()]
            end = magnitude.end()
    repeated = _CURRENCY_WORD_AFTER.match(text, end)
    if repeated:
        end = repeated.end()
    return value, end


def _unit_after(
    text: str, end: int, value: float, number: _Number
) -> tuple[str | None, str, float, int]:
    percent = _PERCENT_AFTER.match(text, end)
    if percent:
        return "percent", "percent", value, percent.end()
    after = _AFTER.match(text, end)
    if after is not None:
        found = _measure_after(text, end, after, value)
        if found is not None:
            return found
        if "-" in after.group("gap") or not after.group("gap"):
            return None, "number", value, end
    counted = _NEXT_WORDS.match(text, end)
    if counted:
        noun = _counted_noun(counted)
        if noun and not _is_label(text, number.start):
            return noun, "count", value, end
    return None, "number", value, end


def _is_label(text: str, start: int) -> bool:
    # "type 2 diabetes", "Article 5 states": the number names something, it counts nothing.
    previous = _PREVIOUS_WORD.search(text, max(0, start - 16), start)
    return previous is not None and previous.group("word").lower() in _LABEL_WORDS


_DIGIT_NEXT = re.compile(r"[ ]?\d")


def _measure_after(
    text: str, end: int, after: re.Match, value: float
) -> tuple[str | None, str, float, int] | None:
    gap, words = after.group("gap"), after.group("word")
    first = words.split(" ", 1)[0].split("-", 1)[0]  # up to the first space or hyphen
    for candidate in dict.fromkeys((words, first, first.rstrip("."))):
        unit = _unit_word(candidate)
        if unit is None or not _unit_allowed(text, end, gap, candidate):
            continue
        if candidate in CURRENCY_SIGNS and _DIGIT_NEXT.match(text[after.end() : after.end() + 2]):
            continue
        name, kind, scale = unit
        unit_end = end + len(gap) + len(candidate)
        if gap[-1:] in _OPENING_BRACKETS and text[unit_end : unit_end + 1] in _CLOSING_BRACKETS:
            unit_end += 1  # "20 [kg]"
        value *= scale
        if kind == "currency":
            magnitude = _MAGNITUDE_WORD_AFTER.match(text, unit_end)
            if magnitude:  # "75 USD million"
                value *= MAGNITUDES[magnitude.group(1).lower()]
                return name, kind, value, magnitude.end()
            value, unit_end = _cents(text, unit_end, value)
            return name, kind, value, unit_end
        return _with_rate(text, unit_end, name, kind, value)
    return None


def _unit_allowed(text: str, end: int, gap: str, candidate: str) -> bool:
    if candidate in ("C", "F"):
        return not gap  # "4C warmer", "1.8F"; "Class 2 F" is not a temperature
    if candidate == "pm":
        # "2.1 pm" is picometres; "2 pm", a time of day, was dropped before this runs.
        return "." in text[max(0, end - 6) : end]
    return not (candidate in ("p", "t") and gap)  # "30p" is pence, "30 p" is not


def _with_rate(
    text: str, end: int, name: str, kind: str, value: float
) -> tuple[str, str, float, int]:
    if name == "foot":
        inches = _FEET_INCHES.match(text, end)
        if inches:
            return name, kind, value + float(inches.group("inches")) / 12, inches.end()
    rate = _RATE_AFTER.match(text, end)
    if rate:
        per = _unit_word(rate.group("word"))
        if per is not None and per[1] == "dimension":
            return f"{name} per {per[0]}", kind, value, rate.end()
    return name, kind, value, end


def _cents(text: str, end: int, value: float) -> tuple[float, int]:
    """ "thirteen dollars and forty-five cents", "15 dollars 50"."""
    tail = _CENTS_AFTER.match(text, end)
    if tail is None:
        return value, end
    cents_text = tail.group("cents")
    if cents_text.isdigit():
        cents: float | None = int(cents_text)
    else:
        tokens = _tokens(cents_text, 0)
        cents = _cardinal(tokens) if tokens and tokens[-1].end == len(cents_text) else None
    if cents is None or cents >= 100:
        return value, end
    return value + cents / 100, tail.end()


def _unit_word(word: str) -> tuple[str, str, float] | None:
    unit = UNITS.get(word)
    if unit is not None:
        return unit
    lower = word.lower()
    unit = UNITS.get(lower)
    if unit is None or (lower in _CASE_SENSITIVE_UNITS and word != lower):
        return None
    return unit


def _counted_noun(match: re.Match) -> str | None:
    """The plural noun a number counts: "26 states", "5 new cases", "3 Americans",
    "1 million Ukrainian refugees"."""
    first = match.group("first")
    lower = first.lower()
    capitalised = first[0].isupper()
    if _is_plural_noun(lower) and not (capitalised and first.isupper()):
        return lower  # but not an acronym: "5 GPS"
    second = match.group("second")
    if second and lower not in _FUNCTION_WORDS and _is_plural_noun(second) and len(lower) > 2:
        return second
    return None


def _is_plural_noun(word: str) -> bool:
    if word in _IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ous", "'s"))
        and word not in _NOT_COUNTED
        and word not in _FUNCTION_WORDS
        and word not in UNITS
    )


def _qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    if start == 0:
        return None
    near = text[max(0, start - 3) : start].strip()[-1:]
    if near and near in _SYMBOL_CHARACTERS:
        symbol = _SYMBOL_QUALIFIER.search(text, max(0, start - 5), start)
        if (
            symbol
            and symbol.group().startswith("~")
            and text[symbol.start() - 1 : symbol.start()].isdigit()
        ):
            symbol = None  # "20~30" is a range
        if symbol:
            return _QUALIFIERS[symbol.group().strip()], symbol.start()
    if text[start - 1] != " ":
        return None
    # Cheap test first: the word just before must be the last word of some qualifier.
    space = text.rfind(" ", max(0, start - 20), start - 1)
    if text[space + 1 : start - 1].lower() not in _QUALIFIER_LAST_WORDS:
        return None
    window = text[max(0, start - 40) : start]
    # The words _WORD finds, lower-cased; where they start is needed only for a qualifier.
    words = window.lower().split()
    for size in range(min(6, len(words)), 0, -1):
        name = _QUALIFIERS.get(" ".join(words[-size:]))
        if name is None:
            continue
        first = len(words) - size
        if first and words[first - 1] in _QUALIFIER_MODIFIERS:
            first -= 1
        starts = [match.start() for match in _WORD.finditer(window)]
        return name, start - len(window) + starts[first]
    return None


def _apply_qualifiers(text: str, quantity: Quantity) -> None:
    qualifier = _qualifier_before(text, quantity.start)
    if qualifier:
        _set_qualifier(quantity, qualifier[0])
        quantity.start = qualifier[1]
    tail = _OR_MORE_AFTER.match(text, quantity.end)
    if tail is None:
        return
    direction = tail.lastgroup
    surface = tail.group().strip().lower()
    if quantity.qualifier in ("exact", "about"):
        if surface.startswith("or equal"):
            return
        _set_qualifier(quantity, direction)
    elif quantity.qualifier in ("more_than", "less_than") and surface.startswith("or equal"):
        _set_qualifier(quantity, "at_least" if quantity.qualifier == "more_than" else "at_most")
    else:
        return
    quantity.end = tail.end()


def _set_qualifier(quantity: Quantity, name: str) -> None:
    value = quantity.value
    quantity.qualifier = name
    if name == "about":
        quantity.low = quantity.high = None
        quantity.low_inclusive = quantity.high_inclusive = False
    elif name in ("more_than", "at_least"):
        quantity.low, quantity.high = value, None
        quantity.low_inclusive, quantity.high_inclusive = name == "at_least", False
    elif name in ("less_than", "at_most", "up_to"):
        quantity.low, quantity.high = None, value
        quantity.low_inclusive, quantity.high_inclusive = False, name != "less_than"


# --- ranges --------------------------------------------------------------------------------


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
    if left.kind not in ("number", right.kind) or (left.unit and left.unit != right.unit):
        return None  # "rose 15% to $415.9 million"
    if word and word != "and" and _follows_change_verb(text, left.start):
        return None  # "rose from 5% to 10%" is a change, two figures, not a range
    if joiner.group("dash") and not (_has_digit(left.text) and _has_digit(right.text)):
        return None  # "three-nought-four" is read digit by digit
    return _interval(text, left, right, opener)


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
    surface = text[start : right.end]
    return Quantity(start, right.end, surface, None, low, high, True, False, "between", unit, kind)


_MAGNITUDE_WORD = re.compile(
    r"(?P<word>thousand|million|billion|trillion)|\d(?P<suffix>k|bn|m|b|tn)(?![A-Za-z])",
    re.IGNORECASE,
)


def _magnitude_word_scale(surface: str) -> float:
    match = _MAGNITUDE_WORD.search(surface)
    if match is None:
        return 1.0
    return _SCALE_WORDS[(match.group("word") or match.group("suffix")).lower()]


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
