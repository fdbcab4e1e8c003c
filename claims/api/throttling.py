"""Per-key throttling of newsroom clients; staff sessions are not throttled here."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from claims.api.authentication import newsroom_key


class NewsroomKeyThrottle(SimpleRateThrottle):
    """Counts requests per key prefix (the key's public, stable part). DRF answers 429 with
    Retry-After when the budget of ``NEWSROOM_API_THROTTLE_RATE`` is spent."""

    scope = "newsroom_key"

    def get_rate(self) -> str:
        # Read at request time, not import time, so the setting can be changed (and tested).
        return settings.NEWSROOM_API_THROTTLE_RATE

    def allow_request(self, request, view) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view) -> str | None:
        key = newsroom_key(request)
        if key is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": key.prefix}
