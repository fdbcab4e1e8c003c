"""Lost updates on the claim page: two editors saving the draft from the same version, and
a comment form posted twice."""

import re

import pytest
from django.urls import reverse

from claims.models import Comment
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def claim():
    return ClaimFactory(text="More than 1 million people fled Ukraine", claimant="UNHCR")


def _form_fields(page: str, form_action: str) -> dict:
    """The hidden inputs of the form posting to ``form_action``, as the browser has them."""
    form = page[page.index(f'action="{form_action}"') :]
    form = form[: form.index("</form>")]
    return dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form))


def test_the_second_of_two_edits_from_one_version_is_refused_and_shown_the_first(
    client, claim, annotator, editor
):
    edit_url = reverse("claim_edit", args=[claim.pk])
    client.force_login(annotator)
    annas_form = _form_fields(
        client.get(reverse("claim_detail", args=[claim.pk])).content.decode(), edit_url
    )
    client.force_login(editor)
    ediths_form = _form_fields(
        client.get(reverse("claim_detail", args=[claim.pk])).content.decode(), edit_url
    )
    assert annas_form["version"] == ediths_form["version"] == "1"

    client.force_login(annotator)
    saved = client.post(
        edit_url, {**annas_form, "text": "1 million people fled Ukraine", "claimant": "UNHCR"}
    )
    assert saved.status_code == 302
    client.force_login(editor)
    # A transition in between is a history row too, but not an edit: still Anna's draft.
    queued = client.post(reverse("claim_transition", args=[claim.pk]), {"action": "queue"})
    assert queued.status_code == 302
    refused = client.post(
        edit_url,
        {**ediths_form, "text": "More than 1 million people fled Ukraine", "claimant": "UN"},
    )

    assert refused.status_code == 409
    page = refused.content.decode()
    assert "Someone else saved this draft" in page
    assert "1 million people fled Ukraine</q>" in page  # the other editor's text
    assert "Saved meanwhile by anna:" in page
    claim.refresh_from_db()
    assert (claim.text, claim.claimant) == ("1 million people fled Ukraine", "UNHCR")

    # The refused form keeps Edith's values and now carries the current version: saving it
    # again is a deliberate choice, and goes through.
    again = _form_fields(page, edit_url)
    assert again["version"] == "2"
    resaved = client.post(
        edit_url, {**again, "text": "1 million people fled Ukraine", "claimant": "UN"}
    )
    assert resaved.status_code == 302
    claim.refresh_from_db()
    assert (claim.text, claim.claimant, claim.version) == (
        "1 million people fled Ukraine",
        "UN",
        3,
    )


def test_a_comment_form_posted_twice_makes_one_comment(client, claim, annotator):
    client.force_login(annotator)
    comment_url = reverse("claim_comment", args=[claim.pk])
    form = _form_fields(
        client.get(reverse("claim_detail", args=[claim.pk])).content.decode(), comment_url
    )
    assert form["form_token"]

    first = client.post(comment_url, {**form, "body": "Check the UNHCR page."})
    second = client.post(comment_url, {**form, "body": "Check the UNHCR page."})

    assert first.status_code == second.status_code == 302
    assert Comment.objects.filter(claim=claim).count() == 1


def test_each_rendered_comment_form_has_its_own_token(client, claim, annotator):
    client.force_login(annotator)
    comment_url = reverse("claim_comment", args=[claim.pk])
    page_url = reverse("claim_detail", args=[claim.pk])
    first = _form_fields(client.get(page_url).content.decode(), comment_url)
    client.post(comment_url, {**first, "body": "One."})
    second = _form_fields(client.get(page_url).content.decode(), comment_url)
    client.post(comment_url, {**second, "body": "One."})

    assert first["form_token"] != second["form_token"]
    assert Comment.objects.filter(claim=claim).count() == 2
