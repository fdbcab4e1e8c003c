import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.extraction.wordscan import (
    Branches,
    _top_level_branches,
    listed_words,
    rarest_first_pattern,
    trie_pattern,
)

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


def test_top_level_branches_split_outside_groups_classes_and_escapes():
    pattern = r"a(?:b|c)|[|\]]d|\|e|^f|[^]|]g|\bh"
    assert _top_level_branches(pattern) == [r"a(?:b|c)", r"[|\]]d", r"\|e", "^f", r"[^]|]g", r"\bh"]


BRANCHY = (
    r"news|\bsign up\b|e-?mail|cookies?\b|\bfollow (?:us|\w+ on)\b|^\W*(?:photo|map)s? of|"
    r"[/(]\s*afp\b|\bplay\b|\{\{|\bshow all \d|\u00a9|[]|]x"
)


@given(
    st.text(
        alphabet="newsigup mailcokfr()/ptohyaydx{}|]\u00a9\u00e9,.13",
        max_size=40,
    )
)
def test_branches_finds_a_match_exactly_when_the_whole_alternation_does(text):
    whole = re.compile(BRANCHY)
    assert (Branches(BRANCHY).search(text) is not None) == (whole.search(text) is not None)


def test_branches_examples():
    branches = Branches(BRANCHY)
    assert branches.search("sign up here")
    assert branches.search("please, sign up")
    assert not branches.search("resign up")  # no word boundary before "sign"
    assert branches.search("photos of the day")
    assert not branches.search("the photos of the day")  # anchored at the start
    assert branches.search("jane doe/afp")
    assert not branches.search("replay display")
    assert branches.search("1 ]x")


def test_branches_refuses_capturing_groups():
    with pytest.raises(ValueError, match="capturing groups"):
        Branches(r"a(b)|\bc")


KEYS = ["newsletter", "sign up", "tel", " app", "@", "{{", "t.co/", "re", "e", "share it"]


@given(st.text(alphabet="newsltrigup a@{}t.co/hI\u00e9\u0130", max_size=50))
def test_rarest_first_pattern_matches_exactly_where_a_word_is_in_the_text(text):
    pattern = re.compile(rarest_first_pattern(KEYS))
    assert (pattern.search(text) is not None) == any(key in text for key in KEYS)


def test_rarest_first_pattern_opens_each_word_at_its_rarest_character():
    pattern = rarest_first_pattern(["newsletter", "tel", "inbox"])
    # "w" for newsletter, "l" for tel, "x" for inbox: none opens at a common letter.
    assert [branch[0] for branch in _top_level_branches(pattern)] == ["l", "w", "x"]
    assert re.compile(pattern).search("the hotel's inbox")
    assert not re.compile(pattern).search("the news letter, in box")


def test_rarest_first_pattern_refuses_an_empty_word():
    with pytest.raises(ValueError, match="empty word"):
        rarest_first_pattern(["news", ""])
