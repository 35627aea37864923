from __future__ import annotations

from crispy_forms_gds.choices import Choice
from django import forms

from councillor_hub.core.forms import DateInput, GovukForm

from ..models import RecordType, RetentionReview, ReviewDecision
from ..services.retention import keep_errors, keep_until_range, long_date

# The largest number anyone could mean: stops a 40-digit number reaching the database.
_MAX_DIGITS = 5


class ReviewDecisionForm(GovukForm):
    decision = forms.ChoiceField(label="What do you want to do with this record?", choices=[])
    keep_until = forms.DateField(label="Keep it until", required=False, widget=DateInput())
    keep_reason = forms.CharField(
        label="Why it must be kept",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, review: RetentionReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        noun = "case" if review.record_type == RecordType.CASEWORK else "enquiry"
        earliest, latest = keep_until_range(review)
        decision = self.fields["decision"]
        decision.choices = [
            Choice(
                ReviewDecision.KEEP,
                "Keep it",
                hint=f"Only if there is a reason to keep the {noun} longer. "
                "Give the reason and a new date below.",
            ),
            Choice(
                ReviewDecision.ANONYMISE,
                "Anonymise it",
                hint="Keeps what the figures need (category, ward, dates, outcome) and removes "
                "every personal detail: names, contact details, notes and files.",
            ),
            Choice(
                ReviewDecision.DELETE,
                "Delete it",
                hint=f"Removes the {noun} and its files completely. It will no longer be "
                "counted in your figures.",
            ),
        ]
        decision.widget = forms.RadioSelect()
        decision.error_messages["required"] = "Select what to do with the record"
        self.fields[
            "keep_until"
        ].help_text = (
            f"Only if you keep it. A date from {long_date(earliest)} to {long_date(latest)}."
        )
        self.fields[
            "keep_reason"
        ].help_text = "Only if you keep it. Do not include names or other personal details."
        self.fields["keep_reason"].error_messages["max_length"] = (
            "The reason must be 500 characters or fewer"
        )
        self.add_submit("Confirm decision")

    def clean(self):
        data = super().clean()
        if data.get("decision") == ReviewDecision.KEEP:
            errors = keep_errors(
                self.review,
                keep_until=data.get("keep_until"),
                keep_reason=data.get("keep_reason", ""),
            )
            for name, message in errors.items():
                if name not in self.errors:
                    self.add_error(name, message)
        return data


class RetentionPeriodForm(GovukForm):
    months = forms.CharField(
        label="How many months to keep your closed cases",
        required=False,
        widget=forms.TextInput(
            attrs={
                "class": "govuk-input govuk-input--width-3",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )

    def __init__(self, *args, maximum: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.maximum = maximum
        self.fields["months"].help_text = (
            f"A whole number from 1 to {maximum}. Leave it empty to keep them for the "
            f"council's maximum of {maximum} months."
        )
        self.add_submit("Save")

    def clean_months(self) -> int | None:
        value = (self.cleaned_data.get("months") or "").strip()
        if not value:
            return None
        if not value.isdigit() or len(value) > _MAX_DIGITS:
            if value.isdigit():
                raise forms.ValidationError(
                    f"The council's maximum is {self.maximum} months: enter {self.maximum} or fewer"
                )
            raise forms.ValidationError("Enter the number of months as a whole number, like 12")
        months = int(value)
        if months < 1:
            raise forms.ValidationError("Enter a number of months of 1 or more")
        if months > self.maximum:
            raise forms.ValidationError(
                f"The council's maximum is {self.maximum} months: enter {self.maximum} or fewer"
            )
        return months
