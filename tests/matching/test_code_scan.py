"""The code scan gives the shortlist its definition says: every live slot whose Hamming distance
to the query's code is at most the smallest distance within which RESCORE codes lie. It runs
chunk by chunk and estimates that distance from a sample first; neither may change the answer."""

import numpy as np
import pytest

from claims.matching import semantic
from claims.matching.embedding import DIMENSIONS
from claims.matching.semantic import RESCORE, VectorStore, passage_codes, query_code


def _vectors(count: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _expected(vectors: np.ndarray, query: np.ndarray, alive: np.ndarray | None) -> np.ndarray:
    # Bit by bit, with none of the scan's shortcuts.
    differing = np.unpackbits(passage_codes(vectors) ^ query_code(query).view(np.uint8), axis=1)
    distances = differing.sum(axis=1)
    live = np.ones(len(vectors), dtype=bool) if alive is None else alive
    ordered = np.sort(distances[live])
    cutoff = ordered[min(RESCORE, len(ordered)) - 1]
    return np.flatnonzero(live & (distances <= cutoff))


@pytest.mark.parametrize("count", [300, 70_000, 140_001])
def test_the_scan_finds_the_shortlist_of_its_definition(count):
    vectors = _vectors(count, seed=count)
    store = VectorStore()
    store.add(0, vectors)
    rng = np.random.default_rng(7)
    alive = rng.random(count) > 0.2
    for query in _vectors(5, seed=1):
        for mask in (None, alive):
            assert store.shortlist(query, mask).tolist() == _expected(vectors, query, mask).tolist()
    # A query close to one vector: its code is near the front of the histogram.
    near = vectors[count // 2] + 0.01 * _vectors(1, seed=2)[0]
    shortlist = store.shortlist(near / np.linalg.norm(near), alive)
    assert shortlist.tolist() == _expected(vectors, near, alive).tolist()


def test_a_misleading_sample_falls_back_to_the_full_histogram():
    # One distance in 4 is sampled: 400 near codes, all of them sampled, look like 1,600.
    distances = np.full(4 * semantic._SAMPLED, 300, dtype=np.uint16)
    distances[: 4 * 400 : 4] = 10
    distances[1::4] = 200 + np.arange(len(distances[1::4])) % 50
    shortlist = semantic._nearest_codes(distances)
    histogram = np.cumsum(np.bincount(distances, minlength=DIMENSIONS + 2))
    cutoff = int(np.searchsorted(histogram, RESCORE))
    assert shortlist.tolist() == np.flatnonzero(distances <= cutoff).tolist()
    assert len(shortlist) >= RESCORE
