import pytest

from claims.extraction.attribution import _not_a_claimant, attribution, expand_surname
from claims.extraction.drafting import ArticleContext

ARTICLE = (
    "Presidential adviser Mykhailo Podolyak spoke in Belarus. Reuters covered the talks. "
    "Zelenskyy Asks Putin to Meet, said a headline."
)


def attribute(sentence: str, context: ArticleContext | None = None):
    lower = sentence.lower()
    words = frozenset(lower.replace(",", " ").replace(".", " ").split())
    return attribution(sentence, lower, words, context or ArticleContext(text=ARTICLE))


@pytest.mark.parametrize(
    ("sentence", "claimant", "content"),
    [
        ("Podolyak said the talks were over.", "Mykhailo Podolyak", "the talks were over."),
        ('"The talks are over," said Podolyak.', "Mykhailo Podolyak", "The talks are over"),
        ("Reuters reports that the sides will meet.", "Reuters", "the sides will meet."),
        ("According to Eurostat, prices rose.", "Eurostat", "prices rose."),
        ("Many believe prices rose.", None, "Many believe prices rose."),
    ],
)
def test_claimant_and_content(sentence, claimant, content):
    found, text, start = attribute(sentence)
    assert (found, text) == (claimant, content)
    assert start == 0 or sentence[start:].startswith(text)


def test_he_is_the_person_named_before():
    context = ArticleContext(text=ARTICLE)
    attribute("Podolyak said the talks were over.", context)
    assert attribute("He said the talks would go on.", context)[0] == "Mykhailo Podolyak"


def test_a_surname_is_expanded_from_the_article_but_not_from_a_headline():
    assert expand_surname(ARTICLE, "Podolyak") == "Mykhailo Podolyak"
    assert expand_surname(ARTICLE, "Putin") == "Putin"


@pytest.mark.parametrize(
    ("phrase", "not_a_claimant"),
    [
        ("Cyclone Pam", True),
        ("the MV Sewol", True),
        ("Ultimately", True),
        ("Last year", True),
        # The noun at the end, the longest one included, however long the phrase before it.
        ("the crew of the two American aircraft carriers", True),
        ("A spokesman for the navy aboard the frigate", True),
        ("the navy's submarine", True),
        ("the ship's captain", False),
        ("the superstorm", False),
        ("Britain's Storm Centre chief", False),
        ("Prime Minister Boris Johnson", False),
    ],
)
def test_storms_ships_dates_and_adverbs_are_no_claimants(phrase, not_a_claimant):
    assert _not_a_claimant(phrase) is not_a_claimant
