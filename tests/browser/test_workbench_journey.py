"""The fact-checker's journey in the browser, on the seed article: an annotator marks a claim,
a moderator researches it (fixing a source and attaching archive copies), an editor publishes
it, the public page shows the verdict, and a correction goes live only when a second editor
approves it.

Every page visited must log no console error and no CSP violation. Screenshots of the reader,
the claim page and the dashboard go to test-artifacts/ (and to docs/screenshots/ with
UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from claims.models import Article, Claim, ClaimStatus, Evidence, ImportSource
from claims.services import import_items, import_jobs
from claims.services.evidence import evidence_snapshot_fail
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: the default rating scale from the data migration survives the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SEED = "seed/ukraine-safe-corridors-2022-03-03.txt"
PASSWORD = "correct horse battery staple"
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SELECTION = "more than 1 million people fleeing over Ukraine"
SAVED_PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"

# Playwright injects this before any page script; it bypasses the CSP, which is what lets it
# record the violations the CSP reports.
CSP_HOOK = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
"""

# Select a passage the way a reader does, across however many highlight pieces it spans.
SELECT_TEXT = """
(phrase) => {
  const root = document.getElementById("article-text");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) {
    nodes.push([walker.currentNode, text.length]);
    text += walker.currentNode.data;
  }
  const start = text.indexOf(phrase), end = start + phrase.length;
  if (start < 0) throw new Error("phrase not in the article");
  const at = (pos) => {
    for (const [node, offset] of nodes) {
      if (pos <= offset + node.data.length) return [node, pos - offset];
    }
  };
  const range = document.createRange();
  range.setStart(...at(start));
  range.setEnd(...at(end));
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return start;
}
"""


@pytest.fixture
def seed_article(shared_data, monkeypatch) -> Article:
    """The seed article, imported through the import service as a user would import it."""
    monkeypatch.setattr(import_jobs, "import_items_send", lambda item_ids, **kwargs: None)
    text = (shared_data / SEED).read_text(encoding="utf-8")
    job = import_jobs.import_job_create(
        source=ImportSource.API,
        label="Seed",
        records=[
            {
                "text": text,
                "title": "Ukraine, Russia Agree to Create Safe Corridor",
                "url": "https://www.voanews.com/a/ukraine-russia-safe-corridor/6469213.html",
                "published": "2022-03-03T12:00:00+00:00",
                "outlet": "VOA",
                "language": "en",
            }
        ],
    )
    for item_id in job.items.values_list("id", flat=True):
        import_items.import_item_process(item_id=item_id)
    return Article.objects.get()


@pytest.fixture
def no_snapshot_fetches(monkeypatch):
    # Evidence snapshots are fetched by a worker; the test has none and the network is closed.
    from claims import tasks

    monkeypatch.setattr(tasks.snapshot_evidence_task, "delay", lambda *args, **kwargs: None)


@pytest.fixture
def team(db):
    return {
        "annotator": UserFactory(username="anna", roles=["annotator"]),
        "moderator": UserFactory(username="moritz", roles=["moderator"]),
        "editor": UserFactory(username="edith", roles=["editor"]),
        "other_editor": UserFactory(username="emil", roles=["editor"]),
    }


def _clean(page) -> None:
    """No console error and no CSP violation on the page so far."""
    violations = page.evaluate("window.__csp || []")
    assert violations == [], violations
    assert page.console_errors == [], page.console_errors


def _log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/")
    _clean(page)


def _log_out(page) -> None:
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r".*/login/"))


def _screenshot(page, artifacts: Path, name: str, **kwargs) -> None:
    path = artifacts / name
    page.screenshot(path=str(path), **kwargs)
    # The README's pictures are refreshed on request only, so a test run leaves the working
    # tree as it was: UPDATE_SCREENSHOTS=1 make test
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, DOCS_SCREENSHOTS / name)


