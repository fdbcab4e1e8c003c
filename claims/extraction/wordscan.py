"""Find the words of a fixed list in text with one regular expression, without the words around.

Python's engine has no multi-word search: an alternation of words is tried at every position.
These patterns instead skip a whole run of other characters or a whole other word at a time
(possessive, so never retried) and try the list only where a word starts, factored by common
prefixes so a failing word is rejected after a character or two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


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


def listed_words(words: Iterable[str], letters: str = "a-z'") -> re.Pattern[str]:
    """A pattern whose ``findall`` over lower-cased text gives the listed words it contains.

    A word is a maximal run of ``letters``, as ``re.findall(f"[{letters}]+", text)`` would
    split it. ``findall`` also returns empty strings, for the end of the text.
    """
    listed = trie_pattern(sorted(words))
    return re.compile(
        rf"(?:[^{letters}]++|(?!{listed}(?![{letters}]))[{letters}]++)*+"
        rf"({listed}(?![{letters}])|\Z)"
    )
