"""Import jobs: one row per request (UI, API, CLI, feed poll), one item per article to import."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q


class ImportSource(models.TextChoices):
    URLS = "urls", "URLs"
    FEED = "feed", "Feed"
    UPLOAD = "upload", "Uploaded files"
    PASTE = "paste", "Pasted text"
    API = "api", "API"
    CLI = "cli", "Command line"
    DEMO = "demo", "Demo"


class ImportJobQuerySet(models.QuerySet):
    def submitted_by_newsroom(self, newsroom):
        """What a newsroom's API key may read back: the jobs its newsroom's keys created."""
        return self.filter(newsroom=newsroom)


class ImportJob(models.Model):
    source = models.CharField(max_length=10, choices=ImportSource)
    label = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(
        "claims.Outlet", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    feed = models.ForeignKey(
        "claims.Feed", null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    # Set when a newsroom submitted the job with an API key: the newsroom's keys read back
    # their own jobs, and only those. The key is kept for the record (which key did it).
    newsroom = models.ForeignKey(
        "claims.Newsroom",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    api_key = models.ForeignKey(
        "claims.NewsroomAPIKey",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    # Counters are bumped with F() in the same transaction as the item's status change,
    # so they always agree with the items.
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    duplicate = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The API's Idempotency-Key and a digest of the request that carried it: a retry with the
    # same key by the same caller gets this job back; another request under it is refused.
    idempotency_key = models.CharField(max_length=200, blank=True, default="")
    request_digest = models.CharField(max_length=64, blank=True, default="")

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total__gte=F("done") + F("duplicate") + F("failed")),
                name="import_job_counters_within_total",
            ),
            models.UniqueConstraint(
                fields=["api_key", "idempotency_key"],
                condition=Q(api_key__isnull=False) & ~Q(idempotency_key=""),
                name="import_job_unique_key_idempotency",
            ),
            models.UniqueConstraint(
                fields=["created_by", "idempotency_key"],
                condition=Q(api_key__isnull=True, created_by__isnull=False)
                & ~Q(idempotency_key=""),
                name="import_job_unique_user_idempotency",
            ),
        ]

    def __str__(self) -> str:
        return self.label or f"Import {self.pk}"

    @property
    def processed(self) -> int:
        return self.done + self.duplicate + self.failed

    @property
    def is_finished(self) -> bool:
        return self.processed >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.processed / self.total)


class ItemKind(models.TextChoices):
    URL = "url", "URL"
    RECORD = "record", "Record (text or HTML with metadata)"
    FEED = "feed", "Feed (its entries become items of the same job)"


class ItemStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Imported"
    DUPLICATE = "duplicate", "Duplicate"
    FAILED = "failed", "Failed"


FINAL_ITEM_STATUSES = (ItemStatus.DONE, ItemStatus.DUPLICATE, ItemStatus.FAILED)


class ImportItem(models.Model):
    # Indexed by import_item_unique_position, which starts with it; an index of its own was
    # one more entry for each of the three writes of every item (stored, claimed, finished).
    job = models.ForeignKey(
        ImportJob, on_delete=models.CASCADE, related_name="items", db_index=False
    )
    position = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=ItemKind)
    source = models.CharField(max_length=2000, help_text="URL, or file name and record number.")
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=ItemStatus, default=ItemStatus.QUEUED)
    message = models.TextField(blank=True, help_text="Why it failed, in words a person can act on.")
    article = models.ForeignKey(
        "claims.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claims_found = models.PositiveIntegerField(default=0)
    # Each claim by a worker bumps it; a worker only writes its outcome while the count is
    # still its own, so a worker that lost its lease cannot overwrite the one that took over.
    attempts = models.PositiveSmallIntegerField(default=0)
    # When a message for the item was last sent; the sweeper re-sends lost ones from it.
    # Seconds spent fetching this item over all its tries: FETCH_TOTAL_TIMEOUT bounds the sum.
    fetch_seconds = models.FloatField(default=0.0)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="import_item_unique_position"),
        ]
        indexes = [models.Index(fields=["status", "started_at"], name="import_item_status_idx")]

    def __str__(self) -> str:
        return self.source
