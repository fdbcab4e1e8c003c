"""/api/v1/: each area registers its routes here."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from claims.api import claims, exports, factchecks, matches, webhooks
from claims.api import imports as imports_api

router = DefaultRouter(trailing_slash=True)
# No ".json"-style suffix routes: they doubled every route, and custom actions do not take a
# ``format`` argument (a 500). ``?format=`` and the Accept header choose the renderer.
router.include_format_suffixes = False
router.register("claims", claims.ClaimViewSet, basename="claim")
router.register("fact-checks", factchecks.FactCheckViewSet, basename="factcheck")
router.register("imports", imports_api.ImportJobViewSet, basename="import")
router.register("webhook-deliveries", webhooks.WebhookDeliveryViewSet, basename="webhook-delivery")

urlpatterns: list = [
    # Exports and feeds (issue 7); before the router so its routes cannot shadow them.
    path("exports/fact-checks.csv", exports.FactChecksCSV.as_view(), name="export_factchecks_csv"),
    path(
        "exports/fact-checks.ndjson",
        exports.FactChecksNDJSON.as_view(),
        name="export_factchecks_ndjson",
    ),
    path("exports/claimreview.json", exports.ClaimReviewFeed.as_view(), name="export_claimreview"),
    path("exports/claims.csv", exports.ClaimsCSV.as_view(), name="export_claims_csv"),
    path("exports/claims.ndjson", exports.ClaimsNDJSON.as_view(), name="export_claims_ndjson"),
    path("feeds/fact-checks.atom", exports.FactChecksAtom.as_view(), name="feed_factchecks_atom"),
    path("matches/", matches.MatchView.as_view(), name="matches"),
    path("newsroom/webhook/", webhooks.NewsroomWebhookView.as_view(), name="newsroom_webhook"),
    *router.urls,
]
