"""Rows an import writes in plain SQL (claims.services.rows): what the ORM would store."""

import time

import pytest
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict

from claims.extraction import extract_claims
from claims.models import Article, Claim, ClaimOrigin, ClaimStatus, Quantity, content_hash
from claims.services import claims as claim_services
from claims.services.claims import claims_create_from_article
from claims.services.rows import insert_row, insert_row_drawing_ids

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

TEXT = (
    "Russian forces are battling for control of Enerhodar, a crucial energy-producing city on "
    "the Dnieper River that accounts for about one-quarter of the country's power generation. "
    "More than 1 million people have fled Ukraine since the invasion began, the UN said. "
    "Prices rose 7.5 percent in March, the fastest pace in 40 years, the agency reported."
)
# Moments differ between the two writes; each is checked to be set below.
IGNORED = {"id", "article", "claim", "created_at", "updated_at", "status_changed_at"}


def _rows(article):
    claims = Claim.objects.filter(article=article).order_by("start")
    return [
        (
            {k: v for k, v in model_to_dict(c).items() if k not in IGNORED},
            [
                {k: v for k, v in model_to_dict(q).items() if k not in IGNORED}
                for q in c.quantities.order_by("start")
            ],
        )
        for c in claims
    ]


def test_copied_claims_and_quantities_equal_what_the_orm_writes(monkeypatch):
    drafts = extract_claims(TEXT, language="en")
    assert sum(len(d.quantities) for d in drafts) >= 3, "the text has numbers to store"
    copied = Article.objects.create(text=TEXT)
    assert claims_create_from_article(article=copied, drafts=drafts, fresh=True) == len(drafts)
    monkeypatch.setattr(
        claim_services,
        "_copy_claims",
        lambda article, drafts, ids=None: claim_services._bulk_create_claims(article, drafts),
    )
    ormed = Article.objects.create(text=TEXT + " (A copy.)")
    claims_create_from_article(article=ormed, drafts=drafts, fresh=True)

    assert _rows(copied) == _rows(ormed)
    claim = Claim.objects.filter(article=copied).first()
    assert claim.status == ClaimStatus.NEW
    assert claim.origin == ClaimOrigin.MACHINE
    assert claim.created_at is not None
    assert claim.updated_at is not None
    assert claim.status_changed_at is not None
    assert Quantity.objects.filter(claim__article=copied).count() == sum(
        len(d.quantities) for d in drafts
    )


def test_a_claim_created_after_a_copy_gets_a_fresh_id():
    article = Article.objects.create(text=TEXT)
    claims_create_from_article(article=article, drafts=extract_claims(TEXT), fresh=True)
    manual = Claim.objects.create(article=article, start=0, end=7, quote="Russian", text="R")
    assert manual.id > max(Claim.objects.exclude(id=manual.id).values_list("id", flat=True))


def test_claim_ids_drawn_with_the_articles_insert_are_the_claims_ids():
    drafts = extract_claims(TEXT)
    values = {"text": TEXT, "content_hash": content_hash(TEXT)}
    pk, ids = insert_row_drawing_ids(Article, values, ids_of=Claim, count=len(drafts))
    assert Article.objects.get(id=pk).text == TEXT
    assert len(set(ids)) == len(ids) == len(drafts)
    article = Article.objects.get(id=pk)
    claims_create_from_article(article=article, drafts=drafts, fresh=True, claim_ids=ids)
    assert sorted(article.claims.values_list("id", flat=True)) == sorted(ids)
    # The sequence moved past them: a claim created afterwards gets a fresh id.
    manual = Claim.objects.create(article=article, start=0, end=7, quote="Russian", text="R")
    assert manual.id > max(ids)
    empty_pk, none = insert_row_drawing_ids(
        Article, {"text": "Other.", "content_hash": "y"}, ids_of=Claim, count=0
    )
    assert none == []
    assert empty_pk > pk


def test_claim_ids_that_do_not_fit_the_drafts_are_refused():
    drafts = extract_claims(TEXT)
    article = Article.objects.create(text=TEXT)
    with pytest.raises(ValueError, match="claim ids for"), transaction.atomic():
        claims_create_from_article(
            article=article, drafts=drafts, fresh=True, claim_ids=list(range(len(drafts) - 1))
        )
    assert not article.claims.exists()


def test_a_copy_that_breaks_a_constraint_raises_django_integrity_error():
    article = Article.objects.create(text=TEXT)
    drafts = extract_claims(TEXT)
    with pytest.raises(IntegrityError):
        claims_create_from_article(article=article, drafts=drafts + drafts[:1], fresh=True)


def test_an_inserted_article_equals_one_the_orm_creates():
    values = {"url": "https://news.example.org/e", "title": "Enerhodar", "text": TEXT}
    inserted = Article.objects.get(
        id=insert_row(Article, {**values, "content_hash": content_hash(TEXT)})
    )
    created = Article.objects.create(**{**values, "url": "", "text": TEXT + " (A copy.)"})
    ignored = {"id", "url", "text", "content_hash"}
    assert {k: v for k, v in model_to_dict(inserted).items() if k not in ignored} == {
        k: v for k, v in model_to_dict(created).items() if k not in ignored
    }
    assert (inserted.revision, inserted.language, inserted.canonical_url) == (1, "", None)
    assert inserted.created_at is not None
    assert inserted.updated_at is not None


def test_copied_import_items_hold_their_records_in_order(django_capture_on_commit_callbacks):
    from claims.models import ImportItem, ImportSource, ItemKind, ItemStatus
    from claims.services.import_jobs import import_job_create

    records = [
        {"text": f"{TEXT} {i}", "title": f"T{i}", "_source": f"f.jsonl:{i}"} for i in range(3)
    ]
    with django_capture_on_commit_callbacks(execute=False):
        job = import_job_create(source=ImportSource.API, records=records, urls=["https://x.org/a"])
    items = list(ImportItem.objects.filter(job=job).order_by("position"))
    assert [i.source for i in items] == ["https://x.org/a", "f.jsonl:0", "f.jsonl:1", "f.jsonl:2"]
    assert [i.kind for i in items] == [ItemKind.URL] + [ItemKind.RECORD] * 3
    assert items[2].payload == {"text": f"{TEXT} 1", "title": "T1"}
    assert {(i.status, i.attempts, i.claims_found, i.message) for i in items} == {
        (ItemStatus.QUEUED, 0, 0, "")
    }
    assert all(i.enqueued_at is not None and i.started_at is None for i in items)
    assert job.total == 4


def test_each_write_takes_its_own_moments_and_callable_defaults():
    # The layout of the defaults is worked out once per model; their values are not.
    first, second = (Article.objects.create(text=f"{TEXT} {i}") for i in range(2))
    claims_create_from_article(article=first, drafts=extract_claims(TEXT), fresh=True)
    time.sleep(0.01)
    claims_create_from_article(article=second, drafts=extract_claims(TEXT), fresh=True)
    for name in (
        "created_at",
        "updated_at",
        "status_changed_at",
    ):  # auto_now_add, auto_now, callable
        moments = [
            set(Claim.objects.filter(article=a).values_list(name, flat=True))
            for a in (first, second)
        ]
        assert len(moments[0]) == len(moments[1]) == 1, name  # one moment per write
        assert moments[1].pop() > moments[0].pop(), name
    third = Article.objects.get(id=insert_row(Article, {"text": TEXT + " 3", "content_hash": "x"}))
    assert third.created_at > second.created_at
