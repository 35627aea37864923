"""Data protection operations: the personal data breach register and councillors' privacy
notices.

A breach record describes an incident and may mention people, so like casework it has no
`.objects`: read through `Breach.visible_to(user)` (dataprotection/permissions.py) and write
in services through `Breach.unrestricted`.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import models, transaction
from simple_history.models import HistoricalRecords

# The UK GDPR (Article 33): report a notifiable breach to the ICO within 72 hours of becoming
# aware of it.
ICO_REPORTING_WINDOW = timedelta(hours=72)


class IcoDecision(models.TextChoices):
    UNDECIDED = "undecided", "Not decided yet"
    REPORT = "report", "Report to the ICO"
    DO_NOT_REPORT = "do_not_report", "Do not report to the ICO"


class Breach(models.Model):
    """A personal data breach, recorded for its controller: a councillor (their casework) or
    the council (enquiries and everything else)."""

    reference = models.CharField(max_length=20, unique=True, editable=False)
    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The councillor whose casework the breach affects; empty for the council.",
    )
    controller_is_council = models.BooleanField(default=False)
    what_happened = models.TextField()
    discovered_at = models.DateTimeField()
    occurred_at = models.DateTimeField(null=True, blank=True)
    data_involved = models.TextField()
    people_affected = models.PositiveIntegerField()
    actions_taken = models.TextField(blank=True)
    ico_decision = models.CharField(
        max_length=20, choices=IcoDecision.choices, default=IcoDecision.UNDECIDED
    )
    decision_reason = models.TextField(blank=True)
    reported_to_ico_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])
    unrestricted = models.Manager()

    class Meta:
        ordering = ["-discovered_at", "-id"]
        verbose_name_plural = "breaches"
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(controller_is_council=True, controller__isnull=True)
                    | models.Q(controller_is_council=False, controller__isnull=False)
                ),
                name="breach_one_controller",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @classmethod
    def visible_to(cls, user) -> models.QuerySet[Breach]:
        from .permissions import visible_breaches

        return visible_breaches(user)

    @property
    def ico_deadline(self) -> datetime:
        # In UTC: adding hours to a local time would count wall-clock hours, one out where
        # the clocks change.
        return self.discovered_at.astimezone(UTC) + ICO_REPORTING_WINDOW

    @property
    def controller_label(self) -> str:
        if self.controller_is_council:
            return "The council"
        return self.controller.full_name if self.controller else ""


PLACEHOLDERS = ("councillor_name", "ward", "council_name", "contact_email", "retention_years")


class PrivacyNoticeTemplate(models.Model):
    """The council's privacy notice template. Each councillor's public notice is built from
    the active one, with the placeholders filled in."""

    name = models.CharField(max_length=120)
    body = models.TextField(
        help_text=(
            "Plain text. Leave a blank line between paragraphs; start a line with ## for a "
            "heading. Placeholders: {councillor_name}, {ward}, {council_name}, "
            "{contact_email}, {retention_years}."
        )
    )
    retention_years = models.PositiveSmallIntegerField(default=2)
    is_active = models.BooleanField(
        default=True,
        help_text="Only one template is active: saving this one as active "
        "makes the others inactive.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-is_active", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"],
                condition=models.Q(is_active=True),
                name="one_active_privacy_notice_template",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.is_active:
                PrivacyNoticeTemplate.objects.filter(is_active=True).exclude(pk=self.pk).update(
                    is_active=False
                )
            super().save(*args, **kwargs)

    def render(self, values: dict[str, str]) -> str:
        """The body with each known placeholder replaced. Plain replacement, not str.format,
        so stray braces in the template are harmless."""
        text = self.body
        for key in PLACEHOLDERS:
            text = text.replace("{" + key + "}", str(values.get(key, "")))
        return text
