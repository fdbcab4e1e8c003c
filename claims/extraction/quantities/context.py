"""Context: qualifiers ("more than", "about", "or more"), and what is not a quantity.

Dates, years, names with numbers ("COVID-19", "F16"), phone numbers and codes, "one" as a
pronoun, a bare "half" or "quarter", "first"/"second" as discourse words.
"""

from __future__ import annotations

import re

from claims.extraction.types import Quantity
from claims.extraction.words import NUMBER_WORDS, word_list, word_set

from .currencies import _currency_before
from .dates import _after_month
from .numbers import _Number
from .units import _NEXT_WORDS, _PERCENT_AFTER, _PREVIOUS_WORD, _counted_noun, _unit_word

_YEAR_PREVIOUS_WORDS = word_set(
    "the in of since by from until till to during for this that last next early late mid "
    "spring summer autumn fall winter before after between around circa year fiscal "
    "season class its their his her our"
)
# A word hyphened to a figure names something ("COVID-19", "Covid-19", "Sars-CoV-2", "PG-13",
# "phase-3 trials"), unless it bounds or places the figure ("under-18s", "top-10", "mid-2020").
_NAME_WITH_NUMBER = re.compile(r"(?<![A-Za-z])(?P<word>[A-Za-z]{1,10})-\Z")
_BEFORE_A_FIGURE = word_set(
    "under over top mid pre post non anti ex minus plus about around nearly some up upto "
    "aged age ages sub than to in of and or by per for from a an the at"
)
_CODE_SEPARATORS = ("-", "/", ".")
_CODE_BEFORE = ("+", *_CODE_SEPARATORS)
_PHONE_AREA_BEFORE = re.compile(r"\(\d{3}\)[ ]?(?:\d{3}-)?\Z")
# Possessive: a digit run gives nothing back to a separator (nor this one to the window's end).
_CODE_CHAIN = re.compile(r"\+?\d++(?:[-/.]\d++){2,}")
# A year-like figure whose partner in a range is not a year is not a year either:
# "1000 - 5000", "between 1000 and 2000".
_NON_YEAR_RANGE_AFTER = re.compile(
    r"[ ]?(?:[-\u2013]|to|and)[ ]?(?!(?:1[2-9]|20)\d\d(?!\d))\d[\d,]{2,}"
)
_NON_YEAR_RANGE_BEFORE = re.compile(
    r"(?:between|from)[ ](?!(?:1[2-9]|20)\d\d[ ])\d[\d,.]*[ ](?:and|to|-)[ ]\Z"
    # "1,000 to 2000": a figure grouped in thousands is never a year ("800 to 1200" may be)
    r"|(?<![\d,.])\d{1,3}(?:,\d{3})+[ ]?(?:to|-|\u2013)[ ]?\Z",
    re.IGNORECASE,
)
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![A-Za-z])", re.IGNORECASE)
_FRACTION_OF_AFTER = re.compile(r"[ ](?:of|a|an|the|their|its|our|his|her)(?![A-Za-z])")
_SIGN_WORD_BEFORE = re.compile(r"(?<![A-Za-z])(?:minus|negative)[ ]\Z", re.IGNORECASE)
_PRONOUN_ONE_WORDS = word_list(
    "the this that no every any each which only another someone a little big last next right "
    "wrong new old good bad"
)
_PRONOUN_ONE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(_PRONOUN_ONE_WORDS) + r")[ ]\Z", re.IGNORECASE
)
# What the text before "one" must end with for the expression to match, in ASCII text. Outside
# ASCII, ignoring case matches more ("\u017f" for "s"), so the expression alone decides.
_PRONOUN_ONE_ENDINGS = tuple(word + " " for word in _PRONOUN_ONE_WORDS)
_PRONOUN_ONE_AFTER = re.compile(
    r"[ ](?:another|who|that|which|day|of)(?![A-Za-z])|['\u2019]s"
    r"|[ ][a-z]+[ ]or[ ](?:another|the[ ]other)(?![A-Za-z])"  # "one way or another"
)

