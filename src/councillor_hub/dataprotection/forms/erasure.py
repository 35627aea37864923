"""Forms for erasing one person's data: find them, see the preview, confirm."""

from __future__ import annotations

from crispy_forms_gds.layout import Submit
from django import forms
from django.core.exceptions import ValidationError

from councillor_hub.core.forms import GovukForm

from ..services.erasure import (
    MAX_EXTRA_TERMS,
    enquiry_search_validate,
    extra_terms_parse,
    extra_terms_validate,
)

CONFIRM_LABEL = "I understand this cannot be undone"
CONFIRM_ERROR = "Confirm that you understand this cannot be undone"
ALSO_LABEL = "Other ways they are named (optional)"
ALSO_HINT = (
    "One a line: a nickname, a former name, or how notes refer to them (for example "
    f"“Mr Q”). At least 3 characters each, up to {MAX_EXTRA_TERMS}."
)


def _clean_also(value: str) -> list[str]:
    terms = extra_terms_parse(value)
    extra_terms_validate(terms)
    return terms


class ConstituentSearchForm(GovukForm):
    q = forms.CharField(
        label="Search your constituents",
        help_text="Name, email address or phone number",
        max_length=200,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-!-width-two-thirds", "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].error_messages["required"] = "Enter a name, email address or phone number"
        self.fields["q"].error_messages["max_length"] = "Search must be 200 characters or fewer"
        self.add_submit("Search")

    def clean_q(self) -> str:
        value = " ".join(self.cleaned_data["q"].split())
        if not value:
            raise ValidationError("Enter a name, email address or phone number")
        return value


class ExtraTermsForm(GovukForm):
    """On the preview page (GET): more ways to find the person, to check before erasing."""

    also = forms.CharField(
        label=ALSO_LABEL,
        help_text=ALSO_HINT,
        required=False,
        max_length=1100,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["also"].error_messages["max_length"] = (
            "Other ways they are named must be 1,100 characters or fewer"
        )
        self.helper.add_input(
            Submit("preview", "Update the preview", css_class="govuk-button--secondary")
        )

    def clean_also(self) -> list[str]:
        return _clean_also(self.cleaned_data["also"])


class _ConfirmForm(GovukForm):
    confirm = forms.BooleanField(label=CONFIRM_LABEL)
    submit_label = "Erase their data"

    def __init__(self, *args, **kwargs):
        # Its own ids: the page also has the (visible) search fields of the same names.
        kwargs.setdefault("auto_id", "confirm_%s")
        super().__init__(*args, **kwargs)
        self.fields["confirm"].error_messages["required"] = CONFIRM_ERROR
        self.helper.add_input(
            Submit("submit", self.submit_label, css_class="govuk-button--warning")
        )


class ConstituentErasureForm(_ConfirmForm):
    """The confirmation (POST): carries the other names the preview used."""

    also = forms.CharField(required=False, max_length=1100, widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        # A hidden field's error would not show beside it: report it above the form.
        try:
            data["also"] = _clean_also(data.get("also") or "")
        except ValidationError as error:
            self.add_error(None, error.messages)
            data["also"] = []
        if "also" in self.errors:
            self.add_error(None, self.errors.pop("also"))
            data["also"] = []
        return data


class EnquirySearchForm(GovukForm):
    """The details to look for in the council's enquiries (GET)."""

    name = forms.CharField(
        label="Full name",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
    )
    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(
            attrs={"class": "govuk-input govuk-!-width-two-thirds", "spellcheck": "false"}
        ),
    )
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=30,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-20", "inputmode": "tel"}
        ),
    )
    also = forms.CharField(
        label=ALSO_LABEL,
        help_text=ALSO_HINT,
        required=False,
        max_length=1100,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, submit: str = "Find their details", **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in (
            ("name", "Full name"),
            ("email", "Email address"),
            ("phone", "Phone number"),
            ("also", "Other ways they are named"),
        ):
            limit = self.fields[name].max_length
            self.fields[name].error_messages["max_length"] = (
                f"{label} must be {limit:,} characters or fewer"
            )
        if submit:
            # Not "submit": the confirmation form on the same page has that button.
            self.helper.add_input(Submit("find", submit))

    def clean_also(self) -> list[str]:
        return _clean_also(self.cleaned_data["also"])

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        for name in ("name", "email", "phone"):
            data[name] = " ".join((data.get(name) or "").split())
        try:
            enquiry_search_validate(name=data["name"], email=data["email"], phone=data["phone"])
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.add_error(name, messages)
        return data

    def search(self) -> dict:
        return {
            "name": self.cleaned_data["name"],
            "email": self.cleaned_data["email"],
            "phone": self.cleaned_data["phone"],
            "extra_terms": self.cleaned_data["also"],
        }


class EnquiryErasureForm(_ConfirmForm):
    """The confirmation (POST): carries the details the preview searched for."""

    name = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    email = forms.CharField(required=False, max_length=254, widget=forms.HiddenInput)
    phone = forms.CharField(required=False, max_length=30, widget=forms.HiddenInput)
    also = forms.CharField(required=False, max_length=1100, widget=forms.HiddenInput)
