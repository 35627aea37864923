"""The council's organisation and the outside bodies members deal with. The information hub
issue grows this app (directorates, teams, officers, who-handles-what); enquiries use the
partner organisations and the out-of-hours contacts already."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
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


PHONE_ERROR = "Enter a phone number, like 01632 960 001, or a short number like 101"
_PHONE_CHARACTERS = re.compile(r"^\+?[0-9 ()-]+$")


def validate_phone_number(value: str) -> None:
    """A plausible phone number to ring in an emergency: digits with spaces, brackets or
    hyphens, an optional leading +, and either a three-digit service number (101, 111, 999)
    or 10 to 15 digits."""
    digits = sum(c.isdigit() for c in value or "")
    if not _PHONE_CHARACTERS.match(value or "") or not (digits == 3 or 10 <= digits <= 15):
        raise ValidationError(PHONE_ERROR, code="invalid_phone")


class ReviewDue:
    """Shared by the out-of-hours contacts and the emergency arrangement sections: each has a
    review date; it is due on that day and after."""

    review_date: datetime.date

    @property
    def review_due(self) -> bool:
        return self.review_date is not None and self.review_date <= timezone.localdate()


class OutOfHoursContact(ReviewDue, models.Model):
    """An emergency or out-of-hours contact for a service. One model, shared by enquiries (shown
    when a member chooses emergency urgency or raises outside office hours) and the hub's
    out-of-hours and emergency arrangements page. Each has a review date so it stays current;
    content managers are reminded once per review date (`review_reminder_for`)."""

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
    phone = models.CharField(max_length=30, validators=[validate_phone_number])
    email = models.EmailField(blank=True)
    hours = models.CharField(max_length=150, blank=True, help_text="e.g. '5pm to 9am and weekends'")
    notes = models.TextField(blank=True)
    review_date = models.DateField()
    review_reminder_for = models.DateField(
        null=True,
        blank=True,
        editable=False,
        help_text="The review date content managers were last reminded about.",
    )
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "review_reminder_for"])

    class Meta:
        ordering = ["service_area__name", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:out_of_hours") + f"#contact-{self.pk}"


class EmergencyArrangement(ReviewDue, models.Model):
    """A section of the council's emergency arrangements on the out-of-hours page, e.g. "Major
    incident arrangements", "The councillor's role in an emergency", "Emergency rest centres".
    Plain text (never HTML): a blank line starts a new paragraph, and a paragraph whose lines
    all start with "- " is a bulleted list. Withdrawn sections are kept for history."""

    title = models.CharField(max_length=150)
    body = models.TextField()
    sort_order = models.PositiveIntegerField(
        default=0, help_text="Sections are shown in this order, lowest first."
    )
    members_only = models.BooleanField(
        default=False, help_text="Only members (and those who manage the hub) see it."
    )
    review_date = models.DateField()
    review_reminder_for = models.DateField(null=True, blank=True, editable=False)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at", "review_reminder_for"])

    class Meta:
        ordering = ["sort_order", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("directory:out_of_hours") + f"#section-{self.pk}"

    @property
    def blocks(self) -> list[tuple[str, str | list[str]]]:
        """The body as ("p", text) paragraphs and ("ul", [items]) bulleted lists, for the
        template to render (escaped) with GOV.UK classes. A blank line ends a paragraph;
        lines starting "- " (or "* ") are list items."""
        blocks: list[tuple[str, str | list[str]]] = []
        lines: list[str] = []
        items: list[str] = []

        def flush() -> None:
            if lines:
                blocks.append(("p", "\n".join(lines)))
                lines.clear()
            if items:
                blocks.append(("ul", list(items)))
                items.clear()

        for raw in (self.body or "").replace("\r\n", "\n").split("\n"):
            line = raw.strip()
            if not line:
                flush()
            elif line.startswith(("- ", "* ")):
                if lines:
                    flush()
                items.append(line[2:].strip())
            else:
                if items:
                    flush()
                lines.append(line)
        flush()
        return blocks


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
