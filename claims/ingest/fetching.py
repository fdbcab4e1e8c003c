"""Fetch pages from the internet without letting a URL reach inside our network (SSRF).

A URL someone pasted must not make the worker talk to 127.0.0.1, the database next door or the
cloud metadata service. So we resolve the name ourselves, refuse any address that is not public
internet, and connect to the exact address we checked (the Host header and TLS SNI carry the
name): a DNS answer that changes between the check and the connect (rebinding) cannot redirect
us. Every redirect goes through the same check.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from dataclasses import dataclass, replace
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import HTTPError as Urllib3HTTPError
from urllib3.exceptions import SSLError

from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.ingest.records import ArticleInput, parse_published

USER_AGENT = "ClaimWorkbench/0.1 (+fact-checking import)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
)
ARTICLE_TYPES = HTML_TYPES + TEXT_TYPES
READABLE_TYPES = ARTICLE_TYPES + FEED_TYPES

METADATA_ADDRESSES = {
    ipaddress.ip_address("169.254.169.254"),
    ipaddress.ip_address("fd00:ec2::254"),
    ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
}
CGNAT = ipaddress.ip_network("100.64.0.0/10")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
NAT64 = ipaddress.ip_network("64:ff9b::/96")
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(slots=True)
class FetchLimits:
    max_bytes: int = 5_000_000
    connect_timeout: float = 5.0
    read_timeout: float = 10.0
    total_timeout: float = 30.0
    max_redirects: int = 5
    allowed_hosts: tuple[str, ...] = ()


@dataclass(slots=True)
class FetchedPage:
    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def limits_from_settings() -> FetchLimits:
    # Imported here: the fetcher itself runs without Django configured (bench, scripts).
    from django.conf import settings

    return FetchLimits(
        max_bytes=settings.FETCH_MAX_BYTES,
        connect_timeout=settings.FETCH_CONNECT_TIMEOUT,
        read_timeout=settings.FETCH_READ_TIMEOUT,
        total_timeout=settings.FETCH_TOTAL_TIMEOUT,
        max_redirects=settings.FETCH_MAX_REDIRECTS,
        allowed_hosts=tuple(h.strip().lower() for h in settings.FETCH_ALLOWED_HOSTS),
    )


# --- Addresses ----------------------------------------------------------------------------------


def address_refusal(ip: IPAddress) -> str | None:
    """Why we will not connect to ``ip`` (a phrase), or None for a public internet address."""
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            reason = address_refusal(embedded)
            return f"{reason} ({ip} embeds {embedded})" if reason else None
        if ip in NAT64_LOCAL:
            return "a local-use NAT64 address"
        if ip.teredo:
            return "a Teredo tunnel address"
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.version == 4 and ip in CGNAT, "a carrier-grade NAT address (100.64.0.0/10)"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private network address"),
        (not ip.is_global, "not a public internet address"),
    )
    return next((reason for refused, reason in checks if refused), None)


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 spelling routes to: mapped, compatible, 6to4 or NAT64."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in NAT64 or (ip in IPV4_COMPATIBLE and int(ip) > 1):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def literal_address(host: str) -> IPAddress | None:
    """The address a numeric host means, in every spelling the C library accepts.

    ``inet_aton`` reads 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 all as 127.0.0.1;
    browsers and curl do the same, so we must see them as what they are.
    """
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if not host or not all(c in "0123456789abcdefx." for c in host.lower()):
        return None
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses of ``host``. Monkeypatched in tests to simulate hostile DNS."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0].split("%", 1)[0]) for info in infos]


@dataclass(slots=True)
class Target:
    scheme: str
    host: str
    port: int
    address: IPAddress
    path: str

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"


def vet_url(url: str, limits: FetchLimits) -> Target:
    """Check the URL and pick the address to connect to; FetchRefused says why not."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise FetchRefused(f"Refused {url!r}: not a valid URL ({exc}).") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}:" if scheme else "no scheme"
        raise FetchRefused(
            f"Refused {url!r}: only http and https addresses can be imported, not {shown}."
        )
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        raise FetchRefused(f"Refused {url!r}: the address has no host name.")
    port = port or (443 if scheme == "https" else 80)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    literal = literal_address(host)
    if _allowed(host, literal, port, limits.allowed_hosts):
        address = literal or _resolve_or_refuse(url, host, port)[0]
        return Target(scheme, host, port, address, path)
    if literal is not None:
        reason = address_refusal(literal)
        if reason:
            what = reason if host == str(literal) else f"{literal}, {reason}"
            raise FetchRefused(f"Refused {url!r}: {host} is {what}.")
        return Target(scheme, str(literal), port, literal, path)
    addresses = _resolve_or_refuse(url, host, port)
    for address in addresses:
        # One bad address refuses the name: we cannot know which one a later connect would use.
        reason = address_refusal(address)
        if reason:
            raise FetchRefused(f"Refused {url!r}: {host} resolves to {address}, {reason}.")
    return Target(scheme, host, port, addresses[0], path)


