"""Web addresses: only http(s) URLs are stored, and only they ever leave the workbench.

A stored ``javascript:``, ``data:`` or ``vbscript:`` address becomes a script when a page or a
newsroom renders it as a link. Browsers drop leading spaces and control characters and ignore
tabs and newlines inside a scheme (``" java\\tscript:"`` runs), so the rule is a plain prefix:
an address is a web address only if it starts with ``http://`` or ``https://`` and holds no
space or control character. Input is normalised to that form (scheme lower-cased, surrounding
whitespace stripped) by ``web_url_clean``; the models validate it and the database checks it
(``web_url_condition``); every output passes what it emits through ``web_url``.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db.models import Q

WEB_URL_PREFIXES = ("http://", "https://")
# C0 controls, space and DEL: never part of a URL as we store it, and the characters browsers
# skip or drop when they read one.
_UNSAFE_CHARACTER = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def is_web_url(url: object) -> bool:
    return (
        isinstance(url, str)
        and url.startswith(WEB_URL_PREFIXES)
        and _UNSAFE_CHARACTER.search(url) is None
    )


def web_url(url: object) -> str:
    """``url`` if it is a web address, else "": what every output emits for a stored URL."""
    return url if is_web_url(url) else ""


def web_url_clean(url: str) -> str:
    """The address with surrounding whitespace stripped and its scheme lower-cased ("" stays
    ""); ValidationError if it is not an http(s) address."""
    url = (url or "").strip()
    if not url:
        return ""
    url = _SCHEME.sub(lambda m: m.group(1).lower() + ":", url, count=1)
    validate_web_url(url)
    return url


def validate_web_url(url: str) -> None:
    """Model field validator (the admin and model forms run it): http(s) addresses only."""
    if url and not is_web_url(url):
        raise ValidationError(
            "Only http:// and https:// addresses are accepted, without spaces or control "
            f"characters; got {url[:60]!r}.",
            code="invalid_scheme",
        )


def web_url_condition(field: str, *, allow_blank: bool) -> Q:
    """The CHECK constraint's condition: the column is "" (if allowed) or starts with http(s).
    Control characters are refused by the validators; the database checks the scheme."""
    condition = Q(**{f"{field}__startswith": "http://"}) | Q(**{f"{field}__startswith": "https://"})
    return Q(**{field: ""}) | condition if allow_blank else condition
