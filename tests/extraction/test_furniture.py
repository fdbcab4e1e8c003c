import pytest

from claims.extraction.furniture import (
    FEATURE_NAMES,
    glued_credit_gaps,
    is_imperative,
    looks_like_furniture,
    repeated_phrase_shares,
    sentence_features,
)


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
