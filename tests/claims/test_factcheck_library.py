"""The library of external fact-checks: imports deduplicated by URL, the command (files and
URLs through the SSRF-safe fetcher), the admin upload, and the vectors for matching."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from claims import matching
from claims.models import ExternalFactCheck, MatchKind
from claims.services import match_indexes
from claims.services.factcheck_library import library_import, library_vectors_fill
from tests.pages import Page, serve

pytestmark = pytest.mark.django_db


def _review(n: int, **changes) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"https://factcheck.example.org/{n}",
        "claimReviewed": f"Claim number {n} about the humanitarian corridors out of Mariupol.",
        "author": {"@type": "Organization", "name": "Example Check"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
        "datePublished": "2022-03-04",
        **changes,
    }


def _lines(*records) -> str:
    return "\n".join(json.dumps(r) for r in records) + "\n"


def test_the_same_url_is_one_row_and_a_later_import_updates_it():
    first = library_import(data=json.dumps([_review(1), _review(2)]), source="a.json")
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    # The same fact-check again, its URL spelled differently, now rated "Misleading".
    again = _review(1, url="https://FACTCHECK.example.org/1#top")
    again["reviewRating"] = {"alternateName": "Misleading"}
    second = library_import(data=json.dumps([again, _review(2)]), source="b.json")
    assert (second.created, second.updated, second.unchanged) == (0, 1, 1)
    assert ExternalFactCheck.objects.count() == 2
    row = ExternalFactCheck.objects.get(url__endswith="/1#top")
    assert (row.rating, row.source_file) == ("Misleading", "b.json")


def test_records_without_url_are_deduplicated_by_their_source_id():
    record = {"vclaim_id": "vclaim-sno-7", "vclaim": "Bananas cure the common cold in a day."}
    library_import(data=_lines(record), source="one.jsonl")
    result = library_import(data=_lines(record, record), source="two.jsonl")
    assert (result.created, result.unchanged) == (0, 1)
    assert ExternalFactCheck.objects.get().key == "id:vclaim-sno-7"


def test_a_changed_claim_drops_its_vector_and_an_unchanged_one_keeps_it():
    library_import(data=json.dumps([_review(1), _review(2)]), source="a.json")
    ExternalFactCheck.objects.update(vector=b"old", model_version=matching.MODEL_VERSION)
    library_import(data=json.dumps([_review(1, claimReviewed="A new wording of claim one.")]),
                   source="b.json")  # fmt: skip
    one, two = ExternalFactCheck.objects.order_by("url")
    assert one.vector is None
    assert bytes(two.vector) == b"old"


def test_bad_records_are_skipped_and_reported():
    data = _lines({"vclaim_id": "a", "vclaim": "Fine claim here."}, {"vclaim_id": "b"})
    result = library_import(data=data + "{oops\n", source="x.jsonl")
    assert result.created == 1
    assert [str(e) for e in result.errors] == [
        "line 2: no claim (claimReviewed or vclaim)",
        "line 3: not JSON (Expecting property name enclosed in double quotes)",
    ]


def test_vectors_are_filled_with_the_engine_and_its_version():
    library_import(data=json.dumps([_review(1), _review(2)]), source="a.json")
    assert library_vectors_fill(batch=1) == 2
    for row in ExternalFactCheck.objects.all():
        assert row.model_version == matching.MODEL_VERSION
        assert bytes(row.vector) == matching.passage_vector(row.claim_text)
    assert library_vectors_fill() == 0


@pytest.mark.parametrize(
    "query",
    [
        "Quokka selfies spread across Rottnest island",
        "Photos of a quokka on Rottnest island",
        "Are those Rottnest quokka selfies real?",
    ],
)
def test_the_library_is_matched_on_headline_and_standfirst_too(query):
    # As the evaluation command indexes the verified claims: claim, title and subtitle.
    record = {
        "vclaim_id": "vclaim-sno-9",
        "vclaim": "A small marsupial smiles for photographs.",
        "title": "Smiling animal",
        "subtitle": "Quokka selfies spread across Rottnest island.",
    }
    library_import(data=_lines(record), source="one.jsonl")
    assert ExternalFactCheck.objects.get().subtitle == record["subtitle"]
    library_vectors_fill()
    match_indexes.live_indexes_reset()
    hits = match_indexes.live_search(MatchKind.EXTERNAL, query, k=1, min_score=0.0)
    assert hits[0].lexical > 0


def test_command_imports_a_file_reports_bad_lines_and_embeds(tmp_path, capsys):
    path = tmp_path / "verified.jsonl"
    staged = {"vclaim_id": "a", "vclaim": "The moon landing was staged.", "date": "1 May 2020"}
    path.write_text(_lines(staged, {"vclaim_id": "b", "vclaim": ""}))
    call_command("import_factchecks", str(path))
    out, err = capsys.readouterr()
    assert "1 new, 0 updated, 0 unchanged, 1 skipped" in out
    assert "line 2: no claim" in err
    assert "Embedded 1 fact-check(s)" in out
    assert ExternalFactCheck.objects.get().vector is not None


def test_command_fetches_a_url_through_the_safe_fetcher(settings):
    settings.FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    body = json.dumps({"@graph": [_review(1), _review(2)]}).encode()
    with serve({"/reviews.json": Page(body, content_type="application/ld+json")}) as server:
        call_command("import_factchecks", f"{server.base}/reviews.json", "--no-vectors")
    assert ExternalFactCheck.objects.count() == 2


def test_command_refuses_a_private_address(settings):
    settings.FETCH_ALLOWED_HOSTS = []
    routes = {"/r.json": Page(b"[]", content_type="application/json")}
    with serve(routes) as server, pytest.raises(CommandError, match=r"127\.0\.0\.1"):
        call_command("import_factchecks", f"{server.base}/r.json")
    assert ExternalFactCheck.objects.count() == 0


def test_admin_upload_stores_the_records_and_embeds_on_the_matching_queue(
    client, admin_user, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr("claims.services.dispatch._send", lambda name, args: sent.append(name))
    client.force_login(admin_user)
    upload = SimpleUploadedFile(
        "reviews.json", json.dumps([_review(1), {"@type": "ClaimReview"}]).encode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:claims_externalfactcheck_upload"), {"file": upload}, follow=True
        )
    page = response.content.decode()
    assert "1 new, 0 updated, 0 unchanged, 1 skipped" in page
    assert "item 2: no claim" in page
    assert ExternalFactCheck.objects.get().source_file == "reviews.json"
    assert sent == ["claims.tasks.match_library_vectors_task"]


def test_only_admins_reach_the_upload(client, annotator):
    client.force_login(annotator)
    response = client.get(reverse("admin:claims_externalfactcheck_upload"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
