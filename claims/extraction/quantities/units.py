"""Units after a number: measures, rates, percent, currency names and counted nouns."""

from __future__ import annotations

import re

from claims.extraction.words import MAGNITUDES, NUMBER_WORDS, word_set

from .currencies import (
    _CURRENCY_CODES,
    _SIGN_CHARACTERS,
    CURRENCY_NAMES,
    CURRENCY_SIGNS,
    _cents,
    _jiao_and_fen,
)
from .numbers import _MAGNITUDE_WORD_AFTER, _Number


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
    add("micrometre", dimension, "\u00b5m|\u03bcm|micrometre|micrometres|micrometer|micrometers")
    add("micrometre", dimension, "micron|microns")
    add("furlong", dimension, "furlong|furlongs")
    add("fathom", dimension, "fathom|fathoms")
    add("light year", dimension, "light year|light years|light-year|light-years")
    add("picometre", dimension, "pm|picometre|picometres|picometer|picometers")
    add("mile", dimension, "mile|miles|mi")
    add("foot", dimension, "ft|foot|feet")
    add("inch", dimension, 'inch|inches|\u2033|"')
    add("inch", dimension, "in.")
    add("yard", dimension, "yard|yards|yd|yds")
    add("nautical mile", dimension, "nautical mile|nautical miles|nmi")
    add("kilogram", dimension, "kg|kgs|kilogram|kilograms|kilogramme|kilogrammes|kilo|kilos")
    add("gram", dimension, "g|gram|grams|gramme|grammes")
    add("milligram", dimension, "mg|milligram|milligrams")
    add("microgram", dimension, "\u00b5g|\u03bcg|mcg|microgram|micrograms")
    add("pound", dimension, "lb|lbs|pound|pounds")
    add("ounce", dimension, "oz|ounce|ounces")
    add("fluid ounce", dimension, "fl oz|fl. oz.|fluid ounce|fluid ounces")
    add("stone", dimension, "stone")  # "6 stone"; "5 stones" are counted
    add("carat", dimension, "carat|carats")
    add("tonne", dimension, "t|tonne|tonnes|metric ton|metric tons|metric tonnes")
    add("kilotonne", dimension, "kilotonne|kilotonnes|kiloton|kilotons")
    add("megatonne", dimension, "megatonne|megatonnes|megaton|megatons")
    add("gigatonne", dimension, "gigatonne|gigatonnes|gigaton|gigatons")
    add("ton", dimension, "ton|tons")
    add("dram", dimension, "drachma|drachmas|dram|drams")
    add("litre", dimension, "l|litre|litres|liter|liters")
    add("millilitre", dimension, "ml|millilitre|millilitres|milliliter|milliliters")
    add("centilitre", dimension, "cl|centilitre|centilitres|centiliter|centiliters")
    add("gallon", dimension, "gallon|gallons|gal")
    add("quart", dimension, "quart|quarts|qt")
    add("pint", dimension, "pint|pints")
    add("hectolitre", dimension, "hectolitre|hectolitres|hectoliter|hectoliters|hl")
    add("bushel", dimension, "bushel|bushels")
    add("barrel", dimension, "barrel|barrels|bbl")
    add("barrel per day", dimension, "bpd")  # "500,000 bpd", as oil news writes it
    add("cubic metre", dimension, "bcm", 1e9)  # billion cubic metres of gas
    add("cubic foot", dimension, "bcf", 1e9)
    add("cubic foot", dimension, "tcf", 1e12)
    add("mile per gallon", dimension, "mpg")
    add("decilitre", dimension, "dl|decilitre|decilitres|deciliter|deciliters")
    table["dL"] = table["dl"]  # "100 mg/dL"; "5 DL" is a list, see _CASE_SENSITIVE_UNITS
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
    add("square foot", dimension, "sq. ft|sq. ft.|sq.ft|ft2|ft\u00b2|sqft")
    add("square metre", dimension, "sq m|sq. m|sqm|sq. m.")
    add("square kilometre", dimension, "sq. km|sq km.")
    add("square mile", dimension, "sq. mi|sq. mi.|sq miles|sq. miles|sq. mile")
    add("square inch", dimension, "square inch|square inches|sq in|sq. in.|in2|in\u00b2")
    add("square yard", dimension, "square yard|square yards|sq yd|yd2|yd\u00b2")
    add("square centimetre", dimension, "square centimetre|square centimetres|cm2|cm\u00b2")
    add("square centimetre", dimension, "square centimeter|square centimeters|sq cm")
    add("square millimetre", dimension, "square millimetre|square millimetres|mm2|mm\u00b2")
    add("square millimetre", dimension, "square millimeter|square millimeters")
    add("cubic metre", dimension, "cubic metre|cubic metres|cubic meter|cubic meters|m3")
    add("cubic metre", dimension, "m\u00b3|m^3")
    add("cubic centimetre", dimension, "cubic centimetre|cubic centimetres|cc|cm3|cm\u00b3")
    add("cubic centimetre", dimension, "cubic centimeter|cubic centimeters|cm^3")
    add("cubic inch", dimension, "cubic inch|cubic inches|in3|in\u00b3")
    add("cubic yard", dimension, "cubic yard|cubic yards|yd3|yd\u00b3")
    add("cubic mile", dimension, "cubic mile|cubic miles")
    add("cubic foot", dimension, "cubic foot|cubic feet")
    add("cubic kilometre", dimension, "cubic kilometre|cubic kilometres|cubic kilometers|km^3")
    add("mile per hour", dimension, "mph")
    add("knot", dimension, "knot|knots|kn")
    add("metre per second", dimension, "metres per second|meters per second")
    add("kilometre per second", dimension, "kilometres per second|kilometers per second")
    add("foot per second", dimension, "feet per second")
    add("kilometre per hour", dimension, "kph|km/h|kmh|kmph|kmph.|km/hr|kilometres per hour")
    add("kilometre per hour", dimension, "kilometers per hour|kilometre per hour")
    add("mile per hour", dimension, "miles per hour|mile per hour|m.p.h.")
    add("degree", dimension, "degree|degrees|\u00b0|\u00ba")  # "\u00ba" (º) is often typed for it
    add("degree Celsius", dimension, "degrees celsius|degree celsius|celsius|\u00b0c|\u02dac")
    add("degree Celsius", dimension, "\u00bac|degrees c|degree c|degrees centigrade|centigrade")
    add("degree Fahrenheit", dimension, "degrees fahrenheit|degree fahrenheit|fahrenheit|\u00b0f")
    add("degree Fahrenheit", dimension, "\u00baf|degrees f|degree f")
    add("degree Fahrenheit", dimension, "\u02daf")
    add("part per million", dimension, "ppm|parts per million")
    add("part per billion", dimension, "ppb|parts per billion")
    add("kelvin", dimension, "kelvin")
    table["L"] = table["l"]  # the litre's symbol in capitals: "3 to 4 L of wine"
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
    add("petabyte", dimension, "petabyte|petabytes")
    add("kibibyte", dimension, "kib|kibibyte|kibibytes")
    add("mebibyte", dimension, "mib|mebibyte|mebibytes")
    add("gibibyte", dimension, "gib|gibibyte|gibibytes")
    add("terabit", dimension, "tbit|terabit|terabits")
    add("kilobit", dimension, "kilobit|kilobits|kbit|kb/s")
    add("megabit", dimension, "megabit|megabits|mbit")
    add("gigabit", dimension, "gigabit|gigabits|gbit")
    # A small "b" is a bit where the prefix is a capital: "8 Gb", "100 Mb" (a capital "B" or all
    # small letters, "8 GB", "100 mb", are bytes).
    for prefix, name in (("K", "kilobit"), ("M", "megabit"), ("G", "gigabit"), ("T", "terabit")):
        table[prefix + "b"] = table[name]
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
    add("gigawatt hour", dimension, "gwh|gigawatt hours|gigawatt hour|gigawatt-hours")
    add("terawatt hour", dimension, "twh|terawatt hour|terawatt hours|terawatt-hours")
    add("terawatt", dimension, "terawatt|terawatts")
    add("electronvolt", dimension, "ev")
    add("teraelectronvolt", dimension, "tev")
    add("volt", dimension, "volt|volts")
    table["V"] = table["volt"]  # "12 V"; a small "v" is "versus"
    add("kilovolt", dimension, "kv|kilovolt|kilovolts")
    add("ampere", dimension, "amp|amps|ampere|amperes")
    add("milliampere", dimension, "milliamp|milliamps|milliampere|milliamperes")
    add("ohm", dimension, "ohm|ohms|\u03a9")
    add("joule", dimension, "joule|joules")
    add("kilojoule", dimension, "kj|kilojoule|kilojoules")
    add("calorie", dimension, "calorie|calories|cal")
    add("kilocalorie", dimension, "kcal|kilocalorie|kilocalories")
    add("newton", dimension, "newton|newtons")
    add("pascal", dimension, "pascal|pascals")
    table["Pa"], table["mA"] = table["pascal"], table["milliamp"]  # in this case only
    # Tonnes with a capital prefix, in this case only ("270 Gt of ice", "3 Mt of CO2",
    # "36.8 GtCO2", "10 GtC" of carbon); "mt" is no unit, "Mt Everest" comes before its figure
    # and "kt" is as often knots.
    for prefix, name in (("M", "megatonne"), ("G", "gigatonne")):
        for suffix in ("t", "tCO2", "tC"):
            table[prefix + suffix] = table[name]
    add("kilopascal", dimension, "kpa|kilopascal|kilopascals")
    add("pound per square inch", dimension, "psi")
    add("horsepower", dimension, "hp|horsepower")
    add("decibel", dimension, "db|decibel|decibels")
    add("hertz", dimension, "hz")
    add("gigahertz", dimension, "ghz")
    add("megahertz", dimension, "mhz")
    add("second", dimension, "second|seconds|sec|secs")
    add("millisecond", dimension, "millisecond|milliseconds|ms")
    add("microsecond", dimension, "microsecond|microseconds|\u00b5s|\u03bcs")
    add("nanosecond", dimension, "nanosecond|nanoseconds|ns")
    add("minute", dimension, "minute|minutes|mins")
    add("hour", dimension, "hour|hours|hr|hrs|h")
    add("day", dimension, "day|days")
    add("week", dimension, "week|weeks")
    add("month", dimension, "month|months")
    add("year", dimension, "year|years|yr|yrs")
    add("decade", dimension, "decade|decades")
    add("century", dimension, "century|centuries")
    table.update(CURRENCY_NAMES)
    return table


