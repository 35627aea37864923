"""Forms for induction and DBS tracking (democratic services), in GOV.UK markup. Services do
the real checks; forms turn typed values into Python values with GOV.UK error wording."""

from __future__ import annotations

import datetime

from crispy_forms_gds.layout import Field, Layout, Size
from django import forms
from django.utils import timezone

from councillor_hub.accounts.models import NON_ALIGNED_LABEL, PoliticalGroup
from councillor_hub.core.forms import DateInput, GovukForm

from .models import DateKind, DbsState, DerivedFrom, IntakeKind
from .selectors import members_in_office, officers

EARLIEST_YEAR = 1900
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


def _date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        validators=[_sensible_year(label)],
        error_messages={
            "invalid": f"{label} must be a real date",
            "required": f"Enter the {label[0].lower()}{label[1:]}",
        },
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        profile = getattr(obj, "councillor_profile", None)
        if profile is not None:
            return f"{obj.full_name} ({profile.ward}, {profile.group_label})"
        return obj.full_name


class ChecklistItemForm(GovukForm):
    title = forms.CharField(
        label="Title",
        max_length=150,
        error_messages={
            "required": "Enter the title",
            "max_length": "Title must be 150 characters or fewer",
        },
    )
    description = forms.CharField(
        label="Description (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What needs to happen, and who does it",
    )
    derived_from = forms.ChoiceField(
        label="How is it completed?",
        choices=DerivedFrom.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select how the item is completed"},
    )
    order = forms.IntegerField(
        label="Position in the checklist",
        min_value=0,
        max_value=32767,
        help_text="Items are listed from the lowest number to the highest",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-4"}),
        error_messages={
            "required": "Enter the position in the checklist",
            "invalid": "Position must be a whole number, like 10",
            "min_value": "Position must be 0 or more",
            "max_value": "Position must be 32767 or less",
        },
    )
    is_active = forms.BooleanField(
        label="In use (uncheck to retire the item; progress already recorded is kept)",
        required=False,
        initial=True,
    )

    def __init__(self, *args, submit: str = "Save item", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("title"),
            Field.textarea("description"),
            Field.radios("derived_from", legend_size=Size.SMALL, small=True),
            Field.text("order", field_width=4),
            Field.checkbox("is_active", small=True),
        )
        self.add_submit(submit)


class IntakeForm(GovukForm):
    name = forms.CharField(
        label="Name",
        max_length=150,
        help_text="For example, May 2027 elections or Abbey ward by-election, March 2027",
        error_messages={
            "required": "Enter the name of the intake",
            "max_length": "Name must be 150 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Type of election",
        choices=IntakeKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether this is an election or a by-election",
            "invalid_choice": "Select whether this is an election or a by-election",
        },
    )
    election_date = _date_field("Election date")
    public_summary = forms.CharField(
        label="Public summary (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Shown to prospective candidates and political groups on the public "
        "induction programme page. Do not include anyone's personal details.",
    )
    published_from = _date_field(
        "Publish on the public page from",
        required=False,
        help_text="Leave empty to keep the programme off the public page",
    )

    def __init__(self, *args, submit: str = "Save intake", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.text("name"),
            Field.radios("kind", legend_size=Size.SMALL, small=True, inline=True),
            "election_date",
            Field.textarea("public_summary"),
            "published_from",
        )
        self.add_submit(submit)


class IntakeDateForm(GovukForm):
    kind = forms.ChoiceField(
        label="Type",
        choices=DateKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether this is a key date or a programme event",
            "invalid_choice": "Select whether this is a key date or a programme event",
        },
    )
    title = forms.CharField(
        label="Title",
        max_length=150,
        error_messages={
            "required": "Enter the title",
            "max_length": "Title must be 150 characters or fewer",
        },
    )
    on = _date_field("Date")
    time = forms.CharField(
        label="Time (optional)",
        required=False,
        max_length=40,
        help_text="For example, 9:30am to 4pm",
        error_messages={"max_length": "Time must be 40 characters or fewer"},
    )
    location = forms.CharField(
        label="Place (optional)",
        required=False,
        max_length=200,
        error_messages={"max_length": "Place must be 200 characters or fewer"},
    )
    description = forms.CharField(
        label="Details (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Public when the programme is published",
    )

    def __init__(self, *args, submit: str = "Save date", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("kind", legend_size=Size.SMALL, small=True, inline=True),
            Field.text("title"),
            "on",
            Field.text("time", field_width=20),
            Field.text("location"),
            Field.textarea("description"),
        )
        self.add_submit(submit)


