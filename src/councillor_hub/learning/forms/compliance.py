"""The compliance dashboard's filters (a GET form). Values that are not on offer are dropped
by clean_filters, never shown as errors: a stale or edited address still shows a page."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Layout
from django import forms
from django.http import QueryDict

from councillor_hub.accounts.models import NON_ALIGNED_LABEL
from councillor_hub.core.forms import GovukForm

from ..validity import STATUS_LABELS

NON_ALIGNED = "none"
FILTERS = ("group", "ward", "committee", "topic", "status")


class ComplianceFilterForm(GovukForm):
    group = forms.ChoiceField(label="Political group", required=False)
    ward = forms.ChoiceField(label="Ward", required=False)
    committee = forms.ChoiceField(label="Committee", required=False)
    topic = forms.ChoiceField(label="Topic", required=False)
    status = forms.ChoiceField(label="Status", required=False)

    def __init__(
        self, *args, groups=(), wards=(), committees=(), topics=(), non_aligned=True, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.helper.disable_csrf = True  # a GET form: no token in the address
        self.helper.form_tag = False
        group_choices = [("", "All groups")] + [(str(g.pk), g.name) for g in groups]
        if non_aligned:
            group_choices.append((NON_ALIGNED, NON_ALIGNED_LABEL))
        self.fields["group"].choices = group_choices
        self.fields["ward"].choices = [("", "All wards")] + [(str(w.pk), w.name) for w in wards]
        self.fields["committee"].choices = [("", "Any committee")] + [
            (str(c.pk), c.name) for c in committees
        ]
        self.fields["topic"].choices = [("", "All topics")] + [(str(t.pk), t.name) for t in topics]
        self.fields["status"].choices = [("", "Any status")] + [
            (str(key), label) for key, label in STATUS_LABELS.items()
        ]
        self.fields["committee"].help_text = "Members sitting on or substituting for it"
        self.helper.layout = Layout(*[Field.select(name) for name in FILTERS])


def clean_filters(query: QueryDict, form: ComplianceFilterForm) -> dict[str, str]:
    """The filter values on offer; anything else is ignored."""
    values = {}
    for name in FILTERS:
        value = query.get(name, "")
        if value and value in {str(key) for key, _ in form.fields[name].choices}:
            values[name] = value
    return values