def _allowed(host: str, literal: IPAddress | None, port: int, allowed: tuple[str, ...]) -> bool:
    """An entry is a host ("127.0.0.1", any port) or a host and port ("127.0.0.1:8081")."""
    names = {host, str(literal)} if literal else {host}
    spelled = {f"[{n}]" if ":" in n else n for n in names}
    return any(n in allowed or f"{n}:{port}" in allowed for n in names | spelled)


def _resolve_or_refuse(url: str, host: str, port: int) -> list[IPAddress]:
    try:
        addresses = resolve(host, port)
    except socket.gaierror as exc:
        if exc.errno in (socket.EAI_AGAIN,):
            raise TransientFetchError(f"Could not resolve {host} right now: {exc}.") from exc
        raise FetchRefused(f"Refused {url!r}: the host name {host} does not exist.") from exc
    if not addresses:
        raise FetchRefused(f"Refused {url!r}: the host name {host} has no address.")
    return addresses


# --- Fetching -----------------------------------------------------------------------------------


class Watchdog:
    """Shuts a fetch's sockets down when its total time is up, wherever the fetch is waiting.

    The read timeout bounds one wait for a byte, so a server that drips a byte every few
    seconds (headers or body) never trips it; checking a deadline between reads does not help
    either while a read blocks. A timer that shuts the socket down makes the blocked read
    return, and the fetch then sees ``fired``.
    """

    def __init__(self, seconds: float):
        self.fired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.fired:
                _shut(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing is waiting on it
        sock.shutdown(socket.SHUT_RDWR)


def _watched(connection_class, watchdog: Watchdog):
    class WatchedConnection(connection_class):
        def connect(self):
            super().connect()
            watchdog.watch(self.sock)

    return WatchedConnection


def fetch_url(
    url: str,
    *,
    accept: tuple[str, ...] = READABLE_TYPES,
    etag: str = "",
    last_modified: str = "",
    limits: FetchLimits | None = None,
    total_timeout: float | None = None,
) -> FetchedPage:
    """GET ``url`` safely, following at most ``max_redirects`` redirects, each vetted again.

    The whole fetch, redirects included, ends within ``total_timeout`` seconds (default: the
    limits'; the importer passes what is left of an item's FETCH_TOTAL_TIMEOUT after its
    earlier tries), whatever the server does. Raises FetchRefused for what will never work (bad
    address, 404, wrong content type, too large, too slow in all) and TransientFetchError for
    what may work later (a timeout of one read or connect, 429, 5xx).
    """
    limits = limits or limits_from_settings()
    if total_timeout is not None:
        limits = replace(limits, total_timeout=min(limits.total_timeout, total_timeout))
    with Watchdog(limits.total_timeout) as watchdog:
        try:
            return _follow(url, accept, etag, last_modified, limits, watchdog)
        except (TransientFetchError, FetchRefused):
            if watchdog.fired:
                raise _too_slow(url, limits) from None
            raise


def _too_slow(url: str, limits: FetchLimits) -> FetchRefused:
    # Not transient: the total covers every try, so there is no time left to try again.
    return FetchRefused(
        f"Fetching {url} took longer than {limits.total_timeout:.0f} s in all, tries and "
        "redirects included (FETCH_TOTAL_TIMEOUT); the site is too slow."
    )


def _follow(url, accept, etag, last_modified, limits: FetchLimits, watchdog) -> FetchedPage:
    deadline = time.monotonic() + limits.total_timeout
    current = url
    for _ in range(limits.max_redirects + 1):
        target = vet_url(current, limits)
        headers = {
            "Host": target.host_header,
            "User-Agent": USER_AGENT,
            "Accept": ", ".join(accept) + ", */*;q=0.1",
            "Accept-Encoding": "gzip, deflate",
        }
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = _request(target, headers, limits, deadline, current, watchdog)
        try:
            if response.status in (301, 302, 303, 307, 308):
                location = response.headers.get("Location")
                if not location:
                    raise FetchRefused(f"{current} redirects without saying where to.")
                current = urljoin(current, location)
                continue
            page = _read_page(current, response, accept, limits, deadline)
            if watchdog.fired:
                # A body without a length ends at the shutdown as if it were complete.
                raise _too_slow(url, limits)
            return page
        finally:
            response.release_conn()
    raise FetchRefused(f"Refused {url!r}: more than {limits.max_redirects} redirects.")


def pinned_pool(
    target: Target, timeout: urllib3.Timeout, watchdog: Watchdog | None = None
) -> urllib3.HTTPConnectionPool:
    """A connection pool to the address ``vet_url`` checked, never to the name again (no DNS
    rebinding); over TLS the certificate is still checked against the name. With a watchdog,
    its sockets are shut down when the fetch's time is up."""
    pool = _pool(target, timeout)
    if watchdog is not None:
        pool.ConnectionCls = _watched(pool.ConnectionCls, watchdog)
    return pool


def _pool(target: Target, timeout: urllib3.Timeout) -> urllib3.HTTPConnectionPool:
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            str(target.address),
            target.port,
            timeout=timeout,
            maxsize=1,
            retries=False,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
        )
    return urllib3.HTTPConnectionPool(
        str(target.address), target.port, timeout=timeout, maxsize=1, retries=False
    )


