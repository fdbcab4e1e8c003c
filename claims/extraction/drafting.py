"""Turn one check-worthy sentence into a claim draft: short text, kinds and claimant.

Rule-based and fast: a handful of regular expressions per sentence, run only on the sentences
the pipeline keeps. The draft is a starting point for an annotator, not a paraphrase model, so
every rule removes or reorders words of the sentence and never invents content (it only
resolves "the country" and pronoun speakers from the article context).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .types import CLAIM_KINDS, Quantity

MAX_DRAFT_CHARS = 120


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Typographic quotes are folded one character for one character, so offsets of quantities found
# in the original sentence stay valid in the normalised one.
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})

_SAY = (
    r"said|says|say|told|tells|tell|added|adds|stated|states|claimed|claims|warned|warns|noted|"
    r"notes|argued|argues|announced|announces|insisted|insists|acknowledged|acknowledges|"
    r"contended|contends|estimated|estimates|reported|reports|report|wrote|writes|explained|"
    r"explains|asserted|asserts|declared|declares|confirmed|confirms|denied|denies|alleged|"
    r"alleges|emphasized|emphasised|emphasizes|emphasises|stressed|stresses|tweeted|tweets|"
    r"admitted|admits|testified|testifies|predicted|predicts|believes|believed|cautioned|"
    r"maintained|maintains|revealed|reveals|concluded|concludes"
)
_SAY_WORDS = frozenset(_SAY.split("|"))

# "told Reuters", "told reporters": the object of "told" is the audience, not the claim.
_AUDIENCE = r"(?:[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*|reporters|journalists|lawmakers|the press)"
_ADVERB = r"(?:(?:also|long|repeatedly|previously|earlier|later|recently|again|often|publicly)\s+)"
_AUX = r"(?:(?:has|have|had|has\s+also|had\s+also|would|will)\s+)"
_WHEN = r"(?:\s+(?:on|in|at|during|late|early|last)\s+[\w']+(?:\s+[\w']+){0,3}?)"

# X said (that) Y / X told Reuters (that) Y / X said: "Y"
_SPEAKER_FIRST = re.compile(
    rf"^(?P<who>[^\"]{{1,160}}?)\s+{_AUX}?{_ADVERB}?"
    rf"(?:(?:told|tells|tell|warned|warns|assured|assures|reminded|reminds)\s+"
    rf"(?P<audience>{_AUDIENCE})(?=[\s,:])|(?P<verb>{_SAY})\b)"
    rf"{_WHEN}?(?:\s+that\b|\s*[:,]|\s+)\s*(?P<content>.+)$",
    re.DOTALL,
)
# "Y," X said (in a post). / "Y," said X.
_QUOTE_FIRST = re.compile(
    r"^\"(?P<content>[^\"]+?)[,.!?]?\"\s*,?\s*(?:(?P<who>[^\"]{1,80}?)\s+(?P<verb>"
    + _SAY
    + r")\b(?P<tail>[^\"]*)|(?P<verb2>"
    + _SAY
    + r")\s+(?P<who2>[^\"]{1,80}?))\s*[.!?]?\s*(?P<rest>\".*)?$",
    re.DOTALL,
)
# Y, X said. / Y, said X.
_SPEAKER_LAST = re.compile(
    r"^(?P<content>.{12,}?),\s+(?:(?P<who>[^,\"]{1,80}?)\s+(?P<verb>"
    + _SAY
    + r")|(?P<verb2>"
    + _SAY
    + r")\s+(?P<who2>[^,\"]{1,80}?))(?:[\s,]+(?:on|in|at|during|adding)\b[^\"]*)?\s*[.!?]?$",
    re.DOTALL,
)
_ACCORDING_TO = re.compile(
    r",?\s*\b[Aa]ccording\s+to\s+(?P<who>[^,.;:\"]{2,80}?)\s*(?=[,.;:]|$)[,]?\s*"
)

_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you", "this", "that"})
_PERSON_PRONOUNS = frozenset({"he", "she", "they"})
_TITLES = re.compile(
    r"^(?:(?:U\.S\.|US|Former|former|Acting|acting|Deputy|Vice|State|Sen\.|Senator|Rep\."
    r"|Representative|Gov\.|Governor|President|Prime|Minister|Secretary|Chancellor|General"
    r"|Gen\.|Dr\.|Mr\.|Mrs\.|Ms\.|Judge|Mayor|Chairman|Chairwoman|Chief|Sir|Lord|King|Queen"
    r"|Pope|Democratic|Republican|Sheriff|Attorney|Speaker|Leader|Majority|Minority)\s+)+"
)
_CAPITALISED_RUN = re.compile(
    r"(?:[A-Z][\w.&'-]*)(?:\s+(?:of\s+(?:the\s+)?|de\s+|van\s+|von\s+|al-)?[A-Z][\w.&'-]*)*$"
)
_WORD = re.compile(r"[\w'-]+")

_LEADING_FILLER = re.compile(
    r"^(?:(?:And|But|So|Yet|Also|However|Meanwhile|Moreover|Still|Indeed|Now|Well|Then|In fact"
    r"|Of course|In addition|Instead|Today|Yesterday|Last year|This year)\b,?\s+)+"
)
_LEADING_ADJUNCT = re.compile(
    r"^(?:During|In|On|At|After|Before|While|When|As|Since|Despite|Following|Earlier|Later"
    r"|Last|This|Under|Amid|With|Without|Through|For|From|Over|By|If|Although|Though)\b"
    r"[^,\"]{0,100},\s+"
)
_TRAILING_TAIL = re.compile(
    r"(?:,\s+(?:adding|noting|saying|citing|according|an?\s+(?:argument|move|claim|figure|"
    r"statement)|which|who|where|while|as|in\s+(?:a|an|the)\s+\w+\s+(?:to|that)|"
    r"(?:but|and)\s+(?:also\s+)?(?:" + _SAY + r"|\w+ed)|(?:\w+ly\s+)?\w+ing)\b|\s+--?\s+|"
    r"\s+\u2014\s+|;\s+).*$",
    re.DOTALL,
)
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:but|and|while|whereas|although|yet)\s)|\s+\u2014\s+")
_PARENTHETICAL = re.compile(r"\s*\([^()]{0,120}\)")
# Antecedent of a relative clause that hangs on an appositive: "Enerhodar, a city ... that".
_APPOSITIVE_HEAD = re.compile(
    r"(?P<name>[A-Z][\w'.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][\w'.-]*)*),\s+(?:a|an|the|one)\s[^,]*$"
)
_NOUN_PHRASE_TAIL = re.compile(
    r"\b(?:the|a|an|this|these|those|its|his|her|their|our|some|many|most)\s+[^,;:\"]{1,60}$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r"(?:,\s+|\s+)(?:that|which|who)\s+")
_NOT_ANTECEDENT = _SAY_WORDS | {"so", "such", "now", "than", "is", "was", "are", "were", "be"}

# "sent more than 1 million people fleeing over Ukraine's borders" -> "... people fled Ukraine"
_CAUSED_FLIGHT = re.compile(
    r"\b(?:has\s+|have\s+|had\s+)?(?:sent|forced|driven|drove|caused|prompted|pushed)\s+"
    r"(?P<who>[^,;]+?)\s+(?P<verb>fleeing|to\s+flee|leaving|to\s+leave|to\s+evacuate|"
    r"evacuating)\b(?P<where>[^,;]*)"
)
_PAST = {"fleeing": "fled", "flee": "fled", "leaving": "left", "leave": "left",
         "evacuating": "evacuated", "evacuate": "evacuated"}  # fmt: skip
_BORDERS = re.compile(r"^\s*(?:over|across|through)\s+(?P<place>.+?)'s?\s+borders?\b")
_FRACTION_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine)-(half|halves|thirds?|quarters?|"
    r"fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?)\b",
    re.IGNORECASE,
)
_THE_COUNTRY = re.compile(r"\b[Tt]he\s+(?:country|nation)\b(?P<poss>'s?)?")

_KIND_PATTERNS = {
    "comparison": re.compile(
        r"\b(?:\w{2,}er\s+than|(?:more|less|fewer)\s+than\s+(?!(?:about\s+)?[\d$\u20ac\u00a3]|"
        r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
        r"a\s+hundred|half|a\s+third|a\s+quarter|\w+\s+(?:hundred|thousand|million|billion))\b)"
        r"|compared\s+(?:to|with)|as\s+\w+\s+as|highest|lowest|largest|biggest|smallest|"
        r"fastest|slowest|worst|best|record|doubled|tripled|halved|times\s+(?:as|more)|"
        r"(?:up|down)\s+from|(?:rose|fell|increased|decreased|dropped|jumped|grew|declined|"
        r"climbed|surged|plunged)\b)",
        re.IGNORECASE,
    ),
    "prediction": re.compile(
        r"\b(?:will|won't|shall|going\s+to|(?:is|are|was|were)\s+(?:expected|projected|"
        r"forecast|set|likely|poised)\s+to|forecasts?|predicts?|projects?\s+(?:that|to)|"
        r"by\s+20[3-9]\d|next\s+(?:year|month|week|decade))\b",
        re.IGNORECASE,
    ),
    "causal": re.compile(
        r"\b(?:because|due\s+to|caused|causes|causing|led\s+to|leads\s+to|leading\s+to|"
        r"as\s+a\s+result|result(?:s|ed)?\s+in|driven\s+by|thanks\s+to|blamed|responsible\s+for|"
        r"(?:sent|forced|drove|driven)\s+[^.]{1,60}?\s+(?:fleeing|to\s+flee)|in\s+order\s+to|"
        r"to\s+justify|so\s+that|therefore|hence)\b",
        re.IGNORECASE,
    ),
    "event": re.compile(
        r"\b(?:agreed|announced|signed|killed|attacked|launched|invaded|met|held|arrested|"
        r"elected|voted|passed|approved|rejected|died|won|lost|reached|released|seized|"
        r"captured|struck|fired|resigned|appointed|banned|opened|closed|convened|ruled|"
        r"imposed|fled|shot|bombed|destroyed|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|"
        r"Friday|Saturday|Sunday)|yesterday|last\s+(?:week|month|year|night))\b",
    ),
}
# A quotation worth the "quote" kind has a few words; scare quotes ("demilitarization") do not.
_QUOTATION = re.compile(r"\"[^\"]*?\w\s+\w[^\"]*?\s+\w[^\"]*\"")

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
                    "Philippines": "the Philippines"}  # fmt: skip
_COUNTRY = re.compile(r"\b(?:" + _COUNTRIES.replace(".", r"\.") + r")(?![\w])")


@dataclass(slots=True)
class ArticleContext:
    """What drafting may borrow from the rest of the article to make a sentence self-contained.

    ``last_claimant`` is updated by the caller as it drafts sentences in order, so that
    "He also said ..." is attributed to the speaker named just before.
    """

    text: str = ""
    last_claimant: str | None = None
    _country: str | None = field(default=None, repr=False)
    _country_done: bool = field(default=False, repr=False)

    @property
    def country(self) -> str | None:
        # Computed on first use: most articles never say "the country", and scanning for
        # every country name costs more than drafting a few sentences.
        if not self._country_done:
            self._country = main_country(self.text)
            self._country_done = True
        return self._country

    def full_name(self, name: str) -> str:
        """Expand a lone surname ("Podolyak") to the fullest form the article uses."""
        if " " in name or not name[:1].isupper() or not self.text:
            return name
        # "President Vladimir Putin" gives "Vladimir Putin"; a headline's "Zelenskyy Asks Putin"
        # gives nothing, because a capitalised word that is not a title precedes "Asks".
        pattern = (
            rf"(?:\b(?P<before>[A-Z][\w'.-]*)\s+)?\b(?P<first>[A-Z][\w'-]+)\s+{re.escape(name)}\b"
        )
        for match in re.finditer(pattern, self.text):
            before, first = match.group("before"), match.group("first")
            if first in _NOT_A_FIRST_NAME or _TITLES.match(first + " "):
                continue
            if before is None or _TITLES.match(before + " "):
                return f"{first} {name}"
        return name


# Capitalised words that can precede a surname without being a first name.
_NOT_A_FIRST_NAME = frozenset({"The", "A", "An", "In", "On", "At", "And", "But", "When", "As"})


@dataclass(frozen=True, slots=True)
class Draft:
    text: str
    kinds: list[str]
    claimant: str | None


def main_country(text: str) -> str | None:
    """The country the article mentions most: what "the country" most likely refers to."""
    counts = Counter(match.group(0) for match in _COUNTRY.finditer(text))
    if not counts:
        return None
    name = counts.most_common(1)[0][0]
    return _COUNTRY_ALIASES.get(name, name)


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
    folded = sentence.translate(_FOLD).strip()
    positions = [q.start - offset for q in quantities]
    claimant, content, content_start = _attribution(folded, context)
    if claimant:
        context.last_claimant = claimant
    focus = next((p - content_start for p in positions if p >= content_start), None)
    text = _shorten(content, focus, context)
    return Draft(text=text, kinds=_kinds(folded, quantities, claimant), claimant=claimant)


def _attribution(sentence: str, context: ArticleContext) -> tuple[str | None, str, int]:
    """Return (claimant, reported content, where the content starts in the sentence)."""
    match = _QUOTE_FIRST.match(sentence)
    if match:
        who = match.group("who") or match.group("who2")
        claimant = _claimant(who, context)
        if claimant:
            return claimant, match.group("content"), match.start("content")
    match = _SPEAKER_FIRST.match(sentence)
    if match and _is_statement(match.group("content")):
        claimant = _claimant(match.group("who"), context)
        if claimant:
            content, start = _reported(match, match.group("audience"))
            return claimant, content, start
    match = _SPEAKER_LAST.match(sentence)
    if match:
        claimant = _claimant(match.group("who") or match.group("who2"), context)
        if claimant:
            return claimant, match.group("content"), 0
    match = _ACCORDING_TO.search(sentence)
    if match:
        claimant = _claimant(match.group("who"), context)
        if claimant:
            content = sentence[: match.start()] + " " + sentence[match.end() :]
            return claimant, content.strip(" ,"), 0
    return None, sentence, 0


def _is_statement(content: str) -> bool:
    words = content.split(None, 3)
    return len(words) >= 3 and words[0].lower() not in _PREPOSITIONS


_PREPOSITIONS = _word_set(
    "in on at during to after before from with by for of about over under into"
)
_LEADING_PRONOUN = re.compile(r"^(?:it|they)\b", re.IGNORECASE)
_OPENING_QUOTE = re.compile(r'^"(?P<q>[^"]{3,}?)[,.]?"')


def _reported(match: re.Match[str], audience: str | None) -> tuple[str, int]:
    """The reported statement: the first quotation if it opens with one, else the clause.

    "Putin warned Ukraine that it must ..." resolves "it" to the audience, Ukraine.
    """
    content, start = match.group("content"), match.start("content")
    quoted = _OPENING_QUOTE.match(content)
    if quoted:
        return quoted.group("q"), start + 1
    if audience and _LEADING_PRONOUN.match(content):
        return _LEADING_PRONOUN.sub(audience, content, count=1), start
    return content, start


def _claimant(phrase: str | None, context: ArticleContext) -> str | None:
    """Reduce a speaker phrase to a name: titles, appositives and scene-setting are dropped."""
    if not phrase:
        return None
    phrase = phrase.strip(" ,:")
    parts = [part.strip() for part in phrase.split(",") if part.strip()]
    if not parts:
        return None
    # "Mykhailo Podolyak, an adviser to ..., said": the name comes first, the appositive after.
    # "In a reference to ..., Zelenskyy said": scene-setting first, the name last.
    head = parts[0] if len(parts) > 1 and _is_appositive(parts[1]) else parts[-1]
    if head.lower() in _PERSON_PRONOUNS:
        return context.last_claimant
    if head.lower() in _PRONOUNS or len(head.split()) > 8:
        return None
    name = _name_in(head)
    if name is None:
        # No capitalised name ("a member of Ukraine's envoy"): keep the description if short.
        return head[0].upper() + head[1:] if len(head.split()) <= 6 and head[:1].isalpha() else None
    return context.full_name(name)


def _is_appositive(part: str) -> bool:
    first = part.split(None, 1)[0].lower()
    return first in {"a", "an", "the", "who", "its", "his", "her", "their", "one"}


def _name_in(phrase: str) -> str | None:
    """The trailing run of capitalised words ("presidential adviser Mykhailo Podolyak")."""
    match = _CAPITALISED_RUN.search(phrase)
    if not match:
        return None
    name = _strip_titles(match.group(0))
    if name.startswith("The "):
        name = name[4:]
    if not name or name.lower() in _PRONOUNS:
        return None
    return name


def _strip_titles(name: str) -> str:
    stripped = _TITLES.sub("", name).strip()
    return stripped or name.strip()


def _shorten(content: str, focus: int | None, context: ArticleContext) -> str:
    """Cut ``content`` down to the clause that carries the claim, subject resolved."""
    text = content.strip().strip('"').strip()
    if focus is not None and 0 <= focus < len(text):
        text = _focus_relative_clause(text, focus)
    text = _drop_trailing_aside(text)
    text = _rewrite_caused_flight(text)
    text = _resolve_country(text, context)
    text = _FRACTION_WORD.sub(r"\1 \2", text)
    if len(text) > MAX_DRAFT_CHARS:
        text = _trim(text, focus)
    text = text.strip().rstrip(".,;:!? ").strip().strip('"').strip()
    return _cap(text[:1].upper() + text[1:])


def _focus_relative_clause(text: str, focus: int) -> str:
    """If the quantity sits in a relative clause, make the clause its own sentence.

    "... of Enerhodar, a crucial city that accounts for about one-quarter of ..." becomes
    "Enerhodar accounts for about one-quarter of ...": the relative pronoun is replaced by its
    antecedent, which for an appositive is the name it describes.
    """
    relative = None
    for match in _RELATIVE.finditer(text, 0, focus):
        before = text[: match.start()].rsplit(None, 1)
        if before and before[-1].lower().strip(",") not in _NOT_ANTECEDENT:
            relative = match
    if relative is None:
        return text
    antecedent = _antecedent(text[: relative.start()])
    if antecedent is None:
        return text
    rest = text[relative.end() :]
    return f"{antecedent} {_clause_end(rest)}"


def _antecedent(before: str) -> str | None:
    match = _APPOSITIVE_HEAD.search(before)
    if match:
        return match.group("name")
    match = _NOUN_PHRASE_TAIL.search(before)
    if match and len(match.group(0).split()) <= 6:
        return match.group(0)
    return None


def _clause_end(text: str) -> str:
    match = _TRAILING_TAIL.search(text)
    return text[: match.start()] if match else text


def _drop_trailing_aside(text: str) -> str:
    # ", an argument he used to ...", ", adding ...", ", but emphasized ...": asides about the
    # speaker, not part of the checkable statement. Kept when the rest would be too short.
    head = _clause_end(text)
    return head if len(head.split()) >= 4 else text


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


_NUMBER_WORDS = _word_set(
    "one two three four five six seven eight nine ten dozen dozens hundred hundreds thousand "
    "thousands million millions billion billions"
)


def _has_number_word(text: str) -> bool:
    return any(word.lower() in _NUMBER_WORDS for word in text.split())


def _resolve_country(text: str, context: ArticleContext) -> str:
    if "the country" not in text.lower() and "the nation" not in text.lower():
        return text
    country = context.country
    if not country:
        return text
    return _THE_COUNTRY.sub(lambda m: country + (m.group("poss") or ""), text)


def _trim(text: str, focus: int | None) -> str:
    """Shorten a long statement: drop scene-setting, asides and the clauses without the focus."""
    text = _LEADING_FILLER.sub("", text)
    trimmed = _PARENTHETICAL.sub("", text)
    adjunct = _LEADING_ADJUNCT.match(trimmed)
    if adjunct and not _has_digit(adjunct.group(0)):
        trimmed = trimmed[adjunct.end() :]
    if len(trimmed) > MAX_DRAFT_CHARS:
        trimmed = _clause_end(trimmed) if len(_clause_end(trimmed)) > 30 else trimmed
    if len(trimmed) > MAX_DRAFT_CHARS:
        trimmed = _best_clause(trimmed, text, focus)
    return trimmed


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _best_clause(trimmed: str, original: str, focus: int | None) -> str:
    clauses = [c for c in _CLAUSE_BREAK.split(trimmed) if len(c.split()) >= 3] or [trimmed]
    if focus is not None and focus < len(original):
        # The clause holding the quantity's surface, found by its words around the focus.
        anchor = original[focus : focus + 12]
        for clause in clauses:
            if anchor and anchor in clause:
                return clause
    return clauses[0]


_CLAUSE_CUT = re.compile(
    r",\s+|\s+(?=(?:and|but|while|whereas|although|after|before|because|as|since|when|amid|"
    r"despite|until|unless|if)\s)"
)
_PHRASE_CUT = re.compile(r"\s+(?=(?:to|for|with|in|on|at|by|from|over|of|into|near|between)\s)")
_MIN_CUT = 40


def _cap(text: str) -> str:
    """Cut at the last clause, then phrase, boundary that fits; an ellipsis as a last resort."""
    if len(text) <= MAX_DRAFT_CHARS:
        return text
    for boundary in (_CLAUSE_CUT, _PHRASE_CUT):
        cuts = [m.start() for m in boundary.finditer(text, _MIN_CUT, MAX_DRAFT_CHARS + 1)]
        if cuts:
            return text[: cuts[-1]].rstrip(" ,;:")
    cut = text[: MAX_DRAFT_CHARS - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "\u2026"


def _kinds(sentence: str, quantities: Sequence[Quantity], claimant: str | None) -> list[str]:
    kinds = set()
    if quantities:
        kinds.add("quantity")
    if claimant:
        kinds.add("attribution")
    if _QUOTATION.search(sentence):
        kinds.add("quote")
    for kind, pattern in _KIND_PATTERNS.items():
        if pattern.search(sentence):
            kinds.add(kind)
    return [kind for kind in CLAIM_KINDS if kind in kinds]
