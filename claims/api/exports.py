"""Exports and feeds: streamed files of fact-checks (newsrooms and staff), of claims (staff only),
the ClaimReview feed and the Atom feed (public: it carries only what the public pages show)."""

from __future__ import annotations

import json

from django.http import HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.factchecks import NEWSROOM_AUTHENTICATION
from claims.api.permissions import CanReadFactchecks, IsStaffMember
from claims.api.schema import ERROR_RESPONSES
from claims.exports import atom, streams
from claims.exports.claimreview import site_url


class _FileRenderer(BaseRenderer):
    """Declares a media type for content negotiation and the schema; the views stream their
    own bytes, so it renders only error bodies (as JSON text)."""

    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):

        return json.dumps(data).encode() if data is not None else b""


def _renderer(media_type: str, fmt: str) -> type[BaseRenderer]:
    return type(
        f"{fmt.upper()}Renderer", (_FileRenderer,), {"media_type": media_type, "format": fmt}
    )


CSVRenderer = _renderer("text/csv", "csv")
NDJSONRenderer = _renderer("application/x-ndjson", "ndjson")
JSONArrayRenderer = _renderer("application/json", "json")
AtomRenderer = _renderer("application/atom+xml", "atom")

INCLUDE_RETRACTED = OpenApiParameter(
    "include_retracted", OpenApiTypes.BOOL, description="Also export retracted fact-checks."
)


def _include_retracted(request) -> bool:
    return request.query_params.get("include_retracted", "").lower() in ("true", "1")


def _stream(lines, *, content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in lines), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


JSON_ARRAY = {"type": "array", "items": {"type": "object", "additionalProperties": True}}


def _file_schema(
    media_type: str, description: str, *, staff_only: bool = False, body=OpenApiTypes.STR
):
    errors = {
        (code, "application/json"): response
        for code, response in ERROR_RESPONSES.items()
        if code not in (400, 404)
    }
    return extend_schema(
        tags=["exports"],
        responses={
            (200, media_type): OpenApiResponse(body, description=description),
            **errors,
        },
        description=description + (" Staff only." if staff_only else ""),
    )


class _FileView(APIView):
    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response):
            # An error (401, 403, 429) is the usual JSON body, labelled as such, whatever
            # file type the endpoint streams when it succeeds.
            response.content_type = "application/json"
        return response


class _FactCheckExport(_FileView):
    authentication_classes = NEWSROOM_AUTHENTICATION
    permission_classes = [CanReadFactchecks]


class FactChecksCSV(_FactCheckExport):
    renderer_classes = [CSVRenderer]

    @_file_schema("text/csv", "Every published fact-check, one CSV row each.")
    @extend_schema(parameters=[INCLUDE_RETRACTED])
    def get(self, request):
        lines = streams.factchecks_csv(include_retracted=_include_retracted(request))
        return _stream(lines, content_type="text/csv; charset=utf-8", filename="fact-checks.csv")


class FactChecksNDJSON(_FactCheckExport):
    renderer_classes = [NDJSONRenderer]

    @_file_schema("application/x-ndjson", "Every published fact-check, one JSON object a line.")
    @extend_schema(parameters=[INCLUDE_RETRACTED])
    def get(self, request):
        lines = streams.factchecks_ndjson(include_retracted=_include_retracted(request))
        return _stream(lines, content_type="application/x-ndjson", filename="fact-checks.ndjson")


class ClaimReviewFeed(_FactCheckExport):
    renderer_classes = [JSONArrayRenderer]

    @_file_schema(
        "application/json",
        "A JSON array of the ClaimReview of every published fact-check.",
        body=JSON_ARRAY,
    )
    def get(self, request):
        return _stream(
            streams.claimreview_feed(),
            content_type="application/json",
            filename="claimreview.json",
        )


class ClaimsCSV(_FileView):
    permission_classes = [IsStaffMember]
    renderer_classes = [CSVRenderer]

    @_file_schema("text/csv", "Every claim, whatever its state, one CSV row each.", staff_only=True)
    def get(self, request):
        return _stream(
            streams.claims_csv(), content_type="text/csv; charset=utf-8", filename="claims.csv"
        )


class ClaimsNDJSON(_FileView):
    permission_classes = [IsStaffMember]
    renderer_classes = [NDJSONRenderer]

    @_file_schema("application/x-ndjson", "Every claim, one JSON object a line.", staff_only=True)
    def get(self, request):
        return _stream(
            streams.claims_ndjson(), content_type="application/x-ndjson", filename="claims.ndjson"
        )


class FactChecksAtom(APIView):
    # Public, like the fact-check pages it links to; feed readers send no credentials.
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [AtomRenderer]

    @extend_schema(
        tags=["exports"],
        auth=[],
        responses={
            (200, "application/atom+xml"): OpenApiResponse(
                OpenApiTypes.STR,
                description="The latest published fact-checks, corrections and retractions.",
            )
        },
    )
    def get(self, request):
        # Links on SITE_URL like every other output, whichever host the reader asked.
        body = atom.factchecks_atom(feed_url=f"{site_url()}{request.get_full_path()}")
        return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")
