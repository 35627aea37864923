"""Forms for the booklet's manage pages. The services hold the rules; these forms check the
shape of what was typed, in GOV.UK words."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Layout
from django import forms
from django.utils import timezone

from councillor_hub.core.forms import DateInput, GovukForm

from .services import BODY_MAX, KEY_DATE_TEXT_MAX, TITLE_MAX

EARLIEST_YEAR = 2000
YEARS_AHEAD = 10


def _sensible_year(label: str):
    """Refuse typing slips such as 0202 or 20266."""

    def check(value: datetime.date) -> None:
        latest = timezone.localdate().year + YEARS_AHEAD
        if not EARLIEST_YEAR <= value.year <= latest:
            raise forms.ValidationError(
                f"{label} must be between 1 January {EARLIEST_YEAR} and 31 December {latest}"
            )

    return check


class SectionForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=TITLE_MAX,
        error_messages={
            "required": "Enter the section's title",
            "max_length": f"Title must be {TITLE_MAX} characters or fewer",
        },
    )
    body = forms.CharField(
        label="Introduction (optional)",
        required=False,
        max_length=BODY_MAX,
        help_text="Plain text. Leave a blank line between paragraphs. Contact details come "
        "from the directory: do not type phone numbers or email addresses here.",
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"max_length": f"Introduction must be {BODY_MAX:,} characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("title", "body")
        self.add_submit("Save section")


class KeyDateForm(GovukForm):
    title = forms.CharField(
        label="What is happening",
        max_length=TITLE_MAX,
        help_text="For example, Induction day, Full Council or Budget-setting council.",
        error_messages={
            "required": "Enter what is happening",
            "max_length": f"What is happening must be {TITLE_MAX} characters or fewer",
        },
    )
    date = forms.DateField(
        label="Date",
        widget=DateInput(),
        validators=[_sensible_year("Date")],
        error_messages={"required": "Enter the date", "invalid": "Date must be a real date"},
    )
    end_date = forms.DateField(
        label="Last day (optional)",
        required=False,
        widget=DateInput(),
        help_text="Only for something that lasts more than one day.",
        validators=[_sensible_year("Last day")],
        error_messages={"invalid": "Last day must be a real date"},
    )
    description = forms.CharField(
        label="Details (optional)",
        required=False,
        max_length=KEY_DATE_TEXT_MAX,
        help_text="Where and when, and whether new councillors must attend.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"Details must be {KEY_DATE_TEXT_MAX:,} characters or fewer"},
    )

    def __init__(self, *args, submit: str = "Save key date", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("title", "date", "end_date", "description")
        self.add_submit(submit)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The last day must be the same as or after the date")
        return cleaned
