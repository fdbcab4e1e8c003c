"""Drafts that stand alone and keep their speaker (issue 17, points 4 and 5)."""

import pytest

from claims.extraction.drafting import ArticleContext, draft_claim


def draft_in(article: str, sentence: str):
    """Draft ``sentence`` of ``article`` with the article as context, the sentences before it
    drafted first, as the pipeline does."""
    context = ArticleContext(text=article)
    at = article.index(sentence)
    return draft_claim(sentence, offset=at, context=context)


@pytest.mark.parametrize(
    ("article", "sentence", "expected"),
    [
        (
            "Mr Lewis told MPs the fire industry should market sprinklers. "
            "Brandon Lewis was housing minister at the time. "
            "He has since been promoted to immigration minister.",
            "He has since been promoted to immigration minister.",
            "Brandon Lewis has since been promoted to immigration minister",
        ),
        (
            "Police arrested Keith Gill on Monday. Gill said nothing. "
            "His lawyer filed a complaint on Tuesday.",
            "His lawyer filed a complaint on Tuesday.",
            "Keith Gill's lawyer filed a complaint on Tuesday",
        ),
        (
            "Senator Maria Lopez visited the plant. She's been a critic of the project since 2019.",
            "She's been a critic of the project since 2019.",
            "Maria Lopez has been a critic of the project since 2019",
        ),
    ],
)
def test_a_leading_he_or_she_names_the_person_of_the_sentences_before(article, sentence, expected):
    assert draft_in(article, sentence).text == expected


@pytest.mark.parametrize(
    ("article", "sentence", "claimant"),
    [
        (
            "Chas Roy-Chowdhury said the change was unfair. Matthew Taylor, head of the Royal "
            "Society of Arts, is due to produce a report. He has already said that the Treasury "
            "is missing out on millions of pounds.",
            "He has already said that the Treasury is missing out on millions of pounds.",
            "Matthew Taylor",
        ),
        (
            "The union said 300 jobs were at risk. Sarah Jones, the chief executive of the "
            "charity, visited the site. She said that 40 jobs would go.",
            "She said that 40 jobs would go.",
            "Sarah Jones",
        ),
        (
            "Officials said the road was closed. Tom Baker, 25, was arrested on Monday. He told "
            "the court that he had been in London.",
            "He told the court that he had been in London.",
            "Tom Baker",
        ),
        (
            "Critics said the plan would fail. Anna Lee, a former minister, wrote the review. "
            "She said that prices rose by 5% in a year.",
            "She said that prices rose by 5% in a year.",
            "Anna Lee",
        ),
    ],
)
def test_he_or_she_is_the_person_a_role_or_an_age_presents_in_the_sentence_before(
    article, sentence, claimant
):
    """A name followed by its role ("head of", "a former minister") or an age names a person,
    though the article never uses the surname alone: "he" is that person, not the last one
    quoted."""
    assert draft_in(article, sentence).claimant == claimant


@pytest.mark.parametrize(
    ("article", "sentence", "expected"),
    [
        (
            "UK Sport is funded by the National Lottery. "
            "It redistributes more than 90 per cent of its income to sport.",
            "It redistributes more than 90 per cent of its income to sport.",
            "UK Sport redistributes more than 90 per cent of its income to sport",
        ),
        (
            "The Mississippi River has risen for a week. It is projected to rise 12 feet today.",
            "It is projected to rise 12 feet today.",
            "The Mississippi River is projected to rise 12 feet today",
        ),
        (
            "The glaciers are melting fast. They have lost 90% of their mass since 1900.",
            "They have lost 90% of their mass since 1900.",
            "The glaciers have lost 90% of their mass since 1900",
        ),
    ],
)
def test_a_leading_it_or_they_is_the_subject_of_the_previous_sentence(article, sentence, expected):
    assert draft_in(article, sentence).text == expected