UNITS = _unit_table()
# A lone letter after a number is a unit only in lower case ("5 m", "3 l"); "5 M" is not.
_CASE_SENSITIVE_UNITS = frozenset(
    {"m", "g", "t", "l", "w", "p", "h", "ha", "mi", "ms", "pm", "stone", "cal", "hp", "dl"}
)
# Plural nouns that do not end in -s, and -s words that are not counted nouns.
_IRREGULAR_PLURALS = word_set(
    "people children men women police staff personnel cattle sheep fish troops deer feet teeth "
    "mice geese data media"
)
_NOT_COUNTED = word_set(
    "was has is this his its does says as us yes thus plus less always perhaps besides unless "
    "whereas across towards afterwards sometimes percent news series species means whereas "
    "dollars euros pounds yen per ago hers ours yours theirs its diabetes measles mumps physics "
    "economics politics mathematics athletics gymnastics whereabouts equals"
)
_FUNCTION_WORDS = word_set(
    "a an the of in on at to for by with from and or but nor so as than that which who whom whose "
    "is are was were be been being has have had do does did will would shall should can could "
    "may might must said says more less most least per also not no each every all any some "
    "other another such this these those there here it its they them their he she his her we "
    "our you your i me my percent times million billion thousand trillion hundred"
)
_OPENING_BRACKETS = ("[", "<", "{", "(")
_CLOSING_BRACKETS = ("]", ">", "}", ")")
_AFTER = re.compile(
    r"(?P<gap>[ \u00a0]?(?:-[ ]?)?[\[<{(]?)"
    r"(?P<word>parts[ ]per[ ][mb]illion|[A-Za-z]{1,3}\$"  # "5 C$", "5 AUD$"
    r"|[A-Za-z\u00b5\u03bc\u00b0][A-Za-z.]*(?:\^\d|[23\u00b2\u00b3](?![\d]))?"
    r"(?:[ -][A-Za-z]+)?|[" + _SIGN_CHARACTERS + r"\u2033\u00b0\u00ba\u02da][CF]?|\"|\u2033)"
)
_PERCENT_AFTER = re.compile(
    r"[ \u00a0]?(?:%|-?per[ ]?cent(?:age)?s?(?:[ ]points?)?(?![A-Za-z])|pct(?![A-Za-z])"
    r"|percentage[ ]points?(?![A-Za-z]))",
    re.IGNORECASE,
)
# What _PERCENT_AFTER reads after its optional space starts so, in any case.
_PERCENT_INITIALS = frozenset("%-pP")
_PERCENT_OF_BEFORE = re.compile(r"per[ ]?cent(?:age)?[ ]of[ ]\Z", re.IGNORECASE)
_RATE_AFTER = re.compile(
    r"(?:[ ]?/[ ]?|[ ]per[ ]|[ ]an?[ ])(?P<word>[A-Za-z]+(?:[23\u00b2\u00b3](?![\d])|\^\d)?)"
)
_FEET_INCHES = re.compile(
    r"\.?[ ](?:and[ ])?(?P<inches>\d{1,2}(?:\.\d+)?)[ ]?(?:in|inch|inches|\"|\u2033)(?![A-Za-z])"
    r"|(?<=-foot)-(?P<bare>\d{1,2})(?![\d.]|-[A-Za-z])"  # "6-foot-3"
)
# Feet and inches in prime marks: "5'11\"", "6\u2032 2\u2033".
_FEET_PRIMES = re.compile(
    r"['\u2032][ ]?(?P<inches>\d{1,2}(?:\.\d+)?)(?:\"|\u2033|'')(?![A-Za-z\d])"
)
_NEXT_WORDS = re.compile(r"\+?[ ](?P<first>[A-Za-z][a-z'-]*)(?:[ ](?P<second>[a-z][a-z'-]*))?")
_LABEL_WORDS = word_set(
    "type class level category article section chapter phase stage grade round page room "
    "season episode part tier zone flight route highway interstate number no act title schedule "
    "form version verse psalm figure table item box gate platform line lane"
)
_WORD_BEFORE = re.compile(r"[A-Za-z\d,.]+(?=[ \u00a0]?\Z)")
_PREVIOUS_WORD = re.compile(r"(?P<word>[A-Za-z']++)[ ,]*+\Z")  # possessive, as _CODE_CHAIN


