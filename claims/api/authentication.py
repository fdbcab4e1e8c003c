"""Newsroom clients authenticate with ``Authorization: Api-Key <key>``.

A newsroom is not a user: a valid key leaves ``request.user`` anonymous and puts the key in
``request.auth``. Every staff endpoint requires an authenticated user, so a key can never
reach one; the newsroom endpoints check the key's scopes (``claims.api.permissions``).
Revocation, expiry and a deactivated newsroom are read from the database on every request, so
they take effect on the next one.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework_api_key.permissions import KeyParser

from claims.models import NewsroomAPIKey

KEYWORD = KeyParser.keyword  # "Api-Key", the library's default


class NewsroomKeyAuthentication(authentication.BaseAuthentication):
    key_parser = KeyParser()

    def authenticate(self, request):
        key = self.key_parser.get_from_authorization(request)
        if key is None:
            return None  # no Api-Key header: let the other authenticators try
        api_key = (
            NewsroomAPIKey.objects.select_related("newsroom")
            .filter(prefix=key.partition(".")[0])
            .first()
        )
        if api_key is None or not api_key.is_valid(key):
            raise exceptions.AuthenticationFailed("The API key is not valid.")
        if api_key.revoked:
            raise exceptions.AuthenticationFailed("The API key has been revoked.")
        if api_key.expiry_date is not None and api_key.expiry_date <= timezone.now():
            raise exceptions.AuthenticationFailed("The API key has expired.")
        if not api_key.newsroom.active:
            raise exceptions.AuthenticationFailed("The newsroom of this API key is inactive.")
        return AnonymousUser(), api_key

    def authenticate_header(self, request) -> str:
        # Makes DRF answer 401 (not 403) with a challenge when credentials are missing.
        return KEYWORD


def newsroom_key(request) -> NewsroomAPIKey | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, NewsroomAPIKey) else None


class NewsroomKeyScheme(OpenApiAuthenticationExtension):
    target_class = "claims.api.authentication.NewsroomKeyAuthentication"
    name = "newsroomKey"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": f'A newsroom key, sent as "{KEYWORD} <key>".',
        }
