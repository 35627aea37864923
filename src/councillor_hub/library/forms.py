"""Forms for the document library: the list's filter panel (a GET form: values it does not
recognise are ignored, never a 500) and the add/change form for content managers."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.db.models import Q

from councillor_hub.core.forms import DateInput, GovukForm
from councillor_hub.directory.models import Officer, OrgUnit

from .models import Document, DocumentKind
from .selectors import DEFAULT_SORT, SORTS
from .services import ACCEPT, REVIEW_DATE_ERROR, tag_slug, tags_parse

DATE_ATTRS = {"class": "govuk-input govuk-input--width-10"}


class DocumentFilterForm(GovukForm):
    """The library's search and filter panel. Tags are chosen by links (`?tag=slug`), not
    by this form; the view reads them from the address."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words from the title, summary or tags, in any order",
        error_messages={"max_length": "Search must be 200 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Type",
        required=False,
        choices=[("", "All types"), *DocumentKind.choices],
        error_messages={"invalid_choice": "Select a type from the list"},
    )
    unit = forms.ChoiceField(
        label="Service",
        required=False,
        error_messages={"invalid_choice": "Select a service from the list"},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[(key, label) for key, (label, _) in SORTS.items()],
        error_messages={"invalid_choice": "Select a sort order from the list"},
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address
        self.fields["unit"].choices = [
            ("", "All services"),
            *((str(unit.pk), unit.name) for unit in units),
        ]
        self.helper.layout = Layout(
            Field.text("q"), Field.select("kind"), Field.select("unit"), Field.select("sort")
        )

    def filters(self) -> dict:
        """The values that passed validation; anything invalid is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}

    def selector_arguments(self) -> dict:
        filters = self.filters()
        return {
            "text": filters.get("q", ""),
            "kind": filters.get("kind", ""),
            "unit_id": int(filters["unit"]) if "unit" in filters else None,
            "sort": filters.get("sort", DEFAULT_SORT),
        }


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


class DocumentForm(GovukForm):
    """Add or change a document: an uploaded file or a link, with its details."""

    kind = forms.ChoiceField(
        label="Type of document",
        choices=[("", "Select a type"), *DocumentKind.choices],
        error_messages={"required": "Select the type of document"},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the title"}
    )
    summary = forms.CharField(
        label="Summary (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it covers and who it is for.",
    )
    tags = forms.CharField(
        label="Tags (optional)",
        required=False,
        max_length=500,
        help_text="Separate tags with commas, like 'planning, licensing'",
    )
    upload = forms.FileField(
        label="Upload a file",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
    url = forms.URLField(
        label="Or a link to the document",
        required=False,
        max_length=500,
        assume_scheme="https",
        # A text input: crispy-forms-gds styles it (it leaves type="url" unstyled).
        widget=forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false"}),
        help_text="A web address, like https://democracy.example.org/ieListDocuments.aspx",
        error_messages={
            "invalid": "Enter a link in the correct format, like https://www.example.org/policy"
        },
    )
    unit = UnitChoiceField(
        label="Service (optional)",
        queryset=OrgUnit.objects.none(),
        required=False,
        empty_label="No particular service",
    )
    published_on = forms.DateField(
        label="Publication date (optional)", required=False, widget=DateInput(attrs=DATE_ATTRS)
    )
    next_review_on = forms.DateField(
        label="Next review date (optional)", required=False, widget=DateInput(attrs=DATE_ATTRS)
    )
    responsible_officer = OfficerChoiceField(
        label="Responsible officer (optional)",
        queryset=Officer.objects.none(),
        required=False,
        empty_label="No one named",
        help_text="They are reminded when the review is due.",
    )
    members_only = forms.BooleanField(
        label="Members only",
        required=False,
        help_text="Only councillors and other members see it (and democratic services).",
    )
    is_published = forms.BooleanField(
        label="Published",
        required=False,
        help_text="Until it is published only democratic services and administrators see it.",
    )

    def __init__(self, *args, document: Document | None = None, max_upload_mb: int = 10, **kwargs):
        self.document = document
        if document is not None:
            kwargs.setdefault("initial", _initial_for(document))
        else:
            kwargs.setdefault("initial", {"is_published": True})
        super().__init__(*args, **kwargs)
        keep_unit = Q(pk=document.unit_id) if document and document.unit_id else Q(pk__in=[])
        self.fields["unit"].queryset = (
            OrgUnit.objects.filter(Q(is_active=True) | keep_unit)
            .select_related("parent")
            .order_by("name", "pk")
        )
        keep_officer = (
            Q(pk=document.responsible_officer_id)
            if document and document.responsible_officer_id
            else Q(pk__in=[])
        )
        self.fields["responsible_officer"].queryset = Officer.objects.filter(
            Q(is_active=True) | keep_officer
        ).order_by("full_name", "pk")
        upload_hint = f"PDF, Word, Excel, OpenDocument or text file, up to {max_upload_mb}MB."
        if document is not None and document.file:
            upload_hint += (
                f" The current file is {document.original_name or 'attached'}: leave this "
                "empty to keep it, or enter a link instead to replace it with a link."
            )
        self.fields["upload"].help_text = upload_hint
        self.fields["upload"].error_messages["invalid"] = "The selected file could not be read"
        self.fields["upload"].error_messages["empty"] = "The selected file is empty"
        self.fields["url"].error_messages["max_length"] = "Link must be 500 characters or fewer"
        self.fields["title"].error_messages["max_length"] = "Title must be 200 characters or fewer"
        self.fields["tags"].error_messages["max_length"] = "Tags must be 500 characters or fewer"
        for name in ("published_on", "next_review_on"):
            label = self.fields[name].label.replace(" (optional)", "")
            self.fields[name].error_messages["invalid"] = (
                f"{label} must be a real date, like 27/3/2026"
            )
        self.helper.layout = Layout(
            Field.select("kind"),
            Field.text("title"),
            Field.textarea("summary"),
            Field.text("tags"),
            Fieldset(
                "upload",
                Field.text("url"),
                legend="The document",
                legend_size=Size.MEDIUM,
            ),
            Field.select("unit"),
            "published_on",
            "next_review_on",
            Field.select("responsible_officer"),
            Field.checkbox("members_only", small=True),
            Field.checkbox("is_published", small=True),
        )
        self.add_submit("Save document")

    def clean_tags(self) -> list[str]:
        raw = self.cleaned_data["tags"]
        names = tags_parse(raw)
        unusable = [part.strip() for part in raw.split(",") if part.strip() and not tag_slug(part)]
        if unusable:
            raise forms.ValidationError("Tags must contain letters or numbers")
        if len(names) > 20:
            raise forms.ValidationError("Enter 20 tags or fewer")
        return names

    def clean(self):
        cleaned = super().clean()
        published_on = cleaned.get("published_on")
        next_review_on = cleaned.get("next_review_on")
        if published_on and next_review_on and next_review_on <= published_on:
            self.add_error("next_review_on", REVIEW_DATE_ERROR)
        upload, url = cleaned.get("upload"), cleaned.get("url")
        if "upload" not in self.errors and "url" not in self.errors:
            has_file = self.document is not None and bool(self.document.file)
            if upload and url:
                self.add_error("upload", "Upload a file or enter a link, not both")
            elif not upload and not url and not has_file:
                self.add_error("upload", "Upload a file or enter a link to the document")
        return cleaned


def _initial_for(document: Document) -> dict:
    return {
        "kind": document.kind,
        "title": document.title,
        "summary": document.summary,
        "tags": ", ".join(tag.name for tag in document.tags.all()),
        "url": document.url,
        "unit": document.unit_id,
        "published_on": document.published_on,
        "next_review_on": document.next_review_on,
        "responsible_officer": document.responsible_officer_id,
        "members_only": document.members_only,
        "is_published": document.is_published,
    }
