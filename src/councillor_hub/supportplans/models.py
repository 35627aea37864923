"""Role descriptions, personal support plans and mentoring.

- A RoleDescription (councillor, committee chair, Cabinet member...) says what the role is
  for, what its holder does and the Skills it needs. Everyone signed in reads them;
  democratic services and administrators keep them up to date.
- A PersonalSupportPlan is one member's plan for one year: draft until they complete it.
  The first is due within SUPPORT_PLAN_FIRST_DUE_MONTHS of the start of their term; after
  that it is refreshed once in each annual window (SUPPORT_PLAN_WINDOW). The arithmetic is
  in supportplans/due.py. Its PlanNeeds (a skill and/or words, linked to training topics,
  with a priority) are what democratic services counts, without names, to plan the
  programme.
- A MentoringRequest is a member asking for a mentor; democratic services match a mentor
  and close it.
- A SupportPlanReminder records that a member was reminded about one due date, so the
  reminder sweep sends each once.

Plans, needs and mentoring requests are personal data: only the member and democratic
services/administrators see them (supportplans/permissions.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Skill(models.Model):
    """A skill a role needs, e.g. "Chairing meetings"."""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class RoleDescription(models.Model):
    """What a role (councillor, committee chair, Cabinet member...) is for and needs."""

    title = models.CharField(max_length=150, unique=True)
    purpose = models.TextField(help_text="What the role is for, in a sentence or two.")
    responsibilities = models.TextField(help_text="What the holder does. One per line.")
    skills = models.ManyToManyField(Skill, blank=True, related_name="roles")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    @property
    def responsibility_lines(self) -> list[str]:
        return [line.strip() for line in self.responsibilities.splitlines() if line.strip()]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    COMPLETED = "completed", "Completed"


class PersonalSupportPlan(models.Model):
    """One member's personal support plan for one year."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="support_plans"
    )
    year = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    roles = models.ManyToManyField(
        RoleDescription,
        blank=True,
        related_name="plans",
        help_text="The roles the member holds or wants to develop towards.",
    )
    strengths = models.TextField(blank=True)
    aims = models.TextField(blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
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
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["member", "year"], name="support_plan_one_per_year"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(completed_at__isnull=False),
                name="support_plan_completed_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Support plan #{self.pk}"

    @property
    def label(self) -> str:
        """A label for audit events: no name."""
        return f"Support plan #{self.pk}"

    @property
    def is_completed(self) -> bool:
        return self.status == PlanStatus.COMPLETED


class Priority(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


PRIORITY_ORDER = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}


class PlanNeed(models.Model):
    """A development need in a plan: a skill and/or a description, and the training topics
    that would meet it."""

    plan = models.ForeignKey(PersonalSupportPlan, on_delete=models.CASCADE, related_name="needs")
    skill = models.ForeignKey(
        Skill, null=True, blank=True, on_delete=models.PROTECT, related_name="needs"
    )
    description = models.TextField(blank=True)
    topics = models.ManyToManyField(
        "learning.TrainingTopic", blank=True, related_name="support_plan_needs"
    )
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(skill__isnull=False) | ~Q(description=""),
                name="plan_need_skill_or_description",
            ),
        ]

    def __str__(self) -> str:
        return f"Need #{self.pk}"


class MentoringStatus(models.TextChoices):
    NEW = "new", "New"
    MATCHED = "matched", "Matched"
    CLOSED = "closed", "Closed"


class MentoringRequest(models.Model):
    """A member asking for a mentor, handled by democratic services."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="mentoring_requests"
    )
    wanted = models.TextField(help_text="What the member would like from a mentor.")
    status = models.CharField(
        max_length=10, choices=MentoringStatus.choices, default=MentoringStatus.NEW
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentees",
    )
    note = models.TextField(blank=True, help_text="Democratic services' note.")
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    matched_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"Mentoring request #{self.pk}"


class SupportPlanReminder(models.Model):
    """A member was reminded that a plan is due on `due_on` (once per member per date)."""

    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    due_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "due_on"], name="support_plan_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"Support plan reminder #{self.pk}"
