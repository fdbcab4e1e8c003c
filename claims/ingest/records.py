"""Records: one article as a mapping, the common shape of JSON, CSV, API and demo inputs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from django.core.exceptions import ValidationError

from claims.cleantext import strip_control_characters
from claims.ingest.headers import read_header
from claims.weburls import web_url_clean

MAX_TEXT_CHARS = 2_000_000


class InvalidRecord(ValueError):
    """The record cannot become an article; the message says what to fix."""


@dataclass(slots=True)
class ArticleInput:
    text: str
    title: str = ""
    url: str = ""
    published_at: datetime | None = None
    outlet: str = ""
    author: str = ""
    language: str = ""


def article_input_clean(article: ArticleInput) -> ArticleInput:
    """The article as it may be stored, whatever path it came by (file, API, feed, fetched
    page): an http(s) address or none, and no control characters in its text or metadata."""
    try:
        url = web_url_clean(article.url)
    except ValidationError:
        raise InvalidRecord(
            f"'url' must be an http:// or https:// address, got {article.url[:60]!r}."
        ) from None
    text = strip_control_characters(article.text).strip()
    if not text:
        raise InvalidRecord("The record has no text once control characters are removed.")
    return replace(
        article,
        text=text,
        url=url,
        title=strip_control_characters(article.title),
        outlet=strip_control_characters(article.outlet),
        author=strip_control_characters(article.author),
        language=strip_control_characters(article.language),
    )


def parse_published(value: object) -> datetime | None:
    """Accept ISO 8601 dates and datetimes; naive values are taken as UTC."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, date):
        parsed = datetime(value.year, value.month, value.day, tzinfo=UTC)
    else:
        raw = str(value).strip().replace("Z", "+00:00")
        try:
            parsed = datetime.fromisoformat(raw)
        except ValueError as exc:
            raise InvalidRecord(
                f"'published' must be an ISO 8601 date such as 2022-03-03, got {raw[:40]!r}."
            ) from exc
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _text_field(record: Mapping, name: str, limit: int) -> str:
    value = record.get(name) or ""
    if not isinstance(value, str):
        raise InvalidRecord(f"'{name}' must be a string.")
    return value.strip()[:limit]


def article_from_record(record: Mapping, *, html_to_text=None) -> ArticleInput:
    """Build an ArticleInput from a record carrying ``text`` or ``html`` and optional metadata.

    ``html_to_text`` turns HTML into (text, metadata); the importer passes the real extractor.
    """
    if not isinstance(record, Mapping):
        raise InvalidRecord("Each record must be an object with a 'text' or 'html' field.")
    text = _text_field(record, "text", MAX_TEXT_CHARS)
    title = _text_field(record, "title", 500)
    author = _text_field(record, "author", 300)
    if not text and record.get("html"):
        if html_to_text is None:
            raise InvalidRecord("HTML records need the HTML extractor.")
        html = record["html"]
        if not isinstance(html, str):
            raise InvalidRecord("'html' must be a string.")
        extracted = html_to_text(html.encode("utf-8"))
        text = extracted.text
        title = title or extracted.title
        author = author or extracted.author
    if not text:
        raise InvalidRecord("The record has no text: give a non-empty 'text' or 'html' field.")
    published_at = parse_published(record.get("published"))
    if not title or published_at is None:
        # A record without them may carry them in its text's first lines (a headline, a
        # "date 2022-03-03" line, a dateline): the same reading as a .txt file's.
        header = read_header(text)
        title = title or header.title
        published_at = published_at or parse_published(header.published)
    return ArticleInput(
        text=text,
        title=title,
        url=_text_field(record, "url", 2000),
        published_at=published_at,
        outlet=_text_field(record, "outlet", 200),
        author=author,
        language=_text_field(record, "language", 16).lower(),
    )
