"""A draft that opens with "This", "That", "It" ... carries the sentence before it when no rule
names what the word stands for (issue 17, point 5)."""

import pytest

from claims.extraction.antecedents import DUMMY_IT, with_sentence_before
from claims.extraction.draft_cuts import MAX_DRAFT_CHARS
from claims.extraction.drafting import ArticleContext, draft_claim, quote_draft
from claims.extraction.segmentation import segment


def drafts_in_order(article: str) -> list[str]:
    """Every sentence of ``article`` drafted in order with one context, as the pipeline does."""
    context = ArticleContext(text=article)
    return [
        draft_claim(article[span.start : span.end], offset=span.start, context=context).text
        for span in segment(article)
    ]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Deaths in police custody rose to 23 in 2016. This is the highest level since 2011.",
            "Deaths in police custody rose to 23 in 2016; this is the highest level since 2011",
        ),
        (
            "The council cut 400 jobs across its libraries last year. That would save £12m a year.",
            "The council cut 400 jobs across its libraries last year; that would save £12m a year",
        ),
        (
            "Exports of beef to China rose by 40% in 2019. These figures exclude frozen meat.",
            "Exports of beef to China rose by 40% in 2019; these figures exclude frozen meat",
        ),
        (
            "Turnout fell to 52% in the city on Thursday. It was the lowest turnout since 1992.",
            "Turnout fell to 52% in the city on Thursday; it was the lowest turnout since 1992",
        ),
        (
            "Most of the members backed the deal in a vote on Monday. "
            "They will receive a 5% rise in April.",
            "Most of the members backed the deal in a vote on Monday; "
            "they will receive a 5% rise in April",
        ),
        (
            "But the region lost 3,000 manufacturing jobs in 2018. "
            "Those losses were the worst in a decade.",
            "The region lost 3,000 manufacturing jobs in 2018; "
            "those losses were the worst in a decade",
        ),
        (
            "Rents in the capital rose by 8% in the year to March. That's twice the rate of pay.",
            "Rents in the capital rose by 8% in the year to March; that's twice the rate of pay",
        ),
    ],
)
def test_a_draft_pointing_back_carries_the_sentence_before(article, expected):
    assert drafts_in_order(article)[-1] == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Deaths in police custody rose to 23 in 2016. "
            "This was the highest number recorded since 2001, the report said.",
            "Deaths in police custody rose to 23 in 2016; "
            "this was the highest number recorded since 2001",
        ),
        (
            "The firm cut 300 jobs at its plant in March. "
            "That is the largest cut in its history, a spokesman said.",
            "The firm cut 300 jobs at its plant in March; that is the largest cut in its history",
        ),
        (
            "Prices rose by 9% in the year to May. "
            "These are the fastest rises since 1982, according to the ONS.",
            "Prices rose by 9% in the year to May; these are the fastest rises since 1982",
        ),
        (
            "Some 4,000 nurses left the NHS in 2019. "
            "Those departures cost £80m in agency staff, the union said.",
            "Some 4,000 nurses left the NHS in 2019; those departures cost £80m in agency staff",
        ),
    ],
)
def test_an_attributed_draft_pointing_back_carries_the_sentence_before(article, expected):
    """The speaker changes nothing in what "this" stands for: the claimant is kept apart."""
    assert drafts_in_order(article)[-1] == expected


@pytest.mark.parametrize(
    "article",
    [
        # The sentence before is too long for both to fit a draft: the quote stays.
        "Deaths in police custody in England and Wales rose to 23 in the year to March 2016, "
        "according to figures the Independent Office for Police Conduct published on Tuesday "
        "after a request from the home affairs committee. This is the highest level since 2011.",
        # The sentence before is a quotation: its words are someone's, not the article's.
        '"Deaths in custody rose to 23 last year," the minister said. '
        "This is the highest level since 2011.",
        # ... also without quotation marks, the speaker named after it.
        "Deaths in custody rose to 23 in 2016, he said. This is the highest level since 2011.",
        "Deaths in custody rose to 23 in 2016, the minister said. "
        "This is the highest level since 2011.",
        "Deaths in custody rose to 23 in 2016, said Jane Smith. "
        "This is the highest level since 2011.",
        "Deaths in custody rose to 23 in 2016, a spokesman for the charity told the BBC. "
        "This is the highest level since 2011.",
        # A byline or a picture credit glued to it: page furniture, not the article's claim.
        "Deaths in custody rose to 23 in 2016 By Edward Spalton. "
        "This is the highest level since 2011.",
        "Deaths in custody rose to 23 in 2016 Jane Smith / Reuters. "
        "This is the highest level since 2011.",
        # The sentence before opens with a pronoun itself: what it stands for is further back.
        "It rose to 23 deaths in custody in 2016. This is the highest level since 2011.",
        "By 2016 they had recorded 23 deaths in custody. This is the highest level since 2011.",
        # A headline in title case, even one with a full stop.
        "Deaths In Police Custody Reach Highest Level For Years. "
        "This is the highest level since 2011.",
        # Too short to carry a statement.
        "No wait, my mistake. This is the highest level since 2011.",
        # A question is no statement to carry.
        "Did deaths in custody rise to 23 in 2016? This is the highest level since 2011.",
    ],
)
def test_a_draft_pointing_back_stays_the_quote_when_the_sentence_before_cannot_carry_it(article):
    assert drafts_in_order(article)[-1] == "This is the highest level since 2011"


