"""Accounts in the Django admin, as each role: the admin role manages who holds which role,
only a superuser raises anyone above the roles, and the admin role clears login lockouts."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def root(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def _user_form(user, **changes) -> dict:
    """The change form's fields as a browser posts them, with ``changes`` applied."""
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "groups": [str(g.pk) for g in user.groups.all()],
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "initial-date_joined_0": "2026-01-01",
        "initial-date_joined_1": "00:00:00",
    }
    if user.is_staff:
        data["is_staff"] = "on"
    if user.is_superuser:
        data["is_superuser"] = "on"
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def test_admin_role_cannot_make_itself_superuser_or_grant_permissions(client, admin_user):
    client.force_login(admin_user)
    url = reverse("admin:auth_user_change", args=[admin_user.pk])
    every = [str(p) for p in Permission.objects.values_list("pk", flat=True)]

    page = client.get(url).content.decode()
    assert 'name="is_superuser"' not in page
    assert 'name="user_permissions"' not in page
    response = client.post(url, _user_form(admin_user, is_superuser="on", user_permissions=every))

    assert response.status_code == 302  # the form saves what it may, and ignores the rest
    admin_user.refresh_from_db()
    assert not admin_user.is_superuser
    assert not admin_user.user_permissions.exists()


def test_admin_role_cannot_grant_staff_status(client, admin_user, editor):
    client.force_login(admin_user)
    client.post(
        reverse("admin:auth_user_change", args=[editor.pk]), _user_form(editor, is_staff="on")
    )
    editor.refresh_from_db()
    assert not editor.is_staff


def test_admin_role_manages_roles(client, admin_user, annotator):
    client.force_login(admin_user)
    moderator_role = Group.objects.get(name="moderator")
    response = client.post(
        reverse("admin:auth_user_change", args=[annotator.pk]),
        _user_form(annotator, groups=[str(moderator_role.pk)]),
    )
    assert response.status_code == 302
    assert list(annotator.groups.values_list("name", flat=True)) == ["moderator"]


def test_admin_role_cannot_give_a_role_more_permissions(client, admin_user):
    annotator_role = Group.objects.get(name="annotator")
    client.force_login(admin_user)
    client.post(
        reverse("admin:auth_group_change", args=[annotator_role.pk]),
        {
            "name": "annotator",
            "permissions": [str(p) for p in Permission.objects.values_list("pk", flat=True)],
        },
    )
    assert not annotator_role.permissions.exists()


def test_admin_role_cannot_edit_delete_or_reset_a_superuser(client, admin_user, root):
    client.force_login(admin_user)
    change = client.post(
        reverse("admin:auth_user_change", args=[root.pk]), _user_form(root, is_active=False)
    )
    password = client.post(
        reverse("admin:auth_user_password_change", args=[root.pk]),
        {"password1": "taken over 12345", "password2": "taken over 12345"},
    )
    delete = client.post(reverse("admin:auth_user_delete", args=[root.pk]), {"post": "yes"})
    bulk = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"},
    )

    assert change.status_code == 403
    assert password.status_code == 403
    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)  # the changelist, with no such action
    root.refresh_from_db()
    assert root.is_active
    assert root.check_password("correct horse battery staple")


def test_superuser_grants_staff_and_superuser(client, root, editor):
    client.force_login(root)
    response = client.post(
        reverse("admin:auth_user_change", args=[editor.pk]),
        _user_form(editor, is_staff="on", is_superuser="on"),
    )
    assert response.status_code == 302
    editor.refresh_from_db()
    assert editor.is_staff
    assert editor.is_superuser


def test_admin_role_sees_and_clears_login_lockouts(client, admin_user):
    attempt = AccessAttempt.objects.create(
        username="moritz", ip_address="203.0.113.9", user_agent="curl", failures_since_start=5,
        get_data="", post_data="", http_accept="*/*", path_info="/login/",
    )  # fmt: skip
    client.force_login(admin_user)

    listing = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert "203.0.113.9" in listing.content.decode()
    assert client.get(reverse("admin:axes_accesslog_changelist")).status_code == 200
    assert client.get(reverse("admin:axes_accessfailurelog_changelist")).status_code == 200

    cleared = client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    assert cleared.status_code == 302
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize("role", ["annotator", "moderator", "editor"])
def test_other_roles_cannot_see_login_lockouts(client, role):
    client.force_login(UserFactory(username=f"{role}-staff", roles=[role], is_staff=True))
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 403
