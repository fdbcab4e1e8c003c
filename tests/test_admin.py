"""Every model is in the admin, and each changelist works with its search and filters."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

CLAIMS_MODELS = [
    m for m in apps.get_app_config("claims").get_models() if not m.__name__.startswith("Historical")
]


@pytest.mark.parametrize("model", CLAIMS_MODELS, ids=lambda m: m.__name__)
def test_every_model_is_registered(model):
    assert admin.site.is_registered(model)


@pytest.mark.parametrize("model", CLAIMS_MODELS, ids=lambda m: m.__name__)
def test_admin_changelist_and_search_work(client, admin_user, model):
    client.force_login(admin_user)
    url = reverse(f"admin:claims_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    if admin.site.get_model_admin(model).search_fields:
        assert client.get(url, {"q": "ukraine"}).status_code == 200


def test_annotator_cannot_reach_the_admin(client, annotator):
    client.force_login(annotator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_cannot_move_an_import_job_to_another_newsroom(client, admin_user):
    """Which newsroom submitted a job decides who reads it back through the API: not editable."""
    from claims.models import ImportJob, Newsroom

    daily = Newsroom.objects.create(name="Daily Example")
    other = Newsroom.objects.create(name="Evening Post")
    job = ImportJob.objects.create(source="api", label="wire", newsroom=daily)
    client.force_login(admin_user)
    url = reverse("admin:claims_importjob_change", args=[job.pk])

    page = client.get(url)
    assert page.status_code == 200
    assert 'name="newsroom"' not in page.content.decode()

    client.post(url, {"source": "api", "label": "wire", "newsroom": other.pk})
    job.refresh_from_db()
    assert job.newsroom == daily


def test_the_admin_has_one_api_key_section_with_readable_scopes(client, admin_user):
    from rest_framework_api_key.models import APIKey

    from claims.models import Scope
    from tests.api.helpers import make_key

    assert not admin.site.is_registered(APIKey)
    api_key, _ = make_key(scopes=[Scope.READ_FACTCHECKS, Scope.WRITE_IMPORTS])
    client.force_login(admin_user)
    index = client.get(reverse("admin:index")).content.decode()
    assert index.count("API key") == 1  # "Newsroom API keys" only
    changelist = client.get(reverse("admin:claims_newsroomapikey_changelist")).content.decode()
    assert "Read published fact-checks, Submit articles for import" in changelist
    assert "[&quot;read:factchecks&quot;" not in changelist
    change = client.get(reverse("admin:claims_newsroomapikey_change", args=[api_key.pk]))
    assert 'type="checkbox" name="scopes" value="read:factchecks"' in change.content.decode()
