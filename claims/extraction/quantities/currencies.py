"""Currencies: signs and codes before an amount, names after it, cents.

Plain "$" is the US dollar unless the text marks another dollar ("A$", "C$", "NZ$").
"""

from __future__ import annotations

import re

from claims.extraction.types import Quantity
from claims.extraction.words import word_set

from .numbers import _SCALE_WORDS, _cardinal, _Number, _tidy, _tokens

# ISO code -> the names written after an amount (lower case). Dollars and pesos of a country
# are named with it; a plain "dollar" is the US dollar. Words that are common English too
# ("real", "won", "rand" is not) are listed only with their country.
_NAMES = {
    "USD": "dollar|dollars|buck|bucks|us dollar|us dollars|u.s. dollar|u.s. dollars|"
    "american dollar|american dollars|united states dollars",
    "EUR": "euro|euros|eurocent",
    "GBP": "sterling|pound sterling|pounds sterling|british pound|british pounds|quid",
    "GBX": "pence|penny|pennies|p",
    "cent": "cent|cents|\u00a2",
    "JPY": "yen|japanese yen",
    "CNY": "yuan|chinese yuan|rmb|renminbi|kuai|\u5143",
    "CHF": "franc|francs|swiss franc|swiss francs",
    "INR": "rupee|rupees|indian rupee|indian rupees",
    "PKR": "pakistani rupee|pakistani rupees",
    "LKR": "sri lankan rupee|sri lankan rupees",
    "NPR": "nepalese rupee|nepalese rupees",
    "TRY": "lira|liras|turkish lira|turkish liras",
    "RUB": "rouble|roubles|ruble|rubles|russian rouble|russian roubles|russian rubles",
    "UAH": "hryvnia|hryvnias|hryvnas",
    "CAD": "canadian dollar|canadian dollars",
    "AUD": "australian dollar|australian dollars|aussie dollars",
    "NZD": "new zealand dollar|new zealand dollars",
    "HKD": "hong kong dollar|hong kong dollars|hk dollar|hk dollars",
    "SGD": "singapore dollar|singapore dollars",
    "TWD": "taiwan dollar|taiwan dollars|new taiwan dollars|taiwanese dollars",
    "ZWL": "zimbabwe dollars|zimbabwean dollars",
    "MXN": "peso|pesos|mexican peso|mexican pesos",
    "ARS": "argentine peso|argentine pesos|argentinian pesos",
    "CLP": "chilean peso|chilean pesos",
    "COP": "colombian peso|colombian pesos",
    "PHP": "philippine peso|philippine pesos",
    "BRL": "reais|brazilian real|brazilian reais",
    "ZAR": "rand|rands|south african rand",
    "KRW": "korean won|south korean won",
    "ILS": "shekel|shekels|new shekels|israeli shekels",
    "PLN": "zloty|zlotys|zlotych|polish zloty|polish zlotys",
    "HUF": "forint|forints|hungarian forints",
    "CZK": "koruna|korunas|czech crowns|czech korunas",
    "SEK": "krona|kronor|swedish krona|swedish kronor|swedish crowns",
    "NOK": "norwegian krone|norwegian kroner|norwegian crowns",
    "DKK": "danish krone|danish kroner|danish crowns",
    "ISK": "icelandic krona|icelandic kronur",
    "THB": "baht|thai baht",
    "MYR": "ringgit",
    "IDR": "rupiah",
    "VND": "vietnamese dong",
    "NGN": "naira",
    "GHS": "cedi|cedis",
    "KES": "kenyan shilling|kenyan shillings",
    "EGP": "egyptian pound|egyptian pounds",
    "SAR": "riyal|riyals|saudi riyal|saudi riyals",
    "AED": "dirham|dirhams|uae dirham|uae dirhams",
    "GEL": "lari|georgian lari",
    "KZT": "tenge",
    "CRC": "colon|colones",
    "LAK": "kip",
    # Currencies the euro replaced, frequent in older reporting; a plain "marks" or "kroner" is
    # left out ("80 marks" in an exam, Danish or Norwegian crowns).
    "DEM": "deutsche mark|deutsche marks|deutschmark|deutschmarks|german mark|german marks",
    "ITL": "lire|italian lira|italian lire",
    "ESP": "peseta|pesetas|spanish pesetas",
    "NLG": "guilder|guilders|dutch guilder|dutch guilders",
    "ATS": "schilling|schillings|austrian schilling|austrian schillings",
    "FRF": "french franc|french francs",
    "BEF": "belgian franc|belgian francs",
    "BTC": "bitcoin|bitcoins",
    "satoshi": "satoshi|satoshis",
}
CURRENCY_SIGNS = {
    "$": "USD",
    "us$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "a$": "AUD",
    "au$": "AUD",
    "nz$": "NZD",
    "hk$": "HKD",
    "s$": "SGD",
    "nt$": "TWD",
    "mex$": "MXN",
    "mx$": "MXN",
    "r$": "BRL",
    "\u00a3": "GBP",
    "\u20ac": "EUR",
    "\u00a5": "JPY",
    "\u5143": "CNY",
    "\u20b9": "INR",
    "\u20a8": "PKR",
    "\u20a9": "KRW",
    "\u20bd": "RUB",
    "\u20ba": "TRY",
    "\u20aa": "ILS",
    "\u20b4": "UAH",
    "\u20a6": "NGN",
    "\u20b1": "PHP",
    "\u20a1": "CRC",
    "\u20ad": "LAK",
    "\u20be": "GEL",
    "\u20bf": "BTC",
    "\u20ab": "VND",
    "\u20b8": "KZT",
    "\u20b5": "GHS",
    "\u0e3f": "THB",
}
_CODES_THAT_ARE_WORDS = word_set("try mad pen cop")
_CURRENCY_CODES = word_set(
    "USD EUR GBP JPY CNY CHF INR CAD AUD NZD HKD SGD MXN BRL RUB UAH TRY KRW ZAR SEK NOK DKK PLN "
    "CZK HUF ILS NGN PHP THB IDR MYR EGP SAR AED KES GEL BTC VND KZT ARS CLP COP PEN PKR LKR NPR "
    "BDT GHS ETB QAR KWD RON BGN ISK TWD MAD XOF XAF"
)
# Letters before "$" that name a dollar even when a space is written between ("C $ 16.4",
# "U.S. $ 7"); any other spaced word is left alone: "a $12 million contract" is in US dollars.
_SPACED_DOLLAR_PREFIXES = word_set("c ca nz hk au us mex")


