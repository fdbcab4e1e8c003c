"""/api/v1/: each area registers its routes here."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter(trailing_slash=True)

urlpatterns: list = [
    *router.urls,
]
