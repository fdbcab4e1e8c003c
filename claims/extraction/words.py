"""Word lists the extraction reads: spelled-out numbers and helpers to write a list as one string.

One place for them, so that "number words" means one thing (``NUMBER_WORDS``, every word a
number phrase can hold) and a list of frequent ones is named for what it is
(``COMMON_NUMBER_WORDS``).
"""

from __future__ import annotations


def word_list(text: str) -> list[str]:
    return text.split()


def word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UNITS_WORDS = word_list("zero one two three four five six seven eight nine")
_TEENS_WORDS = word_list(
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen"
)
_TENS_WORDS = word_list("twenty thirty forty fifty sixty seventy eighty ninety")
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
_ORDINAL_UNITS = word_list(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
)
_ORDINAL_TENS = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth"
ORDINALS = {
    **{word: i + 1 for i, word in enumerate(_ORDINAL_UNITS)},
    **{word: 20 + 10 * i for i, word in enumerate(word_list(_ORDINAL_TENS))},
    "hundredth": 100,
    "thousandth": 1e3,
    "millionth": 1e6,
    "billionth": 1e9,
    "trillionth": 1e12,
}
PLURAL_ORDINALS = {word + "s": value for word, value in ORDINALS.items() if value > 2}
FRACTION_WORDS = {"half": (2, False), "halves": (2, True), "quarter": (4, False)}
FRACTION_WORDS["quarters"] = (4, True)
DOZENS = {"dozen": False, "dozens": True, "dozs": True, "doz": False}
# Counts that multiply like "dozen" ("two baker's dozen", "a gross of pencils"), word: (count,
# plural). "gross" is one only where the words around it make it a noun (see the quantities).
COUNT_WORDS = {
    **{
        f"baker{mark} {word}": (13, plural)
        for mark in ("'s", "s", "\u2019s")
        for word, plural in (("dozen", False), ("dozens", True))
    },
    "square dozen": (144, False),
    "gross": (144, False),
}
NUMBER_WORDS = sorted(
    {
        *CARDINALS,
        *MAGNITUDES,
        *ORDINALS,
        *PLURAL_ORDINALS,
        *FRACTION_WORDS,
        *DOZENS,
        *COUNT_WORDS,
        "hundred",
    },
    key=len,
    reverse=True,
)
# Measures that "a" or "an" counts as one ("a gallon of beer", "a penny", "an acre"), singular
# and written out. Left out are the nouns that "a" more often makes a rate or an idiom than a
# measure: times ("twice a day", "a year ago"), "a degree", "a bit", "a foot in the door", "a
# yard", "a ton of", "a meter" (a device), "a stone's throw", "a cup", "a turn", "a yen for".
ARTICLE_MEASURES = [
    *word_list(
        "gallon litre liter pint quart ounce pound kilogram kilo gram milligram tonne mile "
        "kilometre kilometer metre centimetre centimeter millimetre millimeter inch acre hectare "
        "barrel bushel carat teaspoon tablespoon fathom furlong byte kilobyte kibibyte megabyte "
        "gigabyte terabyte watt kilowatt megawatt penny cent dollar euro rupee peso franc bitcoin"
    ),
    *("square mile", "square metre", "square kilometre", "square foot", "cubic metre"),
    "light year",
]
# The number words that most often make a sentence state a count ("two", "dozens", "millions"):
# the list claim drafting checks for (claims/extraction/drafting.py still holds its own copy).
COMMON_NUMBER_WORDS = word_set(
    "one two three four five six seven eight nine ten dozen dozens hundred hundreds thousand "
    "thousands million millions billion billions"
)
