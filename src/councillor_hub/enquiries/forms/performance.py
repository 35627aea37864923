"""Filters for the performance report: when enquiries were received, service area and ward."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field, Layout
from django import forms

from councillor_hub.accounts.models import Ward
from councillor_hub.core.forms import DateInput, GovukForm
from councillor_hub.core.models import ServiceArea

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2099, 12, 31)


class PerformanceFilterForm(GovukForm):
    date_from = forms.DateField(label="Received from", required=False, widget=DateInput())
    date_to = forms.DateField(label="Received up to", required=False, widget=DateInput())
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.all(),
        required=False,
        empty_label="All service areas",
        error_messages={"invalid_choice": "Select a service area from the list"},
    )
    ward = forms.ModelChoiceField(
        label="Ward",
        queryset=Ward.objects.all(),
        required=False,
        empty_label="All wards",
        error_messages={"invalid_choice": "Select a ward from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address
        self.fields["date_from"].error_messages["invalid"] = (
            "Received from must be a real date, like 27/3/2026"
        )
        self.fields["date_to"].error_messages["invalid"] = (
            "Received up to must be a real date, like 27/3/2026"
        )
        self.helper.layout = Layout(
            # The DateInput widget carries its own govuk-input classes; Field.text would
            # replace them (and the field would lose its GOV.UK styling).
            "date_from",
            "date_to",
            Field.select("service_area"),
            Field.select("ward"),
        )

    def clean(self):
        cleaned = super().clean()
        for name in ("date_from", "date_to"):
            value = cleaned.get(name)
            if value and not (EARLIEST <= value <= LATEST):
                self.add_error(name, f"{self.fields[name].label} must be between 1990 and 2099")
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Received up to must be the same as or after received from")
        return cleaned

    def filters(self) -> dict:
        """The valid filters only: a bad value is reported on the form and otherwise ignored."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}
