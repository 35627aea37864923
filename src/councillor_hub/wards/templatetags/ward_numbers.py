"""`{{ value|ward_number }}`: a figure with thousands separators and no trailing zeros."""

from django import template

from ..numbers import format_number

register = template.Library()


@register.filter
def ward_number(value) -> str:
    return format_number(value) if value is not None else ""