def _currency_names() -> dict[str, tuple[str, str, float]]:
    """surface (lower case) -> (ISO code, "currency", scale), read after a number."""
    table: dict[str, tuple[str, str, float]] = {}
    for code, surfaces in _NAMES.items():
        for surface in surfaces.split("|"):
            table[surface] = (code, "currency", 1.0)
    for code in _CURRENCY_CODES:
        table.setdefault(code.lower(), (code, "currency", 1.0))
    for sign, code in CURRENCY_SIGNS.items():
        table[sign] = (code, "currency", 1.0)  # "10 $", "5 C$", "20 US$"
    table["meur"] = ("EUR", "currency", 1e6)
    return table


CURRENCY_NAMES = _currency_names()
_SIGN_CHARACTERS = "".join(sign for sign in CURRENCY_SIGNS if len(sign) == 1)
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z.])(?P<code>(?:[A-Za-z]\.){1,2}[A-Za-z]?\.?|[A-Za-z]{1,3})(?P<space>[ ]?))?"
    r"(?P<sign>[" + _SIGN_CHARACTERS + r"])[ ]?\Z"
    r"|(?<![A-Za-z])(?P<scale>[MK](?=[A-Z]{3}))?(?P<iso>[A-Z]{3})[ ]?\Z"
    r"|(?<![A-Za-z])(?P<word>dollars?|euros?|yen|yuan|rs\.?|inr|dm|dhs?|ksh)[ ]?\Z",
    re.IGNORECASE,
)
_CURRENCY_WORDS_BEFORE = word_set("dollar dollars euro euros yen yuan rs dm dh dhs ksh")
# Written before the amount only: "Rs 500", "DM 4 billion" ("2 dm" after it is decimetres),
# "Dh50 million" (UAE dirhams), "KSh 200" (Kenyan shillings).
_PREFIX_WORDS = {"rs": "INR", "dm": "DEM", "dh": "AED", "dhs": "AED", "ksh": "KES"}
# Codes in use beside the ISO ones, as written: "RMB 100" is in yuan ("DHS" is a department).
_CODE_ALIASES = {"RMB": "CNY", "KSh": "KES", "Ksh": "KES", "Dhs": "AED"}
_CENTS_AFTER = re.compile(
    r"[ ](?:and[ ])?(?P<cents>\d{1,2}|[a-z]+(?:[ -][a-z]+)?)"
    r"(?:(?P<unit>[ ]cents?|[ ]pence|(?<=\d)p)(?![A-Za-z])|(?=[ ]?[.,;!?)]|\Z|[ ]more))",
    re.IGNORECASE,
)
_MAGNITUDE_AFTER_CURRENCY = re.compile(
    r"[ -]?(?P<word>million|mln|mn|m|billion|bn|b|trillion|tn|k)(?![A-Za-z])", re.IGNORECASE
)
# "$5 dollars", "$20 Australian dollars", "$3 billion (US)": a name after the amount confirms
# the sign or says which dollar it is.
_CURRENCY_WORD_AFTER = re.compile(
    r"[ ]?(?P<name>(?:(?:[A-Za-z.]+[ ]){0,2})dollars?|usd|euros?|eur)(?![A-Za-z])", re.IGNORECASE
)


