"""Layout and wording cues of a sentence in a news article, as numbers for the proposal model.

News text reaches us flattened: captions, credits, adverts, newsletter prompts and gallery
titles sit between the sentences of the story, often glued to them. None of these cues names a
topic or an outlet's wording; each describes how a line is written (its shape, its punctuation,
its person and mood) or a pattern that page furniture shares across sites (a credit, a
subscription prompt, a copyright line, a phone number). ``proposals.py`` weighs them.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .types import Quantity, Span
from .words import word_list
from .wordscan import Branches, rarest_first_pattern, trie_pattern

# Each cue is one feature: its name is what the weights file stores.
FEATURE_NAMES = (
    "checkworthiness",
    "log_words",
    "short",
    "long",
    "no_closing_punctuation",
    "question",
    "opens_with_quote",
    "quotes",
    "said_after_quote",
    "quoted_opinion",
    "first_person",
    "second_person",
    "modal",
    "opinion",
    "hedge",
    "imperative",
    "boilerplate",
    "credit",
    "contact",
    "checkable_quantity",
    "source",
    "capitalised_words",
    "first_sentence",
    "repeated_phrases",
    "past_or_perfect",
    "neighbours_repeated",
    "article_opinion",
    "article_checkworthiness",
)

_CLOSING = frozenset(".!?\"'\u201d\u2019)\u2026")
_QUOTES = '"\u201c\u201d'
_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*")
_SAID_AFTER_QUOTE = re.compile(
    r"[\"\u201d,]\s*(?:[A-Z][\w.'\u2019-]*\s+){0,4}(?:said|says|added|told|wrote|insisted|"
    r"argued|explained|warned|noted)\b|\b(?:he|she|they|it)\s+(?:said|says|added)\b"
)


def _any_of(words: str, flags: int = 0) -> re.Pattern[str]:
    """A whole word or phrase of ``words`` (separated by "|"): ``\\b(?:...)\\b``, factored by
    common prefixes (``trie_pattern``). The plain alternation tried every word at every word
    start: the cues of a sentence cost two to five times as much."""
    return re.compile(r"\b(?:" + trie_pattern(words.split("|")) + r")\b", flags)


_FIRST_PERSON = _any_of("I|I'm|I've|I'd|I'll|we|We|my|My|our|Our|me|Me|us|Us|we're|We're")
_SECOND_PERSON = _any_of("you|You|your|Your|you're|You're|you'll|You'll")
_MODAL = _any_of(
    "will|would|could|should|might|may|must|shall|won't|wouldn't|shouldn't|can't|"
    "need to|needs to|have to|has to|going to|ought to"
)
_OPINION = _any_of(
    "believe|believes|think|thinks|feel|feels|hope|hopes|wish|seem|seems|clearly|simply|"
    "obviously|surely|absurd|disgusting|shameful|ridiculous|wonderful|great|terrible|"
    "important|crucial|unfair|wrong|right|best|worst|exciting|reassuring|useful|"
    "misguided|real|truly|indeed|let's|nothing|everyone|everybody",
    re.IGNORECASE,
)
_HEDGE = _any_of(
    "if|whether|perhaps|possibly|probably|likely|unlikely|maybe|expected|expects|"
    "plan|plans|promise|promised|predict|predicts|could|might",
    re.IGNORECASE,
)
# An imperative opens with a bare verb an editor addresses to the reader.
_IMPERATIVE = re.compile(
    r"^[\W_]*(?:Please|Read|Sign|Click|Tap|Subscribe|Follow|Share|Join|Watch|Listen|Get|"
    r"Download|See|Visit|Contact|Email|Call|Tell|Try|Let|Find|Check|Learn|Discover|Register|"
    r"Enter|Don't|Do not|Remember|Imagine|Consider|Take|Make|Stop|Keep|Give|Support|Donate|"
    r"Like|Send|Continue)\b"
)
# Matched on the lower-cased sentence, after a substring test on the keys below. A prompt's
# own wording: furniture in a line of any length. (``Branches``: the same test, searched faster.)
_BOILERPLATE = Branches(
    r"newsletter|unsubscribe|\bsign up\b|inbox|e-?mail address|"
    r"privacy (?:notice|policy)|cookies?\b|\u00a9|"
    r"all rights reserved|\btap here\b|read more|\bread our\b|related:|"
    r"\bfollow (?:us|\w+ on)\b|\bshare (?:this|it)\b|has not loaded|"
    r"\{\{|\bshow all \d|\bshow caption\b|\bhide caption\b|\bstory continues\b|"
    r"\bterms of (?:use|service)\b|\bdownload (?:the|our)\b|"
    r"\bviews expressed\b|\beditors?['\u2019]?s? note\b|"
    r"\bwatch:|\blisten:|\bauto-?play\b|"
    # a player's prompt ("Try refreshing your browser") and an editor's notice of a change
    # ("The article has been amended accordingly", "This story was updated on 3 May")
    r"\brefresh(?:ing)? (?:your|the|this) (?:browser|page)\b|"
    r"\b(?:this|the) (?:article|story|piece|post) (?:has been|had been|was|is being) "
    r"(?:amended|updated|corrected)\b"
)
# Words a prompt uses that a story uses too ("the app was downloaded", "countries play a role",
# "a video of the attack", "2 million subscribers"): furniture only in a short line.
_SHORT_BOILERPLATE = Branches(
    r"subscri(?:be|ption)|sign(?:ed|ing) up|advertis(?:e)?ment|\bsponsored\b|copyright|"
    r"\bclick\b|\bbrowser\b|\bvideo\b|\bsign in\b|\blog in\b|\bcorrection\b|\bpodcast\b|"
    r"\btrending\b|\bplay\b|\bapp\b"
)
_SHORT_LINE_WORDS = 12
_BOILERPLATE_KEYS = (
    "newsletter", "subscri", "sign up", "sign in", "signing up", "signed up", "inbox",
    "mail address", "privacy", "cookie", "advertis", "sponsor", "copyright", "\u00a9",
    "rights reserved", "click", "tap here", "read more", "read our", "related:", "follow ",
    "share this", "share it", "browser", "video", "loaded", "{{", "show all", "caption",
    "story continues", "terms of", "log in", "download", "views expressed", "s note",
    "correction", "podcast", "trending", "watch:", "listen:", "play", " app", "refresh",
    "amended", "updated", "corrected",
)  # fmt: skip
# Found at the rarest character of each key (``rarest_first_pattern``), as _ANY_KEY below.
_BOILERPLATE_KEY = re.compile(rarest_first_pattern(_BOILERPLATE_KEYS))
_CREDIT = Branches(
    r"\b(?:Photo(?:graph)?s?|Image|Picture|Pic|Credit|Caption|Illustration|Graphic|Chart|"
    r"Graph|Map|Video|Source|Footage)\s*(?::|by\b|credit\b)|"
    # An agency opening the line ("Getty Images", "GETTY The results ..."), or beside a slash
    # or a bracket ("Jane Doe/Reuters", "(AFP)"); not one the story names ("the EPA said").
    r"^\W*(?:Getty(?: Images)?|GETTY|AFP|EPA|Alamy|Shutterstock|Rex Features|REX|iStock|"
    r"PA(?: Wire| Media)?|AP)(?=\s+[A-Z]|\s*$)|"
    r"[/(]\s*(?:Getty|AFP|EPA|Alamy|Shutterstock|Rex|iStock|PA|AP|Reuters)\b|"
    r"\b(?:Getty(?: Images)?|AFP|EPA|Alamy|Shutterstock|Rex Features|iStock|PA|AP|Reuters)\s*[/)]|"
    r"\bAP Photo\b|\b(?:File|Stock) (?:photo|image)\b|^\s*(?:Above|Below|Pictured|Left|Right|Top):|"
    # A caption naming what the picture shows: "Graph showing ...", "Map showing ...".
    r"^\W*(?:Graph|Chart|Map|Image|Photo|Picture|Video|Illustration)s? showing\b",
)
# A caption points at the picture: "Oleksii Reznikov (L) shakes hands with ...".
_CAPTION_MARK = re.compile(
    r"\((?:L|R|C|l|r|left|right|centre|center|front|back|top|bottom|pictured)\b[^()]{0,30}\)"
)
_LINK_KEYS = ("http", "www.", "t.co/", "pic.twitter")
_CONTACT_KEYS = ("phone", "tel", "fax", "press office", "media", "more information")
_CONTACT_WORDS = re.compile(
    r"\bphone\b|\btel\b|\bfax\b|\bpress office\b|\bmedia (?:contact|enquiries|inquiries)\b|"
    r"\bfor more information\b"
)
# ``\d{3}[-.\s)]\s?\d{3}[-.\s]\d{4}\b|\+\d{1,3}\s?\d``, written to open with one class as
# _PHONE_START is: the two branches, one opening with \d and one with "+", made the engine try
# both at every character.
_PHONE = re.compile(r"[+\d](?:(?<=\d)\d\d[-.\s)]\s?\d{3}[-.\s]\d{4}\b|(?<=\+)\d{1,3}\s?\d)")
# Where a phone number can start (``\+\d|\d{3}[-.\s)]``), written to open with one character
# class, so that the engine skips to a digit or a plus sign: a tenth of the cost of _PHONE.
_PHONE_START = re.compile(r"[+\d](?:\d\d[-.\s)]|(?<=\+)\d)")
# "showe|showed" is what the former expression's "showed?" matched.
_SOURCE = _any_of(
    "said|says|told|according to|reported|reports|announced|showe|showed|shows|found|"
    "figures|data|statistics|study|survey|report|research|analysis|census|estimate|estimated|"
    "confirmed|revealed|published|recorded|increased|decreased|rose|fell|doubled|record",
    re.IGNORECASE,
)
# What a speaker says in a direct quotation: a quoted span opens with a quotation mark and runs
# to the closing one, or to the end of the sentence when the quotation goes on in the next one.
_QUOTED_SPAN = re.compile(r"[\"\u201c]([^\"\u201c\u201d]*)(?:[\"\u201d]|$)")
# The speaker's own voice inside a quotation: first or second person, a modal, a verb of belief.
# Case-sensitive, so that "May" (a name, a month) is not the modal.
_QUOTED_VOICE = _any_of(
    "I|I'm|I've|I'd|I'll|we|We|we're|We're|my|My|our|Our|me|us|you|You|your|Your|"
    "should|must|would|could|might|may|think|thinks|believe|believes|feel|feels|hope|hopes"
)
_PAST_OR_PERFECT = re.compile(r"\b(?:was|were|had|has|have|did|been)\b|\b[a-z]{3,}ed\b")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def sentence_features(
    sentence: str,
    *,
    checkworthiness: float,
    quantities: list[Quantity],
    index: int,
    repeated_phrases: float,
    needed: frozenset[str] = frozenset(FEATURE_NAMES),
) -> list[float]:
    """The cues of one sentence, in ``FEATURE_NAMES`` order.

    Only the cues in ``needed`` are computed, the others are 0: the scorer asks for those its
    model weighs, so a cue the cross-validation left out costs no time.
    """
    if needed <= _SCORE_ONLY:
        return [_logit(checkworthiness), *_ZEROS]
    if needed <= _SCORE_AND_QUOTES:
        row = [_logit(checkworthiness), *_ZEROS]
        row[_QUOTED_OPINION] = float(is_quoted_opinion(sentence))
        return row
    words = _WORD.findall(sentence)
    n_words = len(words)
    stripped = sentence.rstrip()
    cues = dict.fromkeys(FEATURE_NAMES, 0.0)
    cues["checkworthiness"] = _logit(checkworthiness)
    cues["log_words"] = math.log1p(n_words)
    cues["short"] = float(n_words < 6)
    cues["long"] = float(n_words > 60)
    cues["no_closing_punctuation"] = float(not stripped or stripped[-1] not in _CLOSING)
    cues["question"] = float("?" in sentence)
    cues["opens_with_quote"] = float(sentence[:1] in _QUOTES or sentence[:1] in "'\u2018")
    cues["quotes"] = float(any(mark in sentence for mark in _QUOTES))
    cues["checkable_quantity"] = float(any(map(is_checkable_quantity, quantities)))
    cues["first_sentence"] = float(index == 0)
    cues["repeated_phrases"] = repeated_phrases
    for name, cue in _REGEX_CUES.items():
        if name in needed:
            cues[name] = cue(sentence, n_words)
    if "capitalised_words" in needed:
        capitalised = sum(1 for word in words[1:] if word[0].isupper())
        cues["capitalised_words"] = capitalised / max(n_words - 1, 1)
    return [cues[name] for name in FEATURE_NAMES[:_SENTENCE_CUES]]


def _found(pattern: re.Pattern[str]):
    return lambda sentence, _: float(pattern.search(sentence) is not None)


def _rate_of(pattern: re.Pattern[str]):
    return lambda sentence, n_words: _rate(pattern.findall(sentence), n_words)


_REGEX_CUES = {
    "said_after_quote": lambda sentence, _: float(_said_after_quote(sentence)),
    "quoted_opinion": lambda sentence, _: float(is_quoted_opinion(sentence)),
    "first_person": _rate_of(_FIRST_PERSON),
    "second_person": _rate_of(_SECOND_PERSON),
    "modal": _rate_of(_MODAL),
    "opinion": _rate_of(_OPINION),
    "hedge": _rate_of(_HEDGE),
    "imperative": _found(_IMPERATIVE),
    "boilerplate": lambda sentence, _: float(_is_boilerplate(sentence)),
    "credit": lambda sentence, _: float(_is_credit(sentence)),
    "contact": lambda sentence, _: float(_is_contact(sentence)),
    "source": _found(_SOURCE),
    "past_or_perfect": _found(_PAST_OR_PERFECT),
}
# The last cues are the article's, added by ``proposals.article_features``.
_SENTENCE_CUES = FEATURE_NAMES.index("neighbours_repeated")
_SCORE_ONLY = frozenset(("checkworthiness", *FEATURE_NAMES[_SENTENCE_CUES:]))
_ZEROS = (0.0,) * (_SENTENCE_CUES - 1)
# The score and the quoted-opinion cue alone need no word split: one test for a quotation mark
# in most sentences.
_SCORE_AND_QUOTES = _SCORE_ONLY | {"quoted_opinion"}
_QUOTED_OPINION = FEATURE_NAMES.index("quoted_opinion")


def _said_after_quote(sentence: str) -> bool:
    # A scan for the verbs first, which the engine skips through; most sentences have none.
    if _SAID_VERB.search(sentence) is None:
        return False
    return _SAID_AFTER_QUOTE.search(sentence) is not None


_SAID_VERB = re.compile(
    trie_pattern(word_list("said says added told wrote insisted argued explained warned noted"))
)


def is_quoted_opinion(sentence: str) -> bool:
    """A sentence that is mostly a direct quotation in the speaker's own voice: "My gut feeling
    is that ...," he said; "We are seeing a Brexodus ..."; "The government should ...";
    "It's exciting to see studies like this," she said. What someone thinks, fears or wants,
    or how they judge it, in their words: rarely what a fact-checker checks, while a reported
    statement ("She said prices rose 12%") and a short quoted phrase are not this.

    Mostly: the quoted characters are at least half of the sentence, not counting an
    attribution after the quotation (``_attribution_after``). A quotation the sentence before
    opened runs from the start to its closing mark ("... was cooked," Hughes said).
    """
    quoted = _quoted_parts(sentence)
    if not quoted or sum(map(len, quoted)) * 2 < len(sentence) - _attribution_after(sentence):
        return False
    # The speaker's voice (person, modal, belief) or a word of judgement (``_OPINION``).
    return any(_QUOTED_VOICE.search(part) or _OPINION.search(part) for part in quoted)


def _attribution_after(sentence: str) -> int:
    """The length of the attribution after the last closing quotation mark (", said Jane Doe,
    a student at the institute, who was not involved in the study."), 0 when none: who said it
    is not what the sentence states, however long the speaker's titles are."""
    close = max(sentence.rfind("\u201d"), sentence.rfind('"'))
    if close <= 0:
        return 0
    tail = sentence[close + 1 :]
    if _REPORTED_BY.search(tail) is None or _MORE_THAN_WHO.search(tail) is not None:
        return 0
    return len(tail)


_REPORTED_BY = re.compile(r"\b(?:said|says|told|added|wrote|explained|insisted|according to)\b")
# A tail that goes on to state something of its own (", she said, adding that 40,000 homes
# were at risk"; "..., he said, but the figures show ...") is more than an attribution.
_MORE_THAN_WHO = re.compile(
    r"\d|\b(?:that|adding|but|because|while|although|after|before|when|since|and then)\b"
)


def _quoted_parts(sentence: str) -> list[str]:
    if '"' not in sentence and "\u201c" not in sentence and "\u201d" not in sentence:
        return []
    parts, start = [], 0
    tail = _QUOTE_TAIL.match(sentence)
    if tail is not None:
        parts.append(tail.group(1))
        start = tail.end()
    parts.extend(_QUOTED_SPAN.findall(sentence, start))
    return parts


# The end of a quotation opened in the sentence before: text without a quotation mark up to a
# closing one, a curly closing mark or a straight one between punctuation and a space
# ("cooked,\" Hughes said"). A straight mark before a word opens one ("He said, \"we ...").
_QUOTE_TAIL = re.compile(r"([^\"\u201c\u201d]+)(?:\u201d|(?<=[,.!?])\"(?=\s|$))")


def _is_boilerplate(sentence: str) -> bool:
    # Substring tests first: the expression is slow, and most sentences hold none of its words.
    lower = sentence.lower()
    if _BOILERPLATE_KEY.search(lower) is None:
        return False
    if _BOILERPLATE.search(lower) is not None:
        return True
    return len(lower.split()) <= _SHORT_LINE_WORDS and _SHORT_BOILERPLATE.search(lower) is not None


def _is_credit(sentence: str) -> bool:
    return _has_credit(sentence) or _CAPTION_MARK.search(sentence) is not None


def _has_credit(sentence: str) -> bool:
    # Substring tests first, as for the boilerplate.
    return _CREDIT_KEY.search(sentence) is not None and _CREDIT.search(sentence) is not None


_CREDIT_KEYS = (
    "Photo", "Image", "Picture", "Pic", "Credit", "Caption", "Illustration", "Graphic", "Chart",
    "Graph", "Map", "Video", "Source", "Footage", "Getty", "AFP", "EPA", "Alamy", "Shutterstock",
    "Reuters/", "AP", "PA", "GETTY", "Rex", "iStock", "File", "Stock", "Above", "Below", "Left",
    "Right", "Top",
)  # fmt: skip
# At the rarest character of each key: a capital mostly, or the "/" of "Reuters/".
_CREDIT_KEY = re.compile(rarest_first_pattern(_CREDIT_KEYS))


def _is_contact(sentence: str) -> bool:
    lower = sentence.lower()
    if "@" in lower or any(key in lower for key in _LINK_KEYS):
        return True
    if any(key in lower for key in _CONTACT_KEYS) and _CONTACT_WORDS.search(lower):
        return True
    return _PHONE_START.search(sentence) is not None and _PHONE.search(sentence) is not None


def repeated_phrase_shares(sentences: list[str]) -> list[float]:
    """For each sentence, the share of its word 4-grams that occur in another sentence.

    Gallery titles, adverts and newsletter prompts repeat across the page; the story's own
    sentences rarely share four words in a row with each other.
    """
    grams = [_four_grams(sentence) for sentence in sentences]
    where = Counter(gram for sentence_grams in grams for gram in set(sentence_grams))
    shares = []
    for sentence_grams in grams:
        if not sentence_grams:
            shares.append(0.0)
            continue
        repeated = sum(1 for gram in sentence_grams if where[gram] > 1)
        shares.append(repeated / len(sentence_grams))
    return shares


def is_checkable_quantity(quantity: Quantity) -> bool:
    """A figure someone could check: not an ordinal, a bare zero or a year alone."""
    if quantity.kind == "ordinal" or (quantity.value == 0 and quantity.unit is None):
        return False
    bare = quantity.text.strip()
    return not (quantity.unit is None and quantity.kind == "number" and _YEAR.fullmatch(bare))


def looks_like_furniture(sentence: str, *, n_words: int | None = None) -> bool:
    """An advert, prompt, contact line, question, short credit, a caption (marked "(L)" or
    closed by a picture credit), or a fragment of a few words without closing punctuation: page
    furniture, no claim.

    A credit glued to the front of a long sentence ("Getty Ireland's Department of Foreign
    Affairs said ...") does not make the sentence furniture; a short line with one does.

    ``n_words``: ``len(sentence.split())``, where the caller has split the sentence already.
    """
    stripped = sentence.rstrip()
    if stripped.endswith("?"):
        return True
    if n_words is None:
        # The words only up to one past the longest caption: more count as one past it.
        n_words = len(stripped.split(None, _CAPTION_WORDS))
    # A few words without closing punctuation: a label, a credit, a fragment.
    if n_words <= _FRAGMENT_WORDS and stripped[-1:] not in _CLOSING:
        return True
    # A scan for the keys of every boilerplate and contact expression; most sentences have none.
    if _ANY_KEY.search(sentence.lower()) is not None:
        if _is_boilerplate(sentence) or _is_contact(sentence):
            return True
    elif _PHONE.search(sentence) is not None:
        # Without a key, of those checks only the phone number of _is_contact can hold (_PHONE
        # implies _PHONE_START). A year before a space ("in 2019 the") starts like a phone
        # number: these sentences no longer run the checks of every key.
        return True
    if "(" in sentence and _CAPTION_MARK.search(sentence) is not None:
        return True
    if stripped[-1:].isalpha() and _ends_with_credit(stripped):
        return True
    return n_words <= _CAPTION_WORDS and _has_credit(sentence)


def _ends_with_credit(stripped: str) -> bool:
    """A caption closed by its picture credit: "... engulfed by fire Getty Images", not
    "... the police told Reuters"."""
    credit = _TRAILING_CREDIT.search(stripped)
    if credit is None:
        return False
    previous = _LAST_WORD.search(stripped, 0, credit.start() + 1)
    return previous is not None and previous.group(1).lower() not in _NOT_BEFORE_A_CREDIT


_CAPTION_WORDS = 25
_FRAGMENT_WORDS = 3
# Found at the rarest character of each key (``rarest_first_pattern``). Factored by common
# prefixes instead (``trie_pattern``), the keys open with nearly every letter, and the engine
# tried them at nearly every character: three times the cost, a tenth of all extraction's.
_ANY_KEY = re.compile(rarest_first_pattern((*_BOILERPLATE_KEYS, *_LINK_KEYS, *_CONTACT_KEYS, "@")))


def glued_credit_gaps(text: str) -> list[Span]:
    """Where a picture credit glued after a caption ends it: (end of the credit, start of what
    follows), in text order.

    A flattened gallery runs its captions together, each closed by its credit: "... engulfed by
    fire Getty Images Grenfell tower fire A firefighter ...", "... in Northumberland PA UK news
    in pictures ...". The credit follows a word (not "the", "told", "by" ...: "the EPA
    Administrator", "told Reuters") and a capital follows it that does not carry on a name
    ("Reuters Institute", "Getty Museum").
    """
    gaps: list[Span] = []
    # The agency's name alone first, which the engine skips to: most articles name none, and a
    # credit starts at most a "via" before the first name.
    first = _AGENCY.search(text)
    if first is None:
        return gaps
    for credit in _GLUED_CREDIT.finditer(text, max(0, first.start() - _LONGEST_VIA)):
        before = text[max(0, credit.start() - 24) : credit.start()]
        previous = _LAST_WORD.search(before)
        if previous is None or previous.group(1).lower() in _NOT_BEFORE_A_CREDIT:
            continue
        following = _NEXT_WORD.match(text, credit.end())
        if following is None or following.group(1) in _NAME_GOES_ON:
            continue
        gaps.append(Span(credit.end(), following.start(1)))
    return gaps


_AGENCIES = (
    r"(?:Getty(?: Images)?|Alamy(?: Stock Photo)?|Shutterstock|"
    r"iStock|Rex Features|REX|PA(?: Wire)?|AFP|EPA|Reuters|AP)"
)
_VIA = ("AFP via ", "PA via ", "EPA via ", "AFP/")
_AGENCY_CREDIT = "(?:" + "|".join(map(re.escape, _VIA)) + ")?" + _AGENCIES
_LONGEST_VIA = max(map(len, _VIA))
_AGENCY = re.compile(_AGENCIES)
_GLUED_CREDIT = re.compile(r"(?<=\s)" + _AGENCY_CREDIT + r"(?=\s+[A-Z\"\u201c\u2018])")
_TRAILING_CREDIT = re.compile(r"\s" + _AGENCY_CREDIT + r"$")
# The word before the credit, ending in a letter, a digit or closing punctuation of a caption.
_LAST_WORD = re.compile(r"([\w'\u2019-]+)[.,;'\u2019\u201d\")]*\s+$")
_NEXT_WORD = re.compile(r"\s+[\"\u201c\u2018]?([A-Z][\w'\u2019-]*)")
_NOT_BEFORE_A_CREDIT = frozenset((
    "the", "a", "an", "of", "by", "to", "from", "with", "at", "for", "and", "or", "told", "tell",
    "tells", "said", "says", "via", "in", "on", "that", "as", "new", "former", "this", "his",
    "her", "their", "its", "agency", "agencies", "wire",
))  # fmt: skip
_NAME_GOES_ON = frozenset((
    "Institute", "Foundation", "Museum", "Center", "Centre", "Trust", "Villa", "Oil", "News",
    "Media", "Photo", "Photos", "Stylebook", "Television", "TV", "Administrator", "Agency",
    "Office", "Chief", "Staff", "Survey", "Poll", "Wire", "Group", "Report", "Science",
    "Images", "Stock",
))  # fmt: skip


def is_imperative(draft: str) -> bool:
    """A draft that opens with a bare verb addressed to someone: "Sit down with me to
    negotiate", "Vote for change", "Don't believe them". An order or an invitation, no claim.

    "Support for the bill fell", "Call centres employ ...", "Trust in the police is ...": a
    noun that looks like a verb is followed by a finite verb, or by a word no order takes.
    """
    if _IMPERATIVE_DRAFT.match(draft) is None:
        return False
    return _FINITE_VERB.search(draft) is None


_IMPERATIVE_DRAFT = re.compile(
    r"(?:Please|Don't|Do not|Let's|Let)\b"
    r"|(?:Sit|Stop|Come|Go|Give|Take|Make|Look|Listen|Think|Imagine|Remember|Vote|Help|Join|"
    r"Read|Sign|Click|Tap|Subscribe|Follow|Share|Watch|Get|Download|Visit|Contact|Email|Call|"
    r"Tell|Try|Find|Check|Learn|Discover|Register|Enter|Consider|Keep|Support|Donate|Send|Put|"
    r"Bring|Leave|Wait|Stand|Hold|Wake|Act|Fight|Believe|Trust|Ask|Stay|Hurry|Buy|Sell)"
    r"(?:\s+(?:down|up|out|off|in|on|for|to|at|with|me|us|him|her|them|it|the|a|an|your|our|"
    r"this|that|these|those|here|now|away|back|again|home|no|not|all|everyone|everybody|"
    r"yourself|yourselves)\b|[.!]?$)"
)
_FINITE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|rose|fell|grew|shrank|won|lost|\w+ed)\b"
)


