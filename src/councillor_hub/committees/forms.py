"""Forms for the councillor, committee and Cabinet pages. The services hold the rules (dates,
one chair, one role at a time); these forms check the shape of what was typed."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils import timezone

from councillor_hub.accounts.models import NON_ALIGNED_LABEL
from councillor_hub.core.forms import DateInput, GovukForm, GovukModelForm

from . import selectors
from .models import CabinetPortfolio, Committee, CommitteeKind, CouncillorContact, MemberRole
from .photos import ACCEPT

NON_ALIGNED = "none"


EARLIEST_YEAR = 1900
YEARS_AHEAD = 10


def _sensible_year(label: str):
    """Refuse typing slips such as 0202 or 20266: a date within the council's lifetime."""

    def check(value: datetime.date) -> None:
        latest = timezone.localdate().year + YEARS_AHEAD
        if not EARLIEST_YEAR <= value.year <= latest:
            raise forms.ValidationError(
                f"{label} must be between 1 January {EARLIEST_YEAR} and 31 December {latest}"
            )

    return check


def _date_field(label: str, *, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        widget=DateInput(),
        help_text=help_text,
        validators=[_sensible_year(label)],
        error_messages={"invalid": f"{label} must be a real date"},
    )


class CouncillorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        profile = getattr(obj, "councillor_profile", None)
        return f"{obj.full_name} ({profile.ward})" if profile else obj.full_name


class CouncillorFilterForm(GovukForm):
    """The councillor list's filters. Unknown values are dropped by the view, not shown as
    errors."""

    ward = forms.ChoiceField(label="Ward", required=False)
    group = forms.ChoiceField(label="Political group", required=False)

    def __init__(self, *args, wards=(), groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address
        self.fields["ward"].choices = [("", "All wards")] + [(str(w.pk), w.name) for w in wards]
        self.fields["group"].choices = (
            [("", "All groups")]
            + [(str(g.pk), g.name) for g in groups]
            + [(NON_ALIGNED, NON_ALIGNED_LABEL)]
        )
        self.helper.layout = Layout(Field.select("ward"), Field.select("group"))


class CommitteeForm(GovukModelForm):
    class Meta:
        model = Committee
        fields = ["name", "kind", "description", "requires_training", "training_note", "is_active"]
        labels = {
            "name": "Name",
            "kind": "Type of committee",
            "description": "What the committee does (optional)",
            "requires_training": "Members need mandatory training to sit on this committee",
            "training_note": "Training required (optional)",
            "is_active": "The committee meets",
        }
        help_texts = {
            "training_note": "For example, annual planning training, refreshed every 12 months.",
            "is_active": "Untick when the committee no longer meets. End its memberships first.",
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "training_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, submit: str = "Save committee", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter the committee's name"
        self.fields["kind"].error_messages["required"] = "Select the type of committee"
        self.fields["kind"].error_messages["invalid_choice"] = "Select the type of committee"
        self.fields["kind"].choices = CommitteeKind.choices
        self.helper.layout = Layout(
            "name",
            Field.radios("kind", legend_size=Size.SMALL, small=True),
            "description",
            Field.checkbox("requires_training", small=True),
            "training_note",
            Field.checkbox("is_active", small=True),
        )
        self.add_submit(submit)

    def validate_unique(self):
        """The service checks the name (ignoring case) and says so in GOV.UK words."""


def training_override_field() -> forms.CharField:
    """Shown when the committee requires training: the manager's reason for appointing someone
    whose training is not valid (the service refuses the appointment without one)."""
    return forms.CharField(
        label="Reason for appointing without valid training (if needed)",
        help_text="Only if the councillor's required training is missing or expired, for "
        "example: training booked for 12 June, before their first meeting. The reason is "
        "recorded with your name.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Reason must be 1000 characters or fewer"},
    )


class MeetingForm(GovukForm):
    """A committee meeting's date, time and place (and, when changing it, cancelled)."""

    day = _date_field("Date")
    time = forms.CharField(
        label="Time",
        help_text="For example, 18:30 or 6:30pm",
        max_length=10,
        widget=forms.TextInput(
            attrs={"class": "govuk-input govuk-input--width-5", "spellcheck": "false"}
        ),
        error_messages={"required": "Enter the time of the meeting"},
    )
    place = forms.CharField(
        label="Where (optional)",
        required=False,
        max_length=200,
        help_text="For example, Council Chamber, Town Hall",
        error_messages={"max_length": "Where must be 200 characters or fewer"},
    )
    is_cancelled = forms.BooleanField(label="The meeting is cancelled", required=False)

    def __init__(self, *args, submit: str = "Save meeting", changing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].error_messages["required"] = "Enter the date of the meeting"
        layout = ["day", "time", "place"]
        if changing:
            layout.append(Field.checkbox("is_cancelled", small=True))
        else:
            del self.fields["is_cancelled"]
        self.helper.layout = Layout(*layout)
        self.add_submit(submit)

    def clean_time(self) -> datetime.time:
        value = self.cleaned_data["time"].strip().lower().replace(".", ":").replace(" ", "")
        suffix = value[-2:] if value.endswith(("am", "pm")) else ""
        digits = value[: -len(suffix)] if suffix else value
        hour_text, _, minute_text = digits.partition(":")
        if not minute_text and len(hour_text) == 4 and not suffix:
            hour_text, minute_text = hour_text[:2], hour_text[2:]
        try:
            hour, minute = int(hour_text), int(minute_text or 0)
        except ValueError:
            raise forms.ValidationError("Enter the time as 18:30 or 6:30pm") from None
        if suffix:
            if not 1 <= hour <= 12:
                raise forms.ValidationError("Enter the time as 18:30 or 6:30pm")
            hour = hour % 12 + (12 if suffix == "pm" else 0)
        if not (0 <= hour <= 23 and 0 <= minute <= 59):
            raise forms.ValidationError("Enter a real time, like 18:30 or 6:30pm")
        return datetime.time(hour, minute)

    def starts_at(self) -> datetime.datetime:
        data = self.cleaned_data
        return timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))


