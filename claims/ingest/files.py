"""Uploaded files to records: .txt, .html, .json, .jsonl/.ndjson, .csv and .zip of those.

The content decides the type (a .txt that is really a zip is read as a zip; a PDF named .txt is
refused), the extension only says which parser's error to show when the content is broken.
Each record is validated later, per item, so one bad record does not sink the file; what is
refused here is a file that cannot be read at all, with a message saying why.
"""

from __future__ import annotations

import csv
import io
import json
import stat
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from claims.ingest.headers import read_header
from claims.ingest.records import MAX_TEXT_CHARS

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


def limits_from_settings() -> UploadLimits:
    from django.conf import settings

    return UploadLimits(
        max_bytes=settings.UPLOAD_MAX_BYTES,
        zip_max_members=settings.ZIP_MAX_MEMBERS,
        zip_max_total_bytes=settings.ZIP_MAX_TOTAL_BYTES,
    )


def records_from_file(name: str, data: bytes, *, limits: UploadLimits | None = None) -> list[dict]:
    """The records of one uploaded file, each with ``_source`` naming where it came from."""
    limits = limits or limits_from_settings()
    if len(data) > limits.max_bytes:
        raise UploadRefused(
            f"{name} is {len(data):,} bytes; files larger than {limits.max_bytes:,} bytes "
            "are not accepted. Split it or zip it."
        )
    if data.startswith(ZIP_SIGNATURES):
        return _records_from_zip(name, data, limits)
    return _records_from_document(name, data)


def _records_from_document(name: str, data: bytes) -> list[dict]:
    for signature, what in BINARY_SIGNATURES.items():
        if data.startswith(signature):
            raise UploadUnreadable(f"{name} is {what}, not text, HTML, JSON or CSV.")
    if b"\x00" in data[:8192]:
        raise UploadUnreadable(f"{name} is a binary file, not text, HTML, JSON or CSV.")
    text = _decode(name, data)
    stripped = text.lstrip()
    if not stripped:
        raise UploadUnreadable(f"{name} is empty.")
    suffix = PurePosixPath(name).suffix.lower()
    if stripped[0] in "[{":
        return _records_from_json(name, text, suffix)
    if stripped[0] == "<":
        return [{"html": text, "_source": name}]
    if suffix == ".csv" or _looks_like_csv_header(stripped):
        return _records_from_csv(name, text)
    if suffix in (".json", ".jsonl", ".ndjson"):
        raise UploadUnreadable(f"{name} is not JSON: it should start with [ or {{.")
    # Plain text: its header may carry a title and a date; else the file's name is the title.
    header = read_header(text)
    record = {"text": text, "title": header.title or PurePosixPath(name).stem[:500]}
    if header.published is not None:
        record["published"] = header.published.isoformat()
    return [{**record, "_source": name}]


def _decode(name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        raise UploadUnreadable(f"{name} is not readable text; save it as UTF-8.")
    return data.decode(best.encoding, errors="replace")


def _records_from_json(name: str, text: str, suffix: str) -> list[dict]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as whole_error:
        if suffix == ".json":
            raise _json_refusal(name, whole_error) from whole_error
        return _records_from_json_lines(name, text, whole_error)
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
    return [_record(row, f"{name} #{i}") for i, row in enumerate(rows, 1)]


def _records_from_json_lines(name: str, text: str, whole_error) -> list[dict]:
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            if number == 1:
                raise _json_refusal(name, whole_error) from exc
            # One broken line fails as its own item, named by file and line; the rest import.
            where = f"{name} line {number}"
            records.append({"_source": where, "_error": f"{where} is not valid JSON: {exc.msg}."})
            continue
        records.append(_record(row, f"{name} line {number}"))
    return records


def _json_refusal(name: str, error: json.JSONDecodeError) -> UploadUnreadable:
    return UploadUnreadable(
        f"{name} is not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})."
    )


def _record(row, source: str) -> dict:
    if not isinstance(row, dict):
        # Kept as an item that fails with this message, so the rest still import.
        return {"_source": source, "_error": "Each record must be an object."}
    record = {k: row[k] for k in RECORD_FIELDS if row.get(k) not in (None, "")}
    record["_source"] = source
    return record


def _looks_like_csv_header(text: str) -> bool:
    first = text.split("\n", 1)[0]
    try:
        header = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    columns = {c.strip().lower() for c in header}
    return len(header) > 1 and bool(columns & {"text", "html"})


def _records_from_csv(name: str, text: str) -> list[dict]:
    csv.field_size_limit(MAX_TEXT_CHARS * 4)
    reader = csv.reader(io.StringIO(text, newline=""))
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
    records = []
    try:
        # Rows are counted as a spreadsheet shows them (header = row 1), not as lines: a quoted
        # text may span many lines.
        for number, row in enumerate(reader, 2):
            if not any(cell.strip() for cell in row):
                continue
            values = dict(zip(header, row, strict=False))
            records.append(_record(values, f"{name} row {number}"))
    except csv.Error as exc:
        raise UploadUnreadable(f"{name} line {reader.line_num} is not valid CSV: {exc}.") from exc
    return records


def _records_from_zip(name: str, data: bytes, limits: UploadLimits) -> list[dict]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UploadRefused(f"{name} is not a readable zip archive ({exc}).") from exc
    if len(members) > limits.zip_max_members:
        raise UploadRefused(
            f"{name} holds {len(members):,} files; at most {limits.zip_max_members:,} are accepted."
        )
    files = [m for m in members if not m.is_dir() and not _ignored(m.filename)]
    for member in files:
        _check_member(name, member)
    declared = sum(m.file_size for m in files)
    if declared > limits.zip_max_total_bytes:
        raise UploadRefused(
            f"{name} unpacks to {declared:,} bytes; at most {limits.zip_max_total_bytes:,} "
            "are accepted."
        )
    records, unpacked = [], 0
    for member in files:
        content = _read_member(name, archive, member, limits.zip_max_total_bytes - unpacked)
        unpacked += len(content)
        if content.startswith(ZIP_SIGNATURES):
            raise UploadRefused(f"{name}: {member.filename} is a zip inside the zip; unpack it.")
        where = f"{name}/{member.filename}"
        try:
            records.extend(_records_from_document(where, content))
        except UploadUnreadable as exc:
            records.append({"_source": where, "_error": str(exc)})
    return records


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


def _read_member(name: str, archive, member: zipfile.ZipInfo, budget: int) -> bytes:
    # The sizes in the directory can lie; read no more than the budget whatever they say.
    try:
        with archive.open(member) as handle:
            content = handle.read(budget + 1)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as exc:
        raise UploadRefused(f"{name}: {member.filename} cannot be unpacked ({exc}).") from exc
    if len(content) > budget:
        raise UploadRefused(f"{name} unpacks to more than the accepted total; refused.")
    return content
