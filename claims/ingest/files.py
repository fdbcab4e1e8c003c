"""Uploaded files to records: .txt, .html, .json, .jsonl/.ndjson, .csv and .zip of those.

The content decides the type (a .txt that is really a zip is read as a zip; a PDF named .txt is
refused), the extension only says which parser's error to show when the content is broken.
Each record is validated later, per item, so one bad record does not sink the file; what is
refused here is a file that cannot be read at all, with a message saying why.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import stat
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

from claims.ingest.errors import LimitExceeded
from claims.ingest.headers import read_header
from claims.ingest.jsonstream import JsonReader, JsonStreamError, ValueTooLong

RECORD_FIELDS = ("text", "html", "title", "url", "published", "outlet", "author", "language")
BINARY_SIGNATURES = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"GIF8": "a GIF image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip archive (use .zip)",
    b"Rar!": "a RAR archive (use .zip)",
    b"7z\xbc\xaf": "a 7-Zip archive (use .zip)",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
# Text compresses about 3-10x; a member that claims far more is a bomb, not an article.
ZIP_MAX_RATIO = 100
ZIP_RATIO_FLOOR_BYTES = 1_000_000
IGNORED_MEMBERS = ("__MACOSX/", ".DS_Store", "Thumbs.db")


class UploadRefused(ValueError):
    """The file cannot be imported; the message says what to change."""


class UploadUnreadable(UploadRefused):
    """This one file's content cannot be read (binary, broken JSON or CSV, empty). In a batch
    with readable files it becomes one failed item naming it; the others are imported. Limits
    (size, archive members) are plain UploadRefused: over a limit, nothing is stored."""


@dataclass(slots=True)
class UploadLimits:
    max_bytes: int = 50_000_000
    zip_max_members: int = 1000
    zip_max_total_bytes: int = 200_000_000
    # The text of one article; an HTML document (a page's markup) is held to the fetched-page
    # limit instead, its text to max_article_chars when the worker extracts it.
    max_article_chars: int = 200_000
    max_html_chars: int = 5_000_000

    @property
    def max_record_chars(self) -> int:
        """The longest JSON record or CSV field read: an HTML page, or an article's text with
        every character escaped (a \\u escape is six)."""
        return max(self.max_html_chars, 6 * self.max_article_chars) + 10_000


def limits_from_settings() -> UploadLimits:
    # Imported here: the parsers themselves run without Django configured (tests, scripts).
    from django.conf import settings

    return UploadLimits(
        max_bytes=settings.UPLOAD_MAX_BYTES,
        zip_max_members=settings.ZIP_MAX_MEMBERS,
        zip_max_total_bytes=settings.ZIP_MAX_TOTAL_BYTES,
        max_article_chars=settings.ARTICLE_MAX_CHARS,
        max_html_chars=settings.FETCH_MAX_BYTES,
    )


def records_from_file(name: str, data: bytes, *, limits: UploadLimits | None = None) -> list[dict]:
    """All the records of an upload held in memory (tests, the command line)."""
    return list(iter_records(name, io.BytesIO(data), limits=limits))


def iter_records(name: str, stream: BinaryIO, *, limits: UploadLimits | None = None):
    """The records of one uploaded file, read from a seekable binary stream a chunk at a time,
    each with ``_source`` naming where it came from. Raises UploadRefused for a file that
    cannot be read and LimitExceeded for one over a limit, as soon as it gets there."""
    limits = limits or limits_from_settings()
    size = _size(stream)
    if size > limits.max_bytes:
        raise LimitExceeded(
            f"{name} is {size:,} bytes; files larger than {limits.max_bytes:,} bytes "
            "are not accepted (UPLOAD_MAX_BYTES). Split it or zip it.",
            setting="UPLOAD_MAX_BYTES",
        )
    if stream.read(len(ZIP_SIGNATURES[0])) in ZIP_SIGNATURES:
        stream.seek(0)
        yield from _records_from_zip(name, stream, limits)
    else:
        yield from _records_from_document(name, stream, limits)


HEAD_BYTES = 64 * 1024


def _size(stream) -> int:
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def _records_from_document(name: str, stream, limits: UploadLimits):
    stream.seek(0)
    head = stream.read(HEAD_BYTES)
    stream.seek(0)
    for signature, what in BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise UploadUnreadable(f"{name} is {what}, not text, HTML, JSON or CSV.")
    if b"\x00" in head[:8192]:
        raise UploadUnreadable(f"{name} is a binary file, not text, HTML, JSON or CSV.")
    text = _text_stream(name, stream, head)
    stripped = _decoded_head(name, head).lstrip()
    if not stripped:
        raise UploadUnreadable(f"{name} is empty.")
    suffix = PurePosixPath(name).suffix.lower()
    try:
        if stripped[0] in "[{":
            yield from _records_from_json(name, text, suffix, limits)
        elif stripped[0] == "<":
            html = _read_whole(name, text, limits.max_html_chars, "FETCH_MAX_BYTES", "HTML")
            yield {"html": html, "_source": name}
        elif suffix == ".csv" or _looks_like_csv_header(stripped):
            yield from _records_from_csv(name, text, limits)
        elif suffix in (".json", ".jsonl", ".ndjson"):
            raise UploadUnreadable(f"{name} is not JSON: it should start with [ or {{.")
        else:
            body = _read_whole(name, text, limits.max_article_chars, "ARTICLE_MAX_CHARS", "text")
            # Its header may carry a title and a date; else the file's name is the title.
            header = read_header(body)
            record = {"text": body, "title": header.title or PurePosixPath(name).stem[:500]}
            if header.published is not None:
                record["published"] = header.published.isoformat()
            yield {**record, "_source": name}
    except UnicodeDecodeError as exc:
        raise UploadUnreadable(
            f"{name} is not readable text past its start; save it as UTF-8."
        ) from exc


def _read_whole(name: str, text, limit: int, setting: str, what: str) -> str:
    # A NUL past the sniffed start is a stray byte in a text, not a binary file: dropped, as
    # PostgreSQL cannot store it in a text or JSON column.
    content = text.read(limit + 1).replace("\x00", "")
    if len(content) > limit:
        raise LimitExceeded(
            f"{name} has more than {limit:,} characters of {what}; that is the most one article "
            f"may have ({setting}).",
            setting=setting,
        )
    return content


def _text_stream(name: str, stream, head: bytes):
    """The file as text, decoded as it is read: UTF-8 if its start is, else the encoding
    charset_normalizer finds in its start."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < HEAD_BYTES)
        encoding, errors = "utf-8-sig", "strict"
    except UnicodeDecodeError:
        # Deferred: it loads its detection tables, and most uploads are UTF-8.
        from charset_normalizer import from_bytes

        best = from_bytes(head).best()
        if best is None:
            raise UploadUnreadable(f"{name} is not readable text; save it as UTF-8.") from None
        encoding, errors = best.encoding, "replace"
    return io.TextIOWrapper(_Unclosed(stream), encoding=encoding, errors=errors, newline="")


