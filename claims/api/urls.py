"""/api/v1/: each area registers its routes here."""

from rest_framework.routers import DefaultRouter

from claims.api import imports as imports_api

router = DefaultRouter(trailing_slash=True)
router.register("imports", imports_api.ImportJobViewSet, basename="import")

urlpatterns: list = [
    *router.urls,
]
