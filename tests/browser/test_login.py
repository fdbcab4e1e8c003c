import pytest

# serialized_rollback like every browser test: a plain flush before one that restores the
# migrations' data would leave content types behind and break its restore.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_login_page_renders_and_logs_in(page, live_server, artifacts, moderator):
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/login/")
    assert page.get_by_role("heading", name="Log in").is_visible()
    page.screenshot(path=str(artifacts / "login.png"), full_page=True)

    page.get_by_label("Username").fill("moritz")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading", name="Dashboard").is_visible()
    assert page.console_errors == []


def test_wrong_password_shows_an_error(page, live_server, moderator):
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Username").fill("moritz")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    # is_visible() does not wait: right after the click it may still see the page before the POST.
    page.get_by_role("alert").wait_for()
    assert page.get_by_role("alert").is_visible()
    assert page.console_errors == []