@pytest.mark.parametrize(
    ("article", "sentence"),
    [
        # Two people: the previous sentence's subject is a role, not a name.
        (
            "Elizabeth Duff said the study was flawed. The spokesman highlighted a study. "
            "But he refused to acknowledge other research.",
            "But he refused to acknowledge other research.",
        ),
        # "It" that anticipates a clause stands for nothing.
        (
            "UK Sport is funded by the lottery. It is easy to forget how much it gives.",
            "It is easy to forget how much it gives.",
        ),
        (
            "The Senate met in Washington. It was December 1984, and the vote was close.",
            "It was December 1984, and the vote was close.",
        ),
        # "It" never stands for a person, "They" never for a singular thing.
        (
            "Angela Merkel spoke in Berlin. It was the first speech in a year.",
            "It was the first speech in a year.",
        ),
        (
            "UK Sport is funded by the lottery. They spent 12 million on rowing.",
            "They spent 12 million on rowing.",
        ),
        # A place is no person: "New York" is not "he".
        (
            "New York City has 8 million people. He said it was the largest city.",
            "He said it was the largest city.",
        ),
    ],
)
def test_a_pronoun_stays_when_the_sentences_before_do_not_name_it_safely(article, sentence):
    text = draft_in(article, sentence).text
    assert text.split()[0] in {"He", "She", "It", "They", "It's"}, text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Mr Hollobone said he expected the result would be reflected nationwide.",
            "Hollobone said that he expected the result would be reflected nationwide",
        ),
        (
            "The Commission said it agreed that more needed to be done.",
            "Commission said that it agreed that more needed to be done",
        ),
        (
            "Slovenian ministers say they will accept asylum seekers.",
            "Slovenian ministers said that they will accept asylum seekers",
        ),
        (
            "France's Foreign Minister Laurent Fabius said his country was justified in acting.",
            "Laurent Fabius said that his country was justified in acting",
        ),
    ],
)
def test_reported_speech_opening_with_a_pronoun_keeps_its_speaker(sentence, expected):
    assert draft_claim(sentence).text == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "At the rate of state aid funding, it would take 12 years to replace the money, "
            "Sondy Pope said.",
            "Sondy Pope said that at the rate of state aid funding",
        ),
        (
            '"It\'s easy to forget how devastating measles can be," Matt Hancock said.',
            "Matt Hancock said that it's easy to forget how devastating measles can be",
        ),
        (
            "If emissions continue at the same rate, Vladimir Romanovsky said, temperatures "
            "will rise above freezing.",
            "Vladimir Romanovsky said that if emissions continue at the same rate",
        ),
        (
            "NASA warned that the ice sheet will lose 10% of its mass.",
            "NASA warned that the ice sheet will lose 10% of its mass",
        ),
    ],
)
def test_the_reported_statement_is_lower_case_after_that_unless_it_is_a_name(sentence, expected):
    assert draft_claim(sentence).text.startswith(expected)


@pytest.mark.parametrize(
    "sentence",
    [
        "Many migrants told the Daily Mail the closure meant they would try again.",
        "The minister told Reuters that the closure would last a year.",
        "A million-dollar study told us that after the law, costs will go up by more than 30%.",
    ],
)
def test_the_audience_of_told_is_not_part_of_the_draft(sentence):
    text = draft_claim(sentence).text
    assert "told that" not in text
    assert "Daily Mail the" not in text
    assert "Reuters that" not in text


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        ("Yet, according to NOAA, the difference was only 0.9F.", "NOAA"),
        (
            "The original intent, according to the UN Convention on Narcotic Drugs, was health.",
            "UN Convention on Narcotic Drugs",
        ),
        (
            "The Association of Police and Crime Commissioners has previously said a new law is "
            "needed.",
            "Association of Police and Crime Commissioners",
        ),
        ("Scotland and Wales have said they do not want the changes.", "Scotland and Wales"),
        (
            "Then, in 1976, a study published in the journal Science confirmed that the theory "
            "is accurate.",
            "A study",
        ),
        (
            "A million-dollar study commissioned by the administration of former Gov. Jim Doyle "
            "told us that costs will go up by more than 30%.",
            "A million-dollar study",
        ),
        (
            "The 60-member team on the Akademik Keldysh believe they are the first to confirm "
            "the methane release.",
            "The 60-member team",
        ),
        (
            "PILF President and General Counsel J. Christian Adams said 24 states had bloated "
            "voter rolls.",
            "J. Christian Adams",
        ),
    ],
)
def test_claimants_are_the_organisation_or_person_that_speaks(sentence, claimant):
    context = ArticleContext(text=sentence)
    found = draft_claim(sentence, context=context).claimant or ""
    assert found == claimant or found.endswith(claimant)


