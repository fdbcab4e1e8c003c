"""Dates and times: read as what they are, so their figures are never quantities.

"2022-03-03", "2022/03/03", "3/4/22", "10:30", "3pm", "3 March", "March 3, 2022".
"""

from __future__ import annotations

import re

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|(?-i:May)|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_AT = re.compile(
    r"\d{4}-\d{1,2}(?:-\d{1,2})?(?!\d)|\d{4}/\d{1,2}/\d{1,2}(?!\d)"
    r"|(?:1[6-9]|20)\d{2}/(?:1[6-9]|20)\d{2}(?!\d)"  # "the 2021/2022 season", no fraction
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?!\d)"
    r"|\d{1,2}(?:st|nd|rd|th)?(?:[ ]of)?[ ]" + _MONTHS + r"(?![a-z])"
    r"|\d{1,2}(?:[:.]\d{2}){1,2}[ ]?(?:[ap]\.?m\.?)(?![a-z])|\d{1,2}:\d{2}(?::\d{2})?(?!\d)"
    r"|\d{1,2}[ ]?(?:[ap]\.m\.|[ap]m(?![a-z])|[AP]\.?M\.?(?![A-Za-z]))"
    r"|\d{4}[-\u2013/]\d{2}(?!\d)",
    re.IGNORECASE,
)
_MONTH_BEFORE = re.compile(
    r"(?<![a-z])" + _MONTHS + r"[ ](?:\d{1,2}(?:st|nd|rd|th)?(?:,?[ ]|[ ]?[-\u2013][ ]?))?\Z",
    re.IGNORECASE,
)
# The last letters of the month names and of "st", "nd", "rd", "th", in either case.
_MONTH_OR_DAY_ENDINGS = frozenset("bcdeghlnprtvyBCDEGHLNPRTVY")
_MONTH_STEM = re.compile("jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")


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


def _after_month(text: str, start: int) -> bool:
    # Cheap tests first: a month name is one or two words before ("March 3", "March 3, 2022").
    if start < 2:
        return False
    previous = text[start - 2]  # before the space or dash that ``start`` follows
    if previous.isalpha():
        if previous not in _MONTH_OR_DAY_ENDINGS:
            return False  # "March 3", "3rd-5th March"
    elif not (previous in ",.-\u2013" or (previous.isdigit() and text[start - 1] != " ")):
        return False  # "March 3, 2022", "March 25 - 27", "March 25-27"
    window = text[max(0, start - 20) : start]
    # Lower-cased, the stems are plain literals the engine skips to; "\u017f" (long s) is
    # the one letter that also matches one of them ignoring case.
    if not _MONTH_STEM.search(window.lower()) and "\u017f" not in window:
        return False
    return _MONTH_BEFORE.search(text, max(0, start - 20), start) is not None
