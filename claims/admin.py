from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey
from simple_history.admin import SimpleHistoryAdmin

from claims import admin_accounts  # noqa: F401  (registers the User and Group admins)
from claims.admin_forms import NewsroomAPIKeyForm, NewsroomForm
from claims.forms import ExternalFactCheckUploadForm
from claims.models import (
    Article,
    ArticleRevision,
    Claim,
    ClaimVector,
    Comment,
    Evidence,
    EvidenceSnapshot,
    ExternalFactCheck,
    Feed,
    ImportItem,
    ImportJob,
    MatchSuggestion,
    Newsroom,
    NewsroomAPIKey,
    Notification,
    NotificationPreference,
    Outlet,
    Quantity,
    Rating,
    RatingScale,
    Scope,
    Verdict,
    WebhookDelivery,
)
from claims.services.factcheck_library import library_import
from claims.services.webhooks import webhook_delivery_redeliver


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "homepage", "language", "created_at"]
    list_filter = ["language"]
    search_fields = ["name", "homepage"]
    prepopulated_fields = {"slug": ["name"]}


class ArticleRevisionInline(admin.TabularInline):
    model = ArticleRevision
    extra = 0
    fields = ["number", "title", "content_hash", "created_at"]
    readonly_fields = fields
    can_delete = False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "outlet", "published_at", "language", "revision", "created_at"]
    list_filter = ["outlet", "language", "published_at"]
    search_fields = ["title", "url", "canonical_url", "author"]
    date_hierarchy = "published_at"
    readonly_fields = ["content_hash", "revision", "import_job", "created_at", "updated_at"]
    list_select_related = ["outlet"]
    inlines = [ArticleRevisionInline]


@admin.register(ArticleRevision)
class ArticleRevisionAdmin(admin.ModelAdmin):
    list_display = ["article", "number", "content_hash", "created_at"]
    search_fields = ["article__title", "title"]
    list_select_related = ["article"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "title", "outlet", "active", "poll_interval_minutes", "last_polled_at"]
    list_filter = ["active", "outlet"]
    search_fields = ["url", "title"]


class QuantityInline(admin.TabularInline):
    model = Quantity
    extra = 0
    fields = ["text", "value", "low", "high", "qualifier", "unit", "kind"]


@admin.register(Claim)
class ClaimAdmin(SimpleHistoryAdmin):
    list_display = ["text", "status", "score", "claimant", "assignee", "source_changed", "article"]
    list_filter = ["status", "origin", "source_changed", "article__outlet"]
    search_fields = ["text", "quote", "claimant", "article__title"]
    raw_id_fields = ["article", "created_by"]
    # Workflow state changes only through claims.services.reviews.claim_transition, which checks
    # the transition, the role and the two-person rule and tells the newsrooms; a form that set
    # "published" directly made a fact-check without a verdict.
    readonly_fields = [
        "status",
        "status_note",
        "assignee",
        "live_verdict",
        "slug",
        "published_at",
        "retracted_at",
        "retraction_note",
        "status_changed_at",
        # The edit counter of the claim form's conflict check: an edit here moves it on too.
        "version",
    ]
    list_select_related = ["article", "assignee"]
    inlines = [QuantityInline]

    def save_model(self, request, obj, form, change):
        if change and {"text", "claimant"} & set(form.changed_data):
            obj.version += 1
        super().save_model(request, obj, form, change)


@admin.register(Quantity)
class QuantityAdmin(admin.ModelAdmin):
    list_display = ["text", "value", "low", "high", "qualifier", "unit", "kind"]
    list_filter = ["kind", "qualifier"]
    search_fields = ["text", "unit"]
    raw_id_fields = ["claim"]


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    prepopulated_fields = {"slug": ["label"]}


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ["name", "is_default", "worst_rating", "best_rating"]
    inlines = [RatingInline]


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ["label", "scale", "position", "order"]
    list_filter = ["scale"]
    search_fields = ["label"]


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "version", "is_current", "rating", "author", "approved_by"]
    list_filter = ["is_current", "rating"]
    search_fields = ["claim_reviewed", "summary"]
    list_select_related = ["claim", "rating", "author", "approved_by"]
    # Versions, who wrote and who approved them, and which one is in force are the review
    # workflow's record (two-person rule, Claim.live_verdict): read-only here.
    readonly_fields = [
        "claim",
        "version",
        "is_current",
        "author",
        "approved_by",
        "approved_at",
    ]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Evidence)
class EvidenceAdmin(SimpleHistoryAdmin):
    list_display = ["title", "domain", "stance", "snapshot_status", "claim", "added_by"]
    list_filter = ["stance", "snapshot_status"]
    search_fields = ["url", "title", "publisher", "excerpt"]
    raw_id_fields = ["claim", "added_by"]


