from tests.extraction.growth import growth_factor


def _linear(text: str) -> int:
    return sum(1 for character in text if character == "1")


def _quadratic(text: str) -> int:
    # Rescans the rest of the text at every digit, as a backtracking pattern would.
    return sum(text.count("1", index) for index, c in enumerate(text) if c == "1")


def test_growth_factor_tells_linear_from_quadratic_work():
    text = "1 " * 20_000
    assert growth_factor(_linear, text) < 8
    assert growth_factor(_quadratic, text) > 8
