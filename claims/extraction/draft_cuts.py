"""Where a long draft may be cut: at a clause or phrase boundary that leaves a whole statement.

A draft aims at what the reader shows on one line; ``cap`` cuts it at the last boundary within
that aim whose head is a whole clause (a subject and a finite verb, not ending on a word that
needs more), keeps a statement a little longer whole rather than leave a fragment, and marks the
trimmed quote with an ellipsis as the last resort. Split out of drafting.py, which calls it.
"""

from __future__ import annotations

import itertools
import re

from .attribution import DETERMINERS, PRONOUNS, SAY_WORDS
from .words import word_set

# A draft aims at 120 characters, what the reader shows on one line; one that only a cut
# inside its clause would bring down to that ("... refused to allow him", "... the cost of
# mental ill health to the economy, the NHS") is kept whole up to 160 characters: a full
# statement a little longer is better than a fragment. The model allows 500.
AIM_DRAFT_CHARS = 120
MAX_DRAFT_CHARS = 160

# Words before an "-ed" word that make it a participle, not a finite verb ("the closed road").
BEFORE_A_PARTICIPLE = word_set("a an the been being be by of and or newly recently")
# Words that open an adverbial clause or phrase: a draft that is only that ("While the
# worst-case scenario says ...", "Following a raft of changes ...") states no claim.
# A condition ("if", "unless", "even if") is kept: the clause after it is not true without it.
SUBORDINATORS = word_set("while whereas although though since because once until even")
OPENERS = SUBORDINATORS | word_set(
    "despite following along of in on at by from during after before given under amid"
)

_CLAUSE_WORDS = word_set(
    "and but while whereas although after before because as since when amid despite until unless if"
)
# Not a phrase boundary worth cutting at: "of" and "to" join a noun or verb to its complement
# ("the conviction of ...", "refused to allow him to return").
_PHRASE_WORDS = word_set("for with in on at by from over into near between")
_MIN_CUT = 40


def _before(words: frozenset[str]) -> str:
    """Before one of ``words`` as a word of its own (a space or the end after it)."""
    return "(?=(?:" + "|".join(sorted(words)) + r")(?: |\Z))"


# Where _cut may find a boundary: a space after a comma or before a clause word; a space
# before a phrase word. Each opens with the space, which the engine skips to.
_CLAUSE_GAP = re.compile(" (?:(?<=, )|" + _before(_CLAUSE_WORDS) + ")")
_PHRASE_GAP = re.compile(" " + _before(_PHRASE_WORDS))


