"""Drafts that keep the clause carrying the claim, not an opening phrase or an aside (issue 17,
point 5: no fragments; when unsure, the draft is the quote, trimmed)."""

import pytest

from claims.extraction import extract_claims
from claims.extraction.drafting import ArticleContext, draft_claim


def draft(sentence: str) -> str:
    return draft_claim(sentence, context=ArticleContext(text=sentence)).text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Hard evidence, including studies that use radioactivity to distinguish industrial "
            "emissions from natural emissions, shows that the extra gas is coming from human "
            "activity.",
            "Hard evidence shows that the extra gas is coming from human activity",
        ),
        (
            "Other countries, such as the EU, along with Japan and South Korea, are preparing "
            "trade agreements with India that would restrict the production of cheap medicines.",
            "Other countries are preparing trade agreements with India that would restrict the "
            "production of cheap medicines",
        ),
        (
            "The tropical storm, feeding off this unusual warmth, was able to progress from a "
            "tropical depression to a category-four hurricane in roughly 48 hours.",
            "The tropical storm was able to progress from a tropical depression to a "
            "category-four hurricane in roughly 48 hours",
        ),
        (
            "Chief executives of some of the biggest chains, along with politicians from all "
            "parties, demand reform as they warn that sky-high rates are stifling investment in "
            "the high street.",
            "Chief executives of some of the biggest chains demand reform",
        ),
    ],
)
def test_an_aside_of_examples_or_a_participle_goes_not_the_verb(sentence, expected):
    assert draft(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Leading corporations, including large manufacturers like carmakers, are starting "
            "to demand clean energy for their operations.",
            "Leading corporations are starting to demand clean energy for their operations",
        ),
        (
            "Rising prices, such as those of bread and milk in the shops of the north, have "
            "pushed inflation to a level not seen for a decade in the region.",
            "Rising prices have pushed inflation to a level not seen for a decade in the region",
        ),
        (
            "Instead of negotiating over climate change policies and trying to make them more "
            "market-oriented, some political conservatives have taken the approach of blocking "
            "them.",
            "Some political conservatives have taken the approach of blocking them",
        ),
    ],
)
def test_a_subject_is_not_dropped_as_an_opening_phrase(sentence, expected):
    assert draft(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "While the worst-case scenario says 3 billion people may be impacted, more likely "
            "scenarios from the study show that at least one billion people will be affected by "
            "2070.",
            "More likely scenarios from the study show that at least one billion people will be "
            "affected by 2070",
        ),
        (
            "But, following a raft of changes to the benefits system designed to incentivise "
            "work, the number of children growing up in homes in which nobody has a job has "
            "plummeted by 478,000.",
            "The number of children growing up in homes in which nobody has a job has plummeted "
            "by 478,000",
        ),
        (
            "Even before Hurricane Florence made landfall somewhere near the border of North and "
            "South Carolina, predicted damage from catastrophic flooding was already being "
            "blamed on global warming.",
            "Predicted damage from catastrophic flooding was already being blamed on global "
            "warming",
        ),
        (
            "Along with other small island countries, some of which were affected by the same "
            "cyclone, Vanuatu has lobbied the U.N. in favor of steep cuts in greenhouse gas "
            "emissions.",
            "Vanuatu has lobbied the U.N. in favor of steep cuts in greenhouse gas emissions",
        ),
    ],
)
def test_a_draft_that_would_be_only_an_opening_clause_is_the_main_clause(sentence, expected):
    assert draft(sentence) == expected


