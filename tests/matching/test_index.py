import numpy as np
import pytest

from claims.matching import (
    LINK_THRESHOLD,
    MIN_WORDS,
    SUGGEST_THRESHOLD,
    Match,
    MatchIndex,
    embedding,
    passage_vector,
)
from claims.matching.embedding import DIMENSIONS, from_bytes
from tests.matching.factchecks import FACTCHECKS


def test_a_passage_vector_is_384_normalised_float32_bytes():
    vector = from_bytes(passage_vector("Eating garlic prevents the flu."))
    assert vector.shape == (DIMENSIONS,)
    assert np.linalg.norm(vector) == pytest.approx(1.0, abs=1e-3)


def test_a_reworded_claim_finds_its_fact_check_first(factcheck_index):
    matches = factcheck_index.search("Do the new 5G phone masts really spread the coronavirus?")
    assert matches[0].key == "5g-covid"
    assert isinstance(matches[0], Match)
    assert 0.0 <= matches[-1].score <= matches[0].score <= 1.0
    assert matches[0].semantic > matches[1].semantic


def test_the_same_claim_scores_above_the_suggestion_threshold_and_an_unrelated_one_below(
    factcheck_index,
):
    same = factcheck_index.search("Bleach, when you drink a little of it, cures the coronavirus.")
    assert same[0].key == "bleach-cure"
    assert same[0].score >= SUGGEST_THRESHOLD
    unrelated = factcheck_index.search("The city council approved a new budget for public parks.")
    assert all(match.score < SUGGEST_THRESHOLD for match in unrelated)
    assert SUGGEST_THRESHOLD < LINK_THRESHOLD


def test_a_word_repeated_in_a_query_or_its_signature_weighs_as_much_as_once(factcheck_index):
    vector = np.zeros(DIMENSIONS, dtype=np.float32)  # the lexical side alone differs
    once = "Russia stopped grain shipments from Odesa, says the minister"
    repeats = [
        "Russia stopped grain shipments from Odesa, grain, grain! says the minister",
        "Russia stopped grain shipments from Odesa, says the minister — Odesa (@OdesaPort)",
        "Russia Russia stopped grain shipments from Odesa, says the minister of Russia",
    ]
    keys, evidence = factcheck_index.candidates(once, vector)
    expected = dict(zip(keys, evidence.lexical.tolist(), strict=True))
    for text in repeats:
        keys, evidence = factcheck_index.candidates(text, vector)
        found = dict(zip(keys, evidence.lexical.tolist(), strict=True))
        assert found["grain-deal"] == pytest.approx(expected["grain-deal"], rel=1e-5), text


def test_min_score_and_k_limit_what_comes_back(factcheck_index):
    query = "Garlic eaten raw each morning keeps influenza away"
    assert len(factcheck_index.search(query, k=3)) == 3
    strict = factcheck_index.search(query, min_score=0.5)
    assert [match.key for match in strict] == ["garlic-flu"]


def test_a_text_shorter_than_min_words_is_not_matched(factcheck_index):
    short = " ".join(["garlic", "flu", "prevents", "eating", "raw"][: MIN_WORDS - 1])
    assert factcheck_index.search(short) == []


def test_remove_and_replace_change_what_is_found(factcheck_index):
    query = "The Apollo Moon landing was staged in a film studio in Hollywood"
    factcheck_index.remove("moon-landing")
    assert "moon-landing" not in factcheck_index
    assert all(match.key != "moon-landing" for match in factcheck_index.search(query))
    factcheck_index.add("garlic-flu", "The Moon landings were faked in a Hollywood studio.")
    assert factcheck_index.search(query)[0].key == "garlic-flu"
    assert len(factcheck_index) == 14
    factcheck_index.remove("no-such-key")
    assert len(factcheck_index) == 14


def test_an_empty_index_finds_nothing():
    assert MatchIndex().search("Drinking bleach cures the coronavirus, says a post") == []


