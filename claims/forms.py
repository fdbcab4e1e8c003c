"""Forms of the web workbench: they validate input; the services decide."""

from __future__ import annotations

import uuid

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from claims.extraction.types import CLAIM_KINDS
from claims.models import ClaimStatus, ImportJob, Outlet, Rating, Stance
from claims.services.reviews import CLAIM_REVIEWED_GUIDELINE
from claims.workflow import ACTIONS, MATCH_DECISIONS, can


def moderators():
    return (
        get_user_model()
        .objects.filter(Q(groups__name__in=["moderator", "admin"]) | Q(is_superuser=True))
        .filter(is_active=True)
        .distinct()
        .order_by("username")
    )


class ArticleFilterForm(forms.Form):
    q = forms.CharField(label="Search title and text", required=False, max_length=200)
    outlet = forms.ModelChoiceField(Outlet.objects.all(), required=False, empty_label="Any")
    date_from = forms.DateField(
        label="Published from", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label="Published until", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    language = forms.ChoiceField(required=False)
    import_job = forms.ModelChoiceField(
        ImportJob.objects.order_by("-created_at"), label="Import", required=False
    )

    def __init__(self, *args, languages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", "Any"), *((lang, lang) for lang in languages)]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("The start date is after the end date.")
        return data


class QueueFilterForm(forms.Form):
    q = forms.CharField(
        label="Search", required=False, max_length=200,
        help_text="Words in the claim, claimant, article title or outlet.",
    )  # fmt: skip
    status = forms.ChoiceField(required=False)
    min_score = forms.FloatField(
        label="Score at least", required=False, min_value=0, max_value=1,
        widget=forms.NumberInput(attrs={"step": "0.05"}),
    )  # fmt: skip
    outlet = forms.ModelChoiceField(Outlet.objects.all(), required=False, empty_label="Any")
    kind = forms.ChoiceField(required=False, choices=[("", "Any"), *((k, k) for k in CLAIM_KINDS)])
    assignee = forms.ChoiceField(required=False)

    def __init__(self, *args, statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            ("", "All of this queue"),
            *((s, ClaimStatus(s).label) for s in statuses),
        ]
        self.fields["assignee"].choices = [
            ("", "Anyone"),
            ("me", "Me"),
            ("none", "Nobody"),
            *((str(u.pk), u.get_username()) for u in moderators()),
        ]


class TransitionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    comment = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    assignee = forms.ModelChoiceField(moderators(), required=False)
    # A correction carries the corrected verdict.
    rating = forms.ModelChoiceField(Rating.objects.filter(scale__is_default=True), required=False)
    claim_reviewed = forms.CharField(required=False, max_length=300)
    summary = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "transition_%s")  # beside the verdict form on one page
        super().__init__(*args, **kwargs)
        # Re-evaluated per form: users and ratings change while the process runs.
        self.fields["assignee"].queryset = moderators()
        self.fields["rating"].queryset = Rating.objects.filter(scale__is_default=True)

    def verdict(self) -> dict | None:
        data = self.cleaned_data
        if not (data.get("rating") or data.get("claim_reviewed") or data.get("summary")):
            return None
        return {
            "rating": data.get("rating"),
            "claim_reviewed": data.get("claim_reviewed", ""),
            "summary": data.get("summary", ""),
        }


BULK_ACTIONS = [("queue", "Queue"), ("dismiss", "Dismiss"), ("assign", "Assign"), ("start", "Take")]


class BulkForm(forms.Form):
    action = forms.ChoiceField(choices=BULK_ACTIONS)
    claims = forms.TypedMultipleChoiceField(coerce=int, label="Claims")
    comment = forms.CharField(required=False, max_length=2000)
    assignee = forms.ModelChoiceField(moderators(), required=False)

    def __init__(self, *args, user, claim_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Only the actions this user's roles allow; the claims' states are checked one by one.
        self.fields["action"].choices = [
            (action, label) for action, label in BULK_ACTIONS if can(user, f"{action}_claim")
        ]
        self.fields["claims"].choices = [(i, str(i)) for i in claim_ids]
        self.fields["claims"].error_messages["required"] = "Select at least one claim."
        self.fields["assignee"].queryset = moderators()

    @property
    def offers_assign(self) -> bool:
        return any(action == "assign" for action, _ in self.fields["action"].choices)


NOTHING_SELECTED = "Nothing is selected: select a passage of the article first, then add it."


class ManualClaimForm(forms.Form):
    # Filled by the reader's script from the selection: missing means nothing was selected,
    # which is said once, above the form, not as two errors on fields hidden in a <details>.
    start = forms.IntegerField(min_value=0, label="From character", required=False)
    end = forms.IntegerField(min_value=1, label="To character", required=False)
    text = forms.CharField(
        required=False, max_length=500, label="Claim as a short statement (optional)"
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if (start is None or end is None) and not self.errors:
            raise forms.ValidationError(NOTHING_SELECTED)
        if start is not None and end is not None and end <= start:
            raise forms.ValidationError("The selection ends before it starts.")
        return data


class ClaimEditForm(forms.Form):
    text = forms.CharField(
        label="Draft claim", max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
    claimant = forms.CharField(label="Claimant", max_length=300, required=False)
    # The claim's version when the form was rendered: a save made on an older one is refused.
    version = forms.IntegerField(min_value=1, required=False, widget=forms.HiddenInput)


class VerdictForm(forms.Form):
    # Nothing preselected: a verdict's rating is a decision, never a default.
    rating = forms.ModelChoiceField(Rating.objects.none(), empty_label="Choose a rating")
    claim_reviewed = forms.CharField(
        label="Claim reviewed",
        max_length=300,
        help_text=f"ClaimReview recommends at most {CLAIM_REVIEWED_GUIDELINE} characters.",
        widget=forms.TextInput(
            attrs={
                "data-guideline": CLAIM_REVIEWED_GUIDELINE,
                "aria-describedby": "claim-reviewed-help claim-reviewed-count",
            }
        ),
    )
    summary = forms.CharField(
        label="Summary (Markdown)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].queryset = Rating.objects.filter(scale__is_default=True)


class EvidenceForm(forms.Form):
    url = forms.URLField(label="Source address", max_length=2000, assume_scheme="https")
    title = forms.CharField(required=False, max_length=500)
    publisher = forms.CharField(required=False, max_length=300)
    excerpt = forms.CharField(
        label="Quoted excerpt", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    stance = forms.ChoiceField(choices=Stance.choices, initial=Stance.CONTEXT)


class EvidenceEditForm(EvidenceForm):
    prefix = "fix"  # beside the add form and the other sources' forms on one page


class ConfirmForm(forms.Form):
    """A button that changes something (remove a source, retry its snapshot): the form only
    says the request was meant."""

    confirm = forms.BooleanField(widget=forms.HiddenInput, initial=True)


class ArchiveCopyForm(forms.Form):
    archive_file = forms.FileField(
        label="Saved copy (PDF, image or HTML)",
        required=False,
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.png,.jpg,.jpeg,.gif,.webp,.html,.htm"}
        ),
    )
    archive_url = forms.URLField(
        label="or its address in a web archive",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="web.archive.org/web/… or archive.today (archive.ph, archive.is, …)",
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("archive_file")) == bool(data.get("archive_url")):
            raise forms.ValidationError("Attach either a file or an archive address.")
        return data


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Comment (Markdown)", max_length=20_000, widget=forms.Textarea(attrs={"rows": 3})
    )
    # One-time token, new with each rendered form: posting the same form twice is one comment.
    form_token = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("form_token", uuid.uuid4())
        super().__init__(*args, **kwargs)


class MatchDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[(d, d.capitalize()) for d in MATCH_DECISIONS])


class ExternalFactCheckUploadForm(forms.Form):
    file = forms.FileField(
        help_text="ClaimReview JSON-LD (one object, a list, a @graph) or JSON lines "
        "(vclaim_id, vclaim, title, subtitle, date; url, rating, publisher where known)."
    )


class NotificationPreferenceForm(forms.Form):
    email = forms.BooleanField(label="Also send me each notification by e-mail", required=False)
