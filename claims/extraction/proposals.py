"""Which sentences of an article to propose, and in what order: the proposal score.

The score is the probability that a fact-checker would want to check the sentence (the label
``worth`` of ``shared/data/news_claims``), from a logistic regression over the layout and
wording cues of ``furniture.py`` and the check-worthiness model's score. Weights and the
default line come from ``data/proposals.json``, written by
``python -m claims.extraction.train_proposals``, which chooses them by cross-validation over
whole articles; rerun it after the check-worthiness model changes.

``PROPOSAL_THRESHOLD`` is the reader's default line: a draft scored at or above it is proposed
("worth checking"), one below it is kept under "more".
"""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path

from .furniture import FEATURE_NAMES, repeated_phrase_shares, sentence_features
from .types import Quantity

MODEL_PATH = Path(__file__).parent / "data" / "proposals.json"


@cache
def _stored() -> dict:
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


@cache
def _model() -> dict:
    model = _stored()
    if tuple(model["features"]) != FEATURE_NAMES:
        raise RuntimeError(
            f"{MODEL_PATH.name} was fitted on other features: "
            "rerun python -m claims.extraction.train_proposals"
        )
    return model


# Read without the feature check, so that the training command still imports after a change of
# the features (a stale model then fails where it scores, loudly).
PROPOSAL_THRESHOLD: float = _stored()["threshold"]


def article_features(
    sentences: list[str],
    checkworthiness: list[float],
    quantities: list[list[Quantity]],
    *,
    every_cue: bool = False,
) -> list[list[float]]:
    """The cues of every sentence of one article, in ``FEATURE_NAMES`` order: those the
    shipped model weighs, or ``every_cue`` (for training)."""
    needed = frozenset(FEATURE_NAMES) if every_cue else needed_cues()
    if needed.isdisjoint(("repeated_phrases", "neighbours_repeated")):
        repeated = [0.0] * len(sentences)
    else:
        repeated = repeated_phrase_shares(sentences)
    rows = [
        sentence_features(
            sentence,
            checkworthiness=score,
            quantities=found,
            index=index,
            repeated_phrases=share,
            needed=needed,
        )
        for index, (sentence, score, found, share) in enumerate(
            zip(sentences, checkworthiness, quantities, repeated, strict=True)
        )
    ]
    # A gallery or a newsletter block runs over several sentences: the ones between two
    # repeated lines belong to it. An opinion piece argues throughout: its person and mood
    # lower every sentence a little.
    opinion = [row[_FIRST_PERSON] + row[_MODAL] + row[_OPINION] for row in rows]
    article_opinion = sum(opinion) / max(len(rows), 1)
    article_checkworthiness = sum(row[_CHECKWORTHINESS] for row in rows) / max(len(rows), 1)
    for index, row in enumerate(rows):
        before = repeated[index - 1] if index > 0 else 0.0
        after = repeated[index + 1] if index + 1 < len(rows) else 0.0
        row.extend((min(before, after), article_opinion, article_checkworthiness))
    return rows


_FIRST_PERSON = FEATURE_NAMES.index("first_person")
_MODAL = FEATURE_NAMES.index("modal")
_OPINION = FEATURE_NAMES.index("opinion")
_CHECKWORTHINESS = FEATURE_NAMES.index("checkworthiness")


@cache
def needed_cues() -> frozenset[str]:
    """The cues the shipped model gives a weight; the others need not be computed."""
    model = _model()
    used = {name for name, weight in zip(FEATURE_NAMES, model["weights"], strict=True) if weight}
    if "article_opinion" in used:
        used |= {"first_person", "modal", "opinion"}
    return frozenset(used)


def proposal_scores(features: list[list[float]]) -> list[float]:
    """The probability that a fact-checker would check each sentence."""
    bias, terms = _linear_terms()
    scores = []
    for row in features:
        z = bias
        for index, slope in terms:
            z += slope * row[index]
        scores.append(_sigmoid(z))
    return scores


@cache
def _linear_terms() -> tuple[float, tuple[tuple[int, float], ...]]:
    """The model as bias + sum of slope * cue over the cues it weighs: the standardisation
    (value - mean) / scale folded into each slope and the bias."""
    model = _model()
    bias, terms = model["bias"], []
    for index, (weight, mean, scale) in enumerate(
        zip(model["weights"], model["means"], model["scales"], strict=True)
    ):
        if weight:
            terms.append((index, weight / scale))
            bias -= weight * mean / scale
    return bias, tuple(terms)


def model_meta() -> dict:
    """How the shipped weights were chosen and what cross-validation measured."""
    return _stored()["meta"]


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