_QUALIFIER_PHRASES = {
    "at_least": "at least|at least or equal to|no less than|not less than|no fewer than|"
    "not fewer than|greater than or equal to|more than or equal to|bigger than or equal to|"
    "greater or equal than|bigger or equal than|more or equal than|greater or equal to|"
    "a minimum of|minimum of|minimum|a minimum|upwards of|upward of|>=|\u2265|=>|at or above|"
    "at or over",
    "at_most": "at most|no more than|not more than|no greater than|not greater than|"
    "a maximum of|maximum of|maximum|a maximum|less than or equal to|smaller than or equal to|"
    "fewer than or equal to|"
    "less or equal than|smaller or equal than|less or equal to|not exceeding|<=|\u2264|=<|"
    "at or below|at or under",
    "up_to": "up to|as many as|as much as|as high as|as long as|up to and including",
    "more_than": "more than|greater than|bigger than|larger than|higher than|over|above|exceed|"
    "surpass|surpasses|surpassed|surpassing|topped|outnumbered|outnumber|outnumbers|"
    "exceeds|exceeded|exceeding|in excess of|north of|>|beyond|older than|longer than|taller than|"
    "heavier than|wider than|deeper than",
    "less_than": "less than|fewer than|smaller than|lower than|under|below|shy of|short of|<|"
    "younger than|"
    "shorter than|lighter than|narrower than|shallower than",
    "about": "about|around|roughly|approximately|approx.|approx|nearly|almost|some|circa|ca.|"
    "close to|an estimated|estimated|~|in the region of|"
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
        "at_least": ("more", "greater", "bigger", "larger", "higher", "above"),
        "at_most": ("less", "fewer", "smaller", "lower", "below"),
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


def _longest_by_last_word(phrases: list[str], most: int) -> dict[str, int]:
    """The last word of each phrase -> the most words (up to ``most``) a phrase ending so has."""
    longest: dict[str, int] = {}
    for phrase in phrases:
        words = phrase.split()
        longest[words[-1]] = min(most, max(longest.get(words[-1], 0), len(words)))
    return longest


_QUALIFIER_LAST_WORDS = _longest_by_last_word(list(_QUALIFIERS), 6)


def _words_before_last(phrases: list[str]) -> dict[str, frozenset[str]]:
    """The last word of each phrase of two words or more -> the words before it there."""
    before: dict[str, set[str]] = {}
    for phrase in phrases:
        words = phrase.split()
        if len(words) > 1:
            before.setdefault(words[-1], set()).add(words[-2])
    return {last: frozenset(words) for last, words in before.items()}


_QUALIFIER_WORDS_BEFORE_LAST = _words_before_last(list(_QUALIFIERS))
_SYMBOL_CHARACTERS = "<>=~\u2265\u2264"
# Operators may be written apart: "< = 30", "> = 5".
_SYMBOL_QUALIFIER = re.compile(r"(?:>[ ]?=|=[ ]?>|<[ ]?=|=[ ]?<|[<>~\u2265\u2264])[ ]{0,2}\Z")
# After the figure: "or more", "and over", "or larger", "65 and older", "or fewer", "18 and
# under", "30 at most", "at the very least", "or so" ("or more than 5" is another figure's).
_NOT_A_FIGURE_AFTER = r"(?![ ](?:than[ ])?[-\d])"
_OR_MORE_AFTER = re.compile(
    r"[ ]?(?:(?P<at_least>(?:or|and)[ ](?:more|greater|above|higher|over|larger|bigger|older"
    rf"|better){_NOT_A_FIGURE_AFTER}(?:[ ]than)?|and[ ]up|\+(?![ ]?[\d(])"
    r"|at[ ](?:the[ ](?:very[ ])?)?least|or[ ]equal(?:[ ]to)?(?:[ ]it)?)"
    r"|(?P<at_most>(?:or|and)[ ](?:less|fewer|below|lower|under|smaller|younger)"
    rf"{_NOT_A_FIGURE_AFTER}(?:[ ]than)?|at[ ](?:the[ ])?most)"
    r"|(?P<about>or[ ](?:so|thereabouts)))"
    r"(?![A-Za-z])",
    re.IGNORECASE,
)


_TAIL_INITIALS = frozenset("oOaA+")


# How the text before a number ends where _with_sign may read a sign: "minus ", "negative ".
_SIGN_WORD_ENDINGS = ("s ", "e ", "S ", "E ")


def _with_sign(text: str, start: int, value: float) -> tuple[int, float]:
    """A sign written as a word ("minus five") or apart at the start ("- 1 4/5")."""
    if 0 < start <= 3 and text[:start].strip() in ("-", "\u2212") and value > 0:
        return 0, -value
    if text[start - 2 : start] in _SIGN_WORD_ENDINGS:  # cheap test for minus/negative
        sign_word = _SIGN_WORD_BEFORE.search(text, max(0, start - 10), start)
        if sign_word:
            return sign_word.start(), -value
    return start, value


def _ordinal_quantity(text: str, number: _Number) -> Quantity | None:
    end = number.end
    if number.digits:
        suffix = _ORDINAL_SUFFIX.match(text, end)
        assert suffix is not None  # a figure is read as an ordinal before its suffix only
        end = suffix.end()
    elif number.value in (1, 2):
        return None  # "first" and "second" are nearly always discourse words, not figures
    if _CENTURY_AFTER.match(text, end):
        return None  # "the 20th century", "mid-19th-century": a period, as a date is
    if text[end : end + 1] == "-":
        following = _HYPHENATED_WORD.match(text, end + 1)
        word = following.group() if following else ""
        if word and not word.lower().endswith("est") and _unit_word(word) is None:
            return None  # "third-party", "first-class"; "third-largest" is a rank
    value = number.value
    surface = text[number.start : end]
    return Quantity(number.start, end, surface, value, value, value, kind="ordinal")


_CENTURY_AFTER = re.compile(r"[ -](?:century|centuries|millennium)(?![A-Za-z])", re.IGNORECASE)
# "the latter half of", "the first quarter of 2020": a part of a period, not a share.
_PERIOD_PART_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:first|second|third|fourth|final|last|latter|former|back|front)[ -]\Z",
    re.IGNORECASE,
)