def is_conditional(sentence: str, quantities: list[Quantity]) -> bool:
    """A hypothetical: a sentence that opens with a condition and says what would or will follow
    from it: "If the talks fail, the strike will go ahead"; "Unless the council acts, residents
    could lose their homes"; "Should the bill pass, landlords would face fines"; "If so, some
    experts will be forced to eat their words". A prediction or a hypothetical, no claim
    (``GUIDELINES.md``: ``none``).

    Not a condition stated as a fact in the present or the past, a rule or a regularity
    someone can check ("If you're black, you're treated more harshly by the justice system
    than if you're white"; "If the document has no expiry date, the office can issue an ID"),
    not "If anything, the past 50 years have been quiet" (an idiom that asserts), and not a
    sentence with a figure someone could check ("If the tax rises, prices would go up by 12%"):
    the figure decides.
    """
    opening = _CONDITIONAL_OPENING.match(sentence)
    if opening is None or _HYPOTHETICAL_MODAL.search(sentence, opening.end()) is None:
        return False
    return not any(map(is_checkable_quantity, quantities))


# "If"/"Unless"/"Provided", or an inverted condition ("Should the bill pass,", "Were the tax
# scrapped,", "Had the police come sooner,"): a subject after the verb, then a comma. A quotation
# mark may open the sentence. Not "If anything,", "Unless otherwise stated," nor a question.
_CONDITIONAL_OPENING = re.compile(
    r"[\"\u201c\u2018']?(?:(?:If|Unless|Provided(?: that)?|In the event that)\b"
    r"(?! anything\b| otherwise\b)"
    r"|(?:Should|Were|Had)\s+(?:the|a|an|this|that|these|those|he|she|it|they|we|you|I|[A-Z]\w+)"
    r"\b[^?]*?,)(?![^?]*\?\s*$)"
)
# What marks the consequence as one that would or will be, not one that is: a modal of
# prediction or of the unreal ("can" states a rule or an ability: not here).
_HYPOTHETICAL_MODAL = re.compile(
    r"\b(?:will|would|could|might|may|shall|won't|wouldn't|couldn't)\b"
    r"|\w['\u2019](?:ll|d)\b|\b(?:won|wouldn|couldn)\u2019t\b"
)


