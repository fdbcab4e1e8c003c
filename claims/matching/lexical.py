"""BM25 over an inverted index that grows one document at a time and forgets removed ones.

Postings are compact arrays (4-byte slot, 1-byte term frequency) so that a million claims fit in
tens of megabytes; a query touches only the postings of its own words.
"""

import math
from array import array
from collections import Counter

import numpy as np

K1 = 1.2
B = 0.75
# A word in more than this share of the documents ranks nothing; skipping it bounds a query's work.
MAX_DOCUMENT_SHARE = 0.25


class LexicalIndex:
    def __init__(self) -> None:
        self._term_ids: dict[str, int] = {}
        self._slots: list[array] = []
        self._counts: list[array] = []
        self._lengths = array("f")
        self._alive = bytearray()
        self._live = 0
        self._total_length = 0.0

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
            counts = np.frombuffer(self._counts[term], dtype=np.uint8).astype(np.float32)
            totals[slots] += weight * counts * (K1 + 1) / (counts + view.norms(slots))
        # Every term adds a positive weight, so the touched slots are the non-zero ones.
        slots = np.flatnonzero(totals)
        slots = slots[np.frombuffer(self._alive, dtype=np.uint8)[slots] == 1]
        slots = slots[~np.isin(slots, view.excluded)]
        return slots, totals[slots]

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


def _idf(documents: int, frequency: int) -> float:
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
