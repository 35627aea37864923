from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

SEPARATOR = mark_safe(
    ' <span aria-hidden="true">&gt;</span><span class="govuk-visually-hidden">,</span> '
)  # noqa: S308 - constant markup


@register.simple_tag(takes_context=True)
def unit_path(context, unit) -> SafeString:
    """A unit's place in the organisation, outermost first, each part a link: "Place >
    Highways > Street lighting". Drawn here rather than by an included template, and each
    unit's address worked out once per page: a directory search lists tens of officers from
    the same few units (issue 7)."""
    if unit is None:
        return SafeString("")
    urls = context.render_context.setdefault("directory_unit_urls", {})
    parts = unit.path
    for part in parts:
        if part.pk not in urls:
            urls[part.pk] = reverse("directory:unit_detail", args=[part.pk])
    # Each part is escaped by format_html; join gives a plain str, so it is marked again.
    return mark_safe(  # noqa: S308
        SEPARATOR.join(
            format_html('<a class="govuk-link" href="{}">{}</a>', urls[part.pk], part.name)
            for part in parts
        )
    )