def test_an_adverb_between_commas_does_not_hide_the_opening_clause():
    sentence = (
        "Because of sea level rise, for instance, some 83,000 more residents of New York and New "
        "Jersey were flooded during Hurricane Sandy than would have been the case in a stable "
        "climate, scientists have calculated."
    )
    assert draft(sentence).startswith("Some 83,000 more residents of New York")


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        # A condition is part of the claim: the clause after it is not true without it.
        (
            "If greenhouse gas emissions continue unchecked, scientists say, the global warming "
            "could ultimately exceed 8 degrees Fahrenheit, which would undermine the planet's "
            "capacity to support a large human population.",
            "If greenhouse gas emissions continue unchecked",
        ),
        (
            "Even if emissions stopped tomorrow across the whole of the industrialised world, 15 "
            "or 20 feet of sea level rise is already inevitable for the coastal cities.",
            "Even if emissions stopped tomorrow",
        ),
        # A phrase closed inside the draft already has its clause; what follows is an aside.
        (
            "In 2013-14, 68 people took their own lives within two days of being arrested or "
            "detained by the police, the highest figure for a decade.",
            "In 2013-14, 68 people took their own lives",
        ),
        (
            "Unfortunately, because of back to back mass bleaching events, scientists are telling "
            "us that the massive, impressive Great Barrier Reef is now at a terminal stage, with "
            "large portions having no hope of recovery.",
            "Because of back to back mass bleaching events, scientists are telling us",
        ),
        (
            "Combined with the mass bleaching event, the arrival of Tropical Cyclone Debbie "
            "added to the devastation, as it struck a section of the reef that had escaped.",
            "Combined with the mass bleaching event, the arrival of Tropical Cyclone Debbie",
        ),
    ],
)
def test_a_condition_or_a_complete_clause_is_kept(sentence, start):
    assert draft(sentence).startswith(start)


@pytest.mark.parametrize(
    ("article", "sentence", "expected"),
    [
        (
            "Polar bears have long been mascots for the effects of climate change. They are "
            "often the first to feel the impacts of warming temperatures.",
            "They are often the first to feel the impacts of warming temperatures.",
            "Polar bears are often the first to feel the impacts of warming temperatures",
        ),
        (
            "Electric cars are improving fast. They now make up 14% of new car sales in Europe.",
            "They now make up 14% of new car sales in Europe.",
            "Electric cars now make up 14% of new car sales in Europe",
        ),
        (
            "Junior doctors have voted to strike. They say their pay has fallen by 26% since 2008.",
            "They say their pay has fallen by 26% since 2008.",
            "Junior doctors' pay has fallen by 26% since 2008",
        ),
    ],
)
def test_they_names_a_plural_subject_without_a_determiner(article, sentence, expected):
    context = ArticleContext(text=article)
    assert draft_claim(sentence, offset=article.index(sentence), context=context).text == expected


@pytest.mark.parametrize(
    ("article", "sentence"),
    [
        # "It" is never a plural; a singular name may be a person's.
        (
            "Polar bears have long been mascots for the effects of climate change. It is often "
            "the first to feel the impacts of warming temperatures.",
            "It is often the first to feel the impacts of warming temperatures.",
        ),
        (
            "Tom Jones has sung for sixty years. They sold 100 million records in Europe.",
            "They sold 100 million records in Europe.",
        ),
    ],
)
def test_they_and_it_stay_when_the_subject_does_not_fit(article, sentence):
    context = ArticleContext(text=article)
    text = draft_claim(sentence, offset=article.index(sentence), context=context).text
    assert text.startswith(("It", "They")), text


