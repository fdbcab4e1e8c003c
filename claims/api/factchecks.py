"""GET /api/v1/fact-checks/: published fact-checks for newsrooms and staff.

Only public claims are ever read, whoever asks: lists show published fact-checks (and retracted
ones with ``include_retracted=true``); a retracted one stays readable by id, with its notice.
The queryset starts from ``published_factchecks()``. Ids are the claims' ids: they never change.
Responses carry an ETag (a hash of the body) and Last-Modified (the newest ``updated_at``
shown), and answer conditional requests with 304.
"""

from __future__ import annotations

import calendar
import hashlib

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import filters, serializers, viewsets
from rest_framework.authentication import SessionAuthentication
from rest_framework.pagination import CursorPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from claims.api.authentication import NewsroomKeyAuthentication
from claims.api.filters import UTCIsoDateTimeFilter
from claims.api.permissions import CanReadFactchecks
from claims.api.schema import ERROR_RESPONSES
from claims.exports.claimreview import claimreview
from claims.exports.records import factcheck_json
from claims.exports.streams import attach_verdicts_and_evidence
from claims.models import Claim, ClaimStatus, Verdict
from claims.selectors import published_factchecks


class JSONLDRenderer(JSONRenderer):
    media_type = "application/ld+json"
    format = "jsonld"


# Newsroom endpoints list the key scheme first so a request without credentials gets a 401 with
# a WWW-Authenticate challenge rather than a bare 403.
NEWSROOM_AUTHENTICATION = [NewsroomKeyAuthentication, SessionAuthentication]


# --- representation ----------------------------------------------------------------------------


class OutletSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()


class AppearanceSerializer(serializers.Serializer):
    url = serializers.CharField(allow_blank=True)
    title = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField(allow_null=True)
    language = serializers.CharField(allow_blank=True)
    outlet = OutletSerializer(allow_null=True)


class RatingSerializer(serializers.Serializer):
    label = serializers.CharField()
    slug = serializers.CharField()
    position = serializers.IntegerField(allow_null=True)
    best_rating = serializers.IntegerField()
    worst_rating = serializers.IntegerField()


class CorrectionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    note = serializers.CharField()
    date = serializers.DateTimeField()


class SourceSerializer(serializers.Serializer):
    url = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    publisher = serializers.CharField(allow_blank=True)
    stance = serializers.ChoiceField(choices=["supports", "refutes", "context"])
    accessed_at = serializers.DateTimeField()


class FactCheckSerializer(serializers.Serializer):
    """A published (or retracted) fact-check. Built from prefetched rows only."""

    id = serializers.IntegerField(help_text="Stable: the claim's id.")
    slug = serializers.CharField()
    url = serializers.CharField(help_text="The public fact-check page.")
    status = serializers.ChoiceField(choices=[ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED])
    claim_reviewed = serializers.CharField()
    claim_text = serializers.CharField()
    quote = serializers.CharField()
    claimant = serializers.CharField(allow_blank=True)
    rating = RatingSerializer()
    summary = serializers.CharField(allow_blank=True)
    published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    retracted_at = serializers.DateTimeField(allow_null=True)
    retraction_note = serializers.CharField(allow_blank=True)
    appearance = AppearanceSerializer(help_text="The article the claim was researched from.")
    appearances = AppearanceSerializer(
        many=True,
        help_text="Every confirmed appearance of the claim (the same claim found in other "
        "articles and confirmed by a fact-checker), this article first.",
    )
    corrections = CorrectionSerializer(many=True)
    sources = SourceSerializer(many=True)

    def to_representation(self, claim):
        return factcheck_json(claim, request_or_site_url=self.context["request"])


# --- filters -----------------------------------------------------------------------------------


class FactCheckFilter(django_filters.FilterSet):
    rating = django_filters.CharFilter(
        method="filter_rating", help_text="Rating slug of the current verdict, e.g. `false`."
    )
    outlet = django_filters.CharFilter(
        field_name="article__outlet__slug", help_text="Slug of the outlet that ran the claim."
    )
    published_after = UTCIsoDateTimeFilter(field_name="published_at", lookup_expr="gte")
    published_before = UTCIsoDateTimeFilter(field_name="published_at", lookup_expr="lt")
    updated_after = UTCIsoDateTimeFilter(field_name="updated_at", lookup_expr="gte")
    updated_before = UTCIsoDateTimeFilter(field_name="updated_at", lookup_expr="lt")
    updated_since = UTCIsoDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Fact-checks changed at or after this time (for incremental sync).",
    )
    q = django_filters.CharFilter(
        method="filter_q", help_text="Words in the claim, the claimant or the verdict."
    )
    include_retracted = django_filters.BooleanFilter(
        method="filter_noop", help_text="Also list retracted fact-checks (with their notice)."
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_rating(self, queryset, name, value):
        return queryset.filter(verdicts__is_current=True, verdicts__rating__slug=value)

    def filter_q(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        # EXISTS rather than a join: a join over verdict versions would repeat claims.
        in_verdict = Verdict.objects.filter(claim=OuterRef("pk"), is_current=True).filter(
            Q(claim_reviewed__icontains=value) | Q(summary__icontains=value)
        )
        return queryset.filter(
            Q(text__icontains=value) | Q(claimant__icontains=value) | Exists(in_verdict)
        )

    def filter_noop(self, queryset, name, value):
        return queryset  # read in get_queryset, which picks the base set


class FactCheckCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = ("-published_at", "-id")


FORMAT_PARAMETER = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "jsonld"],
    description="`jsonld` (or `Accept: application/ld+json`) answers with ClaimReview JSON-LD: "
    "a schema.org DataFeed for lists.",
)


