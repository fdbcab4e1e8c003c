"""A disk cache of embeddings keyed by (MODEL_VERSION, query or passage, hash of the cleaned text).

Embedding the 14,231 verified claims takes minutes; the evaluation reruns in seconds with this.
It lives in the user's cache directory (MATCHING_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache),
never in the repository, and a missing or unreadable cache only costs time.
"""

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np

from claims.matching import embedding
from claims.matching.prepare import clean


def default_cache_dir() -> Path:
    explicit = os.environ.get("MATCHING_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "claim-workbench" / "matching"


def _digest(kind: str, text: str) -> str:
    payload = f"{embedding.MODEL_VERSION}\0{kind}\0{text}".encode()
    return hashlib.sha256(payload).hexdigest()


class VectorCache:
    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or default_cache_dir()
        directory.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(directory / "vectors.sqlite3")
        self._db.execute("CREATE TABLE IF NOT EXISTS vector (digest TEXT PRIMARY KEY, data BLOB)")

    def queries(self, texts: list[str], batch: int = 64, progress=None) -> np.ndarray:
        return self._vectors("query", texts, embedding.embed_queries, batch, progress)

    def passages(self, texts: list[str], batch: int = 64, progress=None) -> np.ndarray:
        return self._vectors("passage", texts, embedding.embed_passages, batch, progress)

    def _vectors(
        self,
        kind: str,
        texts: list[str],
        embed: Callable[[list[str]], np.ndarray],
        batch: int,
        progress: Callable[[int, int], None] | None,
    ) -> np.ndarray:
        texts = [clean(text) for text in texts]
        digests = [_digest(kind, text) for text in texts]
        found = self._lookup(set(digests))
        missing = sorted(
            {d: t for d, t in zip(digests, texts, strict=True) if d not in found}.items()
        )
        for start in range(0, len(missing), batch):
            chunk = missing[start : start + batch]
            vectors = embed([text for _, text in chunk])
            rows = [(d, embedding.to_bytes(v)) for (d, _), v in zip(chunk, vectors, strict=True)]
            self._db.executemany("INSERT OR REPLACE INTO vector VALUES (?, ?)", rows)
            self._db.commit()
            found.update(rows)
            if progress:
                progress(start + len(chunk), len(missing))
        return (
            np.stack([embedding.from_bytes(found[d]) for d in digests])
            if texts
            else (np.zeros((0, embedding.DIMENSIONS), dtype=np.float32))
        )

    def _lookup(self, digests: set[str]) -> dict[str, bytes]:
        found: dict[str, bytes] = {}
        wanted = list(digests)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT digest, data FROM vector WHERE digest IN ({marks})"  # noqa: S608
            found.update(self._db.execute(query, chunk).fetchall())
        return found
