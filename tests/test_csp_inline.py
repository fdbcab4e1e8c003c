"""Every inline style and script on the browsable API and the admin is allowed by the page's
own Content-Security-Policy (by hash), so the browser blocks nothing and reports nothing."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser

import pytest
from django.contrib import admin

from claims.models import Claim
from tests.api.helpers import make_factcheck

JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


class _Inline(HTMLParser):
    """Collects (kind, text): style elements, style attributes, scripts, event handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("style") is not None:
            self.found.append(("style-attr", attributes["style"]))
        self.found += [("script-attr", v or "") for k, v in attrs if k.startswith("on")]
        is_js = tag == "script" and (attributes.get("type") or "").lower() in JS_TYPES
        if tag == "style" or (is_js and "src" not in attributes):
            self._open, self._text = tag, []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if self._open == tag:
            self.found.append((tag, "".join(self._text)))
            self._open = None


def _sources(policy: str) -> dict[str, set[str]]:
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = set(values)
    return directives


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def blocked_inline(response) -> list[str]:
    """What a CSP-enforcing browser would refuse on this page."""
    policy = _sources(response["Content-Security-Policy"])
    styles = policy.get("style-src", policy.get("default-src", set()))
    scripts = policy.get("script-src", policy.get("default-src", set()))
    parser = _Inline()
    parser.feed(response.content.decode())
    blocked = []
    for kind, text in parser.found:
        allowed = {"style": styles, "style-attr": styles}.get(kind, scripts)
        needs_unsafe_hashes = kind.endswith("-attr")
        ok = _sha256(text) in allowed and (not needs_unsafe_hashes or "'unsafe-hashes'" in allowed)
        if not ok and "'unsafe-inline'" not in allowed:
            blocked.append(f"{kind}: {text.strip()[:80]!r}")
    return blocked


def admin_pages(claim) -> list[str]:
    pages = ["/admin/", "/admin/password_change/", "/admin/claims/"]
    for model in admin.site._registry:
        info = (model._meta.app_label, model._meta.model_name)
        pages.append("/admin/{}/{}/".format(*info))
        pages.append("/admin/{}/{}/?q=x".format(*info))
        if admin.site._registry[model].has_add_permission(_AdminRequest()):
            pages.append("/admin/{}/{}/add/".format(*info))
    pages += [
        f"/admin/claims/claim/{claim.id}/change/",
        f"/admin/claims/claim/{claim.id}/history/",
        f"/admin/claims/claim/{claim.id}/delete/",
        f"/admin/claims/article/{claim.article_id}/change/",
        f"/admin/claims/verdict/{claim.live_verdict_id}/change/",
    ]
    return pages


class _AdminRequest:
    """Enough of a request for has_add_permission() of a superuser."""

    class user:
        is_active = is_staff = is_superuser = True

        @staticmethod
        def has_perm(perm, obj=None):
            return True


API_PAGES = [
    "/api/v1/",
    "/api/v1/claims/",
    "/api/v1/claims/?status=new&ordering=-created_at",
    "/api/v1/claims/{id}/",
    "/api/v1/claims/{id}/history/",
    "/api/v1/imports/",
    "/api/v1/webhook-deliveries/",
]


@pytest.fixture
def staff_client(client, admin_user):
    admin_user.is_superuser = admin_user.is_staff = True
    admin_user.save()
    client.force_login(admin_user)
    return client


def test_the_browsable_api_needs_no_inline_style_or_script_the_policy_blocks(staff_client):
    claim = make_factcheck()
    checked, blocked = 0, []
    for path in API_PAGES:
        response = staff_client.get(path.format(id=claim.id), HTTP_ACCEPT="text/html")
        assert response.status_code == 200, path
        assert response["Content-Type"].startswith("text/html"), path
        blocked += [f"{path}: {b}" for b in blocked_inline(response)]
        checked += 1
    assert blocked == []
    assert checked == len(API_PAGES)


def test_the_admin_needs_no_inline_style_or_script_the_policy_blocks(staff_client):
    claim = make_factcheck()
    blocked = []
    for path in admin_pages(Claim.objects.get(id=claim.id)):
        response = staff_client.get(path)
        assert response.status_code == 200, path
        blocked += [f"{path}: {b}" for b in blocked_inline(response)]
    assert blocked == []
