"""Newsrooms: API clients that read published fact-checks and receive signed webhooks."""

from __future__ import annotations

import base64
import secrets

from django.db import models
from django.db.models import Q
from rest_framework_api_key.models import AbstractAPIKey

from claims.weburls import validate_web_url, web_url_condition


def new_webhook_secret() -> str:
    # Standard Webhooks secrets are base64 prefixed with "whsec_".
    return "whsec_" + base64.b64encode(secrets.token_bytes(24)).decode()


class Newsroom(models.Model):
    name = models.CharField(max_length=200, unique=True)
    contact_email = models.EmailField(blank=True)
    active = models.BooleanField(default=True)
    webhook_url = models.URLField(max_length=2000, blank=True, validators=[validate_web_url])
    webhook_secret = models.CharField(max_length=100, default=new_webhook_secret)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=web_url_condition("webhook_url", allow_blank=True),
                name="newsroom_webhook_web_url",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Scope(models.TextChoices):
    READ_FACTCHECKS = "read:factchecks", "Read published fact-checks"
    WRITE_IMPORTS = "write:imports", "Submit articles for import"
    # Its own scope: the webhook decides where fact-checks are pushed and shows the secret
    # that signs them, which a key meant only for reading should not be able to change or see.
    MANAGE_WEBHOOKS = "manage:webhooks", "Read and set the newsroom's webhook"


class NewsroomAPIKey(AbstractAPIKey):
    """A hashed key; only its prefix is stored in clear. Revocation and expiry are checked on
    every request by the permission class."""

    newsroom = models.ForeignKey(Newsroom, on_delete=models.CASCADE, related_name="api_keys")
    scopes = models.JSONField(default=list, blank=True)

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "newsroom API key"
        verbose_name_plural = "newsroom API keys"


class WebhookEvent(models.TextChoices):
    PUBLISHED = "factcheck.published"
    CORRECTED = "factcheck.corrected"
    RETRACTED = "factcheck.retracted"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed for good"


class WebhookDelivery(models.Model):
    newsroom = models.ForeignKey(Newsroom, on_delete=models.CASCADE, related_name="deliveries")
    event_id = models.CharField(max_length=64, help_text="webhook-id: the same on every retry.")
    event_type = models.CharField(max_length=40, choices=WebhookEvent)
    claim = models.ForeignKey(
        "claims.Claim", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=DeliveryStatus, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(
                fields=["newsroom", "event_id"], name="webhook_delivery_unique_event"
            ),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.DELIVERED) | Q(delivered_at__isnull=False),
                name="webhook_delivered_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_type} to {self.newsroom}"
