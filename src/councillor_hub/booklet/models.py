"""The induction and key contacts booklet: a curated guide a new councillor reads, generated
from the live data (who's who from committees, contacts from the directory, documents from the
library, service levels from enquiries) so it is always current, as a web page and a PDF.

Content managers edit only what cannot be generated: each section's title and introduction,
the directory contacts and library documents it lists, and the key dates. The sections are a
fixed set (seeded by a data migration with the text in defaults.py); nothing here duplicates
a phone number or an email address: those come from the directory when the booklet is made."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class SectionKey(models.TextChoices):
    """The booklet's sections, in the order it prints them."""

    WELCOME = "welcome", "Welcome and key dates"
    WHOS_WHO = "whos_who", "Who's who"
    MEMBER_SUPPORT = "member_support", "Member support and democratic services"
    ENQUIRIES = "enquiries", "How to raise an enquiry"
    SERVICE_CONTACTS = "service_contacts", "Service contacts and out-of-hours numbers"
    ICT = "ict", "ICT help"
    HEALTH_AND_SAFETY = "health_and_safety", "Health and safety"
    ALLOWANCES = "allowances", "Allowances and expenses"
    COMMITTEES = "committees", "Committee structure"


SECTION_ORDER = {key: index for index, key in enumerate(SectionKey.values)}


class BookletSection(models.Model):
    """One section of the booklet: its title, its introduction (plain text, paragraphs separated
    by a blank line) and the directory contacts and library documents it lists. What the
    generated sections add (the Cabinet, service contacts...) is read live, never stored."""

    key = models.CharField(max_length=30, choices=SectionKey.choices, unique=True)
    title = models.CharField(max_length=150)
    body = models.TextField(
        "Introduction",
        blank=True,
        help_text="Plain text. Leave a blank line between paragraphs.",
    )
    units = models.ManyToManyField("directory.OrgUnit", blank=True, related_name="booklet_sections")
    officers = models.ManyToManyField(
        "directory.Officer", blank=True, related_name="booklet_sections"
    )
    documents = models.ManyToManyField(
        "library.Document", blank=True, related_name="booklet_sections"
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The links are audited (by id) when they change; the text keeps full history.
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title

    @property
    def order(self) -> int:
        return SECTION_ORDER.get(self.key, len(SECTION_ORDER))

    @property
    def anchor(self) -> str:
        return f"section-{self.key.replace('_', '-')}"


class KeyDate(models.Model):
    """A date a new councillor should know: induction day, Full Council, the budget meeting."""

    title = models.CharField(max_length=150)
    date = models.DateField()
    end_date = models.DateField(
        null=True, blank=True, help_text="For something that lasts several days: its last day."
    )
    description = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["date", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("date")),
                name="key_date_ends_on_or_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def last_day(self):
        return self.end_date or self.date
