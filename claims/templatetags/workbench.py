"""Small template helpers of the workbench pages."""

from __future__ import annotations

from django import template

from claims import workflow

register = template.Library()


@register.filter
def roles(user) -> frozenset[str]:
    return workflow.roles_of(user)


@register.filter
def has_role(user, name: str) -> bool:
    held = workflow.roles_of(user)
    return name in held or "admin" in held


@register.filter
def score(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"