def _is_bare_half_or_quarter(text: str, number: _Number) -> bool:
    # "the third quarter", "the second half" are periods of time; "half of", "a quarter" count.
    if number.digits or text[number.start : number.end].lower() not in (
        "half",
        "quarter",
        "halves",
        "quarters",
    ):
        return False
    if _PERIOD_PART_BEFORE.search(text, max(0, number.start - 8), number.start):
        return True
    if _qualifier_before(text, number.start):
        return False  # "over half voters", "more than half": a share, the qualifier says so
    return not _FRACTION_OF_AFTER.match(text, number.end)


def _is_pronoun_one(text: str, number: _Number) -> bool:
    if number.value != 1 or number.digits or number.end - number.start != 3:
        return False
    if text[number.end : number.end + 1] == "-":
        following = _HYPHENATED_WORD.match(text, number.end + 1)
        if following and _unit_word(following.group()) is not None:
            return False  # "a one-dollar bill", "a one-year term": a measure
    start = number.start
    before = text[max(0, start - 13) : start]  # the window and the character the look-behind reads
    if (not before.isascii() or before.lower().endswith(_PRONOUN_ONE_ENDINGS)) and (
        _PRONOUN_ONE_BEFORE.search(text, max(0, start - 12), start)
    ):
        return True
    return _PRONOUN_ONE_AFTER.match(text, number.end) is not None


