"""The address a request came from, for per-client limits (API throttles, login lockouts).

``X-Forwarded-For`` is written by whoever sends the request, so it is read only when
``TRUSTED_PROXY_COUNT`` says how many proxies of ours stand in front of the app: each appends
the address it received the request from, and the client's is the one the outermost of ours
appended. Anything further left was sent by the client and is ignored.
"""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if not forwarded:
        return remote
    return forwarded[-min(proxies, len(forwarded))]