def _percent_of_before(text: str, start: int) -> int | None:
    """Where "percent of" starts before a number ("per cent of 210"), if it does."""
    if text[start - 3 : start].lower() != "of ":
        return None
    match = _PERCENT_OF_BEFORE.search(text, max(0, start - 20), start)
    if match is None:
        return None
    previous = _WORD_BEFORE.search(text, max(0, match.start() - 20), match.start())
    if previous and (previous.group()[-1].isdigit() or previous.group().lower() in NUMBER_WORDS):
        return None  # "ten percent of two hundred": the percent has its own figure
    return match.start()


def _unit_after(
    text: str, end: int, value: float, number: _Number
) -> tuple[str | None, str, float, int]:
    following = text[end : end + 1]
    if following in (" ", "\u00a0"):
        following = text[end + 1 : end + 2]
    percent = _PERCENT_AFTER.match(text, end) if following in _PERCENT_INITIALS else None
    if percent:
        return "percent", "percent", value, percent.end()
    primes = _FEET_PRIMES.match(text, end) if text[end : end + 1] in "'\u2032" else None
    if primes:
        return "foot", "dimension", value + float(primes.group("inches")) / 12, primes.end()
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
        if noun and not _is_label(text, number.start) and value != 1:
            return noun, "count", value, end  # "one appears", "one counts": one takes a verb
    return None, "number", value, end


