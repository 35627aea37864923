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


# --- Retention -------------------------------------------------------------------------


class RecordType(models.TextChoices):
    CASEWORK = "casework", "Casework (closed cases)"
    ENQUIRIES = "enquiries", "Councillor enquiries (closed)"
    ATTACHMENTS = "attachments", "Attachments on closed cases"
    AUDIT = "audit", "Audit records"


# Councils' privacy notices keep casework one to three years after closure and enquiry records
# about two; audit records are kept longer so access can be checked after the data has gone.
DEFAULT_KEEP_MONTHS = {
    RecordType.CASEWORK: 24,
    RecordType.ENQUIRIES: 24,
    RecordType.ATTACHMENTS: 24,
    RecordType.AUDIT: 72,
}


class RetentionPolicy(models.Model):
    """The council's retention period for one type of record (its maximum: a councillor may
    choose a shorter period for their own casework)."""

    record_type = models.CharField(max_length=20, choices=RecordType.choices, unique=True)
    keep_months = models.PositiveSmallIntegerField(
        help_text="Months to keep a record after it closes (audit records: after they are made)."
    )
    notice_days = models.PositiveSmallIntegerField(
        default=30, help_text="Days before the due date that a record appears for review."
    )
    grace_days = models.PositiveSmallIntegerField(
        default=30,
        help_text="Days after the due date that a record nobody reviewed is anonymised.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["record_type"]
        verbose_name_plural = "retention policies"

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.keep_months} months"

    @classmethod
    def for_type(cls, record_type: str) -> RetentionPolicy:
        """The saved policy, or the default (unsaved) where none has been set."""
        policy = cls.objects.filter(record_type=record_type).first()
        return policy or cls(
            record_type=record_type, keep_months=DEFAULT_KEEP_MONTHS[RecordType(record_type)]
        )


class CouncillorRetention(models.Model):
    """A councillor's own, shorter, retention period for their closed casework."""

    councillor = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="casework_retention"
    )
    casework_months = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])


class ReviewDecision(models.TextChoices):
    PENDING = "pending", "Waiting for a decision"
    KEEP = "keep", "Keep"
    ANONYMISE = "anonymise", "Anonymise"
    DELETE = "delete", "Delete"


class RetentionReview(models.Model):
    """One record falling due under a retention policy, and what its controller decided.

    Names the record by reference only (no personal content), so it survives the record's
    deletion as the account of what went, when and by whose decision."""

    record_type = models.CharField(
        max_length=20,
        choices=[(RecordType.CASEWORK, "Case"), (RecordType.ENQUIRIES, "Enquiry")],
    )
    case = models.ForeignKey(
        "casework.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retention_reviews",
    )
    enquiry = models.ForeignKey(
        "enquiries.Enquiry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="retention_reviews",
    )
    label = models.CharField(max_length=20, help_text="The record's reference.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The councillor who controls the case; empty for the council's enquiries.",
    )
    due_on = models.DateField()
    decision = models.CharField(
        max_length=20, choices=ReviewDecision.choices, default=ReviewDecision.PENDING
    )
    keep_until = models.DateField(null=True, blank=True)
    keep_reason = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Nobody reviewed it within the grace period, so the sweep anonymised it.
    automatic = models.BooleanField(default=False)
    done_at = models.DateTimeField(null=True, blank=True)
    owner_notified_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    unrestricted = models.Manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "label", "due_on"], name="one_review_per_record_due_date"
            )
        ]
        indexes = [models.Index(fields=["owner", "decision", "due_on"])]

    def __str__(self) -> str:
        return f"{self.label} due {self.due_on}"

    @classmethod
    def visible_to(cls, user) -> models.QuerySet[RetentionReview]:
        from .permissions import visible_reviews

        return visible_reviews(user)


class RetentionRun(models.Model):
    """What one run of the retention sweep did: the report, kept."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    reviews_opened = models.PositiveIntegerField(default=0)
    owners_notified = models.PositiveIntegerField(default=0)
    anonymised_unreviewed = models.PositiveIntegerField(default=0)
    attachments_removed = models.PositiveIntegerField(default=0)
    audit_records_removed = models.PositiveIntegerField(default=0)
    handover_reminders = models.PositiveIntegerField(default=0)
    anonymised_after_term = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-id"]

    COUNT_FIELDS = (
        "reviews_opened",
        "owners_notified",
        "anonymised_unreviewed",
        "attachments_removed",
        "audit_records_removed",
        "handover_reminders",
        "anonymised_after_term",
    )

    @property
    def did_anything(self) -> bool:
        return any(getattr(self, name) for name in self.COUNT_FIELDS)


class AccessEndReminder(models.Model):
    """A reminder to a former councillor that their casework access ends soon: one row per
    reminder sent, so each goes exactly once."""

    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    access_ends_on = models.DateField()
    days_before = models.PositiveSmallIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["councillor", "access_ends_on", "days_before"],
                name="one_access_end_reminder",
            )
        ]


# --- Subject access requests ------------------------------------------------------------


class IdentityCheck(models.TextChoices):
    KNOWN = "known", "Known to the councillor or officer in person"
    DOCUMENT = "document", "Identity document seen (passport, driving licence)"
    MATCHING_DETAILS = "matching_details", "Details match our records (address, email, phone)"
    REPRESENTATIVE = "representative", "A representative's written authority checked"


class SarStatus(models.TextChoices):
    OPEN = "open", "Open"
    COMPLETED = "completed", "Completed (response sent)"
    WITHDRAWN = "withdrawn", "Withdrawn"


class SubjectAccessRequest(models.Model):
    """A person's request for a copy of their personal data, logged for its controller: a
    councillor (their casework) or the council (enquiries). No `.objects`: read through
    `visible_to(user)`."""

    reference = models.CharField(max_length=20, unique=True, editable=False)
    controller = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    controller_is_council = models.BooleanField(default=False)
    requester_name = models.CharField(max_length=200)
    requester_contact = models.TextField(
        blank=True, help_text="Where to send the response: an address or email."
    )
    received_on = models.DateField()
    identity_check = models.CharField(max_length=20, choices=IdentityCheck.choices)
    identity_note = models.CharField(max_length=500, blank=True)
    due_on = models.DateField()
    extended_due_on = models.DateField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    requester_told_on = models.DateField(
        null=True, blank=True, help_text="When the requester was told of the extension and why."
    )
    # What the search found to be this person: their constituent records (a councillor's) or
    # the details enquiries are matched on (the council's).
    constituents = models.ManyToManyField(
        "casework.Constituent", blank=True, related_name="subject_access_requests"
    )
    match_name = models.CharField(max_length=200, blank=True)
    match_email = models.EmailField(blank=True)
    match_phone = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=20, choices=SarStatus.choices, default=SarStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[])
    unrestricted = models.Manager()

    class Meta:
        ordering = ["-received_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(controller_is_council=True, controller__isnull=True)
                    | models.Q(controller_is_council=False, controller__isnull=False)
                ),
                name="sar_one_controller",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @classmethod
    def visible_to(cls, user) -> models.QuerySet[SubjectAccessRequest]:
        from .permissions import visible_sars

        return visible_sars(user)

    @property
    def current_due_on(self):
        return self.extended_due_on or self.due_on

    @property
    def controller_label(self) -> str:
        if self.controller_is_council:
            return "The council"
        return self.controller.full_name if self.controller else ""
