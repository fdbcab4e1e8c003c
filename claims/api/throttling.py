"""Throttling: newsroom clients per key, requests without valid credentials per client
address. Staff sessions are not throttled here.

Both count in the default cache. If that cache (Redis) is down, a request is let through and
the failure logged, so that the API does not answer 500 to everyone while it is away.
"""

from __future__ import annotations

import logging

from django.conf import settings
from redis.exceptions import RedisError
from rest_framework.throttling import SimpleRateThrottle

from claims.api.authentication import newsroom_key
from claims.client_address import client_address

logger = logging.getLogger(__name__)


class _SettingRateThrottle(SimpleRateThrottle):
    rate_setting = ""

    def get_rate(self) -> str:
        # Read at request time, not import time, so the setting can be changed (and tested).
        return getattr(settings, self.rate_setting)

    def allow_request(self, request, view) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except RedisError:
            logger.warning("Throttle cache unavailable; request let through", exc_info=True)
            return True


class NewsroomKeyThrottle(_SettingRateThrottle):
    """Counts requests per key prefix (the key's public, stable part). DRF answers 429 with
    Retry-After when the budget of ``NEWSROOM_API_THROTTLE_RATE`` is spent."""

    scope = "newsroom_key"
    rate_setting = "NEWSROOM_API_THROTTLE_RATE"

    def get_cache_key(self, request, view) -> str | None:
        key = newsroom_key(request)
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.prefix}


class ClientAddressThrottle(_SettingRateThrottle):
    """Counts requests with neither a staff session nor a valid key per client address:
    anonymous ones, and (through ``claims.api.errors``) those refused for a wrong key, which
    never reach the view's throttles because authentication fails first."""

    scope = "client_address"
    rate_setting = "ANONYMOUS_API_THROTTLE_RATE"

    def get_cache_key(self, request, view) -> str | None:
        user = getattr(request, "_user", None)  # set once authentication has run (or failed)
        if newsroom_key(request) is not None or (user is not None and user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
