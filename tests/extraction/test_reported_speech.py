"""Who said it, read from the shapes British and American papers use (issue 17, point 4).

Each rule is checked on several wordings, not only the one of the article it came from.
"""

import pytest

from claims.extraction.attribution import expand_surname
from claims.extraction.drafting import (
    ArticleContext,
    _single_quotes,
    draft_claim,
    is_reported_opinion,
)


def draft_alone(sentence: str):
    """Draft ``sentence`` as an article of its own."""
    return draft_claim(sentence, context=ArticleContext(text=sentence))


def draft_in(article: str, sentence: str):
    """Draft ``sentence`` of ``article``, the sentences before it drafted first."""
    context = ArticleContext(text=article)
    at = article.index(sentence)
    for before in article[:at].split(". "):
        if before.strip():
            draft_claim(before, offset=article.index(before), context=context)
    return draft_claim(sentence, offset=at, context=context)


@pytest.mark.parametrize(
    ("article", "sentence", "claimant"),
    [
        (
            "Sean Rigg and Olaseni Lewis died in custody. Ajibola Lewis, the mother of Olaseni "
            'Lewis, said families should have been consulted. Lewis added: "We find repeated '
            'failures on the part of the agencies of the state."',
            'Lewis added: "We find repeated failures on the part of the agencies of the state."',
            "Ajibola Lewis",
        ),
        (
            "John Smith founded the firm in 1990. Mary Smith, its chief executive, said profits "
            "rose by 5% last year. Smith said the firm would hire 300 people next year.",
            "Smith said the firm would hire 300 people next year.",
            "Mary Smith",
        ),
        (
            "Anna Berg lost the vote. Tom Berg, her brother, told the court the will was forged. "
            "Berg said the signature was added in 2019.",
            "Berg said the signature was added in 2019.",
            "Tom Berg",
        ),
    ],
)
def test_a_surname_is_the_speaker_just_quoted(article, sentence, claimant):
    assert draft_in(article, sentence).claimant == claimant


def test_a_surname_takes_the_form_the_article_uses_most():
    article = (
        "PM stands by Sajd Javid after dossier. Sajid Javid was facing a revolt. Communities "
        "Secretary Sajid Javid wrote to MPs. Mr Javid said rates would fall."
    )
    assert expand_surname(article, "Javid") == "Sajid Javid"
    # A word that ends a longer name there is no surname: "Government" of "Communities and
    # Local Government", "Post" of "Office of Road Post"; "The Washington Post" is a fuller form.
    article = "The Department for Communities and Local Government said. The Government insists."
    assert expand_surname(article, "Government") == "Government"
    article = "The Office of Road Post said. The Post insists."
    assert expand_surname(article, "Post") == "Post"
    article = "It was first reported in the Washington Post. The Post also reported the figures."
    assert expand_surname(article, "Post") == "Washington Post"


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "Marten Scheffer of Wageningen University in the Netherlands, an ecologist, told the "
            "Associated Press the projections are unlivable.",
            "Marten Scheffer",
        ),
        (
            "Jane Doe of the Grantham Institute in the United Kingdom said the ice sheet lost 5% "
            "of its mass.",
            "Jane Doe",
        ),
        ("The US Embassy in the Philippines said the visa rules would change.", "US Embassy"),
        (
            "Yesterday another ratings specialist said thousands of firms will not benefit.",
            "Another ratings specialist",
        ),
        (
            "Last night a government spokesman said the figures were wrong.",
            "A government spokesman",
        ),
        (
            "Even then, the report found that polar bears were moving from ice to land earlier.",
            "The report",
        ),
        ("On Monday the ministry said 40 schools would close.", "The ministry"),
        (
            "Lobby groups \u2013 including the Institute of Directors and the British Retail "
            "Consortium \u2013 said many firms will go bust.",
            "Lobby groups",
        ),
        (
            "President Trump has sometimes claimed that scientists are engaged in a hoax.",
            "Trump",
        ),
    ],
)
def test_the_speaker_is_not_a_place_a_time_or_an_aside(sentence, claimant):
    found = draft_alone(sentence).claimant or ""
    assert found == claimant or found.endswith(claimant), found


@pytest.mark.parametrize(
    "sentence",
    [
        "Mr Javid's letter \u2013 also signed by David Gauke \u2013 said rates would fall in 250 "
        "areas.",
        "The Institute of Directors described Mr Javid's failure as 'disingenuous' and warned "
        "that 'tens of thousands' could go bust.",
        "The minister's report said 3,000 jobs were lost.",
    ],
)
def test_a_possessive_is_never_the_claimant(sentence):
    claimant = draft_alone(sentence).claimant or ""
    assert not claimant.endswith(("'s", "Javid", "minister's")), claimant


