"""Articles: the searchable list and the reader with every claim highlighted."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import highlight, selectors, workflow
from claims.forms import ArticleFilterForm, ManualClaimForm
from claims.models import ClaimOrigin, ClaimStatus
from claims.models.articles import proposal_line_default
from claims.services.reviews import ActionInvalid, claim_create_manual
from claims.views.access import workbench_view

PAGE_SIZE = 25


@workbench_view
def article_list(request):
    form = ArticleFilterForm(request.GET or None, languages=selectors.article_languages())
    filters = form.cleaned_data if form.is_valid() else {}
    articles = selectors.articles_search(
        request.user, **{k: v for k, v in filters.items() if v not in (None, "")}
    )
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "claims/articles/list.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


def _url_pattern(name: str) -> str:
    """The URL of ``name`` for a claim as a format string with a ``{pk}`` field."""
    return reverse(name, args=[0]).replace("/0/", "/{pk}/")


def article_text_context(article, claims, *, selected_id=None) -> dict:
    """What templates/claims/partials/article_text.html needs: the highlighted text."""
    # A claim whose quote vanished from the current text keeps its old offsets: highlighting
    # them would mark the wrong words, so those claims are listed apart instead.
    return {
        "body": highlight.render(
            article.text, [c for c in claims if not c.source_changed], selected_id=selected_id
        ),
        "panel_url": _url_pattern("claim_panel"),
    }


def _matchable(claims, line: float) -> list:
    """The claims matching runs for: proposals at or above the line and claims marked by hand
    (``claims.services.matching.article_claims_match``), unless dismissed."""
    return [
        c
        for c in claims
        if c.status != ClaimStatus.DISMISSED
        and (c.origin == ClaimOrigin.MANUAL or (c.score or 0) >= line)
    ]


def match_context(user, claim) -> dict:
    """The claim's matches as the claim page and the reader's panel show them."""
    return {
        "matches": selectors.claim_matches(claim),
        "can_decide_match": workflow.can(user, "decide_match", claim),
    }


def _reader_context(request, article, *, selected=None, add_form=None) -> dict:
    claims = selectors.reader_claims(article)
    line = article.outlet.worth_checking_line if article.outlet else proposal_line_default()
    worth, more = selectors.reader_suggestions(claims, line=line)
    return {
        "article": article,
        "lost": [c for c in claims if c.source_changed],
        **article_text_context(article, claims, selected_id=selected.pk if selected else None),
        "claims": claims,
        "next_url": request.get_full_path(),
        "suggestions": worth,
        "more_suggestions": more,
        "suggestion_count": len(worth) + len(more),
        "line": line,
        "status_legend": ClaimStatus.choices,
        "selected": selected,
        "selected_actions": workflow.allowed_actions(request.user, selected) if selected else [],
        "can_add": workflow.can(request.user, "add_claim"),
        "can_triage": workflow.can(request.user, "queue_claim"),
        "add_form": add_form or ManualClaimForm(),
        "matching_enabled": settings.MATCHING_ENABLED,
        "matching": selectors.reader_matching(claims, matchable=_matchable(claims, line)),
        **(match_context(request.user, selected) if selected else {}),
    }


@workbench_view
def article_reader(request, pk: int):
    article = get_object_or_404(
        selectors.visible_articles(request.user).select_related("outlet"), pk=pk
    )
    selected = None
    if request.GET.get("claim", "").isdigit():
        selected = selectors.claim_for_page(request.user, int(request.GET["claim"]))
        if selected is None or selected.article_id != article.pk:
            raise Http404("No such claim in this article.")
    return TemplateResponse(
        request, "claims/articles/reader.html", _reader_context(request, article, selected=selected)
    )


@require_POST
@workbench_view
def article_claim_add(request, pk: int):
    article = get_object_or_404(selectors.visible_articles(request.user), pk=pk)
    form = ManualClaimForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            claim = claim_create_manual(
                article=article,
                user=request.user,
                start=form.cleaned_data["start"],
                end=form.cleaned_data["end"],
                text=form.cleaned_data["text"],
            )
        except ActionInvalid as exc:
            form.add_error(None, str(exc))
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, "Claim added. Queue it for research or edit its draft.")
            return redirect(f"{reverse('article_reader', args=[article.pk])}?claim={claim.pk}")
    # The form comes back with the offsets and draft as typed, and the reason.
    return TemplateResponse(
        request,
        "claims/articles/reader.html",
        _reader_context(request, article, add_form=form),
        status=status,
    )
