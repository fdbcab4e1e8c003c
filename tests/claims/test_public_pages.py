"""The public fact-check pages and the ClaimReview they embed."""

import json
import re

import pytest
from django.test import Client

from claims.exports.claimreview import claimreview
from claims.models import Claim, Rating
from claims.selectors import published_factchecks
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory
from tests.review_helpers import act, claim_in_review, published_claim

pytestmark = pytest.mark.django_db

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def embedded_claimreview(html: str) -> dict:
    (found,) = JSONLD.findall(html)
    return json.loads(found)


@pytest.fixture
def factcheck(annotator, moderator, editor):
    outlet = OutletFactory(name="Kyiv Post", slug="kyiv-post", homepage="https://kyivpost.com")
    article = ArticleFactory(
        outlet=outlet, title="Safe corridors agreed", url="https://kyivpost.com/safe-corridors"
    )
    claim = ClaimFactory(article=article, claimant="Mykhailo Podolyak")
    return published_claim(annotator=annotator, moderator=moderator, editor=editor, claim=claim)


def test_the_page_shows_claim_context_verdict_and_sources(factcheck):
    response = Client().get(f"/fact-checks/{factcheck.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "More than 1 million people fled the country in a week." in html
    assert "<mark>More than 1 million people fled the country in a week.</mark>" in html
    assert 'href="https://kyivpost.com/safe-corridors"' in html
    assert re.search(r"Our rating: <strong[^>]*>True</strong>", html)
    assert "UNHCR counted 1,045,459 arrivals" in html
    assert 'href="https://www.unhcr.org/ukraine-figures" rel="nofollow noopener"' in html
    assert "Corrections" not in html
    assert "retracted" not in html


def test_the_page_embeds_claimreview_with_the_right_values(factcheck):
    response = Client().get(f"/fact-checks/{factcheck.slug}/")
    data = embedded_claimreview(response.content.decode())
    url = f"http://127.0.0.1:8000/fact-checks/{factcheck.slug}/"  # SITE_URL, not the Host
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "ClaimReview"
    assert data["@id"] == url + "#claimreview"
    assert data["url"] == url
    assert data["claimReviewed"] == "More than 1 million people fled Ukraine"
    assert data["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "True",
        "ratingValue": 5,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert data["author"] == {
        "@type": "Organization",
        "name": "Claim Workbench",
        "url": "http://127.0.0.1:8000",
    }
    assert data["datePublished"] == factcheck.published_at.isoformat()
    assert data["dateModified"] == factcheck.published_at.isoformat()
    item = data["itemReviewed"]
    assert item["@type"] == "Claim"
    assert item["author"] == {"@type": "Person", "name": "Mykhailo Podolyak"}
    assert item["datePublished"] == factcheck.article.published_at.date().isoformat()
    assert item["appearance"][0]["url"] == "https://kyivpost.com/safe-corridors"
    assert item["appearance"][0]["headline"] == "Safe corridors agreed"
    assert item["firstAppearance"] == item["appearance"][0]
    assert [c["url"] for c in data["citation"]] == [
        "https://www.unhcr.org/ukraine-figures",
        "https://news.un.org/en/story/1",
    ]
    assert data["inLanguage"] == "en"


def test_the_csp_does_not_need_to_allow_the_jsonld(factcheck):
    response = Client().get(f"/fact-checks/{factcheck.slug}/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp  # JSON-LD is a data block, which CSP does not govern


def test_jsonld_cannot_break_out_of_its_script_element(factcheck, editor, other_editor):
    evil = "</script><script>alert(1)</script> & more"
    act(factcheck, editor, "correct", comment="Wording.", verdict={"claim_reviewed": evil})
    act(factcheck, other_editor, "approve_correction")
    html = Client().get(f"/fact-checks/{factcheck.slug}/").content.decode()
    assert "<script>alert(1)" not in html
    assert embedded_claimreview(html)["claimReviewed"] == evil


def test_a_correction_shows_in_the_log_and_moves_date_modified(factcheck, editor, other_editor):
    act(
        factcheck,
        editor,
        "correct",
        comment="UNHCR revised its count on 4 March.",
        verdict={"rating": Rating.objects.get(slug="mostly-true"), "summary": "Revised."},
    )
    act(factcheck, other_editor, "approve_correction")
    html = Client().get(f"/fact-checks/{factcheck.slug}/").content.decode()
    assert "Corrections" in html
    assert "UNHCR revised its count on 4 March." in html
    data = embedded_claimreview(html)
    correction = Claim.objects.get(id=factcheck.id).current_verdict
    assert data["dateModified"] == correction.approved_at.isoformat()
    assert data["reviewRating"]["alternateName"] == "Mostly true"


def test_a_retracted_factcheck_keeps_its_page_with_a_notice(factcheck, editor):
    act(factcheck, editor, "retract", comment="The article we checked was withdrawn.")
    response = Client().get(f"/fact-checks/{factcheck.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "This fact-check was retracted" in html
    assert "The article we checked was withdrawn." in html
    assert "application/ld+json" not in html  # search engines drop the withdrawn rating
    assert Client().get("/fact-checks/").content.decode().count(factcheck.slug) == 0


def test_unpublished_claims_have_no_public_page(annotator, moderator, editor):
    claim = claim_in_review(annotator=annotator, moderator=moderator)
    act(claim, editor, "approve")
    Claim.objects.filter(id=claim.id).update(slug="not-yet-public")
    assert Client().get("/fact-checks/not-yet-public/").status_code == 404
    assert Client().get("/fact-checks/no-such-thing/").status_code == 404
    assert "not-yet-public" not in Client().get("/fact-checks/").content.decode()


def test_the_index_lists_newest_first_and_paginates(annotator, moderator, editor):
    claims = [
        published_claim(annotator=annotator, moderator=moderator, editor=editor) for _ in range(3)
    ]
    html = Client().get("/fact-checks/").content.decode()
    positions = [html.index(f"/fact-checks/{c.slug}/") for c in claims]
    assert positions == sorted(positions, reverse=True)
    assert Client().get("/fact-checks/?page=2").status_code == 200  # last page, not an error


def test_ratings_without_a_position_are_published_by_name_only(factcheck, editor, other_editor):
    misleading = Rating.objects.get(slug="misleading")
    act(factcheck, editor, "correct", comment="Reframed.", verdict={"rating": misleading})
    act(factcheck, other_editor, "approve_correction")
    claim = published_factchecks().get(id=factcheck.id)
    rating = claimreview(claim, request_or_site_url="https://checks.example.org/")["reviewRating"]
    assert rating == {"@type": "Rating", "alternateName": "Misleading"}


def test_organisations_as_claimants(factcheck):
    Claim.objects.filter(id=factcheck.id).update(claimant="Ukraine's Defence Ministry")
    claim = published_factchecks().get(id=factcheck.id)
    author = claimreview(claim, request_or_site_url="https://checks.example.org")["itemReviewed"][
        "author"
    ]
    assert author == {"@type": "Organization", "name": "Ukraine's Defence Ministry"}


def test_claimreview_costs_no_query_per_claim(
    annotator, moderator, editor, django_assert_num_queries
):
    for _ in range(4):
        published_claim(annotator=annotator, moderator=moderator, editor=editor)
    with django_assert_num_queries(4):  # claims + verdicts + evidence + duplicates' articles
        items = [
            claimreview(c, request_or_site_url="https://checks.example.org")
            for c in published_factchecks()
        ]
    assert len(items) == 4
    assert items[0]["url"].startswith("https://checks.example.org/fact-checks/")


@pytest.mark.postgres
def test_an_article_address_that_is_not_a_web_address_is_never_linked(factcheck):
    from claims.models import Article
    from tests.legacy_rows import lift_constraints

    lift_constraints("article_url_web_url")  # a row stored before the rule
    Article.objects.filter(id=factcheck.article_id).update(
        url="javascript:alert(1)", canonical_url=None
    )
    html = Client().get(f"/fact-checks/{factcheck.slug}/").content.decode()
    assert "javascript:" not in html
    assert "appearance" not in embedded_claimreview(html)["itemReviewed"]


def test_the_summary_is_markdown_on_the_page_and_plain_text_in_review_body(
    annotator, moderator, editor
):
    claim = claim_in_review(annotator=annotator, moderator=moderator)
    verdict = claim.current_verdict
    verdict.summary = "UNHCR counted **more than 1 million** <script>alert(1)</script>"
    verdict.save()
    act(claim, editor, "approve")
    claim = act(claim, editor, "publish")
    html = Client().get(f"/fact-checks/{claim.slug}/").content.decode()
    assert "<strong>more than 1 million</strong>" in html
    assert "**more" not in html
    assert "<script>alert(1)" not in html
    review_body = embedded_claimreview(html)["reviewBody"]
    assert review_body == "UNHCR counted more than 1 million"
    index = Client().get("/fact-checks/").content.decode()
    assert "**more" not in index
