"""Workflow errors as HTTP answers: 409 for an illegal transition, 403 for a forbidden one,
400 for incomplete input. Bodies are ``{"detail": "..."}``, never a traceback."""

from __future__ import annotations

import logging

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import JsonResponse
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claims.api.throttling import ClientAddressThrottle
from claims.workflow import ActionInvalid, TransitionNotAllowed

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The action does not apply to the object in its current state."
    default_code = "conflict"


def _throttled_for_bad_credentials(exc, context):
    """A refusal for missing or wrong credentials counts against the client's address, like
    an anonymous request: a client guessing keys or probing is slowed down to
    ``ANONYMOUS_API_THROTTLE_RATE`` and then answered 429."""
    request = context.get("request")
    throttle = ClientAddressThrottle()
    if request is None or throttle.allow_request(request, context.get("view")):
        return exc
    return exceptions.Throttled(throttle.wait())


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is larger than this server accepts."
    default_code = "request_too_large"


def exception_handler(exc, context):
    if isinstance(exc, exceptions.NotAuthenticated | exceptions.AuthenticationFailed):
        exc = _throttled_for_bad_credentials(exc, context)
    # Django refuses an oversized or overlong form body while DRF reads it: the client's
    # doing, so 413 and 400, not the 500 of an unhandled exception.
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = exceptions.ParseError(str(exc))
    if isinstance(exc, TransitionNotAllowed):
        exc = Conflict(str(exc))
    elif isinstance(exc, ActionInvalid):
        exc = exceptions.ValidationError({"detail": str(exc)})
    elif isinstance(exc, PermissionDenied) and str(exc):
        exc = exceptions.PermissionDenied(str(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        # Anything else is our bug: the traceback goes to the log, never to the client (with
        # DEBUG on, Django would otherwise answer with its technical 500 page).
        logger.error("Unhandled error in the API", exc_info=exc)
        response = Response(
            {"detail": "Internal server error. It has been logged; please try again later."},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    return response


# Django's own 404/500 pages are HTML; under /api/ the answer is the API's JSON error body even
# when no route matched (a malformed id, a typo in the path) or something failed outside DRF.
def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "Internal server error. It has been logged; please try again later."},
            status=500,
        )
    return defaults.server_error(request)