def _four_grams(sentence: str) -> list[tuple[str, ...]]:
    words = sentence.lower().split()
    return [tuple(words[i : i + 4]) for i in range(len(words) - 3)]


def _rate(found: list, n_words: int) -> float:
    return min(len(found) / max(n_words, 1) * 10.0, 3.0)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


def gallery_sentences(text: str, spans: list[Span]) -> list[bool]:
    """Which sentences belong to a flattened photo gallery of another story: True for each.

    A gallery repeats its title before every caption, glued to it: "Women's Day: figures from
    history Poor pay led to a strike ... Getty Women's Day: figures from history Suffragette
    Emily Davison ...". The cue is the layout: one title of five words or more opening three
    sentences or more, each time glued to a capitalised word or a digit, and found again within
    a few sentences. Every sentence from the first title to the last is the gallery's, and so is
    the rest of the last caption up to its credit, when the credit closes it in the same
    paragraph. A story that opens three sentences with the same words ("The number of people
    who ...") goes on in lower case after them: no title.

    Only a gallery of another story is flagged: one that shares few of its words with the rest
    of the article (``_RELATED_SHARE``), a promotion the page put beside the story. A gallery on
    the story's own subject (an explainer of "the biggest issues" of the story, item by item)
    carries the outlet's own statements, which a fact-checker reads as the story's.
    """
    n = len(spans)
    flags = [False] * n
    if n < _GALLERY_ITEMS:
        return flags
    # A cheap key first: the opening characters of each sentence that opens with a capital.
    by_opening: dict[str, list[int]] = {}
    for index, span in enumerate(spans):
        if text[span.start].isupper():
            by_opening.setdefault(text[span.start : span.start + _OPENING_CHARS], []).append(index)
    runs: list[tuple[int, int]] = []
    for opening, indices in by_opening.items():
        if len(indices) >= _GALLERY_ITEMS and len(opening) == _OPENING_CHARS:
            title = _gallery_title([text[spans[i].start : spans[i].end] for i in indices])
            if title:
                runs.extend(_gallery_runs(text, spans, title))
    if not runs:
        return flags
    inside = [False] * n
    for first, last in runs:
        inside[first : last + 1] = [True] * (last + 1 - first)
    story = _content_words(
        text, [span for span, gallery in zip(spans, inside, strict=True) if not gallery]
    )
    for first, last in runs:
        words = _content_words(text, spans[first : last + 1])
        if len(words & story) < _RELATED_SHARE * len(words):
            flags[first : last + 1] = [True] * (last + 1 - first)
    return flags


