"""Forms for the member's side: the one template form to raise an enquiry, the reply and the
rating. They only collect and tidy input; the services check permission and write."""

from __future__ import annotations

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Field, Fieldset, Layout, Size
from django import forms

from councillor_hub.accounts.models import User, Ward
from councillor_hub.casework.services.attachments import ACCEPT
from councillor_hub.core.forms import GovukForm
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.postcodes import normalise_postcode

from ..models import EnquiryCategory, SensitiveReason, Urgency
from ..selectors.member import STATUS_GROUPS
from ..services.raising import CONSTITUENT_FIELDS

UPLOAD_HELP = (
    "PDF, Word, Excel, OpenDocument, image or text files, up to 10MB each. "
    "You can select more than one."
)

URGENCY_HINTS = {
    Urgency.EMERGENCY: "A danger to people or property now. You must also phone it in.",
    Urgency.URGENT: "Needs an answer within a couple of days.",
    Urgency.STANDARD: "Most enquiries. Answered within 5 working days.",
    Urgency.COMPLEX: "Needs several services or some investigation.",
}

SHARE_LABELS = {
    "name": "Send their name",
    "address": "Send their address",
    "email": "Send their email address",
    "phone": "Send their phone number",
}


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True

    def __init__(self, attrs=None):
        # crispy-forms-gds styles widgets by class name, so it would miss this subclass.
        super().__init__({"class": "govuk-file-upload", **(attrs or {})})


