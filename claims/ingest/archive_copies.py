"""Archive copies of evidence: which uploaded files and which archive addresses we accept.

A source that could not be snapshotted can be preserved another way: a file the moderator saved
(PDF, image, HTML page) or the address of a copy in a public web archive. Plain Python, no
Django: the service applies the size limit and stores the file.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# The type is read from the first bytes, never from the name or the browser's Content-Type,
# both of which the uploader controls; the name's extension must agree with what we found.
_SIGNATURES: list[tuple[bytes, int, str]] = [
    (b"%PDF-", 0, "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),  # after "RIFF" and the size
]
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<!--")
EXTENSIONS = {
    "application/pdf": (".pdf",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
    "image/gif": (".gif",),
    "image/webp": (".webp",),
    "text/html": (".html", ".htm"),
}
HEAD_BYTES = 512

# Web archives whose copies a reader can open: the Wayback Machine (copies under /web/) and
# archive.today under each of its domains.
WAYBACK_HOSTS = {"web.archive.org"}
ARCHIVE_TODAY_HOSTS = {
    "archive.today", "archive.ph", "archive.is", "archive.li", "archive.vn", "archive.md",
    "archive.fo",
}  # fmt: skip


class ArchiveCopyRefused(ValueError):
    """The file or address is not an archive copy we accept; the message says why."""


def archive_file_type(head: bytes, filename: str) -> str:
    """The content type of an uploaded archive copy, from its first bytes (``HEAD_BYTES``);
    refuses types we do not keep and names whose extension contradicts the content."""
    found = _sniff(head)
    if found is None:
        raise ArchiveCopyRefused(
            f"{filename!r} is not a PDF, an image (PNG, JPEG, GIF, WebP) or an HTML page "
            "(judged by its content, not its name)."
        )
    if not filename.lower().endswith(EXTENSIONS[found]):
        raise ArchiveCopyRefused(
            f"{filename!r} holds {found} but its name ends otherwise; "
            f"expected {' or '.join(EXTENSIONS[found])}."
        )
    return found


def _sniff(head: bytes) -> str | None:
    for signature, offset, content_type in _SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            if content_type == "image/webp" and not head.startswith(b"RIFF"):
                continue
            return content_type
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    if text.startswith(_HTML_STARTS):
        return "text/html"
    return None


def archive_url_check(url: str) -> str:
    """The address of a copy in a web archive, checked: http(s), a known archive host, and a
    path that names a copy (not the archive's home page)."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise ArchiveCopyRefused(f"{url[:100]!r} is not a web address.") from None
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or parts.username or parts.password:
        raise ArchiveCopyRefused("An archive address must be a plain http(s) address.")
    if port not in (None, 80, 443):
        raise ArchiveCopyRefused("An archive address uses the standard port.")
    path = parts.path.strip("/")
    if host in WAYBACK_HOSTS:
        if not path.startswith("web/") or len(path) <= len("web/"):
            raise ArchiveCopyRefused(
                "A Wayback Machine address names a copy: https://web.archive.org/web/<date>/<url>."
            )
        return url
    if host in ARCHIVE_TODAY_HOSTS:
        if not path:
            raise ArchiveCopyRefused("An archive.today address names a copy, not the home page.")
        return url
    raise ArchiveCopyRefused(
        f"{host or 'That address'} is not a web archive we accept: use the Wayback Machine "
        "(web.archive.org/web/...) or archive.today (archive.ph, archive.is, ...)."
    )
