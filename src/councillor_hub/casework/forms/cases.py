"""Forms for cases and their timeline. They only collect and tidy input; the services in
casework/services/cases.py check permission and write."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.utils import timezone

from councillor_hub.accounts.models import User, Ward
from councillor_hub.core.forms import DateInput, GovukForm
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.postcodes import clean_optional_postcode

from ..models import (
    LOGGABLE_KINDS,
    Channel,
    Constituent,
    EntryKind,
    LawfulBasis,
    Outcome,
    Priority,
    SpecialCategoryCondition,
    Status,
)
from ..services.attachments import ACCEPT
from ..services.cases import tags_parse

DATE_ATTRS = {"class": "govuk-input govuk-input--width-10"}


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class ConstituentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Constituent) -> str:
        return ", ".join(p for p in [obj.full_name, obj.postcode] if p)


class CaseDetailsForm(GovukForm):
    """The details of a case shared by the create and edit pages."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="A short summary, like 'Pothole outside 12 High Street'",
        error_messages={"required": "Enter a title for the case"},
    )
    description = forms.CharField(
        label="Description",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    category = forms.ModelChoiceField(
        label="Category",
        queryset=ServiceArea.objects.filter(is_active=True),
        empty_label="Select a category",
    )
    ward = forms.ModelChoiceField(
        label="Ward",
        queryset=Ward.objects.all(),
        required=False,
        empty_label="Not in a ward, or not known",
    )
    location = forms.CharField(
        label="Location (optional)",
        max_length=250,
        required=False,
        help_text="An address or place, like 'Corner of Mill Lane and Station Road'",
    )
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    channel = forms.ChoiceField(
        label="How did the issue reach you?",
        choices=Channel.choices,
        widget=forms.RadioSelect,
        initial=Channel.EMAIL,
    )
    priority = forms.ChoiceField(
        label="Priority", choices=Priority.choices, widget=forms.RadioSelect
    )
    follow_up_date = forms.DateField(
        label="Follow-up date (optional)", required=False, widget=DateInput(attrs=DATE_ATTRS)
    )
    tags = forms.CharField(
        label="Tags (optional)",
        required=False,
        max_length=500,
        help_text="Separate tags with commas, like 'flooding, Mill Lane'",
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for holding this information",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        initial=LawfulBasis.CONSTITUENT_REQUEST,
    )
    has_special_category_data = forms.BooleanField(
        label="This case holds special category data",
        required=False,
        help_text="Health, safeguarding, ethnicity, religious or political beliefs and the like.",
    )
    special_category_condition = forms.ChoiceField(
        label="Condition for processing special category data",
        choices=[("", "Select a condition")] + list(SpecialCategoryCondition.choices),
        required=False,
        help_text="Only needed if the case holds special category data.",
    )

    field_order = [
        "owner",
        "constituent",
        "title",
        "description",
        "category",
        "ward",
        "location",
        "postcode",
        "channel",
        "priority",
        "follow_up_date",
        "tags",
        "lawful_basis",
        "has_special_category_data",
        "special_category_condition",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].initial = Priority.NORMAL
        self.fields["category"].error_messages["required"] = "Select the category"
        self.fields["channel"].error_messages["required"] = "Select how the issue reached you"
        self.fields["priority"].error_messages["required"] = "Select the priority"
        self.fields["lawful_basis"].error_messages["required"] = "Select the lawful basis"
        self.fields["follow_up_date"].error_messages["invalid"] = (
            "Follow-up date must be a real date, like 27/3/2026"
        )
        items = [self._layout_field(name) for name in self.field_order if name in self.fields]
        self.helper.layout = Layout(*[item for item in items if item is not None])

    def _layout_field(self, name: str):
        if name in ("channel", "priority", "lawful_basis"):
            return Field.radios(name, legend_size=Size.SMALL, small=True)
        if name == "has_special_category_data":
            return Fieldset(
                Field.checkbox(name, small=True),
                "special_category_condition",
                legend="Special category data",
                legend_size=Size.SMALL,
            )
        if name == "special_category_condition":
            return None
        return name

    def clean_title(self) -> str:
        value = self.cleaned_data["title"].strip()
        if not value:
            raise forms.ValidationError("Enter a title for the case")
        return value

    def clean_postcode(self) -> str:
        return clean_optional_postcode(self.cleaned_data["postcode"])

    def clean_tags(self) -> list[str]:
        return tags_parse(self.cleaned_data["tags"])

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("has_special_category_data") and not cleaned.get(
            "special_category_condition"
        ):
            self.add_error(
                "special_category_condition",
                "Select the condition for processing special category data",
            )
        if not cleaned.get("has_special_category_data"):
            cleaned["special_category_condition"] = ""
        return cleaned


class CaseCreateForm(CaseDetailsForm):
    """Open a case: for whom (when acting for several councillors) and about whom."""

    owner = OwnerChoiceField(
        label="Which councillor is this case for?",
        queryset=User.objects.none(),
        empty_label="Select a councillor",
    )
    constituent = ConstituentChoiceField(
        label="Constituent (optional)",
        queryset=Constituent.unrestricted.none(),
        required=False,
        empty_label="No constituent yet",
        help_text="You can add more constituents from the case page.",
    )

    def __init__(self, *args, owners, constituents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.fields["owner"].error_messages["required"] = "Select the councillor"
        self.fields["owner"].error_messages["invalid_choice"] = "Select a councillor you work for"
        self.fields["constituent"].error_messages["invalid_choice"] = (
            "Select a constituent from the councillor's casework"
        )
        self.fields["constituent"].queryset = constituents
        self.owner_fixed = len(owners) == 1
        if self.owner_fixed:
            # One owner: nothing to choose, so no question to answer.
            self.fields["owner"].initial = owners[0].pk
            self.fields["owner"].widget = forms.HiddenInput()
        self.add_submit("Open case")

    def clean(self):
        cleaned = super().clean()
        if self.owner_fixed and self.has_error("owner"):
            # The field is hidden, so its error would not show: put it above the form.
            self.add_error(None, list(self.errors["owner"]))
        owner = cleaned.get("owner")
        constituent = cleaned.get("constituent")
        if owner is not None and constituent is not None and constituent.owner_id != owner.pk:
            self.add_error(
                "constituent", "Select a constituent from the chosen councillor's casework"
            )
        return cleaned


class CaseEditForm(CaseDetailsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_submit("Save changes")


class CaseStatusForm(GovukForm):
    status = forms.ChoiceField(label="Status", choices=Status.choices, widget=forms.RadioSelect)
    outcome = forms.ChoiceField(
        label="Outcome (when closing the case)",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Added to the case timeline with the status change.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].error_messages["required"] = "Select the new status"
        self.fields["outcome"].error_messages["invalid_choice"] = "Select the outcome"
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.SMALL, small=True),
            Field.radios("outcome", legend_size=Size.SMALL, small=True),
            "note",
        )
        self.add_submit("Change status")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Status.CLOSED and not cleaned.get("outcome"):
            self.add_error("outcome", "Select the outcome")
        return cleaned


class TimelineEntryForm(GovukForm):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=[(k.value, k.label) for k in LOGGABLE_KINDS],
        widget=forms.RadioSelect,
        initial=EntryKind.NOTE,
    )
    body = forms.CharField(
        label="Details", required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    occurred_on = forms.DateField(
        label="Date (optional)",
        required=False,
        widget=DateInput(attrs=DATE_ATTRS),
        help_text="Leave blank for today.",
    )
    is_sensitive = forms.BooleanField(
        label="Contains special category data (health, safeguarding and the like)",
        required=False,
        help_text="Sensitive entries are shown only on this page, never in lists or exports.",
    )
    upload = forms.FileField(
        label="Attach a file (optional)",
        required=False,
        help_text="PDF, Word, Excel, OpenDocument, image or text file, up to 10MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = "Select what you are recording"
        self.fields["occurred_on"].error_messages["invalid"] = (
            "Date must be a real date, like 27/3/2026"
        )
        self.fields["upload"].error_messages["invalid"] = "The selected file could not be read"
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            "body",
            "occurred_on",
            Field.checkbox("is_sensitive", small=True),
            "upload",
        )
        self.add_submit("Add to timeline")

    def clean_occurred_on(self) -> datetime.date | None:
        value = self.cleaned_data.get("occurred_on")
        if value and value > timezone.localdate():
            raise forms.ValidationError("Date must be today or in the past")
        return value

    def clean(self):
        cleaned = super().clean()
        no_body = not (cleaned.get("body") or "").strip()
        if no_body and not cleaned.get("upload") and "upload" not in self.errors:
            self.add_error("body", "Enter the details, or attach a file")
        return cleaned

    def occurred_at(self) -> datetime.datetime | None:
        """A past date becomes noon that day (local time); today means now."""
        day = self.cleaned_data.get("occurred_on")
        if not day or day == timezone.localdate():
            return None
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


class CaseConstituentAddForm(GovukForm):
    constituent = ConstituentChoiceField(
        label="Constituent", queryset=Constituent.unrestricted.none(), empty_label="Select"
    )

    def __init__(self, *args, constituents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituent"].queryset = constituents
        self.fields["constituent"].error_messages["required"] = "Select the constituent"
        self.add_submit("Add constituent")


class CaseLinkForm(GovukForm):
    reference = forms.CharField(
        label="Reference of the related case",
        max_length=20,
        help_text="For example, CW-2026-00123",
        error_messages={"required": "Enter the reference of the related case"},
    )

    def clean_reference(self) -> str:
        return self.cleaned_data["reference"].strip().upper()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_submit("Link case")