def _gallery_title(sentences: list[str]) -> str:
    """The words the sentences open with, when they are a title glued to what follows in at
    least ``_GALLERY_ITEMS`` of them; else ""."""
    shared = _common_prefix(sentences)
    if len(shared) not in {len(sentence) for sentence in sentences}:
        shared = shared[: shared.rfind(" ")]  # the title ends before the word that differs
    title = shared.rstrip()
    if len(title.split()) < _TITLE_WORDS:
        return ""
    glued = sum(1 for sentence in sentences if _GLUED_AFTER_TITLE.match(sentence, len(title)))
    return title if glued >= _GALLERY_ITEMS else ""


def _common_prefix(strings: list[str]) -> str:
    # The shortest and the longest in sort order differ first where any two do.
    low, high = min(strings), max(strings)
    for index, (a, b) in enumerate(zip(low, high, strict=False)):
        if a != b:
            return low[:index]
    return low


def _gallery_runs(text: str, spans: list[Span], title: str) -> list[tuple[int, int]]:
    """(first, last) sentence of each run of at least ``_GALLERY_ITEMS`` sentences holding the
    title, at most ``_GALLERY_GAP`` apart, with the last caption's tail."""
    members = [i for i, span in enumerate(spans) if title in text[span.start : span.end]]
    runs: list[tuple[int, int]] = []
    run: list[int] = []
    for index in [*members, len(spans) + _GALLERY_GAP + 1]:  # a sentinel closes the last run
        if run and index - run[-1] > _GALLERY_GAP:
            if len(run) >= _GALLERY_ITEMS:
                runs.append((run[0], run[-1] + _caption_tail(text, spans, run[-1])))
            run = []
        run.append(index)
    return runs