def cap(text: str) -> str:
    """A whole statement that fits: cut at the last clause boundary within the aim that leaves
    a clause with its verb; else the text whole, if it fits the maximum; else the last clause,
    then phrase, boundary within the maximum that leaves a whole clause; an ellipsis as a last
    resort."""
    if len(text) <= AIM_DRAFT_CHARS:
        return text
    # The boundaries within the aim are judged again within the maximum: judged once.
    verdicts: dict[tuple[int, str, str], str | None] = {}
    cut = _cut(text, AIM_DRAFT_CHARS, phrases=False, verdicts=verdicts)
    if cut:
        return cut
    if len(text) <= MAX_DRAFT_CHARS:
        return text
    cut = _cut(text, MAX_DRAFT_CHARS, phrases=False, verdicts=verdicts) or _cut(
        text, MAX_DRAFT_CHARS, phrases=True, verdicts={}
    )
    if cut:
        return cut
    # The quote, trimmed at a phrase boundary, and marked as cut.
    head = text[: MAX_DRAFT_CHARS - 1]
    at = max(head.rfind(f" {word} ") for word in _LAST_RESORT)
    if at >= AIM_DRAFT_CHARS // 2:
        return text[:at].rstrip(" ,;:") + "\u2026"
    return text[: AIM_DRAFT_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "\u2026"


_LAST_RESORT = ("in", "on", "at", "for", "with", "by", "from", "of", "to", "over", "into", "during")


def _cut(
    text: str, limit: int, *, phrases: bool, verdicts: dict[tuple[int, str, str], str | None]
) -> str | None:
    """``text`` cut at the last clause (or, with ``phrases``, phrase) boundary within ``limit``
    characters whose head is a whole clause (see _whole_clause); None if there is none.

    ``verdicts`` holds the cut (or None) of each boundary already judged, by its position and
    the two words after it (the limit may cut those short), for calls on the same text."""
    head = text[: limit + 1]
    # The spaces where a boundary may be, found by one expression: a space after a comma or
    # before a clause (phrase) word. From the last back, so that the first boundary found is
    # the one to cut at; ``position`` is that of the space, ``word`` the one after it (words
    # are what ``head.split(" ")`` gives, so two spaces make an empty word).
    gaps = (_PHRASE_GAP if phrases else _CLAUSE_GAP).finditer(head, _MIN_CUT)
    for position in reversed([gap.start() for gap in gaps]):
        word_end = head.find(" ", position + 1)
        if word_end == -1:
            word, following = head[position + 1 :], ""
        else:
            word = head[position + 1 : word_end]
            following_end = head.find(" ", word_end + 1)
            following = head[word_end + 1 : following_end if following_end != -1 else None]
        key = (position, word, following)
        if key not in verdicts:
            verdicts[key] = _verdict(text, position, word, following, phrases)
        if verdicts[key] is not None:
            return verdicts[key]
    return None


def _verdict(text: str, position: int, word: str, following: str, phrases: bool) -> str | None:
    """``text`` cut at the space at ``position`` if that is a boundary with a whole clause
    before it, else None."""
    previous = text[text.rfind(" ", 0, position) + 1 : position]
    if phrases:
        boundary = word in _PHRASE_WORDS
    else:
        # ", announced last week, means ...": the verb after the comma has its subject
        # before it.
        boundary = (
            (
                previous.endswith(",")
                and _ends_clause(previous, word)
                and not _lists_on(text[position + 1 :])
                and word not in _FINITE
            )
            or (
                word in _CLAUSE_WORDS
                and _starts_clause(previous, following)
                and not (word == "as" and following in _AS_COMPARISON)
                # "which has never been recorded before - has occurred": an adverb.
                and following[:1].isalnum()
                and (word != "and" or _opens_a_clause(text[position + 5 :]))
            )
        )
    # "reports focussing | on ...": the participle needs what follows;
    # "reports published | by the UN": nor does a participle before its agent.
    if boundary and not (
        phrases and (previous.endswith("ing") or (word == "by" and previous.endswith("ed")))
    ):
        cut = text[:position].rstrip(" ,;:")
        # A clause opened by "as", "while", "because" ... follows the main one whole.
        if _whole_clause(
            cut,
            subordinate=not phrases and word in _SUBORDINATE_CUT,
            opening=not phrases and previous.endswith(","),
        ):
            return cut
    return None


def _lists_on(tail: str) -> bool:
    """Whether the words after a comma are the next item of a list ("judicial, parliamentary,
    electoral, and land reform"): a word or two up to the next comma, or "and" without a
    verb."""
    segment = tail.split(", ", 1)[0].split()
    if ", " in tail and len(segment) <= 2:
        return True
    return bool(segment) and segment[0] in ("and", "or") and not _opens_a_clause(tail[4:])


def _opens_a_clause(tail: str) -> bool:
    """Whether what follows "and" has its own verb before the next comma or clause word ("and
    the cost ... is"), not only more of a list ("and other leading figures ... to return")."""
    words = []
    for word in tail.split(" ", 16):
        if word in _CLAUSE_WORDS:
            break
        words.append(word)
        if word.endswith((",", ";")):
            break
    return any(_finite(word, before) for before, word in itertools.pairwise(words))


# "as many as", "as well as", "as much as": a comparison, not a clause.
_AS_COMPARISON = word_set("many much well far long soon little few high low large good")


_SUBJECT_OPENERS = DETERMINERS | PRONOUNS | word_set("there we i")
_SUBORDINATE_CUT = _CLAUSE_WORDS - word_set("and but")


def _whole_clause(head: str, *, subordinate: bool = False, opening: bool = False) -> bool:
    """Whether a cut leaves a statement: its last clause (after the last "and", "but", ...) has
    a finite verb, and it does not end on a word that needs what was cut ("suggests", "the",
    "of", "those")."""
    words = head.split()
    last = words[-1].lower().strip(",;:\"'")
    if last in _NEEDS_MORE or (last in _FINITE and last not in _MAY_END):
        return False
    # "Because of sea level rise, for instance": an opening clause alone, which drafting
    # replaces by the main clause after it (see _past_an_opening_clause).
    if subordinate:
        return True
    if (
        opening
        and words[0].lower() in OPENERS
        and not any(_finite(word, before) for before, word in itertools.pairwise(words))
    ):
        return True
    clause_start = _last_clause_start(words) if _may_open_clauses(head, words) else 0
    # "and participate in", "and eight other officials": verbs or nouns joined, not a new
    # clause; a new one opens with its subject ("and the cost of ...", "but they").
    if clause_start < 0:
        clause_start = -clause_start
    elif clause_start and words[clause_start].lower() not in _SUBJECT_OPENERS:
        clause_start = 0
    clause = words[clause_start:]
    # The first word of the sentence is its subject, not its verb ("Was a record high").
    pairs = zip(["", *clause], clause, strict=False)
    return any(_finite(word, before) for before, word in pairs if before or clause_start)


def _may_open_clauses(head: str, words: list[str]) -> bool:
    """Whether ``words`` may hold a word that opens a clause (see _last_clause_start): most
    heads have no ";", no clause word and no "that", and need no look at each word."""
    return ";" in head or "that" in words or not _CLAUSE_WORDS.isdisjoint(words)


def _last_clause_start(words: list[str]) -> int:
    """Where the last clause of ``words`` starts: after a ";", or after "and", "but" ... before
    a lower-case word ("North and South" opens none); negative after "X said that", whose
    statement needs its own verb. 0 for none."""
    for index in range(len(words) - 2, -1, -1):
        word = words[index]
        if word.endswith(";") or (word in _CLAUSE_WORDS and words[index + 1][:1].islower()):
            return index + 1
        if word == "that" and index and words[index - 1].lower() in SAY_WORDS:
            return -(index + 1)
    return 0


def _finite(raw: str, raw_before: str) -> bool:
    """Whether ``raw`` is a finite verb after ``raw_before`` (words as written): a listed verb,
    a negation ("isn't") or a past in -ed, but not a participle after a determiner or a comma
    ("the planned cut", "Carolina, predicted damage")."""
    word = raw.lower().strip(",;:\"'()")
    if not word.endswith("ed"):
        return word in _FINITE or word.endswith("n't")
    before = raw_before.lower().strip("\"'(")
    if before.endswith(","):
        return False
    return word in _FINITE or (len(word) > 4 and before not in BEFORE_A_PARTICIPLE)


_FINITE = word_set(
    "is are was were be been has have had will would can could may might must should shall "
    "do does did said says told shows showed suggests means remains remained includes accounts "
    "makes made takes took gives gave needs wants seems appears estimates reports warns claims "
    "expects plans faces costs reaches continues represents contains requires provides allows "
    "affects leads led helps puts stands keeps uses pays gets got goes went comes came sees saw "
    "knows knew finds found leaves left wins won loses lost falls fell rises rose grows grew "
    "begins began becomes became says holds held runs ran sets spends spent brings brought "
    "agreed admits announced"
)
# Verbs that may end a statement: "the plant closed", "it was not", "they have".
_MAY_END = word_set(
    "is are was were been has have had did does do rose fell grew won lost left began held ran "
    "came went led remained"
)
_NEEDS_MORE = DETERMINERS | word_set(
    "of to the a an that than as those these this which who whose whom where when with for "
    "from by at in on into and or but nor such according due compared including like between "
    "its their his her our my your very more most less about around nearly almost over under "
    "even if unless"
)


def _ends_clause(previous: str, word: str) -> bool:
    # "1,000, 2,000": a comma before a figure lists figures, it does not end a clause.
    return previous.endswith(",") and not word[:1].isdigit() and word[:1] not in "$\u20ac\u00a3"


def _starts_clause(previous: str, following: str) -> bool:
    # "6% and 1%", "School and College": no clause starts there.
    return (
        not previous[-1:].isdigit()
        and not previous.endswith("%")
        and not (
            following[:1].isdigit() or following[:1].isupper() or following[:1] in "$\u20ac\u00a3"
        )
    )
