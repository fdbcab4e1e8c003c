"""The shared word lists of the extraction."""

from __future__ import annotations

from claims.extraction import words


def test_word_set_and_word_list_split_on_whitespace() -> None:
    assert words.word_set("a b  a\nc") == frozenset({"a", "b", "c"})
    assert words.word_list("a b  a") == ["a", "b", "a"]


def test_number_words_hold_every_spelled_number_longest_first() -> None:
    listed = set(words.NUMBER_WORDS)
    for table in (words.CARDINALS, words.MAGNITUDES, words.ORDINALS, words.PLURAL_ORDINALS):
        assert set(table) <= listed
    assert {"hundred", "dozen", "half", "quarters"} <= listed
    lengths = [len(word) for word in words.NUMBER_WORDS]
    assert lengths == sorted(lengths, reverse=True)


def test_common_number_words_are_number_words_or_their_plurals() -> None:
    listed = set(words.NUMBER_WORDS) | {"hundred"}
    for word in words.COMMON_NUMBER_WORDS:
        assert word in listed or word.removesuffix("s") in listed, word


def test_values_of_spelled_numbers() -> None:
    assert (words.CARDINALS["seventeen"], words.CARDINALS["ninety"]) == (17, 90)
    assert (words.ORDINALS["twelfth"], words.ORDINALS["thousandth"]) == (12, 1e3)
    assert words.MAGNITUDES["crore"] == 1e7
