"""Serializers of the review API (/api/v1/claims/...): what staff read and send.

Reads are ModelSerializers over rows the view loaded with select/prefetch; writes are plain
serializers that only validate shapes — the services decide what is allowed.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims import workflow
from claims.markdown import render_markdown
from claims.models import (
    Claim,
    Comment,
    Evidence,
    EvidenceSnapshot,
    Rating,
    Stance,
    Verdict,
)
from claims.services.reviews import claim_reviewed_warning
from claims.weburls import web_url

# Ids are validated as bounded integers so that a huge number is a 400, not a database error.
MAX_ID = 2**63 - 1
BULK_ACTIONS = ("queue", "dismiss", "assign")
BULK_MAX = 500


class StaffUserSerializer(serializers.ModelSerializer):
    class Meta:
        model = get_user_model()
        fields = ["id", "username"]
        read_only_fields = fields


class VerdictRatingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Rating
        fields = ["id", "slug", "label", "position"]
        read_only_fields = fields


class VerdictSerializer(serializers.ModelSerializer):
    rating = VerdictRatingSerializer(read_only=True)
    author = StaffUserSerializer(read_only=True)
    approved_by = StaffUserSerializer(read_only=True, allow_null=True)
    summary_html = serializers.SerializerMethodField(
        help_text="The summary (Markdown) rendered and sanitised."
    )

    class Meta:
        model = Verdict
        fields = [
            "id",
            "version",
            "is_current",
            "rating",
            "claim_reviewed",
            "summary",
            "summary_html",
            "correction_note",
            "author",
            "approved_by",
            "approved_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_summary_html(self, verdict) -> str:
        return render_markdown(verdict.summary)


class VerdictWrittenSerializer(VerdictSerializer):
    warnings = serializers.SerializerMethodField()

    class Meta(VerdictSerializer.Meta):
        fields = [*VerdictSerializer.Meta.fields, "warnings"]
        read_only_fields = fields

    def get_warnings(self, verdict) -> list[str]:
        warning = claim_reviewed_warning(verdict.claim_reviewed)
        return [warning] if warning else []


class VerdictDraftSerializer(serializers.Serializer):
    rating = serializers.CharField(
        max_length=60, help_text="A rating of the default scale: its slug (e.g. `true`) or id."
    )
    claim_reviewed = serializers.CharField(
        max_length=300, help_text="The claim as the fact-check states it; keep it under 75."
    )
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class ClaimSerializer(serializers.ModelSerializer):
    article_title = serializers.CharField(source="article.title", read_only=True)
    outlet = serializers.CharField(
        source="article.outlet.name", read_only=True, allow_null=True, default=None
    )
    assignee = StaffUserSerializer(read_only=True, allow_null=True)
    created_by = StaffUserSerializer(read_only=True, allow_null=True)
    current_verdict = VerdictSerializer(read_only=True, allow_null=True)
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "article",
            "article_title",
            "outlet",
            "start",
            "end",
            "quote",
            "prefix",
            "suffix",
            "text",
            "claimant",
            "status",
            "origin",
            "score",
            "kinds",
            "source_changed",
            "assignee",
            "created_by",
            "status_note",
            "slug",
            "published_at",
            "retracted_at",
            "retraction_note",
            "current_verdict",
            "allowed_actions",
            "created_at",
            "updated_at",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=workflow.ACTIONS))
    )
    def get_allowed_actions(self, claim) -> list[str]:
        user = self.context["request"].user
        return [t.action for t in workflow.allowed_actions(user, claim)]


class ClaimCreateSerializer(serializers.Serializer):
    article = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    start = serializers.IntegerField(min_value=0, max_value=MAX_ID)
    end = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    text = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=500,
        help_text="The claim drafted as a short statement; the quote when empty.",
    )  # fmt: skip

    def validate(self, data):
        if data["end"] <= data["start"]:
            raise serializers.ValidationError({"end": "end must be after start."})
        return data


class ClaimUpdateSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, max_length=500)
    claimant = serializers.CharField(required=False, allow_blank=True, max_length=300)
    version = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID,
        help_text="The claim's version this edit was made on (from the claim you read): if "
        "someone edited it since, the answer is 409 with the claim as it is now.",
    )  # fmt: skip


class StaleEditSerializer(serializers.Serializer):
    """409 to an edit made on an old version: the claim as it is now, to re-apply from."""

    detail = serializers.CharField()
    claim = ClaimSerializer()


class ClaimTransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=workflow.ACTIONS)
    comment = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=5000,
        help_text="Why; required for request_changes, correct (public note, proposing a "
        "correction that another editor approves with approve_correction), reject_correction "
        "and retract (public notice).",
    )  # fmt: skip
    assignee = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID,
        help_text="For assign: the id of a moderator.",
    )  # fmt: skip
    rating = serializers.CharField(
        required=False, max_length=60, help_text="For correct: the corrected rating."
    )
    claim_reviewed = serializers.CharField(
        required=False, max_length=300, help_text="For correct: the corrected claim_reviewed."
    )
    summary = serializers.CharField(
        required=False, allow_blank=True, help_text="For correct: the corrected summary."
    )

    def corrected_verdict(self) -> dict | None:
        fields = ("rating", "claim_reviewed", "summary")
        verdict = {f: self.validated_data[f] for f in fields if self.validated_data.get(f)}
        return verdict or None


class ClaimBulkSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        min_length=1,
        max_length=BULK_MAX,
    )
    action = serializers.ChoiceField(choices=BULK_ACTIONS)
    comment = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    assignee = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, max_value=MAX_ID
    )


class BulkErrorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    detail = serializers.CharField()


class ClaimBulkResultSerializer(serializers.Serializer):
    succeeded = serializers.ListField(child=serializers.IntegerField())
    errors = BulkErrorSerializer(many=True)


class WebURLField(serializers.CharField):
    """A stored address, written out only if it is an http(s) one (``claims.weburls``)."""

    def to_representation(self, value) -> str:
        return web_url(value)


class EvidenceSnapshotSerializer(serializers.ModelSerializer):
    final_url = WebURLField(read_only=True)

    class Meta:
        model = EvidenceSnapshot
        fields = ["final_url", "content_type", "sha256", "fetched_at"]
        read_only_fields = fields


class EvidenceSerializer(serializers.ModelSerializer):
    url = WebURLField(read_only=True)
    added_by = StaffUserSerializer(read_only=True)
    snapshot = serializers.SerializerMethodField()
    # A plain string, not a URI: empty when the source has no web archive copy.
    archive_url = serializers.CharField(
        read_only=True, help_text="The source's copy in a web archive; empty if none."
    )

    class Meta:
        model = Evidence
        fields = [
            "id",
            "url",
            "domain",
            "title",
            "publisher",
            "excerpt",
            "stance",
            "accessed_at",
            "added_by",
            "snapshot_status",
            "snapshot_error",
            "snapshot",
            "archive_url",
            "archive_content_type",
            "added_by_correction",
            "removed_by_correction",
            "created_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "added_by_correction": {
                "help_text": "Verdict id of the correction waiting for review that adds this "
                "source (public only once it is approved)."
            },
            "removed_by_correction": {
                "help_text": "Verdict id of the correction waiting for review that removes "
                "this source (public until it is approved)."
            },
        }

    @extend_schema_field(EvidenceSnapshotSerializer(allow_null=True))
    def get_snapshot(self, evidence):
        try:
            snapshot = evidence.snapshot
        except EvidenceSnapshot.DoesNotExist:
            return None
        return EvidenceSnapshotSerializer(snapshot).data


class EvidenceCreateSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000)
    title = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    publisher = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    excerpt = serializers.CharField(required=False, allow_blank=True, default="")
    stance = serializers.ChoiceField(choices=Stance.choices, default=Stance.CONTEXT)
    accessed_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class CommentSerializer(serializers.ModelSerializer):
    author = StaffUserSerializer(read_only=True)
    body_html = serializers.SerializerMethodField(help_text="The body rendered and sanitised.")

    class Meta:
        model = Comment
        fields = ["id", "author", "body", "body_html", "created_at", "edited_at"]
        read_only_fields = fields

    def get_body_html(self, comment) -> str:
        return render_markdown(comment.body)


class CommentCreateSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=20_000, help_text="Markdown.")


class FieldChangeSerializer(serializers.Serializer):
    field = serializers.CharField()
    old = serializers.JSONField(allow_null=True)
    new = serializers.JSONField(allow_null=True)


class HistoryEntrySerializer(serializers.Serializer):
    when = serializers.DateTimeField()
    who = serializers.CharField(allow_null=True, help_text="Username; null for the system.")
    object_type = serializers.ChoiceField(choices=["claim", "verdict", "evidence"])
    object_id = serializers.IntegerField()
    object_label = serializers.CharField()
    change = serializers.ChoiceField(choices=["created", "changed", "deleted"])
    reason = serializers.CharField(allow_blank=True)
    changes = FieldChangeSerializer(many=True)


__all__ = [
    "BULK_ACTIONS",
    "ClaimBulkResultSerializer",
    "ClaimBulkSerializer",
    "ClaimCreateSerializer",
    "ClaimSerializer",
    "ClaimTransitionSerializer",
    "ClaimUpdateSerializer",
    "CommentCreateSerializer",
    "CommentSerializer",
    "EvidenceCreateSerializer",
    "EvidenceSerializer",
    "HistoryEntrySerializer",
    "VerdictDraftSerializer",
    "VerdictSerializer",
    "VerdictWrittenSerializer",
]
