import numpy as np
import pytest

from claims.matching import train_fusion


def test_the_lower_bound_of_a_precision_is_below_it_and_closes_in_with_more_evidence():
    assert train_fusion.lower_bound(9, 10) < 0.9
    assert train_fusion.lower_bound(90, 100) < train_fusion.lower_bound(900, 1000) < 0.9
    assert train_fusion.lower_bound(1000, 1000) > 0.99
    assert train_fusion.lower_bound(0, 0) == 0.0
    # Wilson's interval, one-sided 95%: 90 of 100 right -> about 0.840.
    assert train_fusion.lower_bound(90, 100) == pytest.approx(0.840, abs=0.001)


def _rows_and_scores(labels_by_score):
    rows, scores = {}, {}
    for n, (score, label) in enumerate(labels_by_score):
        rows[f"q{n}"] = ([f"k{n}"], None, np.array([label]))
        scores[f"q{n}"] = np.array([score])
    return rows, scores


def scores_of(count):
    return [1 - i / count for i in range(count)]


def test_a_threshold_is_set_where_the_precision_holds_with_confidence_not_where_it_is_met():
    # 100 shown matches, best first: the first 50 right, then one wrong in every five.
    labels = [1] * 50 + [0 if i % 5 == 0 else 1 for i in range(50)]
    rows, scores = _rows_and_scores(list(zip(scores_of(100), labels, strict=True)))
    at_point_estimate = 0.01  # 90 of 100 right down to the last one (score 0.01)
    threshold = train_fusion.threshold_for(rows, scores, 0.9)
    assert threshold > at_point_estimate
    shown = [
        label for (score, label) in zip(scores_of(100), labels, strict=True) if score >= threshold
    ]
    assert sum(shown) / len(shown) > 0.9
    assert train_fusion.lower_bound(sum(shown), len(shown)) >= 0.9
