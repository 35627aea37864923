"""Induction of newly elected members, and DBS check tracking for every member.

- ChecklistItem: the configurable checklist democratic services works through with each new
  member (IT kit issued, register of interests completed...). Items are ordered and can be
  retired (inactive) without losing anyone's progress. Some items are not ticked by hand but
  follow other records (`derived_from`): the DBS tracker, or learning's bookings.
- Intake: one per election or by-election, with a public summary and dated programme events
  and key dates (IntakeDate). It appears on the public induction programme page from
  `published_from` (if set); nothing personal is ever on that page.
- MemberInduction: a member in an intake, with their political and officer buddies.
- ChecklistProgress: one item done for one member's induction (when, by whom, a note).
- DbsCheck: every member's DBS check as a progress state and dates only. No certificate,
  outcome or disclosure detail is stored: members show their certificate on request.

Writes go through induction/services.py; reads through induction/selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class DerivedFrom(models.TextChoices):
    MANUAL = "", "Ticked by democratic services"
    DBS_SUBMITTED = "dbs_submitted", "DBS check submitted (from the DBS tracker)"
    DBS_VERIFIED = "dbs_verified", "DBS check verified (from the DBS tracker)"
    POLITICAL_BUDDY = "political_buddy", "Political buddy allocated (from the member's induction)"
    OFFICER_BUDDY = "officer_buddy", "Officer buddy allocated (from the member's induction)"
    MANDATORY_TRAINING = (
        "mandatory_training",
        "Mandatory training booked or completed (from training bookings)",
    )


class ChecklistItem(models.Model):
    """One thing a newly elected member needs done, e.g. "IT kit issued"."""

    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)
    derived_from = models.CharField(
        max_length=30, choices=DerivedFrom.choices, default=DerivedFrom.MANUAL, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_manual(self) -> bool:
        return not self.derived_from


class IntakeKind(models.TextChoices):
    ELECTION = "election", "Election"
    BY_ELECTION = "by_election", "By-election"


class Intake(models.Model):
    """The members elected at one election or by-election, and their induction programme."""

    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=20, choices=IntakeKind.choices)
    election_date = models.DateField()
    public_summary = models.TextField(
        blank=True,
        help_text="Shown on the public induction programme page. Do not include anyone's "
        "personal details.",
    )
    published_from = models.DateField(
        null=True,
        blank=True,
        help_text="The programme appears on the public page from this date. Leave empty to "
        "keep it unpublished.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-election_date", "name"]

    def __str__(self) -> str:
        return self.name

    def is_published(self, today) -> bool:
        return self.published_from is not None and self.published_from <= today


class DateKind(models.TextChoices):
    KEY_DATE = "key_date", "Key date"
    EVENT = "event", "Programme event"


class IntakeDate(models.Model):
    """A key date (e.g. "Declaration of acceptance of office") or a programme event (e.g.
    "Induction day") of an intake. Public when the intake is published."""

    intake = models.ForeignKey(Intake, on_delete=models.CASCADE, related_name="dates")
    kind = models.CharField(max_length=20, choices=DateKind.choices)
    title = models.CharField(max_length=150)
    on = models.DateField()
    time = models.CharField(max_length=40, blank=True, help_text="For example, 9:30am to 4pm")
    location = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.on:%d %B %Y})"


class MemberInduction(models.Model):
    """A member in an intake, with the buddies allocated to them."""

    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, related_name="inductions")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="inductions"
    )
    political_buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    officer_buddy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["member__full_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["intake", "member"], name="induction_once_per_intake"),
            models.CheckConstraint(
                condition=~Q(political_buddy=F("member")), name="induction_not_own_buddy"
            ),
        ]

    def __str__(self) -> str:
        return f"Induction #{self.pk}"


class ChecklistProgress(models.Model):
    """A checklist item done for one member's induction."""

    induction = models.ForeignKey(
        MemberInduction, on_delete=models.CASCADE, related_name="progress"
    )
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="progress")
    done_on = models.DateField()
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(fields=["induction", "item"], name="progress_once_per_item"),
        ]

    def __str__(self) -> str:
        return f"Progress #{self.pk}"


class DbsState(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    SUBMITTED = "submitted", "Submitted"
    VERIFIED = "verified", "Verified"


class DbsCheck(models.Model):
    """A member's DBS check as a progress state and dates. A member without a row has not
    started. Deliberately no certificate number, outcome or disclosure content."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="dbs_check"
    )
    state = models.CharField(max_length=20, choices=DbsState.choices, default=DbsState.NOT_STARTED)
    submitted_on = models.DateField(null=True, blank=True)
    verified_on = models.DateField(null=True, blank=True)
    renewal_due_on = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="verified") | Q(verified_on__isnull=False),
                name="dbs_verified_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="submitted") | Q(submitted_on__isnull=False),
                name="dbs_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"DBS check #{self.pk}"
