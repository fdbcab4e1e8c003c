"""Fixing evidence before publication: edit and remove (the history keeps the old value),
retry a failed snapshot, attach an archive copy; after publication, only through a correction.
And the minimum-sources rule counts only evidence whose proof is kept."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from claims.models import ClaimStatus, Evidence, SnapshotStatus
from claims.selectors import claim_history
from claims.services.evidence import evidence_snapshot_fail
from claims.services.evidence_changes import (
    evidence_archive_attach,
    evidence_remove,
    evidence_snapshot_retry,
    evidence_update,
)
from claims.services.reviews import (
    ActionInvalid,
    TransitionNotAllowed,
    evidence_add,
    verdict_save_draft,
)
from claims.tasks import snapshot_evidence_task
from tests.factories import ClaimFactory
from tests.review_helpers import act, published_claim

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"
WAYBACK = "https://web.archive.org/web/20220303000000/https://data.unhcr.org/ukraine"


@pytest.fixture
def claim(annotator, moderator):
    claim = ClaimFactory()
    act(claim, annotator, "queue")
    act(claim, moderator, "start")
    return claim


@pytest.fixture
def source(claim, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        return evidence_add(
            claim_id=claim.id, user=moderator, url="https://data.unhcr.org/ukraine", title="UNHCR"
        )


def _fix(function, source, user, **kwargs):
    return function(claim_id=source.claim_id, evidence_id=source.id, user=user, **kwargs)


def test_the_researcher_corrects_a_source_and_the_history_keeps_the_old_value(source, moderator):
    _fix(evidence_update, source, moderator, url=source.url, title="UNHCR data portal",
         stance="refutes")  # fmt: skip
    source.refresh_from_db()
    assert (source.title, source.stance) == ("UNHCR data portal", "refutes")
    edited = [e for e in claim_history(source.claim) if e.reason == "evidence edited"]
    assert edited[0].who == "moritz"
    assert ("title", "UNHCR", "UNHCR data portal") in {
        (c.field, c.old, c.new) for c in edited[0].changes
    }


def test_a_new_address_is_snapshotted_again_after_commit(
    source, moderator, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(snapshot_evidence_task, "delay", sent.append)
    evidence_snapshot_fail(evidence_id=source.id, message="404")
    with django_capture_on_commit_callbacks(execute=True):
        _fix(evidence_update, source, moderator, url="https://www.unhcr.org/ukraine")
        assert sent == []  # not before the row is committed
    source.refresh_from_db()
    assert (source.domain, source.snapshot_status) == ("unhcr.org", SnapshotStatus.PENDING)
    assert sent == [source.id]


def test_a_removed_source_is_gone_and_kept_in_the_history(source, editor):
    _fix(evidence_remove, source, editor)
    assert not Evidence.objects.filter(id=source.id).exists()
    removed = [e for e in claim_history(source.claim) if e.change == "deleted"]
    assert (removed[0].object_label, removed[0].who) == ("UNHCR", "edith")


def test_others_cannot_fix_a_source(source, annotator, other_moderator):
    for user in (annotator, other_moderator):
        with pytest.raises(PermissionDenied, match="researching this claim, or an editor"):
            _fix(evidence_remove, source, user)


def test_after_publication_evidence_changes_only_through_a_correction(annotator, moderator, editor):
    claim = published_claim(annotator=annotator, moderator=moderator, editor=editor)
    source = claim.evidence.first()
    with pytest.raises(TransitionNotAllowed, match="only through a correction"):
        _fix(evidence_update, source, editor, url=source.url, title="Changed")
    with pytest.raises(TransitionNotAllowed, match="only through a correction"):
        _fix(evidence_remove, source, editor)


def test_a_failed_snapshot_is_retried_once_after_commit(
    source, moderator, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(snapshot_evidence_task, "delay", sent.append)
    evidence_snapshot_fail(evidence_id=source.id, message="Timed out")
    with django_capture_on_commit_callbacks(execute=True):
        _fix(evidence_snapshot_retry, source, moderator)
    source.refresh_from_db()
    assert (source.snapshot_status, source.snapshot_error) == (SnapshotStatus.PENDING, "")
    assert sent == [source.id]
    # A second click finds it pending: refused, nothing more enqueued.
    with pytest.raises(ActionInvalid, match="only a failed snapshot can be retried"):
        _fix(evidence_snapshot_retry, source, moderator)
    assert sent == [source.id]


def test_an_archive_file_is_stored_typed_by_content(source, moderator, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("unhcr.pdf", PDF, content_type="text/html")
    evidence = _fix(evidence_archive_attach, source, moderator, upload=upload)
    assert evidence.archive_content_type == "application/pdf"  # not what the browser said
    stored = tmp_path / evidence.archive_file.name
    assert stored.read_bytes() == PDF
    assert "unhcr" not in stored.name  # our name, not the uploader's
    assert evidence.is_preserved


def test_an_archive_file_over_the_limit_or_of_another_type_is_refused(
    source, moderator, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.EVIDENCE_ARCHIVE_MAX_BYTES = 20
    with pytest.raises(ActionInvalid, match="limited to 20"):
        _fix(evidence_archive_attach, source, moderator,
             upload=SimpleUploadedFile("unhcr.pdf", PDF))  # fmt: skip
    settings.EVIDENCE_ARCHIVE_MAX_BYTES = 10_000
    with pytest.raises(ActionInvalid, match="is not a PDF, an image"):
        _fix(evidence_archive_attach, source, moderator,
             upload=SimpleUploadedFile("unhcr.pdf", b"MZ\x90\x00 program"))  # fmt: skip
    assert not list(tmp_path.rglob("*.*"))


def test_an_archive_address_must_be_a_web_archive_copy(source, moderator):
    with pytest.raises(ActionInvalid, match="not a web archive we accept"):
        _fix(evidence_archive_attach, source, moderator, archive_url="https://evil.example/x")
    evidence = _fix(evidence_archive_attach, source, moderator, archive_url=WAYBACK)
    assert evidence.archive_url == WAYBACK


def test_publishing_counts_only_preserved_sources_and_names_those_short(
    claim, annotator, moderator, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        kept = evidence_add(claim_id=claim.id, user=moderator, url="https://un.org/report")
        failed = evidence_add(claim_id=claim.id, user=moderator, url="https://unhcr.org/data")
    _fix(evidence_archive_attach, kept, moderator, archive_url=f"https://archive.ph/{kept.id}")
    evidence_snapshot_fail(evidence_id=failed.id, message="answered 404")
    verdict_save_draft(claim_id=claim.id, user=moderator, rating="true", claim_reviewed="Fled")
    act(claim, moderator, "submit")
    act(claim, editor, "approve")
    with pytest.raises(ActionInvalid) as refused:
        act(claim, editor, "publish")
    assert "this claim has 1" in str(refused.value)
    assert "https://unhcr.org/data (snapshot failed: answered 404; no archive copy)" in str(
        refused.value
    )
    _fix(evidence_archive_attach, failed, editor, archive_url=f"{WAYBACK}?{failed.id}")
    assert act(claim, editor, "publish").status == ClaimStatus.PUBLISHED


def test_the_archived_file_is_served_as_a_download_that_cannot_run(
    client, source, moderator, annotator, no_role_user, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    html = b"<!DOCTYPE html><html><script>alert(document.cookie)</script></html>"
    _fix(evidence_archive_attach, source, moderator,
         upload=SimpleUploadedFile("page.html", html))  # fmt: skip
    url = reverse("evidence_archive_file", args=[source.claim_id, source.id])
    client.force_login(annotator)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == html
    assert response["Content-Type"] == "text/html"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"].startswith("sandbox")
    client.force_login(no_role_user)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


def test_the_claim_page_fixes_a_source(client, source, moderator):
    client.force_login(moderator)
    html = client.get(reverse("claim_detail", args=[source.claim_id])).content.decode()
    assert "Fix this source" in html
    response = client.post(
        reverse("evidence_edit", args=[source.claim_id, source.id]),
        {"fix-url": source.url, "fix-title": "UNHCR portal", "fix-stance": "supports"},
    )
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.title == "UNHCR portal"
    response = client.post(
        reverse("evidence_archive", args=[source.claim_id, source.id]),
        {"archive_url": "https://example.org/not-an-archive"},
    )
    assert response.status_code == 400
    assert "not a web archive we accept" in response.content.decode()
    response = client.post(reverse("evidence_remove", args=[source.claim_id, source.id]),
                           {"confirm": "True"})  # fmt: skip
    assert response.status_code == 302
    assert not Evidence.objects.filter(id=source.id).exists()


@pytest.fixture
def corrected(annotator, moderator, editor, django_capture_on_commit_callbacks):
    """A published fact-check with a correction waiting for review."""
    claim = published_claim(annotator=annotator, moderator=moderator, editor=editor)
    return act(claim, editor, "correct", comment="A third source.", verdict={"summary": "More."})


def _public_sources(client, claim):
    html = client.get(f"/fact-checks/{claim.slug}/").content.decode()
    return html[html.index('id="sources-h"') :]


def test_after_publication_a_source_is_added_only_with_a_correction(
    client, annotator, moderator, editor, django_capture_on_commit_callbacks
):
    claim = published_claim(annotator=annotator, moderator=moderator, editor=editor)
    with pytest.raises(TransitionNotAllowed, match="Propose a correction first"):
        evidence_add(claim_id=claim.id, user=editor, url="https://www.iom.int/ukraine")


def test_a_source_added_with_a_correction_goes_live_when_it_is_approved(
    client, corrected, editor, other_editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        added = evidence_add(claim_id=corrected.id, user=editor, url="https://www.iom.int/ukraine")
    assert added.added_by_correction == corrected.pending_correction
    _fix(evidence_archive_attach, added, editor, archive_url=f"https://archive.ph/{added.id}")
    assert "iom.int" not in _public_sources(client, corrected)
    act(corrected, other_editor, "approve_correction")
    added.refresh_from_db()
    assert added.added_by_correction is None
    assert "iom.int" in _public_sources(client, corrected)


def test_a_published_source_removed_with_a_correction_stays_public_until_approval(
    client, corrected, editor, other_editor, settings
):
    source = corrected.evidence.get(domain="news.un.org")
    with pytest.raises(TransitionNotAllowed, match="not edited in place"):
        _fix(evidence_update, source, editor, url=source.url, title="Changed")
    _fix(evidence_remove, source, editor)
    assert "news.un.org" in _public_sources(client, corrected)
    settings.MIN_INDEPENDENT_SOURCES = 1
    act(corrected, other_editor, "approve_correction")
    assert not Evidence.objects.filter(id=source.id).exists()
    assert "news.un.org" not in _public_sources(client, corrected)


def test_a_correction_that_leaves_too_few_sources_is_not_approved(corrected, editor, other_editor):
    _fix(evidence_remove, corrected.evidence.get(domain="news.un.org"), editor)
    with pytest.raises(ActionInvalid, match="Approving this correction needs at least 2"):
        act(corrected, other_editor, "approve_correction")
    assert corrected.evidence.count() == 2  # nothing applied


def test_a_rejected_correction_drops_its_added_sources_and_keeps_the_removed_ones(
    corrected, editor, other_editor, django_capture_on_commit_callbacks
):
    kept = corrected.evidence.get(domain="news.un.org")
    _fix(evidence_remove, kept, editor)
    with django_capture_on_commit_callbacks(execute=False):
        added = evidence_add(claim_id=corrected.id, user=editor, url="https://www.iom.int/ukraine")
    act(corrected, other_editor, "reject_correction", comment="Not needed.")
    assert not Evidence.objects.filter(id=added.id).exists()
    kept.refresh_from_db()
    assert kept.removed_by_correction is None


def test_the_api_says_which_sources_a_pending_correction_adds_or_removes(
    corrected, editor, django_capture_on_commit_callbacks
):
    from rest_framework.test import APIClient

    removed = corrected.evidence.get(domain="news.un.org")
    _fix(evidence_remove, removed, editor)
    with django_capture_on_commit_callbacks(execute=False):
        added = evidence_add(claim_id=corrected.id, user=editor, url="https://www.iom.int/ukraine")
    api = APIClient()
    api.force_authenticate(editor)
    rows = {r["id"]: r for r in api.get(f"/api/v1/claims/{corrected.id}/evidence/").json()}
    pending = corrected.pending_correction.id
    assert rows[added.id]["added_by_correction"] == pending
    assert rows[removed.id]["removed_by_correction"] == pending
    assert rows[removed.id]["archive_url"].startswith("https://web.archive.org/web/")
