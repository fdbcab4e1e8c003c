"""Claim matching: the library of fact-checks published elsewhere, the stored vectors of our
claims, and the matches the engine suggested (``claims.matching``) with what people decided.

External fact-checks are kept apart from our verdicts: they are references we link to, never
fact-checks we publish. A claim confirmed as the same as another joins its group (``Claim.primary``
in ``claims.models.claims``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from claims.weburls import validate_web_url


class ExternalFactCheck(models.Model):
    """A fact-check published by another organisation, imported into the reference library."""

    # The record's identity for deduplication: its URL when it has one, else the source's id
    # (``vclaim_id``), else a hash of its claim (``claims.services.factcheck_library``).
    key = models.CharField(max_length=2000, editable=False)
    claim_text = models.TextField(help_text="The claim the fact-check reviewed.")
    title = models.CharField(max_length=500, blank=True)
    subtitle = models.TextField(blank=True, help_text="The fact-check's standfirst, if any.")
    url = models.URLField(max_length=2000, blank=True, validators=[validate_web_url])
    rating = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    published_on = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=16, blank=True)
    source_file = models.CharField(
        max_length=500, blank=True, help_text="The file or address it was imported from."
    )
    # The engine's serialised embedding of ``claim_text`` and the engine version that made it;
    # a vector of another version is recomputed before it is used.
    vector = models.BinaryField(null=True, editable=False)
    model_version = models.CharField(max_length=60, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = "external fact-check"
        constraints = [
            models.UniqueConstraint(fields=["key"], name="external_factcheck_unique_key"),
        ]

    def __str__(self) -> str:
        return (self.title or self.claim_text)[:80]


class ClaimVector(models.Model):
    """The stored embedding of a claim's text: what the indexes of open claims and of our
    published fact-checks are built from, so a worker never embeds a stored claim again."""

    claim = models.OneToOneField(
        "claims.Claim", on_delete=models.CASCADE, primary_key=True, related_name="match_vector"
    )
    text = models.CharField(max_length=500, help_text="The claim text the vector was made of.")
    vector = models.BinaryField()
    model_version = models.CharField(max_length=60)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"vector of claim {self.claim_id}"


class MatchKind(models.TextChoices):
    FACTCHECK = "factcheck", "Our published fact-check"
    EXTERNAL = "external", "Fact-check published elsewhere"
    CLAIM = "claim", "Open claim in another article"


class MatchState(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"


class MatchSuggestionQuerySet(models.QuerySet):
    def open(self):
        """Suggestions nobody has decided on, and confirmed ones: what the pages show."""
        return self.exclude(state=MatchState.REJECTED)


class MatchSuggestion(models.Model):
    """The engine's suggestion that ``claim`` says the same as a target: one of our published
    fact-checks, an external fact-check, or an open claim of another article."""

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="matches")
    kind = models.CharField(max_length=12, choices=MatchKind)
    target_claim = models.ForeignKey(
        "claims.Claim",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matched_by",
    )
    target_external = models.ForeignKey(
        ExternalFactCheck,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="matches",
    )
    score = models.FloatField(help_text="Fused similarity, 0 to 1.")
    lexical = models.FloatField(default=0)
    semantic = models.FloatField(default=0)
    state = models.CharField(max_length=12, choices=MatchState, default=MatchState.SUGGESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "lexical", "semantic"])
    objects = MatchSuggestionQuerySet.as_manager()

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "target_claim"],
                condition=Q(target_claim__isnull=False),
                name="match_unique_claim_target",
            ),
            models.UniqueConstraint(
                fields=["claim", "target_external"],
                condition=Q(target_external__isnull=False),
                name="match_unique_external_target",
            ),
            # Exactly one target, the one its kind names.
            models.CheckConstraint(
                condition=(
                    Q(kind="external", target_external__isnull=False, target_claim__isnull=True)
                    | Q(
                        kind__in=["factcheck", "claim"],
                        target_claim__isnull=False,
                        target_external__isnull=True,
                    )
                ),
                name="match_target_fits_kind",
            ),
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=1), name="match_score_in_unit_interval"
            ),
            models.CheckConstraint(
                condition=~Q(target_claim=models.F("claim")), name="match_not_itself"
            ),
        ]
        indexes = [models.Index(fields=["target_claim", "state"], name="match_target_state_idx")]

    def __str__(self) -> str:
        return f"{self.claim_id} ~ {self.target_claim_id or self.target_external_id} ({self.kind})"
