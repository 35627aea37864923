"""Filter panels for the case list and the patterns page. GET forms that are never bound to
a model: values that are not recognised are reported and then ignored, never a 500."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field, Layout
from django import forms

from councillor_hub.accounts.models import Ward
from councillor_hub.core.forms import DateInput, GovukForm
from councillor_hub.core.models import ServiceArea

from ..models import Status
from ..selectors.cases import FOLLOW_UPS, SHARED, SORTS

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2099, 12, 31)


def _owner_choices(owners) -> list[tuple[str, str]]:
    return [(str(u.pk), u.full_name or u.email) for u in owners]


class CaseFilterForm(GovukForm):
    """The "My cases" filter panel."""

    status = forms.MultipleChoiceField(
        label="Status",
        choices=Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select a status from the list"},
    )
    category = forms.ChoiceField(
        label="Category",
        required=False,
        error_messages={"invalid_choice": "Select a category from the list"},
    )
    ward = forms.ChoiceField(
        label="Ward",
        required=False,
        error_messages={"invalid_choice": "Select a ward from the list"},
    )
    owner = forms.ChoiceField(
        label="Councillor",
        required=False,
        error_messages={"invalid_choice": "Select a councillor from the list"},
    )
    shared = forms.ChoiceField(
        label="Whose cases",
        required=False,
        choices=[("", "All cases I can see"), *SHARED.items()],
        error_messages={"invalid_choice": "Select whose cases to show from the list"},
    )
    follow_up = forms.ChoiceField(
        label="Follow-up",
        required=False,
        choices=[("", "Any follow-up date"), *FOLLOW_UPS.items()],
        error_messages={"invalid_choice": "Select a follow-up option from the list"},
    )
    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words from the title, description or a constituent's name, or a reference",
        error_messages={"max_length": "Search must be 200 characters or fewer"},
    )
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=list(SORTS.items()),
        error_messages={"invalid_choice": "Select a sort order from the list"},
    )

    def __init__(self, *args, owners=(), wards=None, **kwargs):
        """`wards`: (id, name) pairs to offer (by default every ward)."""
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address
        self.fields["category"].choices = [
            ("", "All categories"),
            *ServiceArea.objects.filter(is_active=True).values_list("slug", "name"),
        ]
        if wards is None:
            wards = Ward.objects.order_by("name").values_list("pk", "name")
        self.fields["ward"].choices = [("", "All wards"), *((str(pk), name) for pk, name in wards)]
        owners = list(owners)
        fields = ["q", "status", "category", "ward", "follow_up", "shared", "sort"]
        if len(owners) > 1:
            self.fields["owner"].choices = [("", "All"), *_owner_choices(owners)]
            fields.insert(4, "owner")
        else:
            del self.fields["owner"]
        self.helper.layout = Layout(
            Field.text("q"),
            Field.checkboxes("status", small=True),
            *(Field.select(name) for name in fields[2:]),
        )

    def filters(self) -> dict:
        """The values that passed validation; anything invalid is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}


class PatternsFilterForm(GovukForm):
    """The patterns page's choice of owner, dates and status."""

    owner = forms.ChoiceField(
        label="Councillor",
        required=False,
        error_messages={"invalid_choice": "Select a councillor from the list"},
    )
    date_from = forms.DateField(label="Opened from", required=False, widget=DateInput())
    date_to = forms.DateField(label="Opened up to", required=False, widget=DateInput())
    status = forms.MultipleChoiceField(
        label="Status",
        choices=Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select a status from the list"},
    )

    def __init__(self, *args, owners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address
        owners = list(owners)
        fields = []
        if len(owners) > 1:
            self.fields["owner"].choices = _owner_choices(owners)
            fields.append(Field.select("owner"))
        else:
            del self.fields["owner"]
        self.helper.layout = Layout(
            *fields,
            "date_from",
            "date_to",
            Field.checkboxes("status", small=True),
        )

    def clean(self):
        cleaned = super().clean()
        for name in ("date_from", "date_to"):
            value = cleaned.get(name)
            if value and not (EARLIEST <= value <= LATEST):
                label = self.fields[name].label
                self.add_error(name, f"{label} must be between 1990 and 2099")
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "Opened up to must be the same as or after opened from")
        return cleaned

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}
