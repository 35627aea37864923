"""Ward profiles: what each ward is like (a summary written by democratic services), its
statistics (imported from CSV files built from ONS Census and Index of Multiple Deprivation
tables) and its main amenities. Hub content: every signed-in member and officer reads it,
content managers change it (services.py), and simple_history keeps every change.

Casework and enquiry figures shown on a profile are not stored here: they are counted when the
page is read (selectors.ward_activity), aggregated and with small numbers suppressed.
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class WardProfile(models.Model):
    """One per ward; it shares the ward's primary key, so /wards/<ward id>/ is its page."""

    ward = models.OneToOneField(
        "accounts.Ward", on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    summary = models.TextField(
        blank=True, help_text="What the ward is like: its places, its people, its character."
    )
    area_hectares = models.DecimalField(
        "Area (hectares)", max_digits=9, decimal_places=1, null=True, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["ward__name"]

    def __str__(self) -> str:
        return f"Ward profile: {self.ward}"

    def get_absolute_url(self) -> str:
        return reverse("wards:ward_detail", args=[self.ward_id])


class Unit(models.TextChoices):
    PEOPLE = "people", "people"
    HOUSEHOLDS = "households", "households"
    PER_CENT = "per_cent", "per cent"
    RANK = "rank", "rank"
    DECILE = "decile", "decile"
    SCORE = "score", "score"
    NUMBER = "number", "number"


class WardStatistic(models.Model):
    """One figure about a ward, e.g. Age / "Aged 0 to 15" = 1,830 people (ONS Census 2021
    TS007, 2021). Statistics of a topic are shown together, as a chart and a table."""

    ward = models.ForeignKey("accounts.Ward", on_delete=models.CASCADE, related_name="statistics")
    topic = models.CharField(max_length=100)
    label = models.CharField(max_length=150)
    value = models.DecimalField(max_digits=14, decimal_places=3)
    unit = models.CharField(max_length=20, choices=Unit.choices)
    source = models.CharField(max_length=200, blank=True)
    period = models.CharField(max_length=30, blank=True)
    sort_order = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["ward", "sort_order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "topic", "label"], name="unique_ward_statistic")
        ]

    def __str__(self) -> str:
        return f"{self.ward}: {self.topic}: {self.label}"


class AmenityKind(models.TextChoices):
    SCHOOL = "school", "Schools"
    LIBRARY = "library", "Libraries"
    HEALTH = "health", "Health: GP surgeries, pharmacies and clinics"
    PARK = "park", "Parks and open spaces"
    COMMUNITY_CENTRE = "community_centre", "Community centres"
    LEISURE_CENTRE = "leisure_centre", "Leisure centres"
    PLACE_OF_WORSHIP = "place_of_worship", "Places of worship"
    SHOPS = "shops", "Shops"
    TRANSPORT = "transport", "Transport"
    OTHER = "other", "Other"


class WardAmenity(models.Model):
    """A main amenity or facility in a ward. Closed ones are marked inactive, never deleted."""

    ward = models.ForeignKey("accounts.Ward", on_delete=models.CASCADE, related_name="amenities")
    kind = models.CharField(max_length=20, choices=AmenityKind.choices)
    name = models.CharField(max_length=150)
    address = models.CharField(max_length=250, blank=True)
    notes = models.TextField(blank=True)
    url = models.URLField("Website", blank=True)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["ward", "kind", "name"]
        verbose_name_plural = "ward amenities"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("wards:ward_detail", args=[self.ward_id]) + f"#amenity-{self.pk}"
