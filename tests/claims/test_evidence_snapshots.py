"""Evidence snapshots: enqueued after commit, fetched safely, stored once, failures explained."""

import hashlib

import pytest

from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.ingest.fetching import FetchedPage
from claims.models import EvidenceSnapshot, SnapshotStatus
from claims.services import evidence as evidence_services
from claims.services.reviews import claim_transition, evidence_add
from claims.tasks import snapshot_evidence_task
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

PAGE = b"""<html><head><title>Ukraine refugees</title></head><body><article>
<h1>Operational data portal</h1>
<p>More than one million refugees have fled Ukraine to neighbouring countries in the seven days
since the Russian military offensive began, according to the UN refugee agency.</p>
<p>The agency counts arrivals in Poland, Hungary, Moldova, Slovakia and Romania every day and
publishes the totals on its data portal, with the sources of each national figure.</p>
</article></body></html>"""


@pytest.fixture
def evidence(moderator, annotator, django_capture_on_commit_callbacks):
    claim = ClaimFactory()
    claim_transition(claim_id=claim.id, user=annotator, action="queue")
    claim_transition(claim_id=claim.id, user=moderator, action="start")
    with django_capture_on_commit_callbacks(execute=False):
        return evidence_add(claim_id=claim.id, user=moderator, url="https://data.unhcr.org/ukraine")


def _serve(monkeypatch, page=None, error=None):
    calls = []

    def fake_fetch(url, **kwargs):
        calls.append(url)
        if error:
            raise error
        return page

    monkeypatch.setattr(evidence_services, "fetch_url", fake_fetch)
    return calls


def test_adding_evidence_enqueues_its_snapshot_after_commit(
    moderator, annotator, django_capture_on_commit_callbacks, monkeypatch
):
    claim = ClaimFactory()
    claim_transition(claim_id=claim.id, user=annotator, action="queue")
    claim_transition(claim_id=claim.id, user=moderator, action="start")
    sent = []
    monkeypatch.setattr(snapshot_evidence_task, "delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        evidence = evidence_add(claim_id=claim.id, user=moderator, url="https://un.org/a")
        assert sent == []  # nothing is sent before the row is committed
    assert len(callbacks) == 1
    assert sent == [evidence.id]


def test_snapshot_stores_text_final_url_and_hash(evidence, monkeypatch):
    page = FetchedPage(
        "https://data.unhcr.org/en/situations/ukraine", 200, "text/html", "utf-8", PAGE
    )
    _serve(monkeypatch, page)
    assert evidence_services.evidence_snapshot_store(evidence_id=evidence.id) == "stored"
    snapshot = EvidenceSnapshot.objects.get(evidence=evidence)
    assert "More than one million refugees" in snapshot.text
    assert "<p>" not in snapshot.text
    assert snapshot.final_url == "https://data.unhcr.org/en/situations/ukraine"
    assert snapshot.content_type == "text/html"
    assert snapshot.sha256 == hashlib.sha256(snapshot.text.encode()).hexdigest()
    evidence.refresh_from_db()
    assert (evidence.snapshot_status, evidence.snapshot_error) == (SnapshotStatus.STORED, "")


def test_snapshot_is_idempotent(evidence, monkeypatch):
    page = FetchedPage("https://data.unhcr.org/ukraine", 200, "text/plain", None, b"Plain proof.")
    calls = _serve(monkeypatch, page)
    evidence_services.evidence_snapshot_store(evidence_id=evidence.id)
    evidence_services.evidence_snapshot_store(evidence_id=evidence.id)
    assert len(calls) == 1
    assert EvidenceSnapshot.objects.get(evidence=evidence).text == "Plain proof."


def test_a_refused_page_fails_with_a_readable_reason(evidence, monkeypatch):
    _serve(monkeypatch, error=FetchRefused("https://data.unhcr.org/ukraine answered 404."))
    assert evidence_services.evidence_snapshot_store(evidence_id=evidence.id) == "failed"
    evidence.refresh_from_db()
    assert evidence.snapshot_status == SnapshotStatus.FAILED
    assert "answered 404" in evidence.snapshot_error
    assert not EvidenceSnapshot.objects.exists()


def test_a_page_without_text_fails_with_a_reason(evidence, monkeypatch):
    page = FetchedPage("https://data.unhcr.org/ukraine", 200, "text/html", None, b"<html></html>")
    _serve(monkeypatch, page)
    evidence_services.evidence_snapshot_store(evidence_id=evidence.id)
    evidence.refresh_from_db()
    assert evidence.snapshot_status == SnapshotStatus.FAILED
    assert evidence.snapshot_error


def test_the_task_retries_transient_errors_only(evidence, monkeypatch):
    _serve(monkeypatch, error=TransientFetchError("Could not reach data.unhcr.org."))
    retried = []

    def fake_retry(*args, **kwargs):
        retried.append(kwargs)
        raise RuntimeError("retry scheduled")

    monkeypatch.setattr(snapshot_evidence_task, "retry", fake_retry)
    with pytest.raises(RuntimeError, match="retry scheduled"):
        snapshot_evidence_task.apply(args=[evidence.id], throw=True)
    assert len(retried) == 1
    evidence.refresh_from_db()
    assert evidence.snapshot_status == SnapshotStatus.PENDING


def test_the_task_does_not_retry_a_refused_fetch(evidence, monkeypatch):
    _serve(monkeypatch, error=FetchRefused("The page answered 404 Not Found."))
    retried = []
    monkeypatch.setattr(
        snapshot_evidence_task, "retry", lambda *args, **kwargs: retried.append(kwargs)
    )
    snapshot_evidence_task.apply(args=[evidence.id], throw=True)
    assert retried == []
    evidence.refresh_from_db()
    assert evidence.snapshot_status == SnapshotStatus.FAILED
    assert "404" in evidence.snapshot_error


def test_the_task_gives_up_with_a_reason_after_the_last_retry(evidence, monkeypatch):
    _serve(monkeypatch, error=TransientFetchError("Could not reach data.unhcr.org."))
    snapshot_evidence_task.apply(args=[evidence.id], retries=snapshot_evidence_task.max_retries)
    evidence.refresh_from_db()
    assert evidence.snapshot_status == SnapshotStatus.FAILED
    assert evidence.snapshot_error.startswith("Gave up after 5 tries: Could not reach")
