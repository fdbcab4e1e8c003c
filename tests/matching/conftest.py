import pytest

from claims.matching import MatchIndex, passage_vectors
from tests.matching.factchecks import FACTCHECKS


@pytest.fixture(scope="session")
def factcheck_vectors():
    return dict(zip(FACTCHECKS, passage_vectors(list(FACTCHECKS.values())), strict=True))


@pytest.fixture
def factcheck_index(factcheck_vectors):
    index = MatchIndex()
    index.add_many((key, text, factcheck_vectors[key]) for key, text in FACTCHECKS.items())
    return index
