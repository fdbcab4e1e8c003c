"""Feeds: parsing fetched bytes safely, expanding a feed item into entries, polling by beat."""

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.ingest.feeds import FeedRefused, parse_feed
from claims.models import Article, Feed, ImportItem, ItemKind, ItemStatus
from claims.services.feeds import feed_poll_start, feeds_due
from claims.services.import_items import import_item_process
from claims.services.import_jobs import import_job_create
from claims.tasks import poll_feeds_task
from tests.pages import Page, article_html, serve

ENERHODAR = (
    "Russian forces are battling for control of Enerhodar, a crucial energy-producing city on "
    "the Dnieper River that accounts for about one-quarter of the country's power generation."
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>&lol9;</title><link>https://news.example.org/a</link></item></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&xxe;</title></channel></rss>"""


def rss(items: list[tuple[str, str, str]], *, title="Example News") -> bytes:
    """(title, link, content) per entry."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>Thu, 03 Mar 2022 10:00:00 GMT</pubDate>"
        + (f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else "")
        + "</item>"
        for t, link, content in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>{title}</title><link>https://news.example.org/</link>{entries}"
        "</channel></rss>"
    ).encode()


def test_teaser_entries_become_urls_and_full_entries_become_records():
    full = "<p>" + (ENERHODAR + " ") * 20 + "</p>"
    parsed = parse_feed(
        rss(
            [
                ("Teaser", "https://news.example.org/a", ""),
                ("Full", "https://news.example.org/b", full),
            ]
        ),
        url="https://news.example.org/feed",
    )
    assert parsed.title == "Example News"
    assert parsed.urls == ["https://news.example.org/a"]
    [record] = parsed.records
    assert record["url"] == "https://news.example.org/b"
    assert record["published"] == "2022-03-03T10:00:00+00:00"
    assert "Enerhodar" in record["html"]


def test_atom_feeds_are_read():
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
<entry><title>One</title><link href="https://news.example.org/one"/><id>1</id>
<updated>2022-03-03T10:00:00Z</updated></entry></feed>"""
    parsed = parse_feed(atom, url="https://news.example.org/atom")
    assert parsed.urls == ["https://news.example.org/one"]


def test_entries_that_are_not_web_links_are_ignored():
    parsed = parse_feed(
        rss([("x", "file:///etc/passwd", ""), ("y", "javascript:alert(1)", "")]), url="u"
    )
    assert parsed.urls == []


@pytest.mark.parametrize("body", [BILLION_LAUGHS, XXE, BILLION_LAUGHS.decode().encode("utf-16")])
def test_feeds_declaring_entities_are_refused_before_parsing(body, monkeypatch):
    monkeypatch.setattr("feedparser.parse", lambda *a, **k: pytest.fail("parsed a hostile feed"))
    with pytest.raises(FeedRefused, match="declares XML entities"):
        parse_feed(body, url="https://evil.example.org/feed")


def test_a_page_that_is_not_a_feed_is_refused():
    with pytest.raises(FeedRefused, match="not an RSS or Atom feed"):
        parse_feed(b"just some words", url="https://news.example.org/")


@pytest.fixture
def news_site(settings):
    """A feed with two teaser entries and one full-content entry, plus the linked pages."""
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    routes: dict = {}
    with serve(routes) as server:
        full = "<p>" + "The UN said more than 2 million people fled in March. " * 30 + "</p>"
        routes["/feed"] = Page(
            rss(
                [
                    ("A", f"{server.base}/a", ""),
                    ("B", f"{server.base}/b", ""),
                    ("C", f"{server.base}/c", full),
                ]
            ),
            content_type="application/rss+xml",
            headers={"ETag": '"feed-v1"'},
        )
        routes["/a"] = Page(article_html("A", [ENERHODAR]))
        routes["/b"] = Page(article_html("B", ["More than 1 million people have fled Ukraine."]))
        yield server


def _run_all(job):
    """Process items until none is queued (a feed item adds more as it runs)."""
    while queued := list(job.items.filter(status=ItemStatus.QUEUED).values_list("id", flat=True)):
        for item_id in queued:
            import_item_process(item_id=item_id)
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_a_feed_item_adds_its_entries_to_the_job(news_site, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source="feed", feeds=[f"{news_site.base}/feed"])
    assert job.total == 1
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        import_item_process(item_id=job.items.get().id)
    assert len(callbacks) == 1, "the new items are enqueued after commit"
    job.refresh_from_db()
    assert (job.total, job.done) == (4, 1)
    assert not job.is_finished
    feed_item = job.items.get(kind=ItemKind.FEED)
    assert feed_item.message == "The feed lists 3 entries: 3 new, 0 already imported."
    job = _run_all(job)
    assert (job.total, job.done, job.failed) == (4, 4, 0)
    assert job.finished_at is not None
    assert Article.objects.count() == 3


@pytest.mark.django_db
def test_polling_a_feed_uses_conditional_get_and_skips_known_entries(news_site):
    feed = Feed.objects.create(url=f"{news_site.base}/feed", poll_interval_minutes=30)
    assert feeds_due() == [feed.id]
    job = _run_all(feed_poll_start(feed_id=feed.id))
    assert (job.total, job.done) == (4, 4)
    feed.refresh_from_db()
    assert (feed.etag, feed.title, feed.last_error) == ('"feed-v1"', "Example News", "")
    assert feeds_due() == [], "polled just now"
    assert feed_poll_start(feed_id=feed.id) is None, "not due: no second job"

    # Next poll: the server still has v1, answers 304 to our If-None-Match.
    news_site.routes["/feed"] = lambda h: (
        Page(status=304, content_type="")
        if h.headers.get("If-None-Match") == '"feed-v1"'
        else pytest.fail("no conditional GET")
    )
    Feed.objects.filter(id=feed.id).update(last_polled_at=timezone.now() - timedelta(hours=1))
    job = _run_all(feed_poll_start(feed_id=feed.id))
    assert job.items.get().message == "The feed has not changed since last time."
    assert (job.total, job.done) == (1, 1)


@pytest.mark.django_db
def test_entries_already_imported_are_not_queued_again(news_site):
    url = f"{news_site.base}/feed"
    _run_all(import_job_create(source="feed", feeds=[url]))
    job = _run_all(import_job_create(source="feed", feeds=[url]))
    assert job.total == 1
    assert job.items.get().message == "The feed lists 3 entries: 0 new, 3 already imported."


@pytest.mark.django_db
def test_a_broken_feed_fails_its_item_and_records_the_error_on_the_feed(settings):
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    with serve({"/feed": Page(BILLION_LAUGHS, content_type="application/rss+xml")}) as server:
        feed = Feed.objects.create(url=f"{server.base}/feed")
        job = _run_all(feed_poll_start(feed_id=feed.id))
    item = job.items.get()
    assert item.status == ItemStatus.FAILED
    assert "declares XML entities" in item.message
    feed.refresh_from_db()
    assert "declares XML entities" in feed.last_error
    assert job.finished_at is not None


@pytest.mark.django_db
def test_the_beat_task_starts_one_poll_per_due_feed(django_capture_on_commit_callbacks):
    due = Feed.objects.create(url="https://news.example.org/due.xml")
    Feed.objects.create(url="https://news.example.org/off.xml", active=False)
    Feed.objects.create(url="https://news.example.org/recent.xml", last_polled_at=timezone.now())
    sent = []
    from claims import tasks

    original = tasks.poll_feed_task.delay
    tasks.poll_feed_task.delay = sent.append
    try:
        assert poll_feeds_task() == 1
    finally:
        tasks.poll_feed_task.delay = original
    assert sent == [due.id]
    assert ImportItem.objects.count() == 0, "the poll itself happens in its own task"