def _decoded_head(name: str, head: bytes) -> str:
    """The start of the file as text, to tell its type: a character cut in two where the
    start ends is dropped, not an error."""
    encoding = _text_stream(name, io.BytesIO(head), head).encoding
    return head.decode(encoding, errors="ignore")


class _Unclosed(io.RawIOBase):
    """A view of a stream that the TextIOWrapper over it may close without closing it."""

    def __init__(self, stream):
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _records_from_json(name: str, text, suffix: str, limits: UploadLimits):
    reader = JsonReader(text, max_value_chars=limits.max_record_chars)
    try:
        yield from _json_records(name, reader, suffix)
    except ValueTooLong:
        raise _record_too_long(name, limits) from None


def _json_records(name: str, reader: JsonReader, suffix: str):
    try:
        if reader.peek() == "[" or reader.records_object_ahead():
            yield from _json_array_records(name, reader)
            return
        first_line = reader.line()
        first = reader.value()
        if reader.at_end():
            yield from _json_document_records(name, first)
            return
        if suffix == ".json":
            raise reader.error("Extra data")
    except JsonStreamError as exc:
        raise _json_refusal(name, exc) from None
    # More than one value: JSON lines, one record a line. A broken line fails alone, as an
    # item named by its line; the others are read.
    yield _record(first, f"{name} line {first_line}")
    while not reader.at_end():
        number = reader.line()
        where = f"{name} line {number}"
        try:
            row = json.loads(reader.rest_of_line())
        except RecursionError:
            yield {"_source": where, "_error": str(_too_deep(where))}
        except json.JSONDecodeError as exc:
            yield {"_source": where, "_error": f"{where} is not valid JSON: {exc.msg}."}
        else:
            yield _record(row, where)


