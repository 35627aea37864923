"""Forms for managing the directory (democratic services and administrators): officers,
units and topics, and the staff directory import. Plain forms, not model forms: the services
compare old and new values themselves, so the form must not change the record first."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.db.models import Q

from councillor_hub.core.forms import GovukForm
from councillor_hub.core.models import ServiceArea

from . import importing
from .models import Officer, OrgUnit, PartnerOrganisation, Topic, UnitKind
from .selectors import unit_options


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


class OfficerForm(GovukForm):
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

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in OFFICER_FORM_FIELDS}

    def is_active(self) -> bool:
        return not self.cleaned_data.get("has_left", False)


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


class UnitForm(GovukForm):
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

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("name", "kind", "parent", "service_area", "description", "email", "phone")
        }

    def is_active(self) -> bool:
        return not self.cleaned_data.get("is_closed", False)


class TopicForm(GovukForm):
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

    def service_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "keywords", "unit", "partner", "advice")
        }


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
