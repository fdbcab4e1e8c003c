"""Every ClaimReview we hand out matches our JSON Schema and expands as schema.org JSON-LD.

Expansion runs offline: the document loader serves our local copy of the schema.org context
and refuses every other URL, so a test can never reach the network.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from pyld import jsonld

from claims.models import ClaimStatus
from tests.api.helpers import key_header, make_factcheck, make_key

SCHEMAS = Path(__file__).resolve().parents[2] / "claims" / "exports" / "schemas"
SCHEMA = json.loads((SCHEMAS / "claimreview.schema.json").read_text())
CONTEXT = json.loads((SCHEMAS / "schemaorg-context.jsonld").read_text())
SDO = "https://schema.org/"


def offline_loader(url, options=None):
    if url.rstrip("/") in ("https://schema.org", "http://schema.org") or url.startswith(
        "https://schema.org/docs/jsonldcontext"
    ):
        return {"contextUrl": None, "documentUrl": url, "document": CONTEXT}
    raise AssertionError(f"the JSON-LD expansion tried to load {url}")


VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def assert_valid_claimreview(review: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(review), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    expanded = jsonld.expand(review, {"documentLoader": offline_loader})
    assert len(expanded) == 1
    node = expanded[0]
    assert node["@type"] == [f"{SDO}ClaimReview"]
    assert node["@id"] == review["@id"]
    assert node[f"{SDO}claimReviewed"][0]["@value"] == review["claimReviewed"]
    rating = node[f"{SDO}reviewRating"][0]
    assert rating["@type"] == [f"{SDO}Rating"]
    assert rating[f"{SDO}alternateName"][0]["@value"] == review["reviewRating"]["alternateName"]
    item = node[f"{SDO}itemReviewed"][0]
    assert item["@type"] == [f"{SDO}Claim"]
    assert item[f"{SDO}appearance"][0][f"{SDO}url"][0]["@id"].startswith("http")
    # The claim's author (its claimant) and date are schema.org terms, not stray keys.
    (author,) = item[f"{SDO}author"]
    assert author["@type"][0] in (f"{SDO}Person", f"{SDO}Organization")
    assert author[f"{SDO}name"][0]["@value"] == review["itemReviewed"]["author"]["name"]
    assert item[f"{SDO}datePublished"][0]["@value"] == review["itemReviewed"]["datePublished"]
    assert node[f"{SDO}url"][0]["@id"] == review["url"]


def test_the_loader_refuses_the_network():
    with pytest.raises(jsonld.JsonLdError):
        jsonld.expand(
            {"@context": "https://example.org/ctx", "a": 1}, {"documentLoader": offline_loader}
        )


def test_every_claimreview_export_is_valid(client, db):
    _, key = make_key()
    claims = [
        make_factcheck(),
        make_factcheck(rating="misleading", claimant="Ministry of Defence"),
        make_factcheck(corrected=True, claimant=""),
        make_factcheck(status=ClaimStatus.RETRACTED),
    ]
    header = key_header(key)
    reviews = []
    for claim in claims:
        response = client.get(f"/api/v1/fact-checks/{claim.id}/", {"format": "jsonld"}, **header)
        assert response.status_code == 200
        reviews.append(response.json())
    feed = client.get("/api/v1/fact-checks/", {"format": "jsonld"}, **header).json()
    reviews += feed["dataFeedElement"]
    export = client.get("/api/v1/exports/claimreview.json", **header)
    reviews += json.loads(b"".join(export.streaming_content))
    assert len(reviews) == 4 + 3 + 3
    for review in reviews:
        assert_valid_claimreview(review)


def test_claimreview_carries_every_recommended_field(client, db):
    _, key = make_key()
    claim = make_factcheck(corrected=True)
    review = client.get(
        f"/api/v1/fact-checks/{claim.id}/", HTTP_ACCEPT="application/ld+json", **key_header(key)
    ).json()
    assert review["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "False",
        "ratingValue": 1,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Mykhailo Podolyak"}
    assert review["itemReviewed"]["firstAppearance"] == review["itemReviewed"]["appearance"][0]
    assert [c["url"] for c in review["citation"]] == [
        f"https://source{n}.example.org/report/{claim.id}" for n in range(2)
    ]
    assert review["dateModified"] > review["datePublished"]  # the correction
    assert review["inLanguage"] == "en"
    assert review["@id"] == review["url"] + "#claimreview"


def test_ratings_off_the_scale_have_no_value(client, db):
    _, key = make_key()
    claim = make_factcheck(rating="unproven")
    review = client.get(
        f"/api/v1/fact-checks/{claim.id}/", {"format": "jsonld"}, **key_header(key)
    ).json()
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "Unproven"}
    assert_valid_claimreview(review)


def test_the_schema_rejects_a_review_missing_a_required_field(client, db):
    _, key = make_key()
    claim = make_factcheck()
    review = client.get(
        f"/api/v1/fact-checks/{claim.id}/", {"format": "jsonld"}, **key_header(key)
    ).json()
    del review["itemReviewed"]["appearance"]
    with pytest.raises(AssertionError, match="appearance"):
        assert_valid_claimreview(review)


def test_the_export_builds_the_same_claimreview_as_the_api(client, db, settings):
    # The export reads plain rows rather than models (for speed); the result must not differ.
    settings.SITE_URL = "http://testserver"
    _, key = make_key()
    claims = [
        make_factcheck(),
        make_factcheck(corrected=True, claimant=""),
        make_factcheck(rating="unproven", sources=0),
    ]
    export = client.get("/api/v1/exports/claimreview.json", **key_header(key))
    exported = {r["@id"]: r for r in json.loads(b"".join(export.streaming_content))}
    for claim in claims:
        review = client.get(
            f"/api/v1/fact-checks/{claim.id}/", {"format": "jsonld"}, **key_header(key)
        ).json()
        assert exported[review["@id"]] == review


def test_item_reviewed_without_its_author_date_or_appearance_fails_the_schema(client, db):
    _, key = make_key()
    claim = make_factcheck()
    review = client.get(
        f"/api/v1/fact-checks/{claim.id}/", {"format": "jsonld"}, **key_header(key)
    ).json()
    assert_valid_claimreview(review)
    for field in ("author", "datePublished", "appearance"):
        broken = json.loads(json.dumps(review))
        del broken["itemReviewed"][field]
        with pytest.raises(AssertionError, match=field):
            assert_valid_claimreview(broken)
    broken = json.loads(json.dumps(review))
    broken["itemReviewed"]["author"] = {"@type": "Thing", "name": "x"}
    with pytest.raises(AssertionError):
        assert_valid_claimreview(broken)


def test_review_body_is_plain_text(client, db):
    _, key = make_key()
    claim = make_factcheck()
    verdict = claim.verdicts.get()
    verdict.summary = "**Official** figures say _otherwise_: see [UNHCR](https://unhcr.org)."
    verdict.save()
    review = client.get(
        f"/api/v1/fact-checks/{claim.id}/", {"format": "jsonld"}, **key_header(key)
    ).json()
    assert_valid_claimreview(review)
    assert review["reviewBody"] == "Official figures say otherwise: see UNHCR."
    review["reviewBody"] = "**Official** <b>figures</b>"
    with pytest.raises(AssertionError, match="reviewBody"):
        assert_valid_claimreview(review)