def _json_array_records(name: str, reader: JsonReader):
    in_object = reader.peek() == "{"
    if in_object:
        reader.enter_records_object()
    for i, row in enumerate(reader.array_values(), 1):
        yield _record(row, f"{name} #{i}")
    if in_object:
        reader.rest_of_object()
    if not reader.at_end():
        raise reader.error("Extra data")


def _json_document_records(name: str, document):
    if isinstance(document, dict):
        rows = next(
            (document[k] for k in ("records", "articles", "items") if k in document), [document]
        )
    else:
        rows = document
    if not isinstance(rows, list):
        raise UploadUnreadable(
            f"{name}: expected an array of records, or an object with a 'records' array."
        )
    for i, row in enumerate(rows, 1):
        yield _record(row, f"{name} #{i}")


def _json_refusal(name: str, error: JsonStreamError) -> UploadUnreadable:
    if error.msg == "Nested too deeply":
        return _too_deep(name)
    return UploadUnreadable(
        f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
    )


def _too_deep(where: str) -> UploadUnreadable:
    return UploadUnreadable(f"{where} is JSON nested too deeply to be a list of articles.")


def _record_too_long(name: str, limits: UploadLimits) -> LimitExceeded:
    return LimitExceeded(
        f"{name} holds a record longer than {limits.max_record_chars:,} characters; an "
        f"article's text may have {limits.max_article_chars:,} (ARTICLE_MAX_CHARS) and an HTML "
        f"page {limits.max_html_chars:,} (FETCH_MAX_BYTES).",
        setting="ARTICLE_MAX_CHARS",
    )


def _record(row, source: str) -> dict:
    if not isinstance(row, dict):
        # Kept as an item that fails with this message, so the rest still import.
        return {"_source": source, "_error": "Each record must be an object."}
    record = {k: _without_nul(row[k]) for k in RECORD_FIELDS if row.get(k) not in (None, "")}
    record["_source"] = source
    return record


def _without_nul(value):
    # "\u0000" in a JSON string decodes to a NUL, which PostgreSQL refuses in JSON and text.
    return value.replace("\x00", "") if isinstance(value, str) else value


def _looks_like_csv_header(text: str) -> bool:
    first = text.split("\n", 1)[0]
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    columns = {c.strip().lower() for c in header}
    return len(header) > 1 and bool(columns & {"text", "html"})


def _records_from_csv(name: str, text, limits: UploadLimits):
    csv.field_size_limit(limits.max_record_chars)
    reader = csv.reader(text)
    try:
        header = [c.strip().lower() for c in next(reader)]
    except StopIteration:
        raise UploadUnreadable(f"{name} is empty.") from None
    except csv.Error as exc:
        raise UploadUnreadable(f"{name} is not valid CSV: {exc}.") from exc
    if not set(header) & {"text", "html"}:
        raise UploadUnreadable(
            f"{name}: the first line must name the columns, including 'text' or 'html' "
            f"(found: {', '.join(header)[:200]})."
        )
    try:
        # Rows are counted as a spreadsheet shows them (header = row 1), not as lines: a quoted
        # text may span many lines.
        for number, row in enumerate(reader, 2):
            if not any(cell.strip() for cell in row):
                continue
            values = dict(zip(header, row, strict=False))
            yield _record(values, f"{name} row {number}")
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _record_too_long(name, limits) from exc
        raise UploadUnreadable(f"{name} line {reader.line_num} is not valid CSV: {exc}.") from exc


