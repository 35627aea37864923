"""Forms for the member support team: log an enquiry for a member, the four triage decisions,
extend the due date, internal notes, partner responses and sending a reply. They only collect
and tidy input; the services check permission and write."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size, Submit
from django import forms

from councillor_hub.accounts.models import User, Ward
from councillor_hub.accounts.roles import Role
from councillor_hub.casework.services.attachments import ACCEPT
from councillor_hub.core.forms import GovukForm
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.postcodes import clean_optional_postcode

from ..models import (
    OPEN_STATUSES,
    Enquiry,
    EnquiryCategory,
    RaisedVia,
    RedirectProcess,
    SensitiveReason,
    Urgency,
)
from ..selectors.triage import active_partners, named_viewer_candidates, routing_officers

UPLOAD_HELP = "PDF, Word, Excel, OpenDocument, image or text file, up to 10MB."


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.full_name or obj.email


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        areas = ", ".join(sorted({r.service_area.name for r in obj.roles.all() if r.service_area}))
        name = obj.full_name or obj.email
        return f"{name} ({areas})" if areas else name


class PartnerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        contact = ", ".join(p for p in [obj.contact_name, obj.email, obj.phone] if p)
        return f"{obj.name} ({obj.get_kind_display()}){': ' + contact if contact else ''}"


def _categories():
    return EnquiryCategory.objects.filter(is_active=True).select_related("service_area")


def _check_category(form: forms.Form, cleaned: dict) -> None:
    area, category = cleaned.get("service_area"), cleaned.get("category")
    if area and category and category.service_area_id != area.pk:
        form.add_error("category", f"Select a category in {area.name}")


class LogOnBehalfForm(GovukForm):
    member = PersonChoiceField(
        label="Which member is the enquiry from?",
        queryset=User.objects.none(),
        empty_label="Select a councillor or MP",
    )
    raised_via = forms.ChoiceField(
        label="How did it reach the council?",
        choices=[c for c in RaisedVia.choices if c[0] != RaisedVia.PORTAL],
        widget=forms.RadioSelect,
    )
    service_area = forms.ModelChoiceField(
        label="Service area",
        queryset=ServiceArea.objects.filter(is_active=True),
        empty_label="Select a service area",
    )
    category = forms.ModelChoiceField(
        label="Category (optional)",
        queryset=EnquiryCategory.objects.none(),
        required=False,
        empty_label="No category",
    )
    subject = forms.CharField(label="Subject", max_length=200)
    description = forms.CharField(
        label="Description", widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    location = forms.CharField(label="Location (optional)", max_length=250, required=False)
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    ward = forms.ModelChoiceField(
        label="Ward (optional)",
        queryset=Ward.objects.all(),
        required=False,
        empty_label="Not in a ward, or not known",
    )
    suggested_urgency = forms.ChoiceField(
        label="Urgency the member asked for",
        choices=Urgency.choices,
        initial=Urgency.STANDARD,
        widget=forms.RadioSelect,
    )
    constituent_name = forms.CharField(
        label="Constituent's name (optional)", max_length=200, required=False
    )
    constituent_address = forms.CharField(
        label="Constituent's address (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    constituent_email = forms.EmailField(label="Constituent's email (optional)", required=False)
    constituent_phone = forms.CharField(
        label="Constituent's phone (optional)", max_length=30, required=False
    )
    is_sensitive = forms.BooleanField(
        label="This enquiry is sensitive (personal or safeguarding)", required=False
    )
    sensitive_reason = forms.ChoiceField(
        label="Why is it sensitive?",
        choices=[("", "Select a reason"), *SensitiveReason.choices],
        required=False,
    )
    upload = forms.FileField(
        label="Attach a file (optional)",
        required=False,
        help_text=UPLOAD_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = (
            User.objects.filter(is_active=True, roles__role__in=[Role.COUNCILLOR, Role.MP])
            .distinct()
            .order_by("full_name", "email")
        )
        self.fields["category"].queryset = _categories()
        self.fields["member"].error_messages["required"] = "Select the member"
        self.fields["member"].error_messages["invalid_choice"] = "Select a councillor or MP"
        self.fields["raised_via"].error_messages["required"] = (
            "Select how the enquiry reached the council"
        )
        self.fields["service_area"].error_messages["required"] = "Select the service area"
        self.fields["service_area"].error_messages["invalid_choice"] = "Select the service area"
        self.fields["subject"].error_messages["required"] = "Enter a subject"
        self.fields["description"].error_messages["required"] = "Describe the enquiry"
        self.fields["upload"].error_messages["invalid"] = "The selected file could not be read"
        self.helper.layout = Layout(
            "member",
            Field.radios("raised_via", legend_size=Size.SMALL, small=True),
            "service_area",
            "category",
            "subject",
            "description",
            "location",
            "postcode",
            "ward",
            Field.radios("suggested_urgency", legend_size=Size.SMALL, small=True),
            Fieldset(
                "constituent_name",
                "constituent_address",
                "constituent_email",
                "constituent_phone",
                legend="Constituent details the member sent",
                legend_size=Size.SMALL,
            ),
            Fieldset(
                Field.checkbox("is_sensitive", small=True),
                "sensitive_reason",
                legend="Sensitive enquiry",
                legend_size=Size.SMALL,
            ),
            "upload",
        )
        self.add_submit("Log the enquiry")

    def clean_postcode(self) -> str:
        return clean_optional_postcode(self.cleaned_data["postcode"])

    def clean(self):
        cleaned = super().clean()
        _check_category(self, cleaned)
        if cleaned.get("is_sensitive") and not cleaned.get("sensitive_reason"):
            self.add_error("sensitive_reason", "Select why the enquiry is sensitive")
        if not cleaned.get("is_sensitive"):
            cleaned["sensitive_reason"] = ""
        return cleaned

    def constituent_fields(self) -> dict[str, str]:
        names = ["constituent_name", "constituent_address", "constituent_email"]
        return {
            name: self.cleaned_data[name]
            for name in [*names, "constituent_phone"]
            if self.cleaned_data.get(name)
        }


class DecisionForm(GovukForm):
    """One of the four triage decisions; `decision` says which form was posted."""

    decision = ""
    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.decision)
        super().__init__(*args, **kwargs)

    def add_submit(self, label: str | None = None) -> None:
        # Four forms share the triage page: each button needs its own name (and so its own id).
        self.helper.add_input(Submit(f"submit_{self.decision}", label or self.submit_label))


class RedirectForm(DecisionForm):
    decision = "redirect"

    process = forms.ChoiceField(
        label="Which process handles it?", choices=RedirectProcess.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="Note to the member",
        help_text="Say where it has gone or what the member should do next.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].error_messages["required"] = "Select the process that handles it"
        self.fields["note"].error_messages["required"] = (
            "Enter a note to the member saying where to go"
        )
        self.helper.layout = Layout(
            Field.radios("process", legend_size=Size.SMALL, small=True), "note"
        )
        self.add_submit("Redirect the enquiry")


class DuplicateForm(DecisionForm):
    decision = "duplicate"

    duplicate_of = forms.ChoiceField(
        label="Likely duplicates", required=False, widget=forms.RadioSelect
    )
    reference = forms.CharField(
        label="Or enter the reference of the open enquiry",
        required=False,
        max_length=20,
        help_text="For example, ENQ-2026-00012",
    )

    def __init__(self, *args, enquiry: Enquiry, candidates, suggestions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        self.candidates = candidates
        self.fields["duplicate_of"].choices = [
            (s.reference, f"{s.reference}: {s.subject}") for s in suggestions
        ]
        if not suggestions:
            del self.fields["duplicate_of"]
        layout = ["reference"]
        if suggestions:
            layout.insert(0, Field.radios("duplicate_of", legend_size=Size.SMALL, small=True))
        self.helper.layout = Layout(*layout)
        self.add_submit("Mark as a duplicate")

    def clean(self):
        cleaned = super().clean()
        reference = (cleaned.get("reference") or "").strip().upper() or cleaned.get("duplicate_of")
        if not reference:
            self.add_error("reference", "Select a likely duplicate or enter a reference")
            return cleaned
        other = self.candidates.filter(reference=reference, status__in=OPEN_STATUSES).first()
        if other is None or other.pk == self.enquiry.pk:
            self.add_error("reference", "Enter the reference of another open enquiry")
        cleaned["other"] = other
        return cleaned


class InformationRequestForm(DecisionForm):
    decision = "info"

    question = forms.CharField(
        label="What do you need to know?",
        help_text="The member sees this and can reply. The clock stops until they do.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].error_messages["required"] = (
            "Enter what you need to know from the member"
        )
        self.add_submit("Ask the member")


def _split_lead(value: str) -> tuple[str, int] | None:
    kind, _, pk = (value or "").partition(":")
    if kind in ("area", "officer", "partner") and pk.isdigit():
        return kind, int(pk)
    return None


class RouteForm(DecisionForm):
    decision = "route"

    service_area = forms.ModelChoiceField(
        label="Service area", queryset=ServiceArea.objects.filter(is_active=True)
    )
    category = forms.ModelChoiceField(
        label="Category (optional)",
        queryset=EnquiryCategory.objects.none(),
        required=False,
        empty_label="No category",
    )
    urgency = forms.ChoiceField(label="Urgency", choices=Urgency.choices, widget=forms.RadioSelect)
    service_areas = forms.ModelMultipleChoiceField(
        label="Service teams",
        queryset=ServiceArea.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    officers = PeopleChoiceField(
        label="Named officers",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partners = PartnerChoiceField(
        label="Partner organisations",
        queryset=active_partners(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    lead = forms.ChoiceField(
        label="Lead",
        required=False,
        help_text="Who coordinates the single reply. Not needed if you assign to only one.",
    )
    is_sensitive = forms.BooleanField(
        label="This enquiry is sensitive (personal or safeguarding)",
        required=False,
        help_text="Only the member and the people you name will see it.",
    )
    sensitive_reason = forms.ChoiceField(
        label="Why is it sensitive?",
        choices=[("", "Select a reason"), *SensitiveReason.choices],
        required=False,
        help_text="A safeguarding concern is also sent to the safeguarding contact.",
    )
    named_viewers = PeopleChoiceField(
        label="People who may see it",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
        self.fields["partners"].queryset = active_partners()
        officers = routing_officers().prefetch_related("roles__service_area")
        self.fields["officers"].queryset = officers
        self.fields["named_viewers"].queryset = named_viewer_candidates().prefetch_related(
            "roles__service_area"
        )
        self.fields["lead"].choices = [
            ("", "Select the lead"),
            (
                "Service teams",
                [(f"area:{a.pk}", a.name) for a in self.fields["service_areas"].queryset],
            ),
            ("Named officers", [(f"officer:{o.pk}", o.full_name or o.email) for o in officers]),
            ("Partner organisations", [(f"partner:{p.pk}", p.name) for p in active_partners()]),
        ]
        self.fields["service_area"].error_messages["required"] = "Select the service area"
        self.fields["urgency"].error_messages["required"] = "Select the urgency"
        self.helper.layout = Layout(
            "service_area",
            "category",
            Field.radios("urgency", legend_size=Size.SMALL, small=True),
            Fieldset(
                Field.checkboxes("service_areas", legend_size=Size.SMALL, small=True),
                Field.checkboxes("officers", legend_size=Size.SMALL, small=True),
                Field.checkboxes("partners", legend_size=Size.SMALL, small=True),
                "lead",
                legend="Assign to",
                legend_size=Size.MEDIUM,
            ),
            Fieldset(
                Field.checkbox("is_sensitive", small=True),
                "sensitive_reason",
                Field.checkboxes("named_viewers", legend_size=Size.SMALL, small=True),
                legend="Sensitive enquiry",
                legend_size=Size.MEDIUM,
            ),
        )
        self.add_submit("Accept and route")

    def clean(self):
        cleaned = super().clean()
        _check_category(self, cleaned)
        holders = {
            "area": list(cleaned.get("service_areas") or []),
            "officer": list(cleaned.get("officers") or []),
            "partner": list(cleaned.get("partners") or []),
        }
        everyone = [h for group in holders.values() for h in group]
        lead = None
        if not everyone:
            self.add_error("service_areas", "Select at least one team, officer or partner")
        elif len(everyone) == 1 and not cleaned.get("lead"):
            lead = everyone[0]
        else:
            parsed = _split_lead(cleaned.get("lead", ""))
            if parsed:
                kind, pk = parsed
                lead = next((h for h in holders[kind] if h.pk == pk), None)
            if lead is None:
                self.add_error(
                    "lead", "Select a lead from the teams, officers and partners you chose"
                )
        cleaned["lead_holder"] = lead
        if cleaned.get("is_sensitive"):
            if not cleaned.get("sensitive_reason"):
                self.add_error("sensitive_reason", "Select why the enquiry is sensitive")
            if not cleaned.get("named_viewers"):
                self.add_error(
                    "named_viewers", "Select the people who may see this sensitive enquiry"
                )
        else:
            cleaned["sensitive_reason"] = ""
            cleaned["named_viewers"] = []
        return cleaned


class ExtendForm(GovukForm):
    working_days = forms.IntegerField(
        label="Extend by how many working days?",
        min_value=1,
        max_value=20,
        initial=5,
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
    )
    reason = forms.CharField(
        label="Why does it need longer?",
        help_text="The member is told this.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = self.fields["working_days"]
        days.error_messages.update(
            {
                "required": "Enter the number of working days",
                "invalid": "Number of working days must be a whole number, like 5",
                "min_value": "Number of working days must be 1 or more",
                "max_value": "Number of working days must be 20 or fewer",
            }
        )
        self.fields["reason"].error_messages["required"] = "Enter why the enquiry needs longer"
        self.add_submit("Extend the due date")


class NoteForm(GovukForm):
    body = forms.CharField(
        label="Internal note",
        help_text="Officers and the member support team see this; the member does not.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["required"] = "Enter the note"
        self.add_submit("Add the note")


class PartnerResponseForm(GovukForm):
    partner = forms.ModelChoiceField(
        label="Which partner replied?", queryset=None, empty_label="Select a partner"
    )
    body = forms.CharField(
        label="Their response", widget=forms.Textarea(attrs={"rows": 8}), max_length=20000
    )
    upload = forms.FileField(
        label="Attach their letter or email (optional)",
        required=False,
        help_text=UPLOAD_HELP,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners
        self.fields["partner"].error_messages["required"] = "Select the partner who replied"
        self.fields["body"].error_messages["required"] = "Enter the partner's response"
        self.fields["upload"].error_messages["invalid"] = "The selected file could not be read"
        self.add_submit("Log the response")


class SendResponseForm(GovukForm):
    body = forms.CharField(
        label="Reply to the member",
        help_text="Check it reads as one consistent, personal reply before you send it.",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["required"] = "Enter the reply to the member"
        self.add_submit("Send to the member")


__all__ = [
    "DuplicateForm",
    "ExtendForm",
    "InformationRequestForm",
    "LogOnBehalfForm",
    "NoteForm",
    "PartnerResponseForm",
    "RedirectForm",
    "RouteForm",
    "SendResponseForm",
]
