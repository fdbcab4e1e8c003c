"""The exact work of one search is bounded, whatever the size of the index: it rescores a bounded
shortlist of vectors and fuses a bounded set of candidates. The code scan before it is linear,
48 bytes a vector. (bench/matching.py times all of it.)"""

import numpy as np
import pytest

from claims.matching import MatchIndex
from claims.matching.embedding import DIMENSIONS, to_bytes
from claims.matching.index import SHORTLIST
from claims.matching.semantic import RESCORE, VectorFile, VectorStore


def _vectors(count: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_the_vectors_rescored_per_query_stay_bounded_as_the_index_grows_tenfold():
    queries = _vectors(20, seed=1)
    rescored = {}
    for count in (10_000, 100_000):
        store = VectorStore()
        store.add(0, _vectors(count, seed=2))
        alive = np.ones(count, dtype=bool)
        sizes = [len(store.shortlist(query, alive)) for query in queries]
        rescored[count] = np.mean(sizes)
        assert min(sizes) >= RESCORE
        assert max(sizes) < 3 * RESCORE
    assert rescored[100_000] < 1.5 * rescored[10_000]


def test_removed_vectors_are_not_shortlisted():
    vectors = _vectors(2_000, seed=3)
    store = VectorStore()
    store.add(0, vectors)
    alive = np.ones(2_000, dtype=bool)
    alive[:1_000] = False
    assert store.shortlist(vectors[0], alive).min() >= 1_000
    slots, cosines = store.nearest(vectors[1_500], 3, alive)
    assert slots[0] == 1_500
    assert cosines[0] > 0.99


def test_the_fused_candidates_are_at_most_two_shortlists():
    words = ["vaccine", "microchip", "tracking", "government", "claim", "says", "viral", "post"]
    rng = np.random.default_rng(3)
    vectors = _vectors(5_000, seed=4)
    index = MatchIndex()
    index.add_many(
        (f"c{i}", " ".join(rng.choice(words, size=6)), to_bytes(vectors[i])) for i in range(5_000)
    )
    keys, evidence = index.candidates("viral post says vaccine microchip tracking", vectors[0])
    assert SHORTLIST <= len(keys) <= 2 * SHORTLIST
    assert len(evidence.cosines) == len(keys)


def test_a_search_reads_each_candidate_vector_once(monkeypatch):
    """The rescored shortlist's cosines are reused for the fused candidates: only the
    candidates found by their words alone are read from the vector file again."""
    words = ["vaccine", "microchip", "tracking", "government", "claim", "says", "viral", "post"]
    rng = np.random.default_rng(5)
    vectors = _vectors(3_000, seed=6)
    index = MatchIndex()
    index.add_many(
        (f"c{i}", " ".join(rng.choice(words, size=6)), to_bytes(vectors[i])) for i in range(3_000)
    )
    reads = []
    rows = VectorFile.rows

    def counted(self, slots):
        reads.append(len(slots))
        return rows(self, slots)

    monkeypatch.setattr(VectorFile, "rows", counted)
    keys, evidence = index.candidates("viral post says vaccine microchip tracking", vectors[7])
    shortlisted, reread = reads
    assert shortlisted >= RESCORE
    assert reread <= len(keys) - SHORTLIST
    slots = np.array([int(key[1:]) for key in keys])
    assert evidence.cosines == pytest.approx(vectors[slots] @ vectors[7], abs=2e-3)
