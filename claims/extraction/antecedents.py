"""What a leading pronoun of a sentence stands for, read from the sentences before it.

"He has led the delegation since 2021" is no claim a reader can check alone: the draft names the
person. Resolution is conservative, because a wrong subject is worse than a pronoun:

- "he", "she" (and "his", "her") stand for the subject of the previous sentence when that is a
  person, else for the last person the previous two sentences name, else for the last speaker;
- "it", "they" (and "its", "their") stand for the subject of the previous sentence when it is
  a noun phrase ("The Mississippi River", "The researchers"; "A new study" becomes "The new
  study") or a name that cannot be a person's ("UK Sport", not "Yvette Cooper"), also with an
  aside between commas after it; "it" never for a plural, "they" never for a singular;
- "it" that anticipates a clause ("It is easy to forget how ...", "It was December 1984", "It
  comes as ...") stands for nothing and stays.

What no rule names ("This is the highest level since 2011", "These figures show ...", "That
would cost ...", a "he" with two people before it) is carried, not rewritten: the draft becomes
the sentence before, then this one, when the two fit a draft (``with_sentence_before``).

A person is a run of two or three capitalised words whose last word the article also uses alone
("Cameron"), or a name after a title ("Mr Cameron", "President Barack Obama"). Used by drafting
and attribution; plain Python, called only for sentences that open with a pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import pairwise

from .words import word_set

Expand = Callable[[str], str]

_WINDOW_CHARS = 600
# Where a sentence ends: a closing mark, an optional quote, space, then a capital or a quote.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")

_TITLES = (
    "Mr Mrs Ms Miss Dr Prof Professor Sir Dame Lord Lady President Senator Sen Rep Representative "
    "Gov Governor Minister Secretary Chancellor Judge Justice Mayor Pope King Queen Prince "
    "Princess General Gen Col Capt Sheriff Chairman Chairwoman Commissioner Ambassador Detective "
    "Inspector Officer Coach Rev"
)
_TITLE = "(?:" + "|".join(_TITLES.split()) + ")"
_NAME_WORD = r"[A-Z][a-z'\u2019]+(?:-[A-Z]?[a-z'\u2019]+)*"
# A name: an optional title, then one to three capitalised words (a middle initial allowed),
# one space apart: a line break or a double space ends it ("Laura Kuenssberg  We ...").
_PERSON = re.compile(
    rf"\b(?:(?P<title>{_TITLE})\.? )?"
    rf"(?P<name>{_NAME_WORD}(?: [A-Z]\.)?(?: (?:de |van |von )?{_NAME_WORD}){{0,2}})\b"
)
# Capitalised words that open a run without being a first name.
_NOT_A_FIRST_NAME = word_set(
    "The A An In On At And But When As Yet So Then Also Still Further Thus However Now This "
    "That These Those It Its He She His Her They Their We Our I If While Since After Before "
    "During For From With Without By Under Over According Last Next Early Late New North South "
    "East West Northern Southern Eastern Western United Central Great Greater Saint St Los Las "
    "San Santa Hong Sri Costa Puerto Mount Lake Cape Fort January February March April May June "
    "July August September October November December Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday Prime Foreign Home Health Defence Defense Finance Education Justice Interior "
    "Shadow Deputy Vice Chief Former State National Federal Royal Supreme Labour Conservative "
    "Democratic Republican Democrats Republicans Mr Mrs Ms Dr Sir"
)
_NOT_A_PERSON_WORD = word_set(
    "Street Road Avenue City County State States Kingdom Republic Island Islands River Sea Ocean "
    "Park Square Hall House Court Office Ministry Department Council Committee Commission "
    "University College School Hospital Institute Centre Center Foundation Trust Agency Bank "
    "Party Union Group Company Corporation Association Organisation Organization Service Times "
    "Post News Journal Press Review Report Act Bill Law Day Week Year Cup League Club Airport "
    "Station Bridge Church Mountain Mountains Valley Desert Forest Bay Gulf Coast Peninsula "
    "Province Region District Government Parliament Senate Congress Assembly Navy Army Force "
    "Police Festival Award Prize Games Olympics Championship Series Show Museum Library "
    "Republican Republicans Democrat Democrats Conservative Conservatives Labour Tory Tories "
    "Liberal Liberals Green Greens Leave Remain Vote Sport Bayou Foundation Fund Network Panel "
    "Programme Program Project Study Survey Index Agreement Treaty Plan Scheme"
)
# The subject that opens a sentence: a run of capitalised words ("UK Sport", "The Mississippi
# River") or "the" and up to three lower-case words ("The researchers"), before a verb.
_VERBS_AFTER_SUBJECT = (
    "is are was were has have had will would can could may might must should does do did said "
    "says found finds showed shows reported reports announced argued warned added told became "
    "remains remained began started made gave took won lost rose fell grew also still now "
    "already recently previously say"
)
_NP_WORD = r"(?!(?:who|which|that|and|or|but|is|are|was|were)\b)[\w'\u2019-]+"
_SUBJECT = re.compile(
    # "The ongoing global bleaching event", "A new study", "The 2015-16 El Nino" ...
    rf"(?P<subject>(?:The|A|An)\s+{_NP_WORD}(?:\s+{_NP_WORD}){{0,3}}?"
    # ... or a name: "UK Sport", "Buffalo Bayou", "Critics".
    r"|[A-Z][\w&.'\u2019-]*(?:\s+(?:of\s+(?:the\s+)?|for\s+)?[A-Z][\w&.'\u2019-]*){0,4}"
    # ... or a plural without a determiner: "Polar bears", "Electric cars" (for "they" only).
    rf"|[A-Z][a-z]+(?:\s+{_NP_WORD}){{0,2}}?\s+[a-z][\w-]*[^s\W]s)"
    # An appositive or a relative clause between commas: "Buffalo Bayou, a major river, is".
    r"(?:,\s[^,\"]{1,120},)?"
    rf"\s+(?:{'|'.join(_VERBS_AFTER_SUBJECT.split())})\b"
)
_ROLE_SUBJECT = re.compile(
    r"(?:The|A|An|This|That)\s+(?:[a-z-]+\s+){0,2}(?:spokesman|spokeswoman|spokesperson|minister"
    r"|official|chairman|chairwoman|president|director|secretary|officer|man|woman|boy|girl"
    r"|judge|doctor|author|researcher|scientist|professor|chief|leader|adviser|advisor|father"
    r"|mother|son|daughter|husband|wife|victim|suspect|driver|teacher|player|coach|mayor"
    r"|senator|governor|lawmaker|candidate|economist|analyst|expert)\b"
)
_NAMED_AFTER_ROLE = re.compile(
    rf"(?:\s+[a-z-]+){{0,2}},\s+"
    rf"(?P<name>{_NAME_WORD}(?: [A-Z]\.)?(?: (?:de |van |von )?{_NAME_WORD}){{1,2}}),"
)
_LEADING_CONNECTIVE = re.compile(
    r"^(?:(?:And|But|So|Yet|Also|However|Meanwhile|Moreover|Still|Indeed|Now|Then)\b,?\s+)+"
)
# "It" that anticipates a clause or names a time: nothing to resolve.
DUMMY_IT = re.compile(
    r"^It(?:'s\s+been|\u2019s\s+been|'s|\u2019s|\s+is|\s+was|\s+has\s+been|\s+had\s+been|\s+will\s+be"
    r"|\s+would\s+be"
    r"|\s+could\s+be|\s+may\s+be|\s+might\s+be|\s+isn't|\s+wasn't|\s+remains|\s+seems|\s+seemed"
    r"|\s+appears|\s+appeared|\s+becomes|\s+became)\s+(?:\w+ly\s+)?(?:not\s+)?"
    # "It is easy to", "It is clear that"; not "It is projected to", "It is due to", nor "It is
    # similar to SARS", "It is home to 3 million people" (a likeness or a place: "it" is a thing).
    r"(?:(?:a|an|the)\s+)?(?:(?!\w+ed\b|due\b|set\b|going\b|about\b|able\b|similar\b|close\b"
    r"|equal\b|equivalent\b|comparable\b|identical\b|home\b|prone\b|vulnerable\b|subject\b)"
    r"\w+\s+)?"
    r"(?:to|that|for|when|how|why|whether|if|as\s+if)\b"
    r"|^It\s+(?:(?:would|might|may|could|will)\s+)?(?:seems?|appears?|comes?|came|takes?|took"
    r"|happens?|happened|turns?\s+out|means?|follows?|emerged|remains\s+to)\b"
    r"|^It(?:'s|\u2019s|\s+is|\s+was)\s+(?:(?:now|only|just|still|almost|nearly|about|not)\s+)*"
    r"(?:time|\d|a\s+(?:year|week|month|day|decade)|(?:January|February|March|April|May|June"
    r"|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday"
    r"|Saturday|Sunday|early|late|the\s+(?:first|second|third|last|latest|same|end|start))\b)"
)
_PERSONAL = {"He": "", "She": "", "His": "'s", "Her": "'s"}
_IMPERSONAL = {"It": "", "They": "", "Its": "'s", "Their": "'s"}
_AUXILIARIES = {
    (False, False): "is",
    (False, True): "has",
    (True, False): "are",
    (True, True): "have",
}
_CONTRACTED = re.compile(r"^(He|She|It|They)(?:'s|\u2019s|'re|\u2019re)\s+(\w+)")


def previous_sentences(text: str, position: int, count: int = 2) -> list[str]:
    """The ``count`` sentences before ``position`` (nearest last), read from a window of text."""
    window = text[max(0, position - _WINDOW_CHARS) : position]
    starts = [match.end() for match in _SENTENCE_END.finditer(window)]
    # The window's first piece may be a cut sentence: kept only when the text starts there.
    bounds = ([0] if position <= _WINDOW_CHARS else []) + starts
    pieces = [window[a:b].strip() for a, b in pairwise([*bounds, len(window)])]
    return [piece for piece in pieces if piece][-count:]


def recent_person(text: str, position: int, speaker: str | None, expand: Expand) -> str | None:
    """Who "he" or "she" at ``position`` stands for: the subject of the previous sentence if a
    person, else the last person named in the two sentences before, else ``speaker``."""
    sentences = previous_sentences(text, position)
    if not sentences:
        return speaker
    subject = _person_at_start(text, sentences[-1], speaker, expand)
    if subject:
        return subject
    # "The spokesman highlighted a study. But he refused ...": "he" is the role just named,
    # unless the sentence names the person in it ("The shadow health secretary, Andy Burnham,").
    role = _ROLE_SUBJECT.match(_LEADING_CONNECTIVE.sub("", sentences[-1]))
    if role:
        named = _NAMED_AFTER_ROLE.match(role.string, role.end())
        return named.group("name") if named else None
    for sentence in reversed(sentences):
        people = _people(text, sentence, speaker, expand)
        if people:
            return people[-1]
    return speaker


def resolve_leading_pronoun(
    draft: str, text: str, position: int, speaker: str | None, expand: Expand
) -> str:
    """``draft`` with its leading pronoun replaced by what it stands for, when the sentences
    before name it; else ``draft`` unchanged. ``expand`` gives the full name of a surname."""
    resolved = _expand_contraction(draft)
    first = resolved.split(" ", 1)[0]
    if first in _PERSONAL:
        name = recent_person(text, position, speaker, expand)
    elif first in _IMPERSONAL and not (first == "It" and DUMMY_IT.match(draft)):
        name = _previous_subject(text, position, plural=first in ("They", "Their"))
    else:
        return draft
    if name is None:
        return draft
    ending = _PERSONAL.get(first, _IMPERSONAL.get(first, ""))
    if ending and name.endswith("s") and first == "Their":
        ending = "'"  # "Junior doctors' pay", not "doctors's"
    return name + ending + resolved[len(first) :]


def with_sentence_before(draft: str, before: str, limit: int) -> str:
    """``draft`` after ``before``, the sentence right before it ("Deaths in custody rose to 23;
    this is the highest level since 2011"), when the draft opens with a word that points back
    to that sentence and the two fit in ``limit`` characters; else ``draft`` unchanged. The
    words are the article's: the reader sees what "this" stands for without the draft naming
    it, so no entity is named that the article does not name there."""
    first, _, rest = draft.partition(" ")
    if not rest or not _points_back(first, rest, draft):
        return draft
    carried = _as_carried(before, limit - len(draft) - 2)
    if carried is None:
        return draft
    return f"{carried}; {first[:1].lower()}{first[1:]} {rest}"


def _points_back(first: str, rest: str, sentence: str) -> bool:
    """Whether a sentence opening with ``first`` then ``rest`` needs the sentence before:
    "This is ...", "These figures ...", "It would cost ...", but not "This year ...", "These
    days ..." (the time of writing) nor "It is clear that ..." (an "it" standing for nothing)."""
    word = first.split("'", 1)[0]
    if word not in _POINTING_BACK:
        return False
    if word == "It":
        return DUMMY_IT.match(sentence) is None
    following = rest.split(" ", 1)[0].split("'", 1)[0].rstrip(",;:.")
    # "That the plan was dropped ...", "That Mr Trump was able to ...": a clause opened by
    # "that", a fragment, not a word pointing back.
    if word == "That" and (following in ("a", "an", "the") or following[:1].isupper()):
        return False
    return not (word in ("This", "These") and following.lower() in _TIME_OF_WRITING)


_POINTING_BACK = word_set("This That These Those It They He She Its Their His Her")
_TIME_OF_WRITING = word_set(
    "year years week weeks month months morning afternoon evening weekend spring summer autumn "
    "fall winter season century decade days time"
)
# A pronoun among the first words of the sentence before: it needs a sentence before it too.
_SUBJECT_PRONOUNS = word_set("it its they their he she his her this these those that's")
_MIN_CARRIED_WORDS = 5


def _as_carried(sentence: str, room: int) -> str | None:
    """``sentence`` as a draft may carry it before the next one, in ``room`` characters: a
    statement of five words or more that ends with a full stop, is no headline in title case,
    quotes no one and opens with no pronoun; its opening connective ("But", "And") dropped.
    None if it is no such sentence or does not fit."""
    sentence = " ".join(sentence.split())
    if not sentence.endswith(".") or len(sentence) > room + _LONGEST_CONNECTIVE:
        return None
    sentence = _LEADING_CONNECTIVE.sub("", sentence).rstrip(". ")
    if len(sentence) > room or _QUOTING.search(sentence):
        return None
    sentence = sentence[:1].upper() + sentence[1:]
    words = sentence.split()
    if len(words) < _MIN_CARRIED_WORDS or not words[0][:1].isalnum():
        return None
    # "We Need To Talk About Police Brutality In The U.K.": a headline, not a statement.
    if 2 * sum(word[:1].isupper() for word in words) > len(words):
        return None
    # "By 2023 it will cost ...", "In France they ...": what the pronoun stands for is further
    # back still.
    if any(word.lower() in _SUBJECT_PRONOUNS for word in words[:5]):
        return None
    return sentence


# A quotation, its words someone's, not the article's ("'It is unfair,' he said.", "The plan
# is unfair, he said.", "..., said Jane Smith."); a byline ("... By Edward Spalton") or a
# picture credit ("Kim Kyung-Hoon / Reuters") glued to the sentence.
_QUOTING = re.compile(
    r"[\"\u201c\u201d\u2018]|^'|,' |\s/\s|\sBy\s[A-Z]"
    r"|,\s+(?:[\w.'-]+\s+){0,6}?(?:said|says|added|adds|told|wrote|explained|noted|warned)\b[^,]*$"
)
# The most a leading connective and a full stop may take off the sentence ("Meanwhile, ").
_LONGEST_CONNECTIVE = 40


def _expand_contraction(draft: str) -> str:
    """ "He's been" -> "He has been"; "He's referring" -> "He is referring"; "They're" -> "They
    are": the pronoun alone can then be replaced."""
    contracted = _CONTRACTED.match(draft)
    if contracted is None:
        return draft
    pronoun, verb = contracted.group(1), contracted.group(2)
    perfect = verb in {"been", "got", "had"}
    auxiliary = _AUXILIARIES[pronoun == "They", perfect]
    return f"{pronoun} {auxiliary} {draft[contracted.start(2) :]}"


def _previous_subject(text: str, position: int, *, plural: bool) -> str | None:
    sentences = previous_sentences(text, position, count=1)
    if not sentences:
        return None
    sentence = _LEADING_CONNECTIVE.sub("", sentences[0].lstrip("\"'\u201c\u2018"))
    match = _SUBJECT.match(sentence)
    if match is None:
        return None
    subject = match.group("subject")
    words = subject.split()
    if words[0] in _NOT_A_FIRST_NAME - {"The", "A", "An"} or _is_person_name(text, subject):
        return None
    # "Tom Jones has sung ... They sold": a name that may be a person's is no "they" either.
    if (not plural or len(words) > 1) and _may_be_a_person(words):
        return None
    head = words[-1]
    is_plural = head.endswith("s") and not head.endswith(("'s", "\u2019s", "ss", "us"))
    # "United States", "Judicial Watch": a name of several words is singular whatever its end.
    if plural != is_plural and not (head[:1].isupper() and len(words) > 1 and not plural):
        return None
    # "A new study found ... It assessed": the study is now known to the reader.
    return "The " + subject.split(None, 1)[1] if words[0] in {"A", "An"} else subject


def _may_be_a_person(words: list[str]) -> bool:
    """A name "it" could not stand for, as far as its shape tells: one to three capitalised
    words ("Yvette Cooper", "Germany") with no acronym ("UK Sport") and no word of an
    organisation or a place ("Resolution Foundation")."""
    return (
        words[0] not in {"The", "A", "An"}
        and len(words) <= 3
        and all(word.istitle() for word in words)
        and not any(word in _NOT_A_PERSON_WORD for word in words)
    )


def _person_at_start(text: str, sentence: str, speaker: str | None, expand: Expand) -> str | None:
    sentence = _LEADING_CONNECTIVE.sub("", sentence.lstrip("\"'\u201c\u2018"))
    # "Ex minister Grant Shapps", "Former chancellor George Osborne", "Labour MP Frank Field":
    # a role in front names a person as a title does.
    role = _ROLE_IN_FRONT.match(sentence)
    if role:
        named = _PERSON.match(sentence, role.end())
        if named and len(named.group("name").split()) > 1:
            return _as_person(text, named, speaker, expand) or named.group("name")
    match = _PERSON.match(sentence)
    if match is None:
        return None
    person = _as_person(text, match, speaker, expand)
    # "Matthew Taylor, head of the Royal Society of Arts, is due to ...": a name that a role
    # follows names a person, though the article never uses the surname alone.
    name = match.group("name")
    if (
        person is None
        and 2 <= len(name.split()) <= 3
        and name.split()[0] not in _NOT_A_FIRST_NAME
        and _ROLE_AFTER.match(sentence, match.end())
    ):
        return name
    return person


# ", head of", ", the chief executive of", ", a former minister", ", 25,": a role or an age.
_ROLE_AFTER = re.compile(
    r"(?:,\s+(?:(?:the|a|an|its|their|his|her)\s+)?(?:(?:former|then|deputy|acting|senior|chief|"
    r"lead|shadow|interim|assistant|executive|general|managing|founding|[A-Z][a-z]+)\s+){0,3}"
    r"(?:head|chief|spokesman|spokeswoman|spokesperson|minister|secretary|director|chairman|"
    r"chairwoman|chair|president|professor|author|founder|leader|adviser|advisor|executive|"
    r"officer|editor|economist|analyst|researcher|scientist|mayor|governor|senator|MP|MEP|MSP|"
    r"commissioner|ambassador|campaigner|lecturer|doctor|lawyer|judge|coordinator|manager|"
    r"partner|fellow)\b|,\s+\d{1,3},)"
)


_ROLE_IN_FRONT = re.compile(
    r"(?:(?:Ex|Former|Then|Veteran|Senior)[- ](?:[a-z]+\s+){1,2}"
    r"|(?:Labour|Tory|Conservative|Liberal Democrat|Democratic|Republican|SNP|Green)\s+"
    r"(?:MP|MSP|MEP|peer|councillor|senator|congressman|congresswoman|leader)\s+)"
)


def _people(text: str, sentence: str, speaker: str | None, expand: Expand) -> list[str]:
    found = (_as_person(text, match, speaker, expand) for match in _PERSON.finditer(sentence))
    return [name for name in found if name]


def _as_person(text: str, match: re.Match[str], speaker: str | None, expand: Expand) -> str | None:
    name = match.group("name")
    words = name.split()
    if words[0] in _NOT_A_FIRST_NAME or any(word in _NOT_A_PERSON_WORD for word in words):
        return None
    if speaker and (name == speaker or speaker.endswith(" " + name)):
        return speaker
    if match.group("title"):
        return name if len(words) > 1 else expand(name)
    if 2 <= len(words) <= 3 and _is_person_name(text, name):
        return name
    return None


def _is_person_name(text: str, name: str) -> bool:
    """Two or three capitalised words whose last word the article also uses alone as a
    person's: after a title ("Mr Cameron") or before a speech verb ("Cameron said")."""
    words = name.split()
    if not 2 <= len(words) <= 3 or words[0] in _NOT_A_FIRST_NAME:
        return False
    surname = words[-1]
    return any(_used_alone(text, at, surname, words[-2]) for at in _occurrences(text, surname))


def _used_alone(text: str, at: int, surname: str, before: str) -> bool:
    end = at + len(surname)
    if text[at - 1 : at].isalpha() or text[end : end + 1].isalpha():
        return False
    previous = text[max(0, at - 20) : at].split()[-1:] or [""]
    if previous[0] == before:
        return False
    following = text[end : end + 20].split(None, 1)[:1] or [""]
    return (
        previous[0].rstrip(".") in _TITLE_WORDS
        or following[0].strip(",.;:") in _SPEAKING
        or following[0] in ("\u2019s", "'s")
    )


_TITLE_WORDS = word_set(_TITLES)
_SPEAKING = word_set(
    "said says told tells added adds wrote writes argued argues warned warns explained explains "
    "noted notes claimed claims insisted insists believes thinks stressed admitted denied"
)


def _occurrences(text: str, word: str) -> list[int]:
    found, at = [], text.find(word)
    while at != -1:
        found.append(at)
        at = text.find(word, at + len(word))
    return found
