import re

from hypothesis import given
from hypothesis import strategies as st

from claims.extraction.wordscan import listed_words, trie_pattern

WORDS = ["said", "says", "say", "told", "won't", "according"]


def test_listed_words_finds_whole_listed_words_only():
    found = listed_words(WORDS)("she said, they're saying; he says he won't. said")
    assert found == {"said", "says", "won't"}


def test_listed_words_skips_words_that_only_start_with_a_listed_word():
    assert not listed_words(WORDS)("sayings toldx unsaid")


@given(st.text(alphabet="saidytolwn'r ,.\u00e9\u2019\ud800", max_size=60))
def test_listed_words_agrees_with_splitting_into_words(text):
    expected = {word for word in re.findall(r"[a-z']+", text) if word in WORDS}
    assert listed_words(WORDS)(text) == expected


def test_trie_pattern_either_case_matches_ascii_letters_only():
    pattern = re.compile(trie_pattern(["six", "kilo"], either_case=True) + r"\Z")
    assert pattern.match("SIX")
    assert pattern.match("Kilo")
    # re.IGNORECASE would also take the long s and the Kelvin sign for "s" and "k".
    assert not pattern.match("\u017fix")
    assert not pattern.match("\u212ailo")
