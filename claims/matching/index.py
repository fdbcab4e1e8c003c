"""One in-memory index of texts to match against: BM25 and e5 vectors, fused by fusion.py."""

import contextlib
import ctypes
import itertools
import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from claims.matching import embedding, fusion, prepare
from claims.matching.lexical import LexicalIndex
from claims.matching.semantic import VectorStore

# Candidates taken from each list before fusion.
SHORTLIST = 100
# Texts with fewer words than this are not matched: too little to tell one claim from another.
MIN_WORDS = 4


@dataclass(frozen=True)
class Match:
    key: str
    score: float  # fused, calibrated 0..1: the estimated probability that it is the same claim
    lexical: float  # BM25 over the query's best possible BM25, about 0..1
    semantic: float  # cosine of the e5 vectors


def word_count(value: str) -> int:
    return len(prepare.WORD.findall(prepare.clean(value)))


class MatchIndex:
    """Safe to share between threads: additions, removals and searches take one lock in turn
    (embedding, the slow part, runs outside it)."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._lexical = LexicalIndex()
        self._vectors = VectorStore()
        self._keys: list[str | None] = []
        self._slots: dict[str, int] = {}
        self._alive = np.zeros(0, dtype=bool)
        self._scripts = bytearray()

    def __len__(self) -> int:
        return len(self._slots)

    def __contains__(self, key: str) -> bool:
        return key in self._slots

    def add(self, key: str, text: str, vector: bytes | None = None) -> None:
        """Index ``text`` under ``key``, replacing what ``key`` held before."""
        self.add_many([(key, text, vector)])

    def add_many(self, items: Iterable[tuple[str, str, bytes | None]]) -> None:
        # In batches, so that a bulk load of a million holds one batch of texts at a time.
        iterator = iter(items)
        batches = 0
        while batch := tuple(itertools.islice(iterator, 10_000)):
            self._add_batch(batch)
            batches += 1
        if batches > 1:
            _hand_back_freed_memory()

    def _add_batch(self, items: tuple[tuple[str, str, bytes | None], ...]) -> None:
        latest = {key: (value, vector) for key, value, vector in items}
        missing = [value for value, vector in latest.values() if vector is None]
        computed = iter(embedding.passage_vectors(missing))
        with self._lock:
            self._store_batch(latest, computed)

    def _store_batch(
        self, latest: dict[str, tuple[str, bytes | None]], computed: Iterator[bytes]
    ) -> None:
        for key in latest:
            self.remove(key)
        first = len(self._keys)
        vectors = np.empty((len(latest), embedding.DIMENSIONS), dtype=np.float32)
        for row, (key, (value, vector)) in enumerate(latest.items()):
            data = vector if vector is not None else next(computed)
            vectors[row] = embedding.from_bytes(data)
            self._lexical.add(first + row, prepare.words(value))
            self._scripts.append(prepare.script(value))
            self._keys.append(key)
            self._slots[key] = first + row
        self._vectors.add(first, vectors)
        if len(self._keys) > len(self._alive):
            grown = np.zeros(max(64, 2 * len(self._keys)), dtype=bool)
            grown[:first] = self._alive[:first]
            self._alive = grown
        self._alive[first : len(self._keys)] = True

    def remove(self, key: str) -> None:
        with self._lock:
            slot = self._slots.pop(key, None)
            if slot is None:
                return
            self._keys[slot] = None
            self._alive[slot] = False
            self._lexical.remove(slot)
            if len(self._keys) > 1000 and len(self._slots) < len(self._keys) // 2:
                self._compact()

    def search(
        self,
        text: str,
        k: int = 10,
        min_score: float = 0.0,
        vector: np.ndarray | None = None,
        exclude: Collection[str] = (),
    ) -> list[Match]:
        """The ``k`` best matches of ``text`` scoring at least ``min_score``, best first.

        ``vector``: the query's embedding, when the caller has it (``embedding.query_vector``).
        ``exclude``: keys searched as if they were not in the index (the query's own claim, its
        copies): never returned, and not ranked or counted against the others.
        """
        if not self._slots or word_count(text) < MIN_WORDS:
            return []
        keys, evidence = self.candidates(text, vector, exclude)
        if not keys:
            return []
        scores = fusion.trained_model().scores(evidence)
        order = np.argsort(-scores, kind="stable")[:k]
        return [
            Match(
                key=keys[i],
                score=float(scores[i]),
                lexical=float(evidence.lexical[i]),
                semantic=float(evidence.cosines[i]),
            )
            for i in order
            if scores[i] >= min_score
        ]

    def candidates(
        self, value: str, vector: np.ndarray | None = None, exclude: Collection[str] = ()
    ) -> tuple[list[str], fusion.Evidence]:
        """The shortlisted keys for ``value`` and the evidence fusion scores them on
        (``exclude`` as for ``search``)."""
        query = embedding.query_vector(value) if vector is None else vector
        with self._lock:
            return self._candidates(value, query, exclude)

    def _candidates(
        self, value: str, query: np.ndarray, exclude: Collection[str]
    ) -> tuple[list[str], fusion.Evidence]:
        words = prepare.query_words(value)
        excluded = np.array(
            [self._slots[key] for key in exclude if key in self._slots], dtype=np.int64
        )
        lexical_slots, bm25 = self._lexical.scores(words, excluded)
        lexical_best = _best_first(lexical_slots, bm25, SHORTLIST)
        # Without removals or exclusions there is no mask to apply to a million distances.
        alive = None
        if len(excluded):
            alive = self._alive.copy()
            alive[excluded] = False
        elif len(self._slots) < len(self._keys):
            alive = self._alive
        semantic_best, semantic_cosines = self._vectors.nearest(query, SHORTLIST, alive)
        slots = np.unique(np.concatenate([lexical_best, semantic_best]))
        scale = self._lexical.best_possible(words, excluded) or 1.0
        position = np.searchsorted(lexical_slots, slots)
        found = position < len(lexical_slots)
        found[found] = lexical_slots[position[found]] == slots[found]
        lexical = np.where(found, bm25[np.minimum(position, len(bm25) - 1)] if len(bm25) else 0, 0)
        evidence = fusion.Evidence(
            cosines=self._cosines(query, slots, semantic_best, semantic_cosines),
            lexical=(lexical / scale).astype(np.float32),
            semantic_ranks=_ranks(slots, semantic_best),
            lexical_ranks=_ranks(slots, lexical_best),
            same_script=np.frombuffer(self._scripts, dtype=np.uint8)[slots]
            == prepare.script(value),
        )
        return [self._keys[slot] for slot in slots.tolist()], evidence

    def _cosines(
        self, query: np.ndarray, slots: np.ndarray, known: np.ndarray, cosines: np.ndarray
    ) -> np.ndarray:
        """The cosines of ``slots`` (sorted) with the query: those of the ``known`` slots as
        the rescoring gave them, the others read from the vector file."""
        order = np.argsort(known)
        at = np.minimum(np.searchsorted(known[order], slots), max(len(known) - 1, 0))
        held = known[order][at] == slots if len(known) else np.zeros(len(slots), dtype=bool)
        result = np.empty(len(slots), dtype=np.float32)
        result[held] = cosines[order][at[held]]
        result[~held] = self._vectors.cosines(query, slots[~held])
        return result

    def _compact(self) -> None:
        keep = np.flatnonzero(self._alive[: len(self._keys)])
        self._lexical.compact(keep)
        self._vectors.compact(keep)
        self._keys = [self._keys[slot] for slot in keep]
        self._scripts = bytearray(np.frombuffer(self._scripts, dtype=np.uint8)[keep].tobytes())
        self._slots = {key: slot for slot, key in enumerate(self._keys)}
        self._alive = np.ones(len(keep), dtype=bool)


def _best_first(slots: np.ndarray, scores: np.ndarray, n: int) -> np.ndarray:
    if len(slots) > n:
        top = np.argpartition(-scores, n - 1)[:n]
        slots, scores = slots[top], scores[top]
    return slots[np.argsort(-scores, kind="stable")]


def _ranks(slots: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Each slot's position in ``ranked``, or RANK_CAP when it is not there."""
    positions = {slot: rank for rank, slot in enumerate(ranked.tolist())}
    return np.array([positions.get(slot, fusion.RANK_CAP) for slot in slots.tolist()])


def _hand_back_freed_memory() -> None:
    # A bulk load frees its texts and vectors batch by batch, but glibc keeps the freed pages:
    # on 100,000 claims the process held 83 MB more after the load, 37 MB after malloc_trim.
    with contextlib.suppress(AttributeError, OSError):  # not glibc: nothing to ask
        ctypes.CDLL(None).malloc_trim(0)