@pytest.mark.parametrize(
    "sentence",
    [
        "The Department for Communities last night rejected claims that the figures were "
        "misleading.",
        "The company dismissed reports that it would cut 500 jobs.",
        "Amid claims that the vote was rigged, the count resumed on Monday.",
        "Mr Javid is facing claims from Tory colleagues that he is spinning the numbers.",
    ],
)
def test_claims_and_reports_after_a_verb_or_preposition_are_nouns(sentence):
    draft = draft_alone(sentence)
    # Nobody claimed or reported the content: the draft keeps the denial, with no claimant.
    assert draft.claimant is None
    assert draft.text.startswith(sentence[:12])


@pytest.mark.parametrize(
    ("article", "sentence", "claimant", "text"),
    [
        (
            "Grant Shapps attacked the figures. Mr Shapps is a former minister. 'I'm "
            "disappointed that the figures did not set out the position,' he said.",
            "'I'm disappointed that the figures did not set out the position,' he said.",
            "Grant Shapps",
            'Grant Shapps said: "I\'m disappointed that the figures did not set out the position"',
        ),
        (
            "Rates rose. 'The tax bill will be the single biggest blow to shops,' said Mary "
            "Portas.",
            "'The tax bill will be the single biggest blow to shops,' said Mary Portas.",
            "Mary Portas",
            "Mary Portas said that the tax bill will be the single biggest blow to shops",
        ),
        (
            "Rates rose. Tesco chief executive Dave Lewis said: 'UK retail is the most "
            "employment-dense sector of the economy.'",
            "Tesco chief executive Dave Lewis said: 'UK retail is the most employment-dense "
            "sector of the economy.'",
            "Dave Lewis",
            "UK retail is the most employment-dense sector of the economy",
        ),
    ],
)
def test_a_quotation_in_single_marks_is_read_as_one(article, sentence, claimant, text):
    draft = draft_in(article, sentence)
    assert (draft.claimant, draft.text) == (claimant, text)


def test_a_paragraph_that_goes_on_quoting_in_single_marks_keeps_the_speaker():
    article = (
        "Tim Farron, the Liberal Democrat leader, said: 'Sajid Javid complained about half "
        "truths.' 'While they put out data strewn with errors, small businesses are panicking.'"
    )
    context = ArticleContext(text=article)
    first, second = article.split(" 'While")
    draft_claim(first, context=context)
    draft = draft_claim("'While" + second, offset=len(first) + 1, context=context)
    assert draft.claimant == "Tim Farron"


@pytest.mark.parametrize(
    "sentence",
    [
        "The teachers' union said pay rose 2% this year.",
        "They've said the plan costs \u00a34bn, the Treasury's figures show.",
        "Critics call it the 'bedroom tax' and say 600,000 people pay it.",
    ],
)
def test_apostrophes_and_scare_quotes_are_no_quotation(sentence):
    draft = draft_alone(sentence)
    assert '"' not in draft.text
    assert "quote" not in draft.kinds


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        (
            "The British Retail Consortium said in a statement: 'No one is a winner from this "
            "revaluation.'",
            "No one is a winner from this revaluation",
        ),
        (
            'The ministry said in a statement on Monday: "The bridge reopened in May."',
            "The bridge reopened in May",
        ),
        (
            "The charity wrote in a blog post that 4,000 families were waiting for homes.",
            "4,000 families were waiting for homes",
        ),
        (
            'The mayor told the BBC in an interview: "We have cut crime by 20%."',
            'The mayor said: "We have cut crime by 20%"',
        ),
    ],
)
def test_where_it_was_said_is_not_part_of_what_was_said(sentence, text):
    assert draft_alone(sentence).text == text


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "Large areas of the planet would heat to barely survivable levels, Scheffer told "
            "USA Today.",
            "Scheffer",
        ),
        ("The hospital will close 40 beds next year, the manager told reporters.", "The manager"),
        ("Prices rose 5% in March, the minister told the BBC on Monday.", "The minister"),
        (
            "The world would achieve 18% of the mitigation needed by 2030, the group of 40 "
            "scientists, spanning five countries, said in a statement.",
            "The group of 40 scientists",
        ),
    ],
)
def test_a_speaker_after_the_statement_may_name_an_audience_or_an_aside(sentence, claimant):
    assert draft_alone(sentence).claimant == claimant


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        (
            "Lobby groups \u2013 including the Institute of Directors \u2013 have never suggested "
            "that hundreds of thousands of firms will go bust.",
            "Lobby groups have never suggested that",
        ),
        (
            "The minister has not claimed that the hospital will close next year.",
            "The minister has not claimed",
        ),
        ("Officials never said that 3,000 jobs would go.", "Officials never said"),
    ],
)
def test_what_a_speaker_did_not_say_is_not_drafted_as_said(sentence, start):
    assert draft_alone(sentence).text.startswith(start)


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        (
            "The analysis says the constituency will see a 15.75 per cent increase, rather "
            "than a 8.3 per cent rise claimed in the list.",
            "The analysis says that",
        ),
        (
            "The union said workers must get a 5% rise, as the minister promised last year.",
            "The union said that",
        ),
        (
            "The report says prices will rise 3%, which the minister denied and others warned.",
            "The report says that",
        ),
    ],
)
def test_the_verb_of_a_draft_is_the_speaker_s_not_one_inside_the_statement(sentence, text):
    draft = draft_alone(sentence)
    assert draft.text.startswith(text), draft.text


