"""Issue 5's end-to-end journey, through the API and the public page, on the seed article."""

import json
import re
from datetime import UTC, datetime

import pytest
from pyld import jsonld
from rest_framework.test import APIClient

from claims.models import Article, Claim, Outlet
from tests.review_helpers import preserve_sources

pytestmark = pytest.mark.django_db

SEED = "seed/ukraine-safe-corridors-2022-03-03.txt"
# The seed text writes a typographic apostrophe (U+2019).
QUOTE = "the fighting that has sent more than 1 million people fleeing over Ukraine\u2019s borders."
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# schema.org's context, reduced to what expansion needs, so the test needs no network.
SCHEMA_ORG_CONTEXT = {"@context": {"@vocab": "https://schema.org/"}}


def offline_loader(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"the JSON-LD asked to load {url}; only schema.org is expected")
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_ORG_CONTEXT}


def as_user(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def ok(response, status=200):
    assert response.status_code == status, response.content
    return response.json()


def page_claimreview(html: str) -> dict:
    (found,) = JSONLD.findall(html)
    data = json.loads(found)
    expanded = jsonld.expand(data, {"documentLoader": offline_loader})
    assert expanded[0]["@type"] == ["https://schema.org/ClaimReview"]
    return data


@pytest.fixture
def seed_article(shared_data):
    text = (shared_data / SEED).read_text(encoding="utf-8")
    return Article.objects.create(
        outlet=Outlet.objects.create(name="VOA", slug="voa", language="en"),
        url="https://www.voanews.com/a/ukraine-russia-safe-corridors/6468364.html",
        canonical_url="https://www.voanews.com/a/ukraine-russia-safe-corridors/6468364.html",
        title="Ukraine, Russia Agree to Create Safe Corridor as Zelenskyy Asks Putin to Meet",
        published_at=datetime(2022, 3, 3, 12, tzinfo=UTC),
        language="en",
        text=text,
    )


def test_a_claim_goes_from_the_seed_article_to_a_corrected_public_factcheck(
    seed_article, annotator, moderator, editor, other_editor
):
    # The annotator marks the claim the extractor should have found.
    start = seed_article.text.index(QUOTE)
    claim = ok(
        as_user(annotator).post(
            "/api/v1/claims/",
            {
                "article": seed_article.id,
                "start": start,
                "end": start + len(QUOTE),
                "text": "More than 1 million people fled Ukraine",
            },
            format="json",
        ),
        201,
    )
    url = f"/api/v1/claims/{claim['id']}/"
    assert claim["quote"] == QUOTE
    ok(as_user(annotator).post(url + "transition/", {"action": "queue"}, format="json"))

    # The moderator takes it, adds two sources on different domains, drafts "True", submits.
    mod = as_user(moderator)
    taken = ok(mod.post(url + "transition/", {"action": "start"}, format="json"))
    assert (taken["status"], taken["assignee"]["username"]) == ("in_progress", "moritz")
    for source in (
        {"url": "https://data.unhcr.org/en/situations/ukraine", "publisher": "UNHCR"},
        {"url": "https://news.un.org/en/story/2022/03/1113152", "publisher": "UN News"},
    ):
        ok(mod.post(url + "evidence/", {**source, "stance": "supports"}, format="json"), 201)
    # No worker stores snapshots here: the moderator attaches archive copies instead (publishing
    # counts only sources whose proof is kept).
    preserve_sources(Claim.objects.get(id=claim["id"]), moderator)
    verdict = ok(
        mod.post(
            url + "verdicts/",
            {
                "rating": "true",
                "claim_reviewed": "More than 1 million people fled Ukraine",
                "summary": "UNHCR counted 1,045,459 refugees by 3 March 2022.",
            },
            format="json",
        ),
        201,
    )
    assert (verdict["rating"]["label"], verdict["warnings"]) == ("True", [])
    assert ok(mod.post(url + "transition/", {"action": "submit"}))["status"] == "in_review"

    # The same moderator cannot approve.
    refused = mod.post(url + "transition/", {"action": "approve"}, format="json")
    assert refused.status_code == 403
    assert "approve" not in ok(mod.get(url))["allowed_actions"]

    # An editor approves and publishes.
    ed = as_user(editor)
    assert ok(ed.post(url + "transition/", {"action": "approve"}))["status"] == "approved"
    published = ok(ed.post(url + "transition/", {"action": "publish"}))
    assert published["status"] == "published"
    page_url = f"/fact-checks/{published['slug']}/"

    # An anonymous visitor sees the public page with valid ClaimReview JSON-LD.
    visitor = APIClient()
    page = visitor.get(page_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert QUOTE in html
    data = page_claimreview(html)
    assert data["claimReviewed"] == "More than 1 million people fled Ukraine"
    assert data["reviewRating"]["alternateName"] == "True"
    assert data["reviewRating"]["ratingValue"] == 5
    assert data["itemReviewed"]["datePublished"] == "2022-03-03"
    assert data["itemReviewed"]["appearance"][0]["url"] == seed_article.url
    assert len(data["citation"]) == 2
    assert data["dateModified"] == data["datePublished"]
    assert visitor.get(url).status_code in (401, 403)  # the API stays closed to visitors

    # The editor corrects it; the page shows the correction and a later dateModified.
    corrected = ok(
        ed.post(
            url + "transition/",
            {
                "action": "correct",
                "comment": "UNHCR's count was 1,045,459, not 1.2 million as first written.",
                "rating": "mostly-true",
                "summary": "UNHCR counted 1,045,459 refugees by 3 March 2022; some had "
                "already returned.",
            },
            format="json",
        )
    )
    assert corrected["status"] == "published"
    # Proposed, not live: the public page keeps version 1 until another editor approves.
    assert corrected["current_verdict"]["version"] == 1
    assert "approve_correction" not in corrected["allowed_actions"]
    html = visitor.get(page_url).content.decode()
    assert "Corrections" not in html
    assert page_claimreview(html)["reviewRating"]["alternateName"] == "True"
    refused = ed.post(url + "transition/", {"action": "approve_correction"}, format="json")
    assert refused.status_code == 403
    approved = ok(as_user(other_editor).post(url + "transition/", {"action": "approve_correction"}))
    assert approved["current_verdict"]["version"] == 2
    html = visitor.get(page_url).content.decode()
    assert "Corrections" in html
    assert "UNHCR&#x27;s count was 1,045,459, not 1.2 million as first written." in html
    data = page_claimreview(html)
    assert data["reviewRating"]["alternateName"] == "Mostly true"
    assert data["dateModified"] > data["datePublished"]

    # And the audit history tells the story, with who did what.
    history = ok(ed.get(url + "history/"))
    assert {e["who"] for e in history} >= {"anna", "moritz", "edith", "emil"}
