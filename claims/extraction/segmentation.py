"""Rule-based English sentence segmentation, standard library only.

One precompiled regex finds the few places where a sentence can end (terminal punctuation
followed by whitespace); each candidate is judged by the word before it and the word after it
(abbreviations, initials, initialisms, times, numbers, list markers, ellipses). Line breaks,
bullets, numbered or lettered lists and transcript stage directions ("(APPLAUSE)") are
boundaries of their own. Decisions worth knowing:

- a quotation of up to 250 characters is kept whole, with its attribution ("... great. We
  won," he said.), as in debate transcripts: a claim and its speaker stay together;
- a quotation closed without punctuation ends the sentence when a sentence opener follows
  ('they call it "tariff" They ...');
- a single line break inside hard-wrapped prose (lower case on both sides) is not a boundary.

No per-character Python loop and no backtracking-prone pattern: the cost is linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import chain

from .types import Span
from .words import word_set


def _per_character(characters: str, rest: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The expression ``[characters]`` followed by ``rest``, as one expression per character.

    The engine skips to a literal first character several times faster than to a character
    class, which it tests every character of the text against: those tests were a fifth of the
    cost of segmenting. ``_finditer`` runs the expressions of the characters the text has.
    """
    return tuple((character, re.compile(re.escape(character) + rest)) for character in characters)


def _finditer(
    expressions: tuple[tuple[str, re.Pattern[str]], ...], text: str
) -> Iterable[re.Match[str]]:
    """The matches of ``_per_character`` expressions, as one ``finditer`` would give them.

    That one would skip a match that starts inside the previous match. Here such a match is
    dropped after the fact; this is exact when it ends where the previous match does, so that the
    expression of its character goes on from the same place. That holds for each expression here:
    only the points of a spaced ellipsis (". . .") start a candidate inside another candidate.
    """
    runs = [pattern.finditer(text) for character, pattern in expressions if character in text]
    if len(runs) == 1:
        return runs[0]
    kept = []
    end = 0
    for match in sorted(chain.from_iterable(runs), key=re.Match.start):
        if match.start() >= end:
            kept.append(match)
            end = match.end()
    return kept


# Words that introduce a name or a number; a period after them does not end a sentence
# when a capitalised word or a digit follows ("Mr. Smith", "Mt. Fuji", "Sen. Nelson").
_TITLES = word_set(
    """mr mrs ms messrs mmes dr drs prof profs rev revd hon st mt ft gen lt col capt cpt sgt
    cmdr adm maj gov sen rep reps pres supt insp det atty msgr fr brig cpl pvt sr jr vs v cf viz rt
    approx ca dept mssrs lieut gens sens"""
)
# Words that are abbreviations only before a number ("No. 5", "p. 55", "Jan. 12").
_NUMBER_PREFIXES = word_set(
    """no nos nr nrs n° p pp vol vols fig figs art arts sec secs ch chap para op ed eds pt pts
    jan feb mar apr jun jul aug sep sept oct nov dec tel ext"""
)
# Abbreviations that may also end a sentence: a break only when a typical sentence opener
# follows ("... & Co. It closed" vs "... & Co. Ltd was").
_GENERAL = word_set(
    """inc ltd co corp llc plc bros jr sr etc esp dept univ assn ave blvd rd est min max govt
    natl intl mfg cos mos yrs hrs jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues
    thu thur thurs fri"""
)
_SENTENCE_STARTERS = word_set(
    """a after also although an and as at because before being both but by did do does during
    each even every for from he her here his how however i if in it its last many meanwhile
    more most my next no not now of on once one only our she since so some still such that the
    their then there these they this those though thus to today under we what when where
    whether which while who why with yet you your according despite others several let let's
    it's i'm we're they're there's that's what's don't we'll i'll you're he's she's"""
)

