"""Every workbench page: login required, no role -> 403, each role gets in."""

import pytest
from django.urls import reverse

from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db

ROLES = ["annotator", "moderator", "editor", "admin_user"]


@pytest.fixture
def claim():
    return ClaimFactory()


def _pages(claim):
    return [
        reverse("home"),
        reverse("article_list"),
        reverse("article_reader", args=[claim.article_id]),
        reverse("queue"),
        reverse("claim_detail", args=[claim.pk]),
        reverse("claim_panel", args=[claim.pk]),
    ]


def _posts(claim):
    return [
        reverse("article_claim_add", args=[claim.article_id]),
        reverse("queue_bulk"),
        *(
            reverse(name, args=[claim.pk])
            for name in ("claim_transition", "claim_edit", "claim_verdict", "claim_evidence",
                         "claim_comment")
        ),
    ]  # fmt: skip


def test_anonymous_visitors_are_sent_to_log_in(client, claim):
    for url in _pages(claim) + _posts(claim):
        method = client.post if url in _posts(claim) else client.get
        response = method(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_a_user_without_a_role_gets_403_everywhere(client, claim, no_role_user):
    client.force_login(no_role_user)
    for url in _pages(claim):
        response = client.get(url)
        assert response.status_code == 403, url
    for url in _posts(claim):
        assert client.post(url, {"action": "queue"}).status_code == 403, url
    claim.refresh_from_db()
    assert claim.status == "new"


@pytest.mark.parametrize("role", ROLES)
def test_every_role_opens_every_page(client, claim, role, request):
    client.force_login(request.getfixturevalue(role))
    for url in _pages(claim):
        assert client.get(url).status_code == 200, url


def test_only_get_or_post_where_meant(client, claim, editor):
    client.force_login(editor)
    for url in _posts(claim):
        assert client.get(url).status_code == 405, url


def test_navigation_follows_the_role(client, annotator, editor, admin_user):
    client.force_login(annotator)
    nav = client.get(reverse("home")).content.decode()
    assert ">Articles<" in nav
    assert ">Suggestions<" in nav
    assert ">Review<" not in nav
    assert ">Admin<" not in nav
    client.force_login(editor)
    nav = client.get(reverse("home")).content.decode()
    assert ">Review<" in nav
    assert ">Queues<" in nav
    assert ">Admin<" not in nav
    client.force_login(admin_user)
    assert ">Admin<" in client.get(reverse("home")).content.decode()


def test_pages_load_htmx_from_our_static_files_with_a_csp_safe_config(client, annotator):
    client.force_login(annotator)
    response = client.get(reverse("home"))
    html = response.content.decode()
    assert "claims/vendor/htmx.min.js" in html
    assert '"includeIndicatorStyles": false' in html
    assert '"allowEval": false' in html
    assert " style=" not in html
    assert "onclick" not in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp


def test_the_403_page_says_why(client, no_role_user):
    client.force_login(no_role_user)
    response = client.get(reverse("home"))
    assert response.status_code == 403
    assert "Your account has no workbench role; ask an admin for one." in response.content.decode()
