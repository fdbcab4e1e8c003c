"""Turn one check-worthy sentence into a claim draft: short text, kinds and claimant.

Rule-based and fast: a handful of regular expressions per sentence, run only on the sentences
the pipeline keeps. The draft is a starting point for an annotator, not a paraphrase model, so
every rule removes or reorders words of the sentence and never invents content (it only
resolves "the country" and pronoun speakers from the article context). Who said what is read by
``attribution.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TypeVar

from .antecedents import recent_person, resolve_leading_pronoun, with_sentence_before
from .attribution import (
    ATTRIBUTION_WORDS,
    CONNECTIVE,
    DETERMINERS,
    PRONOUNS,
    SAY,
    SAY_WORDS,
    attribution,
    expand_surname,
    is_label,
)
from .draft_cuts import AIM_DRAFT_CHARS, BEFORE_A_PARTICIPLE, MAX_DRAFT_CHARS, OPENERS, cap
from .types import CLAIM_KINDS, Quantity
from .words import COMMON_NUMBER_WORDS, word_list, word_set
from .wordscan import listed_words, trie_pattern

T = TypeVar("T")


# Typographic quotes are folded one character for one character, so offsets of quantities found
# in the original sentence stay valid in the normalised one.
_FOLDS = (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'), ("\u00a0", " "))


def _fold(text: str) -> str:
    # str.replace is several times faster than str.translate with a dict table.
    if text.isascii():
        return text
    for typographic, plain in _FOLDS:
        if typographic in text:
            text = text.replace(typographic, plain)
    return text


# A quotation in single marks, as British papers write them: "'The tax is unfair,' he said.",
# "He said: 'The tax is unfair.'", and a paragraph that goes on quoting ("'It is ..."). An
# opening mark starts the sentence or follows a colon; a closing one follows a comma or a
# full stop, so the apostrophes of "teachers'" and "they've" are left alone.
# Both open with the mark itself and look behind it after: a pattern that opens with "^" or a
# lookbehind makes the engine try every position, not skip from one mark to the next.
_SINGLE_OPEN = re.compile(r"'(?:(?<=^')|(?<=:\s'))(?=[A-Z0-9])")
_SINGLE_CLOSE = re.compile(r"'(?<=[,.!?]')(?=[\s,.;:]|$)")


def _single_quotes(text: str) -> str:
    """``text`` with a quotation in single marks in double ones, one character for one."""
    if "'" not in text or '"' in text:
        return text
    opening = _SINGLE_OPEN.search(text)
    if opening is None:
        return text
    at = opening.start()
    closing = _SINGLE_CLOSE.search(text, at + 1)
    if closing is None:
        return text[:at] + '"' + text[at + 1 :]
    end = closing.start()
    return text[:at] + '"' + text[at + 1 : end] + '"' + text[end + 1 :]


_LEADING_FILLER = re.compile(
    r"^(?:(?:And|But|So|Yet|Also|However|Meanwhile|Moreover|Still|Indeed|Now|Well|Then|In fact"
    r"|Of course|In addition|Instead(?!\s+of\b)|Today|Yesterday|Last year|This year)\b,?\s+)+"
)
_LEADING_ADJUNCT = re.compile(
    r"^(?:During|In|On|At|After|Before|While|When|As|Since|Despite|Following|Earlier|Later"
    r"|Last|This|Under|Amid|With|Without|Through|For|From|Over|By|If|Although|Though|Besides"
    r"|Prior\s+to|Like|Unlike|[A-Z][a-z]*(?:ing|ed))\b[^,\"]{0,100},\s+"
)
# "It has been said (that) ...": an impersonal attribution adds nothing to the claim.
# "It is true that ..." is dropped too: a draft states the claim, it never carries a rating.
_IMPERSONAL = re.compile(
    r"^(?:it|this)(?:\s+is|\s+was|\s+has\s+been|\s+had\s+been|'s\s+been|'s)\s+(?:said|reported|claimed|"
    r"believed|alleged|estimated|thought|rumou?red|true|a\s+fact)\s+(?:that\s+)?",
    re.IGNORECASE,
)
# ", which had been considered the most pristine, ": a non-restrictive aside inside the sentence.
# ", including studies that ..., ", ", such as the EU, along with Japan, ", ", feeding off this
# warmth, ": examples and participles set off by commas, one or several in a row.
_INNER_ASIDE = re.compile(
    r",\s+(?:(?:which|who|whose|where)\s|(?:\w+ly\s+)?\w+(?:ed|en)\s+(?:by|in|on|at|to|from)\s)"
    r"[^,;\"\d]{1,120},\s+"
)
# The verb follows (a lower-case word), not the next item of a list ("such as Norway,
# Switzerland and Canada") or its continuation ("including those on wards, as well as ...").
_EXAMPLE_ASIDE = re.compile(
    r"(?:,\s+(?:including|such\s+as|along\s+with|as\s+well\s+as|despite"
    r"|(?!according\b)[a-z]{3,}ing\s+(?:off|on|in|from|to|at|with|for|into|through|over|the|a|an"
    r"|its|their))\s"
    r"[^,;\"\d]{1,120}?)+,\s+(?=[a-z])(?!(?:as\s+well\s+as|and|or|but|nor)\b)"
)
# The punctuation mark comes first, so that search() skips from one mark to the next, and its
# neighbours are checked right after it, so that the hyphen of "energy-producing", the point of
# "3.5" or "U.S." and the comma of "1,000" fail at once.
_TRAILING_TAIL = re.compile(
    r"[,;.!?\u2013\u2014-](?:(?<=,)\s+(?:adding|noting|saying|citing|according|an?\s+(?:argument|"
    r"move|claim|figure|statement)|which|who|where|while|as|in\s+(?:a|an|the)\s+\w+\s+(?:to|that)|"
    r"(?:but|and)\s+(?:also\s+)?(?:" + SAY + r"|\w+ed)|(?:\w+ly\s+)?\w+ing)\b|(?<=\s-)-?\s|"
    r"(?<=\u2014)|(?<=\s\u2013)\s|(?<=;)\s|(?<=[a-z][.!?])\s+(?=[\"A-Z]))"
)


def _is_a_clause(adjunct: str) -> bool:
    """ "In March the council closed three libraries ...,", "This dynamic is playing out in
    Oroville now,": a phrase opened by a preposition that holds a finite verb is the main
    clause, not scene-setting ("In a business-as-usual scenario,", "Following a raft of changes
    designed to ...,")."""
    words = adjunct.rstrip(", ").split()
    if words[0] not in _PREPOSITION_OPENERS:
        return False
    for before, word, after in zip(words, words[1:], [*words[2:], ""], strict=False):
        lowered = word.lower()
        if lowered in _FINITE_VERBS:
            return True
        if (
            lowered.endswith("ed")
            and before.lower() not in BEFORE_A_PARTICIPLE
            and after.lower() not in _AFTER_A_PARTICIPLE
            and not before[:1].isupper()
        ):
            return True
    return False


_PREPOSITION_OPENERS = word_set(
    "In On At During Under Amid With Without Through For From Over By Despite Following Like "
    "Unlike This Last Earlier Later Besides"
)
_FINITE_VERBS = word_set(
    "is are was were has have had will would can could did does do rose fell grew won lost made "
    "took gave said told went came saw found left began became"
)
_AFTER_A_PARTICIPLE = word_set("by to in on at with for from as into under")
_SUBJECT_GOES_ON = re.compile(
    r"(?:including|such\s+as|like|who|which|whose|along\s+with|as\s+well\s+as|are|is|was|were"
    r"|have|has|had)\b"
)
_NEXT_COMMA = re.compile(r",\s+(?![\d$\u20ac\u00a3])")
# A comma between items, not inside a number ("122,261").
_LIST_COMMA = re.compile(r",(?!\d)")
# "Africa, and the Pacific are": the next item of a list, then its end.
_LIST_GOES_ON = re.compile(r"(?:[^\s,;]+\s+){0,2}[^\s,;]+,\s+(?:and|or)\s")
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:but|and|while|whereas|although|yet)\s)|\u2014\s*")
_APPOSITIVE = re.compile(r",\s+(?:a|an|the)\s[^,;\"]{1,80},\s+(?=[a-z])")
_PARENTHETICAL = re.compile(r"\s*\([^()]{0,120}\)")
# Antecedent of a relative clause that hangs on an appositive: "Enerhodar, a city ... that".
_APPOSITIVE_HEAD = re.compile(
    r"(?P<name>[A-Z][\w'.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'.-]*)*),\s+(?:a|an|the|one)\s[^,]*$"
)
_DETERMINER = re.compile(
    r"\b(?:the|a|an|this|these|those|its|his|her|their|our|some|many|most)\s", re.IGNORECASE
)
_RELATIVE = re.compile(r"(?:,\s+|\s+)(?:that|which|who)\s+")
_NOT_ANTECEDENT = SAY_WORDS | {"so", "such", "now", "than", "is", "was", "are", "were", "be"}