# A candidate end: terminal punctuation (with spaced ellipsis dots), then closing quotes or
# brackets, then whitespace. Possessive quantifiers keep the scan linear on long dot runs.
# The expression starts with the punctuation mark (the look-behinds come after it), so the regex
# engine skips straight to punctuation instead of trying every position; it cannot do so for an
# alternation whose branches start with different characters. See _per_character.
_CANDIDATES = _per_character(
    '.!?…"”',
    r"(?:(?<=[.!?…])(?<![.!?…][.!?…])[.!?…]*+(?: \.)*+[\"'”\u2019»)\]]*+"
    r"(?:\[\d{1,3}\])?(?=\s)|(?<=\w[\"”])(?=\s))",
)
_NEXT_WORD = re.compile(r"\s*+[\"'“\u2018«(\[]*+(\S?)")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.){2,}\Z")
_TIME_ABBREVIATION = re.compile(r"[AaPp]\.[Mm]\.\Z")
_FRONTED_TIME = re.compile(
    r"\s*(?:at|by|before|after|until|till|from|since|around|about)\s+\d{1,2}(?:[:.]\d\d)?\s*"
    r"[ap]\.m\.\Z",
    re.IGNORECASE,
)
_LIST_MARKER_ONLY = re.compile(r"\s*[•\u2043▪◦‣]?\s*(?:\d{1,3}|[A-Za-z])(?:\.\)|\)|\.)?\Z")
_BULLET = re.compile(r"(?<=\s)[•\u2043▪◦‣]")
# "1." "12)" "a." "b)" "3.)" after whitespace; matched from the punctuation, for speed.
_ENUMERATIONS = _per_character(
    ".)", r"(?:(?<=(?<!\S)\d[.)])|(?<=(?<!\S)\d\d[.)])|(?<=(?<!\S)[a-z][.)]))\)?(?=\s)"
)
# Quotations are kept whole: transcripts and news alike attribute the whole quote at once.
_QUOTATION = re.compile(r'"[^"\n]{1,250}"|“[^“”\n]{1,250}”')
# Most texts use one kind of quotation mark; then one literal first character, see _per_character.
_STRAIGHT_QUOTATION = re.compile(r'"[^"\n]{1,250}"')
_CURLY_QUOTATION = re.compile(r"“[^“”\n]{1,250}”")
# Stage directions in transcripts, "(APPLAUSE)", "(CROSSTALK)", stand on their own; inline
# remarks such as "(inaudible)" do not.
# The bracket first again, as for _CANDIDATES.
_STAGE_DIRECTIONS = _per_character(
    "([",
    r"(?:(?<=\()(?!INAUDIBLE|UNINTELLIGIBLE|SIC\b|PH\b)(?=[A-Z' -]*[A-Z]{4})"
    r"[A-Z][A-Z' -]{3,40}\)(?=\s)"
    r"|(?i:applause|laughter|cheers|cheering|crosstalk|booing|boos|commercial break)"
    r"\.?[)\]](?=\s))",
)
_LINE_BREAK = re.compile(r"\n[^\S\n]*+(\n)?")
_MAX_LIST_GAP = 400
_FAR = 1 << 62


def segment(text: str) -> list[Span]:
    """Split ``text`` into sentences.

    Every non-whitespace character is in exactly one span; spans are in order, do not overlap
    and ``text[span.start:span.end]`` is stripped.
    """
    forced = _forced_boundaries(text)
    quotations = _quotations(text)
    boundaries = []
    last = 0
    for match in _finditer(_CANDIDATES, text):
        if quotations and _inside(quotations, match.start(), match.end()):
            continue
        previous_forced = forced[bisect_right(forced, match.start()) - 1] if forced else 0
        sentence_start = max(last, previous_forced)
        cut = _judge(text, match, sentence_start)
        if cut is not None:
            boundaries.append(cut)
            last = cut
    cuts = sorted(set(boundaries) | set(forced))
    return _spans(text, cuts)


