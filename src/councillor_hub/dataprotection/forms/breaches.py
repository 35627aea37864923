from __future__ import annotations

from django import forms
from django.utils import timezone

from councillor_hub.core.forms import GovukModelForm

from ..models import Breach, IcoDecision

COUNCIL = "council"
OWN = "own"


class DateTimeInput(forms.DateTimeInput):
    """A native date and time field: keyboard-accessible, works without JavaScript."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        attrs = {"class": "govuk-input govuk-input--width-20", **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class BreachForm(GovukModelForm):
    controller_choice = forms.ChoiceField(
        label="Whose data was involved",
        choices=[(COUNCIL, "The council's"), (OWN, "My casework")],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Breach
        fields = [
            "what_happened",
            "discovered_at",
            "occurred_at",
            "data_involved",
            "people_affected",
            "actions_taken",
            "ico_decision",
            "decision_reason",
            "reported_to_ico_at",
        ]
        labels = {
            "what_happened": "What happened",
            "discovered_at": "When the breach was discovered",
            "occurred_at": "When the breach happened (if known)",
            "data_involved": "What personal data was involved",
            "people_affected": "How many people are affected",
            "actions_taken": "What has been done about it",
            "ico_decision": "Decision on reporting to the ICO",
            "decision_reason": "Reason for the decision",
            "reported_to_ico_at": "When it was reported to the ICO",
        }
        help_texts = {
            "discovered_at": "The 72 hours for reporting to the ICO start from this time.",
            "occurred_at": "Leave empty if you do not know.",
            "data_involved": "For example, names and addresses of 12 constituents.",
            "people_affected": "Your best estimate if you do not know exactly.",
            "reported_to_ico_at": "Only if you have reported it.",
        }
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 5}),
            "data_involved": forms.Textarea(attrs={"rows": 3}),
            "actions_taken": forms.Textarea(attrs={"rows": 4}),
            "decision_reason": forms.Textarea(attrs={"rows": 3}),
            "discovered_at": DateTimeInput(),
            "occurred_at": DateTimeInput(),
            "reported_to_ico_at": DateTimeInput(),
            "ico_decision": forms.RadioSelect,
            # GOV.UK advises a text input with a numeric keyboard, not type="number".
            "people_affected": forms.TextInput(
                attrs={
                    "class": "govuk-input govuk-input--width-5",
                    "inputmode": "numeric",
                    "spellcheck": "false",
                }
            ),
        }

    def __init__(self, *args, choose_controller: bool = False, submit: str = "Save", **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_controller:
            del self.fields["controller_choice"]
        else:
            self.order_fields(["controller_choice"])
        # The helper laid the fields out before the choice was removed or moved first.
        self.helper.layout = self.helper.build_default_layout(self)
        self.fields["ico_decision"].choices = IcoDecision.choices
        for name in ("discovered_at", "occurred_at", "reported_to_ico_at"):
            self.fields[name].error_messages["invalid"] = (
                f"{self.fields[name].label} must be a real date and time"
            )
        self.fields["people_affected"].error_messages["min_value"] = (
            "How many people are affected must be 0 or more"
        )
        self.fields["people_affected"].error_messages["invalid"] = (
            "How many people are affected must be a whole number, like 12"
        )
        self.fields["what_happened"].error_messages["required"] = "Enter what happened"
        self.fields["data_involved"].error_messages["required"] = (
            "Enter what personal data was involved"
        )
        self.fields["people_affected"].error_messages["required"] = (
            "Enter how many people are affected"
        )
        self.fields["discovered_at"].error_messages["required"] = (
            "Enter when the breach was discovered"
        )
        self.fields["ico_decision"].error_messages["required"] = (
            "Select the decision on reporting to the ICO"
        )
        self.add_submit(submit)

    def clean(self):
        data = super().clean()
        now = timezone.now()
        discovered = data.get("discovered_at")
        occurred = data.get("occurred_at")
        reported = data.get("reported_to_ico_at")
        decision = data.get("ico_decision")
        if discovered and discovered > now:
            self.add_error("discovered_at", "When the breach was discovered must be in the past")
        if occurred and occurred > now:
            self.add_error("occurred_at", "When the breach happened must be in the past")
        elif occurred and discovered and occurred > discovered:
            self.add_error(
                "occurred_at", "When the breach happened must be before it was discovered"
            )
        if decision and decision != IcoDecision.UNDECIDED and not data.get("decision_reason"):
            self.add_error("decision_reason", "Enter the reason for the decision")
        if reported:
            if decision != IcoDecision.REPORT:
                self.add_error(
                    "reported_to_ico_at",
                    "Only enter when it was reported if the decision is to report to the ICO",
                )
            elif reported > now:
                self.add_error("reported_to_ico_at", "When it was reported must be in the past")
        return data

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
