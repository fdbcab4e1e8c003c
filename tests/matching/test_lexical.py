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
