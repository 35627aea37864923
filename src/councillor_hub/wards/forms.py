"""Forms for managing ward profiles (democratic services and administrators): the summary and
area, amenities, and the statistics import. Plain forms, not model forms: the services compare
old and new values themselves, so the form must not change the record first."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from councillor_hub.core.forms import GovukForm

from . import importing
from .models import AmenityKind, WardAmenity, WardProfile

MAX_MB = importing.MAX_BYTES // (1024 * 1024)


class WardProfileForm(GovukForm):
    summary = forms.CharField(
        label="What the ward is like",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Its places, its people and its character, in a few short paragraphs.",
    )
    area_hectares = forms.DecimalField(
        label="Area in hectares (optional)",
        required=False,
        min_value=Decimal(0),
        max_digits=9,
        decimal_places=1,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-10", "inputmode": "decimal"}
        ),
        help_text="For example 412.5",
    )

    def __init__(self, *args, profile: WardProfile | None = None, **kwargs):
        if profile is not None:
            kwargs.setdefault(
                "initial", {"summary": profile.summary, "area_hectares": profile.area_hectares}
            )
        super().__init__(*args, **kwargs)
        area = self.fields["area_hectares"]
        area.error_messages.update(
            {
                "invalid": "Area must be a number, like 412.5",
                "min_value": "Area must be 0 or more",
                "max_digits": "Area must be smaller than 100,000,000 hectares",
                "max_whole_digits": "Area must be smaller than 100,000,000 hectares",
                "max_decimal_places": "Area must have no more than 1 decimal place, like 412.5",
            }
        )
        self.helper.layout = Layout("summary", "area_hectares")
        self.add_submit("Save the ward profile")

    def service_fields(self) -> dict:
        return {
            "summary": self.cleaned_data["summary"],
            "area_hectares": self.cleaned_data["area_hectares"],
        }


class AmenityForm(GovukForm):
    kind = forms.ChoiceField(label="Type", choices=AmenityKind.choices, widget=forms.RadioSelect)
    name = forms.CharField(label="Name", max_length=150)
    address = forms.CharField(label="Address (optional)", required=False, max_length=250)
    url = forms.URLField(
        label="Website (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="For example https://www.example.org",
    )
    notes = forms.CharField(
        label="Notes for members (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Opening times, who runs it, anything members should know.",
    )
    is_closed = forms.BooleanField(
        label="This has closed or should no longer be shown",
        required=False,
        help_text="It leaves the ward profile but is kept, with its history.",
    )

    def __init__(self, *args, amenity: WardAmenity | None = None, **kwargs):
        if amenity is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": amenity.kind,
                    "name": amenity.name,
                    "address": amenity.address,
                    "url": amenity.url,
                    "notes": amenity.notes,
                    "is_closed": not amenity.is_active,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["required"] = "Select the type of amenity"
        self.fields["name"].error_messages["required"] = "Enter the amenity's name"
        self.fields["name"].error_messages["max_length"] = (
            "The name must be 150 characters or fewer"
        )
        self.fields["url"].error_messages["invalid"] = (
            "Enter a website address in the correct format, like https://www.example.org"
        )
        if amenity is None:
            del self.fields["is_closed"]
        layout = [
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            "name",
            "address",
            "url",
            "notes",
        ]
        if amenity is not None:
            layout.append(Field.checkbox("is_closed", small=True))
        self.helper.layout = Layout(*layout)
        self.add_submit("Save amenity")

    def service_fields(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("kind", "name", "address", "url", "notes")
        }

    def is_active(self) -> bool:
        return not self.cleaned_data.get("is_closed", False)


class StatisticsImportForm(GovukForm):
    file = forms.FileField(
        label="Ward statistics file",
        help_text=f"A CSV file, up to {MAX_MB}MB and {importing.MAX_ROWS:,} rows.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text = ""
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
        too_big = f"The selected file must be smaller than {MAX_MB}MB"
        if upload.size > importing.MAX_BYTES:
            raise forms.ValidationError(too_big)
        data = upload.read(importing.MAX_BYTES + 1)
        if len(data) > importing.MAX_BYTES:
            raise forms.ValidationError(too_big)
        try:
            self.text = importing.decode_upload(data)
        except importing.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload
