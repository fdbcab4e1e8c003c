"""A real HTTP server on 127.0.0.1 for fetch tests: routes in, base URL out.

Tests never send traffic anywhere but loopback; pages they need are served here.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict = field(default_factory=dict)


@dataclass
class Server:
    base: str
    routes: dict
    requests: list = field(default_factory=list)

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])


@contextmanager
def serve(routes: dict[str, Page]):
    """Serve ``routes`` (path -> Page, or a callable(handler) -> Page) until the block ends."""
    server_state: Server | None = None

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            server_state.requests.append((self.path, dict(self.headers)))
            page = server_state.routes.get(self.path)
            if page is None:
                page = server_state.routes.get(self.path.split("?", 1)[0])
            if callable(page):
                page = page(self)
            if page is None:
                page = Page(b"not here", status=404, content_type="text/plain")
            self.send_response(page.status)
            if page.content_type:
                self.send_header("Content-Type", page.content_type)
            for name, value in page.headers.items():
                self.send_header(name, value)
            if "Content-Length" not in page.headers:
                self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            self.wfile.write(page.body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state = Server(f"http://127.0.0.1:{httpd.server_address[1]}", routes)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()


def article_html(title: str, paragraphs: list[str], *, lang: str = "en") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!doctype html><html lang='{lang}'><head><title>{title}</title>"
        f"<meta name='author' content='Jane Reporter'>"
        f"<meta property='article:published_time' content='2022-03-03T10:00:00Z'></head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{body}</article>"
        f"<footer>Copyright Example News</footer></body></html>"
    ).encode()
