"""FAQs and model responses per service area: an answer for members, and a model response
for constituents with placeholders that fill in when a member inserts it into a case note or
letter. Usage is counted so the team sees which answers help."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

# Placeholders a model response may use, filled in from the case it is inserted into.
PLACEHOLDERS = {
    "constituent_name": "The constituent's name",
    "constituent_first_name": "The constituent's first name",
    "councillor_name": "Your name",
    "ward": "The case's ward",
    "case_reference": "The case reference",
    "council_name": "The council's name",
}


class Faq(models.Model):
    service_area = models.ForeignKey(
        "core.ServiceArea", on_delete=models.PROTECT, related_name="faqs"
    )
    question = models.CharField(max_length=250)
    answer = models.TextField(help_text="The answer for members.")
    model_response = models.TextField(
        blank=True,
        help_text="A reply for constituents. Placeholders: {constituent_name}, "
        "{constituent_first_name}, {councillor_name}, {ward}, {case_reference}, "
        "{council_name}.",
    )
    keywords = models.CharField(max_length=300, blank=True)
    members_only = models.BooleanField(default=False)
    is_published = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["service_area__name", "question"]
        verbose_name = "FAQ"

    def __str__(self) -> str:
        return self.question

    def render_model_response(self, values: dict[str, str]) -> str:
        """The model response with known placeholders filled in (plain replacement, so stray
        braces are harmless); unknown values stay as the placeholder for the member to fill."""
        text = self.model_response
        for key in PLACEHOLDERS:
            if values.get(key):
                text = text.replace("{" + key + "}", str(values[key]))
        return text


class UseKind(models.TextChoices):
    VIEWED = "viewed", "Viewed"
    SHOWN_ON_ENQUIRY = "shown_on_enquiry", "Shown while raising an enquiry"
    INSERTED = "inserted", "Model response inserted into a case"
    HELPFUL = "helpful", "Marked helpful"
    ENQUIRY_AVOIDED = "enquiry_avoided", "Answered the question: enquiry not sent"


class FaqUse(models.Model):
    """One use of an FAQ. Counted, never shown per person."""

    faq = models.ForeignKey(Faq, on_delete=models.CASCADE, related_name="uses")
    kind = models.CharField(max_length=20, choices=UseKind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["faq", "kind"])]
