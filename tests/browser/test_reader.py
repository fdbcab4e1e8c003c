"""The reader in Chromium, at 1400 px and on a 390 px phone: selecting inside highlights, adding
a claim with nothing selected, colours that follow a triage, the claim panel beside a tapped
highlight, and the line between proposals worth checking and the rest."""

from __future__ import annotations

import pytest

from claims.models import Claim, ClaimStatus
from tests.browser import test_workbench_journey as journey
from tests.browser.test_workbench_journey import CSP_HOOK, PASSWORD, _clean

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# The journey's fixtures: the seed article imported as a user would, and one user per role.
seed_article = journey.seed_article
team = journey.team

WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}


def _reader(browser, live_server, article, viewport, *, mobile=False):
    context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(str(exc)))
    page.add_init_script(CSP_HOOK)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    return page


def _longest_mark(page):
    index = page.evaluate(
        "() => { const m = [...document.querySelectorAll('#article-text mark[data-claim]')];"
        " let best = 0; m.forEach((el, i) => { if (el.textContent.length >"
        " m[best].textContent.length) best = i; }); return best; }"
    )
    return page.locator("#article-text mark[data-claim]").nth(index)


def test_a_mouse_drag_inside_a_highlight_selects_its_text_and_fills_the_form(
    browser, live_server, seed_article, team
):
    page = _reader(browser, live_server, seed_article, WIDE)
    mark = _longest_mark(page)
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    # From the first line's start to its middle: both ends inside the one highlight.
    y = box["y"] + 8
    page.mouse.move(box["x"] + 4, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2, y, steps=6)
    page.mouse.up()
    selected = page.evaluate("window.getSelection().toString()")
    assert len(selected) > 5
    page.wait_for_function(
        "n => document.querySelector('#add-claim [name=end]').value - "
        "document.querySelector('#add-claim [name=start]').value === n",
        arg=len(selected),
    )
    start = int(page.input_value("#add-claim [name=start]"))
    assert seed_article.text[start : start + len(selected)] == selected
    # The drag opened no claim: the panel still invites a click.
    assert page.locator("#claim-panel .claim-panel").count() == 0
    # A plain click (nothing selected) opens the claim beside the text, without a page load.
    page.evaluate("window.getSelection().removeAllRanges()")
    claim_id = mark.get_attribute("data-claim")
    mark.click()
    page.locator(f'#claim-panel .claim-panel[data-claim="{claim_id}"]').wait_for()
    assert page.url.endswith(f"/articles/{seed_article.pk}/")
    # From the keyboard: the highlight takes the focus and Enter opens it.
    other = page.locator("#article-text mark[tabindex='0']").nth(1)
    other.focus()
    page.keyboard.press("Enter")
    page.locator(
        f'#claim-panel .claim-panel[data-claim="{other.get_attribute("data-claim")}"]'
    ).wait_for()
    _clean(page)


def test_add_claim_with_nothing_selected_says_so(browser, live_server, seed_article, team):
    page = _reader(browser, live_server, seed_article, WIDE)
    claims = Claim.objects.count()
    page.get_by_role("button", name="Add claim").click()
    alert = page.locator("#no-selection")
    alert.wait_for()
    assert "Nothing is selected" in alert.text_content()
    assert page.url.endswith(f"/articles/{seed_article.pk}/")
    assert Claim.objects.count() == claims
    _clean(page)


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1400px", "390px"])
def test_highlights_take_their_new_colour_after_a_triage_without_a_reload(
    browser, live_server, seed_article, team, viewport
):
    page = _reader(browser, live_server, seed_article, viewport, mobile=viewport is PHONE)
    row = page.locator("#suggestions li[data-claim]").first
    claim_id = row.get_attribute("data-claim")
    pieces = page.locator(f'#article-text mark[data-claim="{claim_id}"]')
    assert "st-new" in pieces.first.get_attribute("class")
    page.evaluate("window.__loads = (window.__loads || 0) + 1")
    row.get_by_role("button", name="Accept").click()
    page.locator(f'li[data-claim="{claim_id}"].done').wait_for()
    page.wait_for_function(
        "id => [...document.querySelectorAll(`#article-text mark[data-claim='${id}']`)]"
        ".every(m => m.classList.contains('st-queued'))",
        arg=claim_id,
    )
    assert page.evaluate("window.__loads") == 1  # the same page: no reload
    assert Claim.objects.get(pk=claim_id).status == ClaimStatus.QUEUED
    # Selecting still works in the swapped text.
    page.evaluate(
        "() => { const m = document.querySelector('#article-text mark'); const r ="
        " document.createRange(); r.selectNodeContents(m); const s = window.getSelection();"
        " s.removeAllRanges(); s.addRange(r); }"
    )
    page.wait_for_function("document.querySelector('#add-claim [name=start]').value !== ''")
    _clean(page)


def test_on_a_phone_a_tapped_highlight_shows_its_claim_beside_it(
    browser, live_server, seed_article, team
):
    page = _reader(browser, live_server, seed_article, PHONE, mobile=True)
    mark = page.locator("#article-text mark[data-claim]").last
    mark.scroll_into_view_if_needed()
    mark.tap()
    panel = page.locator("#claim-panel")
    page.locator(f'#claim-panel .claim-panel[data-claim="{mark.get_attribute("data-claim")}"]')\
        .wait_for()  # fmt: skip
    page.wait_for_timeout(100)  # the scroll that follows the swap
    height = PHONE["height"]
    panel_box, mark_box = panel.bounding_box(), mark.bounding_box()
    # The panel is on the screen, and so is the highlight, above it.
    assert 0 <= panel_box["y"] < height
    assert panel_box["y"] + panel_box["height"] <= height + 1
    assert mark_box["y"] >= 0
    assert mark_box["y"] + mark_box["height"] <= panel_box["y"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator("#claim-panel").get_by_role("button", name="Close").tap()
    page.wait_for_function("!document.getElementById('claim-panel').classList.contains('sheet')")
    _clean(page)


def test_proposals_below_the_line_are_one_click_away(browser, live_server, seed_article, team):
    scores = sorted(c.score for c in seed_article.claims.filter(status=ClaimStatus.NEW))
    outlet = seed_article.outlet
    outlet.proposal_line = scores[len(scores) // 2]
    outlet.save()
    page = _reader(browser, live_server, seed_article, WIDE)
    above = page.locator("#suggestions li[data-claim]")
    below = page.locator("#more-suggestions li[data-claim]")
    assert above.count() + below.count() == len(scores)
    assert below.count() > 0
    shown = [float(s.split()[-1]) for s in above.locator(".score").all_text_contents()]
    assert shown == sorted(shown, reverse=True)
    assert min(shown) >= round(outlet.proposal_line, 2)
    assert not below.first.is_visible()
    page.locator("#more-suggestions summary").click()
    assert below.first.is_visible()
    _clean(page)
