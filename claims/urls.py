from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from claims.views import (
    articles,
    evidence,
    health,
    home,
    notifications,
    public,
    queue,
)
from claims.views import (
    claims as claim_views,
)
from claims.views import imports as import_views

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    # The workbench pages (issue 6).
    path("articles/", articles.article_list, name="article_list"),
    path("articles/<int:pk>/", articles.article_reader, name="article_reader"),
    path("articles/<int:pk>/claims/", articles.article_claim_add, name="article_claim_add"),
    path("queue/", queue.queue, name="queue"),
    path("queue/bulk/", queue.queue_bulk, name="queue_bulk"),
    path("claims/<int:pk>/", claim_views.claim_detail, name="claim_detail"),
    path("claims/<int:pk>/panel/", claim_views.claim_panel, name="claim_panel"),
    path("claims/<int:pk>/transition/", claim_views.claim_transition, name="claim_transition"),
    path("claims/<int:pk>/edit/", claim_views.claim_edit, name="claim_edit"),
    path("claims/<int:pk>/verdict/", claim_views.claim_verdict, name="claim_verdict"),
    path("claims/<int:pk>/evidence/", claim_views.claim_evidence, name="claim_evidence"),
    # Matching (issue 19): confirm or reject a match the engine suggested.
    path(
        "claims/<int:pk>/matches/<int:match_id>/",
        claim_views.claim_match_decide,
        name="claim_match_decide",
    ),
    # Fixing evidence before publication (issue 18).
    path(
        "claims/<int:pk>/evidence/<int:evidence_id>/edit/",
        evidence.evidence_edit,
        name="evidence_edit",
    ),
    path(
        "claims/<int:pk>/evidence/<int:evidence_id>/remove/",
        evidence.evidence_remove,
        name="evidence_remove",
    ),
    path(
        "claims/<int:pk>/evidence/<int:evidence_id>/retry/",
        evidence.evidence_snapshot_retry,
        name="evidence_snapshot_retry",
    ),
    path(
        "claims/<int:pk>/evidence/<int:evidence_id>/archive/",
        evidence.evidence_archive,
        name="evidence_archive",
    ),
    path(
        "claims/<int:pk>/evidence/<int:evidence_id>/archive/file/",
        evidence.evidence_archive_file,
        name="evidence_archive_file",
    ),
    # Notifications (issue 18): the list behind the badge, one opened, the e-mail choice.
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
    path(
        "notifications/settings/",
        notifications.notification_settings,
        name="notification_settings",
    ),
    path("claims/<int:pk>/comments/", claim_views.claim_comment, name="claim_comment"),
    # Imports (issue 4).
    path("imports/", import_views.imports, name="imports"),
    path("imports/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("imports/<int:pk>/progress/", import_views.import_progress, name="import_progress"),
    path("imports/<int:pk>/retry/", import_views.import_retry, name="import_retry"),
    # Public fact-check pages (issue 5): no login.
    path("fact-checks/", public.factcheck_index, name="factcheck_index"),
    path("fact-checks/<slug:slug>/", public.factcheck_detail, name="factcheck_detail"),
    path("api/v1/", include("claims.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api_schema", template_name="api/swagger_ui.html"
        ),
        name="api_docs",
    ),
    path(
        "login/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
