"""Claims found in articles, anchored by offsets and a text-quote selector, and their numbers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from claims.cleantext import validate_no_control_characters

PUBLIC_STATUSES = ["published", "retracted"]


class ClaimStatus(models.TextChoices):
    NEW = "new", "New"
    DISMISSED = "dismissed", "Dismissed"
    QUEUED = "queued", "Queued"
    IN_PROGRESS = "in_progress", "In research"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    APPROVED = "approved", "Approved"
    PUBLISHED = "published", "Published"
    RETRACTED = "retracted", "Retracted"


class ClaimOrigin(models.TextChoices):
    MACHINE = "machine", "Found by the extractor"
    MANUAL = "manual", "Marked by hand"


class ClaimQuerySet(models.QuerySet):
    def suggested(self):
        return self.filter(status=ClaimStatus.NEW)

    def in_queue(self):
        return self.filter(status=ClaimStatus.QUEUED)

    def awaiting_review(self):
        return self.filter(status=ClaimStatus.IN_REVIEW)

    # A public claim always has a verdict in force (claim_public_has_verdict); the filter
    # keeps a row stored before that rule out of every public output instead of failing them.
    def published(self):
        return self.filter(status=ClaimStatus.PUBLISHED, live_verdict__isnull=False)

    def public(self):
        """What anyone may read: published fact-checks and retracted ones (with their notice)."""
        return self.filter(
            status__in=[ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED], live_verdict__isnull=False
        )


class Claim(models.Model):
    # No index of its own: the unique (article, start, end) constraint below starts with it.
    # Every import writes claims, and each redundant index is paid for on every row.
    article = models.ForeignKey(
        "claims.Article", on_delete=models.PROTECT, related_name="claims", db_index=False
    )
    # Anchoring: character offsets plus a W3C TextQuoteSelector (exact/prefix/suffix), so a
    # claim can be found again when the article text changes.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    quote = models.TextField(help_text="The exact text of the claim in the article.")
    prefix = models.CharField(max_length=64, blank=True)
    suffix = models.CharField(max_length=64, blank=True)
    text = models.CharField(
        max_length=500,
        validators=[validate_no_control_characters],
        help_text="The claim drafted as a short statement.",
    )
    status = models.CharField(max_length=20, choices=ClaimStatus, default=ClaimStatus.NEW)
    origin = models.CharField(max_length=10, choices=ClaimOrigin, default=ClaimOrigin.MACHINE)
    score = models.FloatField(null=True, blank=True, help_text="Check-worthiness, 0 to 1.")
    kinds = models.JSONField(default=list, blank=True)
    claimant = models.CharField(
        max_length=300, blank=True, validators=[validate_no_control_characters]
    )
    source_changed = models.BooleanField(
        default=False, help_text="The article changed and this quote could not be found again."
    )
    # Indexed by claim_assignee_status_idx, which starts with it.
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
        db_index=False,
    )
    # Indexed by claim_created_by_idx, which holds claims marked by hand only.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_claims",
        db_index=False,
    )
    status_note = models.TextField(
        blank=True,
        validators=[validate_no_control_characters],
        help_text="Why the last transition was made.",
    )
    # Set by each transition that changes the status: how long a claim has waited in its
    # state (the dashboard's ageing and overdue lists) without reading its history.
    status_changed_at = models.DateTimeField(default=timezone.now)
    # Unique through a constraint in Meta rather than unique=True, which on PostgreSQL also
    # builds a LIKE index that no query uses. NULL, not "", for claims not yet published, so
    # the constraint holds between published slugs only.
    slug = models.SlugField(max_length=120, null=True, blank=True, db_index=False)  # noqa: DJ001
    published_at = models.DateTimeField(null=True, blank=True)
    retracted_at = models.DateTimeField(null=True, blank=True)
    retraction_note = models.TextField(
        blank=True,
        validators=[validate_no_control_characters],
        help_text="Public notice shown when retracted.",
    )
    # The verdict version in force, kept by the review services beside Verdict.is_current so
    # that the database itself can say a public fact-check has one (claim_public_has_verdict
    # below): a CHECK constraint sees only its own row. DO_NOTHING leaves it to the foreign
    # key, checked at commit, to refuse deleting the verdict in force (a claim deleted with
    # its verdicts is fine). No index: every import writes claims, and verdicts are not deleted.
    live_verdict = models.ForeignKey(
        "claims.Verdict",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_index=False,
        editable=False,
    )
    # Claim groups: a claim confirmed as the same as another points to the group's primary,
    # which is researched once and whose verdict covers every confirmed appearance. NULL for a
    # primary and for a claim in no group. The partial index holds only the duplicates.
    primary = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        db_index=False,
        help_text="The claim this one was confirmed to duplicate.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Counts the edits of text and claimant. An edit says which version it was made on, and
    # one made on an older version is refused instead of silently overwriting the other.
    version = models.PositiveIntegerField(default=1)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "live_verdict", "version", "status_changed_at"]
    )
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_end_after_start"),
            # The offsets must span exactly the stored quote; together with the services, which
            # check the quote against the article text, this keeps offsets inside the text.
            models.CheckConstraint(
                condition=Q(end=F("start") + Length("quote")), name="claim_offsets_match_quote"
            ),
            models.UniqueConstraint(
                fields=["article", "start", "end"], name="claim_unique_span_per_article"
            ),
            # Partial, as NULLs never clash: an import writes thousands of claims a minute,
            # none published, and a full index took an entry for each of them.
            models.UniqueConstraint(
                fields=["slug"], condition=Q(slug__isnull=False), name="claim_unique_slug"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=1),
                name="claim_score_in_unit_interval",
            ),
            models.CheckConstraint(
                condition=~Q(status=ClaimStatus.PUBLISHED) | Q(published_at__isnull=False),
                name="claim_published_has_date",
            ),
            # A published (or retracted) fact-check has a verdict in force and an address:
            # the public page, the API, the exports and the feed all read both.
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES) | Q(live_verdict__isnull=False),
                name="claim_public_has_verdict",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES) | Q(slug__isnull=False),
                name="claim_public_has_slug",
            ),
            models.CheckConstraint(condition=~Q(primary=F("id")), name="claim_not_own_primary"),
        ]
        indexes = [
            models.Index(fields=["status", "-score"], name="claim_status_score_idx"),
            models.Index(fields=["assignee", "status"], name="claim_assignee_status_idx"),
            # Date ranges (dashboard, filters) over published claims only. Partial because a
            # full index starts its newest-first scan with the NULLs of every unpublished
            # claim, and PostgreSQL, costing it as if they were spread out, chose it over
            # claim_published_newest_idx for the API's first page (50 ms instead of 0.4 ms).
            models.Index(
                fields=["published_at"],
                condition=Q(published_at__isnull=False),
                name="claim_published_idx",
            ),
            # The newsroom API pages through public fact-checks newest first. Most claims are
            # never published, and a descending scan of a full index on published_at wades
            # through their NULLs first (80 ms at 100,000 claims); these hold only the public.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status__in=["published", "retracted"]),
                name="claim_public_published_idx",
            ),
            models.Index(
                fields=["-updated_at", "-id"],
                condition=Q(status__in=["published", "retracted"]),
                name="claim_public_updated_idx",
            ),
            # The same newest-first order for lists without retracted fact-checks, the default:
            # PostgreSQL does not pick the index above for ``status = 'published'``, and
            # spelling out ``published_at IS NOT NULL`` instead made it guess 4% of rows for 20%
            # and hash every published claim when a filter joined verdicts or outlets.
            models.Index(
                fields=["-published_at", "-id"],
                condition=Q(status="published"),
                name="claim_published_newest_idx",
            ),
            # The staff queue's default order (newest first); without it every page sorted the
            # whole table (170 ms at 100,000 claims).
            models.Index(fields=["-created_at", "-id"], name="claim_created_idx"),
            models.Index(
                fields=["primary"], condition=Q(primary__isnull=False), name="claim_primary_idx"
            ),
            # Who marked a claim (and a user's deletion, SET_NULL) asks for one user's claims;
            # the machine's proposals have none and stay out of it, saving an entry each.
            models.Index(
                fields=["created_by"],
                condition=Q(created_by__isnull=False),
                name="claim_created_by_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @cached_property
    def current_verdict(self):
        """The verdict in force (or being drafted); uses prefetched verdicts when present."""
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "verdicts" in cache:
            return next((v for v in cache["verdicts"] if v.is_current), None)
        return self.verdicts.filter(is_current=True).select_related("rating").first()

    @cached_property
    def pending_correction(self):
        """A correction of the published verdict that waits for another editor's approval: a
        version above the one in force, never approved. Until it is approved the public pages,
        the API and the exports keep showing the version in force."""
        current = self.current_verdict
        if current is None or current.approved_by_id is None:
            return None
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "verdicts" in cache:
            later = [v for v in cache["verdicts"] if v.version > current.version]
        else:
            later = list(self.verdicts.filter(version__gt=current.version))
        return next((v for v in later if v.approved_by_id is None), None)


class QuantityQualifier(models.TextChoices):
    EXACT = "exact"
    ABOUT = "about"
    MORE_THAN = "more_than", "more than"
    AT_LEAST = "at_least", "at least"
    LESS_THAN = "less_than", "less than"
    AT_MOST = "at_most", "at most"
    BETWEEN = "between"
    UP_TO = "up_to", "up to"


class QuantityKind(models.TextChoices):
    NUMBER = "number"
    PERCENT = "percent"
    CURRENCY = "currency"
    DIMENSION = "dimension"
    COUNT = "count"
    ORDINAL = "ordinal"
    RATIO = "ratio"


class Quantity(models.Model):
    """A number in a claim, parsed. Offsets are absolute positions in the article text."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="quantities")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=300)
    value = models.FloatField(null=True, blank=True)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)
    low_inclusive = models.BooleanField(default=True)
    high_inclusive = models.BooleanField(default=True)
    qualifier = models.CharField(
        max_length=12, choices=QuantityQualifier, default=QuantityQualifier.EXACT
    )
    unit = models.CharField(max_length=60, blank=True)
    kind = models.CharField(max_length=12, choices=QuantityKind, default=QuantityKind.NUMBER)

    class Meta:
        ordering = ["claim", "start"]
        verbose_name_plural = "quantities"
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=F("start")), name="quantity_end_after_start"
            ),
            models.CheckConstraint(
                condition=Q(low__isnull=True) | Q(high__isnull=True) | Q(low__lte=F("high")),
                name="quantity_low_not_above_high",
            ),
        ]

    def __str__(self) -> str:
        return self.text
