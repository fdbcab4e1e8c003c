"""Text as the matcher sees it: social-media noise removed, then words for the lexical index.

Tweets carry links, "pic.twitter.com/..." images, @handles, #CamelCaseTags, emoji and a signature
("- Name (@handle) January 14, 2020"); fact-checks carry none of it. The cleaned text goes to the
embedder too, so both sides look alike.
"""

import re
import unicodedata

_URL = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"@(\w+)")
# A handle in parentheses stands beside the name it belongs to ("Ilhan Omar (@IlhanMN)", the
# signature of a tweet): as words it would count that name twice and add its own ("real Donald
# Trump"), so the lexical side drops it (the text embedded keeps it).
_NAMED_HANDLE = re.compile(r"\(\s*@\w+\s*\)")
_HASHTAG = re.compile(r"#(\w+)")
_CAMEL = re.compile(r"(?<=[a-zа-яіїєґё])(?=[A-ZА-ЯІЇЄҐЁ])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])")
_SIGNATURE_DATE = re.compile(
    r"\)\s*(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+\d{1,2},\s+\d{4}\s*$"
)
_SPACES = re.compile(r"\s+")
WORD = re.compile(r"\w+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})

# Function words of English, Ukrainian and Russian: they match everything and say nothing.
_ENGLISH = """
    a an the and or but if then than that this these those there here of to in on at by for from
    with without about as into over under after before is are was were be been being am do does
    did done have has had having it its it's he she they we you i me my our your his her their them
    us him who whom whose which what when where why how all any some no not only so very just can
    could will would shall should may might must also too s t re ve ll d m via amp rt
"""
_UKRAINIAN = """
    і й та а але або що це цей ця ці той те ті як в у на з із зі до від по за для про при над під
    не ні чи же б би вже ще його її їх він вона воно вони ми ви я ти є був була було були бути
"""
_RUSSIAN = """
    и в во на с со к ко от до по за для о об при над под не ни ли же бы уже еще его ее их он она
    оно они мы вы я ты это этот эта эти тот та то те как что чтобы был была было были быть
"""
STOPWORDS = frozenset((_ENGLISH + _UKRAINIAN + _RUSSIAN).split())


def clean(text: str) -> str:
    """Text without links, @/# marks, emoji or the date of a tweet's signature."""
    text = _URL.sub(" ", text)
    text = _SIGNATURE_DATE.sub(")", text)
    text = _HANDLE.sub(lambda m: _split_camel(m.group(1)), text)
    text = _HASHTAG.sub(lambda m: _split_camel(m.group(1)), text)
    text = "".join(ch for ch in text if not _is_symbol(ch))
    return _SPACES.sub(" ", text).strip()


def _split_camel(name: str) -> str:
    return _CAMEL.sub(" ", name.replace("_", " "))


def _is_symbol(ch: str) -> bool:
    # Emoji, pictographs and their joiners/selectors; currency signs ($, €) are kept.
    category = unicodedata.category(ch)
    return category in ("So", "Sk", "Cs", "Co") or ch in "\u200d\ufe0f\ufe0e"


def words(text: str) -> list[str]:
    """Lower-cased words of ``text`` (cleaned), function words dropped, English plurals folded."""
    # "()" stays where the handle was, so that clean still finds the signature's date after it.
    cleaned = clean(_NAMED_HANDLE.sub("()", text)).translate(_APOSTROPHES).lower()
    cleaned = cleaned.replace("'s ", " ").replace("'", "")
    return [_fold(word) for word in WORD.findall(cleaned) if _keep(word)]


def query_words(text: str) -> list[str]:
    """The distinct words of a query, in order: a word said twice in a tweet (a name in the text
    and again in its signature) weighs in BM25 as much as once."""
    return list(dict.fromkeys(words(text)))


def _keep(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def _fold(word: str) -> str:
    # Plurals and third persons ("vaccines", "claims") meet their singular.
    if len(word) > 3 and word.isascii():
        if word.endswith("ies"):
            return word[:-3] + "y"
        if word.endswith("s") and not word.endswith(("ss", "us", "is")):
            return word[:-1]
    return word


LATIN, CYRILLIC, OTHER = 0, 1, 2


def script(text: str) -> int:
    """The script most of the letters of ``text`` are written in."""
    latin = cyrillic = other = 0
    for ch in text:
        if not ch.isalpha():
            continue
        if ch.isascii() or "\u00c0" <= ch <= "\u024f":
            latin += 1
        elif "\u0400" <= ch <= "\u04ff":
            cyrillic += 1
        else:
            other += 1
    counts = {LATIN: latin, CYRILLIC: cyrillic, OTHER: other}
    return max(counts, key=lambda name: counts[name]) if any(counts.values()) else LATIN


def factcheck_text(claim: str, title: str = "", subtitle: str = "") -> str:
    """What a fact-check is matched on lexically: its claim, headline and standfirst. (Its
    vector is the claim's alone: ``passage_vector(claim)``; see README, "Claim matching".)"""
    return "\n".join(part for part in (claim, title, subtitle) if part).strip()
