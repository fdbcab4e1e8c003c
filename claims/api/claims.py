"""/api/v1/claims/: the review workflow for staff — the queue, claims marked by hand,
transitions, verdicts, evidence, comments and the audit history.

Staff only: every request needs a logged-in user holding a workbench role (a newsroom API key
leaves the user anonymous and never gets in). Views validate the input, call one service from
``claims.services.reviews`` and answer; the services decide what is allowed, and
``claims.api.errors`` turns their refusals into 409 / 403 / 400.
"""

from __future__ import annotations

import django_filters
from django.db.models import Prefetch
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import filters, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from claims import selectors
from claims.api import serializers as s
from claims.api.pagination import BoundedLimitOffsetPagination
from claims.api.permissions import IsStaffMember
from claims.api.schema import ERROR_RESPONSES, ErrorSerializer
from claims.models import Article, Claim, ClaimStatus, Verdict
from claims.services import reviews

ERRORS = {code: ERROR_RESPONSES[code] for code in (400, 403, 404)}
CONFLICT = {
    409: OpenApiResponse(
        ErrorSerializer, description="The action does not apply to the claim in its state."
    )
}
READ_ERRORS = {code: ERROR_RESPONSES[code] for code in (403, 404)}
STALE = {
    409: OpenApiResponse(
        s.StaleEditSerializer, description="Someone edited the claim after the `version` sent."
    ),
    412: OpenApiResponse(
        ErrorSerializer, description="`If-Match` does not match the claim's current ETag."
    ),
}
# The actions under a claim answer about that one claim: the queue's filters and pagination
# are not theirs (neither applied nor documented).
NESTED = {"filter_backends": [], "pagination_class": None}


# --- the queue: filters, ordering, pagination ----------------------------------------------------


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ClaimStatus.choices,
        help_text="One or more statuses (repeat the parameter).",
        # A column of the claim itself cannot repeat rows; django-filter's default DISTINCT
        # made the page and its COUNT compare every column of every matching claim (150 ms
        # for the 80,000 queued claims of bench/api.py).
        distinct=False,
    )
    min_score = django_filters.NumberFilter(field_name="score", lookup_expr="gte")
    max_score = django_filters.NumberFilter(field_name="score", lookup_expr="lte")
    outlet = django_filters.CharFilter(
        field_name="article__outlet__slug", help_text="The outlet's slug."
    )
    kind = django_filters.CharFilter(
        method="filter_kind", max_length=40, help_text="A claim kind, e.g. `quantity`."
    )
    assignee = django_filters.CharFilter(
        method="filter_assignee",
        max_length=20,
        help_text="`me`, `none` (unassigned) or a user id.",
    )
    article = django_filters.NumberFilter(
        field_name="article_id", min_value=1, max_value=s.MAX_ID, decimal_places=0
    )
    created_from = django_filters.DateFilter(field_name="created_at__date", lookup_expr="gte")
    created_to = django_filters.DateFilter(field_name="created_at__date", lookup_expr="lte")
    published_from = django_filters.DateFilter(
        field_name="published_at__date", lookup_expr="gte", help_text="Fact-check publication."
    )
    published_to = django_filters.DateFilter(field_name="published_at__date", lookup_expr="lte")
    article_from = django_filters.DateFilter(
        field_name="article__published_at__date",
        lookup_expr="gte",
        help_text="The article's publication date.",
    )
    article_to = django_filters.DateFilter(
        field_name="article__published_at__date", lookup_expr="lte"
    )
    q = django_filters.CharFilter(
        method="search",
        max_length=200,
        help_text="Words in the claim, quote, claimant, article title or outlet name.",
    )

    class Meta:
        model = Claim
        fields = []

    def filter_kind(self, queryset, name, value):
        # kinds is a JSON list; matching the quoted word works on SQLite and PostgreSQL alike.
        return queryset.filter(kinds__icontains=f'"{value}"')

    def filter_assignee(self, queryset, name, value):
        value = value.strip().lower()
        if value == "me":
            return queryset.filter(assignee=self.request.user)
        if value == "none":
            return queryset.filter(assignee__isnull=True)
        if value.isdigit() and len(value) <= 18:
            return queryset.filter(assignee_id=int(value))
        raise serializers.ValidationError({"assignee": "Use `me`, `none` or a user id."})

    def search(self, queryset, name, value):
        return selectors.claims_matching(queryset, value)


class ClaimPagination(BoundedLimitOffsetPagination):
    default_limit = 50

    def paginate_queryset(self, queryset, request, view=None):
        """DRF's, with the page read first: a page shorter than the limit already says how
        many rows there are, so the COUNT(*) (which reads every matching row: 100,000 index
        entries for the whole queue) runs only under a full or empty page."""
        self.request = request
        self.limit = self.get_limit(request)
        if self.limit is None:
            return None
        self.offset = self.get_offset(request)
        page = list(queryset[self.offset : self.offset + self.limit])
        if 0 < len(page) < self.limit or (not page and self.offset == 0):
            self.count = self.offset + len(page)
        else:
            self.count = self.get_count(queryset)
        if self.count > self.limit and self.template is not None:
            self.display_page_controls = True
        return page


