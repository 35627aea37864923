"""Forms for adding and changing constituents, recording consent and merging records."""

from __future__ import annotations

import re

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms

from councillor_hub.accounts.models import User, Ward
from councillor_hub.core.forms import GovukForm, GovukModelForm
from councillor_hub.core.postcodes import clean_optional_postcode

from ..models import ConsentMethod, ConsentPurpose, Constituent, ContactMethod
from ..services.constituents import EDITABLE_FIELDS

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()-]+$")
PHONE_ERROR = "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class ConstituentForm(GovukModelForm):
    """A constituent's details. `owners` (the councillors the user acts for) adds an
    "on behalf of" choice when there is more than one."""

    class Meta:
        model = Constituent
        fields = list(EDITABLE_FIELDS)
        labels = {
            "title": "Title (optional)",
            "first_name": "First name",
            "last_name": "Last name",
            "address_line_1": "Address line 1 (optional)",
            "address_line_2": "Address line 2 (optional)",
            "town": "Town or city (optional)",
            "postcode": "Postcode (optional)",
            "ward": "Ward (optional)",
            "email": "Email address (optional)",
            "phone": "Phone number (optional)",
            "preferred_contact": "How would they prefer to be contacted?",
            "accessibility_needs": "Accessibility or communication needs (optional)",
            "is_vulnerable": "There is a vulnerability or safeguarding concern",
            "vulnerability_note": "Vulnerability or safeguarding note (optional)",
        }
        help_texts = {
            "title": "For example, Mr, Ms, Dr",
            "accessibility_needs": "For example, large print letters or a British Sign Language "
            "interpreter",
            "is_vulnerable": "Only tick this if it matters for how their casework is handled. "
            "It is shown only on this person's page and their case pages.",
            "vulnerability_note": "Say briefly what others working on their casework need to "
            "know. Shown only on this person's page.",
        }
        widgets = {
            "preferred_contact": forms.RadioSelect,
            "accessibility_needs": forms.Textarea(attrs={"rows": 3}),
            "vulnerability_note": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }

    # Longer than the stored value so "sw1a1aa " or a mistyped code reaches the postcode check.
    postcode = forms.CharField(
        label="Postcode (optional)",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    owner = OwnerChoiceField(
        label="Whose casework is this for?",
        queryset=User.objects.none(),
        empty_label="Select a councillor",
        required=False,
    )
    confirm_different = forms.BooleanField(
        label="These are different people: add a new record anyway",
        required=False,
    )

    def __init__(self, *args, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        owners = list(owners or [])
        self.order_fields(["owner", *EDITABLE_FIELDS])
        if len(owners) > 1:
            self.fields["owner"].queryset = User.objects.filter(pk__in=[o.pk for o in owners])
            self.fields["owner"].required = True
            self.fields["owner"].error_messages["required"] = (
                "Select whose casework this constituent belongs to"
            )
        else:
            del self.fields["owner"]
        self.fields["ward"].queryset = Ward.objects.order_by("name")
        self.fields["ward"].empty_label = "Not known"
        self.fields["first_name"].error_messages["required"] = "Enter the constituent's first name"
        self.fields["last_name"].error_messages["required"] = "Enter the constituent's last name"
        self.fields["preferred_contact"].error_messages["required"] = (
            "Select how they prefer to be contacted"
        )
        self.fields["preferred_contact"].choices = ContactMethod.choices
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and field.max_length:
                label = (field.label or "").replace(" (optional)", "")
                field.error_messages["max_length"] = (
                    f"{label} must be {field.max_length} characters or fewer"
                )
        self.fields["first_name"].widget.attrs["autocomplete"] = "off"
        self.fields["last_name"].widget.attrs["autocomplete"] = "off"
        names = ["owner"] if "owner" in self.fields else []
        self.helper.layout = Layout(
            *[Field.select(name) for name in names],
            Fieldset(
                Field.text("title", field_width=5),
                Field.text("first_name", field_width="two-thirds"),
                Field.text("last_name", field_width="two-thirds"),
                legend="Name",
                legend_size=Size.MEDIUM,
                legend_tag="h2",
            ),
            Fieldset(
                Field.text("address_line_1"),
                Field.text("address_line_2"),
                Field.text("town", field_width="two-thirds"),
                Field.text("postcode", field_width=10),
                Field.select("ward"),
                legend="Address",
                legend_size=Size.MEDIUM,
                legend_tag="h2",
            ),
            Fieldset(
                Field.text("email", field_width="two-thirds"),
                Field.text("phone", field_width=20),
                Field.radios("preferred_contact", legend_size=Size.SMALL),
                Field.textarea("accessibility_needs", rows=3),
                legend="Contact",
                legend_size=Size.MEDIUM,
                legend_tag="h2",
            ),
            Fieldset(
                Field.checkbox("is_vulnerable"),
                Field.textarea("vulnerability_note", rows=3),
                legend="Restricted information",
                legend_size=Size.MEDIUM,
                legend_tag="h2",
            ),
        )
        self.add_submit("Save constituent")

    def clean_postcode(self) -> str:
        return clean_optional_postcode(self.cleaned_data.get("postcode"))

    def clean_phone(self) -> str:
        value = (self.cleaned_data.get("phone") or "").strip()
        if not value:
            return ""
        digits = re.sub(r"\D", "", value)
        if not _PHONE_CHARS.match(value) or not 7 <= len(digits) <= 15:
            raise forms.ValidationError(PHONE_ERROR, code="invalid_phone")
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("vulnerability_note") and not cleaned.get("is_vulnerable"):
            self.add_error(
                "vulnerability_note",
                "Tick the box to record a vulnerability or safeguarding concern, "
                "or delete the note",
            )
        return cleaned

    def constituent_fields(self) -> dict:
        """The cleaned values the constituent services take."""
        return {name: self.cleaned_data[name] for name in EDITABLE_FIELDS}


class ConsentForm(GovukForm):
    purpose = forms.ChoiceField(
        label="What is this consent for?",
        choices=ConsentPurpose.choices,
        widget=forms.RadioSelect,
    )
    given = forms.TypedChoiceField(
        label="Did they agree?",
        choices=[("yes", "Yes, they agreed"), ("no", "No, they refused or withdrew consent")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    method = forms.ChoiceField(
        label="How did they tell you?",
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note (optional)",
        help_text="For example, the date of their letter. Do not include health or other "
        "sensitive details.",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "The note must be 500 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The base form writes its own "Select ..." messages; these read better.
        self.fields["purpose"].error_messages["required"] = "Select what the consent is for"
        self.fields["given"].error_messages["required"] = "Select whether they agreed"
        self.fields["method"].error_messages["required"] = "Select how they told you"
        for name in ("purpose", "method"):
            self.fields[name].error_messages["invalid_choice"] = self.fields[name].error_messages[
                "required"
            ]
        self.helper.layout = Layout(
            Field.radios("purpose", legend_size=Size.MEDIUM),
            Field.radios("given", legend_size=Size.MEDIUM),
            Field.radios("method", legend_size=Size.MEDIUM),
            Field.textarea("note", rows=3, max_characters=500),
        )
        self.add_submit("Record consent")


class MergeSearchForm(GovukForm):
    """Find the other record to merge (a GET form)."""

    q = forms.CharField(
        label="Search this councillor's constituents",
        help_text="Name, email address, phone number or postcode",
        required=False,
        max_length=200,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address bar
