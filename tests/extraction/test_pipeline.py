import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extraction import PROPOSAL_THRESHOLD, extract_claims
from claims.extraction.drafting import MAX_DRAFT_CHARS
from claims.extraction.types import CLAIM_KINDS

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "data" / "seed" / "ukraine-safe-corridors-2022-03-03.txt"

ARTICLE = (
    "Officials met in Brussels on Monday.\n\n"
    "Unemployment rose to 7.5% in March, the highest level since 2015, the statistics office "
    'said. "We will cut taxes by $2 billion next year," said Finance Minister Anna Berg. '
    "The weather was pleasant. According to Eurostat, prices rose by 12% last year."
)


def check_invariants(text, claims):
    previous_end = 0
    for claim in claims:
        assert claim.quote == text[claim.start : claim.end]
        assert claim.start >= previous_end, "claims are in text order and do not overlap"
        previous_end = claim.end
        assert claim.prefix == text[max(0, claim.start - 32) : claim.start]
        assert claim.suffix == text[claim.end : claim.end + 32]
        assert len(claim.text) <= MAX_DRAFT_CHARS
        assert set(claim.kinds) <= set(CLAIM_KINDS)
        assert 0.0 <= claim.score <= 1.0
        assert claim.proposed == (claim.score >= PROPOSAL_THRESHOLD)
        for quantity in claim.quantities:
            assert claim.start <= quantity.start < quantity.end <= claim.end
            assert text[quantity.start : quantity.end] == quantity.text


def test_claims_are_anchored_in_the_text():
    claims = extract_claims(ARTICLE)
    assert claims
    check_invariants(ARTICLE, claims)


def test_statements_with_figures_and_attributions_are_kept():
    claims = extract_claims(ARTICLE)
    quotes = [claim.quote for claim in claims if claim.proposed]
    assert any("7.5%" in quote for quote in quotes)
    assert any("12%" in quote for quote in quotes)
    assert "The weather was pleasant." not in quotes
    eurostat = next(claim for claim in claims if "Eurostat" in claim.quote)
    assert eurostat.claimant == "Eurostat"
    assert "quantity" in eurostat.kinds


def test_a_sentence_below_the_line_is_returned_unproposed_not_lost():
    claims = extract_claims(ARTICLE)
    below = [claim for claim in claims if not claim.proposed]
    assert "The weather was pleasant." in [claim.quote for claim in below]
    assert all(claim.score < PROPOSAL_THRESHOLD for claim in below)


def test_figures_rank_above_small_talk():
    scores = {claim.quote: claim.score for claim in extract_claims(ARTICLE)}
    figure = next(score for quote, score in scores.items() if "7.5%" in quote)
    assert figure > scores["The weather was pleasant."]


def test_offsets_are_relative_to_the_whole_text_with_leading_whitespace():
    text = "\n\n   " + ARTICLE
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert [c.start - 5 for c in claims] == [c.start for c in extract_claims(ARTICLE)]


def test_empty_and_blank_texts_give_no_claims():
    assert extract_claims("") == []
    assert extract_claims(" \n\t ") == []


@pytest.mark.parametrize("language", ["de", "fr", "uk", "ru", "pt-BR"])
def test_other_languages_return_no_drafts_rather_than_wrong_ones(language):
    text = "Mehr als 1 Million Menschen sind aus der Ukraine geflohen, sagte Reuters."
    assert extract_claims(text, language=language) == []


@pytest.mark.parametrize("language", ["en", "EN", "en-GB", "en_US", "eng"])
def test_english_language_tags_are_accepted(language):
    assert extract_claims(ARTICLE, language=language) == extract_claims(ARTICLE)


def test_published_date_is_accepted():
    assert extract_claims(ARTICLE, published=date(2022, 3, 3)) == extract_claims(ARTICLE)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=600))
def test_extract_claims_never_raises_on_arbitrary_text(text):
    check_invariants(text, extract_claims(text))


