"""The lease of a held import item: renewed while a slow item is worked on, by one thread per
process, and never touched for an item that is quick, finished or taken over."""

import threading
import time
from datetime import timedelta

import pytest

from claims.models import ImportItem, ImportSource, ItemStatus
from claims.services import import_items
from claims.services.import_jobs import import_job_create

# The keeper's thread has a connection of its own: it sees only committed rows.
pytestmark = pytest.mark.django_db(transaction=True)

BEAT = 0.2


@pytest.fixture
def claimed(settings, django_capture_on_commit_callbacks):
    """Claimed items whose lease was taken a minute ago, so a renewal is plain to see."""
    settings.IMPORT_HEARTBEAT_SECONDS = BEAT

    def claim(count=1):
        with django_capture_on_commit_callbacks(execute=False):
            job = import_job_create(
                source=ImportSource.API, records=[{"text": f"Item {i}."} for i in range(count)]
            )
        items = [import_items._claim(item_id) for item_id in job.items.values_list("id", flat=True)]
        ImportItem.objects.filter(job=job).update(started_at=_a_minute_ago())
        return items

    return claim


def _a_minute_ago():
    from django.utils import timezone

    return timezone.now() - timedelta(minutes=1)


def _renewed(item) -> bool:
    from django.utils import timezone

    started_at = ImportItem.objects.get(id=item.id).started_at
    return started_at > timezone.now() - timedelta(seconds=30)


def test_a_slow_item_has_its_lease_renewed_while_held(claimed):
    keeper = import_items._LeaseKeeper()
    [item] = claimed()
    with keeper.hold(item):
        time.sleep(BEAT * 2)
        assert _renewed(item)
        # And again a beat later: renewals go on as long as the item is held.
        ImportItem.objects.filter(id=item.id).update(started_at=_a_minute_ago())
        time.sleep(BEAT * 1.5)
        assert _renewed(item)


def test_quick_items_cost_the_database_nothing(claimed):
    """Item after item, each held for a twentieth of a beat, for three beats: the thread wakes
    while one is held, and leaves it alone."""
    keeper = import_items._LeaseKeeper()
    items = claimed(3)
    until = time.monotonic() + BEAT * 3
    while time.monotonic() < until:
        for item in items:
            with keeper.hold(item):
                time.sleep(BEAT / 20)
    assert not any(_renewed(item) for item in items), "held under half a beat: never renewed"


def test_an_item_finished_or_taken_over_is_not_renewed(claimed):
    keeper = import_items._LeaseKeeper()
    done, taken = claimed(2)
    ImportItem.objects.filter(id=done.id).update(status=ItemStatus.DONE)
    ImportItem.objects.filter(id=taken.id).update(attempts=taken.attempts + 1)
    with keeper.hold(done), keeper.hold(taken):
        time.sleep(BEAT * 2)
    assert not _renewed(done)
    assert not _renewed(taken)


def test_one_thread_renews_every_item_of_the_process(claimed):
    keeper = import_items._LeaseKeeper()
    items = claimed(3)
    before = threading.active_count()
    for item in items:
        with keeper.hold(item):
            pass
    with keeper.hold(items[0]), keeper.hold(items[1]):
        time.sleep(BEAT * 2)
        assert threading.active_count() == before + 1
    assert _renewed(items[0])
    assert _renewed(items[1])
    assert not _renewed(items[2])


def test_a_renewal_that_fails_is_logged_and_the_next_one_still_runs(claimed, caplog, monkeypatch):
    keeper = import_items._LeaseKeeper()
    [item] = claimed()
    calls = []
    real_filter = ImportItem.objects.filter

    def flaky_filter(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise import_items.OperationalError("the database went away")
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(ImportItem.objects, "filter", flaky_filter)
    with keeper.hold(item):
        time.sleep(BEAT * 2.5)
    monkeypatch.undo()
    assert "Renewing the leases of import items" in caplog.text
    assert _renewed(item)