# --- the view ----------------------------------------------------------------------------------


@extend_schema(tags=["fact-checks"])
class FactCheckViewSet(viewsets.ReadOnlyModelViewSet):
    authentication_classes = NEWSROOM_AUTHENTICATION
    permission_classes = [CanReadFactchecks]
    renderer_classes = [JSONRenderer, JSONLDRenderer]
    serializer_class = FactCheckSerializer
    filterset_class = FactCheckFilter
    filter_backends = [
        django_filters.rest_framework.DjangoFilterBackend,
        filters.OrderingFilter,
    ]
    ordering_fields = ["published_at", "updated_at", "id"]
    ordering = ["-published_at", "-id"]
    pagination_class = FactCheckCursorPagination

    def get_queryset(self):
        # A retracted fact-check stays readable by id, so that a newsroom that copied it
        # learns of the retraction; lists show them on request.
        include_retracted = self.action == "retrieve" or self.request.query_params.get(
            "include_retracted", ""
        ).lower() in ("true", "1")
        # Verdicts and evidence are attached per page (attach_verdicts_and_evidence), not
        # prefetched per claim: three queries a page either way, but much less Python.
        return (
            published_factchecks(include_retracted=include_retracted)
            .prefetch_related(None)
            .defer("article__text")
        )

    def _wants_jsonld(self) -> bool:
        return getattr(self.request.accepted_renderer, "format", "") == "jsonld"

    @extend_schema(
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): FactCheckSerializer(many=True),
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="A schema.org DataFeed of ClaimReview items."
            ),
            304: OpenApiResponse(description="Not modified (If-None-Match / If-Modified-Since)."),
            **ERROR_RESPONSES,
        },
    )
    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        page = attach_verdicts_and_evidence(self.paginate_queryset(queryset))
        if self._wants_jsonld():
            response = Response(
                {
                    "@context": "https://schema.org",
                    "@type": "DataFeed",
                    "dataFeedElement": [
                        claimreview(claim, request_or_site_url=request) for claim in page
                    ],
                }
            )
            links = [
                f'<{url}>; rel="{rel}"'
                for rel, url in (
                    ("next", self.paginator.get_next_link()),
                    ("prev", self.paginator.get_previous_link()),
                )
                if url
            ]
            if links:
                response["Link"] = ", ".join(links)
        else:
            response = self.get_paginated_response(self.get_serializer(page, many=True).data)
        response.last_modified_at = max((c.updated_at for c in page), default=None)
        return response

    @extend_schema(
        parameters=[FORMAT_PARAMETER],
        responses={
            (200, "application/json"): FactCheckSerializer,
            (200, "application/ld+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="ClaimReview JSON-LD."
            ),
            304: OpenApiResponse(description="Not modified (If-None-Match / If-Modified-Since)."),
            **ERROR_RESPONSES,
        },
    )
    def retrieve(self, request, *args, **kwargs):
        (claim,) = attach_verdicts_and_evidence([self.get_object()])
        if self._wants_jsonld():
            data = claimreview(claim, request_or_site_url=request)
        else:
            data = factcheck_json(claim, request_or_site_url=request)
        response = Response(data)
        response.last_modified_at = claim.updated_at
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        return conditional(request, response)


def conditional(request, response):
    """Add ETag and Last-Modified to a 200 answer, or turn it into a 304 when the client's
    copy is current."""
    response.render()
    patch_vary_headers(response, ["Accept", "Authorization", "Cookie"])
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    modified = getattr(response, "last_modified_at", None)
    timestamp = calendar.timegm(modified.utctimetuple()) if modified is not None else None
    if timestamp is not None:
        response["Last-Modified"] = http_date(timestamp)
    return get_conditional_response(request, etag=etag, last_modified=timestamp, response=response)
