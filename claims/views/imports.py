"""The import pages: start an import (URLs, a feed, files), follow its progress live."""

from __future__ import annotations

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from claims import selectors, workflow
from claims.ingest.errors import LimitExceeded
from claims.ingest.files import UploadRefused
from claims.ingest.records import MAX_TEXT_CHARS
from claims.models import ImportSource, ItemStatus, Outlet
from claims.services.import_jobs import import_items_retry, import_job_submit, import_job_unsent
from claims.views.access import is_htmx, workbench_view


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    urls = forms.CharField(
        label="Article URLs",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "placeholder": "https://…  (one per line)"}),
    )
    feed = forms.URLField(
        label="RSS or Atom feed URL", required=False, max_length=2000, assume_scheme="https"
    )
    files = MultipleFileField(
        label="Files",
        required=False,
        help_text=".txt, .html, .json, .jsonl/.ndjson, .csv (a 'text' or 'html' column), or a "
        ".zip of those.",
    )
    text = forms.CharField(
        label="Or paste an article's text",
        required=False,
        max_length=MAX_TEXT_CHARS,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="A first line without closing punctuation is taken as the title, a first "
        "line 'date YYYY-MM-DD' or a dateline as the date, unless given below.",
    )
    title = forms.CharField(label="Title of the pasted text", required=False, max_length=500)
    url = forms.URLField(
        label="Address of the pasted text", required=False, max_length=2000, assume_scheme="https"
    )
    published = forms.DateField(
        label="Published on", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    outlet = forms.ModelChoiceField(
        Outlet.objects.all(),
        required=False,
        empty_label="From each article (or none)",
        help_text="Attribute every article of this import to one outlet.",
    )

    def clean_urls(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["urls"].splitlines()]
        urls = [line for line in lines if line]
        for number, url in enumerate(urls, 1):
            if not url.lower().startswith(("http://", "https://")) or len(url) > 2000:
                raise forms.ValidationError(f"URL {number} is not an http(s) address: {url[:100]}")
        if len(urls) > settings.IMPORT_MAX_ITEMS:
            raise forms.ValidationError(
                f"At most {settings.IMPORT_MAX_ITEMS:,} URLs per import (IMPORT_MAX_ITEMS)."
            )
        return urls

    def clean_files(self):
        files = self.cleaned_data["files"]
        for upload in files:
            if upload.size > settings.UPLOAD_MAX_BYTES:
                raise forms.ValidationError(
                    f"{upload.name} is {upload.size:,} bytes; files larger than "
                    f"{settings.UPLOAD_MAX_BYTES:,} bytes are not accepted (UPLOAD_MAX_BYTES)."
                )
        return files

    def clean(self):
        cleaned = super().clean()
        if (
            not self.errors
            and not any(cleaned.get(k) for k in ("urls", "feed", "files"))
            and not (cleaned.get("text") or "").strip()
        ):
            raise forms.ValidationError(
                "Paste URLs or an article's text, give a feed URL or choose files to import."
            )
        return cleaned

    def pasted_articles(self) -> list[dict]:
        """The pasted text as one article record, with what was given about it."""
        data = self.cleaned_data
        if not (data.get("text") or "").strip():
            return []
        record = {"text": data["text"], "title": data["title"], "url": data["url"]}
        if data["published"]:
            record["published"] = data["published"].isoformat()
        return [{k: v for k, v in record.items() if v}]


def importer_view(view):
    """A workbench page whose user's role may import."""

    @workbench_view
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not workflow.can(request.user, "import_articles"):
            raise PermissionDenied("Your role does not allow you to import articles.")
        return view(request, *args, **kwargs)

    return wrapper


@importer_view
def imports(request):
    """The list of imports with the form to start one."""
    posted = request.method == "POST"
    refused = None
    form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
    if posted and form.is_valid():
        source = ImportSource.UPLOAD if form.cleaned_data["files"] else ImportSource.URLS
        if form.cleaned_data["feed"] and not form.cleaned_data["files"]:
            source = ImportSource.FEED
        pasted = form.pasted_articles()
        if pasted and not any(form.cleaned_data[k] for k in ("urls", "feed", "files")):
            source = ImportSource.PASTE
        try:
            job = import_job_submit(
                source=source,
                urls=form.cleaned_data["urls"],
                feed_url=form.cleaned_data["feed"],
                files=[(f.name, f) for f in form.cleaned_data["files"]],
                articles=pasted,
                outlet=form.cleaned_data["outlet"],
                created_by=request.user,
            )
        except UploadRefused as exc:
            form.add_error("files", str(exc))
        except LimitExceeded as exc:
            form.add_error(None, str(exc))
            refused = exc
        else:
            if import_job_unsent(job):
                messages.warning(
                    request,
                    f"Import saved, but the task queue cannot be reached right now: its "
                    f"{job.total} item(s) will start by themselves when it is back. There is "
                    "no need to submit it again.",
                )
            else:
                messages.success(request, f"Import started: {job.total} item(s) queued.")
            if is_htmx(request):
                response = HttpResponse(status=200)
                response["HX-Redirect"] = reverse("import_detail", args=[job.pk])
                return response
            return redirect("import_detail", pk=job.pk)
    jobs = selectors.visible_import_jobs(request.user).select_related("created_by", "outlet")
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    status = refused.status if refused else 400 if form.errors else 200
    response = TemplateResponse(
        request, "claims/imports/list.html", {"form": form, "page": page}, status=status
    )
    if refused and refused.retry_after:
        response["Retry-After"] = str(refused.retry_after)
    return response


def _detail_context(request, pk: int) -> dict:
    job = get_object_or_404(
        selectors.visible_import_jobs(request.user).select_related("created_by", "outlet"), pk=pk
    )
    items = job.items.select_related("article").defer("payload").order_by("position")
    failed_only = request.GET.get("items") == "failed"
    if failed_only:
        items = items.filter(status=ItemStatus.FAILED)
    return {
        "job": job,
        "items": Paginator(items, 100).get_page(request.GET.get("page")),
        "failed_only": failed_only,
    }


@importer_view
def import_detail(request, pk: int):
    """One import: counters, a progress bar polled while it runs, every item and its reason."""
    return TemplateResponse(request, "claims/imports/detail.html", _detail_context(request, pk))


@importer_view
def import_progress(request, pk: int):
    """The progress partial htmx swaps in every 2 s until the job is finished."""
    return TemplateResponse(
        request, "claims/imports/partials/progress.html", _detail_context(request, pk)
    )


@require_POST
@importer_view
def import_retry(request, pk: int):
    """Queue the failed items of an import again."""
    job = get_object_or_404(selectors.visible_import_jobs(request.user), pk=pk)
    retried = import_items_retry(job_id=job.pk)
    if retried:
        messages.success(request, f"{len(retried)} failed item(s) queued again.")
    else:
        messages.info(request, "Nothing failed in this import.")
    return redirect("import_detail", pk=job.pk)
