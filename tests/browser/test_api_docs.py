"""/api/docs/ renders Swagger UI from vendored assets under our CSP, with no console error."""

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_api_docs_render_under_the_csp_without_errors(page, live_server, artifacts):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
    assert page.get_by_text("Claim Workbench API").first.is_visible()
    assert page.locator(".opblock-summary-path", has_text="/api/v1/fact-checks/").count() >= 1
    # Opening an operation renders its parameters and response schemas (more inline SVG).
    page.locator(".opblock-summary-path", has_text="/api/v1/fact-checks/").first.click()
    page.wait_for_selector(".opblock.is-open .parameters-container", timeout=10_000)
    page.screenshot(path=str(artifacts / "api-docs.png"), full_page=False)
    # Everything came from our own server: vendored assets, no CDN.
    assert all(url.startswith((live_server.url, "data:")) for url in requested), requested
    assert page.console_errors == [], page.console_errors
