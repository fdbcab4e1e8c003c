"""Lexical and semantic evidence fused into one calibrated score: logistic regressions.

The weights are learnt by ``python -m claims.matching.train_fusion`` on the CheckThat! train and
dev queries and stored in ``data/fusion.json``; the output is the probability that a candidate is
a match, so thresholds (SUGGEST_THRESHOLD, LINK_THRESHOLD) read as precision.

A candidate written in another script than the query (Cyrillic against Latin) shares no words
with it whatever it means, so its lexical evidence says nothing: it is scored by a second model
fitted on the semantic features alone, on the same data, so that both scores read alike.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).parent / "data" / "fusion.json"
# Ranks in either list past this count the same: beyond it a candidate is in neither shortlist.
RANK_CAP = 100
# The constant of reciprocal rank fusion (Cormack et al. 2009): 1/(60 + rank) summed over lists.
RRF_K = 60

FEATURES = (
    "cosine",
    "cosine_gap",
    "lexical",
    "lexical_gap",
    "semantic_rank",
    "lexical_rank",
    "reciprocal_rank_fusion",
)
SEMANTIC_FEATURES = ("cosine", "cosine_gap", "semantic_rank")
_SEMANTIC_COLUMNS = [FEATURES.index(name) for name in SEMANTIC_FEATURES]


@dataclass(frozen=True)
class Evidence:
    """What is known of each candidate of one query (arrays of one length)."""

    cosines: np.ndarray
    lexical: np.ndarray  # BM25 over the query's best possible BM25: about 0..1
    semantic_ranks: np.ndarray  # 0 = best; RANK_CAP when not in the shortlist
    lexical_ranks: np.ndarray
    same_script: np.ndarray  # bool: written in the query's script


def features(evidence: Evidence) -> np.ndarray:
    cosines = evidence.cosines.astype(np.float64)
    lexical = evidence.lexical.astype(np.float64)
    semantic_ranks = np.minimum(evidence.semantic_ranks, RANK_CAP)
    lexical_ranks = np.minimum(evidence.lexical_ranks, RANK_CAP)
    columns = (
        cosines,
        cosines - cosines.max(initial=0.0),
        lexical,
        lexical - lexical.max(initial=0.0),
        1.0 / (1.0 + semantic_ranks),
        1.0 / (1.0 + lexical_ranks),
        RRF_K * (1.0 / (RRF_K + semantic_ranks) + 1.0 / (RRF_K + lexical_ranks)),
    )
    return np.column_stack(columns) if len(cosines) else np.zeros((0, len(FEATURES)))


def semantic_features(rows: np.ndarray) -> np.ndarray:
    return rows[:, _SEMANTIC_COLUMNS]


@dataclass(frozen=True)
class LogisticModel:
    weights: np.ndarray
    bias: float

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(rows @ self.weights + self.bias)))


@dataclass(frozen=True)
class FusionModel:
    both: LogisticModel
    semantic: LogisticModel
    suggest_threshold: float
    link_threshold: float

    def scores(self, evidence: Evidence) -> np.ndarray:
        rows = features(evidence)
        both = self.both.probabilities(rows)
        semantic = self.semantic.probabilities(semantic_features(rows))
        return np.where(evidence.same_script, both, semantic)

    def to_json(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": [float(w) for w in self.both.weights],
            "bias": float(self.both.bias),
            "semantic_features": list(SEMANTIC_FEATURES),
            "semantic_weights": [float(w) for w in self.semantic.weights],
            "semantic_bias": float(self.semantic.bias),
            "suggest_threshold": self.suggest_threshold,
            "link_threshold": self.link_threshold,
        }


@cache
def trained_model() -> FusionModel:
    data = json.loads(MODEL_PATH.read_text())
    if tuple(data["features"]) != FEATURES or tuple(data["semantic_features"]) != SEMANTIC_FEATURES:
        raise ValueError(f"{MODEL_PATH} was trained on other features: retrain it")
    return FusionModel(
        both=LogisticModel(np.array(data["weights"]), data["bias"]),
        semantic=LogisticModel(np.array(data["semantic_weights"]), data["semantic_bias"]),
        suggest_threshold=data["suggest_threshold"],
        link_threshold=data["link_threshold"],
    )
