"""The claim page and its forms. Each POST validates a form, calls one service and either
redirects (the page as it is now) or renders the page again with the bound form and the
service's refusal, with the matching status: 409 illegal transition, 403 forbidden, 400 invalid.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import selectors, workflow
from claims.forms import (
    ClaimEditForm,
    CommentForm,
    EvidenceForm,
    MatchDecisionForm,
    TransitionForm,
    VerdictForm,
)
from claims.markdown import render_markdown
from claims.models import ClaimStatus, Stance
from claims.services import reviews
from claims.services.match_decisions import match_decide
from claims.services.reviews import ActionInvalid, TransitionNotAllowed
from claims.views.access import is_htmx, safe_next, workbench_view
from claims.views.articles import article_text_context, match_context

CONTEXT_CHARS = 240
PUBLIC_STATUSES = (ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED)


def _claim_or_404(request, pk: int):
    claim = selectors.claim_for_page(request.user, pk)
    if claim is None:
        raise Http404("No such claim.")
    return claim


def _status_of(exc: Exception) -> int:
    if isinstance(exc, TransitionNotAllowed):
        return 409
    if isinstance(exc, PermissionDenied):
        return 403
    return 400


def _page_context(request, claim, **forms) -> dict:
    user = request.user
    text = claim.article.text
    verdict = claim.current_verdict
    verdict_initial = (
        {"rating": verdict.rating_id, "claim_reviewed": verdict.claim_reviewed,
         "summary": verdict.summary}
        if verdict else {"claim_reviewed": claim.text[:75]}
    )  # fmt: skip
    return {
        "claim": claim,
        "article": claim.article,
        "before": text[max(0, claim.start - CONTEXT_CHARS) : claim.start],
        "quote_now": text[claim.start : claim.end],
        "after": text[claim.end : claim.end + CONTEXT_CHARS],
        "verdict": verdict,
        "pending_correction": claim.pending_correction,
        "earlier_verdicts": [
            v for v in claim.verdicts.all() if v.version < (verdict.version if verdict else 0)
        ],
        "actions": workflow.allowed_actions(user, claim),
        "can_edit": workflow.can(user, "edit_claim", claim),
        "can_write_verdict": workflow.can(user, "write_verdict", claim),
        # After publication a source is added only with a correction waiting for review.
        "can_add_evidence": workflow.can(user, "add_evidence", claim)
        and (claim.status not in PUBLIC_STATUSES or claim.pending_correction is not None),
        "can_comment": workflow.can(user, "comment_claim", claim),
        "independent_sources": reviews.independent_source_count(claim),
        "can_fix_evidence": workflow.can(user, "fix_evidence", claim),
        "evidence_fix_form": forms.get("evidence_fix_form"),
        "evidence_fix_id": forms.get("evidence_fix_id"),
        "stances": Stance.choices,
        "comments": [(c, render_markdown(c.body)) for c in claim.comments.all()],
        "history": selectors.claim_history(claim),
        "edit_form": forms.get("edit_form")
        or ClaimEditForm(
            initial={"text": claim.text, "claimant": claim.claimant, "version": claim.version}
        ),
        "edit_conflict": forms.get("edit_conflict"),
        "verdict_form": forms.get("verdict_form") or VerdictForm(initial=verdict_initial),
        "transition_form": forms.get("transition_form") or TransitionForm(initial=verdict_initial),
        "evidence_form": forms.get("evidence_form") or EvidenceForm(),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "failed_action": forms.get("failed_action"),
        "min_sources": settings.MIN_INDEPENDENT_SOURCES,
        **match_context(user, claim),
        "match_error": forms.get("match_error"),
    }


def _page(request, claim, *, status: int = 200, **forms):
    return TemplateResponse(
        request, "claims/claim/detail.html", _page_context(request, claim, **forms), status=status
    )


@workbench_view
def claim_detail(request, pk: int):
    return _page(request, _claim_or_404(request, pk))


@workbench_view
def claim_panel(request, pk: int):
    """The claim beside the article text in the reader (an htmx swap)."""
    claim = _claim_or_404(request, pk)
    return TemplateResponse(
        request,
        "claims/partials/claim_panel.html",
        {"selected": claim, "selected_actions": workflow.allowed_actions(request.user, claim),
         "article": claim.article, **match_context(request.user, claim)},
    )  # fmt: skip


def _suggestion_row(request, claim, *, done: str = "", error: str = "", status: int = 200):
    """One row of the reader's suggestions, swapped in place after a triage; after a done
    triage the article text comes too (out of band), so its highlight takes the new colour."""
    oob_text = None
    if done:
        article = claim.article
        oob_text = article_text_context(article, selectors.reader_claims(article))
    return TemplateResponse(
        request,
        "claims/partials/suggestions.html",
        {
            "suggestions": [claim],
            "done": done,
            "error": error,
            "can_triage": not done,
            "next_url": request.POST.get("next", ""),
            "oob_text": oob_text,
        },
        status=status,
    )


@require_POST
@workbench_view
def claim_transition(request, pk: int):
    claim = _claim_or_404(request, pk)
    form = TransitionForm(request.POST)
    status = 400
    if form.is_valid():
        action = form.cleaned_data["action"]
        try:
            claim = reviews.claim_transition(
                claim_id=claim.pk,
                user=request.user,
                action=action,
                comment=form.cleaned_data["comment"],
                assignee=form.cleaned_data["assignee"],
                verdict=form.verdict(),
            )
        except (TransitionNotAllowed, PermissionDenied, ActionInvalid) as exc:
            form.add_error(None, str(exc))
            status = _status_of(exc)
        else:
            label = workflow.transition_for(action).label
            if request.POST.get("return") == "suggestion" and is_htmx(request):
                return _suggestion_row(request, claim, done=label)
            messages.success(
                request, f"{label}: done. The claim is now {claim.get_status_display().lower()}."
            )
            return redirect(safe_next(request, reverse("claim_detail", args=[claim.pk])))
    claim = _claim_or_404(request, pk)
    if request.POST.get("return") == "suggestion" and is_htmx(request):
        error = " ".join(form.non_field_errors()) or form.errors.as_text()
        return _suggestion_row(request, claim, error=error, status=status)
    return _page(
        request,
        claim,
        status=status,
        transition_form=form,
        failed_action=request.POST.get("action"),
    )


@require_POST
@workbench_view
def claim_match_decide(request, pk: int, match_id: int):
    """Confirm or reject one of the claim's matches (one it suggested, or one suggesting it)."""
    claim = _claim_or_404(request, pk)
    form = MatchDecisionForm(request.POST)
    status, error = 400, "Choose confirm or reject."
    if form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            suggestion = match_decide(match_id=match_id, user=request.user, decision=decision,
                                      claim_id=claim.pk)  # fmt: skip
        except (TransitionNotAllowed, PermissionDenied, ActionInvalid) as exc:
            status, error = _status_of(exc), str(exc)
        else:
            messages.success(request, f"Match {suggestion.get_state_display().lower()}.")
            return redirect(safe_next(request, reverse("claim_detail", args=[claim.pk])))
    return _page(request, _claim_or_404(request, pk), status=status, match_error=error)


