import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction import furniture
from claims.extraction.furniture import (
    FEATURE_NAMES,
    glued_credit_gaps,
    is_conditional,
    is_imperative,
    is_quoted_opinion,
    looks_like_furniture,
    repeated_phrase_shares,
    sentence_features,
)
from claims.extraction.pipeline import sentence_inputs
from claims.extraction.quantities import find_quantities


@pytest.mark.parametrize(
    "line",
    [
        # credits and captions, as different sites write them
        "Photo: EPA",
        "Photograph by Tom Murphy, National Geographic",
        "Credit: Nuffield Trust",
        "Image: Getty Images",
        "Picture: Alamy",
        "Getty Images",
        "AP Photo/Evan Vucci",
        "Graph showing significantly more admissions of young women than of young men.",
        "Chart showing the rise in prices since 2010",
        "Map showing where the floods hit hardest in the north of England.",
        "Oleksii Reznikov (L) shakes hands with Russian negotiators before the talks in Brest.",
        "The minister (right) greets delegates at the summit in Geneva on Monday.",
        # adverts, prompts, newsletters, legal lines
        "Advertisement",
        "Sponsored content",
        "Sign up to our free newsletter to get the latest news in your inbox.",
        "Subscribe to our daily briefing.",
        "Read more: Why the vote matters",
        "Copyright 2021 The Daily Example.",
        "\u00a9 Example Media Ltd, all rights reserved.",
        "The video will auto-play soon.",
        "This advertisement has not loaded yet, but your article continues below.",
        "Share this article in your social network",
        "Click here to read the full report.",
        "Editor\u2019s note: This article has been updated from its original version.",
        "Editor's Note: An earlier version of this story misstated the date.",
        "Editors note: this story was corrected on 3 May.",
        # notices of a change to the article
        "The article has been amended accordingly.",
        "This article was amended on 3 May 2018 to correct the spelling of a name.",
        "This story has been updated with a statement from the company.",
        "The piece was corrected on Tuesday: an earlier version gave the wrong date.",
        # a player's prompt
        "Try refreshing your browser.",
        "Please refresh the page to see this content.",
        "Refresh your browser to play the video.",
        # contact lines
        "Press office: 020 7946 0958",
        "For media enquiries contact press@example.org.",
        "Call 555-123-4567 for details.",
        "Follow us on Twitter @example",
        # questions and fragments
        "So where did the science end up?",
        "Are we in hot weather peak?",
        "But not all",
        "Getty",
    ],
)
def test_page_furniture_is_recognised_from_how_it_is_written(line):
    assert looks_like_furniture(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Unemployment rose to 7.5% in March, the statistics office said.",
        "The ministry said 12,000 people were evacuated from the coast.",
        "Sea ice in the Arctic averaged 5.17 million square miles in January.",
        "The bill has been stuck in the Senate since June.",
        "Video shows police officers pushing a protester to the ground, the lawyer said.",
        "The map showed that 40 towns had flooded, officials said.",
        # words a prompt uses, in a story's sentence
        "Russia will play a major role in the talks on the border, officials said on Monday.",
        "The app was downloaded 2 million times in May, more than any other in the store.",
        "The service had more than a million subscribers at the time, the company said.",
        "Figures showed 461,120 students had already signed up for university courses this year.",
        "The editor noted that 12 letters had been received.",
        "Getty's museum reopened in May.",
        # a report, a law or a map that was amended or updated is a story's fact
        "The report was updated in 2019 to include 40 more countries.",
        "The law has been amended twice since 1998, most recently in March.",
        "The council said its flood map had been updated after the storms.",
        "Getty's museum in Los Angeles reopened after a two-year renovation of its galleries, "
        "the foundation said on Monday, adding that 40,000 visitors had booked tickets.",
    ],
)
def test_sentences_of_the_story_are_not_furniture(sentence):
    assert not looks_like_furniture(sentence)


