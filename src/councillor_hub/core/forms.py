"""One base for every form: GOV.UK Design System markup through crispy-forms-gds, with the
error summary, and GOV.UK wording for the messages Django writes itself."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Submit
from django import forms


def _replace_default(field: forms.Field, key: str, message: str) -> None:
    """Put GOV.UK wording in place of Django's generic message, but keep any message a form
    set for itself."""
    for cls in type(field).__mro__:
        defaults = getattr(cls, "default_error_messages", {})
        if key in defaults:
            if str(field.error_messages.get(key)) == str(defaults[key]):
                field.error_messages[key] = message
            return
    field.error_messages.setdefault(key, message)


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
            label = (field.label or "this").lower()
            if isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):
                _replace_default(field, "required", f"Select {label}")
                _replace_default(field, "invalid_choice", f"Select a valid option for {label}")
            else:
                _replace_default(field, "required", f"Enter {label}")
            if isinstance(field, forms.DateField):
                _replace_default(field, "invalid", f"{field.label} must be a real date")
            if isinstance(field, forms.EmailField):
                _replace_default(
                    field,
                    "invalid",
                    "Enter an email address in the correct format, like name@example.com",
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


def form_add_service_errors(form, error, *, aliases: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on a form: on the named field when the form has it
    (services may name a field differently: `aliases` maps service names to form names),
    otherwise above the form, so the error summary always lists it."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            name = (aliases or {}).get(name, name)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)
