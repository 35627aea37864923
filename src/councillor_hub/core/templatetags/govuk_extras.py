from django import forms, template

register = template.Library()

_CHOICE_WIDGETS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


@register.filter
def error_anchor(bound_field, field_id: str) -> str:
    """The id an error summary link should jump to. crispy-forms-gds numbers radio and checkbox
    inputs from 1 (id_status_1), so a link to the bare field id would go nowhere."""
    if isinstance(bound_field.field.widget, _CHOICE_WIDGETS):
        return f"{field_id}_1"
    return field_id
