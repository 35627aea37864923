"""Member development: the training catalogue, sessions and bookings, and completions.

Who must hold a topic: members holding any role in `required_for_roles` (accounts Role
values, kept as a JSON list: a short, fixed vocabulary that needs no join) and members
currently sitting on (or substituting for) a committee in `required_for_committees`.
How long a completion counts is worked out in learning/validity.py. Writes go through
learning/services/; reads through learning/selectors.py."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from councillor_hub.accounts.roles import Role

from .validity import ValidityBasis


class Basis(models.TextChoices):
    MONTHS = ValidityBasis.MONTHS.value, "Months from completion"
    MUNICIPAL_YEAR = ValidityBasis.MUNICIPAL_YEAR.value, "Municipal year"


class TrainingTopic(models.Model):
    """A subject in the member development programme, e.g. "Planning committee training"."""

    name = models.CharField(max_length=150, unique=True)
    description = models.TextField(blank=True)
    is_mandatory = models.BooleanField(
        default=False, help_text="Part of the mandatory programme for those who need it."
    )
    valid_for_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty if a completion never expires."
    )
    validity_basis = models.CharField(max_length=20, choices=Basis.choices, default=Basis.MONTHS)
    required_for_roles = models.JSONField(
        default=list, blank=True, help_text="Roles whose holders must complete this topic."
    )
    required_for_committees = models.ManyToManyField(
        "committees.Committee", blank=True, related_name="required_training_topics"
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        default=30, help_text="Remind members this many days before their training expires."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_for_months__isnull=True) | Q(valid_for_months__gte=1),
                name="topic_valid_for_at_least_a_month",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        roles = self.required_for_roles
        if not isinstance(roles, list) or not set(roles) <= set(Role.values):
            raise ValidationError({"required_for_roles": "Select roles from the list"})

    def is_required_for_roles(self, roles) -> bool:
        return bool(set(self.required_for_roles) & set(roles))


class TrainingSession(models.Model):
    """One date on which a topic is taught, in a room or online."""

    topic = models.ForeignKey(TrainingTopic, on_delete=models.PROTECT, related_name="sessions")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    location = models.CharField(max_length=200, blank=True)
    online_url = models.URLField(blank=True)
    capacity = models.PositiveIntegerField()
    trainer = models.CharField(max_length=150, blank=True)
    notes = models.TextField(blank=True)
    is_cancelled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["topic", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="session_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} on {timezone.localtime(self.starts_at):%d %B %Y}"

    def has_started(self, now=None) -> bool:
        return self.starts_at <= (now or timezone.now())


class BookingStatus(models.TextChoices):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Cancelled"


class Booking(models.Model):
    """A member's place on a session, or their place in its waiting list (first come, first
    served by `booked_at`, then id). Cancelled bookings are kept, not deleted."""

    session = models.ForeignKey(TrainingSession, on_delete=models.PROTECT, related_name="bookings")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_bookings"
    )
    status = models.CharField(max_length=10, choices=BookingStatus.choices)
    booked_at = models.DateTimeField(default=timezone.now)
    access_needs = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    attended = models.BooleanField(null=True, blank=True, help_text="Empty until marked.")
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["booked_at", "pk"]
        indexes = [models.Index(fields=["session", "status", "booked_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "member"],
                condition=~Q(status=BookingStatus.CANCELLED),
                name="booking_one_active_per_member",
            ),
        ]

    def __str__(self) -> str:
        return f"Booking #{self.pk} ({self.get_status_display()})"


class CompletionSource(models.TextChoices):
    SESSION = "session", "Session attended"
    E_LEARNING = "e_learning", "E-learning"
    IMPORT = "import", "Imported"
    MANUAL = "manual", "Recorded by hand"


class Completion(models.Model):
    """A member completed a topic on a date. The latest one decides whether they are up to
    date (learning/validity.py)."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_completions"
    )
    topic = models.ForeignKey(TrainingTopic, on_delete=models.PROTECT, related_name="completions")
    completed_on = models.DateField()
    source = models.CharField(max_length=20, choices=CompletionSource.choices)
    session = models.ForeignKey(
        TrainingSession,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="completions",
    )
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-completed_on", "-pk"]
        indexes = [models.Index(fields=["member", "topic", "completed_on"])]
        constraints = [
            # Marking attendance twice must not count a session twice.
            models.UniqueConstraint(
                fields=["member", "session"],
                condition=Q(session__isnull=False),
                name="completion_once_per_session",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.topic} completed on {self.completed_on:%d %B %Y}"


class ExternalActivityKind(models.TextChoices):
    COURSE = "course", "Course"
    CONFERENCE = "conference", "Conference"
    E_LEARNING = "e_learning", "E-learning"
    OTHER = "other", "Other"


class ExternalActivity(models.Model):
    """A course, conference or other activity a member attended outside the council's own
    programme (e.g. an LGA leadership course). Recorded by the member, then evaluated."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="external_activities"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=ExternalActivityKind.choices)
    provider = models.CharField(max_length=150, blank=True)
    attended_on = models.DateField()
    topic = models.ForeignKey(
        TrainingTopic,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="external_activities",
        help_text="The programme topic it covered, if any.",
    )
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-attended_on", "-pk"]
        verbose_name_plural = "external activities"

    def __str__(self) -> str:
        return self.title


class Evaluation(models.Model):
    """A member's evaluation of a session they attended (through its booking) or of an
    external activity they recorded: exactly one of the two. Results are reported only in
    aggregate per session and topic; the member link stops a second evaluation."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_evaluations"
    )
    booking = models.OneToOneField(
        Booking, null=True, blank=True, on_delete=models.PROTECT, related_name="evaluation"
    )
    external_activity = models.OneToOneField(
        ExternalActivity,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    overall_rating = models.PositiveSmallIntegerField(help_text="1 (poor) to 5 (excellent).")
    objectives_rating = models.PositiveSmallIntegerField(
        help_text="How well it met its objectives, 1 to 5."
    )
    presenter_rating = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The trainer or speakers, 1 to 5."
    )
    would_recommend = models.BooleanField()
    what_worked = models.TextField(blank=True)
    what_to_improve = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(booking__isnull=False, external_activity__isnull=True)
                | Q(booking__isnull=True, external_activity__isnull=False),
                name="evaluation_of_one_thing",
            ),
            models.CheckConstraint(
                condition=Q(overall_rating__gte=1, overall_rating__lte=5)
                & Q(objectives_rating__gte=1, objectives_rating__lte=5)
                & (
                    Q(presenter_rating__isnull=True)
                    | Q(presenter_rating__gte=1, presenter_rating__lte=5)
                ),
                name="evaluation_ratings_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"Evaluation #{self.pk}"


class SuggestionStatus(models.TextChoices):
    NEW = "new", "New"
    PLANNED = "planned", "Planned"
    NOT_PLANNED = "not_planned", "Not planned"


class TrainingSuggestion(models.Model):
    """A member's suggestion for the programme, answered by democratic services."""

    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="training_suggestions"
    )
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.NEW
    )
    response = models.TextField(blank=True)
    topic = models.ForeignKey(
        TrainingTopic, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ExpiryReminder(models.Model):
    """One reminder sent to a member that their completion of a topic expires on a date, so
    the background sweep reminds once per expiry however often it runs."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(TrainingTopic, on_delete=models.CASCADE, related_name="+")
    expires_on = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "topic", "expires_on"], name="expiry_reminder_once"
            ),
        ]


class CalendarFeed(models.Model):
    """A member's private iCalendar feed of their booked sessions. The URL carries a random
    secret; revoking replaces it, so an old URL stops working at once."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_calendar"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Calendar feed #{self.pk}"
