"""Find the words of a fixed list in text, without looking at the words around them.

Python's regular expression engine has no multi-word search: an alternation of words is tried at
every position. ``trie_pattern`` factors the list by common prefixes, so that a pattern tries it
only where a word starts and rejects a failing word after a character or two;
``rarest_first_pattern`` tries a list only at the rarest character of each word. ``listed_words``
needs no positions and does without the engine altogether.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def trie_pattern(words: Iterable[str], *, either_case: bool = False) -> str:
    """An alternation of ``words`` factored by common prefixes, as a regex fragment.

    ``either_case``: ASCII letters match in upper or lower case (re.IGNORECASE would also let
    "\u017f" match "s" and the Kelvin sign "k").
    """
    trie: dict = {}
    for word in words:
        node = trie
        for character in word.lower() if either_case else word:
            node = node.setdefault(character, {})
        node[""] = {}

    def char(character: str) -> str:
        if either_case and character.isascii() and character.isalpha():
            return f"[{character}{character.upper()}]"
        return re.escape(character)

    def emit(node: dict) -> str:
        branches = [char(c) + emit(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie)


def rarest_first_pattern(words: Iterable[str]) -> str:
    """A regex fragment that matches where a text holds one of ``words``, written so that the
    engine skips to the rarest character of each word.

    The engine skips ahead only through characters that no branch can open with; the words of a
    list open with nearly every letter, so a ``trie_pattern`` is tried at nearly every position.
    Here each word opens its branch at its rarest character (English letter frequency; a digit,
    a sign or a capital counts as rarer than any lower-case letter), then matches the rest of
    the word and looks behind for the whole of it: "newsletter" is found at its "w" as
    ``w(?:sletter(?<=newsletter))``. A text holds a match exactly where it holds one of the
    words; the match is the word's tail from that character, not the word.
    """
    tails: dict[str, set[str]] = {}
    for word in words:
        if not word:
            raise ValueError("an empty word would match everywhere")
        at = min(range(len(word)), key=lambda index: (_commonness(word[index]), index))
        tail = re.escape(word[at + 1 :])
        # The rest first: a branch that opens with a literal is skipped at once where it fails.
        if at:
            tail += "(?<=" + re.escape(word) + ")"
        tails.setdefault(word[at], set()).add(tail)
    branches = []
    for character, character_tails in sorted(tails.items()):
        # The word of one character alone matches wherever it is.
        if "" in character_tails:
            character_tails = {""}
        # Tails that open with a literal before those that only look behind.
        ordered = sorted(character_tails, key=lambda tail: (tail.startswith("(?<="), tail))
        body = ordered[0] if len(ordered) == 1 else "(?:" + "|".join(ordered) + ")"
        branches.append(re.escape(character) + body)
    return "|".join(branches)


# Lower-case letters from the least frequent in English text to the most, then the space.
_BY_FREQUENCY = "zqxjkvbpygfwmucldrhsnioate "


def _commonness(character: str) -> int:
    """How common ``character`` is in English text, as a rank: 26 for the space, -1 for any
    character that is no lower-case letter (rarer than them all)."""
    return _BY_FREQUENCY.find(character)


# Every byte that is no ASCII letter or apostrophe becomes a space.
_SPACED = bytes(byte if chr(byte) in "abcdefghijklmnopqrstuvwxyz'" else 32 for byte in range(256))


def listed_words(words: Iterable[str]) -> Callable[[str], frozenset[str]]:
    """A function that gives the listed ``words`` a lower-cased text contains.

    A word is a maximal run of ASCII letters and apostrophes, as ``re.findall("[a-z']+", text)``
    would split it.
    """
    by_bytes = {word.encode(): word for word in words}
    listed = frozenset(by_bytes)

    def find(lower: str) -> frozenset[str]:
        # The text's bytes with every other character spaced out, split in C and intersected:
        # half the cost of a pattern that skips the other words, which pays the engine's
        # overhead at every word. Any character outside ASCII is a byte >= 128 in UTF-8.
        spaced = lower.encode("utf-8", "surrogatepass").translate(_SPACED)
        return frozenset(map(by_bytes.__getitem__, listed.intersection(spaced.split())))

    return find


class Branches:
    """``re.compile(pattern, flags)`` for telling whether a text holds a match, searched so that
    the engine skips ahead.

    The engine skips to where a match can start only when every branch of an alternation opens
    with a literal character; a single branch that opens with ``\\b`` or ``^`` makes it try
    every branch at every position. The top-level branches are searched in three expressions:
    those that open with ``^``, those that open with ``\\b`` (as ``\\b(?:...)``), and the others,
    which can then be skipped through. A text holds a match of the whole alternation if and only
    if it holds one of a part, so ``search`` answers "is there a match" exactly as the whole
    would; the match it returns may be another one. For a prompt of thirty phrases, a sixth of
    the cost of the one alternation.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        if re.compile(pattern, flags).groups:
            raise ValueError("Branches takes no capturing groups: they would be renumbered")
        self.pattern = pattern
        anchored, at_word, anywhere = [], [], []
        for branch in _top_level_branches(pattern):
            if branch.startswith("^"):
                anchored.append(branch)
            elif branch.startswith("\\b"):
                at_word.append(branch[2:])
            else:
                anywhere.append(branch)
        parts = [
            "|".join(anywhere) if anywhere else None,
            r"\b(?:" + "|".join(at_word) + ")" if at_word else None,
            "|".join(anchored) if anchored else None,
        ]
        self._parts = tuple(re.compile(part, flags) for part in parts if part is not None)

    def search(self, text: str) -> re.Match[str] | None:
        for part in self._parts:
            match = part.search(text)
            if match is not None:
                return match
        return None


def _top_level_branches(pattern: str) -> list[str]:
    """``pattern`` split at each ``|`` outside brackets, character classes and escapes."""
    branches, start, depth, in_class, index = [], 0, 0, False, 0
    while index < len(pattern):
        character = pattern[index]
        if character == "\\":
            index += 2
            continue
        if in_class:
            in_class = character != "]"
        elif character == "[":
            in_class = True
            index += 1
            # "[]...]" and "[^]...]": a "]" right after the opening is a member.
            if pattern[index : index + 1] == "^":
                index += 1
            if pattern[index : index + 1] == "]":
                index += 1
            continue
        elif character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif character == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
        index += 1
    branches.append(pattern[start:])
    return branches
