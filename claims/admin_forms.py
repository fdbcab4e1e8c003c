"""Admin forms for newsroom clients: the webhook URL through the SSRF guard, scopes as boxes."""

from __future__ import annotations

from django import forms

from claims.models import Newsroom, NewsroomAPIKey, Scope
from claims.services.webhooks import webhook_url_validate


class NewsroomForm(forms.ModelForm):
    webhook_url = forms.URLField(max_length=2000, required=False, assume_scheme="https")

    class Meta:
        model = Newsroom
        fields = ["name", "contact_email", "active", "webhook_url"]

    def clean_webhook_url(self) -> str:
        return webhook_url_validate(self.cleaned_data.get("webhook_url") or "")


class NewsroomAPIKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=Scope.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = NewsroomAPIKey
        fields = ["name", "newsroom", "scopes", "expiry_date", "revoked"]
