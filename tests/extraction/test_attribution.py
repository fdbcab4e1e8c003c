import pytest

from claims.extraction.attribution import attribution, expand_surname
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