@pytest.mark.parametrize(
    ("sentence", "kept"),
    [
        (
            "The government paper runs through examples of other countries, such as Norway, "
            "Switzerland and Canada, who have trade deals with the EU without being members.",
            "such as Norway, Switzerland and Canada",
        ),
        (
            "Several airlines, such as Ryanair, British Airways and Wizz Air, have cancelled "
            "flights to the region this week.",
            "such as Ryanair, British Airways and Wizz Air",
        ),
        (
            "Several chains, including Toys R Us, Maplin and Poundworld, have closed hundreds of "
            "stores since January.",
            "including Toys R Us, Maplin and Poundworld",
        ),
    ],
)
def test_a_list_of_examples_is_not_cut_in_the_middle(sentence, kept):
    assert kept in draft(sentence)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The South Atlantic has become saltier in recent decades, according to a study by "
            "Chenyu Zhu at Ocean University of China and Zhengyu Liu at Nanjing Normal University, "
            "suggesting that more of the salt that once traveled north is staying in the south.",
            "The South Atlantic has become saltier in recent decades",
        ),
        (
            "Prices have risen sharply, according to figures published by the national statistics "
            "office and the central bank on Monday, suggesting inflation will stay high.",
            "Prices have risen sharply",
        ),
        (
            "The glacier is retreating fast, according to satellite images taken by the European "
            "Space Agency over the past ten years, showing a loss of ice.",
            "The glacier is retreating fast",
        ),
    ],
)
def test_according_to_is_no_participle_aside(sentence, expected):
    # The source is no aside to drop while the clause after it stays: the statement ends there.
    assert draft(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        (
            "In 2013 the All-Party Parliamentary Fire Safety and Rescue Group called for a review "
            "of safety regulation, after six people died and more than 20 were hurt in the 2009 "
            "blaze at Lakanal House in Camberwell.",
            "In 2013 the All-Party Parliamentary Fire Safety and Rescue Group called",
        ),
        (
            "In March the council closed three libraries in the north of the borough, because "
            "the budget for the service had been cut again.",
            "In March the council closed three libraries",
        ),
        (
            "During the storm the river rose by two metres in just six hours at the old bridge, "
            "before the water fell back in the night.",
            "During the storm the river rose by two metres",
        ),
    ],
)
def test_a_subordinate_clause_after_the_comma_is_not_the_main_clause(sentence, start):
    assert draft(sentence).startswith(start)


def draft_with_quantities(sentence: str) -> str:
    """The draft of a one-sentence text, its quantities found as the pipeline finds them."""
    return extract_claims(sentence)[0].text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "By the end of the century, the World Bank has estimated, the coolest months in "
            "tropical South America, Africa, and the Pacific are likely to be warmer than the "
            "warmest months at the end of the 20th century.",
            "The coolest months in tropical South America, Africa, and the Pacific are likely to "
            "be warmer than the warmest months at the end of the 20th century",
        ),
        (
            "The study found that large parts of Africa, Asia, South America, and Australia are "
            "likely to warm as much as what 20 million people already live with in places like "
            "the Sahara Desert, where the average temperature is above 29C.",
            "Large parts of Africa, Asia, South America, and Australia are likely to warm",
        ),
        (
            "The report found that hospitals in Leeds, York, Hull, and Sheffield missed the "
            "four-hour target for 40% of patients last winter, while the national average stood "
            "at 15% of patients over the same period.",
            "Hospitals in Leeds, York, Hull, and Sheffield missed the four-hour target for 40% of "
            "patients last winter",
        ),
        (
            "Farmers in Kent, Essex, and Suffolk lost crops worth £30 million in the floods of "
            "2019, and the government has so far paid out only a fraction of the compensation "
            "that was promised.",
            "Farmers in Kent, Essex, and Suffolk lost crops worth £30 million in the floods of "
            "2019",
        ),
        # No list: a comma inside a number, and "but", still end a clause.
        (
            "When the project first started in 2006, illegal crossings into the county totaled "
            "122,261, but by 2010 the number of crossings had dropped to only 5,000 in the whole "
            "of that year.",
            "When the project first started in 2006, illegal crossings into the county totaled "
            "122,261",
        ),
        (
            "When the project first started in 2006, illegal crossings into the county totaled "
            "122,261 over the year, and by 2010 the number of crossings had dropped to only 5,000 "
            "in the whole year.",
            "When the project first started in 2006, illegal crossings into the county totaled "
            "122,261 over the year",
        ),
    ],
)
def test_the_comma_before_the_last_item_of_a_list_is_no_clause_break(sentence, expected):
    """ "Africa, Asia, South America, and Australia are ...": never "And Australia are ..."
    (where the draft goes on after ``expected`` is the cut's business, tested elsewhere)."""
    draft = draft_with_quantities(sentence)
    assert draft.startswith(expected)
    assert not draft[len(expected) :].startswith((", but", ", and"))
