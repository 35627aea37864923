"""The council's organisation and the outside bodies members deal with. The information hub
issue grows this app (directorates, teams, officers, who-handles-what); enquiries use the
partner organisations and the out-of-hours contacts already."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class PartnerKind(models.TextChoices):
    POLICE = "police", "Police"
    NHS = "nhs", "NHS"
    HOUSING_ASSOCIATION = "housing_association", "Housing association"
    CONTRACTOR = "contractor", "Contractor"
    DISTRICT_COUNCIL = "district_council", "District council"
    COUNTY_COUNCIL = "county_council", "County council"
    UTILITY = "utility", "Utility company"
    OTHER = "other", "Other organisation"


class PartnerOrganisation(models.Model):
    """An outside body an enquiry can be routed to, with the contact details the member
    support team uses."""

    name = models.CharField(max_length=150, unique=True)
    kind = models.CharField(max_length=30, choices=PartnerKind.choices)
    contact_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ContactKind(models.TextChoices):
    OUT_OF_HOURS = "out_of_hours", "Out of hours (evenings and weekends)"
    BANK_HOLIDAY = "bank_holiday", "Bank holidays"
    ON_CALL = "on_call", "On-call rota"
    MAJOR_INCIDENT = "major_incident", "Major incident"
    SAFEGUARDING = "safeguarding", "Safeguarding"


class OutOfHoursContact(models.Model):
    """An emergency or out-of-hours contact for a service. One model, shared by enquiries (shown
    when a member chooses emergency urgency or raises outside office hours) and the hub's
    out-of-hours page. Each has a review date so it stays current."""

    service_area = models.ForeignKey(
        "core.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="out_of_hours_contacts",
        help_text="Leave empty for a council-wide contact.",
    )
    kind = models.CharField(max_length=30, choices=ContactKind.choices)
    name = models.CharField(max_length=150, help_text="Team or role, e.g. 'Highways duty engineer'")
    phone = models.CharField(max_length=30)
    email = models.EmailField(blank=True)
    hours = models.CharField(max_length=150, blank=True, help_text="e.g. '5pm to 9am and weekends'")
    notes = models.TextField(blank=True)
    review_date = models.DateField()
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["service_area__name", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def review_due(self) -> bool:
        return self.review_date <= timezone.localdate()


# --- The council's organisation and its officers (the information hub) --------------------


class UnitKind(models.TextChoices):
    DIRECTORATE = "directorate", "Directorate"
    SERVICE = "service", "Service"
    TEAM = "team", "Team"


class OrgUnit(models.Model):
    """A directorate, service or team: the council's structure as a hierarchy."""

    name = models.CharField(max_length=150)
    kind = models.CharField(max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    service_area = models.ForeignKey(
        "core.ServiceArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="org_units",
        help_text="The enquiry and casework category this unit deals with, if any.",
    )
    description = models.TextField(blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_unit_name_in_parent")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:unit_detail", args=[self.pk])

    @property
    def path(self) -> list[OrgUnit]:
        """This unit and its ancestors, outermost first (a short walk: three levels)."""
        units, unit, seen = [], self, set()
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            units.insert(0, unit)
            unit = unit.parent
        return units


class Officer(models.Model):
    """A council officer in the directory. Leavers are deactivated, never deleted, so history
    (enquiry routing, document owners) keeps their names."""

    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150)
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="officers"
    )
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    out_of_hours_phone = models.CharField(max_length=30, blank=True)
    out_of_hours_note = models.CharField(max_length=250, blank=True)
    staff_number = models.CharField(
        max_length=30,
        unique=True,
        null=True,
        blank=True,
        help_text="The staff directory's identifier: imports match officers on it.",
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer_entry",
    )
    is_active = models.BooleanField(default=True)
    deactivated_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["full_name"]
        indexes = [models.Index(fields=["is_active", "full_name"])]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("directory:officer_detail", args=[self.pk])


class Topic(models.Model):
    """ "Who handles what": a subject members ask about, mapped to a council unit or an outside
    body (a district or county council, the police, the NHS, a housing association, a
    utility), so members can tell who to ask."""

    name = models.CharField(max_length=150, unique=True)
    keywords = models.CharField(
        max_length=300, blank=True, help_text="Other words people use for it, comma-separated."
    )
    unit = models.ForeignKey(
        OrgUnit, null=True, blank=True, on_delete=models.PROTECT, related_name="topics"
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="topics",
    )
    advice = models.TextField(blank=True, help_text="How to raise it, what to include.")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(unit__isnull=False) | models.Q(partner__isnull=False),
                name="topic_handled_by_someone",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:topic_list") + f"#topic-{self.pk}"