def _is_label(text: str, start: int) -> bool:
    # "type 2 diabetes", "Article 5 states": the number names something, it counts nothing.
    previous = _PREVIOUS_WORD.search(text, max(0, start - 16), start)
    return previous is not None and previous.group("word").lower() in _LABEL_WORDS


_DIGIT_NEXT = re.compile(r"[ ]?\d")
# Units written short only after "/": "5 m/s", "9 km/s".
_PER_ABBREVIATIONS = {"s": ("second", "dimension", 1.0), "sec": ("second", "dimension", 1.0)}
_SIGNS_AFTER = re.compile(r"[ ]?\d[\d,.]*[ ]?(?P<sign>\S)(?=[ ]|$)(?<=[^\w\s])")
# A straight double quote is an inch mark only apart from the figure and before a word ("a
# 10 " pipe"); attached, it closes a quotation ("it cost 10"").
_INCH_QUOTE = re.compile(r'[ ]"[ ][a-z]')


def _measure_after(
    text: str, end: int, after: re.Match, value: float
) -> tuple[str | None, str, float, int] | None:
    gap, words = after.group("gap"), after.group("word")
    first = words.split(" ", 1)[0].split("-", 1)[0]  # up to the first space or hyphen
    if not (_may_lead_unit(first) or _may_lead_unit(first.rstrip("."))):
        return None  # every candidate below starts so
    longer: tuple[str, ...] = ()
    if words.lower() in _THREE_WORD_STARTS:  # "new zealand dollars", "sri lankan rupees"
        third = _THIRD_WORD.match(text, after.end())
        longer = (words + third.group(),) if third else ()
    spaced = words.replace("-", " ") if "-" in words else words  # "5,000-square-foot"
    for candidate in dict.fromkeys((*longer, words, spaced, first, first.rstrip("."))):
        unit = _unit_word(candidate)
        if unit is None or not _unit_allowed(text, end, gap, candidate):
            continue
        if (
            candidate in CURRENCY_SIGNS
            and _DIGIT_NEXT.match(text[after.end() : after.end() + 2])
            and not _SIGNS_AFTER.match(text, after.end(), after.end() + 40)
        ):
            continue  # "10 $5": the sign is the next amount's, unless signs follow ("10 $ 30 $")
        if candidate == '"' and not _INCH_QUOTE.match(text, end):
            continue
        name, kind, scale = unit
        unit_end = end + len(gap) + len(candidate)
        if kind == "currency" and text[unit_end : unit_end + 1].isdigit():
            continue  # "3 GBP15 gift cards": the code is the next amount's
        if len(candidate) == 1 and gap and _CODE_AFTER_LETTER.match(text, unit_end):
            continue  # "24703 L-202": a letter apart, joined to a figure, is a code; "1.5C-2C"
        if gap[-1:] in _OPENING_BRACKETS and text[unit_end : unit_end + 1] in _CLOSING_BRACKETS:
            unit_end += 1  # "20 [kg]"
        if candidate == "m" and not gap and _m_is_million(text, unit_end):
            return _million_and_unit(text, unit_end, value)  # "3m people", "4m years"
        value *= scale
        if kind == "currency":
            magnitude = _MAGNITUDE_WORD_AFTER.match(text, unit_end)
            if magnitude:  # "75 USD million"
                value *= MAGNITUDES[magnitude.group(1).lower()]
                return name, kind, value, magnitude.end()
            if name == "CNY":
                value, unit_end = _jiao_and_fen(text, unit_end, value)
            elif name not in ("cent", "GBX"):  # "30 cents a dozen" has no cents of cents
                value, unit_end = _cents(text, unit_end, value, name)
            return name, kind, value, unit_end
        return _with_rate(text, unit_end, name, kind, value)
    return None