@pytest.mark.parametrize(
    "sentence",
    [
        "This year the council cut 400 jobs across its libraries.",
        "These days fewer than 40% of households own a landline.",
        # The time of writing, with a comma after it.
        "This summer, for instance, a heat wave in Europe reached the Arctic.",
        "This week, the council cut 400 jobs across its libraries.",
        "It is clear that the council cut 400 jobs across its libraries.",
        # "That" opening a clause: no word pointing back.
        "That the council cut 400 jobs across its libraries is no secret.",
        "That Mr Smith cut 400 jobs across the libraries surprised nobody.",
        "The council cut 400 jobs across its libraries.",
    ],
)
def test_a_draft_that_points_to_nothing_before_is_not_joined(sentence):
    article = f"Rents in the capital rose by 8% in the year to March. {sentence}"
    assert drafts_in_order(article)[-1] == sentence.rstrip(".")


def test_a_pronoun_the_sentence_before_names_is_still_replaced_not_carried():
    article = (
        "UK Sport is funded by the National Lottery. "
        "It redistributes more than 90 per cent of its income to sport."
    )
    assert drafts_in_order(article)[-1] == (
        "UK Sport redistributes more than 90 per cent of its income to sport"
    )


def test_only_the_sentence_drafted_right_before_is_carried():
    # The pipeline leaves out a sentence (a repeat, page furniture) without drafting it: the
    # sentence drafted before that one is not what "this" stands for.
    article = (
        "Deaths in police custody rose to 23 in 2016. Read more about the figures here. "
        "This is the highest level since 2011."
    )
    spans = segment(article)
    context = ArticleContext(text=article)
    first, _, last = ([article[s.start : s.end], s.start] for s in spans)
    draft_claim(first[0], offset=first[1], context=context)
    assert draft_claim(last[0], offset=last[1], context=context).text == (
        "This is the highest level since 2011"
    )


def test_a_sentence_given_its_quote_as_draft_can_still_be_carried():
    article = "Deaths in police custody rose to 23 in 2016. This is the highest level since 2011."
    spans = segment(article)
    context = ArticleContext(text=article)
    quote_draft(article[spans[0].start : spans[0].end], context, offset=spans[0].start)
    second = article[spans[1].start : spans[1].end]
    assert draft_claim(second, offset=spans[1].start, context=context).text == (
        "Deaths in police custody rose to 23 in 2016; this is the highest level since 2011"
    )


def test_the_sentence_before_is_carried_only_when_both_fit_the_limit():
    before = "Deaths in police custody rose to 23 in the year to March 2016."
    draft = "This is the highest level since 2011"
    joined = (
        "Deaths in police custody rose to 23 in the year to March 2016; "
        "this is the highest level since 2011"
    )
    assert len(joined) <= MAX_DRAFT_CHARS
    assert with_sentence_before(draft, before, len(joined)) == joined
    assert with_sentence_before(draft, before, len(joined) - 1) == draft


@pytest.mark.parametrize(
    "sentence",
    [
        "It is similar to SARS, which killed around one in 10 people.",
        "It is close to the border with Poland.",
        "It is equivalent to 2% of the national income.",
        "It is home to 3 million people.",
        "It is vulnerable to flooding from the river.",
        "It was comparable to the drought of 1976.",
    ],
)
def test_it_that_likens_or_places_a_thing_is_no_dummy_it(sentence):
    assert DUMMY_IT.match(sentence) is None


@pytest.mark.parametrize(
    "sentence",
    [
        "It is easy to forget how fast the town grew.",
        "It is important to note that the figures are provisional.",
        "It is clear that the council cut 400 jobs.",
    ],
)
def test_it_that_anticipates_a_clause_is_still_a_dummy_it(sentence):
    assert DUMMY_IT.match(sentence) is not None


def test_it_likening_a_thing_carries_the_sentence_before():
    article = (
        "The new virus spread to 30 countries in a month. It is similar to SARS in its symptoms."
    )
    assert drafts_in_order(article)[-1] == (
        "The new virus spread to 30 countries in a month; it is similar to SARS in its symptoms"
    )
