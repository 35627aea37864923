"""Changes to news and briefings: add and change items, add and remove attachments. Each change
re-checks that the actor manages hub content (directory/permissions.py), records an audit event
(labelled "news item #id": no titles or other content) and keeps history (simple_history, with
the actor as the history user).

Attachments are checked by size, extension and their own leading bytes (the casework
attachment checks, narrowed to the types below) and stored under MEDIA_ROOT/news/ with a random
name. A removed attachment's file is deleted once the change is committed."""

from __future__ import annotations

import datetime
import logging
import os

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.services.attachments import (
    attachment_clean_name,
    attachment_max_bytes,
    attachment_validate,
)
from councillor_hub.directory.models import Officer, OrgUnit
from councillor_hub.directory.permissions import can_manage_hub_content

from .models import NewsAttachment, NewsItem, NewsKind

logger = logging.getLogger(__name__)

# What a briefing's material comes as: PDF, images, Word, Excel, PowerPoint, text and CSV.
ATTACHMENT_EXTENSIONS = frozenset(
    {".pdf", ".png", ".jpg", ".jpeg", ".docx", ".xlsx", ".pptx", ".txt", ".csv"}
)
ACCEPT = ",".join(sorted(ATTACHMENT_EXTENSIONS))
TYPE_ERROR = (
    "The selected file must be a PDF, Word, Excel or PowerPoint file, a PNG or JPG image, "
    "or a text or CSV file"
)
MAX_ATTACHMENTS = 20
TOO_MANY_ERROR = f"An item can have up to {MAX_ATTACHMENTS} attachments: remove one first"

TITLE_ERROR = "Enter the title"
SUMMARY_ERROR = "Enter a summary"
KIND_ERROR = "Select the type of item"
BRIEFING_DATE_ERROR = "Enter the date the briefing was held"

EDITABLE_FIELDS = (
    "kind",
    "title",
    "summary",
    "body",
    "briefing_on",
    "published_at",
    "is_published",
    "members_only",
    "service",
    "presenter",
)