def test_a_vector_given_to_add_is_used_instead_of_the_text(factcheck_vectors):
    index = MatchIndex()
    # The text is about garlic but the vector is the Moon landing's: the semantic side follows it.
    index.add(
        "a", "Eating raw garlic every morning prevents the flu.", factcheck_vectors["moon-landing"]
    )
    index.add("b", "Some other text about nothing at all here.", factcheck_vectors["garlic-flu"])
    matches = {m.key: m for m in index.search("The Moon landing was filmed in a studio")}
    assert matches["a"].semantic > matches["b"].semantic


def test_many_removals_compact_the_index_without_losing_the_rest(factcheck_vectors):
    index = MatchIndex()
    vector = factcheck_vectors["eiffel-sold"]
    index.add_many(
        (f"noise-{i}", f"noise claim number {i} about nothing", vector) for i in range(1500)
    )
    index.add("eiffel", "The Eiffel Tower was sold for scrap metal.", vector)
    for i in range(1500):
        index.remove(f"noise-{i}")
    assert len(index) == 1
    assert index.search("Was the Eiffel Tower sold as scrap metal to a company?")[0].key == "eiffel"


def _index_of(factcheck_vectors, extra: dict[str, str], leave_out: str = "") -> MatchIndex:
    index = MatchIndex()
    texts = {**FACTCHECKS, **extra}
    index.add_many(
        (key, text, factcheck_vectors.get(key) or passage_vector(text))
        for key, text in texts.items()
        if key != leave_out
    )
    return index


@pytest.mark.parametrize(
    "query",
    [
        "Do the new 5G phone masts really spread the coronavirus?",
        "5G towers are what spreads COVID-19, a post claims",
        "Is it true that 5G mobile networks cause the coronavirus to spread?",
    ],
)
def test_an_excluded_key_is_searched_as_if_it_were_not_in_the_index(factcheck_vectors, query):
    # A copy of the 5G fact-check, as the query's own claim would be: it would rank first.
    copy = {"copy": "5G mobile phone towers spread the coronavirus that causes COVID-19!"}
    index = _index_of(factcheck_vectors, copy)
    assert "copy" in {match.key for match in index.search(query)[:2]}
    excluded = index.search(query, k=20, exclude=["copy", "no-such-key"])
    without = _index_of(factcheck_vectors, copy, leave_out="copy").search(query, k=20)
    assert "copy" not in {match.key for match in excluded}
    assert [match.key for match in excluded] == [match.key for match in without]
    for found, expected in zip(excluded, without, strict=True):
        assert found.score == pytest.approx(expected.score, abs=1e-6)
        assert found.lexical == pytest.approx(expected.lexical, abs=1e-6)
        assert found.semantic == pytest.approx(expected.semantic, abs=1e-6)
    assert excluded[0].key == "5g-covid"
    assert "copy" in index  # excluding leaves the index as it was


def test_a_search_excluding_every_key_finds_nothing(factcheck_index):
    assert factcheck_index.search("Eating raw garlic prevents the flu", exclude=FACTCHECKS) == []


def test_a_text_matched_again_is_not_embedded_again(monkeypatch):
    embedding._query_vector.cache_clear()
    embedded = []
    embed = embedding.embed_queries

    def counted(texts):
        embedded.extend(texts)
        return embed(texts)

    monkeypatch.setattr(embedding, "embed_queries", counted)
    first = embedding.query_vector("Drinking hot water every hour kills the virus.")
    again = embedding.query_vector("Drinking hot water every hour kills the virus. https://t.co/x")
    other = embedding.query_vector("Drinking cold water every hour kills the virus.")
    assert embedded == [
        "Drinking hot water every hour kills the virus.",
        "Drinking cold water every hour kills the virus.",
    ]
    assert again is first
    assert not np.array_equal(first, other)
    assert not first.flags.writeable