def _currency_before(text: str, start: int) -> tuple[str, int, float] | None:
    """The currency written before the amount at ``start``: (code, where it starts, scale)."""
    if not _may_follow_currency(text, start):
        return None
    match = _CURRENCY_BEFORE.search(text, max(0, start - 10), start)
    if match is None:
        return None
    if match.group("sign"):
        return (*_sign_currency(match), 1.0)
    if match.group("iso"):
        iso, scale = match.group("iso"), match.group("scale") or ""
        if not iso.isupper() and (scale or iso.lower() in _CODES_THAT_ARE_WORDS):
            return None  # "try 5", "a cop 5"
        iso = _CODE_ALIASES.get(iso, iso)
        if iso.upper() not in _CURRENCY_CODES:
            return None
        factor = {"M": 1e6, "K": 1e3}.get(scale, 1.0)
        return iso.upper(), match.start(), factor  # "USD 5", "usd 5", "MAUD 60"
    word = match.group("word").lower().rstrip(".")
    if word in ("dh", "dhs", "ksh") and not match.group("word")[0].isupper():
        return None  # "Dh50m", "KSh 200" are written so; "dh 5" is no amount
    return _PREFIX_WORDS.get(word) or CURRENCY_NAMES[word][0], match.start(), 1.0


def _sign_currency(match: re.Match) -> tuple[str, int]:
    sign, code = match.group("sign"), match.group("code")
    if code:
        letters = code.replace(".", "").lower()
        attached = not match.group("space")
        # A spaced prefix must be one no sentence writes as a word: "C $ 5", "US $ 5" (capitals).
        spaced_ok = letters in _SPACED_DOLLAR_PREFIXES and (letters != "us" or code.isupper())
        if sign == "$" and (attached or spaced_ok or "." in code):
            if letters + sign in CURRENCY_SIGNS:
                return CURRENCY_SIGNS[letters + sign], match.start()
            if letters.upper() in _CURRENCY_CODES:
                return letters.upper(), match.start()  # "AUD$ 75", "NZD$20"
    return CURRENCY_SIGNS[sign], match.start("sign")


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
    if word.isupper() and (len(word) == 3 or (len(word) == 4 and word[0] in "MK")):
        return True  # "USD 5", "MAUD 60"
    if len(word) == 3 and word.upper() in _CURRENCY_CODES:
        return True  # "usd 5"
    return word.lower() in _CURRENCY_WORDS_BEFORE


def _currency_tail(
    text: str, end: int, value: float, number: _Number, code: str
) -> tuple[float, int, str]:
    """After "$2.5": absorb an "m"/"bn" magnitude and a currency name ("$5 dollars"), which
    may say which dollar the sign was ("$20 Australian dollars")."""
    if number.magnitude < 1e3:
        magnitude = _MAGNITUDE_AFTER_CURRENCY.match(text, end)
        if magnitude:
            value *= _SCALE_WORDS[magnitude.group("word").lower()]
            end = magnitude.end()
        else:
            cents = _CENTS_AFTER.match(text, end)
            if cents and cents.group("unit"):  # "\u20ac30 and 20 cents", "\u00a35 and 50p"
                value, end = _cents(text, end, value, code)
    repeated = _CURRENCY_WORD_AFTER.match(text, end)
    if repeated:
        name = CURRENCY_NAMES.get(repeated.group("name").lower())
        if name is None:
            name = CURRENCY_NAMES.get(repeated.group("name").rsplit(" ", 1)[-1].lower())
            if name is None or repeated.group("name").count(" "):
                return value, end, code  # "$5 more dollars" names no other currency
        if code == "USD" or name[0] == code:
            return value, repeated.end(), name[0]
    return value, end, code


