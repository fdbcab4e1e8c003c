"""The browsable API and the admin in Chromium under the served Content-Security-Policy: the
browser reports no violation (inline styles are allowed by hash, see workbench/settings.py)."""

import pytest

from tests.api.helpers import make_factcheck

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
});
"""


def test_api_and_admin_pages_cause_no_csp_violation(page, live_server, admin_user):
    claim = make_factcheck()
    page.add_init_script(RECORD_VIOLATIONS)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill(admin_user.username)
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    violations = []
    for path in (
        "/admin/",
        "/admin/claims/claim/",
        f"/admin/claims/claim/{claim.id}/change/",
        f"/admin/claims/claim/{claim.id}/history/",
        "/admin/claims/outlet/add/",
        "/admin/claims/newsroomapikey/add/",
        "/api/v1/",
        "/api/v1/claims/",
        f"/api/v1/claims/{claim.id}/",
        "/api/v1/imports/",
        "/api/v1/webhook-deliveries/",
    ):
        page.goto(f"{live_server.url}{path}", wait_until="load")
        page.wait_for_timeout(100)  # violations are reported as events after the load
        violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
    csp_errors = [e for e in page.console_errors if "Content Security Policy" in e]
    assert violations == [], violations
    assert csp_errors == [], csp_errors