# "sent more than 1 million people fleeing over Ukraine's borders" -> "... people fled Ukraine"
_CAUSED_FLIGHT = re.compile(
    r"\b(?:has\s+|have\s+|had\s+)?(?:sent|forced|driven|drove|caused|prompted|pushed)\s+"
    r"(?P<who>[^,;]+?)\s+(?P<verb>fleeing|to\s+flee|leaving|to\s+leave|to\s+evacuate|"
    r"evacuating)\b(?P<where>[^,;]*)"
)
_CAUSING_WORDS = word_set("sent forced driven drove caused prompted pushed")
_PAST = {"fleeing": "fled", "flee": "fled", "leaving": "left", "leave": "left",
         "evacuating": "evacuated", "evacuate": "evacuated"}  # fmt: skip
_BORDERS = re.compile(r"^\s*(?:over|across|through)\s+(?P<place>.+?)'s?\s+borders?\b")
_FRACTION_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine)-(half|halves|thirds?|quarters?|"
    r"fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)
# Starts with a literal "-", which the engine finds fast; _FRACTION_WORD starts with \b.
_FRACTION_HINT = re.compile(
    r"-(?:half|halves|third|quarter|fifth|sixth|seventh|eighth|ninth|tenth)", re.I
)
_THE_COUNTRY = re.compile(r"\b[Tt]he\s+(?:country|nation)\b(?P<poss>'s?)?")

# Kinds are recognised in two steps, because most sentences have none of the trigger words and a
# set intersection is far cheaper than a regular expression: words that decide a kind alone, and
# words that only make it worth running the kind's expression.
_KIND_WORDS = {
    "comparison": word_set(
        "highest lowest largest biggest smallest fastest slowest worst best better worse record "
        "doubled tripled halved rose fell increased decreased dropped jumped grew declined "
        "climbed surged plunged"
    ),
    "prediction": word_set("will won't shall forecast forecasts predicts predict"),
    "causal": word_set("because caused causes causing blamed therefore hence"),
    "event": word_set(
        "agreed announced signed killed attacked launched invaded met held arrested elected voted "
        "passed approved rejected died won lost reached released seized captured struck fired "
        "resigned appointed banned opened closed convened ruled imposed fled shot bombed "
        "destroyed yesterday monday tuesday wednesday thursday friday saturday sunday"
    ),
}
# (trigger words, expression): the expression runs only on sentences with a trigger word.
_KIND_CHECKS = {
    "comparison": (
        (
            word_set("than"),
            # "\w\wer" finds whatever "\w{2,}er" would (only a match is asked for, not where it
            # starts), without backtracking through every word of the stretch.
            re.compile(
                r"\w\wer\s+than|\b(?:more|less|fewer)\s+(?!than\b)\w+\s+than\b|\b(?:more|less|"
                r"fewer)\s+than\s+(?!(?:about\s+)?[\d$\u20ac\u00a3]|(?:a|an|one|two|three|four|five|"
                r"six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a\s+hundred|half|a\s+third|"
                r"a\s+quarter|\w+\s+(?:hundred|thousand|million|billion))\b)",
                re.I,
            ),
        ),
        (word_set("compared"), re.compile(r"\bcompared\s+(?:to|with)\b", re.I)),
        (word_set("times"), re.compile(r"\btimes\s+(?:as|more)\b", re.I)),
        (word_set("up down"), re.compile(r"\b(?:up|down)\s+from\b", re.I)),
    ),
    "prediction": (
        (
            word_set("going expected projected forecast set likely poised"),
            re.compile(r"\b(?:going|expected|projected|forecast|set|likely|poised)\s+to\b", re.I),
        ),
        (word_set("projects"), re.compile(r"\bprojects\s+(?:that|to)\b", re.I)),
        (word_set("by"), re.compile(r"\bby\s+20[3-9]\d\b", re.I)),
        (word_set("next"), re.compile(r"\bnext\s+(?:year|month|week|decade)\b", re.I)),
    ),
    "causal": (
        (
            word_set("due led leads leading thanks order justify"),
            re.compile(r"\b(?:due|led|leads|leading|thanks|order)\s+to\b|\bto\s+justify\b", re.I),
        ),
        (
            word_set("result results resulted"),
            re.compile(r"\bas\s+a\s+result\b|\bresult(?:s|ed)?\s+in\b", re.I),
        ),
        (word_set("driven"), re.compile(r"\bdriven\s+by\b", re.I)),
        (word_set("responsible"), re.compile(r"\bresponsible\s+for\b", re.I)),
        (word_set("so"), re.compile(r"\bso\s+that\b", re.I)),
        (
            word_set("fleeing flee"),
            re.compile(
                r"\b(?:sent|forced|drove|driven)\s+[^.]{1,60}?\s+(?:fleeing|to\s+flee)\b", re.I
            ),
        ),
    ),
    "event": ((word_set("last"), re.compile(r"\blast\s+(?:week|month|year|night)\b", re.I)),),
}


def _by_word(pairs: Iterable[tuple[str, T]]) -> dict[str, tuple[T, ...]]:
    table: dict[str, list[T]] = {}
    for word, item in pairs:
        table.setdefault(word, []).append(item)
    return {word: tuple(items) for word, items in table.items()}


# The same, looked up by the words a sentence has: the kinds a word decides, and the
# (kind, expression) pairs it makes worth running.
_DECIDED_BY = _by_word((word, kind) for kind, words in _KIND_WORDS.items() for word in words)
_CHECKED_BY = _by_word(
    (word, (kind, pattern))
    for kind, checks in _KIND_CHECKS.items()
    for triggers, pattern in checks
    for word in triggers
)
_ANY_KIND_WORD = frozenset(_DECIDED_BY) | frozenset(_CHECKED_BY)
# The only words of a sentence drafting asks about.
_KEY_WORDS = listed_words(ATTRIBUTION_WORDS | _CAUSING_WORDS | _ANY_KIND_WORD)
# A quotation worth the "quote" kind has a few words; scare quotes ("demilitarization") do not.
_QUOTATION = re.compile(r"\"([^\"]{5,})\"")

_COUNTRIES = (
    "Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|"
    "Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|"
    "Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|"
    "China|Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Denmark|"
    "Djibouti|Dominica|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|"
    "France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|Guatemala|Guinea|Guyana|Haiti|"
    "Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Jamaica|Japan|"
    "Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|"
    "Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|"
    "Marshall Islands|Solomon Islands|Micronesia|Samoa|Tonga|Vanuatu|Kiribati|Tuvalu|Nauru|Palau|"
    "Mauritania|Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|"
    "Namibia|Nepal|Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|"
    "Norway|Oman|Pakistan|Palestine|Panama|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|"
    "Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Singapore|Slovakia|Slovenia|Somalia|"
    "South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|Sweden|Switzerland|"
    "Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tunisia|Turkey|Turkmenistan|Uganda|Ukraine|"
    "United Arab Emirates|United Kingdom|Britain|United States|U.S.|America|Uruguay|Uzbekistan|"
    "Venezuela|Vietnam|Yemen|Zambia|Zimbabwe"
)
_COUNTRY_ALIASES = {"U.S.": "the United States", "America": "the United States",
                    "United States": "the United States", "Britain": "the United Kingdom",
                    "United Kingdom": "the United Kingdom", "Netherlands": "the Netherlands",
                    "Philippines": "the Philippines", "Marshall Islands": "the Marshall Islands",
                    "Solomon Islands": "the Solomon Islands"}  # fmt: skip
_CAPITALISED_WORD = re.compile(r"[A-Z][A-Za-z.]*")
_COUNTRIES_BY_FIRST_WORD: dict[str, list[str]] = {}
for _name in _COUNTRIES.split("|"):
    _COUNTRIES_BY_FIRST_WORD.setdefault(_name.split()[0], []).append(_name)


@dataclass(slots=True)
class ArticleContext:
    """What drafting may borrow from the rest of the article to make a sentence self-contained.

    Drafting sentences in article order updates ``last_person`` and ``quoting``, so that
    "He also said ..." is attributed to the person named as a speaker just before.
    """

    text: str = ""
    position: int = 0  # where the sentence being drafted starts in ``text``
    last_person: str | None = None
    last_person_at: int = 0  # where the sentence that named ``last_person`` starts
    # The sentence drafted just before and where it ends: a draft opening with "This is ..."
    # may carry it (see antecedents.with_sentence_before).
    before: str = ""
    before_end: int = -1
    quoting: str | None = None
    _country: str | None = field(default=None, repr=False)
    _country_done: bool = field(default=False, repr=False)
    _full_names: dict[str, str] = field(default_factory=dict, repr=False)

    @property
    def country(self) -> str | None:
        # Computed on first use: most articles never say "the country", and scanning for
        # every country name costs more than drafting a few sentences.
        if not self._country_done:
            self._country = main_country(self.text)
            self._country_done = True
        return self._country

    def names_nearby(self, country: str) -> bool:
        """Whether the article names ``country`` in the sentences before the one drafted (or
        in it): "the country" is resolved only to a country the reader has just been told
        about, never to one the article names elsewhere in another role."""
        window = self.text[max(0, self.position - _NEARBY_CHARS) : self.position + 400]
        names = [name for name, alias in _COUNTRY_ALIASES.items() if alias == country]
        return any(_whole_word(name).search(window) for name in [country, *names])

    def pronoun_person(self) -> str | None:
        """Who "he" or "she" opening the sentence drafted stands for (see antecedents.py)."""
        return recent_person(self.text, self.position, self._recent_speaker(), self.full_name)

    def _recent_speaker(self) -> str | None:
        # The last speaker stands for "he" only while the article is still quoting them.
        near = self.position - self.last_person_at <= _SPEAKER_REACH_CHARS
        return self.last_person if near else None

    def resolve_pronoun(self, draft: str) -> str:
        """``draft`` with its leading pronoun resolved from the sentences before, if they
        name what it stands for and the resolved draft still fits; else after the sentence
        before, if the two fit (see antecedents.py)."""
        if not self.text:
            return draft
        resolved = resolve_leading_pronoun(
            draft, self.text, self.position, self._recent_speaker(), self.full_name
        )
        if resolved != draft and len(resolved) <= MAX_DRAFT_CHARS:
            return resolved
        # Only the sentence right before: one left out between (furniture, a repeat) breaks it.
        if self.before_end < 0 or self.text[self.before_end : self.position].strip():
            return draft
        return with_sentence_before(draft, self.before, MAX_DRAFT_CHARS)

    def drafted(self, sentence: str, offset: int) -> None:
        """Note ``sentence``, which starts at ``offset``, as the one drafted last."""
        self.before, self.before_end = sentence, offset + len(sentence)

    def full_name(self, name: str) -> str:
        """Expand a lone surname ("Podolyak") to the fullest form the article uses."""
        if " " in name or not name[:1].isupper() or not self.text:
            return name
        # "Ajibola Lewis, the mother of Olaseni Lewis, said ... Lewis added": the speaker just
        # quoted, not the first person of that surname in the article.
        speaker = self._recent_speaker()
        if speaker and speaker.endswith(" " + name):
            return speaker
        if name not in self._full_names:
            self._full_names[name] = expand_surname(self.text, name)
        return self._full_names[name]


@dataclass(slots=True)
class Draft:
    text: str
    kinds: list[str]
    claimant: str | None


_NEARBY_CHARS = 1200
_SPEAKER_REACH_CHARS = 2000


def main_country(text: str) -> str | None:
    """The country the article mentions most: what "the country" most likely refers to."""
    # Names whose first word the article capitalises somewhere are counted with str.count,
    # which also counts "India" in "Indiana"; the front-runners are recounted as whole words.
    # In the order of first appearance, and every name tied with the fourth: which names are
    # recounted must not hang on the order of a set, which changes from one process to the next.
    capitalised = dict.fromkeys(_CAPITALISED_WORD.findall(text))
    shortlist = [name for word in capitalised for name in _COUNTRIES_BY_FIRST_WORD.get(word, ())]
    rough = Counter({name: n for name in shortlist if (n := text.count(name))}).most_common()
    floor = rough[_FRONT_RUNNERS - 1][1] if len(rough) >= _FRONT_RUNNERS else 0
    counts: Counter[str] = Counter()
    for name, _ in (item for item in rough if item[1] >= floor):
        exact = sum(1 for match in _whole_word(name).finditer(text)
                    if _is_word_start(text, match.start())
                    and not _inside_longer_name(text, match.start()))  # fmt: skip
        counts[_COUNTRY_ALIASES.get(name, name)] += exact
    ranked = [item for item in counts.most_common(2) if item[1]]
    if not ranked:
        return None
    # Only a clear favourite: with two countries mentioned about equally often, "the country"
    # could be either, and a wrong country in a claim is worse than an unresolved one.
    if len(ranked) == 2 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]


