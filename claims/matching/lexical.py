"""BM25 over an inverted index that grows one document at a time and forgets removed ones.

Postings are compact arrays (4-byte slot, 1-byte term frequency) so that a million claims fit in
tens of megabytes; a query touches only the postings of its own words. ``top`` finds the best
documents without scoring every posting of the query's common words (max-score pruning, below).
"""

import math
import threading
from array import array
from collections import Counter

import numpy as np

K1 = 1.2
B = 0.75
# A word in more than this share of the documents ranks nothing; skipping it bounds a query's work.
MAX_DOCUMENT_SHARE = 0.25
# ``top`` stops reading postings when the words left cannot lift a new document into the best
# ``n``; partial sums and final sums are added in different orders, so it keeps this margin.
_PRUNING_MARGIN = 1e-4
# How many documents ``top`` follows to know when it may stop reading postings.
_SAMPLE = 4096


class LexicalIndex:
    def __init__(self) -> None:
        self._term_ids: dict[str, int] = {}
        self._slots: list[array] = []
        self._counts: list[array] = []
        self._lengths = array("f")
        self._alive = bytearray()
        self._live = 0
        self._total_length = 0.0
        # Partial BM25 sums of ``top``, zero between searches (a search zeroes what it wrote).
        self._accumulator = np.zeros(0, dtype=np.float32)
        self._searching = threading.Lock()

    def __len__(self) -> int:
        return self._live

    @property
    def capacity(self) -> int:
        return len(self._lengths)

    def add(self, slot: int, words: list[str]) -> None:
        """Index ``words`` under ``slot``; slots are given in increasing order."""
        if slot != len(self._lengths):
            raise ValueError(f"slot {slot} given out of order (next is {len(self._lengths)})")
        for word, count in Counter(words).items():
            term = self._term_ids.get(word)
            if term is None:
                term = self._term_ids[word] = len(self._slots)
                self._slots.append(array("i"))
                self._counts.append(array("B"))
            self._slots[term].append(slot)
            self._counts[term].append(min(count, 255))
        self._lengths.append(len(words))
        self._alive.append(1)
        self._live += 1
        self._total_length += len(words)

    def remove(self, slot: int) -> None:
        if slot < len(self._alive) and self._alive[slot]:
            self._alive[slot] = 0
            self._live -= 1
            self._total_length -= self._lengths[slot]

    def scores(
        self, words: list[str], exclude: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Slots that share a word with the query and their BM25 scores (removed slots left out).

        ``exclude``: live slots scored as if they were not in the index: left out, and not
        counted in the document count, the average length or any word's document frequency.
        """
        view = _View(self, exclude)
        terms = view.query_terms(words)
        if not terms:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        totals = np.zeros(len(self._lengths), dtype=np.float32)
        for term, weight in terms:
            slots = np.frombuffer(self._slots[term], dtype=np.int32)
            counts = np.frombuffer(self._counts[term], dtype=np.uint8)
            totals[slots] += _weights(view, weight, counts, slots)
        # Every term adds a positive weight, so the touched slots are the non-zero ones.
        slots = np.flatnonzero(totals)
        slots = slots[np.frombuffer(self._alive, dtype=np.uint8)[slots] == 1]
        slots = slots[~np.isin(slots, view.excluded)]
        return slots, totals[slots]

    def top(
        self, words: list[str], n: int, exclude: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``n`` best live slots for the query and their BM25 scores, best first (ties: the
        lower slot first): the ``n`` best of ``scores``.

        Max-score pruning (Turtle and Flood 1995): words are read rarest first into partial
        sums. Once the words left could add at most ``rest`` to any document and ``n``
        documents already have more than ``rest``, no document outside those read can enter
        the best ``n``: the postings of the words left (the common words, the long lists) are
        not read, only searched by bisection for the documents that can still make it.
        ``exclude`` as for ``scores``.
        """
        view = _View(self, exclude)
        terms = view.query_terms(words)
        if not terms or n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        postings = [np.frombuffer(self._slots[term], dtype=np.int32) for term, _ in terms]
        counts = [np.frombuffer(self._counts[term], dtype=np.uint8) for term, _ in terms]
        bounds = [
            _upper_bound(weight, held) for (_, weight), held in zip(terms, counts, strict=True)
        ]
        order = sorted(range(len(terms)), key=lambda i: -bounds[i])
        rest = sum(bounds)
        with self._searching:
            accumulator = self._scratch()
            read, found = [], []
            # The first live documents found (the rarest words'): the n-th best partial sum
            # among them is a lower bound of the n-th best among all, and cheap to follow.
            sample = np.zeros(0, dtype=np.int32)
            try:
                for position, i in enumerate(order):
                    slots = postings[i]
                    partial = accumulator[slots]
                    found.append(slots[partial == 0])  # contributions are all positive
                    accumulator[slots] = partial + _weights(view, terms[i][1], counts[i], slots)
                    read.append(slots)
                    rest -= bounds[i]
                    if position + 1 == len(order):
                        rest = 0.0
                        break
                    if len(sample) < _SAMPLE:
                        new = self._live_of(found[-1], view)[: _SAMPLE - len(sample)]
                        sample = np.concatenate([sample, new])
                    if _nth_best(accumulator[sample], n) > rest * (1 + _PRUNING_MARGIN):
                        order = order[: position + 1]
                        break
                candidates = self._live_of(np.concatenate(found), view)
                partial = accumulator[candidates]
            finally:
                for slots in read:
                    accumulator[slots] = 0
        # Only documents whose partial sum, plus all that the words left could add, reaches
        # the n-th best partial sum can be among the best n: the words left are looked up.
        threshold = _nth_best(partial, n)
        keep = partial + rest * (1 + _PRUNING_MARGIN) >= threshold * (1 - _PRUNING_MARGIN)
        candidates, totals = candidates[keep], partial[keep]
        sort = np.argsort(candidates, kind="stable")
        candidates, totals = candidates[sort], totals[sort]
        for i in sorted(set(range(len(terms))) - set(order)):
            totals += self._lookup(view, terms[i][1], postings[i], counts[i], candidates)
        best = np.lexsort((candidates, -totals))[:n]
        return candidates[best].astype(np.int64), totals[best]

    def scores_of(
        self, words: list[str], slots: np.ndarray, exclude: np.ndarray | None = None
    ) -> np.ndarray:
        """The BM25 scores of ``slots`` (sorted live slots), 0 where a slot holds none of the
        words, as ``scores`` gives them. ``exclude`` as for ``scores``."""
        view = _View(self, exclude)
        slots = np.asarray(slots, dtype=np.int64)
        # Word by word in the query's order, in float32, as ``scores`` sums them.
        totals = np.zeros(len(slots), dtype=np.float32)
        for term, weight in view.query_terms(words):
            postings = np.frombuffer(self._slots[term], dtype=np.int32)
            counts = np.frombuffer(self._counts[term], dtype=np.uint8)
            totals += self._lookup(view, weight, postings, counts, slots)
        return totals

    @staticmethod
    def _lookup(
        view: "_View", weight: float, postings: np.ndarray, counts: np.ndarray, slots: np.ndarray
    ) -> np.ndarray:
        """What one word adds to each of ``slots`` (sorted), found in its postings by
        bisection: the postings are in slot order."""
        added = np.zeros(len(slots), dtype=np.float32)
        if len(postings) and len(slots):
            at = np.minimum(np.searchsorted(postings, slots), len(postings) - 1)
            hit = postings[at] == slots
            added[hit] = _weights(view, weight, counts[at[hit]], slots[hit])
        return added

    def _scratch(self) -> np.ndarray:
        if len(self._accumulator) < len(self._lengths):
            self._accumulator = np.zeros(len(self._lengths) * 5 // 4 + 64, dtype=np.float32)
        return self._accumulator

    def _live_of(self, slots: np.ndarray, view: "_View") -> np.ndarray:
        """``slots`` without the removed and the excluded ones."""
        slots = slots[np.frombuffer(self._alive, dtype=np.uint8)[slots] == 1]
        if len(view.excluded):
            slots = slots[~np.isin(slots, view.excluded)]
        return slots

    def best_possible(self, words: list[str], exclude: np.ndarray | None = None) -> float:
        """The score of a document of average length holding each query word once: a scale.

        A word no document holds counts at the highest weight: a query of ten words of which
        the index knows two matches at most a fifth of it, however rare those two are.
        ``exclude`` as for ``scores``.
        """
        view = _View(self, exclude)
        known_terms = {term for term, _ in view.query_terms(words, skip_common=False)}
        unknown = [word for word in set(words) if self._term_ids.get(word) not in known_terms]
        known = sum(weight for _, weight in view.query_terms(words))
        return known + len(unknown) * _idf(view.documents, 0)

    def compact(self, keep: np.ndarray) -> None:
        """Renumber slots: ``keep`` lists the live slots in their new order (0, 1, 2, ...)."""
        new_slot = np.full(len(self._lengths), -1, dtype=np.int64)
        new_slot[keep] = np.arange(len(keep))
        for term in range(len(self._slots)):
            slots = np.frombuffer(self._slots[term], dtype=np.int32)
            counts = np.frombuffer(self._counts[term], dtype=np.uint8)
            mapped = new_slot[slots]
            live = mapped >= 0
            self._slots[term] = array("i", mapped[live].astype(np.int32).tobytes())
            self._counts[term] = array("B", counts[live].tobytes())
        self._lengths = array("f", np.frombuffer(self._lengths, dtype=np.float32)[keep].tobytes())
        self._alive = bytearray(b"\x01" * len(keep))


class _View:
    """The index's statistics with some live slots left out, as if they had never been added."""

    def __init__(self, index: LexicalIndex, exclude: np.ndarray | None) -> None:
        self._index = index
        excluded = np.unique(np.asarray(exclude if exclude is not None else (), dtype=np.int64))
        alive = np.frombuffer(index._alive, dtype=np.uint8)
        self.excluded = excluded[alive[excluded] == 1] if len(excluded) else excluded
        lengths = np.frombuffer(index._lengths, dtype=np.float32)
        self.documents = max(index._live - len(self.excluded), 1)
        total_length = index._total_length - float(lengths[self.excluded].sum(dtype=np.float64))
        self._average = total_length / self.documents or 1.0

    def frequency(self, term: int) -> int:
        postings = np.frombuffer(self._index._slots[term], dtype=np.int32)
        if not len(self.excluded):
            return len(postings)
        # Postings are in slot order: each excluded slot is found by bisection.
        at = np.minimum(np.searchsorted(postings, self.excluded), len(postings) - 1)
        return len(postings) - int(np.count_nonzero(postings[at] == self.excluded))

    def query_terms(self, words: list[str], skip_common: bool = True) -> list[tuple[int, float]]:
        terms = []
        total = self.documents
        for word, repeats in Counter(words).items():
            term = self._index._term_ids.get(word)
            if term is None:
                continue
            frequency = self.frequency(term)
            if not frequency and len(self.excluded):
                continue  # only excluded documents hold it: unknown, as in an index without them
            if skip_common and frequency > MAX_DOCUMENT_SHARE * total and total > 20:
                continue
            terms.append((term, _idf(total, frequency) * repeats))
        return terms

    def norms(self, slots: np.ndarray) -> np.ndarray:
        lengths = np.frombuffer(self._index._lengths, dtype=np.float32)[slots]
        return K1 * (1 - B + B * lengths / self._average)


def _weights(view: _View, weight: float, counts: np.ndarray, slots: np.ndarray) -> np.ndarray:
    """What a word of query weight ``weight`` adds to the BM25 of ``slots`` holding it
    ``counts`` times."""
    counts = counts.astype(np.float32)
    return weight * counts * (K1 + 1) / (counts + view.norms(slots))


def _upper_bound(weight: float, counts: np.ndarray) -> float:
    """The most a word adds to any document's BM25: at its highest count, in the shortest
    document (length 0: the norm is at least K1 * (1 - B))."""
    most = float(counts.max(initial=0))
    return weight * most * (K1 + 1) / (most + K1 * (1 - B))


def _nth_best(values: np.ndarray, n: int) -> float:
    """The n-th largest of ``values`` (0 when there are fewer)."""
    if len(values) < n:
        return 0.0
    return float(np.partition(values, len(values) - n)[len(values) - n])


def _idf(documents: int, frequency: int) -> float:
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