def test_features_follow_the_declared_names():
    row = sentence_features(
        "We should act now?", checkworthiness=0.3, quantities=[], index=0, repeated_phrases=0.0
    )
    assert len(row) == len(FEATURE_NAMES) - 3  # the article-level cues are added by proposals
    named = dict(zip(FEATURE_NAMES, row, strict=False))
    assert named["question"] == 1.0
    assert named["first_person"] > 0
    assert named["modal"] > 0
    assert named["first_sentence"] == 1.0


def test_repeated_gallery_lines_share_their_phrases_and_story_sentences_do_not():
    sentences = [
        "Women's Day: figures from history Show all 17 photos of the march",
        "The strike began in 1888 at the match factory in Bow.",
        "Women's Day: figures from history Emily Davison was killed in 1913.",
    ]
    shares = repeated_phrase_shares(sentences)
    assert shares[0] > 0.2
    assert shares[2] > 0.2
    assert shares[1] == 0.0


@pytest.mark.parametrize(
    "draft",
    [
        "Sit down with me to negotiate, just not at 30 meters",
        "Vote for change on Thursday",
        "Don't believe the polls",
        "Please stay at home",
        "Let's do one little thing that will make a difference",
        "Imagine a world without borders",
    ],
)
def test_orders_and_invitations_are_imperative(draft):
    assert is_imperative(draft)


@pytest.mark.parametrize(
    "draft",
    [
        "Stop-and-search rose by 12% last year",
        "Support for the bill fell to 40%",
        "Call centres employ 1.3 million people",
        "Trust in the police is at a record low",
        "More than 1 million people fled Ukraine",
    ],
)
def test_statements_are_not_imperative(draft):
    assert not is_imperative(draft)


@pytest.mark.parametrize(
    "caption",
    [
        "Residents watch as Grenfell Tower is engulfed by fire Getty Images",
        "Women protest against nuclear weapons outside of RAF base Greenham Common, 1982 Getty",
        "Waves crash over the walls next to Seaham Lighthouse in Durham PA",
        "A man walks past the Tower of London on a spring morning AFP via Getty Images",
        "Demonstrators march against a new proposed policing bill in Manchester Reuters",
    ],
)
def test_a_caption_closed_by_its_picture_credit_is_furniture(caption):
    assert looks_like_furniture(caption)


@pytest.mark.parametrize(
    "sentence",
    [
        "Three people were arrested after the protest, a police spokesman told Reuters",
        "The new rules were announced on Tuesday by the EPA",
        "The photograph was licensed to the agency and sold to Getty",
    ],
)
def test_a_statement_ending_with_an_agency_it_names_is_not_a_caption(sentence):
    assert not looks_like_furniture(sentence)


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        (
            "Local residents watch as the tower is engulfed by fire Getty Images Grenfell tower "
            "fire A firefighter reacts at the scene Rex Features Grenfell tower fire",
            [
                "Local residents watch as the tower is engulfed by fire Getty Images",
                "Grenfell tower fire A firefighter reacts at the scene Rex Features",
            ],
        ),
        (
            "The action helped to trigger the Equal Pay Act 1970 Getty International Women's Day",
            ["The action helped to trigger the Equal Pay Act 1970 Getty"],
        ),
        (
            "Cherry blossom in St. James's Park, London, Britain Reuters UK news in pictures",
            ["Cherry blossom in St. James's Park, London, Britain Reuters"],
        ),
        (
            "image copyright Getty Images A top US immigration official has revised a poem",
            ["image copyright Getty Images"],
        ),
        # The credit opens with its "via" before the first agency named: the scan that skips
        # to the first agency's name starts far enough before it.
        (
            "Firefighters at the tower EPA via Getty Images The fire spread on Tuesday",
            ["Firefighters at the tower EPA via Getty Images"],
        ),
        (
            "Protesters in Paris AFP/Getty Images The march through the city Reuters The police "
            "said",
            ["Protesters in Paris AFP/Getty Images", "The march through the city Reuters"],
        ),
    ],
)
def test_a_credit_glued_after_a_caption_ends_it(text, pieces):
    gaps = glued_credit_gaps(text)
    starts = [0, *(gap.end for gap in gaps)]
    assert [text[start : gap.start] for start, gap in zip(starts, gaps, strict=False)] == pieces


