"""Webhooks over the API: a newsroom registers its URL with its key; admins read the delivery
log and redeliver."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.authentication import NewsroomKeyAuthentication, newsroom_key
from claims.api.permissions import HasManageWebhooksScope, IsWorkbenchAdmin
from claims.api.schema import ERROR_RESPONSES
from claims.models import WebhookDelivery, WebhookEvent
from claims.services.webhooks import newsroom_set_webhook, webhook_delivery_redeliver


class NewsroomWebhookSerializer(serializers.Serializer):
    url = serializers.URLField(
        max_length=2000, allow_blank=True, help_text="Where events are POSTed; empty to stop."
    )
    secret = serializers.CharField(
        read_only=True, help_text="The whsec_ secret that signs deliveries (Standard Webhooks)."
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=WebhookEvent.values), read_only=True
    )


def _webhook_body(newsroom) -> dict:
    return {
        "url": newsroom.webhook_url,
        "secret": newsroom.webhook_secret,
        "events": list(WebhookEvent.values),
    }


class NewsroomWebhookView(APIView):
    """The webhook of the newsroom whose key calls: read it, or set its URL. Both need the
    key's ``manage:webhooks`` scope: reading shows the signing secret."""

    authentication_classes = [NewsroomKeyAuthentication]
    permission_classes = [HasManageWebhooksScope]
    serializer_class = NewsroomWebhookSerializer

    @extend_schema(
        tags=["webhooks"],
        responses={200: NewsroomWebhookSerializer, **ERROR_RESPONSES},
    )
    def get(self, request):
        return Response(_webhook_body(newsroom_key(request).newsroom))

    @extend_schema(
        tags=["webhooks"],
        request=NewsroomWebhookSerializer,
        responses={200: NewsroomWebhookSerializer, **ERROR_RESPONSES},
    )
    def put(self, request):
        serializer = NewsroomWebhookSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        newsroom = newsroom_key(request).newsroom
        try:
            newsroom_set_webhook(newsroom=newsroom, url=serializer.validated_data["url"])
        except ValidationError as exc:
            raise exceptions.ValidationError({"url": exc.messages}) from exc
        return Response(_webhook_body(newsroom))


class WebhookDeliverySerializer(serializers.ModelSerializer):
    newsroom = serializers.CharField(source="newsroom.name", read_only=True)

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "newsroom",
            "event_id",
            "event_type",
            "claim",
            "status",
            "attempts",
            "last_status_code",
            "last_error",
            "next_attempt_at",
            "delivered_at",
            "created_at",
        ]
        read_only_fields = fields


@extend_schema(tags=["webhooks"], responses={200: WebhookDeliverySerializer, **ERROR_RESPONSES})
class WebhookDeliveryViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The delivery log, for admins."""

    permission_classes = [IsWorkbenchAdmin]
    serializer_class = WebhookDeliverySerializer
    queryset = WebhookDelivery.objects.select_related("newsroom").order_by("-created_at", "-id")
    filterset_fields = ["status", "event_type", "newsroom"]

    @extend_schema(
        request=None,
        responses={
            202: OpenApiResponse(WebhookDeliverySerializer, description="Queued for delivery."),
            **ERROR_RESPONSES,
        },
    )
    @action(detail=True, methods=["post"])
    def redeliver(self, request, pk=None):
        delivery = self.get_object()
        delivery = webhook_delivery_redeliver(delivery_id=delivery.id)
        return Response(self.get_serializer(delivery).data, status=202)
