import pytest

from claims.matching.metrics import average_precision, reciprocal_rank, summary


def test_average_precision_at_5_divides_by_the_number_of_relevant_claims():
    assert average_precision(["a", "x", "b"], {"a", "b"}) == pytest.approx((1 + 2 / 3) / 2)
    assert average_precision(["x", "a"], {"a"}) == pytest.approx(0.5)
    # A relevant claim below rank 5 counts for nothing but still divides.
    assert average_precision(["x1", "x2", "x3", "x4", "x5", "a"], {"a"}) == 0.0
    assert average_precision(["a", "x"], {"a", "b"}) == pytest.approx(0.5)


def test_reciprocal_rank_is_one_over_the_first_relevant_rank():
    assert reciprocal_rank(["x", "y", "a"], {"a"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x"], {"a"}) == 0.0


def test_summary_counts_a_query_without_ranking_as_a_miss():
    figures = summary({"q1": ["a"], "q2": ["x", "b"]}, {"q1": {"a"}, "q2": {"b"}, "q3": {"c"}})
    assert figures == {"map@5": 0.5, "mrr": 0.5, "p@1": pytest.approx(0.3333), "queries": 3}
