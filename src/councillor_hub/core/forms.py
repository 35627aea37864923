"""One base for every form: GOV.UK Design System markup through crispy-forms-gds, with the
error summary, and GOV.UK wording for the messages Django writes itself."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms


class GovukFormMixin:
    submit_label = "Continue"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper(self)
        self.helper.form_tag = False
        # Templates write {% csrf_token %} inside their own <form>; crispy would add a second.
        self.helper.disable_csrf = True
        self.helper.label_size = "s"
        self.helper.legend_size = "s"
        for field in self.fields.values():
            messages = field.error_messages
            label = (field.label or "this").lower() if field.label else "this"
            messages.setdefault("required", f"Enter {label}")
            if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
                messages["required"] = f"Select {label}"
                messages.setdefault("invalid_choice", f"Select a valid option for {label}")
            if isinstance(field, forms.DateField):
                messages["invalid"] = f"{field.label} must be a real date, like 27/3/2026"
            if isinstance(field, forms.EmailField):
                messages["invalid"] = (
                    "Enter an email address in the correct format, like name@example.com"
                )

    def add_submit(self, label: str | None = None) -> None:
        # Submit, not Button: inputs render as <input type="{input_type}">, and Button has no
        # input_type, which gave <input type=""> (a text box) instead of a submit button.
        self.helper.add_input(Submit("submit", label or self.submit_label))


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


class DateInput(forms.DateInput):
    """A native date field: simple, keyboard-accessible, works without JavaScript."""

    input_type = "date"

    def __init__(self, attrs=None):
        attrs = {"class": "govuk-input govuk-input--width-10", **(attrs or {})}
        super().__init__(attrs=attrs, format="%Y-%m-%d")
