"""/api/v1/imports/: submit articles, URLs, a feed or files; follow the job's progress.

Who: signed-in users whose role may import (session auth) see every job; newsroom API keys
with the ``write:imports`` scope submit jobs and read back those of their own newsroom only
(each job records the newsroom and key that created it): another newsroom's job is a 404.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from claims import selectors, workflow
from claims.api.authentication import newsroom_key
from claims.api.parsers import JSONParser
from claims.api.permissions import key_has_scope
from claims.api.schema import ERROR_RESPONSES, ErrorSerializer
from claims.ingest.errors import LimitExceeded
from claims.ingest.files import UploadRefused
from claims.models import ImportJob, ImportSource, ItemStatus, Outlet, Scope
from claims.services.import_jobs import (
    import_items_retry,
    import_job_for_idempotency_key,
    import_job_submit,
    import_job_unsent,
)
from claims.services.import_limits import too_many_items
from claims.weburls import web_url_clean


class CanImport(permissions.BasePermission):
    message = "Your role does not allow you to import articles."

    def has_permission(self, request, view) -> bool:
        if newsroom_key(request) is not None:
            # Submitting and reading back alike; get_queryset narrows a key to its newsroom.
            self.message = f"This API key lacks the '{Scope.WRITE_IMPORTS.value}' scope."
            return key_has_scope(request, Scope.WRITE_IMPORTS.value)
        return workflow.can(request.user, "import_articles")


def _web_url(url: str) -> str:
    try:
        return web_url_clean(url)
    except DjangoValidationError:
        raise serializers.ValidationError(
            f"Only http(s) addresses can be imported: {url[:100]!r}"
        ) from None


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

    def validate_url(self, url):
        return _web_url(url)

    def validate(self, attrs):
        if not (attrs.get("text") or "").strip() and not (attrs.get("html") or "").strip():
            raise serializers.ValidationError("Each article needs a non-empty 'text' or 'html'.")
        return attrs


class ImportCreateSerializer(serializers.Serializer):
    # How many (IMPORT_MAX_ITEMS) is checked before these, in the view: a 413 naming the limit.
    urls = serializers.ListField(child=serializers.URLField(max_length=2000), required=False)
    articles = ArticleSerializer(many=True, required=False)
    feed = serializers.URLField(required=False, max_length=2000)
    outlet = serializers.CharField(
        required=False, max_length=200, help_text="Name of an existing outlet for every article."
    )
    file = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="Multipart: one or more files."
    )

    def validate_urls(self, urls):
        return [_web_url(url) for url in urls]

    def validate_feed(self, url):
        return _web_url(url)

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
    # null: a job with no outlet, or one submitted with a newsroom key (no user).
    outlet = serializers.StringRelatedField(allow_null=True)
    created_by = serializers.StringRelatedField(allow_null=True)

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
        # Not the payloads: an upload's article texts, megabytes the answer never shows.
        items = job.items.defer("payload").order_by("position")
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
            jobs = selectors.visible_import_jobs(self.request.user)
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
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Retrying with the same key returns the first job (200); another "
                "request under the same key is refused (422).",
            )
        ],
        responses={
            200: ImportJobDetailSerializer,
            201: ImportJobDetailSerializer,
            422: OpenApiResponse(
                ErrorSerializer, description="The Idempotency-Key was used for another request."
            ),
            413: OpenApiResponse(
                ErrorSerializer, description="Over an import limit; `limit` names its setting."
            ),
            503: OpenApiResponse(
                ImportJobDetailSerializer,
                description="Saved, but the task queue is down: the items start when it is "
                "back (Retry-After). The body is the saved job, with a `detail`.",
            ),
            **ERROR_RESPONSES,
        },
    )
    def create(self, request, *args, **kwargs):
        key = _idempotency_key(request)
        digest = _request_digest(request) if key else ""
        caller = {
            "created_by": request.user if request.user.is_authenticated else None,
            "api_key": newsroom_key(request),
        }
        if key:
            earlier = import_job_for_idempotency_key(key=key, **caller)
            if earlier is not None:
                return self._replay(earlier, digest)
        try:
            job = self._submit(request, idempotency_key=key, request_digest=digest)
        except LimitExceeded as exc:
            return limit_response(exc)
        except IntegrityError:
            # The same key by the same caller, submitted at the same moment: the first wins.
            earlier = import_job_for_idempotency_key(key=key, **caller) if key else None
            if earlier is None:
                raise
            return self._replay(earlier, digest)
        body = ImportJobDetailSerializer(job, context=self.get_serializer_context()).data
        if import_job_unsent(job):
            # Saved, but the broker is down: the sweeper sends the items when it is back.
            body["detail"] = (
                f"The import is saved as job {job.pk}, but the task queue cannot be reached; "
                "its items will start by themselves when it is back. Do not submit it again: "
                "follow the job, or retry with the same Idempotency-Key."
            )
            response = Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE)
            response["Retry-After"] = str(int(settings.IMPORT_SWEEP_SECONDS))
            return response
        return Response(body, status=status.HTTP_201_CREATED)

    def _replay(self, job: ImportJob, digest: str) -> Response:
        if job.request_digest != digest:
            return Response(
                {
                    "detail": f"The Idempotency-Key was used for another request (job {job.pk}); "
                    "use a new key for a new import."
                },
                status=status.HTTP_422_UNPROCESSABLE_ENTITY,
            )
        body = ImportJobDetailSerializer(job, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_200_OK)

    def _submit(self, request, **idempotency) -> ImportJob:
        data = request.data
        _count_check(data)
        if request.FILES:
            data = {**request.data.dict(), "file": request.FILES.getlist("file")}
            for key in ("urls",):
                if key in request.data:
                    data[key] = request.data.getlist(key)
        incoming = ImportCreateSerializer(data=data)
        incoming.is_valid(raise_exception=True)
        attrs = incoming.validated_data
        try:
            return import_job_submit(
                source=ImportSource.API,
                urls=attrs.get("urls", []),
                feed_url=attrs.get("feed", ""),
                files=[_stream(upload) for upload in attrs.get("file", [])],
                articles=attrs.get("articles", []),
                outlet=attrs.get("outlet"),
                created_by=request.user if request.user.is_authenticated else None,
                api_key=newsroom_key(request),
                **idempotency,
            )
        except UploadRefused as exc:
            raise exceptions.ValidationError({"file": [str(exc)]}) from exc

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


IDEMPOTENCY_KEY = re.compile(r"[\x21-\x7e]{1,200}")


def _idempotency_key(request) -> str:
    key = request.headers.get("Idempotency-Key", "").strip()
    if key and not IDEMPOTENCY_KEY.fullmatch(key):
        raise exceptions.ValidationError(
            {"detail": "Idempotency-Key must be 1 to 200 printable ASCII characters."}
        )
    return key


def _request_digest(request) -> str:
    """What the request asks for, as a hash: its fields and its files' names and contents."""
    digest = hashlib.sha256()
    if request.FILES:
        fields = {k: request.data.getlist(k) for k in sorted(request.data) if k != "file"}
        digest.update(json.dumps(fields, sort_keys=True).encode())
        for upload in request.FILES.getlist("file"):
            digest.update(b"\0" + upload.name.encode() + b"\0")
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    else:
        digest.update(json.dumps(request.data, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _stream(upload) -> tuple[str, BinaryIO]:
    """The upload as a stream: Django keeps a large one in a temporary file, and the parser
    reads it a chunk at a time."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise LimitExceeded(
            f"{upload.name} is {upload.size:,} bytes; files larger than "
            f"{settings.UPLOAD_MAX_BYTES:,} bytes are not accepted (UPLOAD_MAX_BYTES).",
            setting="UPLOAD_MAX_BYTES",
        )
    return upload.name, upload


def _count_check(data) -> None:
    """Refuse too many articles or URLs before validating each (100,000 took 32 s)."""
    if not isinstance(data, Mapping):
        return
    counted = [data.get(key) for key in ("articles", "urls")]
    count = sum(len(value) for value in counted if isinstance(value, list))
    if count > settings.IMPORT_MAX_ITEMS:
        raise too_many_items(count)


def limit_response(exc: LimitExceeded) -> Response:
    """413 or 429 with the limit's setting named; 429 says when to try again."""
    response = Response({"detail": str(exc), "limit": exc.setting}, status=exc.status)
    if exc.retry_after:
        response["Retry-After"] = str(exc.retry_after)
    return response