@pytest.mark.parametrize(
    "sentence",
    [
        "Further, because of these erroneous claims, an amendment was added to the bill.",
        "But recent examples from other regions, like the ice shelf on the Antarctic Peninsula, "
        "show that glaciers flow faster.",
        "In 2015, Dr. Rahmstorf published a paper arguing that the AMOC had weakened, a slowdown "
        "they said was unprecedented.",
        "Last year, officials said, the road was closed for 3 months.",
        "Then, the minister said, the road was closed.",
        "Member states were given until September 2017, the EU said, to share out refugees.",
    ],
)
def test_claimants_are_never_a_place_an_adverb_a_date_or_a_cut_phrase(sentence):
    claimant = draft_claim(sentence, context=ArticleContext(text=sentence)).claimant or ""
    for wrong in ("Further", "Antarctic", "A slowdown", "Last year", "Then", "Member"):
        assert not claimant.startswith(wrong), claimant


@pytest.mark.parametrize(
    "sentence",
    [
        "The union leader said the plan was a disaster for patients.",
        "Critics argued that the policy is misguided and unfair.",
        "The senator believes the new law is the right decision for the state.",
        '"This is a travesty," said the head of the charity.',
    ],
)
def test_an_attributed_opinion_is_marked_as_one(sentence):
    draft = draft_claim(sentence)
    assert draft.claimant
    assert "opinion" in draft.kinds


@pytest.mark.parametrize(
    "sentence",
    [
        "The union leader said the plan would cost 40% more than promised.",
        "The ministry said 1,200 people were evacuated from the Great Barrier Reef islands.",
        "Reuters reports that the two sides agreed to meet again soon.",
        "The plan was a disaster for patients.",
        "Christopher Piecuch recently argued that the Gulf Stream along the coast has weakened.",
        "The ice is melting faster than previously thought, the researchers said.",
        "The Bow Group, a Tory think tank, said the tribunals cost the party votes.",
    ],
)
def test_a_reported_fact_or_an_unattributed_sentence_is_no_opinion(sentence):
    assert "opinion" not in draft_claim(sentence).kinds


@pytest.mark.parametrize(
    ("sentence", "start"),
    [
        (
            "Some \u2014 but not all \u2014 of the sea surface temperature anomalies are likely "
            "related to global warming.",
            "Some \u2014 but not all \u2014 of the sea surface",
        ),
        (
            "The research \u2014 published in April \u2014 has yet to be peer-reviewed by fellow "
            "scientists.",
            "The research \u2014 published in April \u2014 has yet",
        ),
        (
            "In addition to greenhouse gas emissions, thawing wreaks havoc on infrastructure, "
            "causing slumping of land.",
            "In addition to greenhouse gas emissions, thawing wreaks havoc",
        ),
        (
            "Earlier this year, the head of the Congressional Budget Office testified before "
            "Congress that the law would cost 800,000 jobs.",
            "Earlier this year, the head of the Congressional Budget Office",
        ),
    ],
)
def test_a_cut_that_leaves_a_fragment_gives_the_quote_trimmed(sentence, start):
    assert draft_claim(sentence).text.startswith(start)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Germany is at 45.4%.", "Germany is at 45.4%"),
        ("The rate is accelerating.", "The rate is accelerating"),
        ("Police reform is working, the minister said.", "Police reform is working"),
    ],
)
def test_a_short_sentence_is_no_fragment(sentence, expected):
    assert draft_claim(sentence).text == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The bill, sponsored by Sen. Mark Schoesler, R-Ritzville, would reverse a judge's "
            "order.",
            "R-",
        ),
        (
            "Last month, House Appropriations Chairman Jim Pitts, R-Waxahachie, took matters into "
            "his own hands.",
            "R-Waxahachie",
        ),
        (
            "Representative Ted Poe (R-TX) has introduced the bill in the House.",
            "(R-TX)",
        ),
        (
            "Perry blamed state Sen. Robert Duncan, R-Lubbock who chaired the committee, for the "
            "delay.",
            "R-Lubbock",
        ),
    ],
)
def test_a_party_affiliation_is_dropped_and_leaves_no_garbled_text(sentence, expected):
    text = draft_claim(sentence).text
    assert expected not in text
    assert " ," not in text
    assert ", would" not in text


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "JOHN MACDOUGALL/AFP/Getty Images Gold Jade Jones retained her Olympic title with a "
            "16-7 victory.",
            "Jade Jones retained her Olympic title with a 16-7 victory",
        ),
        (
            "Alex Livesey/Getty Images Silver Lutalo Muhammad lost out on a gold medal in the "
            "final second.",
            "Lutalo Muhammad lost out on a gold medal in the final second",
        ),
        (
            "Nick Ansell/PA Wire The committee published 12 reports last year.",
            "The committee published 12 reports last year",
        ),
    ],
)
def test_a_picture_credit_in_front_of_the_sentence_is_not_drafted(sentence, expected):
    assert draft_claim(sentence).text == expected


