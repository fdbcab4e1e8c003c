"""The SSRF-safe fetcher: what it refuses, and that what it fetches is the article."""

import gzip
import ipaddress
import socket

import pytest

from claims.ingest import fetching
from claims.ingest.errors import FetchRefused, TransientFetchError
from claims.ingest.fetching import FetchLimits, address_refusal, fetch_article, fetch_url
from tests.pages import Page, article_html, serve

ENERHODAR = (
    "Russian forces are battling for control of Enerhodar, a crucial energy-producing city on "
    "the Dnieper River that accounts for about one-quarter of the country's power generation."
)
FLED = "More than 1 million people have fled Ukraine since the invasion began, the UN said."

# (url, words the refusal must contain). None of these may ever be connected to.
HOSTILE = [
    ("http://127.0.0.1/", "loopback"),
    ("http://localhost/", "loopback"),
    ("http://LOCALHOST./admin", "loopback"),
    ("http://0x7f000001/", "loopback"),
    ("http://2130706433/", "loopback"),
    ("http://0177.0.0.1/", "loopback"),
    ("http://127.1/", "loopback"),
    ("http://0/", "unspecified"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://[::ffff:7f00:1]/", "loopback"),
    ("http://[::127.0.0.1]/", "loopback"),
    ("http://[2002:7f00:1::]/", "loopback"),
    ("http://[64:ff9b::a00:1]/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "cloud metadata"),
    ("http://[fd00:ec2::254]/", "cloud metadata"),
    ("http://10.0.0.1/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://172.16.5.4:8080/", "private"),
    ("http://100.64.0.1/", "carrier-grade NAT"),
    ("http://224.0.0.1/", "multicast"),
    ("http://[fe80::1]/", "link-local"),
    ("http://240.0.0.1/", "reserved"),
    ("file:///etc/passwd", "only http and https"),
    ("gopher://127.0.0.1:6379/_FLUSHALL", "only http and https"),
    ("ftp://example.org/file.txt", "only http and https"),
    ("dict://127.0.0.1:11211/stat", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("http:///nohost", "no host"),
]


@pytest.fixture
def no_network(monkeypatch):
    """Fail the test if anything tries to open a connection."""

    def refuse(*args, **kwargs):
        raise AssertionError(f"tried to connect: {args}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr("urllib3.util.connection.create_connection", refuse)


@pytest.mark.parametrize(("url", "reason"), HOSTILE)
def test_hostile_urls_are_refused_with_a_clear_message(url, reason, no_network):
    with pytest.raises(FetchRefused) as refused:
        fetch_url(url, limits=FetchLimits())
    message = str(refused.value)
    assert reason in message
    assert message.startswith("Refused")


def test_a_name_resolving_to_a_private_address_is_refused(monkeypatch, no_network):
    monkeypatch.setattr(fetching, "resolve", lambda host, port: [ipaddress.ip_address("10.1.2.3")])
    with pytest.raises(FetchRefused, match=r"intranet\.example\.com resolves to 10\.1\.2\.3"):
        fetch_url("https://intranet.example.com/", limits=FetchLimits())


def test_one_private_address_among_public_ones_refuses_the_name(monkeypatch, no_network):
    answers = [ipaddress.ip_address("93.184.215.14"), ipaddress.ip_address("192.168.0.7")]
    monkeypatch.setattr(fetching, "resolve", lambda host, port: answers)
    with pytest.raises(FetchRefused, match="private"):
        fetch_url("https://rebind.example.com/", limits=FetchLimits())


def test_connects_to_the_vetted_address_not_a_second_lookup(monkeypatch):
    """DNS rebinding: the name is resolved once; the connection goes to that address."""
    lookups = []
    with serve({"/a": Page(article_html("A", [ENERHODAR]))}) as server:

        def resolve_once(host, port):
            lookups.append(host)
            return [ipaddress.ip_address("127.0.0.1")]

        real_getaddrinfo = socket.getaddrinfo

        def getaddrinfo(host, *args, **kwargs):
            # urllib3 passes the numeric address through getaddrinfo: no lookup happens.
            assert host == "127.0.0.1", f"resolved {host} again"
            return real_getaddrinfo(host, *args, **kwargs)

        monkeypatch.setattr(fetching, "resolve", resolve_once)
        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
        limits = FetchLimits(allowed_hosts=("news.test",))
        page = fetch_url(f"http://news.test:{server.port}/a", limits=limits)
    assert lookups == ["news.test"]
    assert server.requests[0][1]["Host"] == f"news.test:{server.port}"
    assert b"Enerhodar" in page.body


def test_a_redirect_to_loopback_is_refused():
    routes = {"/go": None}
    with serve(routes) as server:
        routes["/go"] = Page(
            status=302, headers={"Location": f"http://localhost:{server.port}/secret"}
        )
        limits = FetchLimits(allowed_hosts=("127.0.0.1",))
        with pytest.raises(FetchRefused, match=r"localhost resolves to 127\.0\.0\.1, a loopback"):
            fetch_url(f"{server.base}/go", limits=limits)
    assert [path for path, _ in server.requests] == ["/go"]


def test_redirects_are_followed_up_to_the_limit():
    routes = {f"/r{i}": Page(status=301, headers={"Location": f"/r{i + 1}"}) for i in range(7)}
    routes["/r3"] = Page(b"<html><body><p>ok</p></body></html>")
    with serve(routes) as server:
        limits = FetchLimits(allowed_hosts=("127.0.0.1",), max_redirects=5)
        assert fetch_url(f"{server.base}/r0", limits=limits).url.endswith("/r3")
        with pytest.raises(FetchRefused, match="more than 2 redirects"):
            fetch_url(f"{server.base}/r0", limits=_limits(max_redirects=2))


def _limits(**kwargs):
    return FetchLimits(allowed_hosts=("127.0.0.1",), **kwargs)


def test_statuses_split_into_transient_and_refused():
    routes = {
        "/500": Page(b"oops", status=503),
        "/429": Page(b"slow down", status=429),
        "/404": Page(b"gone", status=404),
    }
    with serve(routes) as server:
        with pytest.raises(TransientFetchError, match="503"):
            fetch_url(f"{server.base}/500", limits=_limits())
        with pytest.raises(TransientFetchError, match="429"):
            fetch_url(f"{server.base}/429", limits=_limits())
        with pytest.raises(FetchRefused, match="answered 404"):
            fetch_url(f"{server.base}/404", limits=_limits())


def test_a_closed_port_is_transient():
    with serve({}) as server:
        port = server.port
    with pytest.raises(TransientFetchError, match="Could not reach"):
        fetch_url(f"http://127.0.0.1:{port}/", limits=_limits(connect_timeout=1))


def test_a_slow_server_times_out_as_transient():
    import time

    def slow(handler):
        time.sleep(2)
        return Page(b"<p>late</p>")

    with serve({"/slow": slow}) as server, pytest.raises(TransientFetchError):
        fetch_url(f"{server.base}/slow", limits=_limits(read_timeout=0.5))


def test_content_types_other_than_pages_and_feeds_are_refused():
    routes = {"/img": Page(b"\x89PNG....", content_type="image/png")}
    with serve(routes) as server, pytest.raises(FetchRefused, match="image/png, not a web page"):
        fetch_url(f"{server.base}/img", limits=_limits())


def test_oversized_pages_are_refused_whether_declared_or_streamed():
    big = b"<p>" + b"a" * 5000 + b"</p>"
    routes = {"/big": Page(big), "/bomb": None}
    routes["/bomb"] = Page(
        gzip.compress(b"<p>" + b"a" * 5_000_000), headers={"Content-Encoding": "gzip"}
    )
    with serve(routes) as server:
        with pytest.raises(FetchRefused, match="5,000 bytes"):
            fetch_url(f"{server.base}/big", limits=_limits(max_bytes=1000 * 5))
        with pytest.raises(FetchRefused, match="larger than 100,000 bytes"):
            fetch_url(f"{server.base}/bomb", limits=_limits(max_bytes=100_000))


def test_conditional_get_sends_validators_and_reports_not_modified():
    def conditional(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return Page(status=304, content_type="")
        return Page(b"<rss></rss>", content_type="application/rss+xml", headers={"ETag": '"v1"'})

    with serve({"/feed": conditional}) as server:
        first = fetch_url(f"{server.base}/feed", limits=_limits())
        again = fetch_url(f"{server.base}/feed", etag=first.etag, limits=_limits())
    assert (first.etag, first.not_modified) == ('"v1"', False)
    assert again.not_modified


def test_fetch_article_extracts_text_title_author_date_and_language(settings):
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    html = article_html("Battle for Enerhodar", [ENERHODAR, FLED])
    with serve({"/news/enerhodar?utm_source=x": Page(html)}) as server:
        article = fetch_article(f"{server.base}/news/enerhodar?utm_source=x")
    assert "Enerhodar" in article.text
    assert "Home" not in article.text, "navigation is not article text"
    assert article.title == "Battle for Enerhodar"
    assert article.author == "Jane Reporter"
    assert article.published_at.isoformat().startswith("2022-03-03")
    assert article.language == "en"


def test_fetch_article_detects_the_language_of_the_text_not_the_template(settings):
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    french = [
        "Les forces russes se battent pour le contrôle d'Energodar, une ville essentielle "
        "pour la production d'énergie, qui assure environ un quart de l'électricité du pays.",
        "Plus d'un million de personnes ont fui l'Ukraine depuis le début de l'invasion.",
    ]
    with serve({"/fr": Page(article_html("Energodar", french, lang="en"))}) as server:
        assert fetch_article(f"{server.base}/fr").language == "fr"


def test_fetch_article_refuses_a_feed_and_survives_deep_html(settings):
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    deep = b"<html><body>" + b"<div>" * 100_000 + b"<p>deep</p>" + b"</div>" * 100_000
    routes = {
        "/feed": Page(b"<rss/>", content_type="application/rss+xml"),
        "/deep": Page(deep),
    }
    from claims.ingest.html import HtmlExtractionError

    with serve(routes) as server:
        with pytest.raises(FetchRefused, match="import it as a feed"):
            fetch_article(f"{server.base}/feed")
        with pytest.raises(HtmlExtractionError):
            fetch_article(f"{server.base}/deep")


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("8.8.8.8", False),
        ("2606:4700:4700::1111", False),
        ("::ffff:8.8.8.8", False),
        ("::ffff:10.0.0.1", True),
        ("2002:0a00:0001::", True),
        ("64:ff9b::808:808", False),
        ("64:ff9b:1::1", True),
        ("100.127.255.255", True),
        ("198.18.0.1", True),
        ("0.0.0.0", True),
        ("::", True),
    ],
)
def test_address_classification(address, refused):
    assert (address_refusal(ipaddress.ip_address(address)) is not None) is refused


def test_an_allowed_host_with_a_port_allows_only_that_port():
    with serve({"/a": Page(b"<p>ok</p>")}) as server:
        limits = FetchLimits(allowed_hosts=(f"127.0.0.1:{server.port}", "[::1]:9"))
        assert fetch_url(f"{server.base}/a", limits=limits).body == b"<p>ok</p>"
        with pytest.raises(FetchRefused, match="loopback"):
            fetch_url(f"http://127.0.0.1:{server.port + 1}/a", limits=limits)
        with pytest.raises(FetchRefused, match="loopback"):
            fetch_url("http://[::1]:10/", limits=limits)
