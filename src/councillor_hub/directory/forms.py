"""Forms for managing the directory (democratic services and administrators): officers,
units and topics, the staff directory import, and the out-of-hours page's contacts and
emergency arrangement sections. Plain forms, not model forms: the services compare old and
new values themselves, so the form must not change the record first."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import Q
from django.utils import timezone

from councillor_hub.core.forms import DateInput, GovukForm
from councillor_hub.core.models import ServiceArea

from . import importing
from .models import (
    PHONE_ERROR,
    ContactKind,
    EmergencyArrangement,
    Officer,
    OrgUnit,
    OutOfHoursContact,
    PartnerOrganisation,
    Topic,
    UnitKind,
    validate_phone_number,
)
from .selectors import unit_options
from .services import next_review_date


def _unit_field_choices(*, current: OrgUnit | None, blank: str) -> list[tuple[str, str]]:
    """Active units by path, plus the current one if it has closed (so saving does not move
    the record by surprise)."""
    return [("", blank)] + [
        (str(unit.pk), label if unit.is_active else f"{label} (closed)")
        for unit, label in unit_options(include_inactive=True)
        if unit.is_active or (current is not None and unit.pk == current.pk)
    ]


def _unit_from_choice(value: str) -> OrgUnit | None:
    if not value:
        return None
    try:
        return OrgUnit.objects.get(pk=int(value))
    except (OrgUnit.DoesNotExist, ValueError):
        raise forms.ValidationError("Select a unit from the list") from None


class _ServiceForm(GovukForm):
    """A form whose cleaned data a directory service takes as keyword arguments: the
    `service_field_names` for adding, plus `is_active` (from the form's "no longer..." box,
    `inactive_field`) when changing a record that can be withdrawn."""

    service_field_names: tuple[str, ...] = ()
    inactive_field = ""

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.service_field_names}

    def is_active(self) -> bool:
        return not self.cleaned_data.get(self.inactive_field, False)

    def update_fields(self) -> dict:
        fields = self.service_fields()
        if self.inactive_field:
            fields["is_active"] = self.is_active()
        return fields


OFFICER_FORM_FIELDS = (
    "full_name",
    "job_title",
    "unit",
    "email",
    "phone",
    "out_of_hours_phone",
    "out_of_hours_note",
    "staff_number",
)


class OfficerForm(_ServiceForm):
    service_field_names = OFFICER_FORM_FIELDS
    inactive_field = "has_left"

    full_name = forms.CharField(label="Full name", max_length=150)
    job_title = forms.CharField(label="Job title", max_length=150)
    unit = forms.ChoiceField(label="Team", help_text="Where they sit in the organisation.")
    email = forms.EmailField(label="Email address", required=False, max_length=254)
    phone = forms.CharField(label="Phone number", required=False, max_length=30)
    out_of_hours_phone = forms.CharField(
        label="Out-of-hours phone number (optional)",
        required=False,
        max_length=30,
        help_text="Only if members may call them about emergencies outside office hours.",
    )
    out_of_hours_note = forms.CharField(
        label="When to use the out-of-hours number (optional)",
        required=False,
        max_length=250,
    )
    staff_number = forms.CharField(
        label="Staff number (optional)",
        required=False,
        max_length=30,
        help_text="The staff directory's identifier. Imports match officers on it.",
    )
    has_left = forms.BooleanField(
        label="This officer has left the council",
        required=False,
        help_text="They stay in the directory, marked as no longer working here, without "
        "contact details.",
    )

    def __init__(self, *args, officer: Officer | None = None, **kwargs):
        if officer is not None:
            kwargs.setdefault(
                "initial",
                {
                    "full_name": officer.full_name,
                    "job_title": officer.job_title,
                    "unit": str(officer.unit_id or ""),
                    "email": officer.email,
                    "phone": officer.phone,
                    "out_of_hours_phone": officer.out_of_hours_phone,
                    "out_of_hours_note": officer.out_of_hours_note,
                    "staff_number": officer.staff_number or "",
                    "has_left": not officer.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.officer = officer
        self.fields["unit"].choices = _unit_field_choices(
            current=officer.unit if officer else None, blank="Select a team"
        )
        self.fields["full_name"].error_messages["required"] = "Enter the officer's full name"
        self.fields["job_title"].error_messages["required"] = "Enter the officer's job title"
        self.fields["unit"].error_messages["required"] = "Select the officer's team"
        self.fields["unit"].error_messages["invalid_choice"] = "Select a team from the list"
        if officer is None:
            del self.fields["has_left"]
        layout = [
            "full_name",
            "job_title",
            "unit",
            "email",
            "phone",
            "out_of_hours_phone",
            "out_of_hours_note",
            "staff_number",
        ]
        if officer is not None:
            layout.append(Field.checkbox("has_left", small=True))
        self.helper.layout = Layout(*layout)
        self.add_submit("Save officer")

    def clean_unit(self) -> OrgUnit | None:
        return _unit_from_choice(self.cleaned_data.get("unit"))


class UnitForm(_ServiceForm):
    service_field_names = (
        "name",
        "kind",
        "parent",
        "service_area",
        "description",
        "email",
        "phone",
    )
    inactive_field = "is_closed"

    name = forms.CharField(label="Name", max_length=150)
    kind = forms.ChoiceField(label="Type", choices=UnitKind.choices, widget=forms.RadioSelect)
    parent = forms.ChoiceField(
        label="Part of",
        required=False,
        help_text="The directorate or service this belongs to. Leave empty for a directorate.",
    )
    service_area = forms.ModelChoiceField(
        label="Enquiry and casework category (optional)",
        queryset=ServiceArea.objects.all(),
        required=False,
        empty_label="None",
        help_text="The category of enquiries this unit deals with, if any.",
    )
    description = forms.CharField(
        label="What it does (optional)", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    email = forms.EmailField(label="Email address (optional)", required=False)
    phone = forms.CharField(label="Phone number (optional)", required=False, max_length=30)
    is_closed = forms.BooleanField(
        label="This unit no longer exists",
        required=False,
        help_text="It is hidden from the organisation pages but kept for history.",
    )

    def __init__(self, *args, unit: OrgUnit | None = None, **kwargs):
        if unit is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": unit.name,
                    "kind": unit.kind,
                    "parent": str(unit.parent_id or ""),
                    "service_area": unit.service_area_id,
                    "description": unit.description,
                    "email": unit.email,
                    "phone": unit.phone,
                    "is_closed": not unit.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.unit = unit
        self.fields["parent"].choices = _unit_field_choices(
            current=unit.parent if unit else None, blank="None (a top-level directorate)"
        )
        self.fields["name"].error_messages["required"] = "Enter the unit's name"
        self.fields["kind"].error_messages["required"] = "Select the type of unit"
        self.fields["parent"].error_messages["invalid_choice"] = "Select a unit from the list"
        if unit is None:
            del self.fields["is_closed"]
        layout = [
            "name",
            Field.radios("kind", legend_size=Size.SMALL, small=True, inline=True),
            "parent",
            "service_area",
            "description",
            "email",
            "phone",
        ]
        if unit is not None:
            layout.append(Field.checkbox("is_closed", small=True))
        self.helper.layout = Layout(*layout)
        self.add_submit("Save unit")

    def clean_parent(self) -> OrgUnit | None:
        return _unit_from_choice(self.cleaned_data.get("parent"))


class TopicForm(_ServiceForm):
    service_field_names = ("name", "keywords", "unit", "partner", "advice")

    name = forms.CharField(
        label="Topic", max_length=150, help_text="What members ask about, e.g. 'Potholes'."
    )
    keywords = forms.CharField(
        label="Other words for it (optional)",
        required=False,
        max_length=300,
        help_text="Separate them with commas, e.g. 'road defects, pot holes'.",
    )
    unit = forms.ChoiceField(label="Council team that handles it", required=False)
    partner = forms.ModelChoiceField(
        label="Outside body that handles it",
        queryset=PartnerOrganisation.objects.all(),
        required=False,
        empty_label="None",
        help_text="For example the county council, the police, the NHS or a utility company.",
    )
    advice = forms.CharField(
        label="Advice for members (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="How to raise it and what to include.",
    )

    def __init__(self, *args, topic: Topic | None = None, **kwargs):
        if topic is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": topic.name,
                    "keywords": topic.keywords,
                    "unit": str(topic.unit_id or ""),
                    "partner": topic.partner_id,
                    "advice": topic.advice,
                },
            )
        super().__init__(*args, **kwargs)
        self.topic = topic
        partners = PartnerOrganisation.objects.filter(is_active=True)
        if topic is not None and topic.partner_id:
            partners = PartnerOrganisation.objects.filter(
                Q(is_active=True) | Q(pk=topic.partner_id)
            )
        self.fields["partner"].queryset = partners
        self.fields["unit"].choices = _unit_field_choices(
            current=topic.unit if topic else None, blank="None"
        )
        self.fields["name"].error_messages["required"] = "Enter the topic"
        self.fields["unit"].error_messages["invalid_choice"] = "Select a team from the list"
        self.fields["partner"].error_messages["invalid_choice"] = (
            "Select an outside body from the list"
        )
        self.helper.layout = Layout("name", "keywords", "unit", "partner", "advice")
        self.add_submit("Save topic")

    def clean_unit(self) -> OrgUnit | None:
        return _unit_from_choice(self.cleaned_data.get("unit"))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("unit") and not cleaned.get("partner"):
            self.add_error("unit", "Select the council team or the outside body that handles this")
        return cleaned


REVIEW_DATE_HELP = (
    "When someone should check it is still right, usually in 12 months. Content managers are "
    "reminded on the day."
)
REVIEW_DATE_IN_FUTURE = "The review date must be in the future"


class _ReviewedForm(_ServiceForm):
    """A contact or section with a next review date: a new or changed date must be in the
    future (an unchanged past date may stay, so a quick fix is not blocked)."""

    record = None

    def _setup_review_date(self, default):
        field = self.fields["review_date"]
        field.error_messages["required"] = "Enter the next review date"
        field.error_messages["invalid"] = "Next review date must be a real date, like 27/3/2027"
        if self.record is None and not self.is_bound:
            self.initial.setdefault("review_date", default)

    def clean_review_date(self):
        value = self.cleaned_data.get("review_date")
        unchanged = self.record is not None and value == self.record.review_date
        if value and not unchanged and value <= timezone.localdate():
            raise forms.ValidationError(REVIEW_DATE_IN_FUTURE)
        return value


class ContactForm(_ReviewedForm):
    service_area = forms.ModelChoiceField(
        label="Service",
        queryset=ServiceArea.objects.all(),
        required=False,
        empty_label="Council-wide (not one service)",
    )
    kind = forms.ChoiceField(
        label="Type of contact", choices=ContactKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label="Team or role",
        max_length=150,
        help_text="For example ‘Highways duty engineer’. Name the team or role, not a person.",
    )
    phone = forms.CharField(
        label="Phone number", max_length=30, help_text="For example 01632 960 001, or 101."
    )
    email = forms.EmailField(label="Email address (optional)", required=False, max_length=254)
    hours = forms.CharField(
        label="When to use it (optional)",
        required=False,
        max_length=150,
        help_text="For example ‘5pm to 9am on weekdays, and all weekend’.",
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What to call about, and what to have ready.",
    )
    review_date = forms.DateField(label="Next review date", widget=DateInput())
    withdrawn = forms.BooleanField(
        label="This contact is no longer in use",
        required=False,
        help_text="It is taken off the out-of-hours page and the enquiry form, and kept with "
        "its history of changes.",
    )

    service_field_names = (
        "service_area",
        "kind",
        "name",
        "phone",
        "email",
        "hours",
        "notes",
        "review_date",
    )
    inactive_field = "withdrawn"

    def __init__(self, *args, contact: OutOfHoursContact | None = None, **kwargs):
        if contact is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(contact, name) for name in self.service_field_names},
                    "service_area": contact.service_area_id,
                    "withdrawn": not contact.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.record = contact
        areas = ServiceArea.objects.filter(is_active=True)
        if contact is not None and contact.service_area_id:
            areas = ServiceArea.objects.filter(Q(is_active=True) | Q(pk=contact.service_area_id))
        self.fields["service_area"].queryset = areas.order_by("sort_order", "name")
        self.fields["service_area"].error_messages["invalid_choice"] = (
            "Select a service from the list"
        )
        self.fields["kind"].error_messages["required"] = "Select the type of contact"
        self.fields["kind"].error_messages["invalid_choice"] = "Select the type of contact"
        self.fields["name"].error_messages["required"] = "Enter the team or role"
        self.fields["name"].error_messages["max_length"] = (
            "Team or role must be 150 characters or fewer"
        )
        self.fields["phone"].error_messages["required"] = "Enter a phone number"
        self.fields["phone"].error_messages["max_length"] = PHONE_ERROR
        self._setup_review_date(next_review_date())
        if contact is None:
            del self.fields["withdrawn"]
        layout = [
            "service_area",
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            "name",
            Field.text("phone", field_width=20),
            "email",
            "hours",
            "notes",
            "review_date",
        ]
        if contact is not None:
            layout.append(Field.checkbox("withdrawn", small=True))
        self.helper.layout = Layout(*layout)
        self.add_submit("Save contact")

    def clean_phone(self) -> str:
        value = " ".join((self.cleaned_data.get("phone") or "").split())
        validate_phone_number(value)
        return value


class ArrangementForm(_ReviewedForm):
    title = forms.CharField(
        label="Heading",
        max_length=150,
        help_text="For example ‘Major incident arrangements’ or ‘Emergency rest centres’.",
    )
    body = forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Plain text. Leave a blank line between paragraphs. For a bulleted list, "
        "start each line with a dash and a space.",
    )
    sort_order = forms.IntegerField(
        label="Position (optional)",
        required=False,
        min_value=0,
        max_value=9999,
        help_text="Sections are shown lowest number first. Leave empty to add it at the end.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )
    members_only = forms.BooleanField(
        label="Members only",
        required=False,
        help_text="Only councillors, MPs and co-opted members (and content managers) see it.",
    )
    review_date = forms.DateField(label="Next review date", widget=DateInput())
    withdrawn = forms.BooleanField(
        label="Take this section off the page",
        required=False,
        help_text="It is kept with its history of changes and can be put back.",
    )

    service_field_names = ("title", "body", "sort_order", "members_only", "review_date")
    inactive_field = "withdrawn"

    def __init__(self, *args, arrangement: EmergencyArrangement | None = None, **kwargs):
        if arrangement is not None:
            kwargs.setdefault(
                "initial",
                {
                    **{name: getattr(arrangement, name) for name in self.service_field_names},
                    "withdrawn": not arrangement.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.record = arrangement
        self.fields["title"].error_messages["required"] = "Enter the heading"
        self.fields["title"].error_messages["max_length"] = (
            "Heading must be 150 characters or fewer"
        )
        self.fields["body"].error_messages["required"] = "Enter the text of the section"
        for key in ("invalid", "min_value", "max_value"):
            self.fields["sort_order"].error_messages[key] = (
                "Position must be a whole number between 0 and 9999"
            )
        self._setup_review_date(next_review_date())
        if arrangement is None:
            del self.fields["withdrawn"]
        layout = [
            "title",
            "body",
            "sort_order",
            Field.checkbox("members_only", small=True),
            "review_date",
        ]
        if arrangement is not None:
            layout.append(Field.checkbox("withdrawn", small=True))
        self.helper.layout = Layout(*layout)
        self.add_submit("Save section")


class OfficerImportForm(GovukForm):
    file = forms.FileField(
        label="Staff directory file",
        help_text="A CSV file, up to 5MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages.update(
            {
                "required": "Select a CSV file",
                "invalid": "The selected file could not be read",
                "empty": "The selected file is empty",
            }
        )
        self.add_submit("Check the file")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".txt")):
            raise forms.ValidationError("The selected file must be a CSV")
        if upload.size > importing.MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5MB")
        data = upload.read(importing.MAX_BYTES + 1)
        if len(data) > importing.MAX_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 5MB")
        try:
            self.text = importing.decode_upload(data)
        except importing.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload
