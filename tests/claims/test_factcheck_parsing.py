"""Reading external fact-checks: ClaimReview JSON-LD in the shapes fact-checkers publish it,
and JSON lines with the CheckThat! verified-claims fields; bad records reported and skipped."""

import json
from datetime import date

from claims.ingest.factchecks import parse_factchecks

REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example.org/2022/03/corridors",
    "claimReviewed": "Russia opened humanitarian corridors from Mariupol on 3 March.",
    "headline": "No, the corridors did not open",
    "datePublished": "2022-03-04T09:30:00Z",
    "inLanguage": "en",
    "author": {"@type": "Organization", "name": "Example Check"},
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A. Minister"}},
}


def test_one_claimreview_object():
    (record,), errors = parse_factchecks(json.dumps(REVIEW))
    assert errors == []
    assert record.claim_text == REVIEW["claimReviewed"]
    assert record.url == REVIEW["url"]
    assert (record.rating, record.publisher, record.title) == (
        "False",
        "Example Check",
        "No, the corridors did not open",
    )
    assert record.published_on == date(2022, 3, 4)
    assert record.language == "en"


def test_a_list_a_graph_and_a_data_feed_of_claimreviews():
    second = {**REVIEW, "url": "https://factcheck.example.org/2", "claimReviewed": "Another."}
    page = {"@type": "WebPage", "name": "The page around it"}
    shapes = [
        [REVIEW, second],
        {"@context": "https://schema.org", "@graph": [page, REVIEW, second]},
        {"@type": "DataFeed", "dataFeedElement": [REVIEW, second]},
        [{"@graph": [REVIEW]}, second],
    ]
    for shape in shapes:
        records, errors = parse_factchecks(json.dumps(shape).encode())
        assert [r.url for r in records] == [REVIEW["url"], second["url"]], shape
        assert errors == [], shape  # the WebPage is not a fact-check, and not an error either


def test_claimreview_variants_publishers_write():
    variants = [
        {**REVIEW, "@type": ["ClaimReview", "CreativeWork"]},
        {**REVIEW, "author": [{"@type": "Organization", "name": "Example Check"}]},
        {**REVIEW, "author": None, "publisher": {"name": "Example Check"}},
        {**REVIEW, "reviewRating": {"name": "False"}},
    ]
    for variant in variants:
        (record,), errors = parse_factchecks(json.dumps(variant))
        assert errors == []
        assert (record.publisher, record.rating) == ("Example Check", "False"), variant


def test_json_lines_with_checkthat_fields_and_optional_ones():
    lines = [
        {
            "vclaim_id": "vclaim-sno-1",
            "vclaim": "McDonald's restaurants are offering $1 Any Size Fries.",
            "title": "$1 McDonald's Any Size Fries",
            "subtitle": "Rumor: ...",
            "date": "26 May 2015",
        },
        {
            "vclaim_id": "vclaim-sno-2",
            "vclaim": "A viral video shows a 10-meter-long anaconda.",
            "title": "Anaconda",
            "date": "6 March 2021",
            "url": "https://www.snopes.com/fact-check/anaconda/",
            "rating": "Miscaptioned",
            "publisher": "Snopes",
        },
    ]
    records, errors = parse_factchecks("\n".join(json.dumps(line) for line in lines) + "\n")
    assert errors == []
    first, second = records
    assert (first.source_id, first.published_on, first.url) == (
        "vclaim-sno-1",
        date(2015, 5, 26),
        "",
    )
    assert (first.title, first.subtitle) == ("$1 McDonald's Any Size Fries", "Rumor: ...")
    assert (second.rating, second.publisher) == ("Miscaptioned", "Snopes")
    assert second.published_on == date(2021, 3, 6)


def test_bad_records_are_reported_by_line_and_skipped():
    good = json.dumps({"vclaim_id": "a", "vclaim": "A claim that is fine."})
    lines = [
        good,
        "{not json",
        json.dumps({"vclaim_id": "b", "title": "no claim"}),
        "",
        json.dumps({"vclaim": "Bad link.", "url": "javascript:alert(1)"}),
        json.dumps(["a list"]),
        json.dumps({"vclaim_id": "c", "vclaim": "Another fine claim."}),
    ]
    records, errors = parse_factchecks("\n".join(lines))
    assert [r.source_id for r in records] == ["a", "c"]
    assert [e.where for e in errors] == ["line 2", "line 3", "line 5", "line 6"]
    assert "not JSON" in errors[0].message
    assert "no claim" in errors[1].message
    assert "http" in errors[2].message


def test_a_bad_item_of_a_json_ld_list_is_reported_by_position():
    records, errors = parse_factchecks(json.dumps([REVIEW, {**REVIEW, "claimReviewed": ""}]))
    assert len(records) == 1
    assert [str(e) for e in errors] == ["item 2: no claim (claimReviewed or vclaim)"]


def test_unreadable_dates_are_left_empty_not_refused():
    (record,), errors = parse_factchecks(json.dumps({**REVIEW, "datePublished": "last week"}))
    assert errors == []
    assert record.published_on is None
