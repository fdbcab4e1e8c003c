"""Polling feeds on a schedule: each due feed becomes an import job with one feed item.

The feed item (processed like any other, see services/import_items.py) fetches the feed with its
ETag/Last-Modified and adds the entries not imported yet to the same job.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from claims.models import Feed, ImportJob, ImportSource
from claims.services.import_jobs import import_job_create


def feeds_due(*, now=None) -> list[int]:
    """Ids of active feeds whose interval has passed since their last poll."""
    now = now or timezone.now()
    feeds = Feed.objects.filter(active=True).only("id", "last_polled_at", "poll_interval_minutes")
    return [
        feed.id
        for feed in feeds
        if feed.last_polled_at is None
        or feed.last_polled_at <= now - timedelta(minutes=feed.poll_interval_minutes)
    ]


@transaction.atomic
def feed_poll_start(*, feed_id: int, now=None) -> ImportJob | None:
    """Start a poll of the feed unless it is not due (another poll took it): the job, or None."""
    now = now or timezone.now()
    feed = Feed.objects.select_related("outlet").get(id=feed_id)
    due = Q(last_polled_at__isnull=True) | Q(
        last_polled_at__lte=now - timedelta(minutes=feed.poll_interval_minutes)
    )
    # Conditional update: two beat ticks (or two beats) racing start one poll, not two.
    if not Feed.objects.filter(due, id=feed_id, active=True).update(last_polled_at=now):
        return None
    return import_job_create(
        source=ImportSource.FEED,
        feeds=[feed.url],
        feed=feed,
        outlet=feed.outlet,
        label=f"Feed poll: {feed.title or feed.url}",
    )
