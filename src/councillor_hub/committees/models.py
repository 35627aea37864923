"""Councillors' public contact details, committees and their members, and the Cabinet's
portfolios and holders.

Membership history is kept by dates: a change ends one row (end_date, the last day in the
role) and starts another; rows are never deleted. simple_history keeps every edit as well.
Member development (issue 6) reads `Committee.requires_training` and the current members and
substitutes to flag who needs training before they sit."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class CommitteeKind(models.TextChoices):
    FULL_COUNCIL = "full_council", "Full Council"
    CABINET = "cabinet", "Cabinet (executive)"
    SCRUTINY = "scrutiny", "Overview and scrutiny"
    PLANNING = "planning", "Regulatory: planning"
    LICENSING = "licensing", "Regulatory: licensing"
    REGULATORY = "regulatory", "Regulatory: other"
    STANDARDS = "standards", "Standards"
    OTHER = "other", "Other committee"


REGULATORY_KINDS = frozenset(
    {CommitteeKind.PLANNING, CommitteeKind.LICENSING, CommitteeKind.REGULATORY}
)
# The order committees are listed in: Full Council, Cabinet, scrutiny, regulatory, the rest.
KIND_ORDER = {kind: index for index, kind in enumerate(CommitteeKind.values)}


class MemberRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice-chair"
    MEMBER = "member", "Member"
    SUBSTITUTE = "substitute", "Substitute"


ROLE_ORDER = {role: index for index, role in enumerate(MemberRole.values)}


def _current_q(today: datetime.date) -> Q:
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


class DatedQuerySet(models.QuerySet):
    """Rows with a start date and an optional end date (the last day, inclusive)."""

    def current(self, today: datetime.date):
        return self.filter(_current_q(today))

    def upcoming(self, today: datetime.date):
        return self.filter(start_date__gt=today)

    def ended(self, today: datetime.date):
        return self.filter(end_date__lt=today)

    def open(self):
        """Rows with no end date yet (current or upcoming)."""
        return self.filter(end_date__isnull=True)


class DatedMixin:
    def is_current_on(self, day: datetime.date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date >= day)


class Committee(models.Model):
    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField("Type", max_length=20, choices=CommitteeKind.choices)
    description = models.TextField(blank=True)
    requires_training = models.BooleanField(
        "Members need mandatory training",
        default=False,
        help_text="Members and substitutes must complete training before they sit.",
    )
    training_note = models.TextField(
        "Training required",
        blank=True,
        help_text="What training members need, and how often it must be refreshed.",
    )
    is_active = models.BooleanField(
        "Active", default=True, help_text="Untick when the committee no longer meets."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("committees:committee_detail", args=[self.pk])

    @property
    def is_regulatory(self) -> bool:
        return self.kind in REGULATORY_KINDS


class CommitteeMembership(DatedMixin, models.Model):
    """One councillor's role on one committee for a span of dates."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="memberships")
    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="committee_memberships"
    )
    role = models.CharField(max_length=20, choices=MemberRole.choices)
    start_date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="The last day in the role. Empty while it continues."
    )
    # Member development (issue 6): a councillor without valid training for the committee's
    # required topics is appointed only when a manager gives a reason; who and when are kept.
    training_override_reason = models.TextField(
        "Reason for appointing without valid training", blank=True
    )
    training_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    training_override_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DatedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-start_date", "pk"]
        indexes = [
            models.Index(fields=["committee", "end_date"]),
            models.Index(fields=["councillor", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_ends_on_or_after_start",
            ),
            # A councillor holds one role at a time on a committee: a change ends one row.
            models.UniqueConstraint(
                fields=["committee", "councillor"],
                condition=Q(end_date__isnull=True),
                name="membership_one_open_role",
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(end_date__isnull=True, role="chair"),
                name="membership_one_open_chair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} of {self.committee}"


def govuk_time(moment: datetime.datetime) -> str:
    """A time of day as GOV.UK writes it, in local time: 10am, 6:30pm, midday, midnight."""
    local = timezone.localtime(moment)
    if (local.hour, local.minute) == (12, 0):
        return "midday"
    if (local.hour, local.minute) == (0, 0):
        return "midnight"
    hour = local.hour % 12 or 12
    minutes = f":{local.minute:02d}" if local.minute else ""
    return f"{hour}{minutes}{'am' if local.hour < 12 else 'pm'}"


class CommitteeMeeting(models.Model):
    """A date the committee meets. Member development checks members' training against the
    next meeting: a sitting member whose training lapses on or before it is flagged."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField("Date and time")
    place = models.CharField("Where", max_length=200, blank=True)
    is_cancelled = models.BooleanField("Cancelled", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["committee", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.committee} on {timezone.localtime(self.starts_at):%d %B %Y}"

    @property
    def day(self) -> datetime.date:
        return timezone.localtime(self.starts_at).date()

    @property
    def time_label(self) -> str:
        return govuk_time(self.starts_at)


class TrainingLapseAlert(models.Model):
    """Democratic services were told that a sitting member's training for a topic the
    committee requires lapses (on `lapses_on`) on or before a meeting: once per membership,
    topic and lapse date, however often the background sweep runs."""

    membership = models.ForeignKey(
        CommitteeMembership, on_delete=models.CASCADE, related_name="training_lapse_alerts"
    )
    topic = models.ForeignKey("learning.TrainingTopic", on_delete=models.CASCADE, related_name="+")
    lapses_on = models.DateField(help_text="The last day the training is valid.")
    meeting = models.ForeignKey(
        CommitteeMeeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["membership", "topic", "lapses_on"], name="training_lapse_alert_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Training lapse alert #{self.pk}"


class CabinetPortfolio(models.Model):
    title = models.CharField(max_length=150, unique=True)
    responsibilities = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(
        "Order on the Cabinet page",
        default=10,
        help_text="Lower numbers come first. Put the Leader's portfolio first.",
    )
    is_active = models.BooleanField(
        "Active", default=True, help_text="Untick when the portfolio no longer exists."
    )
    is_leader = models.BooleanField(
        "The Leader's portfolio",
        default=False,
        help_text="Its holder is the Leader of the Council (the induction booklet says so). "
        "At most one portfolio.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["sort_order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_leader"],
                condition=Q(is_leader=True),
                name="portfolio_one_leader",
            )
        ]

    def __str__(self) -> str:
        return self.title


class PortfolioHolding(DatedMixin, models.Model):
    """A councillor holding a Cabinet portfolio for a span of dates."""

    portfolio = models.ForeignKey(
        CabinetPortfolio, on_delete=models.PROTECT, related_name="holdings"
    )
    councillor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="portfolio_holdings"
    )
    start_date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="The last day in the role. Empty while it continues."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = DatedQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-start_date", "pk"]
        indexes = [models.Index(fields=["councillor", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="holding_ends_on_or_after_start",
            ),
            models.UniqueConstraint(
                fields=["portfolio"],
                condition=Q(end_date__isnull=True),
                name="holding_one_open_holder",
            ),
        ]

    def __str__(self) -> str:
        return f"Holder of {self.portfolio}"


def photo_path(instance: CouncillorContact, filename: str) -> str:
    # A random name under MEDIA_ROOT (outside the web root); served after a sign-in check.
    return f"councillor-photos/{uuid.uuid4().hex}"


class CouncillorContact(models.Model):
    """The public-facing details of a councillor (one row per councillor, made when first
    edited): the contact details constituents use, surgeries, a photo and a short biography."""

    councillor = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="councillor_contact",
        primary_key=True,
    )
    public_email = models.EmailField("Public email address", blank=True)
    public_phone = models.CharField("Public phone number", max_length=30, blank=True)
    surgery_details = models.TextField(
        "Surgeries",
        blank=True,
        help_text="When and where the councillor holds surgeries, and whether to book.",
    )
    bio = models.TextField("About the councillor", blank=True)
    photo = models.FileField(upload_to=photo_path, max_length=300, blank=True)
    photo_content_type = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = "councillor's contact details"
        verbose_name_plural = "councillors' contact details"

    def __str__(self) -> str:
        return f"Contact details of councillor #{self.councillor_id}"
