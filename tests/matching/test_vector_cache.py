import numpy as np

from claims.matching import embedding
from claims.matching.vector_cache import VectorCache, default_cache_dir


def _counting_embedder(monkeypatch):
    calls = []

    def embed(texts):
        calls.append(list(texts))
        return np.stack([np.full(embedding.DIMENSIONS, len(t), dtype=np.float32) for t in texts])

    monkeypatch.setattr(embedding, "embed_passages", embed)
    return calls


def test_vectors_are_embedded_once_then_read_from_disk(tmp_path, monkeypatch):
    calls = _counting_embedder(monkeypatch)
    first = VectorCache(tmp_path).passages(["one claim", "two claims", "one claim"])
    assert calls == [["one claim", "two claims"]] or calls == [["two claims", "one claim"]]
    again = VectorCache(tmp_path).passages(["two claims", "one claim"])
    assert len(calls) == 1
    assert np.array_equal(again, first[[1, 0]])


def test_a_new_model_version_embeds_again(tmp_path, monkeypatch):
    calls = _counting_embedder(monkeypatch)
    VectorCache(tmp_path).passages(["a claim"])
    monkeypatch.setattr(embedding, "MODEL_VERSION", "another-model")
    VectorCache(tmp_path).passages(["a claim"])
    assert len(calls) == 2


def test_the_cache_lives_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("MATCHING_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "claim-workbench" / "matching"
    monkeypatch.setenv("MATCHING_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert default_cache_dir() == tmp_path / "elsewhere"
