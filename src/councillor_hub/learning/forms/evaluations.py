"""Forms for evaluations, external activities, training suggestions and the programme
report's period."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field, Fieldset, Layout, Size
from django import forms
from django.utils import timezone

from councillor_hub.core.forms import DateInput, GovukForm

from ..models import ExternalActivityKind, SuggestionStatus, TrainingTopic

RATING_CHOICES = [
    ("5", "5 – Excellent"),
    ("4", "4 – Good"),
    ("3", "3 – Satisfactory"),
    ("2", "2 – Poor"),
    ("1", "1 – Very poor"),
]
PRESENTER_CHOICES = [*RATING_CHOICES, ("", "Does not apply (there was no trainer or speaker)")]
YES_NO = [("yes", "Yes"), ("no", "No")]


def _rating(label: str, error: str, *, required: bool = True) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=RATING_CHOICES if required else PRESENTER_CHOICES,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": error, "invalid_choice": error},
    )


class EvaluationForm(GovukForm):
    """Ratings from 1 to 5 as radios, whether they would recommend it, and comments."""

    overall_rating = _rating(
        "Overall, how would you rate it?", "Select a rating for the activity overall"
    )
    objectives_rating = _rating(
        "How well did it meet its aims?", "Select a rating for how well it met its aims"
    )
    presenter_rating = _rating(
        "How would you rate the trainer or speakers?",
        "Select a rating for the trainer or speakers",
        required=False,
    )
    would_recommend = forms.TypedChoiceField(
        label="Would you recommend it to other members?",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select yes if you would recommend it to other members",
            "invalid_choice": "Select yes if you would recommend it to other members",
        },
    )
    what_worked = forms.CharField(
        label="What worked well? (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "What worked well must be 5,000 characters or fewer"},
    )
    what_to_improve = forms.CharField(
        label="What could be better? (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Democratic services read comments without your name to plan the programme.",
        error_messages={"max_length": "What could be better must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("overall_rating", legend_size=Size.SMALL),
            Field.radios("objectives_rating", legend_size=Size.SMALL),
            Field.radios("presenter_rating", legend_size=Size.SMALL),
            Field.radios("would_recommend", legend_size=Size.SMALL, inline=True),
            Field.textarea("what_worked"),
            Field.textarea("what_to_improve"),
        )
        self.add_submit("Send evaluation")


class ExternalActivityForm(GovukForm):
    """A course, conference or other activity attended outside the council's programme."""

    title = forms.CharField(
        label="Name of the course or event",
        max_length=200,
        error_messages={
            "required": "Enter the name of the course or event",
            "max_length": "Name of the course or event must be 200 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Type of activity",
        choices=ExternalActivityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of activity"},
    )
    provider = forms.CharField(
        label="Provider or organiser (optional)",
        required=False,
        max_length=150,
        help_text="For example, the Local Government Association",
        error_messages={"max_length": "Provider must be 150 characters or fewer"},
    )
    attended_on = forms.DateField(
        label="Date you attended",
        widget=DateInput(),
        help_text="The last day, if it ran over several days",
        error_messages={
            "required": "Enter the date you attended",
            "invalid": "Date you attended must be a real date",
        },
    )
    topic = forms.ModelChoiceField(
        label="Programme topic it covered (optional)",
        queryset=TrainingTopic.objects.none(),
        required=False,
        empty_label="None of these",
        error_messages={"invalid_choice": "Select a topic from the list"},
    )
    notes = forms.CharField(
        label="Notes (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Notes must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = TrainingTopic.objects.order_by("name")
        self.helper.layout = Layout(
            Field.text("title"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.text("provider"),
            "attended_on",
            Field.select("topic"),
            Field.textarea("notes"),
        )
        self.add_submit("Save and evaluate it")

    def clean_attended_on(self):
        day = self.cleaned_data["attended_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Date you attended must be today or in the past")
        return day


class SuggestionForm(GovukForm):
    """A member suggests training for the programme."""

    title = forms.CharField(
        label="What training would you like?",
        max_length=200,
        error_messages={
            "required": "Enter the training you would like",
            "max_length": "The training you would like must be 200 characters or fewer",
        },
    )
    details = forms.CharField(
        label="Tell us more (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="For example, why it would help and who else might want it",
        error_messages={"max_length": "Details must be 5,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_submit("Send suggestion")


class SuggestionAnswerForm(GovukForm):
    """Democratic services say what will happen to a suggestion and reply to the member."""

    status = forms.ChoiceField(
        label="What will happen to it?",
        choices=SuggestionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what will happen to the suggestion"},
    )
    response = forms.CharField(
        label="Reply to the member",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The member sees this reply. Required unless the status is New.",
        error_messages={"max_length": "Reply must be 5,000 characters or fewer"},
    )
    topic = forms.ModelChoiceField(
        label="Programme topic (optional)",
        queryset=TrainingTopic.objects.none(),
        required=False,
        empty_label="No topic",
        error_messages={"invalid_choice": "Select a topic from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic"].queryset = TrainingTopic.objects.order_by("name")
        self.helper.layout = Layout(
            Field.radios("status", legend_size=Size.SMALL),
            Field.textarea("response"),
            Field.select("topic"),
        )
        self.add_submit("Save reply")

    def clean(self):
        data = super().clean()
        if (
            data.get("status") not in (None, SuggestionStatus.NEW)
            and not data.get("response", "").strip()
        ):
            self.add_error("response", "Enter a reply to the member")
        return data


class SuggestionFilterForm(GovukForm):
    """Filter the managers' list of suggestions by status (unknown values are ignored)."""

    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "All"), *SuggestionStatus.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.select("status"))

    def status_value(self) -> str:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["status"]
        return ""


def default_period(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The municipal year so far is what the overseeing committee usually asks about; the
    last twelve months is simpler to explain and close enough for a default."""
    return today - datetime.timedelta(days=364), today


class ReportPeriodForm(GovukForm):
    """The period the programme report covers (a GET form: bad dates fall back to the
    default period, never a 500)."""

    start = forms.DateField(
        label="From",
        widget=DateInput(),
        error_messages={"required": "Enter the first day", "invalid": "From must be a real date"},
    )
    end = forms.DateField(
        label="To",
        widget=DateInput(),
        error_messages={"required": "Enter the last day", "invalid": "To must be a real date"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Fieldset("start", "end", legend="Period", legend_size=Size.SMALL)
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "To must be the same as or after From")
            elif (end - start).days > 366 * 5:
                self.add_error("end", "The period must be five years or shorter")
        return data

    def period(self, today: datetime.date) -> tuple[datetime.date, datetime.date]:
        if self.is_bound and self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"]
        return default_period(today)