def _cents(text: str, end: int, value: float, code: str) -> tuple[float, int]:
    """ "thirteen dollars and forty-five cents", "15 dollars 50", "5 pounds 20 pence"."""
    tail = _CENTS_AFTER.match(text, end)
    if tail is None:
        return value, end
    unit = tail.group("unit") or ""
    if unit and "cent" not in unit and code != "GBP":
        return value, end  # pence are hundredths of a pound only
    cents_text = tail.group("cents")
    for word in (" cents", " cent", " pence"):  # "and ten cents": the word came with it
        cents_text = cents_text.removesuffix(word)
    if cents_text.split()[0].lower() in ("a", "an"):
        return value, end  # "10 dollars a dozen" is a price, "a dozen" no cents
    if cents_text.isdigit():
        cents: float | None = int(cents_text)
    else:
        tokens = _tokens(cents_text, 0)
        cents = _cardinal(tokens) if tokens and tokens[-1].end == len(cents_text) else None
    if cents is None or cents >= 100:
        return value, end
    return value + cents / 100, tail.end()


# Chinese money in words: "one kuai and five mao five" is 1.55 yuan (a mao or jiao is a tenth,
# a fen a hundredth; a figure after the mao is fen).
_JIAO_AFTER = re.compile(
    r"[ ](?:and[ ])?(?P<jiao>\d|[a-z]+)[ ](?P<unit>mao|jiao)(?:[ ](?P<fen>\d|[a-z]+)(?:[ ]fen)?"
    r"(?![A-Za-z-]))?",
    re.IGNORECASE,
)


def _jiao_and_fen(text: str, end: int, value: float) -> tuple[float, int]:
    tail = _JIAO_AFTER.match(text, end)
    if tail is None:
        return value, end
    jiao = _digit_value(tail.group("jiao"))
    if jiao is None:
        return value, end
    fen = _digit_value(tail.group("fen")) if tail.group("fen") else 0
    if fen is None:
        return value + jiao / 10, tail.end("unit")  # "2 yuan 5 mao for it"
    return value + jiao / 10 + fen / 100, tail.end()


def _digit_value(word: str) -> float | None:
    """The value of one digit written as a figure or a word ("5", "five"), else None."""
    if word.isdigit():
        return float(word)
    tokens = _tokens(word, 0)
    value = _cardinal(tokens) if tokens and tokens[-1].end == len(word) else None
    return value if value is not None and value < 10 else None


_LIST_JOINER = re.compile(r",?[ ](?:and|or|to|plus)[ ]|,[ ]", re.IGNORECASE)


def _pounds_among_money(text: str, quantities: list[Quantity]) -> None:
    """ "5 euros and 10 pounds": pounds listed with an amount of money are pounds sterling,
    not a weight ("10 pounds and 5 ounces" stays one)."""
    for index, quantity in enumerate(quantities):
        if quantity.unit != "pound":
            continue
        for other in (*quantities[max(0, index - 1) : index], *quantities[index + 1 : index + 2]):
            first, second = (other, quantity) if other.start < quantity.start else (quantity, other)
            pence_after = other.unit == "GBX" and second is other  # "2 pounds 50p"
            if other.kind == "currency" and (
                _LIST_JOINER.fullmatch(text, first.end, second.start)
                or (pence_after and _PENCE_JOINER.fullmatch(text, first.end, second.start))
            ):
                quantity.unit, quantity.kind = "GBP", "currency"
                break
    _pounds_and_pence(text, quantities)


_PENCE_JOINER = re.compile(r"[ ](?:and[ ])?", re.IGNORECASE)


def _pounds_and_pence(text: str, quantities: list[Quantity]) -> None:
    """ "3 pounds and 10 pence", "five pounds 50p": whole pounds and the pence after them are
    one amount, as "\u00a33 and 10 pence" is."""
    merged: list[Quantity] = []
    for quantity in quantities:
        pounds = merged[-1] if merged else None
        if (
            pounds is not None
            and pounds.unit == "GBP"
            and quantity.unit == "GBX"
            and pounds.value is not None
            and pounds.value == int(pounds.value)
            and quantity.value is not None
            and 0 < quantity.value < 100
            and pounds.qualifier == "exact"
            and quantity.qualifier == "exact"
            and _PENCE_JOINER.fullmatch(text, pounds.end, quantity.start)
        ):
            value = _tidy(pounds.value + quantity.value / 100)
            pounds.value = pounds.low = pounds.high = value
            pounds.end = quantity.end
            pounds.text = text[pounds.start : pounds.end]
            continue
        merged.append(quantity)
    if len(merged) != len(quantities):
        quantities[:] = merged


_SIGN_AFTER = re.compile(r"[ ]?(?P<sign>[" + _SIGN_CHARACTERS + r"])")


def _sign_repeated_after(text: str, prefix_start: int, start: int, end: int) -> bool:
    """Whether the sign before the amount from ``start`` to ``end`` is written after it too."""
    after = _SIGN_AFTER.match(text, end)
    return after is not None and after.group("sign") in text[prefix_start:start]
