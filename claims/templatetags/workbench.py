"""Small template helpers of the workbench pages."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from claims import workflow
from claims.markdown import markdown_to_text, render_markdown
from claims.weburls import web_url as _web_url

register = template.Library()


@register.filter
def roles(user) -> frozenset[str]:
    return workflow.roles_of(user)


@register.filter
def has_role(user, name: str) -> bool:
    held = workflow.roles_of(user)
    return name in held or "admin" in held


@register.filter
def web_url(value) -> str:
    """The stored address if it is http(s), else "": every link to a stored URL goes through
    it, so a ``javascript:`` address is never rendered as a link."""
    return _web_url(value)


@register.filter
def markdown(text) -> str:
    """Markdown source as sanitised HTML (verdict summaries, comments)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - render_markdown sanitises with nh3


@register.filter
def markdown_text(text) -> str:
    """Markdown source as plain text (page descriptions, list excerpts)."""
    return markdown_to_text(text)


@register.filter
def unread_notifications(user) -> int:
    """The count on the header's badge: one query per page."""
    return user.notifications.unread().count() if user.is_authenticated else 0


@register.filter
def score(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _number(value: float) -> str:
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.6g}"


@register.filter
def quantity_value(quantity) -> str:
    """A parsed quantity's value as a reader checks it: 1,000,000; 0.25; a range low-high."""
    if quantity.value is not None:
        return _number(quantity.value)
    if quantity.low is not None and quantity.high is not None:
        return f"{_number(quantity.low)}\u2013{_number(quantity.high)}"
    bound = quantity.low if quantity.low is not None else quantity.high
    return "?" if bound is None else _number(bound)


# Words with the space before them: spaces alone never count as "unchanged" between edits.
_TOKENS = re.compile(r"\s*\S+|\s+")


@register.simple_tag
def word_diff(old, new) -> str:
    """Old and new text as one run of words with <del> and <ins> where they differ.

    Values that are not text (numbers, dates, None) are shown whole, old struck out."""
    if not isinstance(old, str) or not isinstance(new, str):
        parts = []
        if old is not None:
            parts.append(format_html("<del>{}</del>", old))
        parts.append(format_html("<ins>{}</ins>", "(empty)" if new is None else new))
        return mark_safe(" ".join(parts))  # noqa: S308 - parts are built by format_html
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(format_html("<del>{}</del>", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(format_html("<ins>{}</ins>", "".join(b[j1:j2])))
    return mark_safe("".join(out))  # noqa: S308 - every piece is escaped above