def test_an_unclosed_quotation_after_a_colon_is_what_the_speaker_said():
    sentence = (
        "Jerry Schurder, head of business rates at Gerald Eve, said last night: 'The figures "
        "provided to Tory MPs show that the department is living in a parallel universe, one "
        "where there is no inflation."
    )
    draft = draft_alone(sentence)
    assert draft.claimant == "Jerry Schurder"
    assert draft.text.startswith("The figures provided to Tory MPs show")


@pytest.mark.parametrize(
    ("article", "sentence", "claimant"),
    [
        (
            "The shadow health secretary, Andy Burnham, accused the Tories of breaking promises. "
            '"His plan for the NHS has failed," he said.',
            '"His plan for the NHS has failed," he said.',
            "Andy Burnham",
        ),
        (
            "The chief executive, Jane Fraser, defended the bank. "
            '"We have cut costs by 10% this year," she said.',
            '"We have cut costs by 10% this year," she said.',
            "Jane Fraser",
        ),
        (
            "Ex minister Grant Shapps accused Mr Javid of spinning the numbers. He told Sky "
            "News: 'It has been suggested this is fiscally neutral but it raises \u00a31bn.'",
            "He told Sky News: 'It has been suggested this is fiscally neutral but it raises "
            "\u00a31bn.'",
            "Grant Shapps",
        ),
        (
            "Former chancellor George Osborne spoke in Leeds on Monday. He said 40,000 jobs "
            "would move north by 2030.",
            "He said 40,000 jobs would move north by 2030.",
            "George Osborne",
        ),
        (
            "Labour MP Frank Field chairs the committee. He said 2,000 families had been "
            "sanctioned in 2016.",
            "He said 2,000 families had been sanctioned in 2016.",
            "Frank Field",
        ),
        (
            "A spokesman, Tom Hale, confirmed the figures. He said 200 staff would move to Leeds.",
            "He said 200 staff would move to Leeds.",
            "Tom Hale",
        ),
    ],
)
def test_he_or_she_after_a_role_named_in_apposition_is_that_person(article, sentence, claimant):
    assert draft_in(article, sentence).claimant == claimant


@pytest.mark.parametrize(
    "sentence",
    [
        "Ultimately, the minister said: 'We will build 300 homes.'",
        "Storm Ciara, forecasters said, will bring 80mph winds to the coast.",
        "The MV Sewol sank in 2014, the coastguard told reporters.",
        "Yesterday Cyclone Pam destroyed 90% of the crops, officials said.",
    ],
)
def test_claimants_are_still_never_a_storm_a_ship_or_an_adverb(sentence):
    claimant = draft_alone(sentence).claimant or ""
    for wrong in ("Ultimately", "Storm", "Ciara", "Sewol", "MV", "Cyclone", "Pam", "Yesterday"):
        assert wrong not in claimant, claimant
    assert claimant


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "Ms McCallion said: 'The policy was proposed in order to encourage the use of British "
            "Sign Language clapping during our democratic events.",
            "McCallion",
        ),
        ("Ms Jane Doe said the council had cut 300 jobs since 2015.", "Jane Doe"),
        ("Ms Smith told the BBC that 40 schools would close this year.", "Smith"),
    ],
)
def test_ms_is_a_title_not_a_ship(sentence, claimant):
    found = draft_alone(sentence).claimant or ""
    assert found.endswith(claimant), found


