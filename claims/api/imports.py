"""/api/v1/imports/: submit articles, URLs, a feed or files; follow the job's progress.

Who: signed-in users whose role may import (session auth) see every job; newsroom API keys
with the ``write:imports`` scope submit jobs and read back those of their own newsroom only
(each job records the newsroom and key that created it): another newsroom's job is a 404.
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from claims import workflow
from claims.api.authentication import newsroom_key
from claims.api.permissions import key_has_scope
from claims.api.schema import ERROR_RESPONSES
from claims.ingest.files import UploadRefused
from claims.models import ImportJob, ImportSource, ItemStatus, Outlet, Scope
from claims.services.imports import import_items_retry, import_job_submit

MAX_URLS = 5000
MAX_ARTICLES = 20_000


class CanImport(permissions.BasePermission):
    message = "Your role does not allow you to import articles."

    def has_permission(self, request, view) -> bool:
        if newsroom_key(request) is not None:
            # Submitting and reading back alike; get_queryset narrows a key to its newsroom.
            self.message = f"This API key lacks the '{Scope.WRITE_IMPORTS.value}' scope."
            return key_has_scope(request, Scope.WRITE_IMPORTS.value)
        return workflow.can(request.user, "import_articles")


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


class ArticleSerializer(serializers.Serializer):
    """One article as a record; the worker validates it in full and fails the item if not."""

    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    html = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    url = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    published = serializers.CharField(required=False, allow_blank=True, max_length=40)
    outlet = serializers.CharField(required=False, allow_blank=True, max_length=200)
    author = serializers.CharField(required=False, allow_blank=True, max_length=300)
    language = serializers.CharField(required=False, allow_blank=True, max_length=16)

    def validate(self, attrs):
        if not (attrs.get("text") or "").strip() and not (attrs.get("html") or "").strip():
            raise serializers.ValidationError("Each article needs a non-empty 'text' or 'html'.")
        return attrs


class ImportCreateSerializer(serializers.Serializer):
    urls = serializers.ListField(
        child=serializers.URLField(max_length=2000), required=False, max_length=MAX_URLS
    )
    articles = ArticleSerializer(many=True, required=False, max_length=MAX_ARTICLES)
    feed = serializers.URLField(required=False, max_length=2000)
    outlet = serializers.CharField(
        required=False, max_length=200, help_text="Name of an existing outlet for every article."
    )
    file = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="Multipart: one or more files."
    )

    def validate_urls(self, urls):
        bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
        if bad:
            raise serializers.ValidationError(f"Only http(s) addresses can be imported: {bad[0]}")
        return urls

    def validate_outlet(self, name):
        outlet = Outlet.objects.filter(name=name).first()
        if outlet is None:
            raise serializers.ValidationError(f"There is no outlet named {name!r}.")
        return outlet

    def validate(self, attrs):
        if not any(attrs.get(k) for k in ("urls", "articles", "feed", "file")):
            raise serializers.ValidationError(
                "Send 'urls', 'articles', 'feed' or a multipart 'file'."
            )
        return attrs


class ImportItemSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    kind = serializers.CharField()
    source = serializers.CharField()
    status = serializers.CharField()
    message = serializers.CharField()
    article = serializers.IntegerField(source="article_id", allow_null=True)
    claims_found = serializers.IntegerField()
    attempts = serializers.IntegerField()


class ImportJobSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    percent = serializers.IntegerField(read_only=True)
    outlet = serializers.StringRelatedField()
    created_by = serializers.StringRelatedField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "source",
            "label",
            "outlet",
            "created_by",
            "status",
            "total",
            "done",
            "duplicate",
            "failed",
            "percent",
            "created_at",
            "finished_at",
        ]

    def get_status(self, job) -> str:
        return "finished" if job.is_finished else "running"


class ImportJobDetailSerializer(ImportJobSerializer):
    items = serializers.SerializerMethodField()

    class Meta(ImportJobSerializer.Meta):
        fields = [*ImportJobSerializer.Meta.fields, "items"]

    @extend_schema(responses=ImportItemSerializer(many=True))
    def get_items(self, job) -> list[dict]:
        items = job.items.order_by("position")
        wanted = self.context.get("item_status")
        if wanted:
            items = items.filter(status=wanted)
        return ImportItemSerializer(items, many=True).data


@extend_schema(tags=["imports"])
@extend_schema_view(
    list=extend_schema(responses={200: ImportJobSerializer(many=True), **ERROR_RESPONSES}),
    retrieve=extend_schema(responses={200: ImportJobDetailSerializer, **ERROR_RESPONSES}),
)
class ImportJobViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Import jobs. ``GET /imports/{id}/?items=failed`` narrows the items to one status."""

    permission_classes = [CanImport]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def get_queryset(self):
        key = newsroom_key(self.request)
        if key is not None:
            jobs = ImportJob.objects.submitted_by_newsroom(key.newsroom)
        else:
            jobs = ImportJob.objects.visible_to(self.request.user)
        return jobs.select_related("outlet", "created_by")

    def get_serializer_class(self):
        if self.action == "create":
            return ImportCreateSerializer
        return ImportJobDetailSerializer if self.action == "retrieve" else ImportJobSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        wanted = self.request.query_params.get("items", "")
        if wanted in ItemStatus.values:
            context["item_status"] = wanted
        return context

    @extend_schema(
        request=ImportCreateSerializer,
        responses={201: ImportJobDetailSerializer, **ERROR_RESPONSES},
    )
    def create(self, request, *args, **kwargs):
        data = request.data
        if request.FILES:
            data = {**request.data.dict(), "file": request.FILES.getlist("file")}
            for key in ("urls",):
                if key in request.data:
                    data[key] = request.data.getlist(key)
        incoming = ImportCreateSerializer(data=data)
        incoming.is_valid(raise_exception=True)
        attrs = incoming.validated_data
        try:
            job = import_job_submit(
                source=ImportSource.API,
                urls=attrs.get("urls", []),
                feed_url=attrs.get("feed", ""),
                files=[_read(upload) for upload in attrs.get("file", [])],
                articles=attrs.get("articles", []),
                outlet=attrs.get("outlet"),
                created_by=request.user if request.user.is_authenticated else None,
                api_key=newsroom_key(request),
            )
        except UploadRefused as exc:
            raise exceptions.ValidationError({"file": [str(exc)]}) from exc
        body = ImportJobDetailSerializer(job, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        summary="Retry the failed items",
        description="Queue the job's failed items again; answers the job as it is now.",
        responses={200: ImportJobDetailSerializer, **ERROR_RESPONSES},
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        job = self.get_object()
        import_items_retry(job_id=job.pk)
        job.refresh_from_db()
        body = ImportJobDetailSerializer(job, context=self.get_serializer_context()).data
        return Response(body)


def _read(upload) -> tuple[str, bytes]:
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise PayloadTooLarge(
            f"{upload.name} is {upload.size:,} bytes; files larger than "
            f"{settings.UPLOAD_MAX_BYTES:,} bytes are not accepted."
        )
    return upload.name, upload.read()
