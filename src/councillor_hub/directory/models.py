"""The council's organisation and the outside bodies members deal with. The information hub
issue grows this app (directorates, teams, officers, who-handles-what); enquiries use the
partner organisations and the out-of-hours contacts already."""

from django.db import models
from django.utils import timezone


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
