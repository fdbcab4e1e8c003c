"""Evidence snapshots fetched by a real Celery worker over the real broker (not eager mode).

The page is served on 127.0.0.1 and the worker may fetch from exactly that host and port
(FETCH_ALLOWED_HOSTS); nothing leaves loopback.
"""

import hashlib

import pytest
from django.utils import timezone

from claims.models import Evidence, SnapshotStatus
from claims.tasks import snapshot_evidence_task
from tests.factories import ClaimFactory, UserFactory
from tests.pages import Page, article_html, serve
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

REPORT = [
    "More than one million refugees have fled Ukraine to neighbouring countries in the seven "
    "days since the Russian military offensive began, according to the UN refugee agency.",
    "The agency counts arrivals in Poland, Hungary, Moldova, Slovakia and Romania every day and "
    "publishes the totals with the source of each national figure.",
]


def _evidence(url: str) -> Evidence:
    # Made directly: evidence_add wants a registrable domain, which loopback has not.
    return Evidence.objects.create(
        claim=ClaimFactory(),
        url=url,
        domain="127.0.0.1",
        accessed_at=timezone.now(),
        added_by=UserFactory(username="moritz", roles=["moderator"]),
    )


def _settled(evidence):
    def check():
        evidence.refresh_from_db()
        return evidence.snapshot_status != SnapshotStatus.PENDING

    return check


def test_a_worker_stores_the_snapshot_and_a_missing_page_fails_with_its_reason(tmp_path):
    routes = {"/refugees": Page(article_html("Ukraine refugees", REPORT))}
    with (
        serve(routes) as server,
        celery_worker(
            extra_env={"FETCH_ALLOWED_HOSTS": f"127.0.0.1:{server.port}"},
            log_path=tmp_path / "worker.log",
        ),
    ):
        found = _evidence(f"{server.base}/refugees")
        missing = _evidence(f"{server.base}/gone")
        snapshot_evidence_task.delay(found.id)
        snapshot_evidence_task.delay(missing.id)
        snapshot_evidence_task.delay(found.id)  # a duplicate message changes nothing
        wait_for(_settled(found), timeout=60, what="the snapshot")
        wait_for(_settled(missing), timeout=60, what="the failure")

        assert found.snapshot_status == SnapshotStatus.STORED, found.snapshot_error
        snapshot = found.snapshot
        assert "More than one million refugees" in snapshot.text
        assert snapshot.sha256 == hashlib.sha256(snapshot.text.encode()).hexdigest()
        assert snapshot.final_url == f"{server.base}/refugees"
        assert missing.snapshot_status == SnapshotStatus.FAILED
        assert "404" in missing.snapshot_error
        wait_for(lambda: len(server.requests) >= 2, timeout=10, what="the fetches")