def _is_name_or_adjective(text: str, number: _Number) -> bool:
    """A spelled-out number that names something or qualifies a noun, counting nothing:
    "World War Two", "Formula One", "Air Force One" (a capitalised word before a capitalised
    number); "zero-hour contracts", "a one-off payment" ("zero" or "one" hyphenated to a word
    that is no unit: "a one-day strike" is a day)."""
    if number.digits:
        return False
    start, end = number.start, number.end
    surface = text[start:end]
    following = _HYPHENATED_WORD.match(text, end + 1) if text[end : end + 1] == "-" else None
    if following:
        word, lower = following.group(), surface.lower()
        if lower == "zero" or (lower == "one" and _unit_word(word) is None):
            return True
        if word.endswith("ed") and _unit_word(word) is None:
            return True  # "two-sided", "three-pronged", "four-legged"
    if not surface[:1].isupper() or surface.isupper() or text[start - 1 : start] != " ":
        return False
    word_start = _word_start(text, start - 1)
    word = text[word_start : start - 1]
    if not word[:1].isupper() or (len(word) > 1 and word.isupper()):
        return False  # "GETTY Forty-seven per cent": a credit in capitals names nothing
    if _PERCENT_AFTER.match(text, end):
        return False
    # Not after a qualifier or a function word: "Over Two Million", a headline in title case.
    if word.lower() in _QUALIFIER_LAST_WORDS or word.lower() in _NOT_NAME_WORDS:
        return False
    return not _in_title_case(text, word_start)


_TITLE_CASE_BEFORE = re.compile(
    r"[A-Za-z,][ ](?:Is|Are|Was|Were|Has|Have|Will|To|Of|In|On|For|And|The|A|By|As|At)[ ]\Z"
)


def _in_title_case(text: str, word_start: int) -> bool:
    """Whether the words before ``word_start`` are a headline in title case ("Sea Level Is
    Rising Six Times"): a capitalised function word there does not start a sentence."""
    return _TITLE_CASE_BEFORE.search(text, max(0, word_start - 9), word_start) is not None


_HYPHENATED_WORD = re.compile(r"[A-Za-z]+")
_NOT_NAME_WORDS = word_set(
    "the a an and or of in on at to for by with from than some about nearly almost only just "
    "all top last first next past another every"
)


def _in_address(text: str, start: int, end: int) -> bool:
    """Whether the figure from ``start`` to ``end`` is part of a web address or a file name
    ("https://t.co/3pPss4vR", "www.example.com/12", "climate-change-8.jpg")."""
    lo, hi = max(0, start - 200), min(len(text), end + 200)
    first = max(text.rfind(" ", lo, start), text.rfind("\n", lo, start), lo - 1) + 1
    last = text.find(" ", end, hi)
    newline = text.find("\n", end, hi if last < 0 else last)
    last = hi if last < 0 and newline < 0 else newline if newline >= 0 else last
    token = text[first:last]
    if "/" not in token and "." not in token:
        return False  # cheap test first: no address, and no file name without its extension
    token = token.rstrip(".,;:!?)\"'\u201d\u2019")
    if token.lower().endswith(_FILE_EXTENSIONS):
        return True
    return "/" in token and ("://" in token or token.startswith("www.") or ".com/" in token)


def _is_gallery_counter(text: str, start: int, end: int, before: str, after: str) -> bool:
    if after == " " and text[end + 1 : end + 2] == "/":
        return True  # the "1" of "1 /17"
    if before == "/" and text[start - 2 : start - 1] == " ":
        return True  # the "17" of "1 /17"
    return text[start - 4 : start] == "all " and text[max(0, start - 9) : start].lower() == (
        "show all "
    )


_FILE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".pdf", ".html", ".htm", ".php", ".mp4")
_LETTERS_THEN_DIGIT = re.compile(r"(?P<letters>[A-Za-z]+)(?P<digit>\d)")


def _is_identifier(text: str, end: int) -> bool:
    """Whether letters and then a digit follow the figure, as in a code ("3L4"); "5km2" is a
    unit, squared or cubed."""
    match = _LETTERS_THEN_DIGIT.match(text, end, end + 12)
    if match is None:
        return False
    return match.group("digit") not in "23" or _unit_word(match.group("letters")) is None


_DOTTED_CHAIN = re.compile(r"\d++(?:\.\d++){2,}")


def _in_dotted_chain(text: str, start: int) -> bool:
    for match in _DOTTED_CHAIN.finditer(text, max(0, start - 16), start + 40):
        if match.end() > start:
            return match.start() <= start
    return False


def _word_start(text: str, end: int) -> int:
    """Where the word that ends at ``end`` starts (``end`` itself when no letter is before)."""
    position = end
    while position > 0 and (text[position - 1].isalpha() or text[position - 1] == "'"):
        position -= 1
    return position