def _post_form(request, pk, form_class, form_key, call, success):
    claim = _claim_or_404(request, pk)
    form = form_class(request.POST)
    status = 400
    if form.is_valid():
        try:
            call(claim, form.cleaned_data)
        except (TransitionNotAllowed, PermissionDenied, ActionInvalid) as exc:
            form.add_error(None, str(exc))
            status = _status_of(exc)
        else:
            messages.success(request, success)
            return redirect(reverse("claim_detail", args=[claim.pk]) + f"#{form_key}")
    return _page(request, _claim_or_404(request, pk), status=status, **{f"{form_key}_form": form})


@require_POST
@workbench_view
def claim_edit(request, pk: int):
    claim = _claim_or_404(request, pk)
    form = ClaimEditForm(request.POST)
    if not form.is_valid():
        return _page(request, claim, status=400, edit_form=form)
    data = form.cleaned_data
    try:
        reviews.claim_update(
            claim_id=claim.pk, user=request.user, text=data["text"],
            claimant=data["claimant"], version=data["version"],
        )  # fmt: skip
    except reviews.StaleEdit as exc:
        return _edit_conflict(request, exc.claim)
    except (TransitionNotAllowed, PermissionDenied, ActionInvalid) as exc:
        form.add_error(None, str(exc))
        return _page(request, _claim_or_404(request, pk), status=_status_of(exc), edit_form=form)
    messages.success(request, "Draft saved.")
    return redirect(reverse("claim_detail", args=[claim.pk]) + "#edit")


def _edit_conflict(request, current):
    """Someone saved the draft after this editor loaded it: keep the editor's values in the
    form, show the other's beside them, and take the form to the current version, so saving
    again is a deliberate choice to replace theirs."""
    data = request.POST.copy()
    data["version"] = current.version
    form = ClaimEditForm(data)
    form.is_valid()
    form.add_error(
        None,
        "Someone else saved this draft while you were editing it, so yours was not saved. "
        "Their version is shown above the form; yours is in the form: save again to replace "
        "theirs.",
    )
    conflict = {
        "text": current.text,
        "claimant": current.claimant,
        "by": selectors.claim_last_editor(current),
    }
    claim = _claim_or_404(request, current.pk)
    return _page(request, claim, status=409, edit_form=form, edit_conflict=conflict)


@require_POST
@workbench_view
def claim_verdict(request, pk: int):
    def save(claim, data):
        verdict = reviews.verdict_save_draft(
            claim_id=claim.pk,
            user=request.user,
            rating=data["rating"],
            claim_reviewed=data["claim_reviewed"],
            summary=data["summary"],
        )
        warning = reviews.claim_reviewed_warning(verdict.claim_reviewed)
        if warning:
            messages.warning(request, warning)

    return _post_form(request, pk, VerdictForm, "verdict", save, "Verdict draft saved.")


@require_POST
@workbench_view
def claim_evidence(request, pk: int):
    return _post_form(
        request, pk, EvidenceForm, "evidence",
        lambda claim, data: reviews.evidence_add(claim_id=claim.pk, user=request.user, **data),
        "Source added; a snapshot of the page is being stored.",
    )  # fmt: skip


@require_POST
@workbench_view
def claim_comment(request, pk: int):
    return _post_form(
        request, pk, CommentForm, "comment",
        lambda claim, data: reviews.comment_add(
            claim_id=claim.pk, user=request.user, body=data["body"],
            form_token=data["form_token"],
        ),
        "Comment added.",
    )  # fmt: skip