# The first word of every unit (up to a space or a hyphen), in lower case.
_UNIT_LEADS = frozenset(unit.lower().split(" ", 1)[0].split("-", 1)[0] for unit in UNITS)


def _may_lead_unit(word: str) -> bool:
    """Whether ``word`` may be a unit or start one ("AUD$" and "MGBP" are read by letter)."""
    return len(word) == 4 or word.lower() in _UNIT_LEADS


# After "2m", words that keep it metres though a plural follows ("a 2m high wall", "200m finals").
_METRE_WORDS = word_set(
    "tall high deep long wide thick away across apart short heats finals hurdles relays races "
    "sprints"
)
_AREA_OR_VOLUME = word_set("sq square cubic")
_RANGE_END_IN_M = re.compile(r"(?:[ ]?[-\u2013][ ]?|[ ](?:to|and)[ ])\d[\d.,]*m(?![A-Za-z\d])")
_CODE_NEXT = re.compile(r"[ ](?P<code>[A-Z]{3})(?![A-Za-z])")


def _m_is_million(text: str, end: int) -> bool:
    """ "3m people", "1.5m Ukrainian refugees", "4m years", "5.7m sq km", "700m EGP": an
    attached "m" before a plural noun, a unit or a currency code is a million, not metres."""
    other_end = _RANGE_END_IN_M.match(text, end)
    if other_end is not None:  # "3m-4m people", "between 2m and 3m people"
        end = other_end.end()
    code = _CODE_NEXT.match(text, end)
    if code is not None and code.group("code") in _CURRENCY_CODES:
        return True
    following = _NEXT_WORDS.match(text, end)
    if following is None:
        return False
    first = following.group("first")
    lower = first.lower()
    if lower in _METRE_WORDS or following.group("second") in _METRE_WORDS:
        return False
    if lower in _AREA_OR_VOLUME:
        return True
    unit = _unit_word(first) if len(first) > 2 else None
    if unit is not None:
        return lower.endswith("s") or unit[1] == "currency"  # "2m tonnes", not "2m long"
    return _counted_noun(following) is not None


