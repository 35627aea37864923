"""News and briefings: items for members and officers (news, member briefings held on a date,
bulletins) with attachments, so members who missed a briefing have its material.

Who sees what is decided in news/selectors.py (from directory/permissions.py); changes go
through news/services.py. Attachment files live under MEDIA_ROOT/news/ with random names and
are served only by the attachment download view after the same check as the item."""

from __future__ import annotations

import re
import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords


class NewsKind(models.TextChoices):
    NEWS = "news", "News"
    BRIEFING = "briefing", "Briefing"
    BULLETIN = "bulletin", "Bulletin"


class NewsState(models.TextChoices):
    """Where an item is in its life, for content managers (others only see published ones)."""

    DRAFT = "draft", "Draft"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHED = "published", "Published"


class NewsItem(models.Model):
    """A news item, a briefing (held on a date, with its material attached) or a bulletin."""

    kind = models.CharField(max_length=20, choices=NewsKind.choices, default=NewsKind.NEWS)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300, help_text="Shown in lists.")
    body = models.TextField(blank=True)
    briefing_on = models.DateField(
        "Date of the briefing", null=True, blank=True, help_text="Required for a briefing."
    )
    published_at = models.DateTimeField(
        default=timezone.now,
        help_text="Until then only democratic services and administrators see it.",
    )
    is_published = models.BooleanField(default=True)
    members_only = models.BooleanField(
        default=False, help_text="Only councillors and other members see it."
    )
    service = models.ForeignKey(
        "directory.OrgUnit",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    presenter = models.ForeignKey(
        "directory.Officer",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
        help_text="Who gave the briefing, or who to contact about it.",
    )
    created_by = models.ForeignKey(
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
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["is_published", "published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="briefing") | models.Q(briefing_on__isnull=False),
                name="news_briefing_has_date",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("news:item_detail", args=[self.pk])

    def state(self, now=None) -> str:
        """Draft (not published), scheduled (published from a time still to come) or
        published."""
        if not self.is_published:
            return NewsState.DRAFT
        if self.published_at > (now or timezone.now()):
            return NewsState.SCHEDULED
        return NewsState.PUBLISHED

    @property
    def current_state(self) -> str:
        return self.state()

    @property
    def is_live(self) -> bool:
        return self.current_state == NewsState.PUBLISHED

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs (split at blank lines), as plain text: templates escape them
        and keep single line breaks."""
        text = (self.body or "").replace("\r\n", "\n").replace("\r", "\n")
        return [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]


def attachment_path(instance: NewsAttachment, filename: str) -> str:
    """A random name under MEDIA_ROOT/news/: the uploader's file name is never used on disk."""
    return f"news/{uuid.uuid4().hex}"


# How an attachment's type is named on the page ("PDF, 240 KB").
TYPE_LABELS = {
    "application/pdf": "PDF",
    "image/png": "PNG image",
    "image/jpeg": "JPEG image",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": (
        "PowerPoint presentation"
    ),
    "text/plain; charset=utf-8": "Text file",
    "text/csv; charset=utf-8": "CSV file",
}


def size_label(size: int) -> str:
    """A file size as GOV.UK writes it: '512 bytes', '240 KB', '1.2 MB'."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    megabytes = size / (1024 * 1024)
    return f"{megabytes:.1f}".rstrip("0").rstrip(".") + " MB"


class NewsAttachment(models.Model):
    """A file attached to a news item: slides, notes or papers from a briefing."""

    item = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def type_label(self) -> str:
        return TYPE_LABELS.get(self.content_type, "File")

    @property
    def size_label(self) -> str:
        return size_label(self.size)

    @property
    def description(self) -> str:
        """'PDF, 240 KB'."""
        return f"{self.type_label}, {self.size_label}"
