"""RSS/Atom feeds to records: feedparser on bytes we fetched ourselves, never on a URL.

feedparser would happily fetch a URL itself (through urllib, around our SSRF checks), so it only
ever sees bytes. It parses with expat, which expands internal entities: a "billion laughs" feed
of nested entity definitions costs gigabytes. feedparser drops most entity declarations itself,
but we do not depend on that: a feed that declares entities is refused before any parser sees it.
No real feed needs them.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import feedparser

from claims.ingest.errors import FetchRefused

MAX_ENTRIES = 500
# An entry whose content is at least this long carries the article itself; shorter ones are
# teasers, and we fetch the linked page instead.
FULL_CONTENT_CHARS = 1500
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_FIRST_ELEMENT = re.compile(rb"<[A-Za-z_]")
_WIDE_ENCODINGS = ("utf-16", "utf-32", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


class FeedRefused(FetchRefused):
    """The feed cannot be read; the message says why."""


@dataclass(slots=True)
class ParsedFeed:
    title: str
    urls: list[str]
    records: list[dict]


def refuse_entity_declarations(body: bytes, *, url: str) -> None:
    """Refuse a document whose prolog declares entities (billion laughs, external entities)."""
    prolog = _prolog(body)
    if _ENTITY_DECLARATION.search(prolog):
        raise FeedRefused(
            f"The feed at {url} declares XML entities in its DOCTYPE; such feeds are refused "
            "because entity expansion can exhaust memory."
        )


def _prolog(body: bytes) -> bytes:
    head = body[:200_000]
    if b"\x00" in head[:4] or head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        # UTF-16/32: check the text, not bytes interleaved with zeros.
        for encoding in _WIDE_ENCODINGS:
            try:
                head = head.decode(encoding).encode("utf-8", errors="replace")
                break
            except UnicodeDecodeError:
                continue
    match = _FIRST_ELEMENT.search(head)
    return head[: match.start()] if match else head


def parse_feed(body: bytes, *, url: str, content_type: str = "") -> ParsedFeed:
    """Entries of a feed as URLs to fetch or, when they carry the full text, as records."""
    refuse_entity_declarations(body, url=url)
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise FeedRefused(f"{url} is not an RSS or Atom feed ({reason}).")
    urls, records = [], []
    for entry in parsed.entries[:MAX_ENTRIES]:
        record = _record(entry, url)
        if record is not None:
            records.append(record)
        elif entry.get("link", "").startswith(("http://", "https://")):
            urls.append(entry["link"])
    return ParsedFeed(title=parsed.feed.get("title", "")[:300], urls=urls, records=records)


def _record(entry, feed_url: str) -> dict | None:
    content = max((c.get("value", "") for c in entry.get("content", [])), key=len, default="")
    if len(content) < FULL_CONTENT_CHARS:
        return None
    record = {
        "html": f"<html><body><article>{content}</article></body></html>",
        "title": entry.get("title", ""),
        "url": entry.get("link", ""),
        "author": entry.get("author", ""),
        "_source": entry.get("link") or f"{feed_url} entry {entry.get('id', '')}",
    }
    published = entry.get("published_parsed") or entry.get("updated_parsed")
    if published:
        record["published"] = datetime.fromtimestamp(calendar.timegm(published), tz=UTC).isoformat()
    return {k: v for k, v in record.items() if v}
