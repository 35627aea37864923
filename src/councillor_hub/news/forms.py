"""Forms for news and briefings: the list's filter panel (a GET form: values it does not
recognise are ignored, never a 500), the add/change form and the attachment upload, for
content managers."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import Q
from django.utils import timezone

from councillor_hub.core.forms import DateInput, GovukForm
from councillor_hub.directory.models import Officer, OrgUnit

from .models import NewsItem, NewsKind
from .services import ACCEPT, BRIEFING_DATE_ERROR

# The list's kinds, as the filter names them (plural).
KIND_FILTERS = [
    ("", "All news and briefings"),
    (NewsKind.NEWS, "News"),
    (NewsKind.BRIEFING, "Briefings"),
    (NewsKind.BULLETIN, "Bulletins"),
]


class NewsFilterForm(GovukForm):
    """Search and filter the list by words and type."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words from the title, summary or text, in any order",
        error_messages={"max_length": "Search must be 200 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Type",
        required=False,
        choices=KIND_FILTERS,
        error_messages={"invalid_choice": "Select a type from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address
        self.helper.layout = Layout(Field.text("q"), Field.select("kind"))

    def filters(self) -> dict:
        """The values that passed validation; anything invalid is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v not in (None, "")}


class DateTimeInput(forms.DateTimeInput):
    """A native date and time field: keyboard-accessible, works without JavaScript."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        attrs = {"class": "govuk-input govuk-input--width-20", **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit: OrgUnit) -> str:
        if unit.parent_id:
            return f"{unit.name} ({unit.parent.name})"
        return unit.name


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, officer: Officer) -> str:
        label = (
            f"{officer.full_name}, {officer.job_title}" if officer.job_title else officer.full_name
        )
        return label if officer.is_active else f"{label} (has left)"


class NewsItemForm(GovukForm):
    """Add or change a news item, briefing or bulletin."""

    kind = forms.ChoiceField(
        label="Type of item",
        choices=NewsKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of item"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    summary = forms.CharField(
        label="Summary",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One or two sentences, shown in the list of news.",
        error_messages={
            "required": "Enter a summary",
            "max_length": "Summary must be 300 characters or fewer",
        },
    )
    body = forms.CharField(
        label="Text (optional)",
        required=False,
        max_length=50_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Plain text. Leave a blank line between paragraphs.",
        error_messages={"max_length": "Text must be 50,000 characters or fewer"},
    )
    briefing_on = forms.DateField(
        label="Date of the briefing",
        required=False,
        widget=DateInput(),
        help_text="Required for a briefing: the day it was (or will be) held.",
        error_messages={"invalid": "Date of the briefing must be a real date, like 27/3/2026"},
    )
    service = UnitChoiceField(
        label="Service (optional)",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="No particular service",
    )
    presenter = OfficerChoiceField(
        label="Presenter or contact officer (optional)",
        queryset=Officer.objects.none(),
        required=False,
        empty_label="No one named",
    )
    published_at = forms.DateTimeField(
        label="Publish from",
        widget=DateTimeInput(),
        help_text="A date and time still to come schedules it: until then only democratic "
        "services and administrators see it.",
        error_messages={
            "required": "Enter the date and time to publish it from",
            "invalid": "Publish from must be a real date and time, like 27/3/2026 09:30",
        },
    )
    members_only = forms.BooleanField(
        label="Members only",
        required=False,
        help_text="Only councillors and other members see it (and democratic services).",
    )
    is_published = forms.BooleanField(
        label="Published",
        required=False,
        help_text="Untick to keep it as a draft that only democratic services and "
        "administrators see.",
    )

    def __init__(self, *args, item: NewsItem | None = None, **kwargs):
        self.item = item
        if item is not None:
            kwargs.setdefault("initial", _initial_for(item))
        else:
            now = timezone.localtime().replace(second=0, microsecond=0)
            kwargs.setdefault(
                "initial",
                {"kind": NewsKind.NEWS, "published_at": now, "is_published": True},
            )
        super().__init__(*args, **kwargs)
        keep_unit = Q(pk=item.service_id) if item and item.service_id else Q(pk__in=[])
        self.fields["service"].queryset = (
            OrgUnit.objects.filter(Q(is_active=True) | keep_unit)
            .select_related("parent")
            .order_by("name", "pk")
        )
        keep_officer = Q(pk=item.presenter_id) if item and item.presenter_id else Q(pk__in=[])
        self.fields["presenter"].queryset = Officer.objects.filter(
            Q(is_active=True) | keep_officer
        ).order_by("full_name", "pk")
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL, inline=True),
            Field.text("title"),
            Field.textarea("summary", rows=3, max_characters=300),
            Field.textarea("body", rows=12),
            "briefing_on",
            Field.select("service"),
            Field.select("presenter"),
            "published_at",
            Field.checkbox("members_only", small=True),
            Field.checkbox("is_published", small=True),
        )
        self.add_submit("Save item")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("kind") == NewsKind.BRIEFING
            and not cleaned.get("briefing_on")
            and "briefing_on" not in self.errors
        ):
            self.add_error("briefing_on", BRIEFING_DATE_ERROR)
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        published_at = data["published_at"]
        if self.item is not None and published_at == _to_the_minute(self.item.published_at):
            published_at = None  # shown to the minute and left alone: keep it to the second
        return {
            "kind": data["kind"],
            "title": data["title"],
            "summary": data["summary"],
            "body": data["body"],
            "briefing_on": data["briefing_on"],
            "published_at": published_at,
            "is_published": data["is_published"],
            "members_only": data["members_only"],
            "service": data["service"],
            "presenter": data["presenter"],
        }


def _to_the_minute(moment):
    return timezone.localtime(moment).replace(second=0, microsecond=0)


def _initial_for(item: NewsItem) -> dict:
    return {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "body": item.body,
        "briefing_on": item.briefing_on,
        "service": item.service_id,
        "presenter": item.presenter_id,
        "published_at": _to_the_minute(item.published_at),
        "members_only": item.members_only,
        "is_published": item.is_published,
    }


class NewsAttachmentForm(GovukForm):
    """Attach a file (slides, notes, papers) to an item."""

    upload = forms.FileField(
        label="Upload a file",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={
            "required": "Select a file to upload",
            "invalid": "The selected file could not be read",
            "empty": "The selected file is empty",
            "max_length": "The file name must be 255 characters or fewer",
        },
    )
    title = forms.CharField(
        label="Title (optional)",
        required=False,
        max_length=200,
        help_text="What it is, like 'Slides from the briefing'. Leave empty to use the file's "
        "name.",
        error_messages={"max_length": "Title must be 200 characters or fewer"},
    )

    def __init__(self, *args, max_upload_mb: int = 10, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upload"].help_text = (
            "A PDF, Word, Excel or PowerPoint file, a PNG or JPG image, or a text or CSV file, "
            f"up to {max_upload_mb}MB."
        )
        self.helper.layout = Layout("upload", Field.text("title"))
        self.add_submit("Add attachment")