# --- edits on a known version: ETag and If-Match ------------------------------------------------


def _etag(claim_data: dict) -> str:
    return f'"claim-{claim_data["id"]}-v{claim_data["version"]}"'


def _version_in_if_match(header: str, claim) -> int | None:
    """The version an If-Match header names for this claim; None if it names none of its
    ETags. ``*`` matches any version (the claim exists)."""
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/")
        if tag == "*":
            return claim.version
        prefix = f'"claim-{claim.id}-v'
        number = tag.removeprefix(prefix).removesuffix('"')
        if tag.startswith(prefix) and tag.endswith('"') and number.isdigit() and len(number) < 19:
            return int(number)
    return None


def _precondition_failed() -> Response:
    return Response(
        {"detail": "The claim changed since the ETag in If-Match; read it again."},
        status=status.HTTP_412_PRECONDITION_FAILED,
    )


# --- the view ------------------------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="The claim queue", responses={200: s.ClaimSerializer, **ERRORS}),
    retrieve=extend_schema(responses={200: s.ClaimSerializer, **READ_ERRORS}),
)
@extend_schema(tags=["claims"])
class ClaimViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = [IsStaffMember]
    serializer_class = s.ClaimSerializer
    filterset_class = ClaimFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.OrderingFilter]
    ordering_fields = ["score", "created_at", "updated_at", "published_at", "status", "id"]
    ordering = ["-created_at", "-id"]
    pagination_class = ClaimPagination
    # Ids beyond 64 bits are a 404 from the router instead of a database overflow.
    lookup_value_regex = r"[0-9]{1,18}"

    def get_queryset(self):
        return (
            # Staff with any workbench role see every claim; anyone else sees none.
            selectors.visible_claims(self.request.user)
            .select_related("article__outlet", "assignee", "created_by")
            .defer("article__text")
            .prefetch_related(
                Prefetch(
                    "verdicts",
                    # Ordered by its own columns: Verdict's default order (claim, then the
                    # claim's article and offset) joined two tables to sort a handful of rows.
                    queryset=Verdict.objects.select_related(
                        "rating", "author", "approved_by"
                    ).order_by("claim_id", "-version"),
                )
            )
        )

    def filter_queryset(self, queryset):
        # The queue's filters narrow the list only; a claim's own URL finds it whatever the
        # query string says.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def _claim(self, claim_id: int):
        return s.ClaimSerializer(
            self.get_queryset().get(id=claim_id), context=self.get_serializer_context()
        ).data

    def _input(self, serializer_class, **kwargs):
        serializer = serializer_class(data=self.request.data, **kwargs)
        serializer.is_valid(raise_exception=True)
        return serializer

    @extend_schema(
        summary="Mark a claim by hand",
        request=s.ClaimCreateSerializer,
        responses={201: s.ClaimSerializer, **ERRORS},
    )
    def create(self, request):
        data = self._input(s.ClaimCreateSerializer).validated_data
        article = Article.objects.filter(id=data["article"]).first()
        if article is None:
            raise serializers.ValidationError(
                {"article": [f"There is no article {data['article']}."]}
            )
        claim = reviews.claim_create_manual(
            article=article, user=request.user, start=data["start"], end=data["end"],
            text=data["text"],
        )  # fmt: skip
        return Response(self._claim(claim.id), status=status.HTTP_201_CREATED)

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = _etag(response.data)
        return response

    @extend_schema(
        summary="Edit a claim's text or claimant",
        description="Send the `version` you read (or `If-Match` with the claim's `ETag`): an "
        "edit made on an older version is refused, 409 (412 with `If-Match`), instead of "
        "overwriting what someone else saved meanwhile.",
        request=s.ClaimUpdateSerializer,
        parameters=[
            OpenApiParameter(
                "If-Match",
                location=OpenApiParameter.HEADER,
                required=False,
                description="The claim's ETag as last read (GET /api/v1/claims/{id}/).",
            )
        ],
        responses={200: s.ClaimSerializer, **ERRORS, **STALE},
    )
    def partial_update(self, request, pk=None):
        claim = self.get_object()
        data = self._input(s.ClaimUpdateSerializer, partial=True).validated_data
        if "If-Match" in request.headers:
            matched = _version_in_if_match(request.headers["If-Match"], claim)
            if matched is None:
                return _precondition_failed()
            data["version"] = matched
        try:
            reviews.claim_update(claim_id=claim.id, user=request.user, **data)
        except reviews.StaleEdit as exc:
            if "If-Match" in request.headers:
                return _precondition_failed()
            body = {"detail": str(exc), "claim": self._claim(exc.claim.id)}
            return Response(body, status=status.HTTP_409_CONFLICT)
        response = Response(self._claim(claim.id))
        response["ETag"] = _etag(response.data)
        return response

    @extend_schema(
        summary="Take a workflow action",
        request=s.ClaimTransitionSerializer,
        responses={200: s.ClaimSerializer, **ERRORS, **CONFLICT},
    )
    @action(detail=True, methods=["post"], **NESTED)
    def transition(self, request, pk=None):
        claim = self.get_object()
        serializer = self._input(s.ClaimTransitionSerializer)
        data = serializer.validated_data
        reviews.claim_transition(
            claim_id=claim.id,
            user=request.user,
            action=data["action"],
            comment=data["comment"],
            assignee=data.get("assignee"),
            verdict=serializer.corrected_verdict(),
        )
        return Response(self._claim(claim.id))

    @extend_schema(
        summary="Queue, dismiss or assign many claims",
        description="Each claim succeeds or fails on its own; refusals are listed per claim.",
        request=s.ClaimBulkSerializer,
        responses={200: s.ClaimBulkResultSerializer, **ERRORS},
    )
    @action(detail=False, methods=["post"], **NESTED)
    def bulk(self, request):
        data = self._input(s.ClaimBulkSerializer).validated_data
        ids = list(dict.fromkeys(data["ids"]))
        errors = reviews.claims_bulk_transition(
            claim_ids=ids,
            user=request.user,
            action=data["action"],
            comment=data["comment"],
            assignee=data.get("assignee"),
        )
        return Response(
            {
                "succeeded": [i for i in ids if i not in errors],
                "errors": [{"id": i, "detail": message} for i, message in errors.items()],
            }
        )

    @extend_schema(
        methods=["GET"],
        summary="Verdict versions, newest first",
        responses={200: s.VerdictSerializer(many=True), **READ_ERRORS},
    )
    @extend_schema(
        methods=["POST"],
        summary="Draft or revise the verdict",
        description="The answer's `warnings` flag what the ClaimReview guidelines advise "
        "against (a `claim_reviewed` over 75 characters); the verdict is saved anyway.",
        request=s.VerdictDraftSerializer,
        responses={
            200: OpenApiResponse(s.VerdictWrittenSerializer, description="Draft revised."),
            201: OpenApiResponse(s.VerdictWrittenSerializer, description="New version."),
            **ERRORS,
        },
    )
    @action(detail=True, methods=["get", "post"], **NESTED)
    def verdicts(self, request, pk=None):
        claim = self.get_object()
        if request.method == "GET":
            verdicts = claim.verdicts.select_related("rating", "author", "approved_by")
            return Response(s.VerdictSerializer(verdicts.order_by("-version"), many=True).data)
        data = self._input(s.VerdictDraftSerializer).validated_data
        before = claim.current_verdict
        verdict = reviews.verdict_save_draft(claim_id=claim.id, user=request.user, **data)
        created = before is None or before.pk != verdict.pk
        return Response(
            s.VerdictWrittenSerializer(verdict).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        methods=["GET"],
        summary="Sources attached to the claim",
        responses={200: s.EvidenceSerializer(many=True), **READ_ERRORS},
    )
    @extend_schema(
        methods=["POST"],
        summary="Attach a source",
        description="A worker then fetches a snapshot of the page (`snapshot_status`).",
        request=s.EvidenceCreateSerializer,
        responses={201: s.EvidenceSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"], **NESTED)
    def evidence(self, request, pk=None):
        claim = self.get_object()
        if request.method == "GET":
            evidence = claim.evidence.select_related("added_by", "snapshot")
            return Response(
                s.EvidenceSerializer(evidence.order_by("created_at", "id"), many=True).data
            )
        data = self._input(s.EvidenceCreateSerializer).validated_data
        evidence = reviews.evidence_add(claim_id=claim.id, user=request.user, **data)
        return Response(s.EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        methods=["GET"],
        summary="The discussion of the claim",
        responses={200: s.CommentSerializer(many=True), **READ_ERRORS},
    )
    @extend_schema(
        methods=["POST"],
        summary="Comment (markdown)",
        request=s.CommentCreateSerializer,
        responses={201: s.CommentSerializer, **ERRORS},
    )
    @action(detail=True, methods=["get", "post"], **NESTED)
    def comments(self, request, pk=None):
        claim = self.get_object()
        if request.method == "GET":
            comments = claim.comments.select_related("author").order_by("created_at", "id")
            return Response(s.CommentSerializer(comments, many=True).data)
        data = self._input(s.CommentCreateSerializer).validated_data
        comment = reviews.comment_add(claim_id=claim.id, user=request.user, body=data["body"])
        return Response(s.CommentSerializer(comment).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Audit history of the claim, its verdicts and its evidence",
        description="Oldest first; each entry says who changed which fields from what to what.",
        responses={200: s.HistoryEntrySerializer(many=True), **READ_ERRORS},
    )
    @action(detail=True, methods=["get"], **NESTED)
    def history(self, request, pk=None):
        claim = self.get_object()
        entries = selectors.claim_history(claim)
        return Response(s.HistoryEntrySerializer(entries, many=True).data)
