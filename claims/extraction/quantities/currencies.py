"""Currencies: signs and codes before an amount, names after it, cents.

Plain "$" is the US dollar unless the text marks another dollar ("A$", "C$", "NZ$").
"""

from __future__ import annotations

import re

from claims.extraction.words import word_set

from .numbers import _SCALE_WORDS, _cardinal, _Number, _tokens


def _currency_names() -> dict[str, tuple[str, str, float]]:
    """surface (lower case) -> (ISO code, "currency", scale), read after a number."""
    table: dict[str, tuple[str, str, float]] = {}

    def add(code: str, surfaces: str, scale: float = 1.0) -> None:
        for surface in surfaces.split("|"):
            table[surface] = (code, "currency", scale)

    add("USD", "dollar|dollars|usd|us dollar|us dollars|u.s. dollars|bucks|$")
    add("EUR", "euro|euros|eur|\u20ac")
    add("EUR", "meur", 1e6)
    add("GBP", "gbp|sterling|\u00a3")
    add("GBX", "pence|penny|pennies|p")
    add("cent", "cent|cents")
    add("JPY", "yen|jpy|\u00a5")
    add("CNY", "yuan|chinese yuan|rmb|renminbi|cny|kuai")
    add("CHF", "franc|francs|swiss francs|chf")
    add("INR", "rupee|rupees|inr|\u20b9")
    add("TRY", "lira|turkish lira|try")
    add("RUB", "rouble|roubles|ruble|rubles|rub")
    add("UAH", "hryvnia|hryvnias|uah")
    add("CAD", "cad|canadian dollars")
    add("AUD", "aud|australian dollars")
    add("CRC", "\u20a1|colon|colones")
    add("LAK", "\u20ad|kip")
    add("XBT", "bitcoin|bitcoins|btc")
    add("satoshi", "satoshi|satoshis")
    return table


CURRENCY_NAMES = _currency_names()


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
_CURRENCY_CODES = word_set(
    "USD EUR GBP JPY CNY CHF INR CAD AUD NZD HKD SGD MXN BRL RUB UAH TRY KRW ZAR SEK NOK DKK PLN "
    "CZK HUF ILS NGN PHP THB IDR MYR EGP SAR AED KES"
)
_SIGN_CHARACTERS = "$\u00a3\u20ac\u00a5\u20b9\u20a9\u20bd\u20ba\u20aa\u20b4\u20a6\u20b1\u20a1\u20ad"
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>[A-Za-z]{1,3})[ ]?)?(?P<sign>[" + _SIGN_CHARACTERS + r"])[ ]?\Z"
    r"|(?<![A-Za-z])(?P<iso>[A-Z]{3})[ ]?\Z"
    r"|(?<![A-Za-z])(?P<word>dollars?|euros?|yen|yuan|rs\.?|inr)[ ]?\Z",
    re.IGNORECASE,
)
_CURRENCY_WORDS_BEFORE = word_set("dollar dollars euro euros yen yuan rs")
_CENTS_AFTER = re.compile(
    r"[ ](?:and[ ])?(?P<cents>\d{1,2}|[a-z]+(?:[ -][a-z]+)?)"
    r"(?:(?P<unit>[ ]cents?)(?![A-Za-z])|(?=[ ]?[.,;!?)]|\Z|[ ]more))",
    re.IGNORECASE,
)
_MAGNITUDE_AFTER_CURRENCY = re.compile(
    r"[ ]?(?P<word>million|mln|mn|m|billion|bn|b|trillion|tn|k)(?![A-Za-z])", re.IGNORECASE
)
_CURRENCY_WORD_AFTER = re.compile(r"[ ]?(?:dollars?|usd|euros?|eur)(?![A-Za-z])", re.IGNORECASE)


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
    return ("INR" if word == "rs" else CURRENCY_NAMES[word][0]), match.start()


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