def _is_name_with_number(text: str, start: int) -> bool:
    name = _NAME_WITH_NUMBER.search(text, max(0, start - 12), start)
    if name is None:
        return False
    word = name.group("word")
    if _unit_word(word) is not None:
        return False  # "3 kg-5 kg", "5km-10km": a range of measures ("MS", "G" are no units)
    return word.lower() not in _BEFORE_A_FIGURE and word.lower() not in NUMBER_WORDS


_SLASHED = re.compile(r"(\d+)/(\d+)")
_ON_BEFORE = re.compile(r"(?<![A-Za-z])on[ ]\Z", re.IGNORECASE)


def _is_slashed_name_or_date(text: str, start: int, end: int) -> bool:
    """ "a/b" that is no fraction: a numerator as large as the denominator ("24/7", "7/7",
    "50/50", "2008/9"), a date after "on" ("on 2/23", "on 9/11"; not "on 2/3 of them"), or a
    name before a counted plural ("the 9/11 attacks", "the 7/7 survivors")."""
    slashed = _SLASHED.fullmatch(text, start, end)
    if slashed is None:
        return False  # "2 1/4", "-1/2"
    if int(slashed.group(1)) >= int(slashed.group(2)):
        return True
    if _ON_BEFORE.search(text, max(0, start - 3), start) and not text.startswith(" of ", end):
        return True
    following = _NEXT_WORDS.match(text, end)
    return following is not None and _counted_noun(following) is not None


def _is_date(text: str, number: _Number) -> bool:
    """Dates, times, years and letter-digit names ("F16") are not quantities."""
    start = number.start
    if not number.digits:
        return False
    # Dates and times ("2022-03-03", "10:30") were skipped when the numbers were read.
    before = text[start - 1] if start else ""
    if before.isalpha() and not _currency_before(text, start):
        return True  # "F16", "COVID19", "i7"
    if text.find("/", start, number.end) > 0 and _is_slashed_name_or_date(text, start, number.end):
        return True
    if (
        before == "-"
        and text[start - 2 : start - 1].isalpha()
        and _is_name_with_number(text, start)
    ):
        return True  # "COVID-19", "Covid-19", "PG-13", "G-7", "MH-17"
    end = number.end
    after = text[end : end + 1]
    dotted = (before == "." and text[start - 2 : start - 1].isdigit()) or (
        after == "." and text[end + 1 : end + 2].isdigit()
    )
    if dotted and _in_dotted_chain(text, start):
        return True  # "192.168.1.1", "version 2.4.1": never 192.168 and 1.1
    # Cheap test first: a code has a "+" or a separator next to the figure.
    if (before in _CODE_BEFORE or after in _CODE_SEPARATORS) and _looks_like_code(text, start, end):
        if (
            before == "/"
            and "." in text[max(0, start - 60) : start]
            and _in_address(text, start, end)
        ):
            return True  # "example.com/page/2021/05/12": no part of an address is a number
        number.form = "code"
        return False
    if before in (" ", "-", "\u2013") and _after_month(text, start):
        return True  # "March 3", "March 3, 2022", "March 25 \u2013 27"
    attached = before not in ("", " ") or after in ("-", "_")
    if (attached or (after == "." and text[end + 1 : end + 2].isalpha())) and _in_address(
        text, start, end
    ):
        return True
    if _is_gallery_counter(text, start, end, before, after):
        return True  # "Show all 17 1 /17": a photo gallery's counter
    if after.isalpha() and (_is_identifier(text, end) or _is_digit_letter_name(text, number)):
        return True  # "M4W 3L4", "3X5", "5G", "3D"
    return number.form == "number" and end - start == 4 and _is_year(text, number)


def _is_digit_letter_name(text: str, number: _Number) -> bool:
    """One digit and one capital that is no unit, then no letter: "5G", "3D", "2A" name
    something ("5M" is five million, "5C" a temperature)."""
    end = number.end
    return (
        end - number.start == 1
        and text[end].isupper()
        and not text[end + 1 : end + 2].isalpha()
        and _unit_word(text[end]) is None
    )


