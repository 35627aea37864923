"""Forms for FAQs: the list's filter, adding and changing an FAQ, the usage report's filter and
inserting a model response into a case. They collect and tidy input; services check and write."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from councillor_hub.casework.models import EntryKind
from councillor_hub.core.forms import GovukForm, GovukModelForm
from councillor_hub.core.models import ServiceArea

from .models import PLACEHOLDERS, Faq
from .selectors import USAGE_PERIODS
from .services import INSERT_KINDS, placeholder_errors

MAX_QUERY = 200


def _area_choices(areas, empty_label: str) -> list[tuple[str, str]]:
    return [("", empty_label), *((str(a.pk), a.name) for a in areas)]


class _GetForm(GovukForm):
    """A filter on a GET page: no CSRF token in the address; bad values are ignored."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True

    def value(self, name: str):
        if not self.is_bound:
            return self.initial.get(name, self.fields[name].initial) or ""
        self.is_valid()
        return self.cleaned_data.get(name) or ""


class FaqFilterForm(_GetForm):
    """Search and filter the FAQ list."""

    q = forms.CharField(
        label="Search the FAQs",
        required=False,
        help_text="Words from the question or answer, in any order",
    )
    service_area = forms.ChoiceField(label="Service", required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {str(a.pk): a for a in areas}
        self.fields["service_area"].choices = _area_choices(areas, "All services")
        self.helper.layout = Layout(Field.text("q"), Field.select("service_area"))

    def clean_q(self) -> str:
        return (self.cleaned_data.get("q") or "").strip()[:MAX_QUERY]

    def area(self) -> ServiceArea | None:
        return self.areas.get(str(self.value("service_area")))

    def text(self) -> str:
        return self.value("q")


class ModelResponseFilterForm(FaqFilterForm):
    """Choose a model response to insert into a case: by service (the case's first) and words."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label = "Search the model responses"


class UsageFilterForm(_GetForm):
    service_area = forms.ChoiceField(label="Service", required=False)
    period = forms.ChoiceField(
        label="Period",
        required=False,
        choices=[(key, label) for key, (label, _) in USAGE_PERIODS.items()],
    )

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.areas = {str(a.pk): a for a in areas}
        self.fields["service_area"].choices = _area_choices(areas, "All services")
        self.helper.layout = Layout(Field.select("service_area"), Field.select("period"))

    def area(self) -> ServiceArea | None:
        return self.areas.get(str(self.value("service_area")))

    def days(self) -> int | None:
        return USAGE_PERIODS.get(str(self.value("period")), USAGE_PERIODS[""])[1]


PLACEHOLDER_HELP = "Placeholders fill in from the case: " + ", ".join(
    "{" + key + "} (" + label.lower() + ")" for key, label in PLACEHOLDERS.items()
)


class FaqForm(GovukModelForm):
    """Add or change an FAQ (content managers)."""

    class Meta:
        model = Faq
        fields = [
            "service_area",
            "question",
            "answer",
            "model_response",
            "keywords",
            "members_only",
            "is_published",
        ]
        labels = {
            "service_area": "Service",
            "question": "Question",
            "answer": "Answer for members",
            "model_response": "Model response for constituents (optional)",
            "keywords": "Keywords (optional)",
            "members_only": "Members only",
            "is_published": "Published",
        }
        help_texts = {
            "question": "As a member would ask it, like 'How do I report a missed bin?'",
            "keywords": "Other words people use for this, separated by spaces or commas. "
            "They help search and the enquiry form find the FAQ.",
            "members_only": "Only councillors, MPs and co-opted members (and the people who "
            "manage this content) will see it.",
            "is_published": "Unpublished FAQs are seen only by the people who manage the content.",
        }
        widgets = {
            "answer": forms.Textarea(attrs={"rows": 6}),
            "model_response": forms.Textarea(attrs={"rows": 10}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        current = self.instance.service_area_id if self.instance.pk else None
        self.fields["service_area"].queryset = ServiceArea.objects.filter(
            is_active=True
        ) | ServiceArea.objects.filter(pk=current)
        self.fields["service_area"].empty_label = "Select a service"
        self.fields["service_area"].error_messages.update(
            required="Select the service the FAQ is about",
            invalid_choice="Select a service from the list",
        )
        self.fields["question"].error_messages.update(
            required="Enter the question",
            max_length="Question must be 250 characters or fewer",
        )
        self.fields["answer"].error_messages["required"] = "Enter the answer for members"
        self.fields["keywords"].error_messages["max_length"] = (
            "Keywords must be 300 characters or fewer"
        )
        self.fields["model_response"].help_text = PLACEHOLDER_HELP
        self.helper.layout = Layout(
            Field.select("service_area"),
            Field.text("question"),
            Field.textarea("answer", rows=6),
            Field.textarea("model_response"),
            Field.text("keywords"),
            Field.checkbox("members_only", small=True),
            Field.checkbox("is_published", small=True),
        )
        self.add_submit("Save FAQ")

    def clean_model_response(self) -> str:
        value = self.cleaned_data.get("model_response", "")
        problems = placeholder_errors(value)
        if problems:
            raise forms.ValidationError(problems)
        return value


class InsertModelResponseForm(GovukForm):
    """The filled-in model response, to edit and add to the case timeline."""

    kind = forms.ChoiceField(
        label="Record it as",
        widget=forms.RadioSelect,
        choices=[(k.value, k.label) for k in INSERT_KINDS],
        initial=EntryKind.NOTE,
        error_messages={
            "required": "Select how to record the response",
            "invalid_choice": "Select how to record the response",
        },
    )
    body = forms.CharField(
        label="The response",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Check it and change anything you need to before you add it. You can also "
        "copy it into a letter or email.",
        error_messages={"required": "Enter the text of the response"},
    )
    is_sensitive = forms.BooleanField(
        label="Contains special category data (health, safeguarding and the like)",
        required=False,
        help_text="Sensitive entries are shown only on the case page, never in lists or exports.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.textarea("body", rows=14),
            Field.radios("kind", legend_size=Size.SMALL, small=True, inline=True),
            Field.checkbox("is_sensitive", small=True),
        )
        self.add_submit("Add to the case timeline")