class AddMembersForm(GovukForm):
    members = forms.ModelMultipleChoiceField(
        label="Members to add",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select at least one member to add",
            "invalid_choice": "Select members from the list",
            "invalid_pk_value": "Select members from the list",
        },
    )

    def __init__(self, *args, intake, today, **kwargs):
        super().__init__(*args, **kwargs)
        already = intake.inductions.values_list("member_id", flat=True)
        field = self.fields["members"]
        field.queryset = members_in_office(today).exclude(pk__in=already)
        field.label_from_instance = PersonChoiceField.label_from_instance.__get__(field)
        self.helper.layout = Layout(Field.checkboxes("members", legend_size=Size.SMALL, small=True))
        self.add_submit("Add to intake")


class BuddiesForm(GovukForm):
    political_buddy = PersonChoiceField(
        label="Political buddy (optional)",
        queryset=None,
        required=False,
        empty_label="None allocated",
        help_text="An experienced councillor, usually from the member's own group",
        error_messages={"invalid_choice": "Select a councillor from the list"},
    )
    officer_buddy = PersonChoiceField(
        label="Officer buddy (optional)",
        queryset=None,
        required=False,
        empty_label="None allocated",
        error_messages={"invalid_choice": "Select an officer from the list"},
    )

    def __init__(self, *args, induction, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["political_buddy"].queryset = members_in_office(today).exclude(
            pk=induction.member_id
        )
        self.fields["officer_buddy"].queryset = officers()
        self.helper.layout = Layout(Field.select("political_buddy"), Field.select("officer_buddy"))
        self.add_submit("Save buddies")


class TickForm(GovukForm):
    """One checkbox per hand-ticked item: ticked ones are done."""

    items = forms.MultipleChoiceField(
        label="Done",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select items from the checklist"},
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(str(item.pk), item.title) for item in items]
        self.helper.layout = Layout(Field.checkboxes("items", legend_size=Size.MEDIUM, small=True))
        self.add_submit("Save checklist")

    def done_item_ids(self) -> set[int]:
        return {int(value) for value in self.cleaned_data["items"]}


class ProgressForm(GovukForm):
    """One item: done or not, when, and a note."""

    done = forms.BooleanField(label="Done", required=False)
    done_on = _date_field(
        "Date done",
        required=False,
        help_text="Leave empty for today (or the date already recorded)",
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="For example, the kit's asset number. Do not record anything sensitive.",
        error_messages={"max_length": "Note must be 2000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.checkbox("done", small=True), "done_on", Field.textarea("note")
        )
        self.add_submit("Save")


class DbsForm(GovukForm):
    state = forms.ChoiceField(
        label="State of the DBS check",
        choices=DbsState.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the state of the DBS check",
            "invalid_choice": "Select the state of the DBS check",
        },
    )
    submitted_on = _date_field("Date submitted", required=False)
    verified_on = _date_field(
        "Date verified",
        required=False,
        help_text="The date democratic services saw the certificate. Do not record the "
        "certificate number or its contents.",
    )
    renewal_due_on = _date_field(
        "Renewal due (optional)",
        required=False,
        help_text="Leave empty to set it 3 years after the date verified",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout(
            Field.radios("state", legend_size=Size.SMALL, small=True),
            "submitted_on",
            "verified_on",
            "renewal_due_on",
        )
        self.add_submit("Save DBS check")


STATE_FILTERS = [("", "All states"), *DbsState.choices]


class DbsFilterForm(GovukForm):
    """The DBS tracker's filters (a GET form: unknown values are ignored)."""

    state = forms.ChoiceField(label="State", required=False, choices=STATE_FILTERS)
    group = forms.ChoiceField(label="Political group", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True
        self.fields["group"].choices = [
            ("", "All groups"),
            *[(str(g.pk), g.name) for g in PoliticalGroup.objects.all()],
            ("none", NON_ALIGNED_LABEL),
        ]
        self.helper.layout = Layout(Field.select("state"), Field.select("group"))

    def filters(self) -> dict:
        if not self.is_bound:
            return {}
        self.is_valid()
        return {k: v for k, v in getattr(self, "cleaned_data", {}).items() if v}