@pytest.mark.parametrize(
    "sentence",
    [
        "The MS Estonia said it was taking on water, the coastguard reported.",
        "The SS Great Britain said in a statement that 200,000 people visited in 2019.",
        "HMS Defender said the ship had sailed 12 miles off the coast.",
    ],
)
def test_a_ship_is_still_never_the_claimant(sentence):
    claimant = draft_alone(sentence).claimant or ""
    assert not any(name in claimant for name in ("Estonia", "Great Britain", "Defender"))


# "announced", "maintains", "adds": reported speech before a statement ("that", a colon, a
# clause with its own subject), an action before an object.
@pytest.mark.parametrize(
    "sentence",
    [
        "Mr Cameron announced a 15 per cent increase in the staff of the security agencies.",
        "Hungary has announced plans to build a fence along the Croatian border.",
        "Ken Cuccinelli announced on Monday a new requirement that limits legal migrants.",
        "The Duke of Edinburgh maintains an office with a private secretary.",
        "The council maintains 300 miles of road in the county.",
        "The measure also adds burqas to a law that bans face coverings in public.",
        "The growth of a compensation culture has added a further \u00a325billion in costs.",
        # "at the" is no "he": a clause is looked for at a word's start only.
        "The same goes for the access to telemedicine announced at the federal level.",
    ],
)
def test_announced_maintains_adds_before_an_object_are_no_quotation(sentence):
    draft = draft_claim(sentence)
    assert draft.claimant is None
    assert " that " not in draft.text or " that " in sentence
    assert draft.text.split()[0] == sentence.split()[0]


@pytest.mark.parametrize(
    ("sentence", "claimant", "expected"),
    [
        (
            "Chancellor Philip Hammond announced in the Budget that the rate would rise to 10%.",
            "Philip Hammond",
            "Philip Hammond announced that the rate would rise to 10%",
        ),
        (
            "President Trump announced this month he would pull the United States out of the deal.",
            "Trump",
            "Trump announced that he would pull the United States out of the deal",
        ),
        (
            "David Cameron has announced the UK will shelter 20,000 vulnerable Syrians.",
            "David Cameron",
            "David Cameron announced that the UK will shelter 20,000 vulnerable Syrians",
        ),
        (
            "Putin maintained on Monday that Russia had no plans to invade.",
            "Putin",
            "Putin maintained that Russia had no plans to invade",
        ),
        (
            "The council maintains that 300 miles of road are in poor repair.",
            "The council",
            "The council maintains that 300 miles of road are in poor repair",
        ),
        (
            "The assessment added that summer temperatures will rise by 2C by 2050.",
            "The assessment",
            "The assessment added that summer temperatures will rise by 2C by 2050",
        ),
    ],
)
def test_announced_maintains_adds_before_a_statement_are_reported_speech(
    sentence, claimant, expected
):
    draft = draft_claim(sentence)
    assert draft.claimant == claimant
    assert draft.text == expected


def test_a_quotation_then_adds_keeps_its_speaker():
    draft = draft_claim('"The figures were wrong by at least 20%," Sally Hunt adds.')
    assert draft.claimant == "Sally Hunt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'The tax is unfair,' he said.", '"The tax is unfair," he said.'),
        ("He said: 'The tax is unfair.'", 'He said: "The tax is unfair."'),
        ("He said:\t'2,000 jobs will go,' and left.", 'He said:\t"2,000 jobs will go," and left.'),
        ("'It is the teachers' pay that matters", "\"It is the teachers' pay that matters"),
        # Apostrophes only: no quotation.
        ("The teachers' union said they've won.", "The teachers' union said they've won."),
        ("He said 'the tax is unfair.'", "He said 'the tax is unfair.'"),
    ],
)
def test_single_marks_become_double_ones_only_around_a_quotation(text, expected):
    assert _single_quotes(text) == expected


