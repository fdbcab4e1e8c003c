from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]

handler404 = "claims.api.errors.not_found"
handler500 = "claims.api.errors.server_error"