def test_aides_of_a_representative_are_not_his_home_town():
    sentence = (
        "Aides to state Rep. Charlie Geren, R-Fort Worth, said they were unaware of those concerns."
    )
    assert draft_claim(sentence).claimant != "R-Fort Worth"


@pytest.mark.parametrize(
    ("article", "sentence", "expected"),
    [
        (
            "The ongoing global bleaching event is the longest one ever observed. "
            "It has occurred during the warmest year on record.",
            "It has occurred during the warmest year on record.",
            "The ongoing global bleaching event has occurred during the warmest year on record",
        ),
        (
            "Buffalo Bayou, a major river near downtown Houston, is one foot above flood stage. "
            "It is projected to rise 12 feet today.",
            "It is projected to rise 12 feet today.",
            "Buffalo Bayou is projected to rise 12 feet today",
        ),
        (
            "A new study found that beef uses 20 times more land than beans. "
            "It assessed 40,000 farms in 119 countries.",
            "It assessed 40,000 farms in 119 countries.",
            "The new study assessed 40,000 farms in 119 countries",
        ),
        (
            "Critics say the bill is too broad. They also argue that it was rushed through in 2 "
            "days.",
            "They also argue that it was rushed through in 2 days.",
            "Critics also argue that it was rushed through in 2 days",
        ),
    ],
)
def test_the_subject_may_be_a_noun_phrase_or_carry_an_aside(article, sentence, expected):
    assert draft_in(article, sentence).text == expected


@pytest.mark.parametrize(
    ("article", "sentence"),
    [
        (
            "Yvette Cooper said the plan was wrong. It ignores the crisis happening in Europe.",
            "It ignores the crisis happening in Europe.",
        ),
        (
            "Germany was the biggest destination. It hosts 20% of the graduates who moved.",
            "It hosts 20% of the graduates who moved.",
        ),
        (
            "Lynda Thomas is the chief executive. It's been a privilege to work on the plan.",
            "It's been a privilege to work on the plan.",
        ),
    ],
)
def test_it_never_stands_for_a_name_that_may_be_a_persons(article, sentence):
    assert draft_in(article, sentence).text.startswith("It")


@pytest.mark.parametrize(
    ("sentence", "claimant"),
    [
        (
            "Iain Duncan Smith - one of five cabinet ministers campaigning to leave - said it "
            "misrepresented the Leave case.",
            "Iain Duncan Smith",
        ),
        (
            "However, Frances O'Grady, general secretary of the Trades Union Congress, said: "
            "The right to request guaranteed hours is no right at all.",
            "Frances O'Grady",
        ),
        (
            "However, given that half a million firms will see their rates rise by 300 per cent, "
            "the IoD believes that thousands of pubs will close.",
            "IoD",
        ),
        (
            "And Dr Taj Hassan, president of the Royal College of Emergency Medicine, said the "
            "system is on its knees.",
            "Taj Hassan",
        ),
        (
            "(Washington, DC) \u2013 Judicial Watch announced today that it has obtained 300 pages "
            "of documents.",
            "Judicial Watch",
        ),
    ],
)
def test_the_speaker_after_a_connective_a_dateline_or_an_aside(sentence, claimant):
    assert draft_claim(sentence, context=ArticleContext(text=sentence)).claimant == claimant


