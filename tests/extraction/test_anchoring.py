import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction.anchoring import locate_quote
from tests.extraction.growth import growth_factor

ARTICLE = (
    "Russian and Ukrainian delegations convened near the border of Belarus on Thursday. "
    "The talks are aimed at stopping the fighting that has sent more than 1 million people "
    "fleeing over Ukraine's borders. Reuters reports that the two sides agreed to meet again "
    "soon. Russian forces are battling for control of Enerhodar, a city that accounts for "
    "about one-quarter of the country's power generation."
)
QUOTE = "The talks are aimed at stopping the fighting that has sent more than 1 million people"


def selector(text: str, quote: str) -> tuple[str, str, int]:
    start = text.index(quote)
    return text[max(0, start - 32) : start], text[start + len(quote) :][:32], start


def test_unchanged_text_returns_the_same_offsets():
    prefix, suffix, start = selector(ARTICLE, QUOTE)
    assert locate_quote(ARTICLE, QUOTE, prefix, suffix, start) == (start, start + len(QUOTE))


def test_quote_moved_by_an_inserted_paragraph_is_found_at_its_new_place():
    prefix, suffix, start = selector(ARTICLE, QUOTE)
    changed = "Editor's note: updated with new figures.\n\n" + ARTICLE
    found = locate_quote(changed, QUOTE, prefix, suffix, start)
    assert found is not None
    assert changed[found[0] : found[1]] == QUOTE


def test_repeated_quote_is_told_apart_by_its_prefix_and_suffix():
    quote = "the two sides agreed"
    text = f"Earlier, {quote} to talk. Later on Friday, {quote} to meet again."
    second = text.rindex(quote)
    prefix, suffix = text[second - 16 : second], text[second + len(quote) :][:16]
    assert locate_quote(text, quote, prefix, suffix, hint_start=0) == (
        second,
        second + len(quote),
    )


def test_repeated_quote_without_context_goes_to_the_occurrence_nearest_the_hint():
    text = "yes. " * 10
    assert locate_quote(text, "yes.", "", "", hint_start=22) == (20, 24)


def test_lightly_edited_quote_is_found_fuzzily():
    prefix, suffix, start = selector(ARTICLE, QUOTE)
    changed = ARTICLE.replace("more than 1 million people", "more than 1.2 million people")
    changed = changed.replace("The talks are aimed", "The talks were aimed")
    found = locate_quote(changed, QUOTE, prefix, suffix, start)
    assert found is not None
    assert changed[found[0] : found[1]].startswith("The talks were aimed")
    assert changed[found[0] : found[1]].endswith("1.2 million people")


def test_typographic_changes_do_not_lose_the_quote():
    quote = "Podolyak said “the results Ukraine needs are not yet achieved”"
    text = "In a post, " + quote + " on Thursday."
    prefix, suffix, start = selector(text, quote)
    changed = text.replace("“", '"').replace("”", '"').replace("  ", " ")
    found = locate_quote(changed, quote, prefix, suffix, start)
    assert found is not None
    assert changed[found[0] : found[1]] == quote.replace("“", '"').replace("”", '"')


def test_deleted_quote_returns_none():
    prefix, suffix, start = selector(ARTICLE, QUOTE)
    changed = ARTICLE.replace(QUOTE + " fleeing over Ukraine's borders. ", "")
    assert locate_quote(changed, QUOTE, prefix, suffix, start) is None


def test_rewritten_quote_returns_none_rather_than_a_wrong_anchor():
    prefix, suffix, start = selector(ARTICLE, QUOTE)
    changed = ARTICLE.replace(QUOTE, "Negotiators hope a ceasefire will let civilians leave cities")
    assert locate_quote(changed, QUOTE, prefix, suffix, start) is None


@pytest.mark.parametrize(("text", "quote"), [("", "x"), ("abc", ""), ("", "")])
def test_empty_inputs_return_none(text, quote):
    assert locate_quote(text, quote, "", "", 0) is None


def test_hint_outside_the_text_is_tolerated():
    assert locate_quote("abc def", "def", "", "", hint_start=10_000) == (4, 7)
    assert locate_quote("abc def ghi", "def ghj", "", "", hint_start=-5) == (4, 11)


def _article_of_common_words(n_words: int) -> str:
    rng = random.Random(7)
    words = ["talks", "Ukraine", "borders", "people", "million", "the", "a", "of", "said"]
    return " ".join(rng.choice(words) for _ in range(n_words))


def test_fuzzy_search_for_a_vanished_quote_grows_linearly_with_the_article():
    """The worst case (the quote is gone, so every window is tried) stays linear; the time
    itself is bench/anchoring.py's figure."""
    quote = "this sentence was removed from the article entirely, so no anchor"

    def search(text: str) -> None:
        assert locate_quote(text, quote, "the", "a", hint_start=len(text) // 2) is None

    assert growth_factor(search, _article_of_common_words(20_000)) < 8


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300), st.data())
def test_a_quote_cut_from_the_text_is_always_found_exactly(text, data):
    start = data.draw(st.integers(min_value=0, max_value=len(text) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(text)))
    quote = text[start:end]
    prefix, suffix = text[max(0, start - 32) : start], text[end : end + 32]
    found = locate_quote(text, quote, prefix, suffix, start)
    assert found is not None
    assert text[found[0] : found[1]] == quote


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.text(max_size=80), st.integers(-10, 400))
def test_locate_quote_never_raises_and_returns_a_valid_span(text, quote, hint):
    found = locate_quote(text, quote, "", "", hint)
    if found is not None:
        assert 0 <= found[0] <= found[1] <= len(text)
