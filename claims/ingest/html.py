"""Main text, title, author and date from HTML bytes, with trafilatura."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

# lxml refuses trees deeper than this with an error instead of exhausting the stack; we
# check first so that a hostile page fails fast with a clear message.
MAX_HTML_BYTES = 10_000_000


class HtmlExtractionError(ValueError):
    pass


@dataclass(slots=True)
class ExtractedHtml:
    text: str
    title: str = ""
    author: str = ""
    date: str = ""
    language: str = ""


def html_to_text(html: bytes, *, url: str | None = None) -> ExtractedHtml:
    if len(html) > MAX_HTML_BYTES:
        raise HtmlExtractionError(
            f"The page is {len(html):,} bytes; the limit is {MAX_HTML_BYTES:,}."
        )
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, as_dict=False
        )
    except (ValueError, RecursionError) as exc:
        raise HtmlExtractionError(f"The HTML could not be parsed: {exc}") from exc
    if doc is None or not (doc.text or "").strip():
        raise HtmlExtractionError("No article text was found in the HTML.")
    return ExtractedHtml(
        text=doc.text.strip(),
        title=(doc.title or "").strip(),
        author=(doc.author or "").strip(),
        date=(doc.date or "").strip(),
        language=(doc.language or "").strip(),
    )