_FRONT_RUNNERS = 4


@cache
def _whole_word(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(name) + r"(?!\w)")


def _is_word_start(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


def _inside_longer_name(text: str, start: int) -> bool:
    """ "Ireland" in "Northern Ireland", "Guinea" in "Papua New Guinea": another place."""
    before = text[max(0, start - 30) : start].rstrip()
    if len(before) == len(text[max(0, start - 30) : start]):
        return False  # no space before: a hyphenated or glued word
    previous = before.rsplit(None, 1)[-1] if before else ""
    return previous[:1].isupper() and previous not in _SENTENCE_OPENERS


_SENTENCE_OPENERS = word_set(
    "In The And But On At From To For With By Of As Across Throughout Inside Outside Unlike "
    "Like Than Both Neither Either Only Even Also"
)


def draft_claim(
    sentence: str,
    quantities: Sequence[Quantity] = (),
    *,
    offset: int = 0,
    context: ArticleContext | None = None,
) -> Draft:
    """Draft a claim from ``sentence``.

    ``quantities`` are those found in the sentence, with offsets into a text where the sentence
    starts at ``offset`` (0 when they were found in the sentence itself).
    """
    context = context or ArticleContext()
    folded, positions, lower, words, (claimant, content, content_start) = _read_speaker(
        sentence, quantities, offset, context
    )
    focus = surface = None
    if quantities:
        focus = next((p - content_start for p in positions if p >= content_start), None)
        surface = next(
            (q.text for q in quantities if q.kind != "ordinal" and q.text and q.text in content),
            None,
        )
    text = _shorten(content, focus, context, words, surface)
    if text.split(" ", 1)[0].lower() in OPENERS:
        text = _past_an_opening_clause(text, content)
    # The attribution's own cut is doubted only in a long sentence without a quotation.
    cut_content = '"' not in folded and _is_fragment(content, folded, _MIN_SENTENCE_WORDS)
    if content_start and _NEGATED_SAYING.search(folded, max(0, content_start - 40), content_start):
        # "Lobby groups have never suggested that hundreds of thousands of firms will go bust":
        # what follows is what they did not say; the draft is the quote, trimmed.
        text = _trimmed(_DASH_ASIDE.sub(" ", folded))
    elif cut_content or _is_fragment(text, content):
        # "But not all", "Earlier this year": a cut that left a fragment. Unsure what the claim
        # is, the draft is the quote, trimmed.
        text = _trimmed(folded if cut_content else content)
    elif claimant is not None:
        text = _says_who(claimant, folded, text, context.text, (content_start, content))
        # "This was the highest rate since 2001, the report said": "this" is what the sentence
        # before said, as without a speaker; a person's pronoun may be the speaker, so stays.
        if text.startswith(_DEMONSTRATIVES):
            text = context.resolve_pronoun(text)
    elif text.startswith(_POINTING_BACK):
        text = context.resolve_pronoun(text)
    context.drafted(sentence, offset)
    kinds = _kinds(folded, lower, words, quantities, claimant)
    if claimant is not None and not quantities and is_reported_opinion(folded, content):
        kinds.append("opinion")
    return Draft(text=text, kinds=kinds, claimant=claimant)


def _read_speaker(
    sentence: str, quantities: Sequence[Quantity], offset: int, context: ArticleContext
) -> tuple[str, list[int], str, frozenset[str], tuple[str | None, str, int]]:
    """The first half of drafting, all that the claimant needs: the sentence normalised
    (``folded``), where its quantities start in it, it lower-cased, its key words, and the
    attribution (claimant, reported content, where the content starts). Updates ``context``
    as drafting does: where the sentence starts and who is being quoted."""
    context.position = offset
    folded = _fold(sentence)
    positions = [q.start - offset for q in quantities] if quantities else []
    if len(folded) > _MAX_SENTENCE_CHARS:
        folded, positions = _window(folded, positions)
    stripped = _without_label(folded.lstrip())
    if positions and len(stripped) != len(folded):
        positions = [p - (len(folded) - len(stripped)) for p in positions]
    folded = _single_quotes(stripped.rstrip())
    if "/" in folded or ("R-" in folded or "D-" in folded or "I-" in folded):
        folded, positions = _without_credit_or_affiliation(folded, positions)
    lower = folded.lower()
    words = _KEY_WORDS(lower)  # the listed words only, see _KEY_WORDS
    claimant, content, content_start = None, folded, 0
    if not words.isdisjoint(ATTRIBUTION_WORDS):
        claimant, content, content_start = attribution(folded, lower, words, context)
    if claimant is None and folded.startswith('"'):
        # '"The second round is over," Podolyak said. "Unfortunately, ..."': a quotation
        # that follows a speaker's quotation without naming anyone continues it.
        claimant = context.quoting
    context.quoting = claimant if '"' in folded else None
    return folded, positions, lower, words, (claimant, content, content_start)


# Words that go on after a comma inside an opening clause without starting the main one: an
# aside ("some of which were ...", "as well as ...") or the next item of a list.
_ASIDE_ADVERBS = frozenset({"for instance", "for example", "however", "in fact", "too", "also"})
_ASIDE_OPENING = word_set(
    "as including such along some many most which who whose where like especially notably"
)
# What follows the comma is no main clause: "..., which would undermine", "..., as it struck",
# "..., enough to flood", "..., increasing labour costs and ...".
_NOT_A_MAIN_CLAUSE = word_set(
    "which who whose where when as enough and but or nor so while whereas including such like "
    "along with after before since because although though until unless if once"
)


def _past_an_opening_clause(text: str, content: str) -> str:
    """The clause after the opening adverbial one, when the draft is that adverbial alone and
    ends where the statement goes on after a comma ("While the worst-case scenario says ...",
    "Following a raft of changes ..."). ``text`` unchanged when unsure."""
    first, _, second = text.lower().partition(" ")
    if first == "even" and second.startswith("if "):
        return text
    # "In 2013-14, 68 people took their lives", "Because of ..., scientists are telling us":
    # a comma inside the draft that the main clause follows; "Along with spiralling rents,
    # increasing labour costs" or "... countries, some of which were ..." go on listing or
    # describing.
    for part in text.split(", ")[1:]:
        word = part.split(" ", 1)[0]
        if part in _ASIDE_ADVERBS:
            continue  # "Because of sea level rise, for instance"
        if word not in _ASIDE_OPENING and not (word.islower() and word.endswith("ing")):
            return text
    tail = text[-20:]
    at = content.find(tail)
    if at == -1:
        return text
    rest = content[at + len(tail) :].lstrip('"')
    if not rest.startswith(", "):
        return text
    main = _strip_closing_marks(rest[2:].strip()).lstrip(' "')
    if main.startswith("that "):
        main = main[5:]  # "Putin said, among other things, that Russia's concept is ..."
    opening = main.split(" ", 1)[0]
    if (
        len(main.split(None, 4)) < 5
        or '"' in main
        or opening.lower() in _NOT_A_MAIN_CLAUSE
        or (opening.islower() and opening.endswith("ing"))
    ):
        return text
    return cap(main[:1].upper() + main[1:])


_DASH_ASIDE = re.compile(r"\s+[\u2013\u2014]\s+[^\u2013\u2014]{1,100}?\s+[\u2013\u2014]\s+")
_NEGATED_SAYING = re.compile(r"\b(?:never|not|n't|no\s+longer)\s+(?:\w+ly\s+)?(?:\w+\s+)?\w+\W*$")


def _word_in(words: str) -> re.Pattern[str]:
    """One of ``words`` as a whole word, case-sensitive. Factored by common prefixes (see
    wordscan.trie_pattern), so the engine rejects a word after a letter or two rather than
    comparing every listed word at every word: half the time of the flat list."""
    return re.compile(r"\b(?:" + trie_pattern(word_list(words)) + r")\b")


def is_reported_opinion(sentence: str, content: str) -> bool:
    """Whether an attributed statement is a judgement of the speaker's, not a fact they report:
    a verb of belief ("X believes ...", "X thinks ...") or an evaluative word in what they said
    ("X said the plan was a disaster"). Figures are left out by the caller: "X said 40% of
    the budget was wasted" can be checked."""
    return _BELIEF.search(sentence) is not None or _EVALUATIVE.search(content) is not None


# Verbs of belief only: "argued", "contended" and "than previously thought" often carry a
# checkable claim ("Piecuch argued that the Gulf Stream has weakened"); "think tank" is a noun.
_BELIEF = re.compile(
    r"\b(?:believes?|believed|thinks?|feels?|opined|hopes?|hoped)\b"
    r"(?!\s+(?:to\b|it\s+is\s+time|tanks?\b))"
)
# The words factored by common prefixes (see wordscan.trie_pattern): a third faster than the
# flat list, which the engine tries word by word at every word.
_EVALUATIVE = re.compile(
    r"\b(?:"
    + trie_pattern(
        word_list(
            "disaster disastrous shameful disgrace disgraceful outrageous ridiculous absurd "
            "terrible awful appalling horrifying horrific unacceptable wrong misguided reckless "
            "irresponsible nonsense travesty scandal scandalous betrayal fantastic wonderful "
            "excellent brilliant great vital crucial ironic tragic shocking deplorable delighted "
            "proud disappointed regrettable unfair shambles"
        )
    )
    + r"|right\s+(?:thing|decision|choice)|a\s+(?:mistake|failure))\b"
    # Lower case only: "Great Barrier Reef" is a name, not praise.
)


# Pronouns a draft may open with that the sentences before can resolve (see antecedents.py) ...
_LEADING_PRONOUNS = tuple(
    f"{word}{end}"
    for word in ("He", "She", "His", "Her", "It", "Its", "They", "Their")
    for end in (" ", "'s ", "'re ")
)
# ... and the words that point back to the sentence before, which it may carry.
_DEMONSTRATIVES = ("This ", "That ", "That's ", "These ", "Those ")
_POINTING_BACK = (*_LEADING_PRONOUNS, *_DEMONSTRATIVES)


def quote_draft(sentence: str, context: ArticleContext | None = None, *, offset: int = 0) -> Draft:
    """The sentence itself as the draft, trimmed to fit: no attribution, no rewrite.

    A quotation with its speaker named ('"...," Danus told the court.') is still read for the
    speaker, so that the next quotation naming nobody continues this speaker's, not the one
    quoted before."""
    folded = _single_quotes(_fold(sentence))
    if context is not None and '"' in folded and _SPEAKER_VERB.search(_QUOTED.sub(" ", folded)):
        # Only the claimant is needed: the first half of drafting (see _read_speaker).
        context.quoting = _read_speaker(sentence, (), offset, context)[4][0]
    if context is not None:
        context.drafted(sentence, offset)
    return Draft(text=_trimmed(folded), kinds=[], claimant=None)


_QUOTED = re.compile(r'"[^"]*"')
_SPEAKER_VERB = _word_in("said says told tells added adds asked wrote writes")


def _trimmed(text: str) -> str:
    text = _strip_closing_marks(text.strip()).lstrip(' ",;:')
    return cap(_balance_quotes(text[:1].upper() + text[1:]))


_MIN_FRAGMENT_SOURCE_WORDS = 8
_MIN_SENTENCE_WORDS = 12
_MAX_FRAGMENT_WORDS = 4


def _is_fragment(text: str, source: str, source_words: int = _MIN_FRAGMENT_SOURCE_WORDS) -> bool:
    """A phrase of four words or fewer without a verb ("Earlier this year", "Published in
    April"), cut from a sentence of ``source_words`` or more."""
    words = text.split(None, _MAX_FRAGMENT_WORDS)
    return (
        len(words) <= _MAX_FRAGMENT_WORDS
        and len(source.split(None, source_words)) >= source_words
        and not any(_is_verb(word.lower().strip(".,;:!?'\"")) for word in words[1:])
    )


def _is_verb(word: str) -> bool:
    return word in _COMMON_VERBS or word.endswith(("ed", "n't", "'s", "'re"))


_COMMON_VERBS = word_set(
    "is are was were be been being has have had will would can could may might must should "
    "shall do does did said says told made makes got gets went goes came comes took takes gave "
    "gives saw sees knew knows thought thinks found finds left won lost fell falls rose rises "
    "grew grows began begins work works working"
)


# "Jim Pitts, R-Waxahachie, took", "Rep. Joe Kennedy III (D-MA) claimed": a party and home
# town between commas or brackets; dropped, or removing an aside around it garbles the rest
# ("The bill R-Spokane, would reverse"). A picture credit in front: "JOHN MACDOUGALL/AFP/Getty
# Images Gold Jade Jones ...".
_AFFILIATION = re.compile(
    r",\s+[RDI]-[A-Z][\w'.]*(?:[ -][A-Z][\w'.]*)?,?(?=\s)|\s+\([RDI]-[A-Z][\w'. -]{0,30}\)"
)
_CREDIT = re.compile(
    r"(?:[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*/)+(?:Getty Images|Getty|AFP|AP|Reuters|REUTERS|EPA"
    r"|PA Wire|PA|Shutterstock|Alamy|Rex)\s+(?:(?:Gold|Silver|Bronze)\s+)?"
)


def _without_credit_or_affiliation(text: str, positions: list[int]) -> tuple[str, list[int]]:
    """``text`` without affiliations and a leading picture credit; ``positions`` moved to
    match."""
    cuts = [match.span() for match in _AFFILIATION.finditer(text)]
    credit = _CREDIT.match(text)
    if credit:
        cuts.insert(0, credit.span())
    if not cuts:
        return text, positions
    kept, at = [], 0
    for start, end in cuts:
        kept.append(text[at:start])
        at = end
    kept.append(text[at:])
    moved = [p - sum(min(end, p) - start for start, end in cuts if start < p) for p in positions]
    return "".join(kept), moved


def _says_who(
    claimant: str,
    sentence: str,
    text: str,
    article: str = "",
    reported: tuple[int, str] = (0, ""),
) -> str:
    """ "Vladimir Putin warned that Ukraine must ...": a demand, warning, claim or opinion
    keeps its speaker, so that it is not drafted as a fact.

    A plain report of a fact ("Reuters reports that the two sides agreed to meet") keeps the
    statement alone; it is what gets checked. A draft that would not fit keeps the statement.
    """
    # "X said he believes ...", "The analysis says ... than the 8% claimed in the list": a
    # stance verb inside what was said is the content's, not the speaker's.
    start, content = reported
    inside = sentence[start : start + len(content)] == content if content else False
    verb = None
    for stance in _STANCE.finditer(sentence):
        if inside and start <= stance.start() < start + len(content):
            continue
        if not _has_word(text, stance.group(0)):
            verb = stance.group(0)
            break
    # "He said he feared ...", "The ONS said it was the first time": the pronoun is the speaker
    # or stands for what the speaker named, so the statement keeps its speaker.
    pronoun = text.startswith(_LEADING_PRONOUNS)
    if verb is None and (pronoun or _MODAL_CONTENT.search(text)):
        verb = _plain_saying(sentence) or ("said" if pronoun else None)
    first, _, rest = text.partition(" ")
    # "We will not give up a city": reported, the person would change; the quote stays as is,
    # with its speaker before it, so that "we" means someone.
    if _FIRST_OR_SECOND_PERSON.search(text):
        return _quoted_with_speaker(claimant, verb, sentence, text)
    if verb is None:
        return text
    # The draft capitalises its first word; after "that" it is lower case again unless it is a
    # name (written with a capital where the sentence has it).
    if _lower_when_reported(first, sentence, article):
        text = f"{first.lower()} {rest}" if rest else first.lower()
    verb = _as_reported(verb)
    attributed = f"{claimant} {verb} that {text}"
    capped = cap(attributed)
    # Only an ellipsis would make the speaker fit: the statement alone, whole, is better.
    if capped.endswith("\u2026") and len(text) <= MAX_DRAFT_CHARS:
        return cap(text[:1].upper() + text[1:])
    return capped


def _quoted_with_speaker(claimant: str, verb: str | None, sentence: str, text: str) -> str:
    """'Dean Haydon said: "We are still working ..."': a first- or second-person draft that
    the sentence quotes, kept word for word, with its speaker and the verb of saying. Left alone
    when the words are not a direct quotation (a rewrite would change their person), when they
    hold a quotation of their own, or when the speaker would not fit."""
    if '"' in text:
        return text
    at = sentence.find(text[1:])
    if at < 1 or sentence.count('"', 0, at) % 2 == 0:
        return text
    verb = _as_reported(verb or _plain_saying(sentence) or "said")
    quoted = f'{claimant} {verb}: "{text}"'
    return quoted if len(quoted) <= MAX_DRAFT_CHARS else text


def _plain_saying(sentence: str) -> str | None:
    """The plain verb of saying in ``sentence`` ("said", "told", "wrote" ...), if any."""
    plain = _PLAIN_SAY.search(sentence)
    return plain.group(0) if plain else None


def _as_reported(verb: str) -> str:
    """The verb as a draft writes it: lower case, "told" as "said" (the audience is left out)."""
    return _REPORTED_VERB.get(verb.lower(), verb.lower())


_STANCE = _word_in(
    "demanded demands warned warns urged urges threatened threatens claimed claims argued argues "
    "contended contends believes believed thinks maintained maintains insisted insists alleged "
    "alleges predicted predicts promised promises vowed vows"
)
_PLAIN_SAY = _word_in(
    "said says told tells added adds stated states wrote writes announced announces"
)
_MODAL_CONTENT = re.compile(
    r"\b(?:must|should|ought|will|would|could|might|need to|needs to|have to|has to)\b"
)
_FIRST_OR_SECOND_PERSON = re.compile(r"\b(?:I|I'm|I've|we|We|our|Our|my|My|you|You|your|Your|us)\b")
# "told us that": the audience is left out of the draft, so the verb is the plain one.
_REPORTED_VERB = {"told": "said", "tells": "says"}


def _lower_when_reported(first: str, sentence: str, article: str) -> bool:
    """Whether the draft's first word is lower case after "that": a function word ("At the
    rate ...") or a word the sentence or the article writes in lower case is; a name or an
    acronym ("NASA", "Ukraine": capitalised inside a sentence somewhere) is not."""
    base = first.split("'", 1)[0]  # "It's" is "It"
    if base in _LOWER_WHEN_REPORTED or base.lower() in _FUNCTION_WORDS:
        return True
    if (first.isupper() and len(first) > 1) or not first[:1].isupper():
        return False
    if _has_word(sentence, first.lower()):
        return True
    return bool(article) and not _capitalised_inside(article, base.rstrip(",;:"))


def _capitalised_inside(text: str, word: str) -> bool:
    """Whether ``word`` stands capitalised after a lower-case word somewhere in ``text``."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        after_lower = text[at - 2 : at - 1].islower() and text[at - 1] == " "
        if after_lower and not text[end : end + 1].isalnum():
            return True
        at = text.find(word, end)
    return False


def _has_word(text: str, word: str) -> bool:
    """Whether ``word`` occurs in ``text`` as a whole word, case-sensitive (no expression is
    compiled per word)."""
    at = text.find(word)
    while at != -1:
        end = at + len(word)
        if (at == 0 or not text[at - 1].isalnum()) and not text[end : end + 1].isalnum():
            return True
        at = text.find(word, end)
    return False


_FUNCTION_WORDS = word_set(
    "at in on by for from with about after before during since until under over into as if "
    "when while although though because despite without between among against through across "
    "only even just more most less fewer some one two three four five six seven eight nine ten"
)
_LOWER_WHEN_REPORTED = word_set(
    "The It A An This That These Those There Its Their His Her Our We They He She All Some "
    "Many Most No Every Any Each Such"
)


_LABEL = re.compile(r"[^\n\d]{2,40}?(?:  +|\n+)")


def _without_label(sentence: str) -> str:
    """Drop a caption or label glued to the sentence: "Advertisement  David Cameron said ..."."""
    if sentence.find("  ", 0, 42) == -1 and sentence.find("\n", 0, 42) == -1:
        return sentence
    label = _LABEL.match(sentence)
    if label is None or not is_label(label.group(0)):
        return sentence
    return sentence[label.end() :]


# Longer "sentences" are segmentation accidents (tables, lists without punctuation). Drafting
# looks at a window of them, so that no input makes the regular expressions slow.
_MAX_SENTENCE_CHARS = 1000


def _window(sentence: str, positions: list[int]) -> tuple[str, list[int]]:
    first = min((p for p in positions if p >= 0), default=0)
    start = max(0, min(first - 200, len(sentence) - _MAX_SENTENCE_CHARS))
    window = sentence[start : start + _MAX_SENTENCE_CHARS]
    return window, [p - start for p in positions]


def _shorten(
    content: str,
    focus: int | None,
    context: ArticleContext,
    words: frozenset[str],
    surface: str | None = None,
) -> str:
    """Cut ``content`` down to the clause that carries the claim, subject resolved."""
    text = content.lstrip(' ",;:')
    if focus is not None:
        focus -= len(content) - len(text)
    text = text.rstrip(' "')
    if focus is not None and 0 <= focus < len(text):
        text = _focus_relative_clause(text, focus)
    text = _drop_prefix(CONNECTIVE, text)
    if text[:1] in "iItT":  # _IMPERSONAL starts with "it" or "this"
        text = _drop_prefix(_IMPERSONAL, text)
    if text.count(",") >= 2:  # an aside is set off by two commas
        text = _keeping(surface, text, _EXAMPLE_ASIDE.sub(" ", _INNER_ASIDE.sub(" ", text)))
    text = _keeping(surface, text, _drop_trailing_aside(text))
    if not words.isdisjoint(_CAUSING_WORDS):
        text = _rewrite_caused_flight(text)
    text = _resolve_country(text, context)
    if "-" in text and _FRACTION_HINT.search(text):
        text = _FRACTION_WORD.sub(r"\1 \2", text)
    if len(text) > AIM_DRAFT_CHARS:
        text = _keeping(surface, text, _trim(text, focus))
    text = _strip_closing_marks(text).lstrip(' "')
    text = _balance_quotes(text[1:] if text.startswith("'") else text)
    return cap(text[:1].upper() + text[1:])


def _strip_closing_marks(text: str) -> str:
    """Drop closing punctuation and quote marks, but not the apostrophe of "teachers'"."""
    text = text.rstrip(_CLOSING)
    while text.endswith("'") and text[-2:-1] not in ("s", "S"):
        text = text[:-1].rstrip(_CLOSING)
    return text


_CLOSING = '.,;:!? "\t\n'


def _keeping(surface: str | None, before: str, after: str) -> str:
    """``after``, unless the cut that made it dropped the quantity the claim is about."""
    if surface is None or surface in after or surface not in before:
        return after
    return before


def _balance_quotes(text: str) -> str:
    # A cut can leave half a quotation ('the reef, "it would be'); drop the orphan mark.
    if text.count('"') % 2 == 0:
        return text
    index = text.rindex('"')
    return (text[:index] + text[index + 1 :]).replace("  ", " ")


def _focus_relative_clause(text: str, focus: int) -> str:
    """If the quantity sits in a relative clause, make the clause its own sentence.

    "... of Enerhodar, a crucial city that accounts for about one-quarter of ..." becomes
    "Enerhodar accounts for about one-quarter of ...": the relative pronoun is replaced by its
    antecedent, which for an appositive is the name it describes.
    """
    # Substring tests first: most quantities have no relative pronoun before them.
    if (
        text.find("that", 0, focus) == -1
        and text.find("which", 0, focus) == -1
        and text.find("who", 0, focus) == -1
    ):
        return text
    relative = None
    for match in _RELATIVE.finditer(text, 0, focus):
        before = text[: match.start()].rsplit(None, 1)
        # "the conclusion that President Biden can": "that" opens a clause with its own
        # subject, so it is no relative pronoun and has no antecedent to stand for.
        if (
            before
            and before[-1].lower().strip(",") not in _NOT_ANTECEDENT
            and not _opens_a_subject(text, match.end())
        ):
            relative = match
    if relative is None:
        return text
    antecedent = _antecedent(text[: relative.start()])
    if antecedent is None:
        return text
    rest = _clause_end(text[relative.end() :])
    if relative.group(0).startswith(","):
        # ", which was conducted by 17 countries, was published": a clause opened by a comma
        # closes at the next one.
        rest = _NEXT_COMMA.split(rest, maxsplit=1)[0]
    if focus >= relative.end() + len(rest):
        return text  # the clause closes before the quantity: it is not about it
    return f"{antecedent} {rest}"


def _opens_a_subject(text: str, at: int) -> bool:
    word = text[at : text.find(" ", at) if text.find(" ", at) != -1 else None]
    return word[:1].isupper() or word.lower() in DETERMINERS or word.lower() in PRONOUNS


def _antecedent(before: str) -> str | None:
    match = _APPOSITIVE_HEAD.search(before)
    if match:
        return match.group("name")
    # The nearest determiner: "This could mean the landmark agreement" -> "the landmark agreement".
    for match in reversed(list(_DETERMINER.finditer(before))):
        phrase = before[match.start() :].rstrip(" -\u2013\u2014")
        if len(phrase.split()) > 6 or any(mark in phrase for mark in ',;:"'):
            return None
        return phrase
    return None


def _clause_end(text: str) -> str:
    tail = _TRAILING_TAIL.search(text)
    return text[: tail.start()].rstrip() if tail else text


def _drop_trailing_aside(text: str) -> str:
    # ", an argument he used to ...", ", adding ...", ", but emphasized ...": asides about the
    # speaker, not part of the checkable statement. Kept when the rest would be too short.
    head = _clause_end(text)
    return head if head is not text and len(head.split(None, 3)) == 4 else text


def _rewrite_caused_flight(text: str) -> str:
    """Rewrite "X has sent N people fleeing over Y's borders" as "N people fled Y".

    The checkable fact is the count of people who fled; the cause stays in the quote.
    """
    match = _CAUSED_FLIGHT.search(text)
    if not match:
        return text
    who = match.group("who")
    if not _has_digit(who) and not _has_number_word(who):
        return text
    verb = match.group("verb").split()[-1]
    past = _PAST[verb]
    where = match.group("where")
    borders = _BORDERS.match(where)
    place = f" {borders.group('place')}" if borders else where.rstrip()
    return f"{match.group('who')} {past}{place}"


def _has_number_word(text: str) -> bool:
    return any(word.lower() in COMMON_NUMBER_WORDS for word in text.split())


def _resolve_country(text: str, context: ArticleContext) -> str:
    # "international" contains "nation": the substring test only spares most sentences the
    # expression, and the article's country is looked up only for a real "the country".
    if ("he country" not in text and "he nation" not in text) or not _THE_COUNTRY.search(text):
        return text
    country = context.country
    if not country or not context.names_nearby(country):
        return text
    return _THE_COUNTRY.sub(lambda m: _possessive(country) if m.group("poss") else country, text)


def _possessive(name: str) -> str:
    return name + "'" if name.endswith("s") else name + "'s"


def _trim(text: str, focus: int | None) -> str:
    """Shorten a long statement: drop scene-setting, asides and the clauses without the focus."""
    text = _drop_prefix(_LEADING_FILLER, text)
    trimmed = _PARENTHETICAL.sub("", text) if "(" in text else text
    # "Ron DeSantis, a Jacksonville Republican in his third term, isn't": the appositive goes.
    trimmed = _drop_appositive(trimmed)
    adjunct = _LEADING_ADJUNCT.match(trimmed)
    # "Leading corporations, including carmakers, are ...": the "adjunct" is the subject.
    # "... in tropical South America, Africa, and the Pacific are": a comma of a list is no
    # end of an adjunct.
    if (
        adjunct
        and not _has_digit(adjunct.group(0))
        and not _SUBJECT_GOES_ON.match(trimmed, adjunct.end())
        and not _LIST_GOES_ON.match(trimmed, adjunct.end())
        and not _is_a_clause(adjunct.group(0))
    ):
        trimmed = trimmed[adjunct.end() :]
    if len(trimmed) > AIM_DRAFT_CHARS:
        head = _clause_end(trimmed)
        trimmed = head if len(head) > 30 else trimmed
    if len(trimmed) > AIM_DRAFT_CHARS:
        trimmed = _best_clause(trimmed, text, focus)
    return trimmed


def _drop_appositive(text: str) -> str:
    # After a name only: in "As part of this, the IOC has published the film, which ..." the
    # commas enclose the main clause, not an appositive. Most texts have no two commas.
    if text.count(",") < 2:
        return text
    for match in _APPOSITIVE.finditer(text):
        before = text[: match.start()].rsplit(None, 1)
        if before and before[-1][:1].isupper():
            return text[: match.start()] + " " + text[match.end() :]
    return text


def _drop_prefix(pattern: re.Pattern[str], text: str) -> str:
    # match() tries position 0 only; sub() with a "^" pattern would try every position.
    match = pattern.match(text)
    return text[match.end() :] if match else text


def _has_digit(text: str) -> bool:
    return any(map(str.isdigit, text))


def _best_clause(trimmed: str, original: str, focus: int | None) -> str:
    # Clauses of three words or more; split(None, 2) stops counting at three.
    clauses = [c for c in _clauses(trimmed) if len(c.split(None, 2)) == 3] or [trimmed]
    if focus is not None and focus < len(original):
        # The clause holding the quantity's surface, found by its words around the focus.
        anchor = original[focus : focus + 12]
        for clause in clauses:
            if anchor and anchor in clause:
                return clause
    return clauses[0]


def _clauses(text: str) -> list[str]:
    """``text`` split at its clause breaks, save the comma that closes a list ("Africa, Asia,
    South America, and Australia are ..."): "and Australia are ..." is no clause."""
    parts, start = [], 0
    for found in _CLAUSE_BREAK.finditer(text):
        if (
            found.group(0).startswith(",")
            and text.startswith("and ", found.end())
            and _closes_a_list(text[start : found.start()])
        ):
            continue
        parts.append(text[start : found.start()])
        start = found.end()
    parts.append(text[start:])
    return parts


def _closes_a_list(before: str) -> bool:
    """Whether the comma before "and" after ``before`` closes a list: an earlier comma (not one
    inside a number) sets off a last item of three words or fewer ("..., Africa" of "South
    America, Africa, and the Pacific")."""
    pieces = _LIST_COMMA.split(before)
    return len(pieces) >= 2 and len(pieces[-1].split()) <= 3


def _kinds(
    sentence: str,
    lower: str,
    words: frozenset[str],
    quantities: Sequence[Quantity],
    claimant: str | None,
) -> list[str]:
    kinds = set()
    if quantities:
        kinds.add("quantity")
    if claimant:
        kinds.add("attribution")
    if '"' in sentence and any(
        len(quoted.split(None, 2)) > 2 for quoted in _QUOTATION.findall(sentence)
    ):
        kinds.add("quote")
    # One intersection with every word that matters to a kind; a third of the sentences have
    # none, and the rest are looked up by the few words they do have.
    hits = words & _ANY_KIND_WORD
    for word in hits:
        kinds.update(_DECIDED_BY.get(word, ()))
    for word in hits:
        for kind, pattern in _CHECKED_BY.get(word, ()):
            if kind in kinds:
                continue
            # Only the stretch around the word is searched: every expression is a phrase of a
            # few words that contains it.
            at = lower.find(word)
            if pattern.search(sentence, max(0, at - 40), at + len(word) + 60):
                kinds.add(kind)
    return [kind for kind in CLAIM_KINDS if kind in kinds]