class MembershipForm(GovukForm):
    councillor = CouncillorChoiceField(
        label="Councillor",
        queryset=None,
        empty_label="Select a councillor",
        error_messages={
            "required": "Select a councillor",
            "invalid_choice": "Select a councillor from the list",
        },
    )
    role = forms.ChoiceField(
        label="Role",
        choices=MemberRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the role", "invalid_choice": "Select the role"},
    )
    start_date = _date_field("Start date")
    replace_chair = forms.BooleanField(
        label="If the committee already has a chair, end their role as chair the day before",
        required=False,
    )

    def __init__(self, *args, training_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councillor"].queryset = selectors.councillor_choices()
        layout = [
            Field.select("councillor"),
            Field.radios("role", legend_size=Size.SMALL, small=True),
            "start_date",
            Field.checkbox("replace_chair", small=True),
        ]
        if training_required:
            self.fields["training_override_reason"] = training_override_field()
            layout.append("training_override_reason")
        self.helper.layout = Layout(*layout)
        self.add_submit("Add member")


class MembershipChangeForm(GovukForm):
    role = forms.ChoiceField(
        label="New role",
        choices=MemberRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the new role", "invalid_choice": "Select the new role"},
    )
    start_date = _date_field(
        "Date of the change",
        help_text="The first day in the new role. The old role ends the day before.",
    )
    replace_chair = forms.BooleanField(
        label="If the committee already has a chair, end their role as chair the day before",
        required=False,
    )

    def __init__(self, *args, training_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        layout = [
            Field.radios("role", legend_size=Size.SMALL, small=True),
            "start_date",
            Field.checkbox("replace_chair", small=True),
        ]
        if training_required:
            self.fields["training_override_reason"] = training_override_field()
            layout.append("training_override_reason")
        self.helper.layout = Layout(*layout)
        self.add_submit("Change role")


class EndForm(GovukForm):
    end_date = _date_field("End date", help_text="The last day in the role.")

    def __init__(self, *args, submit: str = "End role", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_submit(submit)


class PortfolioForm(GovukModelForm):
    # A plain whole number: the range is checked in clean_sort_order, in GOV.UK words.
    sort_order = forms.IntegerField(
        label="Order on the Cabinet page",
        help_text="A whole number. Lower numbers come first: put the Leader's first.",
        # GOV.UK advises a text input with a numeric keyboard, not type="number".
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-4",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": "Enter the order",
            "invalid": "Order must be a whole number",
        },
    )
    # Not a model field here: the service checks there is one Leader's portfolio and says so
    # in GOV.UK words (the model form would report the database constraint's name instead).
    is_leader = forms.BooleanField(
        label="This is the Leader's portfolio",
        required=False,
        help_text="Its holder is shown as the Leader of the Council in the induction booklet. "
        "Only one portfolio can be the Leader's.",
    )

    class Meta:
        model = CabinetPortfolio
        fields = ["title", "responsibilities", "sort_order", "is_active"]
        labels = {
            "title": "Title",
            "responsibilities": "Responsibilities (optional)",
            "is_active": "The portfolio is current",
        }
        help_texts = {
            "responsibilities": "The services and areas of policy the portfolio covers.",
            "is_active": "Untick when the portfolio no longer exists. End its holder's term first.",
        }
        widgets = {"responsibilities": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, submit: str = "Save portfolio", **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("is_leader", self.instance.is_leader)
        self.fields["title"].error_messages["required"] = "Enter the portfolio's title"
        self.helper.layout = Layout(
            "title",
            "responsibilities",
            "sort_order",
            Field.checkbox("is_active", small=True),
            Field.checkbox("is_leader", small=True),
        )
        self.add_submit(submit)

    def clean_sort_order(self):
        value = self.cleaned_data.get("sort_order")
        if value is not None and not 0 <= value <= 999:
            raise forms.ValidationError("Order must be a whole number between 0 and 999")
        return value

    def validate_unique(self):
        """The service checks the title (ignoring case) and says so in GOV.UK words."""


class HoldingForm(GovukForm):
    councillor = CouncillorChoiceField(
        label="Councillor",
        queryset=None,
        empty_label="Select a councillor",
        error_messages={
            "required": "Select a councillor",
            "invalid_choice": "Select a councillor from the list",
        },
    )
    start_date = _date_field("Start date")
    replace_holder = forms.BooleanField(
        label="If someone holds the portfolio now, end their term the day before",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["councillor"].queryset = selectors.councillor_choices()
        self.helper.layout = Layout(
            Field.select("councillor"), "start_date", Field.checkbox("replace_holder", small=True)
        )
        self.add_submit("Appoint")


class ContactForm(GovukModelForm):
    photo_upload = forms.FileField(
        label="Upload a new photo (optional)",
        required=False,
        help_text="A JPG or PNG, smaller than 5MB. A head and shoulders photo works best.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"invalid": "The selected photo could not be read"},
    )
    remove_photo = forms.BooleanField(label="Remove the current photo", required=False)

    class Meta:
        model = CouncillorContact
        fields = ["public_email", "public_phone", "surgery_details", "bio"]
        labels = {
            "public_email": "Public email address (optional)",
            "public_phone": "Public phone number (optional)",
            "surgery_details": "Surgeries (optional)",
            "bio": "About the councillor (optional)",
        }
        help_texts = {
            "public_email": "The address constituents use to contact the councillor.",
            "surgery_details": "When and where, and whether constituents need to book.",
        }
        widgets = {
            "public_phone": forms.TextInput(
                attrs={"class": "govuk-input govuk-input--width-20", "autocomplete": "off"}
            ),
            "surgery_details": forms.Textarea(attrs={"rows": 4}),
            "bio": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, has_photo: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        fields = ["public_email", "public_phone", "surgery_details", "bio", "photo_upload"]
        if has_photo:
            fields.append(Field.checkbox("remove_photo", small=True))
        else:
            del self.fields["remove_photo"]
        self.helper.layout = Layout(*fields)
        self.add_submit("Save contact details")

    def clean_public_phone(self) -> str:
        value = " ".join((self.cleaned_data.get("public_phone") or "").split())
        if value and not all(c.isdigit() or c in " +()-" for c in value):
            raise forms.ValidationError(
                "Enter a phone number, like 01632 960 001 or +44 1632 960 001"
            )
        if value and sum(c.isdigit() for c in value) < 7:
            raise forms.ValidationError(
                "Enter a phone number, like 01632 960 001 or +44 1632 960 001"
            )
        return value

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo_upload") and cleaned.get("remove_photo"):
            self.add_error("remove_photo", "Upload a new photo or remove the photo, not both")
        return cleaned
