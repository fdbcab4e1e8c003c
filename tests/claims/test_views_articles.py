"""The article list and the reader: search, filters, highlights, adding a claim."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from claims.extraction import PROPOSAL_THRESHOLD
from claims.models import Article, Claim, ClaimOrigin, ClaimStatus, ImportJob, ImportSource
from claims.models.articles import proposal_line_default
from tests.factories import ArticleFactory, ClaimFactory, OutletFactory

pytestmark = pytest.mark.django_db


def _titles(response):
    return [a.title for a in response.context["page"].object_list]


def test_search_matches_title_and_text(client, annotator):
    ArticleFactory(title="Grain exports", text="Ships left Odesa with 1 million tonnes.")
    ArticleFactory(title="Energy", text="Enerhodar accounts for a quarter of the power.")
    client.force_login(annotator)
    assert _titles(client.get(reverse("article_list"), {"q": "grain"})) == ["Grain exports"]
    assert _titles(client.get(reverse("article_list"), {"q": "enerhodar"})) == ["Energy"]


def test_filters_by_outlet_date_language_and_import(client, annotator):
    reuters = OutletFactory(name="Reuters", slug="reuters")
    job = ImportJob.objects.create(source=ImportSource.API, label="batch")
    day = dt.datetime(2022, 3, 3, 12, tzinfo=dt.UTC)
    a = ArticleFactory(title="A", outlet=reuters, published_at=day, language="en", import_job=job)
    ArticleFactory(title="B", published_at=day - dt.timedelta(days=40), language="de")
    client.force_login(annotator)
    url = reverse("article_list")
    assert _titles(client.get(url, {"outlet": reuters.pk})) == ["A"]
    assert _titles(client.get(url, {"language": "de"})) == ["B"]
    assert _titles(client.get(url, {"import_job": job.pk})) == ["A"]
    assert _titles(client.get(url, {"date_from": "2022-03-01", "date_to": "2022-03-31"})) == [
        a.title
    ]


def test_a_reversed_date_range_is_explained(client, annotator):
    ArticleFactory()
    client.force_login(annotator)
    response = client.get(
        reverse("article_list"), {"date_from": "2022-03-31", "date_to": "2022-03-01"}
    )
    assert "The start date is after the end date." in response.content.decode()


def test_the_list_is_paginated_and_keeps_its_filters(client, annotator):
    for i in range(30):
        ArticleFactory(title=f"Story {i}")
    client.force_login(annotator)
    first = client.get(reverse("article_list"), {"q": "story"})
    assert len(first.context["page"].object_list) == 25
    assert "q=story&amp;page=2" in first.content.decode()
    second = client.get(reverse("article_list"), {"q": "story", "page": 2})
    assert len(second.context["page"].object_list) == 5


def test_the_reader_highlights_every_claim_by_status_and_escapes_the_text(client, annotator):
    article = ArticleFactory(
        text="<b>Bold</b> More than 1 million people fled the country in a week."
    )
    claim = ClaimFactory(article=article, score=0.87)
    client.force_login(annotator)
    html = client.get(reverse("article_reader", args=[article.pk])).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    assert "<b>Bold" not in html
    assert f'data-claims="{claim.pk}"' in html
    assert 'class="hl st-new"' in html
    assert 'data-score="0.87"' in html
    assert f'data-claim="{claim.pk}"' in html
    assert 'data-panel-url="/claims/{pk}/panel/"' in html
    assert "<kbd>j</kbd>" in html  # the keyboard triage is documented on the page


def test_the_reader_opens_a_claim_beside_the_text_without_javascript(client, annotator):
    claim = ClaimFactory()
    client.force_login(annotator)
    response = client.get(reverse("article_reader", args=[claim.article_id]), {"claim": claim.pk})
    html = response.content.decode()
    assert 'class="claim-panel"' in html
    assert "Send to the research queue" in html
    other = ClaimFactory()
    response = client.get(reverse("article_reader", args=[claim.article_id]), {"claim": other.pk})
    assert response.status_code == 404


def test_the_claim_panel_partial_is_a_fragment(client, annotator):
    claim = ClaimFactory()
    client.force_login(annotator)
    response = client.get(reverse("claim_panel", args=[claim.pk]), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html
    assert 'data-claim="' in html
    assert claim.text in html


def test_selecting_text_adds_a_claim_anchored_to_it(client, annotator):
    article = ArticleFactory(text="The minister said that exports fell by 40 percent last year.")
    start = article.text.index("exports")
    end = article.text.index(" last year")
    client.force_login(annotator)
    response = client.post(
        reverse("article_claim_add", args=[article.pk]), {"start": start, "end": end, "text": ""}
    )
    claim = Claim.objects.get(article=article)
    assert response.status_code == 302
    assert response["Location"].endswith(f"?claim={claim.pk}")
    assert (claim.start, claim.end, claim.quote) == (start, end, "exports fell by 40 percent")
    assert claim.origin == ClaimOrigin.MANUAL
    assert claim.created_by == annotator
    assert claim.quantities.get().value == 40


def test_a_bad_selection_is_refused_and_the_form_keeps_what_was_typed(client, annotator):
    article = ArticleFactory()
    client.force_login(annotator)
    url = reverse("article_claim_add", args=[article.pk])
    response = client.post(url, {"start": 5, "end": 99999, "text": "my draft"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "outside the article" in html
    assert 'value="my draft"' in html
    response = client.post(url, {"start": 9, "end": 3})
    assert "The selection ends before it starts." in response.content.decode()
    assert not Claim.objects.exists()


def test_the_same_passage_twice_is_refused_with_a_message(client, annotator):
    claim = ClaimFactory()
    client.force_login(annotator)
    response = client.post(
        reverse("article_claim_add", args=[claim.article_id]),
        {"start": claim.start, "end": claim.end},
    )
    assert response.status_code == 400
    assert "already a claim" in response.content.decode()


def test_moderators_cannot_add_claims(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    response = client.post(reverse("article_claim_add", args=[article.pk]), {"start": 0, "end": 7})
    assert response.status_code == 403
    assert "does not allow you to add claims" in response.content.decode()
    assert not Claim.objects.exists()


def test_accepting_a_suggestion_from_the_reader_swaps_its_row(client, annotator):
    claim = ClaimFactory()
    client.force_login(annotator)
    response = client.post(
        reverse("claim_transition", args=[claim.pk]),
        {"action": "queue", "return": "suggestion"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith("<li")
    assert "Queued" in html
    assert "done" in html
    claim.refresh_from_db()
    assert claim.status == ClaimStatus.QUEUED


def _article_with_claims(n: int) -> Article:
    sentence = "Officials said 12 percent of the 3 million residents left in 2 weeks. "
    article = ArticleFactory(text=sentence * n)
    Claim.objects.bulk_create(
        Claim(
            article=article, start=i * len(sentence), end=(i + 1) * len(sentence) - 1,
            quote=sentence[:-1], text=f"claim {i}", score=(i % 10) / 10,
            # Approved, not published: a published claim needs a verdict (and a slug).
            status=[ClaimStatus.NEW, ClaimStatus.QUEUED, ClaimStatus.APPROVED][i % 3],
            published_at=timezone.now(),
        )
        for i in range(n)
    )  # fmt: skip
    return article


def _reader_queries(client, article) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("article_reader", args=[article.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("<mark ") == article.claims.count()
    return len(queries)


def test_the_reader_issues_the_same_queries_for_20_and_200_claims(client, annotator):
    client.force_login(annotator)
    small, large = _article_with_claims(20), _article_with_claims(200)
    _reader_queries(client, small)  # warm the session and caches alike
    assert _reader_queries(client, small) == _reader_queries(client, large)
    assert _reader_queries(client, large) <= 8


def test_a_refused_triage_comes_back_in_its_row_with_the_reason(client, annotator):
    claim = ClaimFactory(status=ClaimStatus.QUEUED)
    client.force_login(annotator)
    response = client.post(
        reverse("claim_transition", args=[claim.pk]),
        {"action": "queue", "return": "suggestion"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert html.startswith(f'<li data-claim="{claim.pk}"')
    assert "Cannot queue a claim that is queued" in html


def test_claims_whose_quote_vanished_are_listed_not_highlighted(client, annotator):
    claim = ClaimFactory()
    lost = ClaimFactory(article=claim.article, start=0, end=7, quote="Article", text="Lost one")
    lost.source_changed = True
    lost.save()
    client.force_login(annotator)
    html = client.get(reverse("article_reader", args=[claim.article_id])).content.decode()
    assert "The article changed under 1 claim:" in html
    assert f'data-claims="{lost.pk}"' not in html
    assert f'data-claims="{claim.pk}"' in html


def test_add_claim_with_nothing_selected_says_so(client, annotator):
    article = ArticleFactory()
    client.force_login(annotator)
    response = client.post(reverse("article_claim_add", args=[article.pk]), {"text": "a draft"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing is selected: select a passage of the article first" in html
    assert "This field is required" not in html
    assert not Claim.objects.exists()


def _sentences_article(n: int, title: str = "", **kwargs) -> Article:
    text = title + "".join(f"Sentence number {i} is here. " for i in range(n))
    return ArticleFactory(text=text, **kwargs)


def _proposal(article, i: int, score, **kwargs) -> Claim:
    start = article.text.index(f"Sentence number {i} ")
    end = article.text.index(".", start)
    return ClaimFactory(
        article=article, start=start, end=end, score=score, text=f"proposal {i}", **kwargs
    )


def test_the_reader_lists_proposals_by_score_with_the_rest_below_the_line(
    client, annotator, settings
):
    settings.PROPOSAL_LINE_DEFAULT = 0.5
    article = _sentences_article(5)
    low, high, mid = (
        _proposal(article, 0, 0.2),
        _proposal(article, 1, 0.95),
        _proposal(article, 2, 0.6),
    )
    lower = _proposal(article, 3, 0.05)
    manual = _proposal(article, 4, None, origin=ClaimOrigin.MANUAL)
    client.force_login(annotator)
    response = client.get(reverse("article_reader", args=[article.pk]))
    assert response.context["suggestions"] == [manual, high, mid]
    assert response.context["more_suggestions"] == [low, lower]
    html = response.content.decode()
    # Everything below the line is still on the page, folded away in one click.
    below = html[html.index('<details id="more-suggestions"') :]
    assert "More: 2 below the line" in below
    assert below.index("proposal 0") < below.index("proposal 3")
    assert "proposal 1" not in below


def test_an_outlet_draws_its_own_line_and_without_one_the_default_holds(
    client, annotator, settings
):
    settings.PROPOSAL_LINE_DEFAULT = 0.5
    strict = OutletFactory(proposal_line=0.9)
    article = _sentences_article(2, outlet=strict)
    _proposal(article, 0, 0.95)
    _proposal(article, 1, 0.6)
    other = _sentences_article(2, title="Another one. ", outlet=OutletFactory())
    _proposal(other, 0, 0.95)
    _proposal(other, 1, 0.6)
    client.force_login(annotator)
    response = client.get(reverse("article_reader", args=[article.pk]))
    assert [c.score for c in response.context["more_suggestions"]] == [0.6]
    response = client.get(reverse("article_reader", args=[other.pk]))
    assert response.context["more_suggestions"] == []
    assert response.context["line"] == 0.5


def test_suggestions_show_their_quantities_with_unit_and_qualifier(client, annotator):
    from claims.models import Quantity

    claim = ClaimFactory()
    Quantity.objects.create(
        claim=claim, start=claim.start, end=claim.start + 17, text="More than 1 million",
        value=1_000_000, low=1_000_000, qualifier="more_than", unit="people",
    )  # fmt: skip
    Quantity.objects.create(
        claim=claim, start=claim.start + 30, end=claim.start + 35, text="about a quarter",
        value=0.25, qualifier="about",
    )  # fmt: skip
    client.force_login(annotator)
    html = client.get(reverse("article_reader", args=[claim.article_id])).content.decode()
    rows = html[html.index('<ol id="suggestions"') :]
    assert (
        '<span class="qualifier">more than</span> <span class="value">1,000,000</span> '
        '<span class="unit">people</span>' in rows
    )
    assert '<span class="qualifier">about</span> <span class="value">0.25</span>' in rows


def test_a_triage_from_the_reader_sends_the_recoloured_text_along(client, annotator):
    claim = ClaimFactory()
    client.force_login(annotator)
    response = client.post(
        reverse("claim_transition", args=[claim.pk]),
        {"action": "dismiss", "return": "suggestion", "comment": "not a claim"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200, html
    text = html[html.index('<div id="article-text"') :]
    assert 'hx-swap-oob="true"' in text[: text.index(">")]
    assert f'class="hl st-dismissed" data-offset="{claim.start}"' in text


def test_a_refused_triage_leaves_the_text_alone(client, annotator):
    claim = ClaimFactory(status=ClaimStatus.QUEUED)
    client.force_login(annotator)
    response = client.post(
        reverse("claim_transition", args=[claim.pk]),
        {"action": "queue", "return": "suggestion"},
        HTTP_HX_REQUEST="true",
    )
    assert "article-text" not in response.content.decode()


def test_an_untitled_article_has_the_same_name_on_every_page(client, moderator):
    article = ArticleFactory(title="", url="", canonical_url=None)
    claim = ClaimFactory(article=article, status=ClaimStatus.QUEUED)
    name = f"Untitled article {article.pk}"
    assert str(article) == name
    client.force_login(moderator)
    pages = [
        reverse("home"),
        reverse("article_list"),
        reverse("article_reader", args=[article.pk]),
        reverse("queue") + "?view=research",
        reverse("claim_detail", args=[claim.pk]),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert name in html, url
        assert "(untitled)" not in html, url


def test_without_a_setting_the_reader_line_is_the_proposal_models_own(settings):
    settings.PROPOSAL_LINE_DEFAULT = None
    assert proposal_line_default() == PROPOSAL_THRESHOLD
    settings.PROPOSAL_LINE_DEFAULT = 0.7
    assert proposal_line_default() == 0.7