def attachment_max_mb() -> int:
    return max(1, attachment_max_bytes() // (1024 * 1024))


# --- Checks --------------------------------------------------------------------------------


def _check_manager(actor) -> None:
    if not can_manage_hub_content(actor):
        raise PermissionDenied("Only democratic services and administrators manage news")


def _clean_text(value) -> str:
    return (value or "").strip()


def _clean_body(value) -> str:
    """The body with Windows line endings made plain and trailing spaces on lines dropped."""
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _check_item(*, kind: str, title: str, summary: str, briefing_on) -> None:
    errors = {}
    if kind not in NewsKind.values:
        errors["kind"] = KIND_ERROR
    if not title:
        errors["title"] = TITLE_ERROR
    if not summary:
        errors["summary"] = SUMMARY_ERROR
    if kind == NewsKind.BRIEFING and briefing_on is None:
        errors["briefing_on"] = BRIEFING_DATE_ERROR
    if errors:
        raise ValidationError(errors)


def news_attachment_validate(upload: UploadedFile) -> str:
    """Check an uploaded attachment; return the content type to store and serve it with.
    Raises ValidationError (GOV.UK wording) when it is empty, larger than the attachment cap
    (settings.ATTACHMENT_MAX_BYTES), not one of the types news takes, or its leading bytes do
    not match its extension (a program renamed .pdf is refused)."""
    try:
        content_type = attachment_validate(upload)
    except ValidationError as error:
        if getattr(error, "code", None) == "file_type":
            raise ValidationError(TYPE_ERROR, code="file_type") from None
        raise
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(TYPE_ERROR, code="file_type")
    return content_type


def _history_user(obj, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        obj._history_user = actor


def _delete_file_later(name: str) -> None:
    """Remove a file once the change is committed (never before: a rollback keeps it)."""
    if not name:
        return

    def delete() -> None:
        from django.core.files.storage import default_storage

        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - a missing file is nothing to worry about
            logger.warning("Could not delete a removed news attachment %s", name)

    transaction.on_commit(delete)


# --- Items ---------------------------------------------------------------------------------


@transaction.atomic
def news_item_create(
    *,
    actor,
    kind: str,
    title: str,
    summary: str,
    body: str = "",
    briefing_on: datetime.date | None = None,
    published_at: datetime.datetime | None = None,
    is_published: bool = True,
    members_only: bool = False,
    service: OrgUnit | None = None,
    presenter: Officer | None = None,
    request=None,
) -> NewsItem:
    """Add a news item, briefing or bulletin. With no `published_at` it is published from now;
    a time to come schedules it (hidden from all but content managers until then)."""
    _check_manager(actor)
    title, summary = _clean_text(title), _clean_text(summary)
    _check_item(kind=kind, title=title, summary=summary, briefing_on=briefing_on)
    item = NewsItem(
        kind=kind,
        title=title,
        summary=summary,
        body=_clean_body(body),
        briefing_on=briefing_on,
        published_at=published_at or timezone.now(),
        is_published=is_published,
        members_only=members_only,
        service=service,
        presenter=presenter,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    _history_user(item, actor)
    item.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=item,
        label=f"news item #{item.pk}",
        detail=f"{item.kind}, {item.current_state}",
        request=request,
    )
    return item


@transaction.atomic
def news_item_update(
    *,
    actor,
    item: NewsItem,
    kind: str,
    title: str,
    summary: str,
    body: str = "",
    briefing_on: datetime.date | None = None,
    published_at: datetime.datetime | None = None,
    is_published: bool = True,
    members_only: bool = False,
    service: OrgUnit | None = None,
    presenter: Officer | None = None,
    request=None,
) -> NewsItem:
    """Change an item. With no `published_at` it keeps its publication time. Saving with no
    change writes nothing (no history row, no audit event)."""
    _check_manager(actor)
    title, summary = _clean_text(title), _clean_text(summary)
    _check_item(kind=kind, title=title, summary=summary, briefing_on=briefing_on)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    before = {name: getattr(item, name) for name in EDITABLE_FIELDS}
    item.kind = kind
    item.title = title
    item.summary = summary
    item.body = _clean_body(body)
    item.briefing_on = briefing_on
    if published_at is not None:
        item.published_at = published_at
    item.is_published = is_published
    item.members_only = members_only
    item.service = service
    item.presenter = presenter
    changed = [name for name in EDITABLE_FIELDS if getattr(item, name) != before[name]]
    if not changed:
        return item
    _history_user(item, actor)
    item.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=item,
        label=f"news item #{item.pk}",
        detail="Changed: " + ", ".join(changed),
        request=request,
    )
    return item


# --- Attachments ---------------------------------------------------------------------------


def _default_title(original_name: str) -> str:
    stem = os.path.splitext(original_name)[0]
    return " ".join(stem.replace("_", " ").replace("-", " ").split())[:200] or original_name


@transaction.atomic
def news_attachment_add(
    *,
    actor,
    item: NewsItem,
    upload: UploadedFile,
    title: str = "",
    request=None,
) -> NewsAttachment:
    """Attach a checked file to an item. With no `title`, the file's name (without its
    extension) is the title."""
    _check_manager(actor)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError({"upload": TOO_MANY_ERROR})
    try:
        content_type = news_attachment_validate(upload)
    except ValidationError as error:
        raise ValidationError({"upload": error.messages}) from None
    original_name = attachment_clean_name(upload.name)
    attachment = NewsAttachment(
        item=item,
        title=_clean_text(title)[:200] or _default_title(original_name),
        original_name=original_name,
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    upload.seek(0)
    attachment.file.save(original_name, upload, save=False)
    stored = attachment.file.name
    try:
        _history_user(attachment, actor)
        attachment.save()
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=attachment,
            label=f"news attachment #{attachment.pk}",
            detail=f"on news item #{item.pk}, {content_type.split(';')[0]}",
            request=request,
        )
    except Exception:
        from django.core.files.storage import default_storage

        default_storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def news_attachment_remove(*, actor, attachment: NewsAttachment, request=None) -> None:
    """Remove an attachment from its item; its file is deleted once the change is committed."""
    _check_manager(actor)
    attachment = NewsAttachment.objects.select_for_update().get(pk=attachment.pk)
    name = attachment.file.name if attachment.file else ""
    pk, item_id = attachment.pk, attachment.item_id
    _history_user(attachment, actor)
    attachment.delete()
    _delete_file_later(name)
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type="news.newsattachment",
        object_id=pk,
        label=f"news attachment #{pk}",
        detail=f"from news item #{item_id}",
        request=request,
    )