def _request(target: Target, headers, limits: FetchLimits, deadline: float, url: str, watchdog):
    timeout = urllib3.Timeout(connect=limits.connect_timeout, read=limits.read_timeout)
    pool = pinned_pool(target, timeout, watchdog)
    if time.monotonic() > deadline:
        raise TransientFetchError(f"Fetching {url} took longer than {limits.total_timeout:.0f}s.")
    try:
        return pool.urlopen(
            "GET",
            target.path,
            headers=headers,
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
        )
    except SSLError as exc:
        raise FetchRefused(f"Refused {url}: its TLS certificate is not valid ({exc}).") from exc
    except Urllib3HTTPError as exc:
        raise TransientFetchError(f"Could not reach {url}: {type(exc).__name__}.") from exc


def _read_page(url: str, response, accept, limits: FetchLimits, deadline: float) -> FetchedPage:
    status = response.status
    if status == 304:
        return FetchedPage(url, status, "", None, b"", *_validators(response))
    if status == 429 or status >= 500:
        raise TransientFetchError(f"{url} answered {status}; we will try again later.")
    if status != 200:
        raise FetchRefused(f"{url} answered {status}: there is no page to import there.")
    content_type, charset = _content_type(response.headers.get("Content-Type", ""))
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchRefused(
            f"{url} is {int(declared):,} bytes; pages larger than {limits.max_bytes:,} bytes "
            "are not imported."
        )
    body = _read_capped(url, response, limits, deadline)
    if not content_type and body.lstrip()[:1] == b"<":
        content_type = "text/html"  # an unlabelled page that looks like markup
    if content_type not in accept:
        raise FetchRefused(
            f"{url} is {content_type or 'of unknown type'}, not a web page, text or feed."
        )
    return FetchedPage(url, status, content_type, charset, body, *_validators(response))


def _read_capped(url: str, response, limits: FetchLimits, deadline: float) -> bytes:
    chunks, size = [], 0
    try:
        # Small reads bound what one decompression step can expand to (gzip bombs).
        for chunk in response.stream(64 * 1024, decode_content=True):
            size += len(chunk)
            if size > limits.max_bytes:
                raise FetchRefused(
                    f"{url} is larger than {limits.max_bytes:,} bytes; it is not imported."
                )
            if time.monotonic() > deadline:
                raise TransientFetchError(
                    f"Fetching {url} took longer than {limits.total_timeout:.0f}s."
                )
            chunks.append(chunk)
    except Urllib3HTTPError as exc:
        raise TransientFetchError(f"Reading {url} failed: {type(exc).__name__}.") from exc
    return b"".join(chunks)


def _content_type(header: str) -> tuple[str, str | None]:
    mime, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime.strip().lower(), charset


def _validators(response) -> tuple[str, str]:
    return (
        response.headers.get("ETag", "")[:300],
        response.headers.get("Last-Modified", "")[:100],
    )


# --- Articles -----------------------------------------------------------------------------------


def fetch_article(url: str, *, total_timeout: float | None = None) -> ArticleInput:
    """Fetch a web page (or plain text) and turn it into an article."""
    # Deferred: html imports trafilatura and language loads its model (about a second), which
    # a process that only fetches feeds or evidence never needs.
    from claims.ingest.html import html_to_text
    from claims.ingest.language import detect_language

    page = fetch_url(url, accept=READABLE_TYPES, total_timeout=total_timeout)
    if page.content_type in FEED_TYPES:
        raise FetchRefused(f"{url} is a feed ({page.content_type}); import it as a feed instead.")
    if page.content_type in TEXT_TYPES:
        text = page.body.decode(page.charset or "utf-8", errors="replace").strip()
        if not text:
            raise FetchRefused(f"{url} is an empty text file.")
        return ArticleInput(text=text, url=page.url, language=detect_language(text))
    extracted = html_to_text(page.body, url=page.url)
    try:
        published = parse_published(extracted.date)
    except ValueError:
        published = None  # a date trafilatura guessed but we cannot read: leave it blank
    return ArticleInput(
        text=extracted.text,
        title=extracted.title[:500],
        url=page.url,
        published_at=published,
        author=extracted.author[:300],
        language=detect_language(extracted.text, declared=extracted.language),
    )