@pytest.mark.parametrize(
    "text",
    [
        "Scott Pruitt, the EPA Administrator, said the rule would go.",
        "A study by Oxford's Reuters Institute found that trust in news fell.",
        "The company told Reuters The deal was off, according to the filing.",
        "He visited the Getty Museum in Los Angeles last year.",
        "The agency AFP Paris bureau confirmed it.",
    ],
)
def test_an_agency_named_in_a_sentence_is_no_glued_credit(text):
    assert glued_credit_gaps(text) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # a speaker's own voice: first person, a modal, a belief, a demand
        "\u201cMy gut feeling is that there would be a majority for leaving,\u201d he said.",
        "\u201cWe are seeing an exodus of people giving up passports,\u201d Paul Butters said.",
        '"I think the plan is a disaster for the town," the councillor told reporters.',
        "\u201cThe government should be ashamed of this,\u201d she added.",
        "\u201cYou cannot run a hospital on goodwill alone,\u201d the nurse said.",
        # a quotation that goes on in the next sentence has no closing mark
        "\u201cOur members cannot afford another year of cuts, and the council knows it.",
        "\u201cWe believe the decision must be reversed before the summer.",
        # a judgement in the speaker's words, without person or modal
        "\u201cIt\u2019s exciting to see research on this scale at last,\u201d said a student.",
        '"This is simply the worst budget in a generation," the union leader said.',
        "\u201cThe ruling is absurd and the families know it,\u201d the lawyer told reporters.",
        "\u201cThat was a wonderful result for the whole region,\u201d the coach added.",
        # a quotation the sentence before opened ends in this one, then its speaker
        "The decision was clearly wrong,\u201d the campaigner told the BBC.",
        'The decision was clearly wrong," the campaigner told the BBC.',
        "And we will keep fighting it in every court,\u201d she said.",
    ],
)
def test_a_quotation_in_the_speakers_own_voice_is_quoted_opinion(sentence):
    assert is_quoted_opinion(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # reported speech, not a quotation
        "The minister said she would raise the minimum wage to 12 pounds an hour.",
        "We are told by the ministry that 12,000 people were evacuated.",
        # a short quoted phrase inside a reported statement
        "The WMO called the findings \u201cstartling\u201d and said emissions rose 2% last year.",
        "Moscow has denied any involvement, calling it \u201cyet another unsubstantiated "
        "attempt\u201d by the US to blame Russia for the breach of the network.",
        # a quotation of a statement of fact, without the speaker's own voice
        "\u201cArctic ice has been tracking at record lows since October,\u201d Meier said.",
        '"Unemployment fell to 3.9% in May," the statistics office said.',
        # "May" the name or the month is not the modal
        "\u201cMay met the EU negotiators in Brussels in March,\u201d the spokesman said.",
        # the end of a quotation of fact, opened in the sentence before
        "Ice extent was 5.17 million square miles in January,\u201d Meier said.",
        # a straight mark before a word opens a quotation: what precedes it is not quoted
        'She said, "the council cut 300 jobs in 2019," and the mayor agreed with her figures.',
        # a judgement outside the quotation marks is not the speaker's
        "Critics called the plan \u201ca tax rise\u201d, which the minister thinks is wrong.",
    ],
)
def test_reported_statements_and_quoted_facts_are_not_quoted_opinion(sentence):
    assert not is_quoted_opinion(sentence)


def test_the_quoted_opinion_cue_is_computed_alone_and_with_every_cue_alike():
    sentence = "\u201cWe should act now,\u201d the mayor said."
    every = sentence_features(
        sentence, checkworthiness=0.3, quantities=[], index=2, repeated_phrases=0.0
    )
    alone = sentence_features(
        sentence,
        checkworthiness=0.3,
        quantities=[],
        index=2,
        repeated_phrases=0.0,
        needed=frozenset(("checkworthiness", "quoted_opinion")),
    )
    index = FEATURE_NAMES.index("quoted_opinion")
    assert every[index] == alone[index] == 1.0
    assert every[0] == alone[0]