def leading_headings(text: str, spans: list[Span]) -> int:
    """How many of ``spans`` open the text as headings: a dateline, a kicker, a headline.

    A heading is a line of its own (a line break or the text's start before it, a line break
    after it), of at most 200 characters, without closing punctuation ("date 2022-03-03
    Russia-Ukraine Crisis", "Ukraine, Russia Agree to Create Safe Corridor"). They count only
    when a punctuated sentence follows them: an unpunctuated line on its own, or a list of such
    lines, is content, not a heading.
    """
    count = 0
    for span in spans[:_MAX_HEADINGS]:
        if (
            span.end - span.start > _MAX_HEADING_CHARS
            or text[span.end - 1] in _CLOSING_PUNCTUATION
            or text[text.rfind("\n", 0, span.start) + 1 : span.start].strip()
        ):
            break
        line_end = text.find("\n", span.end)
        if line_end == -1 or text[span.end : line_end].strip():
            break
        count += 1
    if count == len(spans) or text[spans[count].end - 1] not in _CLOSING_PUNCTUATION:
        return 0
    return count


_MAX_HEADINGS = 4
_MAX_HEADING_CHARS = 200
_CLOSING_PUNCTUATION = frozenset(".!?…\"'”\u2019»")


def _quotations(text: str) -> list[tuple[int, int]]:
    straight, curly = '"' in text, "“" in text
    if not (straight or curly):
        return []
    if straight and curly:
        pattern = _QUOTATION
    else:
        pattern = _STRAIGHT_QUOTATION if straight else _CURLY_QUOTATION
    return [match.span() for match in pattern.finditer(text)]


def _inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    index = bisect_right(regions, (start, _FAR)) - 1
    return index >= 0 and regions[index][0] < start and end < regions[index][1]


def _spans(text: str, cuts: list[int]) -> list[Span]:
    spans = []
    start = 0
    for end in [*cuts, len(text)]:
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            left = start + len(chunk) - len(chunk.lstrip())
            spans.append(Span(left, left + len(stripped)))
        start = end
    return spans


def _forced_boundaries(text: str) -> list[int]:
    """Boundaries that do not depend on punctuation: line breaks, bullets, enumerations."""
    cuts = [0]
    if "\n" in text:
        cuts.extend(_line_breaks(text))
    if any(bullet in text for bullet in "•\u2043▪◦‣"):
        cuts.extend(m.start() for m in _BULLET.finditer(text))
    cuts.extend(_enumeration_starts(text))
    cuts.extend(m.end() for m in _finditer(_STAGE_DIRECTIONS, text))
    return sorted(set(cuts))


def _line_breaks(text: str) -> list[int]:
    cuts = []
    for match in _LINE_BREAK.finditer(text):
        if match.group(1) is None and _is_wrapped_line(text, match):
            continue
        cuts.append(match.start())
    return cuts


def _is_wrapped_line(text: str, match: re.Match) -> bool:
    # A single line break inside a sentence of hard-wrapped prose: lower-case (or comma) before,
    # lower-case after.
    before = text[max(0, match.start() - 8) : match.start()].rstrip(" \t\r")[-1:]
    after = text[match.end()] if match.end() < len(text) else ""
    return bool(before) and (before.islower() or before in ",;-") and after.islower()


def _enumeration_starts(text: str) -> list[int]:
    """Starts of list items "1. ... 2. ..." or "a) ... b) ..." that follow in sequence."""
    markers = []
    for match in _finditer(_ENUMERATIONS, text):
        end = match.start()
        start = end - 2 if end > 1 and text[end - 2].isdigit() else end - 1
        label = text[start:end]
        value = int(label) if label.isdigit() else ord(label) - ord("a") + 1
        markers.append((start, value))
    cuts: list[int] = []
    chain: list[int] = []
    last_value, last_position = 0, -_MAX_LIST_GAP
    for position, value in markers:
        if value == last_value + 1 and position - last_position <= _MAX_LIST_GAP and chain:
            chain.append(position)
        else:
            if len(chain) >= 2:
                cuts.extend(chain)
            chain = [position] if value == 1 else []
            if not chain:
                continue
        last_value, last_position = value, position
    if len(chain) >= 2:
        cuts.extend(chain)
    return cuts


_CLOSING_QUOTES = frozenset('"”')
_WORD_CHAR = re.compile(r"\w")


def _has_word(text: str, start: int, end: int) -> bool:
    # The character before a sentence end is most often a letter: \w is str.isalnum() or "_".
    if start < end and (text[end - 1].isalnum() or text[end - 1] == "_"):
        return True
    return _WORD_CHAR.search(text, start, end) is not None