CLAIM_WORDS = (
    "said Reuters more_than 1_million people fled the_country's that which , . \" \u201c \u201d "
    "according_to about one-quarter 12% $3 Mr. \n sent fleeing borders He"
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([w.replace("_", " ") for w in CLAIM_WORDS.split(" ")]), max_size=80)
)
def test_extract_claims_never_raises_on_claim_like_word_soup(words):
    text = " ".join(words)
    check_invariants(text, extract_claims(text))


def run_cli(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "claims.extraction", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_cli_prints_one_json_object_per_claim_from_stdin():
    result = run_cli("-", "--published", "2022-03-03", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == len(extract_claims(ARTICLE))
    first = json.loads(lines[0])
    assert first["quote"] == ARTICLE[first["start"] : first["end"]]
    assert {"text", "kinds", "claimant", "quantities", "prefix", "suffix"} <= first.keys()


def test_cli_reads_a_file(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run_cli(str(path), "--language", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == len(extract_claims(ARTICLE))


def test_cli_reports_a_missing_file_and_a_bad_date():
    missing = run_cli("/nonexistent/article.txt")
    assert missing.returncode != 0
    assert "cannot read" in missing.stderr
    bad_date = run_cli("-", "--published", "March 3", stdin="x")
    assert bad_date.returncode == 2


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip(f"the shared data folder is absent ({SEED} not found)")
    text = SEED.read_text(encoding="utf-8")
    return text, extract_claims(text, published=date(2022, 3, 3))


def claim_containing(claims, words):
    matching = [claim for claim in claims if words in claim.quote]
    assert matching, f"no claim quotes {words!r}"
    return matching[0]


def test_seed_article_claims_are_anchored(seed):
    text, claims = seed
    check_invariants(text, claims)


def test_seed_article_refugee_figure(seed):
    _, claims = seed
    claim = claim_containing(claims, "more than 1 million people fleeing")
    assert claim.proposed
    assert claim.text.lower() == "more than 1 million people fled ukraine"
    [quantity] = [q for q in claim.quantities if q.value == 1_000_000]
    assert quantity.qualifier == "more_than"
    assert quantity.low == 1_000_000
    assert quantity.high is None
    assert quantity.unit == "people"
    assert "quantity" in claim.kinds


def test_seed_article_enerhodar_share_of_power(seed):
    _, claims = seed
    claim = claim_containing(claims, "accounts for about one-quarter")
    assert claim.proposed
    assert claim.text == "Enerhodar accounts for about one quarter of Ukraine's power generation"
    [quantity] = [q for q in claim.quantities if q.value == 0.25]
    assert quantity.qualifier == "about"


def test_seed_article_attributed_statements(seed):
    _, claims = seed
    claimants = {claim.claimant for claim in claims}
    assert "Mykhailo Podolyak" in claimants
    assert "Reuters" in claimants
    reuters = claim_containing(claims, "Reuters reports")
    assert reuters.text == "The two sides agreed to meet again soon"
    quote = claim_containing(claims, "The second round of negotiations is over")
    assert quote.claimant == "Mykhailo Podolyak"
    assert "quote" in quote.kinds
    envoy = claim_containing(claims, "A member of Ukraine")
    assert envoy.claimant == "A member of Ukraine's envoy"
    putin = claim_containing(claims, "Putin has long contended")
    assert putin.claimant == "Vladimir Putin"
    # A view Putin holds, not a fact: the draft says whose it is.
    assert putin.text == (
        "Vladimir Putin contended that Ukraine's turn toward the West is a threat to Moscow"
    )


def test_seed_article_proposes_no_caption_and_no_imperative_quote(seed):
    _, claims = seed
    proposed = [claim.quote for claim in claims if claim.proposed]
    assert not any("(L) shakes hands" in quote for quote in proposed)
    assert not any("Sit down with me" in quote for quote in proposed)


@pytest.mark.plain_python
def test_a_quantity_finder_error_costs_the_quantities_not_the_claims(monkeypatch, caplog):
    import claims.extraction.pipeline as pipeline

    def broken(text):
        raise IndexError("finder bug")

    monkeypatch.setattr(pipeline, "find_quantities", broken)
    claims = extract_claims(ARTICLE)
    assert claims
    assert all(claim.quantities == [] for claim in claims)
    assert "find_quantities failed" in caplog.text


def test_quantities_found_in_the_whole_text_equal_those_of_each_sentence():
    from claims.extraction import find_quantities

    for claim in extract_claims(ARTICLE):
        alone = find_quantities(claim.quote)
        assert [(q.start - claim.start, q.value) for q in claim.quantities] == [
            (q.start, q.value) for q in alone
        ]


def test_a_sentence_repeated_in_an_article_is_drafted_once():
    notice = "Copyright 2021 The Daily Example, all rights reserved."
    fact = "Unemployment rose to 7.5% in March, the statistics office said."
    claims = extract_claims(f"{fact} {notice} Prices fell. {fact} {notice}")
    assert [claim.quote for claim in claims].count(fact) == 1
    assert notice not in [claim.quote for claim in claims]


@pytest.mark.parametrize(
    "furniture",
    [
        "Credit: Nuffield Trust",
        "Photo: EPA",
        "Getty Images",
        "Read our privacy notice",
        "Advertisement",
        "Sign up to our newsletter",
    ],
)
def test_furniture_glued_to_a_sentence_is_split_off(furniture):
    fact = "The study found admissions doubled to 12,000 in five years, the report said."
    claims = extract_claims(f"{furniture}  {fact}")
    assert [claim.quote for claim in claims if claim.proposed] == [fact]


def test_seed_article_dateline_and_headline_are_no_claims(seed):
    _, claims = seed
    quotes = [claim.quote for claim in claims]
    assert not any(quote.startswith("date 2022-03-03") for quote in quotes)
    assert not any("Asks Putin to Meet" in quote for quote in quotes)
    assert quotes[0].startswith("The parties have reached a tentative agreement")


def test_a_headline_is_no_claim_but_an_unpunctuated_text_alone_is_one():
    body = "Unemployment rose to 7.5% in March, the statistics office said."
    claims = extract_claims("Unemployment Hits Record High\n\n" + body)
    assert [claim.quote for claim in claims] == [body]
    alone = extract_claims("Unemployment rose to 7.5% in March")
    assert [claim.quote for claim in alone] == ["Unemployment rose to 7.5% in March"]


@pytest.mark.parametrize(
    ("headline", "sentence"),
    [
        (
            "Deaths in police custody at highest level for five years",
            "The number of people dying in police custody rose to 23 last year, officials said.",
        ),
        (
            "Thousands of trials end over no-show witnesses - watchdog",
            "More than 11,000 criminal trials had to be abandoned last year, the watchdog said.",
        ),
        (
            "The Sea Is Rising, but Not Because of Climate Change",
            "There is nothing we can do about it, the report said, as seas rose by 3 mm.",
        ),
        (
            "How Scientists Got Climate Change So Wrong - The New York Times",
            "For decades, most scientists saw climate change as distant, a survey found.",
        ),
        (
            "Global Ocean Circulation Appears To Be Collapsing Due To A Warming Planet",
            "Scientists have long known about the warming hole in the Atlantic, 2 studies say.",
        ),
        (
            "Scientists warn of 'global climate emergency' over shifting jet stream",
            "Two environmentalists have declared a climate emergency after 40 days of heat.",
        ),
    ],
)
def test_a_headline_glued_to_the_first_sentence_is_split_off_and_not_drafted(headline, sentence):
    claims = extract_claims(f"{headline} {sentence} Prices rose by 12% last year.")
    assert claims[0].quote == sentence
    assert all(headline not in claim.quote for claim in claims)


@pytest.mark.parametrize(
    "text",
    [
        "Police said 12 people were arrested after the match in Leeds on Saturday night.",
        "Unemployment rose to 7.5% in March, the highest level since 2015, officials said.",
        "Scott Walker, Mary Burke draw sharp contrast on expanding vouchers in 2014 debate.",
    ],
)
def test_a_first_sentence_without_a_clear_glued_headline_stays_whole(text):
    assert extract_claims(text)[0].quote == text


@pytest.mark.parametrize(
    ("credit", "sentence"),
    [
        (
            "Photograph by Tom Murphy, National Geographic",
            "However, the herd grew to 4,000 animals by 2019, rangers said.",
        ),
        ("Photo: Jane Doe/Reuters", "The minister said 12 people died in the floods."),
        ("Image by NASA", "The ice sheet lost 280 billion tonnes a year, the agency said."),
        ("GETTY", "The results of the poll show 80 per cent want to leave, the MPs said."),
        ("AP", "Police said 3 people were arrested after the match on Saturday."),
        ("Advertisement", "But Mr Cameron said 12 MPs would not back the vote."),
        ("ADVERTISEMENT", "A poll released Thursday shows Sanders leading with 44 percent."),
        ("Advertisement Advertisement", "Michael Brown said the minimum could cut 0.3C."),
    ],
)
def test_a_credit_glued_in_front_of_a_sentence_is_not_part_of_its_claim(credit, sentence):
    claims = extract_claims(f"{credit} {sentence}")
    proposed = [claim for claim in claims if claim.proposed]
    assert [claim.quote for claim in proposed] == [sentence]
    assert credit.split()[0] not in proposed[0].text


OPINIONS = (
    "The union leader said the plan was a disaster for patients. "
    "Critics argued that the policy is misguided and unfair. "
    "The senator believes the new law is the right decision for the state. "
    "The ministry said 1,200 people were evacuated from the islands on Monday."
)


@pytest.mark.plain_python
def test_an_attributed_opinion_is_never_proposed_as_a_fact(monkeypatch):
    import claims.extraction.pipeline as pipeline

    # Every sentence scored well above the line: only the opinion rule can hold one back.
    monkeypatch.setattr(pipeline, "proposal_scores", lambda features: [0.9] * len(features))
    claims = extract_claims(OPINIONS)
    opinions = [claim for claim in claims if "opinion" in claim.kinds]
    assert len(opinions) == 3
    assert not any(claim.proposed for claim in opinions)
    assert all(claim.score < PROPOSAL_THRESHOLD for claim in opinions)
    fact = claim_containing(claims, "1,200 people")
    assert fact.proposed
    assert fact.claimant == "The ministry"


@pytest.mark.plain_python
def test_a_quotation_continues_the_speaker_named_last_even_below_the_line(monkeypatch):
    import claims.extraction.pipeline as pipeline

    text = (
        '"We will appeal the verdict," said attorney Tom Downey. '
        '"Religious freedom goes both ways," Judge Myron Danus told a packed courtroom. '
        '"It is not your place to deny individuals the same rights that everyone else has."'
    )
    # The middle sentence far below the line (drafted as its quote), the others above it.
    scores = iter([0.9, 0.01, 0.9])
    monkeypatch.setattr(
        pipeline, "proposal_scores", lambda features: [next(scores) for _ in features]
    )
    claims = extract_claims(text)
    assert claim_containing(claims, "It is not your place").claimant == "Myron Danus"


@pytest.mark.parametrize(
    "gallery",
    [
        "Grenfell tower fire Local residents watch as the 24-storey tower is engulfed by fire "
        "Getty Images Grenfell tower fire More than 200 firefighters fought the blaze PA",
        "UK news in pictures 12 April 2021 Thousands of people queued outside 40 shops in Leeds "
        "Reuters UK news in pictures 11 April 2021 A pub reopened its garden to 300 guests EPA",
        "Women's history in pictures The action helped to trigger the Equal Pay Act 1970 Getty "
        "Women's history in pictures 60,000 suffragettes marched on parliament in 1908 Getty",
    ],
)
def test_gallery_captions_closed_by_credits_are_not_proposed(gallery):
    fact = "Unemployment rose to 7.5% in March, the statistics office said."
    claims = extract_claims(f"{fact} {gallery}")
    assert [claim.quote for claim in claims if claim.proposed] == [fact]


def test_a_story_sentence_after_a_glued_credit_keeps_its_claim():
    fact = "A top US immigration official said 12,000 people were deported in 2019."
    claims = extract_claims(
        f"The policy was announced last week. image copyright Getty Images {fact}"
    )
    assert fact in [claim.quote for claim in claims if claim.proposed]


@pytest.mark.parametrize(
    "headline",
    [
        "Global warming could be far worse than predicted, new study suggests",
        "The big melt: Global sea ice at record low",
        "Hurricane Florence is not climate change. It's just the weather.",
        "Our NHS is safer in Europe: #NHSsaferIN",
    ],
)
def test_a_headline_printed_twice_before_the_story_is_no_claim(headline):
    story = "Sea ice fell to 5.17 million square miles in January, the data center said."
    claims = extract_claims(f"{headline} {headline}  {story} Prices rose by 12% last year.")
    assert claims[0].quote == story
    assert all(headline.split(".")[0] not in claim.quote for claim in claims)


@pytest.mark.parametrize(
    "first",
    [
        "No, no, no: the council voted 7-2 against the plan on Monday.",
        "Police said police said 12 people were arrested.",
        "Prices rose by 12% in May. Prices rose by 12% in June, the office said.",
    ],
)
def test_a_first_sentence_that_only_repeats_a_word_or_two_stays(first):
    claims = extract_claims(f"{first} The match ended 2-1 in front of 30,000 fans.")
    assert first.startswith(claims[0].quote)


# A story about a bill, with a gallery of another story glued into it, as flattened pages print
# one: its title before every caption, captions that read like a story's sentences, credits.
STORY_BEFORE = (
    "Unemployment rose to 7.5% in March, the statistics office said. "
    "The minister tabled a bill on Monday to raise the minimum wage by 40 pence an hour.  "
)
STORY_AFTER = (
    "  The bill will be debated by MPs on 11 May, the government said. "
    "More than 2 million workers earn the minimum wage, according to the Low Pay Commission."
)
OTHER_STORY_GALLERIES = [
    # a title with a colon, one-sentence captions, agency credits
    "Women's Day: heroines of the past in photos Show all 5 1 /5 "
    "Women's Day: heroines of the past in photos Poor pay led to a strike by around 1,400 "
    "women at a match factory in Bow in 1888 Getty "
    "Women's Day: heroines of the past in photos Over 60,000 suffragettes marched on "
    "parliament in 1908, breaking through a 5,000-strong cordon. They were arrested. Getty "
    "Women's Day: heroines of the past in photos Machinists from a car plant in Dagenham "
    "went on strike in 1968 over their pay AFP/Getty "
    "Women's Day: heroines of the past in photos Activists marched in Washington in 1970 Reuters",
    # an "in pictures" title with a dash, captions of two sentences, the last closed by its credit
    "Europe swelters in record heat - in pictures 1 /4 "
    "Europe swelters in record heat - in pictures Tourists cool off in a fountain in Rome, where "
    "temperatures reached 40C on Tuesday. Firefighters battled 12 blazes near the city EPA "
    "Europe swelters in record heat - in pictures A boy jumps into the Seine in Paris AFP "
    "Europe swelters in record heat - in pictures Sunbathers crowd a beach in Valencia. "
    "Officials said 3,000 people visited the beach Reuters "
    "Europe swelters in record heat - in pictures Cattle shelter under a tree in Bavaria. "
    "The heat killed 30 cows on one farm PA",
    # a title without punctuation, captions opening with a digit or a name
    "The most remarkable animals of the year Show all 4 "
    "The most remarkable animals of the year 12 penguins hatched at a zoo in Berlin Alamy "
    "The most remarkable animals of the year Rare orangutan twins were born in Borneo Getty "
    "The most remarkable animals of the year A whale 30 metres long beached in Chile AP "
    "The most remarkable animals of the year Scientists found 40 new frog species in Peru AFP",
]


@pytest.mark.parametrize("gallery", OTHER_STORY_GALLERIES)
def test_a_gallery_of_another_story_is_not_proposed(gallery):
    text = STORY_BEFORE + gallery + STORY_AFTER
    claims = extract_claims(text)
    check_invariants(text, claims)
    proposed = " ".join(claim.quote for claim in claims if claim.proposed)
    assert "in March" in proposed
    assert "Low Pay Commission" in proposed
    for piece in ("1888", "60,000", "1968", "Rome", "Valencia", "penguins", "Borneo", "frog"):
        assert piece not in proposed


# An explainer on the story's own subject, item by item, as a gallery.
RELATED_GALLERY = (
    "The key questions about the minimum wage bill Show all 3 1 /3 "
    "The key questions about the minimum wage bill Who gains The minimum wage rose to "
    "\u00a39.50 an hour in April, and the bill would raise it by 40 pence for 2 million "
    "workers. PA "
    "The key questions about the minimum wage bill What it costs The Treasury said the "
    "higher minimum wage would cost employers \u00a31.2 billion a year. Getty "
    "The key questions about the minimum wage bill When MPs vote The bill will be "
    "debated by MPs in May, and the minister said the minimum wage rise would start in "
    "April. Reuters"
)


def test_a_gallery_on_the_story_own_subject_keeps_its_claims():
    claims = extract_claims(STORY_BEFORE + RELATED_GALLERY + STORY_AFTER)
    assert any("1.2 billion" in claim.quote for claim in claims if claim.proposed)


@pytest.mark.parametrize(
    "story",
    [
        # three sentences opening with the same words, as a writer repeats them for effect
        "The number of people in work rose to 32 million in May. The number of people in work "
        "who earn the minimum wage fell by 12% last year. The number of people in work with a "
        "second job doubled since 2010, the office said.",
        "The report published by the commission found 2,000 cases of fraud. The report published "
        "by the commission also found 400 cases of theft. The report published by the "
        "commission said 30 officials were suspended.",
        "According to the latest figures from the office, 12% of adults smoke. According to the "
        "latest figures from the office, 3 million people vape. According to the latest figures "
        "from the office, smoking fell by 2% in a year.",
    ],
)
def test_sentences_that_open_with_the_same_words_are_no_gallery(story):
    claims = extract_claims(story)
    assert len([claim for claim in claims if claim.proposed]) == 3


@pytest.mark.parametrize("gallery", OTHER_STORY_GALLERIES)
def test_every_sentence_of_a_gallery_of_another_story_is_flagged_and_no_other(gallery):
    from claims.extraction.furniture import gallery_sentences
    from claims.extraction.pipeline import sentence_inputs

    text = STORY_BEFORE + gallery + STORY_AFTER
    spans, sentences, _, _ = sentence_inputs(text)
    flags = gallery_sentences(text, spans)
    start = text.index(gallery)
    for span, sentence, flag in zip(spans, sentences, flags, strict=True):
        in_gallery = start <= span.start < start + len(gallery)
        assert flag == in_gallery, sentence


def test_a_gallery_on_the_story_own_subject_is_not_flagged():
    from claims.extraction.furniture import gallery_sentences
    from claims.extraction.pipeline import sentence_inputs

    text = STORY_BEFORE + RELATED_GALLERY + STORY_AFTER
    spans, _, _, _ = sentence_inputs(text)
    assert not any(gallery_sentences(text, spans))


def test_a_hypothetical_is_returned_under_the_line_and_a_fact_beside_it_proposed(monkeypatch):
    import claims.extraction.pipeline as pipeline

    # Every sentence scored well above the line: only the hypothetical rule can hold one back.
    monkeypatch.setattr(pipeline, "proposal_scores", lambda features: [0.9] * len(features))
    text = (
        "Unless the talks succeed, the strike will go ahead next week. "
        "The union said 12,000 workers voted for the strike on Monday. "
        "Should the bill pass, landlords would face new fines."
    )
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert [claim.proposed for claim in claims] == [False, True, False]
