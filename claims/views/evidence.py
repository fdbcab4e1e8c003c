"""Fixing a claim's evidence from the claim page (edit, remove, retry the snapshot, attach an
archive copy) and serving archived files. Each POST validates a form and calls one service;
a refusal re-renders the claim page with the reason, as the claim page's own forms do."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from claims.forms import ArchiveCopyForm, ConfirmForm, EvidenceEditForm
from claims.services import evidence_changes
from claims.services.reviews import ActionInvalid, TransitionNotAllowed
from claims.views.access import workbench_view
from claims.views.claims import _claim_or_404, _page, _status_of

# An archived page is the source's HTML, scripts and all: never run it in our origin. The
# browser downloads it (attachment), and if it is opened anyway the sandbox gives it a
# unique origin with no scripts, forms or plugins.
ARCHIVE_CSP = "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _fix(request, pk: int, evidence_id: int, form, call, success: str):
    claim = _claim_or_404(request, pk)
    status = 400
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except (TransitionNotAllowed, PermissionDenied, ActionInvalid) as exc:
            form.add_error(None, str(exc))
            status = _status_of(exc)
        else:
            messages.success(request, success)
            return redirect(reverse("claim_detail", args=[claim.pk]) + "#evidence")
    return _page(
        request,
        _claim_or_404(request, pk),
        status=status,
        evidence_fix_form=form,
        evidence_fix_id=evidence_id,
    )


@require_POST
@workbench_view
def evidence_edit(request, pk: int, evidence_id: int):
    return _fix(
        request, pk, evidence_id, EvidenceEditForm(request.POST),
        lambda data: evidence_changes.evidence_update(
            claim_id=pk, evidence_id=evidence_id, user=request.user,
            **{k: v for k, v in data.items() if k != "accessed_at"},
        ),
        "Source corrected; the history keeps the old values.",
    )  # fmt: skip


@require_POST
@workbench_view
def evidence_remove(request, pk: int, evidence_id: int):
    return _fix(
        request, pk, evidence_id, ConfirmForm(request.POST),
        lambda data: evidence_changes.evidence_remove(
            claim_id=pk, evidence_id=evidence_id, user=request.user
        ),
        "Source removed; the history keeps it.",
    )  # fmt: skip


@require_POST
@workbench_view
def evidence_snapshot_retry(request, pk: int, evidence_id: int):
    return _fix(
        request, pk, evidence_id, ConfirmForm(request.POST),
        lambda data: evidence_changes.evidence_snapshot_retry(
            claim_id=pk, evidence_id=evidence_id, user=request.user
        ),
        "Snapshot queued again.",
    )  # fmt: skip


@require_POST
@workbench_view
def evidence_archive(request, pk: int, evidence_id: int):
    return _fix(
        request, pk, evidence_id, ArchiveCopyForm(request.POST, request.FILES),
        lambda data: evidence_changes.evidence_archive_attach(
            claim_id=pk, evidence_id=evidence_id, user=request.user,
            upload=data["archive_file"] or None, archive_url=data["archive_url"] or "",
        ),
        "Archive copy attached.",
    )  # fmt: skip


@require_safe
@workbench_view
def evidence_archive_file(request, pk: int, evidence_id: int):
    """The archived file, to staff who may see the claim, as a download that cannot run."""
    claim = _claim_or_404(request, pk)
    evidence = next((e for e in claim.evidence.all() if e.pk == evidence_id), None)
    if evidence is None or not evidence.archive_file:
        raise Http404("No archived file.")
    extension = evidence.archive_file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        evidence.archive_file.open("rb"),
        as_attachment=True,
        filename=f"evidence-{evidence.pk}-archive.{extension}",
        content_type=evidence.archive_content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = ARCHIVE_CSP
    response["Cache-Control"] = "private, no-store"
    return response