# The scan for keys that gates the boilerplate and contact checks in looks_like_furniture: it
# must find a key wherever one of those checks can be true, or a prompt would pass as a sentence.
_GATED_ALPHABET = (
    "aeinorstlcdhumpgwfyvbkx '\u2019:/.@{}()-+0123456789\u00a9\u00a0\u0130\u212aAEINOST"
)


_PHONE_AS_WRITTEN = re.compile(r"\d{3}[-.\s)]\s?\d{3}[-.\s]\d{4}\b|\+\d{1,3}\s?\d")


def _keys_agree(sentence):
    lower = sentence.lower()
    has_key = furniture._ANY_KEY.search(lower) is not None
    every_key = (*furniture._BOILERPLATE_KEYS, *furniture._LINK_KEYS, *furniture._CONTACT_KEYS)
    assert has_key == any(key in lower for key in (*every_key, "@"))
    boilerplate_key = furniture._BOILERPLATE_KEY.search(lower) is not None
    assert boilerplate_key == any(key in lower for key in furniture._BOILERPLATE_KEYS)
    credit_key = furniture._CREDIT_KEY.search(sentence) is not None
    assert credit_key == any(key in sentence for key in furniture._CREDIT_KEYS)
    phone = furniture._PHONE.search(sentence) is not None
    assert phone == (_PHONE_AS_WRITTEN.search(sentence) is not None)
    gate = has_key or furniture._PHONE_START.search(sentence) is not None
    if furniture._is_boilerplate(sentence) or furniture._is_contact(sentence):
        assert gate


def _furniture_as_written(sentence):
    """looks_like_furniture before its scans were made cheaper: every check in full."""
    stripped = sentence.rstrip()
    n_words = len(stripped.split())
    return (
        stripped.endswith("?")
        or (n_words <= 3 and stripped[-1:] not in furniture._CLOSING)
        or furniture._is_boilerplate(sentence)
        or furniture._is_contact(sentence)
        or furniture._CAPTION_MARK.search(sentence) is not None
        or (stripped[-1:].isalpha() and furniture._ends_with_credit(stripped))
        or (n_words <= 25 and furniture._has_credit(sentence))
    )


def _gate_agrees(sentence):
    _keys_agree(sentence)
    expected = _furniture_as_written(sentence)
    assert looks_like_furniture(sentence) == expected
    assert looks_like_furniture(sentence, n_words=len(sentence.split())) == expected


@given(
    st.lists(
        st.sampled_from(
            [
                *furniture._BOILERPLATE_KEYS,
                *furniture._LINK_KEYS,
                *furniture._CONTACT_KEYS,
                "editor's note",
                "e-mail address",
                "tel: +44 20 7946 0000",
                "call 555-123-4567",
                "the",
                "SIGN UP",
                "Photo: AP",
                "Getty Images",
                "Jane Doe/Reuters",
                "iStock",
                "+1 202",
                "(555) 123-4567",
                "555.123.4567",
                "in 2019 the",
                "Credit",
                "(L)",
                "?",
                "Hotel",
                "a",
            ]
        )
        | st.sampled_from(["the", "a", "rose", "Getty", "said", "2019"])
        | st.text(alphabet=_GATED_ALPHABET, max_size=12),
        max_size=30,
    ).map(" ".join)
)
@settings(max_examples=1000)
def test_the_key_scan_finds_every_boilerplate_and_contact_line(sentence):
    _gate_agrees(sentence)


def test_the_key_scan_finds_every_boilerplate_and_contact_line_of_news330(shared_data):
    lines = (shared_data / "news" / "ct22_news330.jsonl").read_text(encoding="utf-8").splitlines()
    for line in filter(None, lines):
        _, sentences, _, _ = sentence_inputs(json.loads(line)["text"])
        for sentence in sentences:
            _gate_agrees(sentence)


