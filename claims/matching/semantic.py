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
# Codes per step of the scan: its scratch arrays (about 640 KB) stay in the CPU's cache.
_CHUNK = 1 << 16
# Above this many codes, the shortlist's distance is first estimated from one code in every
# count // _SAMPLED (a histogram of a million distances cost more than the scan's XORs).
_SAMPLED = 1 << 15


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
        self._scratch: np.ndarray | None = None
        self._chunk: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None
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
        distances = self._distances(count)
        columns = [np.frombuffer(column, dtype=np.uint64)[:count] for column in self._code_words]
        words = query_code(query)
        # Chunk by chunk, so that the XORs and bit counts stay in the CPU's cache; the counts of
        # three words at a time are summed in bytes (3 * 64 < 256), then into the distances.
        differing, bits, partial, dead = self._chunk_buffers()
        for start in range(0, count, _CHUNK):
            stop = min(start + _CHUNK, count)
            size = stop - start
            out = distances[start:stop]
            for group in range(0, _WORDS, 3):
                for offset in range(group, min(group + 3, _WORDS)):
                    np.bitwise_xor(columns[offset][start:stop], words[offset], out=differing[:size])
                    target = partial[:size] if offset == group else bits[:size]
                    np.bitwise_count(differing[:size], out=target)
                    if offset != group:
                        np.add(partial[:size], bits[:size], out=partial[:size])
                if group == 0:
                    np.copyto(out, partial[:size])
                else:
                    np.add(out, partial[:size], out=out, dtype=np.uint16)
            if alive is not None:
                np.logical_not(alive[start:stop], out=dead[:size])
                np.copyto(out, DIMENSIONS + 1, where=dead[:size])
        return _nearest_codes(distances)

    def _distances(self, count: int) -> np.ndarray:
        # Reused between searches: a fresh 2 MB array per search costs page faults.
        if self._scratch is None or len(self._scratch) < count:
            self._scratch = np.empty(max(1024, count + count // 4), dtype=np.uint16)
        return self._scratch[:count]

    def _chunk_buffers(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        if self._chunk is None:
            self._chunk = (
                np.empty(_CHUNK, dtype=np.uint64),
                np.empty(_CHUNK, dtype=np.uint8),
                np.empty(_CHUNK, dtype=np.uint8),
                np.empty(_CHUNK, dtype=bool),
            )
        return self._chunk

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


def _nearest_codes(distances: np.ndarray) -> np.ndarray:
    """The slots whose distance is at most the smallest one that RESCORE codes lie within
    (every live slot when fewer are live): the codes' shortlist.

    The distance is read from a histogram. Over many codes, a histogram of a sample gives a
    distance comfortably above it first; the codes within that one (a few times RESCORE) give
    the exact histogram up to it. Should the sample mislead, the full histogram is taken."""
    step = len(distances) // _SAMPLED
    if step > 1:
        sampled = np.cumsum(np.bincount(distances[::step], minlength=DIMENSIONS + 2))
        # Three times the expected count, and some: a shortfall is rare and only costs time.
        bound = int(np.searchsorted(sampled, 3 * RESCORE / step + 8))
        near = np.flatnonzero(distances <= min(bound, DIMENSIONS))
        if len(near) >= RESCORE:
            histogram = np.cumsum(np.bincount(distances[near], minlength=DIMENSIONS + 2))
            cutoff = int(np.searchsorted(histogram, RESCORE))
            return near[distances[near] <= cutoff]
    histogram = np.cumsum(np.bincount(distances, minlength=DIMENSIONS + 2))
    cutoff = min(int(np.searchsorted(histogram, RESCORE)), DIMENSIONS)
    return np.flatnonzero(distances <= cutoff)
