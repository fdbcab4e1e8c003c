"""OpenAPI documentation shared by the API areas: the error body every error answer has."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """Every error answer: a human-readable ``detail``, never a traceback."""

    detail = serializers.CharField()


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


ERROR_RESPONSES = {
    400: OpenApiResponse(
        description="Invalid input: a `detail` message or a field -> messages object."
    ),
    401: _error("No credentials, or an invalid, revoked or expired API key."),
    403: _error("Authenticated, but not allowed (role or key scope)."),
    404: _error("Not found, or not visible to you."),
    429: _error(
        "Too many requests for this API key, or from this address without valid credentials; "
        "see the Retry-After header."
    ),
}
