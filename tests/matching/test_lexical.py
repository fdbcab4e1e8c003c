import random

import numpy as np
import pytest

from claims.matching.lexical import LexicalIndex


def _index(documents):
    index = LexicalIndex()
    for slot, document in enumerate(documents):
        index.add(slot, document.split())
    return index


def _scores(index, query):
    slots, scores = index.scores(query.split())
    return dict(zip(slots.tolist(), scores.tolist(), strict=True))


FILLER = [f"filler{i} common text" for i in range(30)]


def test_a_rare_shared_word_outweighs_a_common_one():
    index = _index(["zebra common", "common text", *FILLER])
    scores = _scores(index, "zebra common")
    assert scores[0] > scores.get(1, 0)
    assert set(scores) == {0}  # "common" is in most documents: it ranks nothing


def test_a_removed_document_is_never_returned_and_compaction_keeps_the_scores():
    index = _index(["zebra stripes", "zebra horse", *FILLER])
    before = _scores(index, "zebra horse")
    index.remove(0)
    assert 0 not in _scores(index, "zebra horse")
    assert len(index) == len(FILLER) + 1
    index.compact(np.arange(1, 2 + len(FILLER)))
    assert _scores(index, "zebra horse")[0] == pytest.approx(before[1], rel=0.1)


def test_slots_must_come_in_order():
    index = _index(["one"])
    with pytest.raises(ValueError, match="out of order"):
        index.add(5, ["two"])


def test_best_possible_is_the_scale_of_a_perfect_match():
    index = _index(["zebra horse", *FILLER])
    assert index.best_possible(["zebra", "horse"]) >= _scores(index, "zebra horse")[0] * 0.8
    # A query word no document holds still counts: half the query matched scores half.
    assert index.best_possible(["zebra", "unknown"]) >= 1.9 * index.best_possible(["zebra"])


@pytest.mark.parametrize("query", ["zebra horse", "okapi zebra stripes", "common zebra text"])
def test_excluded_slots_score_as_in_an_index_that_never_held_them(query):
    documents = ["zebra stripes okapi", "zebra horse", "horse stripes long text", *FILLER]
    index = _index(documents)
    without = _index(documents[1:])  # slot n here is slot n + 1 there
    slots, scores = index.scores(query.split(), exclude=np.array([0]))
    expected_slots, expected = without.scores(query.split())
    assert slots.tolist() == (expected_slots + 1).tolist()
    assert scores.tolist() == pytest.approx(expected.tolist(), rel=1e-6)
    # "okapi" is held by the excluded document only: unknown, as in the other index.
    assert index.best_possible(query.split(), exclude=np.array([0])) == pytest.approx(
        without.best_possible(query.split())
    )
    assert len(index) == len(documents)  # excluding changes nothing in the index


def _corpus(seed: int, size: int) -> tuple[list[str], random.Random]:
    """Documents of a few rare words among common ones: the shape that lets ``top`` stop
    reading the common words' postings."""
    rng = random.Random(seed)
    rare = [f"rare{i}" for i in range(40)]
    common = [f"common{i}" for i in range(20)]  # each in about a tenth of the documents
    documents = [
        " ".join(rng.choices(rare, k=rng.randint(0, 3)) + rng.choices(common, k=rng.randint(1, 3)))
        for _ in range(size)
    ]
    return documents, rng


def _best(index, query, n, exclude=None):
    slots, scores = index.scores(query, exclude)
    order = np.lexsort((slots, -scores))[:n]
    return slots[order], scores[order]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("n", [1, 5, 50])
def test_top_is_the_n_best_of_every_score(seed, n):
    documents, rng = _corpus(seed, 1_500)
    index = _index(documents)
    for slot in rng.sample(range(len(documents)), 100):
        index.remove(slot)
    for _ in range(20):
        query = [*rng.sample([f"rare{i}" for i in range(40)], 3), "common1", "common2", "nothing"]
        exclude = np.array(rng.sample(range(len(documents)), 5)) if rng.random() < 0.5 else None
        slots, scores = index.top(query, n, exclude)
        expected_slots, expected = _best(index, query, n, exclude)
        assert slots.tolist() == expected_slots.tolist()
        assert scores.tolist() == pytest.approx(expected.tolist(), rel=1e-5)
        probe = np.unique(np.concatenate([slots, np.array(rng.sample(range(1_500), 30))]))
        probe = probe[np.frombuffer(index._alive, dtype=np.uint8)[probe] == 1]
        everything = dict(zip(*(a.tolist() for a in index.scores(query, exclude)), strict=True))
        assert index.scores_of(query, probe, exclude).tolist() == pytest.approx(
            [everything.get(slot, 0.0) for slot in probe.tolist()], rel=1e-6
        )


def test_top_looks_the_common_words_up_instead_of_reading_them(monkeypatch):
    documents, _ = _corpus(4, 2_000)
    documents += ["rare1 rare2 rare3 common1", "rare1 rare2 common1 common2"]
    index = _index(documents)
    looked_up = []
    lookup = LexicalIndex._lookup

    def spy(view, weight, postings, counts, slots):
        looked_up.append(len(slots))
        return lookup(view, weight, postings, counts, slots)

    monkeypatch.setattr(LexicalIndex, "_lookup", staticmethod(spy))
    query = ["rare1", "rare2", "rare3", "common1", "common2"]
    slots, _ = index.top(query, 2)
    assert slots.tolist() == _best(index, query, 2)[0].tolist() == [2_000, 2_001]
    # A common word was not read: only the few contenders were looked up in its postings.
    assert looked_up
    assert max(looked_up) < 100


def test_top_of_an_unknown_or_empty_query_is_empty():
    index = _index(["zebra horse", *FILLER])
    for query in ([], ["unknown"]):
        slots, scores = index.top(query, 10)
        assert len(slots) == len(scores) == 0