HYPOTHETICALS = [
    "If a local official fails to respond to the letter, they could face a federal lawsuit.",
    "If you ask the minister, she'll tell you the plan is working.",
    "Unless the talks succeed, the strike will go ahead next week.",
    "Should the bill pass, landlords would face new fines.",
    "Were the tax to be scrapped, the treasury would lose out, he said.",
    "Had the police arrived sooner, the man would have lived, his family said.",
    "If so, some experts will be forced to eat their words.",
    "If elected, she would scrap the tax on fuel.",
    "\u201cIf all the coral died on the reef, it would be a mass extinction,\u201d said Torda.",
    "Provided that the weather holds, the launch will take place on Friday.",
    "In the event that the deal collapses, prices could soar.",
]


@pytest.mark.parametrize("sentence", HYPOTHETICALS)
def test_a_hypothetical_is_recognised_from_its_opening_condition(sentence):
    assert is_conditional(sentence, find_quantities(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        *(" ".join(["Photo: AP", *["word"] * n]) + "." for n in (22, 23, 24, 25)),
        "Call 202-555-0143 for tickets, the council said.",
        "Call (202) 555-0143 for tickets.",
        "In 2019 the council spent 120 000 pounds on roads.",
        "Ring +44 20 7946 0000 today.",
        "The email address is on the site.",
        "Sign up for our newsletter.",
    ],
)
def test_looks_like_furniture_agrees_with_every_check_in_full(sentence):
    _gate_agrees(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # an idiom that asserts, and a boilerplate opening
        "If anything, the past 50 years has been relatively quiet.",
        "Unless otherwise stated, all figures are from the statistics office.",
        # a condition stated as a fact, a rule or a regularity: present or past, or "can"
        "If you're black, you're treated more harshly by the justice system than if you're white.",
        "If you\u2019re at a state school, you\u2019re less likely to reach the top professions.",
        "If the document has no expiry date, the office can issue a licence for a year.",
        "If a local official fails to respond, they face a federal lawsuit under the act.",
        "Unless a court rules otherwise, the ban applies to every school in the state.",
        "If the seller was Italian, we sent an Italian, Mr Trump said.",
        "If the cap does not go up, then there is no new money going to schools, he said.",
        # a figure decides
        "If the tax rises, prices would go up by 12%, the office estimated.",
        "If the most harmful half of meat production was replaced, this delivers about "
        "two-thirds of the benefits.",
        "Unless the bill passes, 40,000 families will lose their homes, the charity said.",
        # a condition that does not open the sentence, or a word that only starts with one
        "The minister said she would resign if the vote failed.",
        "Iffley Road was closed on Monday after a water main burst.",
        "Hadley Wickham wrote the package in 2014.",
        "Sheffield Wednesday won the match 2-1.",
        # questions are furniture of their own, not hypotheticals
        "Should the bill pass?",
        "Were the figures right, the minister asked?",
    ],
)
def test_a_statement_or_a_condition_with_a_figure_is_not_a_hypothetical(sentence):
    assert not is_conditional(sentence, find_quantities(sentence))


@pytest.mark.parametrize(
    "sentence",
    [
        "\u201cIt\u2019s exciting to see studies like this that combine statistics with huge "
        "databases,\u201d said Gabriela Marks, a graduate student in paleoclimatology at the "
        "Massachusetts Institute of Technology in Cambridge, who wasn't involved in the study.",
        '"We should have acted years ago," Terry Hughes, director of the Australian Research '
        "Council Centre of Excellence for Coral Reef Studies, told the BBC.",
        "\u201cI believe this is a terrible mistake for the country,\u201d wrote the former "
        "governor of the central bank of Ireland, Professor Patrick Honohan, in his blog.",
    ],
)
def test_a_long_attribution_after_a_quotation_is_not_what_the_sentence_states(sentence):
    assert is_quoted_opinion(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        # a tail that states something of its own
        '"We must act," she said, adding that 40,000 homes were at risk of flooding this winter.',
        "\u201cI think so,\u201d he said, but the figures show prices rose in every region of "
        "the country last year.",
        # a quotation of a fact, however long the attribution
        '"Prices rose 12% in May," said Jane Doe, chief economist at the Bank of Example, '
        "who has studied inflation for the central bank for many years.",
    ],
)
def test_a_tail_that_states_more_than_who_spoke_still_counts(sentence):
    assert not is_quoted_opinion(sentence)
