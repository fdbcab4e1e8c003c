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

    def scores(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Slots that share a word with the query and their BM25 scores (removed slots left out)."""
        terms = self._query_terms(words)
        if not terms:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        totals = np.zeros(len(self._lengths), dtype=np.float32)
        for term, weight in terms:
            slots = np.frombuffer(self._slots[term], dtype=np.int32)
            counts = np.frombuffer(self._counts[term], dtype=np.uint8).astype(np.float32)
            totals[slots] += weight * counts * (K1 + 1) / (counts + self._norms(slots))
        # Every term adds a positive weight, so the touched slots are the non-zero ones.
        slots = np.flatnonzero(totals)
        slots = slots[np.frombuffer(self._alive, dtype=np.uint8)[slots] == 1]
        return slots, totals[slots]

    def best_possible(self, words: list[str]) -> float:
        """The score of a document of average length holding each query word once: a scale.

        A word no document holds counts at the highest weight: a query of ten words of which
        the index knows two matches at most a fifth of it, however rare those two are.
        """
        total = max(self._live, 1)
        unknown = [word for word in set(words) if word not in self._term_ids]
        known = sum(weight for _, weight in self._query_terms(words))
        return known + len(unknown) * _idf(total, 0)

    def _query_terms(self, words: list[str]) -> list[tuple[int, float]]:
        terms = []
        total = max(self._live, 1)
        for word, repeats in Counter(words).items():
            term = self._term_ids.get(word)
            if term is None:
                continue
            frequency = len(self._slots[term])
            if frequency > MAX_DOCUMENT_SHARE * total and total > 20:
                continue
            terms.append((term, _idf(total, frequency) * repeats))
        return terms

    def _norms(self, slots: np.ndarray) -> np.ndarray:
        average = self._total_length / max(self._live, 1) or 1.0
        lengths = np.frombuffer(self._lengths, dtype=np.float32)[slots]
        return K1 * (1 - B + B * lengths / average)

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


def _idf(documents: int, frequency: int) -> float:
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))
