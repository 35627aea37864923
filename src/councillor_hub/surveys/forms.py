"""Survey forms: a survey's details and questions (democratic services), and the answer form
built from a survey's questions."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from councillor_hub.core.forms import DateInput, GovukForm

from .models import Audience, QuestionKind, Survey

YES_NO = [("yes", "Yes"), ("no", "No")]


class SurveyForm(GovukForm):
    """A survey's title, introduction, anonymity, audience and dates."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the survey's title",
            "max_length": "Title must be 200 characters or fewer",
        },
    )
    intro = forms.CharField(
        label="Introduction (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown above the questions: what the survey is for and how the answers will "
        "be used.",
        error_messages={"max_length": "Introduction must be 5,000 characters or fewer"},
    )
    is_anonymous = forms.TypedChoiceField(
        label="Is the survey anonymous?",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="Anonymous answers are kept with no link to the person who gave them. "
        "You cannot change this once the survey is published.",
        error_messages={"required": "Select yes if the survey is anonymous"},
    )
    audience = forms.ChoiceField(
        label="Who is it for?",
        choices=Audience.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select who the survey is for"},
    )
    opens_on = forms.DateField(
        label="Opens on",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date the survey opens",
            "invalid": "Opens on must be a real date",
        },
    )
    closes_on = forms.DateField(
        label="Closes on",
        widget=DateInput(),
        help_text="The last day people can answer",
        error_messages={
            "required": "Enter the date the survey closes",
            "invalid": "Closes on must be a real date",
        },
    )

    def __init__(self, *args, survey: Survey | None = None, **kwargs):
        if survey is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "title": survey.title,
                "intro": survey.intro,
                "is_anonymous": "yes" if survey.is_anonymous else "no",
                "audience": survey.audience,
                "opens_on": survey.opens_on,
                "closes_on": survey.closes_on,
            }
        super().__init__(*args, **kwargs)
        if survey is not None and survey.is_published:
            # People answered on these terms: shown, but fixed (the POST is ignored for them).
            for name in ("is_anonymous", "audience"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "This cannot change once the survey is published."
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("intro"),
            Field.radios("is_anonymous", legend_size=Size.SMALL, inline=True),
            Field.radios("audience", legend_size=Size.SMALL),
            "opens_on",
            "closes_on",
        )
        self.add_submit("Save survey")

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on", "The closing date must be the same as or after the opening date"
            )
        return data


class QuestionForm(GovukForm):
    """A question, its type and, for a list, its options (one per line)."""

    text = forms.CharField(
        label="Question",
        max_length=300,
        error_messages={
            "required": "Enter the question",
            "max_length": "Question must be 300 characters or fewer",
        },
    )
    hint = forms.CharField(
        label="Hint (optional)",
        required=False,
        max_length=300,
        help_text="Extra help shown under the question",
        error_messages={"max_length": "Hint must be 300 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Type of answer",
        choices=QuestionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the type of answer"},
    )
    choices = forms.CharField(
        label="Options (for a list only)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One option on each line, at least 2",
        error_messages={"max_length": "Options must be 5,000 characters or fewer"},
    )
    is_required = forms.TypedChoiceField(
        label="Must people answer it?",
        choices=YES_NO,
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if people must answer the question"},
    )

    def __init__(self, *args, question=None, **kwargs):
        if question is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "text": question.text,
                "hint": question.hint,
                "kind": question.kind,
                "choices": "\n".join(choice.text for choice in question.choices.all()),
                "is_required": "yes" if question.is_required else "no",
            }
        elif "initial" not in kwargs:
            kwargs["initial"] = {"is_required": "yes"}
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("text"),
            Field.text("hint"),
            Field.radios("kind", legend_size=Size.SMALL),
            Field.textarea("choices"),
            Field.radios("is_required", legend_size=Size.SMALL, inline=True),
        )
        self.add_submit("Save question")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "hint": data["hint"],
            "kind": data["kind"],
            "is_required": data["is_required"],
            "choices": data["choices"].splitlines(),
        }


RATING_CHOICES = [
    ("1", "1 (lowest)"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5 (highest)"),
]


class AnswerForm(GovukForm):
    """One field per question of `survey`, named q_<question id>."""

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(survey.questions.prefetch_related("choices"))
        layout = []
        for number, question in enumerate(self.questions, 1):
            name = f"q_{question.pk}"
            label = question.text if question.is_required else f"{question.text} (optional)"
            common = {"label": label, "required": question.is_required, "help_text": question.hint}
            if question.kind == QuestionKind.TEXT:
                field = forms.CharField(
                    max_length=5000,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={
                        "required": f"Enter an answer to question {number}",
                        "max_length": f"Your answer to question {number} must be 5,000 "
                        "characters or fewer",
                    },
                    **common,
                )
                layout.append(Field.textarea(name, label_size=Size.SMALL))
            elif question.kind == QuestionKind.RATING:
                field = forms.TypedChoiceField(
                    choices=RATING_CHOICES,
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": f"Select a rating for question {number}",
                        "invalid_choice": f"Select a rating for question {number}",
                    },
                    **common,
                )
                layout.append(Field.radios(name, legend_size=Size.SMALL, inline=True))
            elif question.kind == QuestionKind.ONE_CHOICE:
                field = forms.TypedChoiceField(
                    choices=[(c.pk, c.text) for c in question.choices.all()],
                    coerce=int,
                    empty_value=None,
                    widget=forms.RadioSelect,
                    error_messages={
                        "required": f"Select an answer to question {number}",
                        "invalid_choice": f"Select an answer to question {number}",
                    },
                    **common,
                )
                layout.append(Field.radios(name, legend_size=Size.SMALL))
            else:
                field = forms.TypedMultipleChoiceField(
                    choices=[(c.pk, c.text) for c in question.choices.all()],
                    coerce=int,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={
                        "required": f"Select at least one answer to question {number}",
                        "invalid_choice": f"Select only the answers listed for question {number}",
                    },
                    **common,
                )
                if not question.hint:
                    field.help_text = "Select all that apply"
                layout.append(Field.checkboxes(name, legend_size=Size.SMALL))
            self.fields[name] = field
        self.helper.layout = Layout(*layout)
        self.add_submit("Send answers")

    def answers(self) -> dict[int, object]:
        return {q.pk: self.cleaned_data.get(f"q_{q.pk}") for q in self.questions}
