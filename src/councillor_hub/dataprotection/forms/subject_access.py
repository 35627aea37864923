from __future__ import annotations

from crispy_forms_gds.layout import Submit
from django import forms
from django.utils import timezone

from councillor_hub.core.forms import DateInput, GovukForm, GovukModelForm

from ..models import IdentityCheck, SubjectAccessRequest
from ..services.subject_access import MIN_PHONE_DIGITS, phone_digits, sar_extension_errors

COUNCIL = "council"
OWN = "own"


class SarForm(GovukModelForm):
    """Log a subject access request."""

    controller_choice = forms.ChoiceField(
        label="Whose data is the request for",
        choices=[(COUNCIL, "The council's (enquiries)"), (OWN, "My casework")],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = SubjectAccessRequest
        fields = [
            "requester_name",
            "requester_contact",
            "received_on",
            "identity_check",
            "identity_note",
        ]
        labels = {
            "requester_name": "Requester's full name",
            "requester_contact": "Where to send the response",
            "received_on": "Date the request was received",
            "identity_check": "How their identity was checked",
            "identity_note": "Notes on the identity check (optional)",
        }
        help_texts = {
            "requester_name": "The person whose data is asked for.",
            "requester_contact": "A postal address or email address.",
            "received_on": "The one-month deadline counts from this day.",
            "identity_note": "For example, which document you saw. "
            "Do not write down document numbers.",
        }
        widgets = {
            "requester_name": forms.TextInput(
                attrs={"class": "govuk-input govuk-!-width-two-thirds", "spellcheck": "false"}
            ),
            "requester_contact": forms.Textarea(attrs={"rows": 3}),
            "received_on": DateInput(),
            "identity_check": forms.RadioSelect,
        }

    def __init__(self, *args, choose_controller: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not choose_controller:
            del self.fields["controller_choice"]
        else:
            self.order_fields(["controller_choice"])
        # The helper laid the fields out before the choice was removed or moved first.
        self.helper.layout = self.helper.build_default_layout(self)
        self.fields["requester_contact"].required = True
        self.fields["identity_check"].choices = IdentityCheck.choices
        self.fields["requester_name"].error_messages["required"] = "Enter the requester's full name"
        self.fields["requester_contact"].error_messages["required"] = (
            "Enter where to send the response"
        )
        self.fields["received_on"].error_messages["required"] = (
            "Enter the date the request was received"
        )
        self.fields["received_on"].error_messages["invalid"] = (
            "The date the request was received must be a real date"
        )
        self.fields["identity_check"].error_messages["required"] = (
            "Select how their identity was checked"
        )
        if "controller_choice" in self.fields:
            self.fields["controller_choice"].error_messages["required"] = (
                "Select whose data the request is for"
            )
        self.add_submit("Log the request")

    def clean_received_on(self):
        value = self.cleaned_data["received_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(
                "The date the request was received must be today or in the past"
            )
        return value

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _submit(form, name: str, label: str, css_class: str = "") -> None:
    # Distinct names, so each button on a page with several forms has its own id.
    form.helper.add_input(Submit(name, label, css_class=css_class))


class SarExtendForm(GovukForm):
    extended_due_on = forms.DateField(label="New due date", widget=DateInput())
    extension_reason = forms.CharField(
        label="Why the response needs more time",
        help_text="For example, the request is complex or the person has made several requests.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    requester_told_on = forms.DateField(
        label="Date the requester was told about the extension and why",
        help_text="They must be told within the first month.",
        widget=DateInput(),
    )

    def __init__(self, *args, sar: SubjectAccessRequest, latest, **kwargs):
        super().__init__(*args, **kwargs)
        self.sar = sar
        self.fields[
            "extended_due_on"
        ].help_text = (
            f"No later than {latest.day} {latest:%B %Y} (two months after the original due date)."
        )
        self.fields["extended_due_on"].error_messages.update(
            required="Enter the new due date", invalid="The new due date must be a real date"
        )
        self.fields["extension_reason"].error_messages["required"] = (
            "Enter why the response needs more time"
        )
        self.fields["requester_told_on"].error_messages.update(
            required="Enter the date the requester was told about the extension",
            invalid="The date the requester was told must be a real date",
        )
        _submit(self, "extend", "Extend the deadline")

    def clean(self):
        data = super().clean()
        errors = sar_extension_errors(
            sar=self.sar,
            extended_due_on=data.get("extended_due_on"),
            extension_reason=data.get("extension_reason", ""),
            requester_told_on=data.get("requester_told_on"),
        )
        for name, message in errors.items():
            if name not in self.errors:  # a field's own error (not a real date) comes first
                self.add_error(name, message)
        return data


class SarCompleteForm(GovukForm):
    completed_on = forms.DateField(label="Date the response was sent", widget=DateInput())

    def __init__(self, *args, sar: SubjectAccessRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.sar = sar
        self.fields["completed_on"].error_messages.update(
            required="Enter the date the response was sent",
            invalid="The date the response was sent must be a real date",
        )
        _submit(self, "complete", "Mark as completed")

    def clean_completed_on(self):
        value = self.cleaned_data["completed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                "The date the response was sent must be today or in the past"
            )
        if value < self.sar.received_on:
            raise forms.ValidationError(
                "The date the response was sent must be on or after the date the request was "
                f"received ({self.sar.received_on.day} {self.sar.received_on:%B %Y})"
            )
        return value


class SarWithdrawForm(GovukForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _submit(self, "withdraw", "Mark as withdrawn", "govuk-button--secondary")


class SarReopenForm(GovukForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _submit(self, "reopen", "Reopen the request", "govuk-button--secondary")


class ConstituentSearchForm(GovukForm):
    """Find the councillor's constituent records (a GET form)."""

    q = forms.CharField(
        label="Search your constituents",
        help_text="Name, email address, phone number or postcode",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update(
            {"class": "govuk-input govuk-!-width-two-thirds", "spellcheck": "false"}
        )


class ConstituentLabelField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        details = [*obj.address_lines, obj.email, obj.phone]
        cases = getattr(obj, "case_count", None)
        label = ", ".join([obj.full_name, *(d for d in details if d)])
        if cases is not None:
            label += f" ({cases} case{'s' if cases != 1 else ''})"
        return label


class SarConstituentsForm(GovukForm):
    """Tick the constituent records that are the requester."""

    constituents = ConstituentLabelField(
        label="Which of these records are this person",
        help_text="Tick every record that is the requester. Untick a record to remove it.",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["constituents"].queryset = queryset
        self.fields["constituents"].error_messages.update(
            invalid_choice="Select only your own constituent records",
            invalid_pk_value="Select only your own constituent records",
        )
        _submit(self, "save", "Save the chosen records")


class SarEnquiryMatchForm(GovukForm):
    """The details the council's enquiries are matched on."""

    match_name = forms.CharField(
        label="Name",
        help_text="Enquiries whose constituent name is this name or contains every word of it.",
        required=False,
        max_length=200,
    )
    match_email = forms.EmailField(label="Email address", required=False, max_length=254)
    match_phone = forms.CharField(
        label="Phone number",
        help_text="Spaces and the +44 prefix do not matter.",
        required=False,
        max_length=30,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["match_name"].widget.attrs.update(
            {"class": "govuk-input govuk-!-width-two-thirds", "spellcheck": "false"}
        )
        self.fields["match_email"].widget.attrs.update(
            {"class": "govuk-input govuk-!-width-two-thirds", "spellcheck": "false"}
        )
        self.fields["match_phone"].widget.attrs.update(
            {"class": "govuk-input govuk-input--width-20", "inputmode": "tel"}
        )
        _submit(self, "search", "Find enquiries")

    def clean_match_name(self):
        value = " ".join(self.cleaned_data["match_name"].split())
        if value and len(value) < 2:
            raise forms.ValidationError("The name must be 2 characters or more")
        return value

    def clean_match_phone(self):
        value = self.cleaned_data["match_phone"].strip()
        if value and len(phone_digits(value)) < MIN_PHONE_DIGITS:
            raise forms.ValidationError("Enter a phone number, like 01632 960 001 or 07700 900 982")
        return value

    def clean(self):
        data = super().clean()
        if not self.errors and not any(
            data.get(name) for name in ("match_name", "match_email", "match_phone")
        ):
            raise forms.ValidationError("Enter a name, email address or phone number to search for")
        return data
