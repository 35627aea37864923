"""How form widgets are drawn (settings.FORM_RENDERER)."""

from __future__ import annotations

from django.forms.renderers import DjangoTemplates, Jinja2
from django.template.exceptions import TemplateDoesNotExist


class FastFormRenderer(Jinja2):
    """Draws widgets (inputs, selects and their options) with Jinja2 from Django's own widget
    templates: the same markup at about a fifth of the cost of the Django template engine,
    which matters on forms with long option lists (a busy councillor's constituents, hundreds
    of wards) and on every page with a filter panel (issue 7).

    Widgets whose templates exist only for the Django engine (the admin's, django.contrib.auth's
    password hash) are drawn by it, as they would be without this renderer."""

    def __init__(self):
        super().__init__()
        self.fallback = DjangoTemplates()

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return self.fallback.get_template(template_name)