@pytest.mark.parametrize(
    "sentence",
    [
        "GETTY Asylum claims rose by 38 per cent to 34,687 last year.",
        "The number of Afghans lodging asylum claims is up four-fold, from 6,300 to 27,000.",
        "After publication, a number of factual claims made in the Op-Ed were found untrue.",
        "Another man fleeing Afghanistan admitted several of his friends had lied about their age.",
    ],
)
def test_a_noun_or_a_place_is_not_taken_for_a_speaker(sentence):
    claimant = draft_claim(sentence, context=ArticleContext(text=sentence)).claimant
    assert claimant is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Sturgeon said this week that schools will remain shut until February.",
            "Sturgeon said that schools will remain shut until February",
        ),
        (
            "Donald Trump announced this month he would pull the United States out of the deal.",
            "Donald Trump announced that he would pull the United States out of the deal",
        ),
        (
            "The watchdog said this was a form of rationing of police services.",
            "This was a form of rationing of police services",
        ),
    ],
)
def test_a_time_after_the_speech_verb_is_not_the_statement(sentence, expected):
    assert draft_claim(sentence).text == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Some 1 billion a year will be distributed according to the greatest need.",
        "Fees vary according to the size of the business.",
        "The money is allocated according to a formula set in 2010.",
    ],
)
def test_according_to_as_a_manner_names_no_source(sentence):
    assert draft_claim(sentence, context=ArticleContext(text=sentence)).claimant is None


@pytest.mark.parametrize(
    ("sentence", "claimants"),
    [
        (
            "By the end of the century, the World Bank has estimated, the coolest months will be "
            "warmer than the warmest months of 1990.",
            ("World Bank",),
        ),
        (
            "In its last months, the Howard government even agreed to support an emissions "
            "trading scheme.",
            ("The Howard government",),
        ),
        (
            "A hospital spokeswoman later said the number of safe discharges has increased.",
            ("A hospital spokeswoman",),
        ),
        (
            "Katherine Richardson from the University of Copenhagen, one of the authors, said the "
            "paper showed that 9 factors interact.",
            ("Katherine Richardson",),
        ),
        (
            "A statement from the National Weather Service said that flooding will continue for "
            "3 days.",
            ("A statement from the National Weather Service", "National Weather Service"),
        ),
    ],
)
def test_the_words_between_speaker_and_verb_are_not_the_speakers(sentence, claimants):
    assert draft_claim(sentence, context=ArticleContext(text=sentence)).claimant in claimants


@pytest.mark.parametrize(
    "sentence",
    [
        "An estimated 22 million legal residents in the US are without citizenship.",
        "The estimated savings after closure in June would be $1.6 million.",
        "An estimated 10 per cent of cotton buds are flushed down toilets.",
    ],
)
def test_an_estimated_figure_has_no_speaker(sentence):
    assert draft_claim(sentence, context=ArticleContext(text=sentence)).claimant is None


@pytest.mark.parametrize(
    "sentence",
    [
        "Even before Hurricane Florence made landfall, predicted damage was already being blamed "
        "on warming.",
        "After Cyclone Pam struck Vanuatu on Friday, reports said 24 people died.",
        "As the MV Sewol sank off the coast, officials said 300 people were missing.",
    ],
)
def test_a_storm_or_a_ship_named_in_the_speakers_phrase_is_not_the_claimant(sentence):
    claimant = draft_claim(sentence, context=ArticleContext(text=sentence)).claimant or ""
    assert not any(word in claimant for word in ("Florence", "Pam", "Sewol"))


@pytest.mark.parametrize(
    ("article", "sentence", "expected"),
    [
        (
            "Alcohol deaths rose in 2016. Minimum unit pricing will save lives, Ian Gilmore said.",
            "Minimum unit pricing will save lives, Ian Gilmore said.",
            "Ian Gilmore said that minimum unit pricing will save lives",
        ),
        (
            "Rail fares rose. Radical change will be required to cut fares, Rob Perrins warns.",
            "Radical change will be required to cut fares, Rob Perrins warns.",
            "Rob Perrins warns that radical change will be required to cut fares",
        ),
        (
            "Trade with Britain grew. "
            "Britain's economy will grow by 3 billion, Liz Truss predicts.",
            "Britain's economy will grow by 3 billion, Liz Truss predicts.",
            "Liz Truss predicts that Britain's economy will grow by 3 billion",
        ),
        (
            "Voters in Texas were asked. Texas will lose 2 seats, the report warned.",
            "Texas will lose 2 seats, the report warned.",
            "The report warned that Texas will lose 2 seats",
        ),
    ],
)
def test_the_statement_after_that_keeps_a_capital_only_for_a_name(article, sentence, expected):
    assert draft_in(article, sentence).text == expected
