import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from claims.models import Article, Claim, ImportItem, ImportJob
from claims.services.import_items import import_item_process

pytestmark = pytest.mark.django_db


def _load_demo(capsys, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        call_command("load_demo")
    # What the worker does with the queued items:
    for item_id in ImportItem.objects.filter(status="queued").values_list("id", flat=True):
        import_item_process(item_id=item_id)
    return capsys.readouterr().out


def test_demo_creates_one_user_per_role_and_imports_articles_with_claims(
    capsys, django_capture_on_commit_callbacks, settings
):
    settings.DEBUG = True
    out = _load_demo(capsys, django_capture_on_commit_callbacks)
    for role, password in [("annotator", "demo-annotator-pass"), ("editor", "demo-editor-pass")]:
        assert f"{role:<10} {password}" in out
        request = RequestFactory().post("/login/")
        user = authenticate(request, username=role, password=password)
        assert user is not None
        assert user.groups.filter(name=role).exists()
    assert Article.objects.count() == 3
    assert Claim.objects.count() > 3
    assert ImportJob.objects.get().failed == 0


def test_demo_twice_duplicates_nothing(capsys, django_capture_on_commit_callbacks, settings):
    settings.DEBUG = True
    _load_demo(capsys, django_capture_on_commit_callbacks)
    counts = (Article.objects.count(), Claim.objects.count(), ImportJob.objects.count())
    out = _load_demo(capsys, django_capture_on_commit_callbacks)
    assert "already imported" in out
    assert (Article.objects.count(), Claim.objects.count(), ImportJob.objects.count()) == counts


def test_demo_refuses_to_run_in_production(settings):
    settings.DEBUG = False
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="known passwords"):
        call_command("load_demo")