def _judge(text: str, match: re.Match, sentence_start: int) -> int | None:
    """Return where the sentence ends for this candidate, or None if it goes on."""
    start, end = match.span()
    punct = match.group()
    next_word = _NEXT_WORD.match(text, end)
    assert next_word is not None  # the pattern matches the empty string
    next_char = next_word.group(1)
    if not next_char:
        return end
    if next_char.islower() or not _has_word(text, sentence_start, start):
        return None
    if punct in _CLOSING_QUOTES:
        # A quotation closed without punctuation: 'to define "tariff" They don't know ...'
        return end if _next_is_starter(text, end) else None
    if "!" in punct or "?" in punct:
        return end
    dots = punct.count(".") + 3 * punct.count("…")
    if dots >= 3:
        return _judge_ellipsis(text, punct, start, end, dots)
    word = _previous_word(text, sentence_start, start + 1)
    if not word or (
        start - sentence_start < 8 and _LIST_MARKER_ONLY.match(text, sentence_start, end)
    ):
        return None
    return end if _word_ends_sentence(text, word, next_char, sentence_start, end) else None


def _previous_word(text: str, sentence_start: int, end: int) -> str:
    lo = max(sentence_start, end - 60)
    word = text[max(text.rfind(" ", lo, end) + 1, lo) : end]
    if "\t" in word or "\xa0" in word:  # rare: look for the other separators only then
        space = max(text.rfind("\t", lo, end), text.rfind("\xa0", lo, end))
        word = text[max(space + 1, lo) : end]
    return word


def _judge_ellipsis(text: str, punct: str, start: int, end: int, dots: int) -> int | None:
    attached = start > 0 and not text[start - 1].isspace()
    if attached and text[start - 1] == "[":
        return None  # "[...]" marks an omission inside a quotation
    spaced = " " in punct
    if attached and punct.startswith(". ."):
        # "compounds. . . . The": the word's own period ends the sentence, the spaced
        # ellipsis opens the next one.
        return start + 1
    # A spaced ". . ." trails off mid-thought ("the thing is . . . I didn't"); a fourth dot is
    # the full stop. An unspaced "..." before a capital ends the sentence.
    if spaced and dots < 4:
        return None
    return end


def _word_ends_sentence(
    text: str, word: str, next_char: str, sentence_start: int, end: int
) -> bool:
    core = word.rstrip(".").lstrip("\"'“\u2018([").lower()
    # "a.m." and initialisms have two points at least; most words only the final one.
    dotted = word.count(".") > 1
    if dotted and _TIME_ABBREVIATION.search(word):
        return not _FRONTED_TIME.match(text, sentence_start, end - _closing_length(text, end))
    if core in _NUMBER_PREFIXES and next_char.isdigit():
        return False
    if core in _TITLES and (next_char.isupper() or next_char.isdigit()):
        return False
    if (dotted and _INITIALISM.search(word)) or core in _GENERAL:
        return _next_is_starter(text, end)
    if len(core) == 1 and core.isalpha() and word[-2:-1].isupper():
        return _initial_ends_sentence(text, word, sentence_start, end)
    return True


def _closing_length(text: str, end: int) -> int:
    closing = 0
    while closing < end and text[end - closing - 1] in "\"'”\u2019»)]":
        closing += 1
    return closing


def _initial_ends_sentence(text: str, word: str, sentence_start: int, end: int) -> bool:
    # "Jonas E. Smith" / "Albert I. Jones" are initials; "you and I. Did" ends a sentence.
    if _next_is_starter(text, end):
        return True
    before = text[sentence_start : end - len(word)].rstrip()
    previous = before.rsplit(None, 1)[-1] if before else ""
    return bool(previous) and previous[0].islower()


def _next_is_starter(text: str, end: int) -> bool:
    following = text[end : end + 40].split(None, 1)
    if not following:
        return True
    token = following[0].strip("\"'“\u2018«([,;:").lower()
    return token in _SENTENCE_STARTERS
