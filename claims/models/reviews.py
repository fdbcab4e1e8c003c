"""How a claim is judged: the rating scale, verdict versions, evidence and comments."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from claims.cleantext import validate_no_control_characters
from claims.weburls import validate_web_url, web_url_condition


class RatingScale(models.Model):
    name = models.CharField(max_length=100, unique=True)
    is_default = models.BooleanField(default=False)
    best_rating = models.PositiveSmallIntegerField(default=5)
    worst_rating = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=Q(is_default=True), name="one_default_scale"
            ),
            models.CheckConstraint(
                condition=Q(best_rating__gt=F("worst_rating")), name="scale_best_above_worst"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    """One rating of a scale. ``position`` is ClaimReview's ratingValue; ratings off the truth
    axis (Misleading, Unproven) have none and are published by name only."""

    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(max_length=60)
    slug = models.SlugField(max_length=60)
    position = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scale", "order"]
        constraints = [
            models.UniqueConstraint(fields=["scale", "label"], name="rating_unique_label"),
            models.UniqueConstraint(fields=["scale", "slug"], name="rating_unique_slug"),
            models.UniqueConstraint(
                fields=["scale", "position"],
                condition=Q(position__isnull=False),
                name="rating_unique_position",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Verdict(models.Model):
    """One version of the verdict on a claim. A correction adds a version; the current one is
    what the public page and the API show."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="verdicts")
    version = models.PositiveIntegerField(default=1)
    is_current = models.BooleanField(default=True)
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    claim_reviewed = models.CharField(
        max_length=300,
        validators=[validate_no_control_characters],
        help_text="The claim as the fact-check states it (ClaimReview).",
    )
    summary = models.TextField(blank=True, validators=[validate_no_control_characters])
    correction_note = models.TextField(
        blank=True,
        validators=[validate_no_control_characters],
        help_text="Public note when this corrects.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_verdicts"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_verdicts",
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["claim", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "version"], name="verdict_unique_version"),
            models.UniqueConstraint(
                fields=["claim"], condition=Q(is_current=True), name="verdict_one_current"
            ),
            # The two-person rule, also at the bottom: nobody approves their own verdict.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("author")),
                name="verdict_approver_not_author",
            ),
        ]
        indexes = [
            # "Fact-checks rated X" (the API's rating filter): the current verdicts of one
            # rating and their claims, read from the index alone, without visiting the table.
            models.Index(
                fields=["rating", "claim"],
                condition=Q(is_current=True),
                name="verdict_current_rating_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating} (v{self.version})"


def _archive_path(evidence, filename: str) -> str:
    # A random name: the uploaded name is the uploader's and says nothing we need.
    extension = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "bin"
    return f"evidence-archives/{evidence.claim_id}/{uuid.uuid4().hex}.{extension}"


class Stance(models.TextChoices):
    SUPPORTS = "supports", "Supports the claim"
    REFUTES = "refutes", "Refutes the claim"
    CONTEXT = "context", "Gives context"


class SnapshotStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    STORED = "stored", "Stored"
    FAILED = "failed", "Failed"


class EvidenceQuerySet(models.QuerySet):
    def public(self):
        """What the public sees: not the sources a correction still under review would add."""
        return self.filter(added_by_correction__isnull=True)


class Evidence(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=2000, validators=[validate_web_url])
    domain = models.CharField(max_length=255, help_text="Registrable domain, for independence.")
    title = models.CharField(
        max_length=500, blank=True, validators=[validate_no_control_characters]
    )
    publisher = models.CharField(
        max_length=300, blank=True, validators=[validate_no_control_characters]
    )
    excerpt = models.TextField(blank=True, validators=[validate_no_control_characters])
    stance = models.CharField(max_length=10, choices=Stance, default=Stance.CONTEXT)
    accessed_at = models.DateTimeField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="added_evidence"
    )
    snapshot_status = models.CharField(
        max_length=10, choices=SnapshotStatus, default=SnapshotStatus.PENDING
    )
    snapshot_error = models.CharField(max_length=500, blank=True)
    # An archive copy, when the page could not be snapshotted (or as better proof): a file the
    # moderator saved, kept under MEDIA_ROOT and served only to staff, or a web archive's copy.
    archive_file = models.FileField(upload_to=_archive_path, max_length=300, blank=True)
    archive_content_type = models.CharField(max_length=100, blank=True)
    archive_url = models.URLField(max_length=2000, blank=True)
    # After publication the evidence changes only with a correction: a source added or removed
    # while one waits for review belongs to it, and takes effect when it is approved (a
    # rejected correction takes its added sources with it).
    added_by_correction = models.ForeignKey(
        Verdict,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evidence_added",
    )
    removed_by_correction = models.ForeignKey(
        Verdict,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_removed",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EvidenceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "created_at"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(fields=["claim", "url"], name="evidence_unique_url_per_claim"),
            models.CheckConstraint(
                condition=web_url_condition("url", allow_blank=False), name="evidence_url_web_url"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def is_preserved(self) -> bool:
        """Whether a published verdict keeps this proof: a stored snapshot or an archive copy."""
        return (
            self.snapshot_status == SnapshotStatus.STORED
            or bool(self.archive_file)
            or bool(self.archive_url)
        )


class EvidenceSnapshot(models.Model):
    """The source as fetched, so a published verdict keeps its proof if the page changes."""

    evidence = models.OneToOneField(Evidence, on_delete=models.CASCADE, related_name="snapshot")
    final_url = models.URLField(max_length=2000, validators=[validate_web_url])
    content_type = models.CharField(max_length=100)
    text = models.TextField()
    sha256 = models.CharField(max_length=64)
    fetched_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=web_url_condition("final_url", allow_blank=False),
                name="snapshot_final_url_web_url",
            ),
        ]

    def __str__(self) -> str:
        return f"Snapshot of {self.final_url}"


class Comment(models.Model):
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="claim_comments"
    )
    body = models.TextField(
        validators=[validate_no_control_characters], help_text="Markdown; rendered sanitised."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    # The one-time token of the form it was posted from: the same form posted twice (a double
    # click, a resent request) is one comment.
    form_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["claim", "created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="comment_body_not_empty"),
            models.UniqueConstraint(
                fields=["author", "form_token"], name="comment_unique_form_token_per_author"
            ),
        ]

    def __str__(self) -> str:
        return self.body[:60]
