"""The lead's cockpit in Chromium, at 1400 px and on a 390 px phone: the queue's text search and
the dashboard's counts that open the filtered queue, its ageing and overdue lists."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from claims.models import Claim, ClaimStatus
from tests.browser.test_workbench_journey import CSP_HOOK, PASSWORD, _clean
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = {"1400px": {"width": 1400, "height": 900}, "390px": {"width": 390, "height": 844}}


def _signed_in(browser, live_server, username: str, viewport: str):
    context = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=viewport == "390px")
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(CSP_HOOK)
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_lead_searches_the_queue_and_opens_counts_from_the_dashboard(
    browser, live_server, viewport
):
    UserFactory(username="edith", roles=["editor"])
    ClaimFactory(
        status=ClaimStatus.QUEUED,
        text="Enerhodar accounts for a quarter of the power",
        article=ArticleFactory(outlet=OutletFactory(name="VOA", slug="voa")),
    )
    ClaimFactory(status=ClaimStatus.QUEUED, text="Grain exports fell by 40 percent")
    late = ClaimFactory(status=ClaimStatus.IN_REVIEW, text="Ten ships left Odesa")
    Claim.objects.filter(pk=late.pk).update(status_changed_at=timezone.now() - timedelta(days=5))
    page = _signed_in(browser, live_server, "edith", viewport)

    # The dashboard: the overdue claim is listed, and a count opens its queue.
    overdue = page.locator("section[aria-labelledby=overdue-h]")
    assert "Ten ships left Odesa" in overdue.text_content()
    page.locator('td[data-status="queued"] a').click()
    page.wait_for_url("**/queue/?view=all&status=queued")
    rows = page.locator("table.queue tbody tr")
    assert rows.count() == 2

    # The search box of the queue: by the claim's words and by the outlet.
    page.get_by_label("Search").fill("Enerhodar")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**q=Enerhodar**")
    assert rows.count() == 1
    assert "Enerhodar accounts" in rows.first.text_content()
    page.goto(f"{live_server.url}/queue/?view=all&q=voa")
    assert rows.count() == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    _clean(page)


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_an_assigned_moderator_sees_the_badge_and_the_list(browser, live_server, viewport):
    from tests.review_helpers import act

    annotator = UserFactory(username="anna", roles=["annotator"])
    moderator = UserFactory(username="moritz", roles=["moderator"])
    editor = UserFactory(username="edith", roles=["editor"])
    claim = ClaimFactory(text="Ten ships left Odesa on Monday")
    act(claim, annotator, "queue")
    act(claim, editor, "assign", assignee=moderator)
    page = _signed_in(browser, live_server, "moritz", viewport)
    badge = page.locator(".notifications-link .count-badge")
    assert badge.text_content() == "1"
    page.locator(".notifications-link").click()
    page.wait_for_url("**/notifications/")
    item = page.locator("li.notification.unread")
    assert "edith assigned a claim to you: Ten ships left Odesa" in item.text_content()
    item.get_by_role("link").click()
    page.wait_for_url(f"**/claims/{claim.pk}/")
    assert page.locator(".notifications-link .count-badge").count() == 0
    # The e-mail choice is one page away.
    page.goto(f"{live_server.url}/notifications/settings/")
    page.get_by_label("Also send me each notification by e-mail").uncheck()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Saved.").wait_for()
    assert not page.get_by_label("Also send me each notification by e-mail").is_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    _clean(page)
