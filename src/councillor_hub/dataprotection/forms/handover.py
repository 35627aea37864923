"""Forms for the end-of-term handover screen: the list's filters, and the choice of cases and
what to do with them (transfer, pass to the council, destroy)."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from councillor_hub.core.forms import GovukForm

from .. import permissions
from ..selectors.handover import (
    CONSENTS,
    STATUSES,
    WARDS,
    handover_base,
    recipient_choices,
)

TRANSFER = "transfer"
COUNCIL = "council"
DESTROY = "destroy"

ACTIONS = [
    Choice(
        TRANSFER,
        "Transfer to another councillor",
        hint="A named successor or a ward colleague. Only cases where every constituent has "
        "agreed to a handover are transferred.",
    ),
    Choice(
        COUNCIL,
        "Pass to the council as an enquiry, then delete your case",
        hint="A constituent's name and contact details go with it only if they agreed to "
        "their details being passed to the council.",
    ),
    Choice(DESTROY, "Delete the case", hint="The case, its timeline and files are deleted."),
]
ACTION_LABELS = {
    TRANSFER: "transfer",
    COUNCIL: "pass to the council",
    DESTROY: "delete",
}

# A handover list is one councillor's casework: a generous cap still stops a huge POST.
MAX_CASES = 1000


class HandoverFilterForm(GovukForm):
    """The handover list's filters (a GET form). Unknown values are ignored."""

    status = forms.ChoiceField(
        label="Cases",
        required=False,
        choices=[("", "Open and closed cases"), *STATUSES.items()],
    )
    ward = forms.ChoiceField(
        label="Ward",
        required=False,
        choices=[("", "All wards"), *WARDS.items()],
    )
    consent = forms.ChoiceField(
        label="Agreement to a handover",
        required=False,
        choices=[("", "Any"), *CONSENTS.items()],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address
        self.helper.layout = Layout(
            Field.select("status"), Field.select("ward"), Field.select("consent")
        )

    def filters(self) -> dict:
        """The values that passed validation; anything invalid is left out."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}


class _ReferencesField(forms.MultipleChoiceField):
    """Case references: checked against the owner's cases in `clean_cases`, not a fixed list
    of choices (a councillor may hold hundreds)."""

    def valid_value(self, value) -> bool:
        return True


class HandoverForm(GovukForm):
    """Which of the owner's cases, and what to do with them. The cases are ticked in the
    list's table (rendered by the template); the action and recipient by crispy."""

    cases = _ReferencesField(
        label="Cases",
        error_messages={"required": "Select at least one case"},
    )
    action = forms.ChoiceField(
        label="What do you want to do with the cases you selected?",
        choices=ACTIONS,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what to do with the cases",
            "invalid_choice": "Select what to do with the cases",
        },
    )
    recipient = forms.ChoiceField(
        label="Who should receive the cases (if you are transferring them)",
        required=False,
        error_messages={"invalid_choice": "Select a councillor from the list"},
    )

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.fields["recipient"].choices = [
            ("", "Choose a councillor"),
            *recipient_choices(owner=owner),
        ]
        self.helper.layout = Layout(
            Field.radios("action", legend_size=Size.MEDIUM, legend_tag="h2"),
            Field.select("recipient"),
        )
        self.add_submit("Continue")

    def clean_cases(self) -> list:
        references = list(dict.fromkeys(str(r).strip() for r in self.cleaned_data["cases"]))
        # Longer than a reference, or holding a NUL (which PostgreSQL refuses): not from the list.
        if any(len(r) > 20 or "\x00" in r for r in references):
            raise forms.ValidationError("Select cases from the list")
        if len(references) > MAX_CASES:
            raise forms.ValidationError(f"Select no more than {MAX_CASES} cases at a time")
        cases = list(
            handover_base(owner=self.owner)
            .filter(reference__in=references)
            .select_related("category", "ward")
            .order_by("reference")
        )
        if len(cases) != len(references):
            raise forms.ValidationError("Select cases from the list")
        return cases

    def clean_recipient(self):
        value = self.cleaned_data.get("recipient")
        if not value:
            return None
        recipient = permissions.handover_recipients(self.owner).filter(pk=value).first()
        if recipient is None:
            raise forms.ValidationError("Select a councillor from the list")
        return recipient

    def clean(self):
        cleaned = super().clean()
        transfer = cleaned.get("action") == TRANSFER
        if transfer and not cleaned.get("recipient") and "recipient" not in self.errors:
            self.add_error("recipient", "Select who should receive the cases")
        return cleaned
