"""Who may call what: staff (users with a workbench role) and newsroom keys by scope."""

from __future__ import annotations

from rest_framework import permissions

from claims import workflow
from claims.api.authentication import newsroom_key
from claims.models import Scope


def is_staff_member(user) -> bool:
    return bool(workflow.roles_of(user))


def key_has_scope(request, scope: str) -> bool:
    key = newsroom_key(request)
    return key is not None and scope in (key.scopes or [])


class IsStaffMember(permissions.BasePermission):
    """A logged-in user holding at least one workbench role."""

    message = "This endpoint is for workbench staff only."

    def has_permission(self, request, view) -> bool:
        return is_staff_member(request.user)


class IsWorkbenchAdmin(permissions.BasePermission):
    message = "This endpoint is for admins only."

    def has_permission(self, request, view) -> bool:
        return "admin" in workflow.roles_of(request.user)


class _KeyScope(permissions.BasePermission):
    scope: str = ""

    def has_permission(self, request, view) -> bool:
        if newsroom_key(request) is None:
            return False
        if not key_has_scope(request, self.scope):
            self.message = f"This API key lacks the '{self.scope}' scope."
            return False
        return True


class HasManageWebhooksScope(_KeyScope):
    scope = Scope.MANAGE_WEBHOOKS.value


class _StaffOrKeyScope(permissions.BasePermission):
    """Staff, or a newsroom key with the scope. One class rather than ``A | B`` so that the
    refusal says which scope is missing (DRF's OR keeps no message)."""

    scope: str = ""

    def has_permission(self, request, view) -> bool:
        if newsroom_key(request) is None:
            self.message = IsStaffMember.message
            return is_staff_member(request.user)
        if not key_has_scope(request, self.scope):
            self.message = f"This API key lacks the '{self.scope}' scope."
            return False
        return True


class CanReadFactchecks(_StaffOrKeyScope):
    """Published fact-checks: staff, or a newsroom key allowed to read them."""

    scope = Scope.READ_FACTCHECKS.value
