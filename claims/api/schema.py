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


WRITE_METHODS = ("post", "put", "patch")


def document_request_too_large(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation that takes a body may answer 413
    (a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE``; ``claims.api.errors``)."""
    too_large = {
        "description": "The request body is larger than this server accepts.",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method in WRITE_METHODS:
                operation.setdefault("responses", {}).setdefault("413", too_large)
    return result
