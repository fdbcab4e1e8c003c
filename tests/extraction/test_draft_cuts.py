"""A long draft is cut where a whole statement ends, never before its verb or inside a list.

Drafts aim at AIM_DRAFT_CHARS; a statement that only a cut inside its clause would bring down
to that is kept whole up to MAX_DRAFT_CHARS; beyond that the draft is the quote, trimmed at a
phrase boundary and marked with an ellipsis.
"""

import pytest

from claims.extraction.draft_cuts import _whole_clause, cap
from claims.extraction.drafting import AIM_DRAFT_CHARS, MAX_DRAFT_CHARS, draft_claim


def draft(sentence: str) -> str:
    return draft_claim(sentence).text


@pytest.mark.parametrize(
    ("sentence", "must_keep"),
    [
        # The verb of the second clause comes after a list inside its subject.
        (
            "One in 4 people will experience a mental health problem and the cost of mental ill "
            "health to the economy, the NHS and society as a whole is \u00a3105 billion a year.",
            "is \u00a3105 billion a year",
        ),
        (
            "Three in 10 pupils left school without a qualification and the bill for the "
            "councils, the colleges and the charities that took them in was \u00a32 billion.",
            "was \u00a32 billion",
        ),
        # "as many as", "up to": a cut there leaves a dangling quantifier.
        (
            "A Higher Education Policy Institute survey suggests as many as three-quarters of "
            "undergraduates want more information about where their fees go.",
            "quarters of undergraduates want",
        ),
        (
            "Brussels, Germany and France want to force all EU nations, including Britain, to take "
            "their share of up to 160,000 refugees.",
            "up to 160,000 refugees",
        ),
        # "and" joining two objects is no clause boundary.
        (
            "Rainsy claimed Mr Hun Sen has repeatedly refused to allow him and other leading "
            "figures of the party to return to Cambodia, saying the sentence is meant to scare.",
            "to return to Cambodia",
        ),
        # "before", "since" as adverbs close no clause.
        (
            "This phenomenon \u2013 which has never been recorded before \u2013 has occurred twice "
            "this year due to warm winds and a heatwave in the northern hemisphere.",
            "has occurred twice",
        ),
        (
            "The gap, which nobody had seen since, has widened to 40 miles in a week according to "
            "the ice service of Denmark and the Norwegian Meteorological Institute.",
            "has widened to 40 miles",
        ),
        (
            "Coral cover on the northern reef, which had recovered quickly after, has fallen by "
            "half since 2016 according to the survey of the Australian marine science institute.",
            "has fallen by half",
        ),
        # A participle or "of" needs what follows it.
        (
            "The additional funding pledge for refugee camps on the borders of Syria brings the "
            "total contribution from the UK to more than \u00a31billion, said Mr Cameron.",
            "to more than \u00a31billion",
        ),
    ],
)
def test_a_cut_never_stops_before_the_verb_or_inside_a_quantity(sentence, must_keep):
    text = draft(sentence)
    assert must_keep in text
    assert len(text) <= MAX_DRAFT_CHARS


