"""Forms for sharing a case, naming a delegate and filtering the access log."""

from __future__ import annotations

from django import forms

from councillor_hub.core.forms import GovukForm

from ..models import ConsentMethod
from ..selectors.access import ACCESS_LOG_ACTIONS


class PersonChoiceField(forms.ModelChoiceField):
    """Choose a person by name; the email tells two people of the same name apart."""

    def label_from_instance(self, obj) -> str:
        return f"{obj.full_name} ({obj.email})" if obj.full_name else obj.email


class CaseShareForm(GovukForm):
    colleague = PersonChoiceField(
        queryset=None,
        label="Ward colleague",
        empty_label="Select a colleague",
        error_messages={
            "required": "Select the ward colleague to share this case with",
            "invalid_choice": "Select a ward colleague from the list",
        },
    )
    consent_method = forms.ChoiceField(
        label="How did the constituent agree?",
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how the constituent agreed",
            "invalid_choice": "Select how the constituent agreed",
        },
    )
    consent_note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        help_text="For example, when they agreed and anything they asked for.",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Note must be 500 characters or fewer"},
    )
    consent_confirmed = forms.BooleanField(
        label="The constituent agreed to their details being shared with this colleague",
        error_messages={
            "required": "Confirm that the constituent agreed to their details being shared"
        },
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["colleague"].queryset = colleagues
        # The base form writes generic "Select ..." messages; these say what to select.
        self.fields["colleague"].error_messages["required"] = (
            "Select the ward colleague to share this case with"
        )
        self.fields["consent_method"].error_messages["required"] = (
            "Select how the constituent agreed"
        )
        self.add_submit("Share case")


class DelegateGrantForm(GovukForm):
    delegate = PersonChoiceField(
        queryset=None,
        label="Person",
        empty_label="Select a person",
        help_text="They will be able to see and change all of your casework until you revoke it.",
        error_messages={
            "required": "Select the person to give access to",
            "invalid_choice": "Select a person from the list",
        },
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delegate"].queryset = candidates
        self.fields["delegate"].error_messages["required"] = "Select the person to give access to"
        self.add_submit("Give access")


class AccessLogFilterForm(forms.Form):
    """GET filters for the access log. Always valid: unknown values are ignored."""

    # A ticked box is absent from the query string when unticked, so a hidden marker tells a
    # submitted form ("show everyone") from a first visit (default: others only).
    SUBMITTED_MARKER = "filtered"
    ACTION_CHOICES = [("", "All actions"), *[(a.value, a.label) for a in ACCESS_LOG_ACTIONS]]

    others = forms.BooleanField(label="Only show other people's actions", required=False)
    action = forms.CharField(
        label="Action", required=False, widget=forms.Select(choices=ACTION_CHOICES)
    )

    def __init__(self, data, *args, **kwargs):
        data = data.copy()
        if self.SUBMITTED_MARKER not in data:
            data["others"] = "on"
        super().__init__(data, *args, **kwargs)

    def clean_action(self) -> str:
        value = self.cleaned_data["action"]
        return value if value in {a.value for a in ACCESS_LOG_ACTIONS} else ""

    def filters(self) -> dict:
        self.is_valid()
        return {
            "others_only": bool(self.cleaned_data.get("others")),
            "action": self.cleaned_data.get("action", ""),
        }
