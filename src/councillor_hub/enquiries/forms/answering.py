"""The service officer's reply form: the draft text and an optional file."""

from __future__ import annotations

from crispy_forms_gds.layout import Layout, Submit
from django import forms

from councillor_hub.casework.services.attachments import ACCEPT
from councillor_hub.core.forms import GovukForm

SAVE = "save"
READY = "ready"


class DraftResponseForm(GovukForm):
    body = forms.CharField(
        label="Your response",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=(
            "Write to the member in plain English. The member support team checks it before "
            "it is sent."
        ),
        error_messages={"required": "Enter the response"},
    )
    upload = forms.FileField(
        label="Attach a file (optional)",
        required=False,
        help_text="PDF, Word, Excel, OpenDocument, image or text file, up to 10MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        error_messages={"invalid": "The selected file could not be read"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper.layout = Layout("body", "upload")
        self.helper.add_input(Submit(SAVE, "Save draft"))
        self.helper.add_input(
            Submit(READY, "Mark as ready for checking", css_class="govuk-button--secondary")
        )

    def action(self) -> str:
        """Which button was pressed: the draft is always saved first; READY also marks it."""
        return READY if READY in self.data else SAVE
