"""Who said it and what they said: the claimant and the reported statement of a sentence.

"Podolyak said the talks were over", "'...,' said Greg Torda", "Y, scientists said, was Z",
"according to the UN, ...": the speaker is reduced to a name ("presidential adviser Mykhailo
Podolyak" -> "Mykhailo Podolyak", a lone "Podolyak" expanded from the article) or a short
description ("A member of Ukraine's envoy"); "he" and "she" are resolved from the article
context. Used by drafting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .words import word_set
from .wordscan import trie_pattern

if TYPE_CHECKING:
    from .drafting import ArticleContext


def _verbs(words: str) -> str:
    # Factored by common prefixes (see wordscan.trie_pattern): the expressions try the verbs at
    # every word of a speaker phrase, and a flat alternation compares each verb in turn. Each
    # use is followed by a word boundary or a character no verb continues with, so the order
    # in which the verbs are tried does not change any match.
    return trie_pattern(words.split())


# Verbs that introduce a statement even without "that": "X said the talks were over".
_SAY_VERBS = """said says say told tells added adds stated states claimed claims warned warns
    argued argues announced announces insisted insists acknowledged acknowledges contended contends
    estimated estimates reported reports wrote writes asserted asserts declared declares tweeted
    tweets admitted admits predicted predicts believes believed believe maintained maintains
    alleged alleges"""
# Verbs that introduce a statement only with "that" or a colon: "noted the figure" is no claim.
_SAY_THAT_VERBS = """noted notes stressed stresses emphasized emphasised emphasizes emphasises
    confirmed confirms denied denies revealed reveals concluded concludes explained explains
    cautioned cautions testified testifies found finds showed shows show suggested suggests
    suggest wrote stated agreed agrees conceded concedes observed recalled demanded demands"""
# Verbs that report speech only before a statement: "that", a colon, a quotation or a clause
# with its own subject ("Trump announced he would pull out", "She added the figures were
# wrong"); "announced a plan", "maintains 300 miles of road", "adds 3,000 jobs" are no quote.
_SAY_CLAUSE_VERBS = "announced announces added adds maintained maintains"
SAY = _verbs(_SAY_VERBS)
_SAY_FREE = _verbs(
    " ".join(word for word in _SAY_VERBS.split() if word not in _SAY_CLAUSE_VERBS.split())
)
_SAY_CLAUSE = _verbs(_SAY_CLAUSE_VERBS)
_A_CLAUSE_FOLLOWS = (
    r"(?=(?:he|she|it|they|we|I|there)\s"
    r"|(?:the|this|these|those|its|his|her|their)\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:will|would|is|are|was|were|has|have|had|can|could|should|must|may|might)\b)"
)
_SAY_THAT = _verbs(_SAY_THAT_VERBS) + r"|pointed\s+out"
_ANY_SAY = _verbs(_SAY_VERBS + " " + _SAY_THAT_VERBS) + r"|pointed\s+out"
# Verbs that may come before their speaker: '"...," said Greg Torda.'
_SAY_INVERTED = _verbs(
    "said says added adds wrote asked insisted continued explained noted recalled"
)
SAY_WORDS = word_set(_SAY_VERBS + " " + _SAY_THAT_VERBS + " pointed")
# A sentence without any of these words has no attribution: the expressions are not run.
_SPEECH_VERBS = SAY_WORDS | word_set(
    "told tells warned warns assured assures reminded reminds asked continued"
)
ATTRIBUTION_WORDS = _SPEECH_VERBS | word_set("according")

# "told Reuters", "told reporters": the object of "told" is the audience, not the claim.
_AUDIENCE = (
    r"(?:(?:the\s+)?[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)*|reporters|journalists|lawmakers"
    r"|the press)"
)
_PLAIN_AUDIENCE = r"(?:(?:the|a|an|his|her|their|its|our|fellow)\s+)?[a-z]+(?:\s+[a-z]+)?"
_AUX = r"(?:(?:has|have|had|has\s+also|had\s+also|would|will)\s+)"
# "said late last year", "said early on Monday"; not "said early estimates showed ...".
_TIME_WORD = (
    r"(?:last|this|next|on|in|night|day|week|month|year|morning|afternoon|evening|weekend"
    r"|spring|summer|autumn|fall|winter|January|February|March|April|May|June|July|August"
    r"|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
    r"|Sunday|\d{4})\b"
)
_WHEN = (
    r"(?:\s+(?:on|in|at|during)\s+[\w']+(?:\s+[\w']+){0,3}?"
    rf"|\s+(?:late|early|last)\s+{_TIME_WORD}(?!['\u2019])(?:\s+[\w']+){{0,2}}?"
    r"|\s+(?:this|next)\s+(?:week|month|year|morning|afternoon|evening|weekend|spring|summer"
    r"|autumn|winter)"
    r"|\s+(?:yesterday|today|tonight|earlier|later|recently|again|also|publicly|then))"
)
# The same, a word or two: "announced on Monday a new requirement that ..." announces the
# requirement, it does not report a statement.
_WHEN_SHORT = (
    r"(?:\s+(?:on|in|at|during|last|this|next)\s+(?:the\s+)?[\w']+"
    r"|\s+(?:yesterday|today|tonight|earlier|later|recently|again|also|publicly|then))"
)
_AFTER_SPEAKER = (
    r"(?:,[^\"]*|\s+(?:on|in|at|during|late|early|last|this|to|from|after|before|while|when|via"
    r"|through|of)\b[^\"]*"
    # "..., Scheffer told USA Today.", "..., she told reporters on Monday."
    rf"|(?<=told|ells)\s+{_AUDIENCE}\b[^\"]*)?"
)

# "argues powerfully that", "said repeatedly that": an adverb, only before "that" or a colon
# ("said family members ..." has none).
_WHEN_OR_HOW = rf"(?:{_WHEN}|\s+[a-z]{{3,}}ly)"

# "said in a statement: ...", "said on Monday that ...": the phrase after the verb runs up to
# "that" or a colon where there is one; else it is as short as can be ("said on Monday the ...").
_WHEN_THEN = rf"(?:{_WHEN_OR_HOW}(?:\s+that\b|\s*:)|{_WHEN}?(?:\s+that\b|\s*[:,]|\s+))"

# X said (that) Y / X told Reuters (that) Y / X said: "Y" / X noted that Y. Matched at the
# place of a speech verb found beforehand: a pattern that also had to find the speaker ("X")
# would try every verb at every word, and was the slowest part of drafting.
_SPEECH_AT = re.compile(
    rf"(?:(?:told|tells|warned|warns|assured|assures|reminded|reminds)\s+"
    rf"(?P<audience>{_AUDIENCE})(?=[\s,:]){_WHEN_THEN}"
    # "told the jury that", "told colleagues:": an audience in lower case, before "that" or ":".
    rf"|(?:told|tells|warned|warns|assured|assures|reminded|reminds)\s+{_PLAIN_AUDIENCE}"
    rf"{_WHEN}?(?:\s+that\b|\s*:)"
    rf"|(?:{_SAY_FREE})\b{_WHEN_THEN}"
    rf"|(?:{_SAY_CLAUSE})\b{_WHEN_SHORT}?(?:\s+that\b|\s*:|\s*,?\s+{_A_CLAUSE_FOLLOWS}|\s*,?\s*(?=\"))"
    rf"|(?:{_SAY_THAT})\b{_WHEN_OR_HOW}?(?:\s+that\b|\s*:))"
    rf"\s*(?P<content>.+)",
    re.DOTALL,
)
# Words between the speaker and the verb: "Putin has long contended", "X also said".
_BEFORE_VERB = word_set(
    "has have had would will also even long repeatedly previously earlier later recently again "
    "often publicly yesterday today tonight now once never always sometimes frequently reportedly "
    "privately initially subsequently almost still already just constantly consistently "
    "routinely regularly rarely seldom usually generally typically openly explicitly separately "
    "then"
)
# "The Nasa scientist went on to (say)", "the minister was quick to (add)", "Labour has
# continued to (argue)": a verb that leads to the verb of saying, and what follows it.
_LEADS_TO_SAYING = word_set(
    "went goes go continued continues continue was were is are has have had used tried tries "
    "wanted wants seemed seems appeared appears refused refuses declined declines rushed "
    "hastened moved moves sought seeks began begins"
)
_MAX_SPEAKER_CHARS = 160
_ASIDE_THEN_THAT = re.compile(r"[^,\"]{1,60},\s+that\s+")
# Y, scientists said, was Z.
_SPEAKER_INSIDE = re.compile(
    rf"^(?P<head>[^,\"]{{3,}}),\s+(?P<who>[^,\"]{{1,60}}?)\s+(?:{SAY}),\s+(?P<tail>.+)$",
    re.DOTALL,
)
# "Y," X said (in a post). / "Y," said X. The opening quote may be in the previous sentence.
_QUOTE_FIRST = re.compile(
    # A closing mark follows a word or a stop, never a colon or a space: 'X said: "...' opens
    # a quotation.
    rf"^\"?(?P<content>[^\"]{{3,}}?)[,.!?]?(?<![\s:])\"\s*,?\s*"
    rf"(?:(?P<who>[^\"]{{1,160}}?)\s+{_AUX}?(?:{_ANY_SAY}|asked)\b[^\"]*?"
    rf"|(?:{_SAY_INVERTED})\s+(?P<who2>[^\"]{{1,160}}?))"
    rf"\s*[.!?]?\s*(?P<rest>\".*)?$",
    re.DOTALL,
)
# Y, X said. / Y, said X.
# Matched at a comma before a speech verb, found beforehand (see _SPEECH_AT).
_SPEAKER_LAST = re.compile(
    rf"(?:,\"|\",|,)\s+"
    rf"(?:(?P<who>[^,\"]{{1,80}}?(?:,\s[^,\"]{{1,60}},)?)\s+{_AUX}?(?:{_ANY_SAY})"
    rf"|(?:{_SAY_INVERTED})\s+(?P<who2>[^,\"]{{1,80}}?))"
    rf"{_AFTER_SPEAKER}\s*[.!?]?$",
    re.DOTALL,
)
_RELATIVE_ASIDE = re.compile(r"(?:who|which|whose)\b[^,\"]{1,200}(?:,\s*|[.!?]?\s*$)")
_ACCORDING_TO = re.compile(
    r",?\s*\b[Aa]ccording\s+to\s+(?P<who>[^,.;:\"]{2,80}?)\s*(?=[,.;:]|$)[,]?\s*"
)

PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "you", "this", "that"})
_PERSON_PRONOUNS = frozenset({"he", "she", "they"})
_TITLES = re.compile(
    r"^(?:(?:U\.S\.|US|Former|former|Acting|acting|Deputy|Vice|State|Sen\.|Senator|Rep\."
    r"|Representative|Gov\.|Governor|President|Prime|Minister|Secretary|Chancellor|General"
    r"|Gen\.|Dr\.|Mr\.|Mrs\.|Ms\.|Judge|Mayor|Chairman|Chairwoman|Chief|Sir|Lord|King|Queen"
    r"|Pope|Democratic|Republican|Sheriff|Attorney|Speaker|Leader|Majority|Minority)\s+)+"
)
# "UN Convention on Narcotic Drugs", "Association of Police and Crime Commissioners": a name
# may hold "of", "on", "for" and "and" between its capitalised words.
_CAPITALISED_RUN = re.compile(
    r"(?:[A-Z][\w.&'-]*)(?:\s+(?:(?:of|on|for|and)\s+(?:the\s+)?|de\s+|van\s+|von\s+|al-)?"
    r"[A-Z][\w.&'-]*)*$"
)

# Connectives and sentence adverbs ("But", "Unfortunately,") never belong to the claim.
CONNECTIVE = re.compile(
    r"^(?:(?:And|But|So|Yet|Also|However|Meanwhile|Moreover|Still|Indeed|Now|Well|Then|In fact"
    r"|Of course|In addition|Instead|Furthermore|Nevertheless|Nonetheless)\b,?|[A-Z][a-z]+ly,)\s+"
)

# Possessive: no run gives back a character the next part could start with.
_BEFORE_SURNAME = re.compile(
    r"(?:\b(?P<before>[A-Z][\w'.-]*+)\s++)?\b(?P<first>[A-Z][\w'-]++)\s++\Z"
)
# Capitalised words that can precede a surname without being a first name: "Yet NOAA",
# "Then Cameron".
_NOT_A_FIRST_NAME = word_set(
    "The A An In On At And But When As Yet So Then Also Still Further Thus Hence However Now "
    "Instead Indeed Meanwhile Moreover Later Earlier Today Yesterday If While Since After Before"
)


_INSIDE_A_NAME = re.compile(r"(?:\band|\bof|\bfor|&)\s+\Z")


def expand_surname(text: str, name: str) -> str:
    """The fullest form of the lone surname ``name`` in the article ``text``: "Podolyak" gives
    "Mykhailo Podolyak"; ``name`` itself when the article has no fuller form."""
    # "President Vladimir Putin" gives "Vladimir Putin"; a headline's "Zelenskyy Asks Putin"
    # gives nothing, because a capitalised word that is not a title precedes "Asks". An
    # acronym ("NOAA", "BMA") names an organisation: it has no first name.
    if name.isupper():
        return name
    # The form the article uses most: a headline's typo ("Sajd Javid") does not win over the
    # story's "Sajid Javid"; among forms used equally often, the first.
    forms: dict[str, int] = {}
    at = text.find(name)
    while at != -1:
        match = _BEFORE_SURNAME.search(text, max(0, at - 60), at)
        whole_word = not text[at + len(name) : at + len(name) + 1].isalnum()
        at = text.find(name, at + len(name))
        if match is None or not whole_word:
            continue
        before, first = match.group("before"), match.group("first")
        if (
            first in _NOT_A_FIRST_NAME
            or first.isupper()  # "GETTY Asylum", "NHS Stevens"
            or first in _ORGANISATION_WORDS
            or first.rstrip(".") in _TITLE_WORDS
            or _TITLES.match(first + " ")
        ):
            continue
        # "Communities and Local Government": "Government" is the end of a longer name there,
        # not a surname after a first name.
        if before is None and _INSIDE_A_NAME.search(text, max(0, match.start() - 6), match.start()):
            continue
        if before is None or _TITLES.match(before + " "):
            form = f"{first} {name}"
            forms[form] = forms.get(form, 0) + 1
    return max(forms, key=forms.__getitem__) if forms else name


def attribution(
    sentence: str, lower: str, words: frozenset[str], context: ArticleContext
) -> tuple[str | None, str, int]:
    """Return (claimant, reported content, where the content starts in the sentence).

    ``sentence`` has plain quotes (drafting folds the typographic ones), ``lower`` is it
    lower-cased and ``words`` holds at least its words of ``ATTRIBUTION_WORDS``; drafting has
    them at hand. Without an attribution: (None, sentence, 0).

    An attribution to "it" or "they" that nothing resolves still gives the reported content,
    with no claimant: '"...," it added' drafts the quotation, not the whole sentence.
    """
    # Each pattern needs a character the sentence may lack; checking it first is cheaper.
    match = _QUOTE_FIRST.match(sentence) if '"' in sentence else None
    if match:
        who = match.group("who") or match.group("who2")
        claimant = _claimant(who, context)
        if claimant or _is_pronoun(who):
            return claimant, match.group("content"), match.start("content")
    match = _SPEAKER_INSIDE.match(sentence) if sentence.count(",") >= 2 else None
    if match:
        claimant = _claimant(match.group("who"), context)
        if claimant or _is_pronoun(match.group("who")):
            head, tail = match.group("head"), match.group("tail")
            # "In his speech ..., Putin said, among other things, that Russia's ...": the
            # statement is what follows "that"; the head only set the scene.
            aside = _ASIDE_THEN_THAT.match(tail)
            if aside:
                return claimant, tail[aside.end() :], match.start("tail") + aside.end()
            # "By the end of the century, the World Bank has estimated, the coolest months
            # ...": an opening adjunct keeps its comma, so that drafting can tell it apart.
            joint = ", " if head.split(None, 1)[0].lower() in _SCENE_OPENERS else " "
            return claimant, f"{head}{joint}{tail}", 0
    verbs = _speech_verb_positions(lower, words)
    found = _speaker_first(sentence, verbs)
    if found and _is_statement(sentence, found[1].start("content")):
        who, match = found
        claimant = _claimant(who, context)
        if claimant or _is_pronoun(who):
            content, start = _reported(match, match.group("audience"))
            return claimant, content, start
    match = _speaker_last(sentence, verbs)
    if match:
        who = match.group("who") or match.group("who2")
        claimant = _claimant(who, context)
        if claimant or _is_pronoun(who):
            return claimant, sentence[: match.start()], 0
    match = _ACCORDING_TO.search(sentence) if "ccording" in sentence else None
    if match and not _in_accordance(sentence, match.start()):
        claimant = _claimant(match.group("who"), context)
        if claimant:
            # "According to X, who analysed data from 23 countries, English teenagers ...": the
            # relative clause is about the source, not the claim.
            after = match.end()
            aside = _RELATIVE_ASIDE.match(sentence, after)
            if aside:
                after = aside.end()
            content = sentence[: match.start()] + " " + sentence[after:]
            return claimant, content.strip(" ,"), 0
    return None, sentence, 0


def _in_accordance(sentence: str, at: int) -> bool:
    """ "distributed according to the greatest need": a manner, not a source."""
    if sentence[at : at + 1] == ",":
        return False
    previous = sentence[:at].split()[-1:]
    return bool(previous) and (previous[0].endswith("ed") or previous[0] in _VARY)


_VARY = word_set("vary varies varied go goes going went ranked sorted")


def _speech_verb_positions(lower: str, words: frozenset[str]) -> list[int]:
    positions = []
    for verb in words & _SPEECH_VERBS:
        at = lower.find(verb)
        while at != -1:
            end = at + len(verb)
            if (at == 0 or not lower[at - 1].isalnum()) and not lower[end : end + 1].isalnum():
                positions.append(at)
            at = lower.find(verb, end)
    return sorted(positions)


def _speaker_last(sentence: str, verbs: list[int]) -> re.Match[str] | None:
    """ "Y, the minister said." / "Y, said X.": the first comma where the attribution starts."""
    if not verbs:
        return None
    at = sentence.find(",", _MIN_CONTENT)
    while at != -1 and at < verbs[-1]:
        start = at - 1 if sentence[at - 1] == '"' else at
        if any(0 < verb - at <= 90 for verb in verbs):
            match = _SPEAKER_LAST.match(sentence, start)
            if match:
                return match
        at = sentence.find(",", at + 1)
    return None


_MIN_CONTENT = 12
# "(told) critics to stop ...", "(urged) the government to act", "(asked) him not to go".
_ORDERING = ("told", "tells", "warned", "warns", "urged", "urges", "asked", "asks", "reminded")
_INSTRUCTION = re.compile(
    r"(?:(?!(?:has|have|had|is|are|was|were|needs?|ought|going|used|wants?|wanted|able|likely"
    r"|expected|due|set)\s)[\w'-]+\s+){1,3}?(?:not\s+)?to\s+[a-z]"
)


def _speaker_first(sentence: str, verbs: list[int]) -> tuple[str, re.Match[str]] | None:
    """The speaker before the first speech verb and the match of what they said."""
    quote = sentence.find('"')
    for at in verbs:
        if at > _MAX_SPEAKER_CHARS + 40 or (quote != -1 and quote < at):
            return None
        words = _after_boilerplate(sentence[:at]).split()
        if _is_noun_form(sentence, at) and (
            (words and _before_a_noun(words[-1])) or _verb_follows(sentence, at)
        ):
            continue  # "the states have won", "Asylum claims rose": a noun, not a speech verb
        match = _SPEECH_AT.match(sentence, at)
        if match is None or (
            sentence.startswith(_ORDERING, at) and _INSTRUCTION.match(match.group("content"))
        ):
            # "He told critics to stop blaming Hungary": an order or a request, not a report.
            continue
        while words and words[-1] in _BEFORE_VERB:
            words.pop()
        who = " ".join(words)
        if not who or len(who) > _MAX_SPEAKER_CHARS or not sentence[at - 1 : at].isspace():
            return None
        return who, match
    return None


def _before_a_noun(word: str) -> bool:
    """ "the claims", "rejected claims that", "amid reports that", "faces claims": a word after
    which "claims" or "reports" is a noun, not the verb of a speaker."""
    lowered = word.lower()
    return (
        lowered in DETERMINERS
        or lowered in _NOUN_AFTER
        or (word.islower() and len(word) > 4 and word.endswith(("ed", "ing")))
    )


_NOUN_AFTER = word_set(
    "amid despite of about over against after following denies rejects dismisses disputes "
    "refutes faces face repeated fresh new false such"
)
_NOUN_FORMS = word_set("states reports claims estimates notes finds shows says tells")


def _verb_follows(sentence: str, at: int) -> bool:
    following = sentence[at:].split(None, 2)[1:2]
    if not following:
        return False
    word = following[0].lower()
    # "claims made in the Op-Ed", "claims rose": a participle or a verb follows the noun;
    # "says red meat": a short word in -ed is no participle.
    return word in _VERBS_AFTER_A_NOUN or (len(word) > 4 and word.endswith("ed"))


_VERBS_AFTER_A_NOUN = word_set(
    "rose fell were are was is have has had made grew jumped dropped doubled surged soared"
)


def _is_noun_form(sentence: str, at: int) -> bool:
    end = sentence.find(" ", at)
    return sentence[at : end if end != -1 else None].rstrip(",.:;").lower() in _NOUN_FORMS


def _after_boilerplate(text: str) -> str:
    # Captions and labels ("Advertisement", "Photograph: Rex", "Getty") are glued to the next
    # sentence by a double space or a line break in extracted article text.
    cut = max(text.rfind("  "), text.rfind("\n"))
    return text[cut + 1 :] if cut != -1 and is_label(text[:cut]) else text


def is_label(text: str) -> bool:
    """A caption or label, not the start of a phrase: "Speaking to the  Commons" is no label."""
    words = text.split()
    return 0 < len(words) <= 5 and words[-1].lower() not in _FUNCTION_WORDS


_FUNCTION_WORDS = word_set("to the a an of in on at for and or by with from as")


def _is_pronoun(phrase: str | None) -> bool:
    return (phrase or "").strip(" ,").lower() in PRONOUNS


def _is_statement(sentence: str, start: int) -> bool:
    """Whether what follows the speech verb is a statement, not "said in a Twitter post"."""
    words = sentence[start:].split(None, 3)
    if len(words) < 3:
        return False
    introduced = sentence[:start].rstrip().endswith(("that", ":"))
    return introduced or words[0].lower() not in _PREPOSITIONS


_PREPOSITIONS = word_set(
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
        resolved = _LEADING_PRONOUN.sub(audience, content, count=1)
        return resolved, start - (len(resolved) - len(content))
    return content, start


def _claimant(phrase: str | None, context: ArticleContext) -> str | None:
    """Reduce a speaker phrase to a name: titles, appositives and scene-setting are dropped."""
    head = _speaker_head(phrase or "")
    if head is None:
        return None
    connective = CONNECTIVE.match(head)  # "But Knoblauch cautions"
    if connective and connective.end() < len(head):
        head = head[connective.end() :]
    # "the World Bank has (estimated)", "the Howard government even (agreed)": the words
    # between the speaker and the verb are not the speaker's.
    words = head.split()
    while len(words) > 1 and words[-1] in _BEFORE_VERB:
        words.pop()
    if len(words) > 2 and words[-1] == "to":
        lead = next((i for i in range(1, len(words) - 1) if words[i] in _LEADS_TO_SAYING), 0)
        if lead:
            words = words[:lead]
            while len(words) > 1 and words[-1] in _BEFORE_VERB:
                words.pop()
    head = " ".join(words)
    if _not_a_claimant(head) or _A_SHARE.match(head):
        return None
    lowered = head.lower().split()
    first = lowered[0]
    # "The condominiums ... are selling at what many believe": a clause, not a speaker.
    if not _VERB_WORDS.isdisjoint(lowered) or (len(lowered) == 1 and first in _NOT_SPEAKERS):
        return None
    if head.lower() in _PERSON_PRONOUNS:
        # "They said": a group the rest of the article may not name; "he", "she": a person.
        return None if head.lower() == "they" else context.pronoun_person()
    # "It is said", "There were reports": impersonal, nobody to attribute the claim to.
    if first in PRONOUNS or first in {"it's", "there", "there's"}:
        return None
    # "Study lead author Hubertus Fischer of the University of Bern ... and his team": too long
    # to be a name, but the first person's name in it is the speaker.
    # "The US Embassy in Phnom Penh": the speaker is before "in", the place after it.
    head = _LOCATED.split(head, maxsplit=1)[0]
    # "Katherine Richardson from the University of Copenhagen": the person, not the place.
    person = _FROM.split(head, maxsplit=1)[0]
    if person != head and _is_name(person) and _is_person(_strip_titles(person)):
        head = person
    # "A million-dollar study commissioned by the administration of former Gov. Jim Doyle": a
    # long phrase opened by a determiner is described; the person in it is not the speaker.
    name = _first_person_name(head) if len(head.split()) > 8 else _name_in(head)
    if name and _named_in_a_complement(head, name):
        name = None
    if name is None:
        # "The research by the NFER ... and found": the noun phrase before its complements.
        if len(head.split()) > _MAX_DESCRIPTION_WORDS:
            head = _NP_COMPLEMENT.split(head, maxsplit=1)[0]
        return _description(head)
    if name.endswith(("'s", "\u2019s")):
        return None  # "Mr Javid's (letter)": the speaker is what the person owns, not named
    name = context.full_name(name)
    if _not_a_claimant(name):  # "Even before Hurricane Florence made landfall, ..."
        return None
    if _is_person(name):
        context.last_person = name
        context.last_person_at = context.position
    return name


def _named_in_a_complement(head: str, name: str) -> bool:
    """ "A million-dollar study commissioned by the administration of former Gov. Jim Doyle",
    "The team on the Akademik Keldysh": the name is in a complement of the noun phrase that
    speaks, not the speaker."""
    if head.split(None, 1)[0].lower() not in {"a", "an", "the"}:
        return False
    complements = _NP_COMPLEMENT.findall(head[: head.find(name.split()[0])])
    if not complements:
        return False
    # "a report by the UK Lung Cancer Coalition": the organisation is the source; "the team on
    # the Akademik Keldysh": a ship or a place is not.
    source = complements[-1].split()[-1] in {"by", "of", "from", "for"}
    return not source or (len(complements) >= 2 and _is_person(name))


_LOCATED = re.compile(r"\s+(?:in|at)\s+(?=(?:the\s+)?[A-Z])")
_FROM = re.compile(r"\s+from\s+(?:the\s+)?(?=[A-Z])")
# Claimants are people or organisations: never a storm ("Cyclone Pam"), a ship ("HMS
# Defender", "the MV Sewol", "the tanker"), or a sentence adverb ("Ultimately").
# Two expressions: what the phrase starts with (match() tries the start only) and the noun it
# ends with (searched in its last characters only).
_NOT_A_CLAIMANT_START = re.compile(
    r"(?:the\s+)?(?:(?:Tropical\s+)?(?:Cyclone|Hurricane|Typhoon|Storm|Tropical Storm|"
    r"Tornado|Blizzard)\s|(?-i:HMS|USS|HMAS|HMCS|INS|MV|MS|SS|RMS|FV|MT|USNS)\s)"
    r"|[A-Z][a-z]+ly$|(?:Then|Further|Thus|Hence|Also|Still|Now|Yet|Instead|Overall|Later"
    r"|Earlier|Today|Tonight|Yesterday|Meanwhile|Moreover|However|Indeed)$"
    # A date or a time: "Last year", "On Monday", "In 2015", "March 2020".
    r"|(?:(?:last|this|next|on|in|early|late|by)\s+)?(?:(?:January|February|March|April|May"
    r"|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday)\b|\d{4}\b"
    r"|(?:year|week|month|decade|century|day|night|morning|afternoon|evening)s?$)",
    re.IGNORECASE,
)
# "A total of 42 per cent (said)", "A fifth of people", "Half of respondents", "One in four
# voters", "A majority of MPs", "A bunch of Redditors": a share of a crowd is nobody in
# particular; the sentence is the claim ("42 per cent said ..." is what a poll found).
_A_SHARE = re.compile(
    r"(?:(?:a|an|the|some|nearly|almost|about|around|over|under|just|only|roughly|more\s+than"
    r"|less\s+than|fewer\s+than|a\s+total\s+of)\s+)*"
    r"(?:\d[\d,.]*\s*(?:%|per\s*cent\b|percent\b)"
    r"|(?:half|majority|minority|bunch|handful|number|lot|couple|total|dozens|scores|hundreds"
    r"|thousands|millions|one\s+in\s+\w+|(?:one|two|three|four|a)[- ]?(?:third|quarter|fifth"
    r"|sixth|tenth)s?)\b)",
    re.IGNORECASE,
)
_NOT_A_CLAIMANT_END = re.compile(
    r"\b(?:ship|vessel|tanker|frigate|destroyer|warship|ferry|freighter|submarine|"
    r"aircraft carrier|yacht|cruise liner|storm|hurricane|cyclone|typhoon|earthquake|"
    r"flood|wildfire|virus)s?$",
    re.IGNORECASE,
)
# The longest match of _NOT_A_CLAIMANT_END ("aircraft carriers"), and a line break before "$".
_NOT_A_CLAIMANT_END_CHARS = 18


def _not_a_claimant(phrase: str) -> bool:
    return (
        _NOT_A_CLAIMANT_START.match(phrase) is not None
        or _NOT_A_CLAIMANT_END.search(phrase, max(0, len(phrase) - _NOT_A_CLAIMANT_END_CHARS))
        is not None
    )


_PERSON_NAME = re.compile(r"\b[A-Z][a-z'-]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'-]+){1,2}\b")


def _first_person_name(phrase: str) -> str | None:
    for match in _PERSON_NAME.finditer(phrase):
        name = _strip_titles(match.group(0))
        if _is_person(name) and name.split()[0] not in _NOT_A_FIRST_NAME:
            return name
    return None


_NP_COMPLEMENT = re.compile(r"\s+(?:[a-z]+ed\s+)?(?:by|of|from|for|at|in|on|with|who|which|that)\s")
_VERB_WORDS = word_set(
    "is are was were be been being do does did can could should may might must shall"
)
# "All told, ...", "Many believe": a lone quantifier is nobody in particular.
_NOT_SPEAKERS = word_set("all many most some both each few several others none everyone")


def _speaker_head(phrase: str) -> str | None:
    phrase = phrase.strip(" ,:")
    # "And Dr Taj Hassan, president of ..., said": the connective goes first, so that the
    # speaker is looked for in what follows it, not in the last comma's part.
    connective = _LEADING_CONNECTIVE.match(phrase)
    if connective:
        phrase = phrase[connective.end() :]
    # "(Washington, DC) - Judicial Watch announced": a dateline before a dash is no speaker.
    dateline = _DATELINE.match(phrase)
    if dateline:
        phrase = phrase[dateline.end() :]
    # "Yesterday another ratings specialist", "Even then, the report", "Last night a spokesman":
    # when it was said is not who said it.
    when = _SPEAKER_TIME.match(phrase)
    if when and when.end() < len(phrase):
        phrase = phrase[when.end() :]
    # "Mr Javid's letter - also signed by David Gauke - said": the aside between dashes goes.
    if "\u2013" in phrase or "\u2014" in phrase or " - " in phrase:
        phrase = _DASH_ASIDE.sub(" ", phrase).strip()
    # "Rep. Charlie Geren, R-Fort Worth": a party and home town is no speaker.
    parts = [part.strip() for part in phrase.split(",") if part.strip()]
    parts = [part for part in parts if not _AFFILIATION_PART.match(part)]
    # "However, Frances O'Grady, general secretary of ..., said": a lone adverb goes.
    while len(parts) > 1 and (parts[0].lower() in _SCENE_OPENERS or _ADVERB.fullmatch(parts[0])):
        parts = parts[1:]
    if not parts:
        return None
    first_word = parts[0].split(None, 1)[0]
    # "In a reference to ..., Zelenskyy said", "Using satellite images, two scientists found":
    # scene-setting first, the speaker last.
    if first_word.lower() in _SCENE_OPENERS or _PARTICIPLE.fullmatch(first_word):
        # "In regions like the Antarctic Peninsula, ice shelves show": an example is no speaker.
        return parts[-1] if len(parts) == 1 or not _EXAMPLE.match(parts[-1]) else None
    # "The Chief Inspector of Schools, Sir Michael Wilshaw, warned": the name after its title.
    if len(parts) > 1 and _is_name(parts[1]) and not _is_name(parts[0]):
        return parts[1]
    # "Mykhailo Podolyak, an adviser to ..., said", "Their study, published in ..., revealed".
    return parts[0]


_PARTICIPLE = re.compile(r"[A-Z][a-z]+(?:ing|ed)")
_ADVERB = re.compile(r"[A-Z][a-z]+ly")  # "Ultimately, the minister said"
_SPEAKER_TIME = re.compile(
    r"(?:(?:Yesterday|Today|Tonight|Earlier|Later|Now|Then|Meanwhile|Even\s+then|Since\s+then"
    r"|(?:Last|This|Earlier\s+this|Later\s+that)\s+(?:night|week|month|year|morning|afternoon"
    r"|evening|weekend)|On\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    # "The next day", "That same evening", "Two days later", "A week earlier".
    r"|(?:The|That)\s+(?:next|following|previous|same)\s+(?:day|night|week|month|year|morning"
    r"|afternoon|evening)"
    r"|(?:A|One|Two|Three|Four|Five|Several|A\s+few|Some)\s+(?:hours?|days?|weeks?|months?"
    r"|years?)\s+(?:later|earlier|before|after))\b,?\s+)+"
)
_DASH_ASIDE = re.compile(
    r"\s+(?:--?|\u2013|\u2014)\s+[^\u2013\u2014]{1,100}?\s+(?:--?|\u2013|\u2014)(?:\s+|$)"
)
_AFFILIATION_PART = re.compile(r"\(?[RDI]-[A-Z]")
# "(Washington, DC) -", "LONDON -": a place in brackets or capitals; "Iain Duncan Smith -"
# opens an aside about the speaker.
_DATELINE = re.compile(
    r"(?:\([^()]{2,40}\)|[A-Z]{3,}(?:,?\s+[A-Z]{2,}){0,2})\s+[-\u2013\u2014]+\s+"
)
_EXAMPLE = re.compile(r"(?:like|such\s+as|including|especially|notably)\b")
_LEADING_CONNECTIVE = re.compile(r"(?:And|But|So|Yet|Still)\s+")
_SCENE_OPENERS = word_set(
    "in on at during after before when while as since despite following amid with without "
    "by for from over under if although though but and so yet however meanwhile last this next "
    "earlier later yesterday today tonight then further thus also now instead back given"
)
# Speakers described rather than named must look like a noun phrase: "the minister", "a member
# of Ukraine's envoy", "officials" (a plural), never a clause such as "coral becomes".
DETERMINERS = word_set(
    "the a an this that these those its his her their our your my one two some many such whose"
)


_MAX_DESCRIPTION_WORDS = 6
_ALONE = word_set("A An The This That These Those")
_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _description(head: str) -> str | None:
    words = head.split()
    # "An (estimated 22 million)": a determiner alone describes nobody.
    if len(words) > _MAX_DESCRIPTION_WORDS or not head[:1].isalpha() or head in _ALONE:
        return None
    # "a slowdown they (said)": the speaker is the pronoun, not the noun before it. "Some 6"
    # (of "Some 6,498 members"), "The policy - first": a cut phrase, no description.
    if not PRONOUNS.isdisjoint(word.lower() for word in words[1:]) or not words[-1].isalpha():
        return None
    # "The figure has (doubled ...)": a description ends with its noun, not with a verb.
    if words[-1] in _BEFORE_VERB or words[-1].lower() in _VERB_WORDS:
        return None
    if any(word in _DASHES for word in words):
        return None
    plural = len(words) <= 2 and words[-1].lower().endswith("s") and not words[-1].endswith("'s")
    if words[0].lower() not in DETERMINERS and words[0].lower() != "another" and not plural:
        return None
    # "Another man fleeing Afghanistan": a participle makes it a clause, not a speaker.
    if any(word.islower() and len(word) > 5 and word.endswith("ing") for word in words[1:]):
        return None
    return head[0].upper() + head[1:]


def _is_name(part: str) -> bool:
    words = _strip_titles(part).split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


_ORGANISATION_WORDS = word_set(
    "Star Times Post News Journal Agency Ministry Department Office Centre Center Council "
    "Institute University Bank Fund Association Committee Commission Party Group Press Herald "
    "Guardian Telegraph Mail Tribune Network Organization Organisation Service Court Government "
    "Police Reuters AP AFP BBC CNN NBC CBS ABC Fox Inc Ltd Corp Company Board Foundation "
    "Research Survey Study Report Institution Agency Authority Statistics Data"
)


def _is_person(name: str) -> bool:
    """A two-to-four word name without organisation words: who "he" or "she" may refer to."""
    words = name.split()
    return (
        2 <= len(words) <= 4
        and words[-1] not in _ROLE_WORDS
        and not any(word in _ORGANISATION_WORDS for word in words)
    )


_TITLE_WORDS = word_set(
    "Dr Prof Professor Mr Mrs Ms Miss Sir Dame Lord Lady Rev Sen Rep Gov Gen Col Capt Sgt Lt "
    "Judge Justice Mayor President Premier Chancellor Minister Secretary Spokesman Spokeswoman "
    "Spokesperson Chairman Chairwoman Chair Director Commissioner Ambassador Adviser Advisor "
    "Governor Senator Representative Congressman Congresswoman Councillor Councilman Sheriff "
    "Inspector Officer Chief Economist Analyst Leader MP MEP MSP"
)
# "Communities Secretary" names a role, not a person a later "he" can be resolved to.
_ROLE_WORDS = word_set(
    "Secretary Minister Spokesman Spokeswoman Spokesperson Chancellor President Governor Mayor "
    "Director Chief Officer Leader Chairman Chairwoman Commissioner Ambassador Adviser Advisor"
)


def _name_in(phrase: str) -> str | None:
    """The trailing run of capitalised words ("presidential adviser Mykhailo Podolyak")."""
    match = _CAPITALISED_RUN.search(phrase)
    if not match:
        return None
    # "Another man fleeing Afghanistan": a place the speaker comes from is not the speaker.
    before = phrase[: match.start()].split()
    if before and before[-1].endswith("ing") and before[-1].islower():
        return None
    name = _after_last_title(_strip_titles(match.group(0)))
    if name.startswith("The "):
        name = name[4:]
    words = name.split()
    rest = words[1:]
    if len(words) >= 3 and words[0].isupper() and _is_person(" ".join(rest)) and rest[1].istitle():
        name = " ".join(words[1:])  # "ambassador to the UK Sylvie Bermann"
    if " of " in name and _is_person(name.split(" of ", 1)[0]):
        name = name.split(" of ", 1)[0]  # "Elizabeth Duff of the National Childbirth Trust"
    if not name or name.lower() in PRONOUNS or name.lower() in DETERMINERS:
        return None

    return name


def _after_last_title(name: str) -> str:
    """ "Shadow Transport Secretary Andy McDonald" -> "Andy McDonald"; "President and General
    Counsel J. Christian Adams" -> "General Counsel J. Christian Adams"; "Chief Inspector of
    Borders" -> "" (a role, nobody named)."""
    words = name.split()
    for index in range(len(words) - 2, -1, -1):
        if words[index].rstrip(".") in _TITLE_WORDS:
            rest = words[index + 1 :]
            if rest[0] == "and":
                return _after_last_title(" ".join(rest[1:]))
            return "" if rest[0] in {"of", "for", "on"} else " ".join(rest)
    return name


def _strip_titles(name: str) -> str:
    stripped = _TITLES.sub("", name).strip()
    # "U.S. State Department" is an organisation, not "State" and "U.S." titles on a person.
    if not stripped or stripped.split()[-1] in _ORGANISATION_WORDS:
        return name.strip()
    return stripped