def _looks_like_code(text: str, start: int, end: int) -> bool:
    """Phone numbers and identifiers: "+1-222-2222", "1-888-373-7888", "(202) 626-8825"."""
    if start and text[start - 1] == "+":
        return True
    if text[start - 1 : start] not in _CODE_SEPARATORS and (
        text[end : end + 1] not in _CODE_SEPARATORS or not text[end + 1 : end + 2].isdigit()
    ):
        return False  # "cost \u20ac1.234.567.": a full stop after a grouped figure chains nothing
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
    position = _digit_run_end(text, start, hi)  # forwards: where the last run ends
    while (
        runs < 3
        and position + 1 < hi
        and text[position] in "-/."
        and text[position + 1].isdecimal()
    ):
        position = _digit_run_end(text, position + 1, hi)
        runs += 1
    return runs >= 3


def _digit_run_end(text: str, position: int, end: int) -> int:
    """Where the digits at ``position`` end, before ``end`` (``position`` if none)."""
    run = _DIGIT_RUN.match(text, position, end)
    assert run is not None  # the pattern matches the empty string
    return run.end()


def _is_year(text: str, number: _Number) -> bool:
    surface = text[number.start : number.end]
    if len(surface) != 4 or not surface.isdigit() or not 1200 <= number.value <= 2100:
        return False
    start = number.start
    if _NON_YEAR_RANGE_AFTER.match(text, number.end) or (
        _may_end_range_joint(text, start)
        and _NON_YEAR_RANGE_BEFORE.search(text, max(0, start - 30), start)
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


def _may_end_range_joint(text: str, start: int) -> bool:
    """Whether the text before ``start`` ends as _NON_YEAR_RANGE_BEFORE's joints do: "and",
    "to", "-" or a dash, and at most one space."""
    last = text[start - 1 : start]
    if last == " ":
        last = text[start - 2 : start - 1]
    return last != "" and last in "dDoO-\u2013"


def _qualifier_before(text: str, start: int) -> tuple[str, int] | None:
    if start == 0:
        return None
    # Cheap test first: "in 2019" has no symbol before it.
    plain = text[start - 1] == " " and text[start - 2 : start - 1].isalnum()
    near = "" if plain else text[max(0, start - 3) : start].strip()[-1:]
    if near and near in _SYMBOL_CHARACTERS:
        symbol = _SYMBOL_QUALIFIER.search(text, max(0, start - 6), start)
        if (
            symbol
            and symbol.group().startswith("~")
            and text[max(0, symbol.start() - 3) : symbol.start()].rstrip()[-1:].isdigit()
        ):
            return None  # "20~30", "1000 ~ 5000" are ranges
        if symbol:
            return _QUALIFIERS[symbol.group().replace(" ", "")], symbol.start()
    if text[start - 1] != " ":
        return None
    # Cheap test first: the word just before must be the last word of some qualifier.
    space = text.rfind(" ", max(0, start - 20), start - 1)
    longest = _QUALIFIER_LAST_WORDS.get(text[space + 1 : start - 1].lower())
    if longest is None:
        return None
    window = text[max(0, start - 40) : start]
    # The words _WORD finds, lower-cased; where they start is needed only for a qualifier.
    words = window.lower().split()
    # Cheap test first: a qualifier of two words or more ends with these two ("short of", not
    # "one of").
    if (
        len(words) > 1
        and words[-1] not in _QUALIFIERS
        and words[-2] not in _QUALIFIER_WORDS_BEFORE_LAST.get(words[-1], ())
    ):
        return None
    for size in range(min(longest, len(words)), 0, -1):
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
    end = quantity.end
    following = text[end + 1 : end + 2] if text[end : end + 1] == " " else text[end : end + 1]
    if following not in _TAIL_INITIALS:
        return  # cheap test first: what _OR_MORE_AFTER reads starts so
    tail = _OR_MORE_AFTER.match(text, end)
    if tail is None:
        return
    direction = tail.lastgroup
    assert direction is not None  # each branch of the pattern is a named group
    surface = tail.group().strip().lower()
    if direction == "about":
        if quantity.qualifier != "exact":
            return
        _set_qualifier(quantity, direction)
    elif quantity.qualifier in ("exact", "about"):
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