def _caption_tail(text: str, spans: list[Span], last: int) -> int:
    """How many sentences after the gallery's last title still belong to its caption: those up
    to one that ends with a picture credit, in the same paragraph; 0 when no credit closes it."""
    for step in range(1, _GALLERY_GAP + 1):
        index = last + step
        if index >= len(spans):
            return 0
        gap = text[spans[index - 1].end : spans[index].start]
        if "\n" in gap or "  " in gap:
            return 0
        if _TRAILING_CREDIT.search(text, spans[index].start, spans[index].end):
            return step
    return 0


def _content_words(text: str, spans: list[Span]) -> set[str]:
    return {
        word
        for span in spans
        for word in _CONTENT_WORD.findall(text[span.start : span.end].lower())
    }


_GALLERY_ITEMS = 3
_GALLERY_GAP = 4
_TITLE_WORDS = 5
_OPENING_CHARS = 16
# What a caption opens with after its title: a capital, a digit or a quotation mark.
_GLUED_AFTER_TITLE = re.compile(r"\s+[A-Z0-9\"\u201c\u2018]")
# Words of four letters or more; a gallery of another story shares fewer than a fifth of its
# words with the rest of the article (a women's history gallery beside a story on a bill: 8%),
# a gallery on the story's own subject about a third (an explainer of Brexit beside a Brexit
# story: 36%). Measured on the two galleries of news_claims/dev.
_CONTENT_WORD = re.compile(r"[a-z][a-z'\u2019-]{3,}")
_RELATED_SHARE = 0.2
