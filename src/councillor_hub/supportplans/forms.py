"""Forms for role descriptions, skills, support plans and mentoring (GOV.UK markup through
crispy-forms-gds). The list filters are GET forms: values they do not recognise are
ignored, never a 500."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms

from councillor_hub.accounts.models import User
from councillor_hub.core.forms import GovukForm
from councillor_hub.learning.models import TrainingTopic

from .due import STATE_LABELS, State
from .models import MentoringStatus, Priority, RoleDescription, Skill

CHOICE_ERRORS = {
    "invalid_choice": "Select options from the list",
    "invalid_pk_value": "Select options from the list",
}


class SkillForm(GovukForm):
    name = forms.CharField(
        label="Skill",
        max_length=100,
        error_messages={
            "required": "Enter the skill's name",
            "max_length": "Skill must be 100 characters or fewer",
        },
    )
    description = forms.CharField(
        label="Description (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, submit: str = "Save skill", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.text("name"), Field.textarea("description"))
        self.add_submit(submit)


class RoleForm(GovukForm):
    title = forms.CharField(
        label="Role",
        max_length=150,
        help_text="For example, Committee chair",
        error_messages={
            "required": "Enter the role's title",
            "max_length": "Role must be 150 characters or fewer",
        },
    )
    purpose = forms.CharField(
        label="Purpose of the role",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the purpose of the role"},
    )
    responsibilities = forms.CharField(
        label="Responsibilities",
        help_text="One responsibility on each line",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the role's responsibilities"},
    )
    skills = forms.ModelMultipleChoiceField(
        label="Skills the role needs",
        queryset=Skill.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )

    def __init__(self, *args, submit: str = "Save role description", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("purpose"),
            Field.textarea("responsibilities"),
            Field.checkboxes("skills", legend_size=Size.SMALL, small=True),
        )
        self.add_submit(submit)


class PlanForm(GovukForm):
    roles = forms.ModelMultipleChoiceField(
        label="Your roles",
        help_text="The roles you hold, or want to develop towards",
        queryset=RoleDescription.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    strengths = forms.CharField(
        label="What is going well (optional)",
        help_text="Skills and experience you bring to your roles",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "What is going well must be 5000 characters or fewer"},
    )
    aims = forms.CharField(
        label="What you want to achieve this year (optional)",
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": "What you want to achieve must be 5000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.checkboxes("roles", legend_size=Size.SMALL, small=True),
            Field.textarea("strengths"),
            Field.textarea("aims"),
        )
        self.add_submit("Save plan")


class NeedForm(GovukForm):
    skill = forms.ModelChoiceField(
        label="Skill (optional)",
        queryset=Skill.objects.all(),
        required=False,
        empty_label="No particular skill",
        error_messages={"invalid_choice": "Select a skill from the list"},
    )
    description = forms.CharField(
        label="What you need (optional if you chose a skill)",
        help_text="For example, confidence chairing a public meeting",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "What you need must be 2000 characters or fewer"},
    )
    topics = forms.ModelMultipleChoiceField(
        label="Training that would help (optional)",
        queryset=TrainingTopic.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    priority = forms.ChoiceField(
        label="Priority",
        choices=Priority.choices,
        initial=Priority.MEDIUM,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the priority"},
    )

    def __init__(self, *args, submit: str = "Save need", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.select("skill"),
            Field.textarea("description"),
            Field.checkboxes("topics", legend_size=Size.SMALL, small=True),
            Field.radios("priority", legend_size=Size.SMALL, inline=True),
        )
        self.add_submit(submit)

    def clean(self):
        data = super().clean()
        if (
            not self.errors
            and data.get("skill") is None
            and not (data.get("description") or "").strip()
        ):
            self.add_error("description", "Choose a skill or describe what you need, or both")
        return data


STATE_FILTERS = [("", "All members"), *[(s.value, STATE_LABELS[s]) for s in State]]


class PlanFilterForm(GovukForm):
    state = forms.ChoiceField(label="Plan", required=False, choices=STATE_FILTERS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.select("state"))

    def chosen_state(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data["state"]


class MentoringRequestForm(GovukForm):
    wanted = forms.CharField(
        label="What would you like from a mentor?",
        help_text="For example, help preparing for your first Planning committee, or advice "
        "on balancing council work with a job",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter what you would like from a mentor",
            "max_length": "What you would like must be 3000 characters or fewer",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.textarea("wanted"))
        self.add_submit("Ask for a mentor")


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return user.full_name or user.email


class MentoringMatchForm(GovukForm):
    mentor = MentorChoiceField(
        label="Mentor",
        queryset=User.objects.none(),
        error_messages={
            "required": "Select the mentor",
            "invalid_choice": "Select a mentor from the list",
        },
    )
    note = forms.CharField(
        label="Note (optional)",
        help_text="The member sees this note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Note must be 2000 characters or fewer"},
    )

    def __init__(self, *args, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mentor"].queryset = (
            User.objects.filter(is_active=True)
            .exclude(pk=request.member_id)
            .filter(roles__isnull=False)
            .distinct()
            .order_by("full_name", "pk")
        )
        self.helper.layout = Layout(Field.select("mentor"), Field.textarea("note"))
        self.add_submit("Match mentor")


class MentoringCloseForm(GovukForm):
    note = forms.CharField(
        label="Note (optional)",
        help_text="The member sees this note",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Note must be 2000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(Field.textarea("note"))
        self.add_submit("Close request")


MENTORING_FILTERS = [("", "All requests"), *MentoringStatus.choices]


class MentoringFilterForm(GovukForm):
    status = forms.ChoiceField(label="Status", required=False, choices=MENTORING_FILTERS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True
        self.helper.layout = Layout(Field.select("status"))

    def chosen_status(self) -> str:
        if not self.is_bound or not self.is_valid():
            return ""
        return self.cleaned_data["status"]
