"""Canonical URLs for dedup: the same article reached by different spellings is one row."""

from __future__ import annotations

from courlan import normalize_url


def canonical_url(url: str) -> str | None:
    """Normalised form of ``url`` (lower-cased host, no fragment, no tracking parameters)."""
    url = (url or "").strip()
    if not url:
        return None
    try:
        return normalize_url(url, strict=True)
    except ValueError:
        return url
