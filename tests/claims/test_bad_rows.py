"""One bad row must not take the public outputs down: control characters are kept out at
input and out of the XML, a public claim always has a verdict in force (the database says so),
and the admin shows workflow state read-only."""

from __future__ import annotations

import csv
import importlib
import io
import json
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone

from claims.cleantext import strip_control_characters, xml_text
from claims.models import Article, Claim, ClaimStatus, Comment, ImportItem, Verdict
from claims.services.import_items import import_item_process
from claims.services.import_jobs import import_job_submit
from claims.services.reviews import comment_add, verdict_save_draft
from tests.api.helpers import key_header, make_factcheck, make_key
from tests.factories import ClaimFactory
from tests.legacy_rows import lift_constraints
from tests.review_helpers import act, claim_in_review, published_claim

ATOM = "/api/v1/feeds/fact-checks.atom"
CONTROLS = "\x01\x08\x0b\x0c\x1b\x1f\x7f\x85\ufffe"


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _atom_entries(client) -> list:
    response = client.get(ATOM)
    assert response.status_code == 200
    return ElementTree.fromstring(_body(response)).findall("{http://www.w3.org/2005/Atom}entry")


def test_control_characters_are_stripped_but_tabs_and_line_breaks_stay():
    assert strip_control_characters(f"a{CONTROLS}b\tc\nd\re") == "a\n\nb\tc\nd\re"
    assert strip_control_characters("page one\x0cpage two") == "page one\npage two"
    assert xml_text(None) == ""


# --- input ---------------------------------------------------------------------------------------


def test_a_retraction_notice_with_a_control_character_keeps_the_feed_up(
    client, annotator, moderator, editor
):
    claim = published_claim(annotator=annotator, moderator=moderator, editor=editor)
    act(claim, editor, "retract", comment="The source\u000b was fabricated.")
    claim.refresh_from_db()
    assert claim.retraction_note == "The source\n was fabricated."
    (entry,) = _atom_entries(client)
    assert "was fabricated" in ElementTree.tostring(entry, encoding="unicode")


def test_verdicts_comments_and_claim_edits_are_stored_without_control_characters(
    annotator, moderator
):
    claim = claim_in_review(annotator=annotator, moderator=moderator)
    comment_add(claim_id=claim.id, user=moderator, body="Checked\x1b[31m twice\x00.")
    assert Comment.objects.get(claim=claim).body == "Checked[31m twice."
    draft = ClaimFactory(status=ClaimStatus.IN_PROGRESS, assignee=moderator)
    verdict = verdict_save_draft(
        claim_id=draft.id,
        user=moderator,
        rating="false",
        claim_reviewed="A\x07 claim",
        summary="Figures\x0bsay otherwise\x01.",
    )
    assert (verdict.claim_reviewed, verdict.summary) == ("A claim", "Figures\nsay otherwise.")


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Claim, "retraction_note"),
        (Claim, "text"),
        (Verdict, "summary"),
        (Verdict, "claim_reviewed"),
        (Comment, "body"),
        (Article, "title"),
    ],
)
def test_model_validation_refuses_control_characters(model, field):
    # What the Django admin and every model form run before saving.
    with pytest.raises(ValidationError):
        model._meta.get_field(field).clean("bad\x0bvalue", None)
    assert model._meta.get_field(field).clean("fine\ttext\n", None) == "fine\ttext\n"


def test_imported_text_and_titles_lose_their_control_characters(db):
    job = import_job_submit(
        source="api",
        articles=[
            {
                "title": "Safe\x0b corridors\x1f",
                "text": "More than 1 million people\x0c fled\x01 the country in a week.",
            }
        ],
    )
    import_item_process(item_id=ImportItem.objects.get(job=job).id)
    article = Article.objects.get()
    assert article.title == "Safe\n corridors"
    assert article.text == "More than 1 million people\n fled the country in a week."


# --- output: rows stored before the rules -------------------------------------------------------


def test_the_atom_feed_survives_control_characters_in_any_stored_text(client, db):
    claim = make_factcheck(status=ClaimStatus.RETRACTED, corrected=True)
    Claim.objects.filter(id=claim.id).update(retraction_note=f"Gone{CONTROLS}.")
    Verdict.objects.filter(claim=claim).update(
        summary=f"Sum{CONTROLS}mary", claim_reviewed=f"Claim{CONTROLS}", correction_note="Fix\x0b"
    )
    (entry,) = _atom_entries(client)
    text = ElementTree.tostring(entry, encoding="unicode")
    assert "Gone" in text
    assert "Summary" not in text  # the characters are removed, the words kept apart
    assert "Sum" in text


@pytest.fixture
def published_without_verdict(db):
    """A claim set to "published" around the workflow, as the admin once allowed, beside a
    proper fact-check (PostgreSQL: the test lifts the constraint inside its transaction)."""
    good = make_factcheck(text="A proper fact-check")
    lift_constraints("claim_public_has_verdict")
    bad = ClaimFactory()
    Claim.objects.filter(id=bad.id).update(
        status=ClaimStatus.PUBLISHED, published_at=timezone.now(), slug="no-verdict"
    )
    return good, bad


