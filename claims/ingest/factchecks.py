"""Fact-checks published elsewhere, read from the two forms they come in.

- ClaimReview JSON-LD (https://schema.org/ClaimReview) as fact-checkers publish it: one object,
  a list of them, a ``@graph``, or a ``DataFeed`` whose ``dataFeedElement`` holds them. Nodes of
  other types in a graph (the WebPage, the Organization) are skipped, not reported.
- JSON lines with the fields of the CheckThat! verified claims (``vclaim_id``, ``vclaim``,
  ``title``, ``subtitle``, ``date``), and ``url``, ``rating``, ``publisher``, ``language``
  where a file has them.

A record that cannot be read is reported with its line (JSON lines) or its position in the
document (JSON-LD) and skipped; the others are returned. Plain Python, no database.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from claims.weburls import is_web_url

MAX_CLAIM_CHARS = 2000
MAX_SUBTITLE_CHARS = 2000
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y-%m-%d")


@dataclass(frozen=True)
class FactCheckRecord:
    claim_text: str
    title: str = ""
    subtitle: str = ""
    url: str = ""
    rating: str = ""
    publisher: str = ""
    published_on: date | None = None
    language: str = ""
    source_id: str = ""


@dataclass(frozen=True)
class RecordError:
    where: str  # "line 12" or "item 3"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class RecordInvalid(ValueError):
    pass


def parse_factchecks(data: bytes | str) -> tuple[list[FactCheckRecord], list[RecordError]]:
    """The fact-checks in a JSON-LD document or a JSON-lines file, and the records skipped."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    text = text.lstrip("\ufeff")
    document = _whole_document(text)
    entries = _json_ld_entries(document) if document is not None else _json_lines(text)
    records, errors = [], []
    for where, entry in entries:
        try:
            records.append(_record(entry))
        except RecordInvalid as exc:
            errors.append(RecordError(where, str(exc)))
    return records, errors


def _whole_document(text: str):
    """The parsed document if the text is one JSON value (an object or a list), else None:
    JSON lines (several objects, one a line) do not parse as one value."""
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        return json.loads(stripped)
    except json.JSONDecodeError:
        return None


def _json_lines(text: str) -> Iterator[tuple[str, object]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield f"line {number}", json.loads(line)
        except json.JSONDecodeError as exc:
            yield f"line {number}", RecordInvalid(f"not JSON ({exc.msg})")


def _json_ld_entries(document) -> Iterator[tuple[str, object]]:
    nodes = list(_nodes(document))
    for position, node in enumerate(nodes, start=1):
        if not isinstance(node, dict):
            yield f"item {position}", RecordInvalid("not a JSON object")
        elif _is_claim_review(node) or "vclaim" in node:
            yield f"item {position}", node


def _nodes(value) -> Iterator[object]:
    """Every node a document holds: lists, ``@graph`` and DataFeed elements unwrapped."""
    if isinstance(value, list):
        for item in value:
            yield from _nodes(item)
    elif isinstance(value, dict) and "@graph" in value:
        yield from _nodes(value["@graph"])
    elif isinstance(value, dict) and "dataFeedElement" in value:
        yield from _nodes(value["dataFeedElement"])
    else:
        yield value


def _is_claim_review(node: dict) -> bool:
    kinds = node.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return "ClaimReview" in kinds or "claimReviewed" in node


def _record(entry) -> FactCheckRecord:
    if isinstance(entry, RecordInvalid):
        raise entry
    if not isinstance(entry, dict):
        raise RecordInvalid("not a JSON object")
    if _is_claim_review(entry):
        return _claim_review(entry)
    return _verified_claim(entry)


def _claim_review(node: dict) -> FactCheckRecord:
    rating = node.get("reviewRating")
    item = node.get("itemReviewed") if isinstance(node.get("itemReviewed"), dict) else {}
    return FactCheckRecord(
        claim_text=_claim_text(node.get("claimReviewed") or item.get("name")),
        title=_text(node.get("headline") or node.get("name"), 500),
        url=_url(node.get("url")),
        rating=_text(rating.get("alternateName") or rating.get("name"), 200)
        if isinstance(rating, dict)
        else _text(rating, 200),
        publisher=_name(node.get("author") or node.get("publisher")),
        published_on=_date(node.get("datePublished")),
        language=_language(node.get("inLanguage")),
    )


def _verified_claim(entry: dict) -> FactCheckRecord:
    return FactCheckRecord(
        claim_text=_claim_text(entry.get("vclaim") or entry.get("claim")),
        title=_text(entry.get("title"), 500),
        subtitle=_text(entry.get("subtitle"), MAX_SUBTITLE_CHARS),
        url=_url(entry.get("url")),
        rating=_text(entry.get("rating"), 200),
        publisher=_name(entry.get("publisher")),
        published_on=_date(entry.get("date")),
        language=_language(entry.get("language")),
        source_id=_text(entry.get("vclaim_id"), 300),
    )


def _claim_text(value) -> str:
    text = _text(value, MAX_CLAIM_CHARS + 1)
    if not text:
        raise RecordInvalid("no claim (claimReviewed or vclaim)")
    if len(text) > MAX_CLAIM_CHARS:
        raise RecordInvalid(f"the claim is longer than {MAX_CLAIM_CHARS} characters")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(value, limit: int) -> str:
    if value is None:
        return ""
    if not isinstance(value, str | int | float):
        raise RecordInvalid(f"expected text, got {type(value).__name__}")
    return " ".join(_CONTROL.sub(" ", str(value)).split())[:limit]


def _url(value) -> str:
    url = _text(value, 2000)
    if url and not is_web_url(url):
        raise RecordInvalid(f"the url is not an http(s) address: {url[:60]!r}")
    return url


def _name(value) -> str:
    """An author or publisher: a name, an Organization object, or a list of them."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return _text(value, 200)


def _date(value) -> date | None:
    """A date in ISO form or as Snopes writes it ("26 May 2015"); None if there is none or it
    cannot be read (a date is useful, not required)."""
    text = _text(value, 64)
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    return None


def _language(value) -> str:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    return _text(value, 16).lower().replace("_", "-").split("-", 1)[0]
