"""Nearest vectors in 48 bytes of memory per vector: binary codes scanned, a shortlist rescored.

Every vector is kept twice: as 384 sign bits of its difference from the mean fact-check vector
(48 bytes, in memory), and in full as float16 in a temporary file. A query's own bits
(centred on the mean query vector) are compared with all codes by Hamming distance (XOR and
popcount over 64-bit words), and the RESCORE closest are rescored exactly from the file. On the
CheckThat! queries this loses nothing against exact cosines over everything (README), and
1,000,000 vectors cost 48 MB of memory; the file's pages are the kernel's to keep or drop.
"""

import os
import tempfile
import threading
from functools import cache
from pathlib import Path

import numpy as np

from claims.matching.embedding import DIMENSIONS

CENTRES_PATH = Path(__file__).parent / "data" / "centres.npz"
# Vectors rescored exactly per query.
RESCORE = 500
_WORDS = DIMENSIONS // 64
_ROW_BYTES = DIMENSIONS * 2


@cache
def centres() -> tuple[np.ndarray, np.ndarray]:
    """The mean passage vector and the mean query vector (claims/matching/train_centres.py)."""
    data = np.load(CENTRES_PATH)
    return data["passage"].astype(np.float32), data["query"].astype(np.float32)


def passage_codes(vectors: np.ndarray) -> np.ndarray:
    return np.packbits(vectors > centres()[0], axis=-1)


def query_code(vector: np.ndarray) -> np.ndarray:
    return np.packbits(vector > centres()[1]).view(np.uint64)


class VectorFile:
    """Full vectors as float16 rows of an unlinked temporary file, read row by row.

    Read with pread, not through a memory map: the kernel maps 64 KB around each page a map
    touches, so a few thousand searches made the whole file resident in the process (845 MB for
    1.1 million vectors); read this way, the pages stay in the page cache, the kernel's to drop.
    """

    def __init__(self) -> None:
        directory = os.environ.get("MATCHING_VECTOR_DIR") or None
        # It lives as long as the index; unlinked at once, it goes when the process does.
        self._file = tempfile.TemporaryFile(dir=directory)  # noqa: SIM115
        self._rows = 0

    def __len__(self) -> int:
        return self._rows

    def append(self, vectors: np.ndarray) -> None:
        self._file.seek(0, os.SEEK_END)
        self._file.write(vectors.astype(np.float16).tobytes())
        self._file.flush()
        self._rows += len(vectors)

    def rows(self, slots: np.ndarray) -> np.ndarray:
        descriptor = self._file.fileno()
        data = b"".join(
            os.pread(descriptor, _ROW_BYTES, slot * _ROW_BYTES) for slot in slots.tolist()
        )
        return np.frombuffer(data, dtype=np.float16).reshape(-1, DIMENSIONS).astype(np.float32)


class VectorStore:
    def __init__(self) -> None:
        # The codes by 64-bit word, column after column: each step of the scan then runs over
        # contiguous memory (2.5 times faster than row after row on a million).
        self._code_words = [bytearray() for _ in range(_WORDS)]
        self._full = VectorFile()
        self._scratch: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._scanning = threading.Lock()

    @property
    def capacity(self) -> int:
        return len(self._full)

    def add(self, first_slot: int, vectors: np.ndarray) -> None:
        """Store ``vectors`` (one per row) at ``first_slot`` and the slots after it."""
        if first_slot != len(self._full):
            raise ValueError(f"slot {first_slot} given out of order (next is {len(self._full)})")
        codes = passage_codes(vectors).view(np.uint64)
        with self._scanning:  # a column cannot grow while a scan reads it
            for word, column in enumerate(self._code_words):
                column += np.ascontiguousarray(codes[:, word]).tobytes()
        self._full.append(vectors)

    def nearest(
        self, query: np.ndarray, n: int, alive: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The ``n`` live slots closest to ``query`` among the shortlist, best first, cosines."""
        slots = self.shortlist(query, alive)
        cosines = self.cosines(query, slots)
        if len(slots) > n:
            top = np.argpartition(-cosines, n - 1)[:n]
            slots, cosines = slots[top], cosines[top]
        order = np.argsort(-cosines, kind="stable")
        return slots[order], cosines[order]

    def shortlist(self, query: np.ndarray, alive: np.ndarray | None) -> np.ndarray:
        """The live slots whose codes are nearest the query's: about RESCORE of them.

        ``alive`` marks the live slots; None when all are."""
        count = len(self._full)
        if not count:
            return np.zeros(0, dtype=np.int64)
        with self._scanning:
            return self._scan(query, alive, count)

    def _scan(self, query: np.ndarray, alive: np.ndarray | None, count: int) -> np.ndarray:
        differing, bits, distances = self._buffers(count)
        distances[:] = 0
        for column, word in zip(self._code_words, query_code(query), strict=True):
            np.bitwise_xor(np.frombuffer(column, dtype=np.uint64), word, out=differing)
            np.bitwise_count(differing, out=bits)
            np.add(distances, bits, out=distances)
        if alive is not None:
            distances[~alive[:count]] = DIMENSIONS + 1
        # The distance below which about RESCORE codes lie, read from their histogram: cheaper
        # than a partial sort over a million.
        histogram = np.cumsum(np.bincount(distances, minlength=DIMENSIONS + 2))
        cutoff = min(int(np.searchsorted(histogram, RESCORE)), DIMENSIONS)
        return np.flatnonzero(distances <= cutoff)

    def _buffers(self, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # Reused between searches: a fresh 9 MB array per search costs more in page faults
        # than the scan itself.
        if self._scratch is None or len(self._scratch[0]) < count:
            size = max(1024, count + count // 4)
            self._scratch = (
                np.empty(size, dtype=np.uint64),
                np.empty(size, dtype=np.uint8),
                np.empty(size, dtype=np.uint16),
            )
        return tuple(buffer[:count] for buffer in self._scratch)

    def cosines(self, query: np.ndarray, slots: np.ndarray) -> np.ndarray:
        return self._full.rows(slots) @ query

    def compact(self, keep: np.ndarray) -> None:
        old = self._full
        self._code_words = [
            bytearray(np.frombuffer(column, dtype=np.uint64)[keep].tobytes())
            for column in self._code_words
        ]
        self._full = VectorFile()
        for start in range(0, len(keep), 10_000):
            self._full.append(old.rows(keep[start : start + 10_000]))
