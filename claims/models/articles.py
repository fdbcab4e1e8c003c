"""Where claims come from: outlets, articles (with their revisions) and polled feeds."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from claims.cleantext import validate_no_control_characters
from claims.extraction import PROPOSAL_THRESHOLD
from claims.weburls import validate_web_url, web_url_condition


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace runs collapsed, so re-wrapped copies dedupe."""
    normalised = " ".join(text.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class Outlet(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(max_length=500, blank=True, validators=[validate_web_url])
    language = models.CharField(max_length=16, blank=True)
    proposal_line = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="Proposals scoring at least this are listed as worth checking in the reader; "
        "empty: the default (PROPOSAL_LINE_DEFAULT).",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=web_url_condition("homepage", allow_blank=True),
                name="outlet_homepage_web_url",
            ),
            models.CheckConstraint(
                condition=Q(proposal_line__isnull=True)
                | Q(proposal_line__gte=0, proposal_line__lte=1),
                name="outlet_proposal_line_in_unit_interval",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def worth_checking_line(self) -> float:
        """The score from which the reader lists a proposal as worth checking."""
        if self.proposal_line is not None:
            return self.proposal_line
        return proposal_line_default()


def proposal_line_default() -> float:
    """The reader's line for outlets without their own: the setting, else the line the
    proposal model was fitted with (the one extraction marks drafts ``proposed`` by)."""
    if settings.PROPOSAL_LINE_DEFAULT is not None:
        return settings.PROPOSAL_LINE_DEFAULT
    return PROPOSAL_THRESHOLD


class Article(models.Model):
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    url = models.URLField(
        max_length=2000,
        blank=True,
        validators=[validate_web_url],
        help_text="The address as it was given (http or https only).",
    )
    # NULL, not "", for articles without an address: the unique constraint skips NULLs.
    canonical_url = models.CharField(  # noqa: DJ001
        max_length=2000, null=True, blank=True, help_text="Normalised address used for dedup."
    )
    title = models.CharField(
        max_length=500, blank=True, validators=[validate_no_control_characters]
    )
    author = models.CharField(
        max_length=300, blank=True, validators=[validate_no_control_characters]
    )
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64)
    revision = models.PositiveIntegerField(default=1)
    import_job = models.ForeignKey(
        "claims.ImportJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # What the per-article caps (ARTICLE_MAX_CLAIMS, ARTICLE_MAX_QUANTITIES) left out of the
    # extractor's proposals; the text itself is always kept whole.
    claims_dropped = models.PositiveIntegerField(default=0)
    quantities_dropped = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=Q(canonical_url__isnull=False),
                name="article_unique_canonical_url",
            ),
            models.UniqueConstraint(fields=["content_hash"], name="article_unique_content_hash"),
            models.CheckConstraint(condition=~Q(text=""), name="article_text_not_empty"),
            models.CheckConstraint(condition=Q(revision__gte=1), name="article_revision_positive"),
            models.CheckConstraint(
                condition=web_url_condition("url", allow_blank=True), name="article_url_web_url"
            ),
        ]
        indexes = [models.Index(fields=["created_at"], name="article_created_idx")]

    def __str__(self) -> str:
        return self.display_title

    def save(self, *args, **kwargs):
        self.content_hash = content_hash(self.text)
        super().save(*args, **kwargs)

    @property
    def display_title(self) -> str:
        """The article's name on every page: its title, else its address, else its number."""
        return self.title or self.url or f"Untitled article {self.pk}"


class ArticleRevision(models.Model):
    """A previous text of an article, kept when a re-import finds the text changed."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=500, blank=True)
    text = models.TextField()
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "number"], name="article_revision_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} (revision {self.number})"


class Feed(models.Model):
    """An RSS/Atom feed polled on a schedule; each poll becomes an ImportJob."""

    url = models.URLField(max_length=2000, unique=True, validators=[validate_web_url])
    title = models.CharField(max_length=300, blank=True)
    outlet = models.ForeignKey(
        Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="feeds"
    )
    active = models.BooleanField(default=True)
    poll_interval_minutes = models.PositiveIntegerField(default=60)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]
        constraints = [
            models.CheckConstraint(
                condition=Q(poll_interval_minutes__gte=5), name="feed_poll_interval_min_5"
            ),
            models.CheckConstraint(
                condition=web_url_condition("url", allow_blank=False), name="feed_url_web_url"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url