def _million_and_unit(text: str, end: int, value: float) -> tuple[str | None, str, float, int]:
    value *= 1e6
    after = _AFTER.match(text, end)
    found = _measure_after(text, end, after, value) if after is not None else None
    if found is not None:
        return found
    counted = _NEXT_WORDS.match(text, end)
    noun = _counted_noun(counted) if counted else None
    return noun, ("count" if noun else "number"), value, end


_CODE_AFTER_LETTER = re.compile(r"-\d")
_THREE_WORD_STARTS = frozenset(" ".join(name.split()[:2]) for name in UNITS if name.count(" ") == 2)
_THIRD_WORD = re.compile(r"[ ][A-Za-z]+(?![A-Za-z])")


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
            count = float(inches.group("inches") or inches.group("bare"))
            return name, kind, value + count / 12, inches.end()
    rate = _RATE_AFTER.match(text, end)
    if rate:
        word = rate.group("word")
        per = _unit_word(word) if word not in _PER_ABBREVIATIONS else _PER_ABBREVIATIONS[word]
        if per is not None and per[1] == "dimension":
            return f"{name} per {per[0]}", kind, value, rate.end()
    return name, kind, value, end


def _unit_word(word: str) -> tuple[str, str, float] | None:
    unit = UNITS.get(word)
    if unit is not None:
        return unit
    lower = word.lower()
    unit = UNITS.get(lower)
    if unit is None and len(word) == 4 and word[3] == "$" and word[:3].upper() in _CURRENCY_CODES:
        return word[:3].upper(), "currency", 1.0  # "5 AUD$", "20 NZD$"
    if unit is None and len(word) == 4 and word[0] in "MK" and word[1:] in _CURRENCY_CODES:
        return word[1:], "currency", 1e6 if word[0] == "M" else 1e3  # "7 MGBP", "2 KUSD"
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