def test_from_a_selection_in_the_seed_article_to_a_published_and_corrected_fact_check(
    page, live_server, artifacts, seed_article, team, no_snapshot_fetches, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path  # the archived PDF
    base = live_server.url
    page.add_init_script(CSP_HOOK)
    machine_claims = seed_article.claims.count()
    assert machine_claims > 0

    # --- the annotator: open the seed article, select a passage, add it, queue it ------------
    _log_in(page, base, "anna")
    page.get_by_role("link", name="Articles", exact=True).click()
    page.get_by_role("link", name="Ukraine, Russia Agree to Create Safe Corridor").click()
    page.wait_for_url(re.compile(r".*/articles/\d+/$"))
    assert page.locator("#article-text mark").count() >= machine_claims

    # Clicking a highlight opens its claim beside the text (an htmx swap, no page load).
    first = page.locator("#article-text mark[data-claim]").first
    first.click()
    page.locator("#claim-panel .claim-panel").wait_for()
    assert page.url.endswith(f"/articles/{seed_article.pk}/")

    start = page.evaluate(SELECT_TEXT, SELECTION)
    assert start == seed_article.text.index(SELECTION)
    page.locator("#selection-preview").filter(has_text=SELECTION).wait_for()
    page.get_by_label("Claim as a short statement (optional)").fill(
        "More than 1 million people fled Ukraine"
    )
    page.get_by_role("button", name="Add claim").click()
    page.wait_for_url(re.compile(r".*\?claim=\d+$"))
    claim = Claim.objects.get(origin="manual")
    assert (claim.start, claim.end) == (start, start + len(SELECTION))
    assert claim.quote == SELECTION
    page.get_by_text("Claim added.").wait_for()
    page.locator("#claim-panel").get_by_role("button", name="Send to the research queue").click()
    page.get_by_text("The claim is now queued.").wait_for()
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.QUEUED

    # Keyboard triage: j moves to the first suggestion, d dismisses it in place.
    page.locator("body").press("j")
    focused = page.evaluate("document.activeElement.getAttribute('data-claim')")
    assert focused is not None
    page.keyboard.press("d")
    page.locator(f'li[data-claim="{focused}"].done').wait_for()
    assert Claim.objects.get(pk=focused).status == ClaimStatus.DISMISSED
    # The keyboard stays on the list: the next suggestion has the focus; a accepts it.
    # (Focus moves when htmx settles, a moment after the row is marked done.)
    page.wait_for_function(
        "f => { const c = document.activeElement && document.activeElement.getAttribute("
        "'data-claim'); return c && c !== f; }",
        arg=focused,
    )
    following = page.evaluate("document.activeElement.getAttribute('data-claim')")
    assert following not in (None, focused)
    page.keyboard.press("a")
    page.locator(f'li[data-claim="{following}"].done').wait_for()
    assert Claim.objects.get(pk=following).status == ClaimStatus.QUEUED
    page.goto(f"{base}/articles/{seed_article.pk}/?claim={claim.pk}")
    page.locator("mark.hl-selected").first.scroll_into_view_if_needed()
    _screenshot(page, artifacts, "reader.png", full_page=False)
    _clean(page)
    _log_out(page)

    # --- the moderator: take it, add two sources, propose True, submit ---------------------
    _log_in(page, base, "moritz")
    page.get_by_role("link", name="Queues", exact=True).click()
    page.get_by_role("link", name="More than 1 million people fled Ukraine", exact=True).click()
    page.get_by_role("button", name="Take and start research").click()
    page.get_by_text("The claim is now in research.").wait_for()
    add_source = page.locator(".evidence-form")
    for url, title in [
        ("https://www.unhcr.org/news/ukraine-refugees", "UNHCR: 1 million refugee"),
        ("https://www.iom.int/news/ukraine-displacement", "IOM displacement report"),
    ]:
        add_source.get_by_label("Source address").fill(url)
        add_source.get_by_label("Title").fill(title)
        add_source.get_by_label("Stance").select_option("supports")
        add_source.get_by_role("button", name="Add source").click()
        page.get_by_role("link", name=title).wait_for()
    # No worker stores snapshots here, so no source counts yet for publishing.
    page.get_by_text("0 independent sources").wait_for()

    # A snapshot that failed can be retried from the page (the worker's verdict, given here).
    evidence_snapshot_fail(
        evidence_id=Evidence.objects.get(domain="iom.int").pk, message="Timed out"
    )
    page.reload()
    sources = page.locator("ol.evidence > li")
    sources.nth(1).locator("summary", has_text="Fix this source").click()
    sources.nth(1).get_by_role("button", name="Retry the snapshot").click()
    page.get_by_text("Snapshot queued again.").wait_for()
    assert Evidence.objects.get(domain="iom.int").snapshot_status == "pending"

    # Evidence can be fixed: a typo in a title, and archive copies instead of snapshots (a
    # saved PDF for one source, a Wayback Machine address for the other).
    unhcr = sources.nth(0)
    unhcr.locator("summary", has_text="Fix this source").click()
    unhcr.get_by_label("Title").fill("UNHCR: 1 million refugees")
    unhcr.get_by_role("button", name="Save source").click()
    page.get_by_text("Source corrected").wait_for()
    page.get_by_role("link", name="UNHCR: 1 million refugees", exact=True).wait_for()
    unhcr.locator("summary", has_text="Fix this source").click()
    unhcr.get_by_label("Saved copy (PDF, image or HTML)").set_input_files(
        files=[{"name": "unhcr.pdf", "mimeType": "application/pdf", "buffer": SAVED_PDF}]
    )
    unhcr.get_by_role("button", name="Attach archive copy").click()
    page.get_by_text("Archive copy attached.").wait_for()
    iom = sources.nth(1)
    iom.locator("summary", has_text="Fix this source").click()
    iom.get_by_label("or its address in a web archive").fill(
        "https://web.archive.org/web/20220303000000/https://www.iom.int/news/ukraine-displacement"
    )
    iom.get_by_role("button", name="Attach archive copy").click()
    page.get_by_text("Archive copy attached.").wait_for()
    assert sources.nth(0).get_by_role("link", name="saved file").get_attribute("href")
    page.get_by_text("2 independent sources").wait_for()
    # Sources and comments are swapped in place by htmx; the page does not reload.
    page.evaluate("window.__notReloaded = true")
    page.get_by_label("Comment (Markdown)").fill("Both sources count **border crossings**.")
    page.get_by_role("button", name="Comment", exact=True).click()
    page.locator("#comment strong", has_text="border crossings").wait_for()
    assert page.evaluate("window.__notReloaded") is True
    page.get_by_label("Rating").select_option(label="True")
    reviewed = "More than 1 million people fled Ukraine in a week"
    page.get_by_label("Claim reviewed").fill(reviewed)
    assert page.locator(".counter").inner_text() == f"{len(reviewed)} / 75 characters"
    page.get_by_label("Summary").fill("UNHCR counted over one million refugees by 3 March 2022.")
    page.get_by_role("button", name="Save verdict draft").click()
    page.get_by_text("Verdict draft saved.").wait_for()
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("The claim is now in review.").wait_for()
    _screenshot(page, artifacts, "claim.png", full_page=True)
    _clean(page)
    _log_out(page)

    # --- the editor: approve and publish -----------------------------------------------------
    _log_in(page, base, "edith")
    review = page.locator("section", has=page.get_by_role("heading", name="Waiting for my review"))
    review.get_by_role(
        "link", name="More than 1 million people fled Ukraine", exact=True
    ).wait_for()
    _screenshot(page, artifacts, "dashboard.png", full_page=True)
    review.get_by_role("link", name="More than 1 million people fled Ukraine", exact=True).click()
    page.get_by_role("button", name="Approve").click()
    page.get_by_text("The claim is now approved.").wait_for()
    page.get_by_role("button", name="Publish").click()
    page.get_by_text("The claim is now published.").wait_for()
    _clean(page)
    claim_url = page.url
    page.get_by_role("link", name="public page").click()
    public_url = page.url
    _clean(page)

    # --- anyone: the public page shows the verdict -------------------------------------------
    visitor = page.context.browser.new_context()
    public = visitor.new_page()
    public_errors = []
    public.on("console", lambda m: public_errors.append(m.text) if m.type == "error" else None)
    public.add_init_script(CSP_HOOK)
    public.goto(public_url)
    assert public.locator(".verdict-rating").inner_text() == "Our rating: True"
    _screenshot(public, artifacts, "public.png", full_page=True)
    assert public.evaluate("window.__csp") == []

    # --- a correction: proposed by one editor, public only once another approves ------------
    page.goto(claim_url)
    correct = page.locator(".action-correct")
    correct.get_by_label("Rating").select_option(label="Mostly true")
    correct.get_by_label("Public correction note").fill("UNHCR revised its count on 4 March.")
    correct.get_by_role("button", name="Propose a correction").click()
    page.get_by_text("Correction waiting for review").wait_for()
    assert page.get_by_role("button", name="Approve the correction").count() == 0
    public.reload()
    assert public.locator(".verdict-rating").inner_text() == "Our rating: True"
    _clean(page)
    _log_out(page)
    _log_in(page, base, "emil")
    review = page.locator("section", has=page.get_by_role("heading", name="Waiting for my review"))
    review.get_by_role("link", name="More than 1 million people fled Ukraine", exact=True).click()
    page.get_by_role("button", name="Approve the correction").click()
    page.get_by_text("Approve the correction: done.").wait_for()
    _clean(page)
    public.reload()
    assert public.locator(".verdict-rating").inner_text() == "Our rating: Mostly true"
    public.get_by_text("UNHCR revised its count on 4 March.").wait_for()
    assert public.evaluate("window.__csp") == []
    assert public_errors == []
    visitor.close()


def test_the_reader_fits_a_phone(browser, live_server, artifacts, seed_article, team):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(CSP_HOOK)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    claim = seed_article.claims.first()
    pages = ("/", f"/articles/{seed_article.pk}/", "/queue/", "/articles/", f"/claims/{claim.pk}/")
    for path in pages:
        page.goto(f"{live_server.url}{path}")
        # Nothing wider than the screen: no sideways scrolling of the page.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.goto(f"{live_server.url}/articles/{seed_article.pk}/")
    _screenshot(page, artifacts, "reader-phone.png", full_page=False)
    assert page.evaluate("window.__csp") == []
    assert errors == []
    context.close()


ELEMENT_RANGE = """
([first, last]) => {
  // A selection whose ends are elements, not text: from before piece `first` to after `last`.
  const root = document.getElementById("article-text");
  const range = document.createRange();
  range.setStart(root, first);
  range.setEnd(root, last + 1);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  return [root.children[first].dataset.offset, root.children[last].dataset.offset];
}
"""


def test_selections_become_offsets_into_the_article_text(page, live_server, seed_article, team):
    page.add_init_script(CSP_HOOK)
    _log_in(page, live_server.url, "anna")
    page.goto(f"{live_server.url}/articles/{seed_article.pk}/")
    text = seed_article.text
    dom_text = page.evaluate("document.getElementById('article-text').textContent")
    assert dom_text == text
    # Phrases inside one piece, across highlight boundaries, and across paragraphs.
    for phrase in [
        "Podolyak said",
        text[text.index("be delivered.") : text.index("Ukrainian Defence") + 16],
        "Enerhodar",
        text[text.index("Russian forces") - 30 : text.index("Russian forces") + 60],
    ]:
        start = text.index(phrase)
        assert page.evaluate(SELECT_TEXT, phrase) == start, phrase
        page.wait_for_function(
            "s => document.querySelector('#add-claim [name=start]').value === String(s)", arg=start
        )
        assert page.input_value("#add-claim [name=end]") == str(start + len(phrase))
    # A selection made with the mouse: whatever it covers, the offsets give back its text.
    # A piece long enough to drag across: which pieces there are depends on the claims found.
    piece = page.evaluate(
        "() => [...document.getElementById('article-text').children]"
        ".findIndex(el => el.textContent.trim().length > 40)"
    )
    assert piece >= 0
    box = page.locator("#article-text > *").nth(piece).bounding_box()
    page.mouse.move(box["x"] + 5, box["y"] + 5)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 5, box["y"] + box["height"] - 5, steps=5)
    page.mouse.up()
    selected = page.evaluate("window.getSelection().toString()")
    assert len(selected) > 5
    page.wait_for_function(
        "n => document.querySelector('#add-claim [name=end]').value - "
        "document.querySelector('#add-claim [name=start]').value === n",
        arg=len(selected),
    )
    start = int(page.input_value("#add-claim [name=start]"))
    assert text[start : start + len(selected)] == selected
    first, last = page.evaluate(ELEMENT_RANGE, [2, 5])
    page.wait_for_function(
        "s => document.querySelector('#add-claim [name=start]').value === s", arg=first
    )
    pieces = page.locator("#article-text > *")
    assert int(page.input_value("#add-claim [name=end]")) == int(last) + len(
        pieces.nth(5).text_content()
    )
    _clean(page)