@pytest.mark.postgres
def test_a_published_claim_without_a_verdict_takes_no_output_down(
    client, published_without_verdict
):
    good, bad = published_without_verdict
    headers = key_header(make_key()[1])
    api = client.get("/api/v1/fact-checks/", **headers)
    assert api.status_code == 200
    assert [item["id"] for item in api.json()["results"]] == [good.id]
    assert client.get(f"/api/v1/fact-checks/{bad.id}/", **headers).status_code == 404
    jsonld = client.get("/api/v1/fact-checks/?format=jsonld", **headers)
    assert jsonld.status_code == 200
    assert Client().get("/fact-checks/").status_code == 200
    assert Client().get("/fact-checks/no-verdict/").status_code == 404
    assert len(_atom_entries(client)) == 1
    rows = list(csv.DictReader(io.StringIO(_body(client.get(
        "/api/v1/exports/fact-checks.csv", **headers)))))  # fmt: skip
    assert [int(row["id"]) for row in rows] == [good.id]
    lines = _body(client.get("/api/v1/exports/fact-checks.ndjson", **headers)).splitlines()
    assert [json.loads(line)["id"] for line in lines] == [good.id]
    claimreviews = json.loads(_body(client.get("/api/v1/exports/claimreview.json", **headers)))
    assert len(claimreviews) == 1


# --- illegal states are impossible ------------------------------------------------------------


def test_the_database_refuses_a_public_claim_without_a_verdict(db):
    claim = ClaimFactory()
    for status in (ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED):
        with pytest.raises(IntegrityError), transaction.atomic():
            Claim.objects.filter(id=claim.id).update(
                status=status, published_at=timezone.now(), slug=f"s-{status}"
            )


def test_the_database_refuses_a_public_claim_without_an_address(db):
    claim = make_factcheck()
    with pytest.raises(IntegrityError), transaction.atomic():
        Claim.objects.filter(id=claim.id).update(slug=None)


def test_the_services_keep_the_verdict_in_force_on_the_claim(
    annotator, moderator, editor, other_editor
):
    claim = published_claim(annotator=annotator, moderator=moderator, editor=editor)
    claim.refresh_from_db()
    assert claim.live_verdict == Verdict.objects.get(claim=claim, is_current=True)
    act(claim, editor, "correct", comment="Misnamed the agency.", verdict={"summary": "Fixed."})
    claim.refresh_from_db()
    # A proposed correction is not in force: the public verdict stays version 1 ...
    assert claim.live_verdict.version == 1
    assert claim.live_verdict.is_current
    act(claim, other_editor, "approve_correction")
    claim.refresh_from_db()
    # ... until another editor approves it.
    assert claim.live_verdict.version == 2
    assert claim.live_verdict.is_current


def test_the_admin_shows_workflow_state_read_only(client, admin_user):
    claim = ClaimFactory(text="Some claim")
    client.force_login(admin_user)
    url = f"/admin/claims/claim/{claim.id}/change/"
    page = client.get(url).content.decode()
    assert 'name="status"' not in page
    assert 'name="published_at' not in page
    response = client.post(
        url,
        {
            "article": claim.article_id,
            "start": claim.start,
            "end": claim.end,
            "quote": claim.quote,
            "text": "Edited text",
            "status": ClaimStatus.PUBLISHED,
            "published_at_0": "2026-01-01",
            "published_at_1": "00:00:00",
            "slug": "forced",
            "origin": "machine",
            "kinds": "[]",
            "quantities-TOTAL_FORMS": "0",
            "quantities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    claim.refresh_from_db()
    assert claim.text == "Edited text"
    assert claim.version == 2  # an open claim form made on version 1 is now stale
    assert (claim.status, claim.published_at, claim.slug) == (ClaimStatus.NEW, None, None)


def test_the_admin_cannot_add_or_delete_verdicts(client, admin_user):
    claim = make_factcheck()
    client.force_login(admin_user)
    verdict = claim.live_verdict
    assert client.get("/admin/claims/verdict/add/").status_code == 403
    assert client.get(f"/admin/claims/verdict/{verdict.id}/delete/").status_code == 403


@pytest.mark.postgres
def test_the_migration_fills_the_verdict_in_force_and_unpublishes_claims_without_one(db):
    good = make_factcheck()
    lift_constraints("claim_public_has_verdict", "claim_public_has_slug")
    Claim.objects.filter(id=good.id).update(live_verdict=None, slug=None)
    bad = ClaimFactory()
    Claim.objects.filter(id=bad.id).update(
        status=ClaimStatus.PUBLISHED, published_at=timezone.now()
    )
    migration = importlib.import_module("claims.migrations.0009_published_claim_verdict")
    migration.fill_live_verdict(apps, None)
    good.refresh_from_db()
    bad.refresh_from_db()
    assert good.live_verdict == Verdict.objects.get(claim=good, is_current=True)
    assert good.slug == f"fact-check-{good.id}"
    assert bad.status == ClaimStatus.IN_PROGRESS
    assert "without a verdict" in bad.status_note
