"""The document library: policies and strategies, the constitution and procedure rules, the
members' allowances scheme, forms, health and safety guides and links to committee papers,
each with tags, a service, publication and review dates and a responsible officer."""

from __future__ import annotations

import uuid

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class DocumentKind(models.TextChoices):
    POLICY = "policy", "Policy"
    STRATEGY = "strategy", "Strategy"
    CONSTITUTION = "constitution", "Constitution and procedure rules"
    ALLOWANCES = "allowances", "Members' allowances scheme"
    FORM = "form", "Form (gifts and hospitality, interests...)"
    HEALTH_AND_SAFETY = "health_and_safety", "Health and safety guide"
    COMMITTEE_PAPERS = "committee_papers", "Committee papers"
    GUIDANCE = "guidance", "Guidance"
    OTHER = "other", "Other"


class DocumentTag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


def document_path(instance: Document, filename: str) -> str:
    return f"library/{uuid.uuid4().hex}"


class Document(models.Model):
    """A document in the library: an uploaded file or a link to one elsewhere."""

    kind = models.CharField(max_length=30, choices=DocumentKind.choices)
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    tags = models.ManyToManyField(DocumentTag, blank=True, related_name="documents")
    unit = models.ForeignKey(
        "directory.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text="The service that owns it.",
    )
    file = models.FileField(upload_to=document_path, max_length=300, blank=True)
    original_name = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    url = models.URLField("Link", max_length=500, blank=True)
    published_on = models.DateField(null=True, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    responsible_officer = models.ForeignKey(
        "directory.Officer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    members_only = models.BooleanField(
        default=False, help_text="Only councillors and other members see it."
    )
    is_published = models.BooleanField(default=True)
    # The review date a reminder was last sent for, so each review is reminded once.
    review_reminder_for = models.DateField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "review_reminder_for"], m2m_fields=[]
    )

    class Meta:
        ordering = ["title"]
        indexes = [models.Index(fields=["is_published", "next_review_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(file="") | ~models.Q(url=""),
                name="document_has_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:document_detail", args=[self.pk])