@pytest.mark.parametrize(
    "sentence",
    [
        "Across the UK, the numbers applying to go into higher education have fallen by 5% in "
        "England, 4% in Northern Ireland, 1% in Scotland and 5% in Wales.",
        "The reports focused on judicial, parliamentary, electoral, financial, and land reform "
        "in the provinces of the north and the south of the country over a decade.",
        "Officials counted 312 deaths in Kent, 208 in Essex, 97 in Surrey and 54 in Sussex during "
        "the first wave of the outbreak last spring.",
    ],
)
def test_a_list_is_not_cut_after_one_item(sentence):
    text = draft(sentence)
    # Cut, if at all, after the list's last item, never after its first.
    assert not text.endswith(("England, 4%", "judicial", "in Kent", "parliamentary"))
    assert len(text) <= MAX_DRAFT_CHARS


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A clause boundary within the aim that leaves a whole statement is still the cut.
        (
            "Unemployment rose to 7.5% in March, the highest level since 2015, while wages fell "
            "for the third month in a row as prices of food and energy kept on climbing across "
            "the country.",
            "Unemployment rose to 7.5% in March, the highest level since 2015",
        ),
        (
            "The council closed three libraries and two swimming pools last year, but it opened "
            "a new sports centre in the north of the city that cost \u00a34 million to build and "
            "equip for its first season.",
            "The council closed three libraries and two swimming pools last year",
        ),
        (
            "Exports to China fell by 12% in the first quarter because factories in Shenzhen "
            "and Guangzhou were shut for weeks during the lockdown that followed the new "
            "outbreak of the virus in the spring.",
            "Exports to China fell by 12% in the first quarter",
        ),
    ],
)
def test_a_whole_clause_within_the_aim_is_the_cut(sentence, expected):
    assert draft(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Prime Minister has set a goal to double the proportion of those from poorer "
        "backgrounds progressing into higher education by 2020.",
        "The temperatures over the southwestern region of Europe during the last week of June "
        "were unusually high at 10C above normal.",
        "More than half of the teachers who leave teaching in England take up jobs in the "
        "education sector excluding those who leave to retire.",
    ],
)
def test_a_statement_a_little_over_the_aim_is_kept_whole(sentence):
    assert AIM_DRAFT_CHARS < len(sentence) - 1 <= MAX_DRAFT_CHARS
    assert draft(sentence) == sentence.rstrip(".")


@pytest.mark.parametrize(
    "sentence",
    [
        "During his tenure as UN Special Rapporteur for human rights he produced 4 substantive "
        "reports published by the United Nations focussing on judicial, parliamentary, "
        "electoral, and land reform in Cambodia.",
        "The decision of the court of appeal in the case of the former minister of finance of "
        "the province of Ontario over the sale of the shares of the state energy company to a "
        "private firm in 2015 was upheld.",
        "x" * 300,
    ],
)
def test_with_no_whole_statement_to_cut_at_the_draft_is_the_quote_marked_as_cut(sentence):
    text = draft(sentence)
    assert text.endswith("\u2026")
    assert len(text) <= MAX_DRAFT_CHARS


@pytest.mark.parametrize(
    ("head", "whole"),
    [
        # The last clause decides: after "and" before a lower-case subject it needs its own verb.
        ("The council closed three libraries and the mayor", False),
        ("The council closed three libraries; the mayor", False),
        ("The council closed three libraries and the mayor resigned", True),
        # "North and South": a name, no new clause; the verb before it counts.
        ("The council closed the libraries of North and South", True),
        # "X said that ...": the statement after "that" needs its own verb.
        ("The mayor said that the libraries", False),
        ("The mayor said that the libraries closed", True),
        # The first word is the subject, never the verb.
        ("Was a record high for the city", False),
    ],
)
def test_a_cut_is_whole_when_its_last_clause_has_a_verb(head, whole):
    assert _whole_clause(head) is whole


@pytest.mark.parametrize(
    "sentence",
    [
        # Two spaces make an empty word: no boundary there, nor after it.
        "The regional council closed three of its busiest libraries last year,  and the mayor "
        "said the decision would save money for schools and hospitals across the region.",
        # A clause word that the aim cuts in two ("and" of "andante") is no boundary.
        "The regional council closed three of its busiest libraries and museums last year andante "
        "and the mayor said the decision would save money for schools and hospitals everywhere.",
        # A comma at the very end of the aim.
        "The regional council closed three of its busiest libraries last year in the north, "
        "while the mayor said the decision would save money for schools and hospitals everywhere.",
    ],
)
def test_a_cut_lands_on_a_word_boundary_with_a_whole_clause(sentence):
    capped = cap(sentence)
    assert len(capped) <= MAX_DRAFT_CHARS
    if not capped.endswith("\u2026"):
        assert sentence.startswith(capped)
        assert sentence[len(capped) : len(capped) + 1] in {"", " ", ",", ";", ":"}
        assert capped == sentence or _whole_clause(capped)