@pytest.mark.parametrize(
    ("content", "opinion"),
    [
        ("the plan was a disaster", True),
        ("the plan was disastrous", True),
        ("the vote was a disgrace", True),
        ("the vote was disgraceful", True),
        ("it was a scandal", True),
        ("it was scandalous", True),
        ("scrapping the tax was the right decision", True),
        ("scrapping the tax was a mistake", True),
        # Whole words only, lower case only.
        ("the disgraced minister resigned in 2019", False),
        ("the Great Barrier Reef lost half its coral", False),
        ("the greatest loss was in 2019", False),
    ],
)
def test_an_evaluative_word_makes_a_reported_statement_an_opinion(content, opinion):
    assert is_reported_opinion(f"The minister said {content}.", content) is opinion


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        # An adverb between the verb and "that" is how it was said, not what.
        (
            "Rashad Robinson argues powerfully that corporations play a central role in racism.",
            "Rashad Robinson argues that corporations play a central role in racism",
        ),
        (
            "The minister said repeatedly that 300 new schools had been built since 2010.",
            "300 new schools had been built since 2010",
        ),
        (
            "The senator claimed falsely that crime rose by 50% last year.",
            "The senator claimed that crime rose by 50% last year",
        ),
        # "early", "late", "last" before a word that is no time start the statement.
        (
            "Officials said early estimates showed 40 homes were damaged.",
            "Early estimates showed 40 homes were damaged",
        ),
        ("Officials said late payments had risen by 40%.", "Late payments had risen by 40%"),
        ("Police said last orders were served at 11pm.", "Last orders were served at 11pm"),
        (
            "The minister said last year's figures showed a 5% rise.",
            "Last year's figures showed a 5% rise",
        ),
        # Before a time they are when it was said.
        ("The ministry said last week that 40 schools had closed.", "40 schools had closed"),
        ("The council said early this year that rents rose by 5%.", "Rents rose by 5%"),
    ],
)
def test_how_or_when_it_was_said_is_not_the_statement_but_an_adjective_is(sentence, text):
    assert draft_alone(sentence).text == text


@pytest.mark.parametrize(
    ("sentence", "claimant", "text"),
    [
        (
            "In his speech at the Valdai club last Thursday, Putin said, among other things, that "
            "Russia's concept is retaliation against the aggressor.",
            "Putin",
            "Russia's concept is retaliation against the aggressor",
        ),
        (
            "At a press conference in Kyiv, the minister added, in a statement, that 300 soldiers "
            "had died.",
            "The minister",
            "300 soldiers had died",
        ),
        (
            "Speaking on Monday, the company said, for the first time, that 2,000 jobs would go.",
            "The company",
            "The company said that 2,000 jobs would go",
        ),
    ],
)
def test_an_aside_after_the_speech_verb_then_that_leaves_the_statement(sentence, claimant, text):
    draft = draft_alone(sentence)
    assert draft.claimant == claimant
    assert draft.text == text


@pytest.mark.parametrize(
    "sentence",
    [
        "He told critics to stop blaming Hungary for the crisis.",
        "The minister told councils to cut spending by 10% next year.",
        "The mayor warned residents not to drink tap water after 40 people fell ill.",
        "Unions urged the government to raise pay by 5%.",
    ],
)
def test_an_order_or_a_request_is_no_reported_statement(sentence):
    """ "told critics to stop ...": what follows is what they were told to do, not a claim
    somebody made; the draft keeps the sentence's own subject and verb."""
    draft = draft_alone(sentence)
    assert draft.text == sentence.rstrip(".")


@pytest.mark.parametrize(
    ("sentence", "claimant", "text"),
    [
        (
            "The judge told the jury that the defendant had lied about £40,000.",
            "The judge",
            "The defendant had lied about £40,000",
        ),
        (
            "The chief executive told shareholders that profits rose by 12%.",
            "The chief executive",
            "Profits rose by 12%",
        ),
        (
            "Police told residents on Monday that 40 homes had been searched.",
            "Police",
            "40 homes had been searched",
        ),
        # A modal keeps the speaker, whoever heard it.
        (
            "The minister told colleagues: 300 schools will close.",
            "The minister",
            "The minister said that 300 schools will close",
        ),
    ],
)
def test_an_audience_in_lower_case_is_not_part_of_what_was_said(sentence, claimant, text):
    draft = draft_alone(sentence)
    assert draft.claimant == claimant
    assert draft.text == text


@pytest.mark.parametrize(
    ("sentence", "claimant", "text"),
    [
        (
            "According to the OECD, which analysed data from around the world, English teenagers "
            "had the worst literacy of the 23 nations compared.",
            "OECD",
            "English teenagers had the worst literacy of the 23 nations compared",
        ),
        (
            "According to meteorologist Joe D'Aleo, who co-authored the study, the adjustments "
            "add 0.3C to the warming trend.",
            "Joe D'Aleo",
            "The adjustments add 0.3C to the warming trend",
        ),
        (
            "According to Dr Jane Smith, whose team ran the trial, 40% of patients improved.",
            "Jane Smith",
            "40% of patients improved",
        ),
        (
            "Unemployment fell to 4.1% in May, according to the ONS, which collects the figures.",
            "ONS",
            "Unemployment fell to 4.1% in May",
        ),
    ],
)
def test_a_relative_clause_on_the_source_is_not_part_of_the_claim(sentence, claimant, text):
    """ "According to X, who ...,": what the clause says is about the source."""
    draft = draft_alone(sentence)
    assert draft.claimant == claimant
    assert draft.text == text