def _records_from_zip(name: str, stream, limits: UploadLimits):
    try:
        archive = zipfile.ZipFile(stream)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRefused(f"{name} is not a readable zip archive ({exc}).") from exc
    if len(members) > limits.zip_max_members:
        raise LimitExceeded(
            f"{name} holds {len(members):,} files; at most {limits.zip_max_members:,} are "
            "accepted (ZIP_MAX_MEMBERS).",
            setting="ZIP_MAX_MEMBERS",
        )
    files = [m for m in members if not m.is_dir() and not _ignored(m.filename)]
    for member in files:
        _check_member(name, member)
    declared = sum(m.file_size for m in files)
    if declared > limits.zip_max_total_bytes:
        raise LimitExceeded(
            f"{name} unpacks to {declared:,} bytes; at most {limits.zip_max_total_bytes:,} "
            "are accepted (ZIP_MAX_TOTAL_BYTES).",
            setting="ZIP_MAX_TOTAL_BYTES",
        )
    unpacked = 0
    for member in files:
        budget = limits.zip_max_total_bytes - unpacked
        content = _read_member(name, archive, member, budget, limits.max_bytes)
        unpacked += len(content)
        if content.startswith(ZIP_SIGNATURES):
            raise UploadRefused(f"{name}: {member.filename} is a zip inside the zip; unpack it.")
        where = f"{name}/{member.filename}"
        try:
            # Listed first, so that a member broken part-way fails alone and whole.
            records = list(_records_from_document(where, io.BytesIO(content), limits))
        except UploadUnreadable as exc:
            records = [{"_source": where, "_error": str(exc)}]
        yield from records


def _ignored(filename: str) -> bool:
    return any(part in filename for part in IGNORED_MEMBERS)


def _check_member(name: str, member: zipfile.ZipInfo) -> None:
    path = member.filename.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":") or ".." in path.split("/"):
        raise UploadRefused(
            f"{name}: the member {member.filename!r} points outside the archive; refused."
        )
    if stat.S_ISLNK(member.external_attr >> 16):
        raise UploadRefused(f"{name}: the member {member.filename!r} is a symbolic link; refused.")
    if member.flag_bits & 0x1:
        raise UploadRefused(f"{name}: {member.filename} is encrypted; upload it unencrypted.")
    ratio = member.file_size / max(member.compress_size, 1)
    if member.file_size > ZIP_RATIO_FLOOR_BYTES and ratio > ZIP_MAX_RATIO:
        raise UploadRefused(
            f"{name}: {member.filename} expands {ratio:,.0f} times, which only a zip bomb does; "
            "refused."
        )


def _read_member(name: str, archive, member, budget: int, max_bytes: int) -> bytes:
    # The sizes in the directory can lie; read no more than the budget whatever they say.
    try:
        with archive.open(member) as handle:
            content = handle.read(min(budget, max_bytes) + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise UploadRefused(f"{name}: {member.filename} cannot be unpacked ({exc}).") from exc
    if len(content) > max_bytes:
        raise LimitExceeded(
            f"{name}: {member.filename} unpacks to more than {max_bytes:,} bytes, the most one "
            "file may have (UPLOAD_MAX_BYTES).",
            setting="UPLOAD_MAX_BYTES",
        )
    if len(content) > budget:
        raise LimitExceeded(
            f"{name} unpacks to more than the accepted total (ZIP_MAX_TOTAL_BYTES); refused.",
            setting="ZIP_MAX_TOTAL_BYTES",
        )
    return content
