"""Nearest vectors by cosine over a matrix that grows in place."""

import numpy as np

from claims.matching.embedding import DIMENSIONS


class VectorStore:
    def __init__(self) -> None:
        self._matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
        self._size = 0

    @property
    def capacity(self) -> int:
        return self._size

    def add(self, first_slot: int, vectors: np.ndarray) -> None:
        """Store ``vectors`` (one per row) at ``first_slot`` and the slots after it."""
        if first_slot != self._size:
            raise ValueError(f"slot {first_slot} given out of order (next is {self._size})")
        end = self._size + len(vectors)
        if end > len(self._matrix):
            grown = np.zeros((max(64, 2 * end), DIMENSIONS), dtype=np.float32)
            grown[: self._size] = self._matrix[: self._size]
            self._matrix = grown
        self._matrix[self._size : end] = vectors
        self._size = end

    def nearest(
        self, query: np.ndarray, n: int, alive: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``n`` live slots closest to ``query``, best first, with their cosines."""
        cosines = self._matrix[: self._size] @ query
        cosines[~alive[: self._size]] = -np.inf
        n = min(n, int(alive[: self._size].sum()))
        if n <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        best = np.argpartition(-cosines, n - 1)[:n]
        best = best[np.argsort(-cosines[best], kind="stable")]
        return best, cosines[best]

    def cosines(self, query: np.ndarray, slots: np.ndarray) -> np.ndarray:
        return self._matrix[slots] @ query

    def compact(self, keep: np.ndarray) -> None:
        self._matrix = self._matrix[keep].copy()
        self._size = len(keep)