class MultipleFileField(forms.FileField):
    """A file input that takes several files at once (all optional)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class EnquiryRaiseForm(GovukForm):
    """The template form for an enquiry: what, where, how urgent, and any personal data."""

    member = MemberChoiceField(
        label="Who is the enquiry from?",
        queryset=User.objects.none(),
        empty_label="Select a councillor",
    )
    service_area = forms.ChoiceField(
        label="Which service is it about?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the service the enquiry is about"},
    )
    category = forms.ChoiceField(
        label="What kind of enquiry is it? (optional)",
        required=False,
        error_messages={"invalid_choice": "Select a kind of enquiry from the list"},
    )
    subject = forms.CharField(
        label="Subject",
        max_length=200,
        help_text="A short summary, like 'Pothole outside 12 High Street'",
        error_messages={
            "required": "Enter a subject",
            "max_length": "Subject must be 200 characters or fewer",
        },
    )
    description = forms.CharField(
        label="What is the enquiry?",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What has happened, what you are asking the council to do, and by when.",
        error_messages={"required": "Enter a description of the enquiry"},
    )
    location = forms.CharField(
        label="Location (optional)",
        max_length=250,
        required=False,
        help_text="An address or place, like 'Corner of Mill Lane and Station Road'",
        error_messages={"max_length": "Location must be 250 characters or fewer"},
    )
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    ward = forms.ModelChoiceField(
        label="Ward",
        queryset=Ward.objects.order_by("name"),
        required=False,
        empty_label="Not in a ward, or not known",
    )
    suggested_urgency = forms.ChoiceField(
        label="How urgent is it?",
        widget=forms.RadioSelect,
        initial=Urgency.STANDARD,
        help_text="The member support team confirms the urgency when they triage it.",
        error_messages={"required": "Select how urgent the enquiry is"},
    )
    uploads = MultipleFileField(label="Attach files (optional)", required=False)
    is_sensitive = forms.BooleanField(
        label="This enquiry is sensitive",
        required=False,
        help_text="Personal or safeguarding matters: only named officers will see it.",
    )
    sensitive_reason = forms.ChoiceField(
        label="Why is it sensitive?",
        required=False,
        widget=forms.RadioSelect,
        choices=SensitiveReason.choices,
    )
    constituent_name = forms.CharField(label="Name", max_length=200, required=False)
    constituent_address = forms.CharField(
        label="Address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    constituent_email = forms.EmailField(label="Email address", required=False)
    constituent_phone = forms.CharField(label="Phone number", max_length=30, required=False)
    case_constituent = forms.ChoiceField(
        label="Which constituent is the enquiry about?",
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a constituent from the list"},
    )
    case_share = forms.MultipleChoiceField(
        label="Which of their details should go to the council?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Send only what the council needs to deal with the enquiry.",
        error_messages={"invalid_choice": "Select details from the list"},
    )

    def __init__(
        self,
        *args,
        members=(),
        case=None,
        case_constituents=(),
        share_values: dict | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.case = case
        members = list(members)
        if len(members) > 1:
            self.fields["member"].queryset = User.objects.filter(
                pk__in=[m.pk for m in members]
            ).order_by("full_name", "email")
        else:
            del self.fields["member"]
        self.single_member = members[0] if len(members) == 1 else None

        self.service_areas = {
            str(area.pk): area for area in ServiceArea.objects.filter(is_active=True)
        }
        self.fields["service_area"].choices = [
            Choice(key, area.name, hint=area.description) if area.description else (key, area.name)
            for key, area in self.service_areas.items()
        ]
        categories = EnquiryCategory.objects.filter(
            is_active=True, service_area__is_active=True
        ).select_related("service_area")
        self.categories = {str(c.pk): c for c in categories}
        groups: dict[str, list] = {}
        for key, category in self.categories.items():
            groups.setdefault(category.service_area.name, []).append((key, category.name))
        self.fields["category"].choices = [("", "Not sure"), *groups.items()]
        self.fields["suggested_urgency"].choices = [
            Choice(value, label, hint=URGENCY_HINTS[value]) for value, label in Urgency.choices
        ]
        self.fields["uploads"].help_text = UPLOAD_HELP
        self.fields["uploads"].error_messages["invalid"] = "The selected file could not be read"
        self.fields["sensitive_reason"].error_messages["invalid_choice"] = (
            "Select why the enquiry is sensitive"
        )

        self.case_constituents = {str(c.pk): c for c in case_constituents}
        personal: list = []
        if case is not None and self.case_constituents:
            if len(self.case_constituents) > 1:
                self.fields["case_constituent"].choices = [
                    (key, c.full_name) for key, c in self.case_constituents.items()
                ]
                self.fields["case_constituent"].error_messages["required"] = (
                    "Select which constituent the enquiry is about"
                )
                personal.append(Field.radios("case_constituent", legend_size=Size.SMALL))
            else:
                del self.fields["case_constituent"]
            values = share_values or {}
            self.fields["case_share"].choices = [
                (key, f"{label}: {values[key]}" if values.get(key) else label)
                for key, label in SHARE_LABELS.items()
            ]
            personal.append(Field.checkboxes("case_share", legend_size=Size.SMALL))
            for key in CONSTITUENT_FIELDS.values():
                del self.fields[key]
        else:
            del self.fields["case_constituent"]
            del self.fields["case_share"]
            personal = [
                HTML(
                    '<p class="govuk-body">Only if the council needs them to deal with the '
                    "enquiry.</p>"
                ),
                "constituent_name",
                "constituent_address",
                "constituent_email",
                "constituent_phone",
            ]

        layout = []
        if "member" in self.fields:
            layout.append(Field.select("member"))
        layout += [
            Field.radios("service_area", legend_size=Size.MEDIUM, small=True),
            Field.select("category"),
            Field.text("subject"),
            Field.textarea("description"),
            Fieldset(
                Field.text("location"),
                Field.text("postcode", field_width=10),
                Field.select("ward"),
                legend="Where is it?",
                legend_size=Size.MEDIUM,
            ),
            Field.radios("suggested_urgency", legend_size=Size.MEDIUM),
            HTML('{% include "enquiries/member/_emergency_contacts.html" %}'),
            Field("uploads"),
            Fieldset(
                *personal,
                legend="The constituent's details (optional)",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkbox("is_sensitive", small=True),
                Field.radios("sensitive_reason", small=True, legend_size=Size.SMALL),
                legend="Sensitive enquiries",
                legend_size=Size.MEDIUM,
            ),
        ]
        self.helper.layout = Layout(*layout)

    def clean_service_area(self) -> ServiceArea:
        return self.service_areas[self.cleaned_data["service_area"]]

    def clean_category(self) -> EnquiryCategory | None:
        key = self.cleaned_data.get("category")
        return self.categories.get(key) if key else None

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        try:
            return normalise_postcode(value)
        except ValueError:
            raise forms.ValidationError("Enter a real postcode, like SW1A 1AA") from None

    def clean_case_constituent(self):
        key = self.cleaned_data.get("case_constituent")
        return self.case_constituents.get(key) if key else None

    def clean(self):
        cleaned = super().clean()
        area, category = cleaned.get("service_area"), cleaned.get("category")
        if area is not None and category is not None and category.service_area_id != area.pk:
            self.add_error("category", f"Select a kind of enquiry about {area.name}")
        if cleaned.get("is_sensitive") and not cleaned.get("sensitive_reason"):
            self.add_error("sensitive_reason", "Select why the enquiry is sensitive")
        if self.case is not None and self.case_constituents and cleaned.get("case_share"):
            if len(self.case_constituents) == 1:
                cleaned["case_constituent"] = next(iter(self.case_constituents.values()))
            elif not cleaned.get("case_constituent") and "case_constituent" not in self.errors:
                self.add_error("case_constituent", "Select which constituent the enquiry is about")
        return cleaned

    def member_choice(self) -> User | None:
        return self.cleaned_data.get("member") or self.single_member

    def constituent_fields(self) -> dict:
        """Details typed in (not from a case), by the service's keys."""
        return {
            key: self.cleaned_data.get(name, "")
            for key, name in CONSTITUENT_FIELDS.items()
            if self.cleaned_data.get(name)
        }


class MemberReplyForm(GovukForm):
    body = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter your reply"},
    )
    uploads = MultipleFileField(label="Attach files (optional)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["uploads"].help_text = UPLOAD_HELP
        self.fields["uploads"].error_messages["invalid"] = "The selected file could not be read"
        self.add_submit("Send reply")


class RatingForm(GovukForm):
    rating = forms.TypedChoiceField(
        label="How good was the answer?",
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (5, "5: Very good"),
            (4, "4: Good"),
            (3, "3: Adequate"),
            (2, "2: Poor"),
            (1, "1: Very poor"),
        ],
        error_messages={
            "required": "Select how good the answer was",
            "invalid_choice": "Select how good the answer was",
        },
    )
    comment = forms.CharField(
        label="Anything you would like to tell us? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Do not include personal information.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("rating", legend_size=Size.SMALL, small=True), "comment"
        )
        self.add_submit("Send rating")


class MyEnquiriesFilterForm(GovukForm):
    """The filter on "Your enquiries"; anything invalid is ignored."""

    q = forms.CharField(
        label="Search",
        required=False,
        max_length=200,
        help_text="Words from the subject, or a reference like ENQ-2026-00012",
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "All"), *((key, label) for key, (label, _) in STATUS_GROUPS.items())],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.text("q"), Field.select("status"))

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v}