@admin.register(EvidenceSnapshot)
class EvidenceSnapshotAdmin(admin.ModelAdmin):
    list_display = ["final_url", "content_type", "sha256", "fetched_at"]
    search_fields = ["final_url", "sha256"]
    readonly_fields = ["evidence", "final_url", "content_type", "text", "sha256", "fetched_at"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["claim", "author", "created_at"]
    search_fields = ["body"]
    raw_id_fields = ["claim", "author"]


class ImportItemInline(admin.TabularInline):
    model = ImportItem
    extra = 0
    fields = ["position", "source", "status", "message", "article", "attempts"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "source",
        "newsroom",
        "total",
        "done",
        "duplicate",
        "failed",
        "created_at",
    ]
    list_filter = ["source", "newsroom"]
    search_fields = ["label"]
    # Who submitted a job decides which newsroom may read it back through the API, so it is a
    # fact of record, not something to edit.
    readonly_fields = [
        "newsroom",
        "api_key",
        "created_by",
        "total",
        "done",
        "duplicate",
        "failed",
        "created_at",
        "finished_at",
    ]


@admin.register(ImportItem)
class ImportItemAdmin(admin.ModelAdmin):
    list_display = ["source", "job", "status", "attempts", "message", "finished_at"]
    list_filter = ["status", "kind"]
    search_fields = ["source", "message"]
    raw_id_fields = ["job", "article"]


@admin.register(Newsroom)
class NewsroomAdmin(admin.ModelAdmin):
    form = NewsroomForm
    list_display = ["name", "contact_email", "active", "webhook_url", "created_at"]
    list_filter = ["active"]
    search_fields = ["name", "contact_email"]
    readonly_fields = ["webhook_secret", "created_at"]


# Importing APIKeyModelAdmin above ran the package's admin, which registers a second "API keys"
# section for its generic model, which nothing here uses: one section, ours (keys belong to a
# newsroom and carry scopes).
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


@admin.register(NewsroomAPIKey)
class NewsroomAPIKeyAdmin(APIKeyModelAdmin):
    form = NewsroomAPIKeyForm
    list_display = [*APIKeyModelAdmin.list_display, "newsroom", "scope_labels"]
    list_filter = [*APIKeyModelAdmin.list_filter, "newsroom"]
    search_fields = [*APIKeyModelAdmin.search_fields, "newsroom__name"]

    @admin.display(description="scopes")
    def scope_labels(self, obj) -> str:
        labels = dict(Scope.choices)
        return ", ".join(labels.get(scope, scope) for scope in obj.scopes) or "none"


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "event_type",
        "newsroom",
        "status",
        "attempts",
        "last_status_code",
        "created_at",
    ]
    list_filter = ["status", "event_type", "newsroom"]
    search_fields = ["event_id", "last_error"]
    raw_id_fields = ["claim"]
    list_select_related = ["newsroom"]
    readonly_fields = [
        "newsroom",
        "event_id",
        "event_type",
        "claim",
        "payload",
        "status",
        "attempts",
        "last_status_code",
        "last_error",
        "next_attempt_at",
        "delivered_at",
        "created_at",
    ]
    actions = ["redeliver"]

    @admin.action(description="Redeliver the selected webhook deliveries now")
    def redeliver(self, request, queryset):
        for delivery_id in queryset.values_list("id", flat=True):
            webhook_delivery_redeliver(delivery_id=delivery_id)
        self.message_user(request, f"{queryset.count()} deliveries queued again.")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "message", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["message", "user__username"]
    raw_id_fields = ["user", "claim"]
    list_select_related = ["user"]
    # Written by the workflow; the admin looks, it does not compose.
    readonly_fields = ["user", "claim", "kind", "message", "created_at", "read_at", "emailed_at"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "email"]
    list_filter = ["email"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]


@admin.register(ExternalFactCheck)
class ExternalFactCheckAdmin(admin.ModelAdmin):
    """The library of fact-checks published elsewhere, with an upload of ClaimReview JSON-LD
    or JSON lines (the same service as ``manage.py import_factchecks``)."""

    list_display = ["claim_text", "rating", "publisher", "published_on", "language", "has_vector"]
    list_filter = ["publisher", "language"]
    search_fields = ["claim_text", "title", "url"]
    readonly_fields = ["key", "source_file", "model_version", "created_at", "updated_at"]
    change_list_template = "admin/claims/externalfactcheck/change_list.html"

    @admin.display(boolean=True, description="embedded")
    def has_vector(self, obj) -> bool:
        return obj.vector is not None

    def get_urls(self):
        upload = self.admin_site.admin_view(self.upload_view)
        return [
            path("upload/", upload, name="claims_externalfactcheck_upload"),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ExternalFactCheckUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > settings.UPLOAD_MAX_BYTES:
                form.add_error("file", "The file is larger than UPLOAD_MAX_BYTES.")
            else:
                result = library_import(data=upload.read(), source=upload.name, send_vectors=True)
                for error in result.errors[:50]:
                    messages.warning(request, f"{upload.name}, {error}: skipped")
                messages.success(
                    request, f"{upload.name}: {result.summary}. Embedding runs on the workers."
                )
                return redirect("admin:claims_externalfactcheck_changelist")
        context = {**self.admin_site.each_context(request), "form": form,
                   "opts": self.model._meta, "title": "Upload external fact-checks"}  # fmt: skip
        return TemplateResponse(request, "admin/claims/externalfactcheck/upload.html", context)


@admin.register(MatchSuggestion)
class MatchSuggestionAdmin(SimpleHistoryAdmin):
    list_display = ["claim", "kind", "score", "state", "decided_by", "decided_at"]
    list_filter = ["kind", "state"]
    raw_id_fields = ["claim", "target_claim", "target_external"]
    readonly_fields = ["score", "lexical", "semantic", "decided_by", "decided_at", "created_at"]
    list_select_related = ["claim", "decided_by"]


@admin.register(ClaimVector)
class ClaimVectorAdmin(admin.ModelAdmin):
    """Read only: the stored embeddings the match indexes are built from."""

    list_display = ["claim", "model_version", "updated_at"]
    list_filter = ["model_version"]
    search_fields = ["text"]
    raw_id_fields = ["claim"]
    readonly_fields = ["claim", "text", "model_version", "updated_at"]
    exclude = ["vector"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
