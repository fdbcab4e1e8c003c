"""Sentence segmentation: edge cases, invariants on any text, and the shared dev data."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.extraction.segmentation import leading_headings, segment
from tests.extraction.growth import growth_factor

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in segment(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi there. I am Ana.", ["Hi there.", "I am Ana."]),
        ("Is it late? It is late!", ["Is it late?", "It is late!"]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        # titles, initials and abbreviations
        ("Mr. Smith met Dr. Jones at St. Mary's.", ["Mr. Smith met Dr. Jones at St. Mary's."]),
        ("She wrote to John F. Kennedy.", ["She wrote to John F. Kennedy."]),
        ("Read No. 5 and p. 12 first.", ["Read No. 5 and p. 12 first."]),
        ("He met them on Jan. 5 in Kyiv.", ["He met them on Jan. 5 in Kyiv."]),
        ("Sales rose at Acme Inc. last year.", ["Sales rose at Acme Inc. last year."]),
        ("They sold it to Acme Inc. It paid cash.", ["They sold it to Acme Inc.", "It paid cash."]),
        ("Use tools, e.g. hammers, daily.", ["Use tools, e.g. hammers, daily."]),
        ("He flew to the U.S. on Monday.", ["He flew to the U.S. on Monday."]),
        ("The U.S. Senate voted.", ["The U.S. Senate voted."]),
        ("She lives in the U.K. How about you?", ["She lives in the U.K.", "How about you?"]),
        ("Come along, you and I. Then we eat.", ["Come along, you and I.", "Then we eat."]),
        # numbers, money, addresses
        ("It costs $4.50 today.", ["It costs $4.50 today."]),
        ("It costs $4.50. We paid.", ["It costs $4.50.", "We paid."]),
        (
            "Write to ana.li@example.org. She replies.",
            ["Write to ana.li@example.org.", "She replies."],
        ),
        (
            "See https://example.com/a.b.html. Then go.",
            ["See https://example.com/a.b.html.", "Then go."],
        ),
        # quotes and brackets
        ('He said, "It works." Then he left.', ['He said, "It works."', "Then he left."]),
        ('"It works." he said.', ['"It works." he said.']),
        ("Plans (the old ones.) were lost.", ["Plans (the old ones.) were lost."]),
        # ellipses
        ("Wait.... Now go.", ["Wait....", "Now go."]),
        ("Well . . . maybe not.", ["Well . . . maybe not."]),
        ('"Only corridors... ." Then talks.', ['"Only corridors... ."', "Then talks."]),
        # times
        ("He left at 6 p.m. The shop closed.", ["He left at 6 p.m.", "The shop closed."]),
        ("At 5 a.m. Mr. Li woke up.", ["At 5 a.m. Mr. Li woke up."]),
        # lists and line breaks
        ("1. Buy milk 2. Sell eggs", ["1. Buy milk", "2. Sell eggs"]),
        ("a) red b) blue", ["a) red", "b) blue"]),
        ("Title\n\nFirst line here.", ["Title", "First line here."]),
        ("One\nTwo three.", ["One", "Two three."]),
        ("It was a cold \nnight in town.", ["It was a cold \nnight in town."]),
        ("The Rt. Hon. Theresa May spoke.", ["The Rt. Hon. Theresa May spoke."]),
        ("We met in N.Y. Let's go.", ["We met in N.Y.", "Let's go."]),
        # transcripts
        ("Thank you. (APPLAUSE) We won.", ["Thank you.", "(APPLAUSE)", "We won."]),
        ("We will win (Applause) And we will.", ["We will win (Applause)", "And we will."]),
        ("Right [laughter] So then.", ["Right [laughter]", "So then."]),
        ("Said (R-AL) today.", ["Said (R-AL) today."]),
    ],
)
def test_golden_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_seed_article_sentence_stays_whole() -> None:
    text = (
        "The talks are aimed at stopping the fighting that has sent more than 1 million people "
        "fleeing over Ukraine's borders. Reuters reports that the two sides agreed to meet again."
    )
    assert len(segment(text)) == 2


def test_empty_and_blank_text() -> None:
    assert segment("") == []
    assert segment("  \n\t ") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ1 .!?\"')(\n…•-:;,$%")), max_size=200))
def test_spans_cover_all_text_in_order_and_are_stripped(text: str) -> None:
    check_invariants(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_invariants_on_arbitrary_unicode(text: str) -> None:
    check_invariants(text)


def check_invariants(text: str) -> None:
    spans = segment(text)
    previous_end = 0
    for span in spans:
        assert previous_end <= span.start < span.end <= len(text)
        piece = text[span.start : span.end]
        assert piece == piece.strip()
        assert not text[previous_end : span.start].strip()
        previous_end = span.end
    assert not text[previous_end:].strip()


@pytest.mark.parametrize(
    "text",
    [
        "." * 10_000,
        ". " * 5_000,
        "A. " * 3_333,
        "1. " * 3_333,
        '"a. B' * 2_000,
        "(" * 5_000 + ")" * 5_000,
        "Mr. " * 2_500,
        "\n" * 10_000,
        "a" * 10_000,
    ],
    ids=lambda text: repr(text[:12]),
)
def test_adversarial_inputs_take_linear_time(text: str) -> None:
    # Four times the input, at most about four times the work: nothing backtracks or rescans.
    assert growth_factor(segment, text) < 8


needs_shared_data = pytest.mark.skipif(
    not (SHARED_DATA / "segmentation").is_dir(),
    reason=f"shared data not found at {SHARED_DATA}",
)


@needs_shared_data
def test_golden_rules_score() -> None:
    from claims.extraction.evaluate.segmentation import score_golden_rules

    result = score_golden_rules(SHARED_DATA)
    # The README claims all 48.
    assert result["correct"] == result["total"] == 48, result["failures"]


@needs_shared_data
def test_debate_boundaries_score() -> None:
    from claims.extraction.evaluate.segmentation import score_debate_boundaries

    assert score_debate_boundaries(SHARED_DATA)["f1"] >= 0.99


def headings(text: str) -> list[str]:
    spans = segment(text)
    return [text[span.start : span.end] for span in spans[: leading_headings(text, spans)]]


def test_dateline_and_headline_lines_above_the_article_are_headings() -> None:
    text = (
        " date 2022-03-03 Russia-Ukraine Crisis\n\n"
        "Ukraine, Russia Agree to Create Safe Corridor as Zelenskyy Asks Putin to Meet\n\n"
        "The parties have reached a tentative agreement. Talks go on\n"
    )
    assert headings(text) == [
        "date 2022-03-03 Russia-Ukraine Crisis",
        "Ukraine, Russia Agree to Create Safe Corridor as Zelenskyy Asks Putin to Meet",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Unemployment rose to 7.5% in March",  # one unpunctuated sentence is the content
        "Unemployment rose to 7.5%\nPrices rose by 12%\n",  # and so is a list of them
        "Prices rose. Unemployment fell\nWages rose.",  # not a line of its own
        "Officials met in Brussels on Monday.\n\nPrices rose.",  # punctuated: a sentence
        "Headline News In Brief " * 12 + "\n\nPrices rose.",  # too long for a heading
    ],
)
def test_text_that_is_no_heading(text: str) -> None:
    assert headings(text) == []
