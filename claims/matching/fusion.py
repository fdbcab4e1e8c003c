"""Lexical and semantic evidence fused into one calibrated score: a logistic regression.

Its weights are learnt by ``python -m claims.matching.train_fusion`` on the CheckThat! train queries
and stored in ``data/fusion.json``; the output is the probability that a candidate is a match, so
thresholds (SUGGEST_THRESHOLD, LINK_THRESHOLD) read as precision.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).parent / "data" / "fusion.json"
# Ranks in either list past this count the same: beyond it a candidate is in neither shortlist.
RANK_CAP = 100

FEATURES = (
    "cosine",
    "cosine_gap",
    "lexical",
    "lexical_gap",
    "semantic_rank",
    "lexical_rank",
)


@dataclass(frozen=True)
class Evidence:
    """What is known of each candidate of one query (arrays of one length)."""

    cosines: np.ndarray
    lexical: np.ndarray  # BM25 over the query's best possible BM25: about 0..1
    semantic_ranks: np.ndarray  # 0 = best; RANK_CAP when not in the shortlist
    lexical_ranks: np.ndarray


def features(evidence: Evidence) -> np.ndarray:
    cosines = evidence.cosines.astype(np.float64)
    lexical = evidence.lexical.astype(np.float64)
    columns = (
        cosines,
        cosines - cosines.max(initial=0.0),
        lexical,
        lexical - lexical.max(initial=0.0),
        1.0 / (1.0 + np.minimum(evidence.semantic_ranks, RANK_CAP)),
        1.0 / (1.0 + np.minimum(evidence.lexical_ranks, RANK_CAP)),
    )
    return np.column_stack(columns) if len(cosines) else np.zeros((0, len(FEATURES)))


@dataclass(frozen=True)
class FusionModel:
    weights: np.ndarray
    bias: float
    suggest_threshold: float
    link_threshold: float

    def scores(self, evidence: Evidence) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(features(evidence) @ self.weights + self.bias)))

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": [float(w) for w in self.weights],
            "bias": float(self.bias),
            "suggest_threshold": self.suggest_threshold,
            "link_threshold": self.link_threshold,
        }


@cache
def trained_model() -> FusionModel:
    data = json.loads(MODEL_PATH.read_text())
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{MODEL_PATH} was trained on other features: retrain it")
    return FusionModel(
        weights=np.array(data["weights"], dtype=np.float64),
        bias=data["bias"],
        suggest_threshold=data["suggest_threshold"],
        link_threshold=data["link_threshold"],
    )
