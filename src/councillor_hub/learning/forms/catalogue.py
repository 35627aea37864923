"""Forms for the training catalogue, sessions and bookings: topics and sessions (managers),
booking a place (a member, or a manager for a member), attendance, a completion recorded by
hand and the e-learning completions import."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.committees.models import Committee
from councillor_hub.core.forms import DateInput, GovukForm

from .. import importing
from ..models import Basis, CompletionSource, TrainingSession, TrainingTopic
from ..permissions import LEARNER_ROLES

# The roles a topic can be required for: members' roles (only members are learners).
REQUIRED_ROLE_CHOICES = [
    (Role.COUNCILLOR.value, "All councillors"),
    (Role.CO_OPTED_MEMBER.value, "Co-opted members"),
    (Role.GROUP_LEADER.value, "Group leaders"),
    (Role.GROUP_WHIP.value, "Group whips"),
]
ROLE_LABELS = {value: label for value, label in REQUIRED_ROLE_CHOICES} | {
    value: label for value, label in Role.choices if value not in dict(REQUIRED_ROLE_CHOICES)
}
ACCESS_NEEDS_HELP = (
    "For example a hearing loop, step-free access, large print papers or a dietary need. "
    "Only you and democratic services see this."
)


class CommitteeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, committee: Committee) -> str:
        return committee.name if committee.is_active else f"{committee.name} (no longer meets)"


class TopicForm(GovukForm):
    """Add or change a topic in the catalogue."""

    name = forms.CharField(
        label="Name",
        max_length=150,
        error_messages={
            "required": "Enter the topic's name",
            "max_length": "Name must be 150 characters or fewer",
        },
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What it covers and who it is for.",
        error_messages={"max_length": "Description must be 5,000 characters or fewer"},
    )
    is_mandatory = forms.BooleanField(
        label="Mandatory",
        required=False,
        help_text="Part of the mandatory programme for the roles and committees below.",
    )
    required_for_roles = forms.MultipleChoiceField(
        label="Who must take it",
        required=False,
        choices=REQUIRED_ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Leave empty if no role requires it.",
        error_messages={"invalid_choice": "Select roles from the list"},
    )
    committees = CommitteeChoiceField(
        label="Committees that require it",
        required=False,
        queryset=Committee.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="Members and substitutes of these committees must hold it.",
        error_messages={"invalid_choice": "Select committees from the list"},
    )
    valid_for_months = forms.IntegerField(
        label="How many months a completion stays valid (optional)",
        required=False,
        min_value=1,
        max_value=240,
        help_text="For example 12 for annual training. Leave empty if it never expires.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "invalid": "Months must be a whole number, like 12",
            "min_value": "Months must be 1 or more",
            "max_value": "Months must be 240 or fewer",
        },
    )
    validity_basis = forms.ChoiceField(
        label="How the validity is counted",
        choices=[
            (Basis.MONTHS.value, "Months from the date it was completed"),
            (
                Basis.MUNICIPAL_YEAR.value,
                "Until the end of the municipal year it was completed in",
            ),
        ],
        widget=forms.RadioSelect,
        help_text="For the municipal year, training in the last 8 weeks of a year also counts "
        "for the next year.",
        error_messages={"required": "Select how the validity is counted"},
    )
    reminder_days_before = forms.IntegerField(
        label="Remind members this many days before it expires",
        min_value=0,
        max_value=365,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={
            "required": "Enter how many days before expiry to remind members",
            "invalid": "Days must be a whole number, like 30",
            "min_value": "Days must be 0 or more",
            "max_value": "Days must be 365 or fewer",
        },
    )

    def __init__(self, *args, topic: TrainingTopic | None = None, **kwargs):
        self.topic = topic
        if topic is not None:
            kwargs.setdefault(
                "initial",
                {
                    "name": topic.name,
                    "description": topic.description,
                    "is_mandatory": topic.is_mandatory,
                    "required_for_roles": list(topic.required_for_roles),
                    "committees": list(topic.required_for_committees.all()),
                    "valid_for_months": topic.valid_for_months,
                    "validity_basis": topic.validity_basis,
                    "reminder_days_before": topic.reminder_days_before,
                },
            )
        else:
            kwargs.setdefault(
                "initial", {"validity_basis": Basis.MONTHS.value, "reminder_days_before": 30}
            )
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = Committee.objects.order_by("-is_active", "name")
        if topic is not None:
            # Keep a role set some other way (e.g. an older vocabulary) selectable.
            extra = [r for r in topic.required_for_roles if r not in dict(REQUIRED_ROLE_CHOICES)]
            self.fields["required_for_roles"].choices = [
                *REQUIRED_ROLE_CHOICES,
                *[(r, ROLE_LABELS.get(r, r)) for r in extra],
            ]
        committee_fields = []
        if self.fields["committees"].queryset.exists():
            committee_fields = [Field.checkboxes("committees", legend_size=Size.SMALL, small=True)]
        else:  # nothing to choose from: no empty fieldset
            del self.fields["committees"]
        self.helper.layout = Layout(
            Field.text("name"),
            Field.textarea("description", rows=5),
            Field.checkbox("is_mandatory", small=True),
            Field.checkboxes("required_for_roles", legend_size=Size.SMALL, small=True),
            *committee_fields,
            Field.text("valid_for_months", field_width=3),
            Field.radios("validity_basis", legend_size=Size.SMALL, small=True),
            Field.text("reminder_days_before", field_width=3),
        )
        self.add_submit("Save topic")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "description": data["description"],
            "is_mandatory": data["is_mandatory"],
            "required_for_roles": data["required_for_roles"],
            "committees": list(data.get("committees") or []),
            "valid_for_months": data["valid_for_months"],
            "validity_basis": data["validity_basis"],
            "reminder_days_before": data["reminder_days_before"],
        }


class TimeInput(forms.TimeInput):
    def __init__(self, attrs=None):
        attrs = {
            "class": "govuk-input govuk-input--width-5",
            "inputmode": "numeric",
            **(attrs or {}),
        }
        super().__init__(attrs=attrs, format="%H:%M")


class SessionForm(GovukForm):
    """Add or change a session: the day, the start and end times, where, places, trainer."""

    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=TrainingTopic.objects.none(),
        error_messages={"required": "Select the topic", "invalid_choice": "Select a topic"},
    )
    date = forms.DateField(
        label="Date",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date of the session",
            "invalid": "Date must be a real date, like 27/3/2027",
        },
    )
    start_time = forms.TimeField(
        label="Start time",
        widget=TimeInput(),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        help_text="24-hour clock, like 18:00",
        error_messages={
            "required": "Enter the start time",
            "invalid": "Start time must be a real time, like 18:00",
        },
    )
    end_time = forms.TimeField(
        label="End time",
        widget=TimeInput(),
        input_formats=["%H:%M", "%H.%M", "%H:%M:%S"],
        help_text="24-hour clock, like 20:30",
        error_messages={
            "required": "Enter the end time",
            "invalid": "End time must be a real time, like 20:30",
        },
    )
    location = forms.CharField(
        label="Where (optional if online)",
        required=False,
        max_length=200,
        help_text="For example 'Committee Room 1, Civic Centre'.",
        error_messages={"max_length": "Where must be 200 characters or fewer"},
    )
    online_url = forms.URLField(
        label="Online link (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        help_text="The link to join, if members can take part online.",
        error_messages={
            "invalid": "Enter the online link in the correct format, like "
            "https://meet.example.org/abc",
            "max_length": "Online link must be 200 characters or fewer",
        },
    )
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=1000,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        help_text="When the places are taken, members can join the waiting list.",
        error_messages={
            "required": "Enter the number of places",
            "invalid": "Places must be a whole number, like 20",
            "min_value": "Places must be 1 or more",
            "max_value": "Places must be 1,000 or fewer",
        },
    )
    trainer = forms.CharField(
        label="Trainer (optional)",
        required=False,
        max_length=150,
        error_messages={"max_length": "Trainer must be 150 characters or fewer"},
    )
    notes = forms.CharField(
        label="Notes for members (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example what to bring or read beforehand.",
        error_messages={"max_length": "Notes must be 5,000 characters or fewer"},
    )

    def __init__(
        self,
        *args,
        session: TrainingSession | None = None,
        topic: TrainingTopic | None = None,
        **kwargs,
    ):
        self.session = session
        if session is not None:
            start = timezone.localtime(session.starts_at)
            end = timezone.localtime(session.ends_at)
            kwargs.setdefault(
                "initial",
                {
                    "topic": session.topic_id,
                    "date": start.date(),
                    "start_time": start.time(),
                    "end_time": end.time(),
                    "location": session.location,
                    "online_url": session.online_url,
                    "capacity": session.capacity,
                    "trainer": session.trainer,
                    "notes": session.notes,
                },
            )
        elif topic is not None:
            kwargs.setdefault("initial", {"topic": topic.pk})
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = TrainingTopic.objects.order_by("name")
        self.helper.layout = Layout(
            Field.select("topic"),
            "date",
            Field.text("start_time", field_width=5),
            Field.text("end_time", field_width=5),
            Field.text("location"),
            Field.text("online_url"),
            Field.text("capacity", field_width=3),
            Field.text("trainer"),
            Field.textarea("notes", rows=4),
        )
        self.add_submit("Save session")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_time"), cleaned.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", "The end time must be after the start time")
        if (
            not cleaned.get("location")
            and not cleaned.get("online_url")
            and "location" not in self.errors
            and "online_url" not in self.errors
        ):
            self.add_error("location", "Enter where the session is held, or an online link")
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        zone = timezone.get_current_timezone()
        starts_at = datetime.datetime.combine(data["date"], data["start_time"], tzinfo=zone)
        ends_at = datetime.datetime.combine(data["date"], data["end_time"], tzinfo=zone)
        return {
            "topic": data["topic"],
            "starts_at": starts_at,
            "ends_at": ends_at,
            "location": data["location"],
            "online_url": data["online_url"],
            "capacity": data["capacity"],
            "trainer": data["trainer"],
            "notes": data["notes"],
        }


class BookingForm(GovukForm):
    """A member books a place (or a waiting-list place) for themselves."""

    access_needs = forms.CharField(
        label="Access needs (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=ACCESS_NEEDS_HELP,
        error_messages={"max_length": "Access needs must be 1,000 characters or fewer"},
    )

    def __init__(self, *args, submit_label: str = "Book a place", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.textarea("access_needs", rows=3, max_characters=1000))
        self.add_submit(submit_label)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return f"{user.full_name} ({user.email})"


def learners_queryset():
    """Members who could be learners (councillors and co-opted members), by name. Former
    members past their handover are refused by the service."""
    return (
        User.objects.filter(is_active=True, roles__role__in=LEARNER_ROLES)
        .distinct()
        .order_by("full_name", "pk")
    )


class BookForMemberForm(GovukForm):
    """Democratic services book a place for a member."""

    member = MemberChoiceField(
        label="Member",
        queryset=User.objects.none(),
        error_messages={"required": "Select the member", "invalid_choice": "Select a member"},
    )
    access_needs = BookingForm.base_fields["access_needs"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = learners_queryset()
        self.fields["access_needs"].help_text = "Anything the member has told you they need."
        self.helper.layout = Layout(
            Field.select("member"), Field.textarea("access_needs", rows=3, max_characters=1000)
        )
        self.add_submit("Book the place")


class AttendanceForm(GovukForm):
    """Tick who attended. Members not ticked are recorded as absent."""

    attended = forms.MultipleChoiceField(
        label="Who attended",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select only members booked on this session"},
    )

    def __init__(self, *args, bookings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (str(booking.member_id), booking.member.full_name) for booking in bookings
        ]
        self.fields[
            "attended"
        ].help_text = (
            "Select everyone who attended. Members not selected are recorded as not attending."
        )
        self.helper.layout = Layout(
            Field.checkboxes("attended", legend_size=Size.MEDIUM, small=True)
        )
        self.add_submit("Save attendance")

    def attended_ids(self) -> set[int]:
        return {int(value) for value in self.cleaned_data["attended"]}


class CompletionForm(GovukForm):
    """Record training a member completed outside the council's sessions."""

    member = MemberChoiceField(
        label="Member",
        queryset=User.objects.none(),
        error_messages={"required": "Select the member", "invalid_choice": "Select a member"},
    )
    topic = forms.ModelChoiceField(
        label="Topic",
        queryset=TrainingTopic.objects.none(),
        error_messages={"required": "Select the topic", "invalid_choice": "Select a topic"},
    )
    completed_on = forms.DateField(
        label="Date completed",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date the training was completed",
            "invalid": "Date completed must be a real date, like 27/3/2026",
        },
    )
    source = forms.ChoiceField(
        label="How it was completed",
        choices=[
            (CompletionSource.E_LEARNING.value, "E-learning"),
            (CompletionSource.MANUAL.value, "Another way, for example with another council"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the training was completed"},
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example the course or certificate reference.",
        error_messages={"max_length": "Note must be 500 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = learners_queryset()
        self.fields["topic"].queryset = TrainingTopic.objects.order_by("name")
        self.helper.layout = Layout(
            Field.select("member"),
            Field.select("topic"),
            "completed_on",
            Field.radios("source", legend_size=Size.SMALL, small=True),
            Field.textarea("note", rows=3, max_characters=500),
        )
        self.add_submit("Record completion")

    def clean_completed_on(self):
        value = self.cleaned_data["completed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(
                "The date the training was completed must be today or in the past"
            )
        return value


MAX_MB = importing.MAX_BYTES // (1024 * 1024)


class CompletionImportForm(GovukForm):
    """Upload a learning platform's CSV of completions for a dry run."""

    file = forms.FileField(
        label="Completions file",
        help_text=f"A CSV file, up to {MAX_MB}MB and {importing.MAX_ROWS:,} rows.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Select a CSV file",
            "invalid": "The selected file could not be read",
            "empty": "The selected file is empty",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text = ""
        self.helper.layout = Layout("file")
        self.add_submit("Check the file")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".txt")):
            raise forms.ValidationError("The selected file must be a CSV")
        too_big = f"The selected file must be smaller than {MAX_MB}MB"
        if upload.size > importing.MAX_BYTES:
            raise forms.ValidationError(too_big)
        data = upload.read(importing.MAX_BYTES + 1)
        if len(data) > importing.MAX_BYTES:
            raise forms.ValidationError(too_big)
        try:
            self.text = importing.decode_upload(data)
        except importing.ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


__all__ = [
    "AttendanceForm",
    "BookForMemberForm",
    "BookingForm",
    "CompletionForm",
    "CompletionImportForm",
    "SessionForm",
    "TopicForm",
]
