"""A plain-text article's own header: its title and date, read from its first lines.

The text is never changed (claims are anchored by offsets into it); only the metadata is read:
- a leading ``date YYYY-MM-DD`` line gives the date;
- the first line that does not end like a sentence (no closing punctuation) is the title;
- a news dateline ("KYIV, March 3, 2022 -", "March 3, 2022 -") at the start of the body gives
  the date when no date line did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MAX_TITLE_CHARS = 300
HEADER_LINES = 8  # a header is a few lines; later lines are the body

_DATE_LINE = re.compile(r"^\s*date\s*:?\s*(\d{4})-(\d{2})-(\d{2})\b", re.IGNORECASE)
_MONTHS = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
         ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
         ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
         ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z.'\- ]{1,40},\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s+(\d{4})\b"
    r"[^\n]{0,30}?[\u2013\u2014-]"
)
# A line ending in one of these (perhaps inside quotes or brackets) is a sentence, not a title.
_CLOSED = re.compile(r"[.!?\u2026;:,][\"'\u201d\u2019)\]]*\s*$")


@dataclass(frozen=True, slots=True)
class Header:
    title: str = ""
    published: date | None = None


def read_header(text: str) -> Header:
    lines = [line.strip() for line in text.splitlines()[: HEADER_LINES * 4]]
    lines = [line for line in lines if line][:HEADER_LINES]
    published = None
    if lines and (match := _DATE_LINE.match(lines[0])):
        published = _date(*map(int, match.groups()))
        lines = lines[1:]
    title = ""
    # The title needs a body after it: a one-line text is all body.
    if len(lines) > 1 and not _CLOSED.search(lines[0]) and len(lines[0]) <= MAX_TITLE_CHARS:
        title = lines[0]
        lines = lines[1:]
    if published is None:
        for line in lines[:2]:
            if match := _DATELINE.match(line):
                month = _MONTHS.get(match.group(1).lower())
                if month:
                    published = _date(int(match.group(3)), month, int(match.group(2)))
                break
    return Header(title=title, published=published)


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
