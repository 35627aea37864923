"""Changes to the document library: add and change documents (a checked upload or a link),
tags made from comma-separated text, and the review reminders. Each change re-checks that the
actor manages hub content, records an audit event (no document content in it) and keeps
history (simple_history, with the actor as the history user)."""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.services.attachments import (
    attachment_clean_name,
    attachment_validate,
)
from councillor_hub.directory.models import Officer, OrgUnit
from councillor_hub.directory.permissions import can_manage_hub_content
from councillor_hub.notifications.services import notify

from .models import Document, DocumentKind, DocumentTag

logger = logging.getLogger(__name__)

# The files the library takes: PDF, Word, Excel, OpenDocument and plain text. The checks
# (size cap, extension and leading bytes, zip contents) are the casework attachment checks.
DOCUMENT_EXTENSIONS = frozenset(
    {".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".txt", ".csv"}
)
ACCEPT = ",".join(sorted(DOCUMENT_EXTENSIONS))
TYPE_ERROR = "The selected file must be a PDF, Word, Excel, OpenDocument or text file"
REMINDER_DAYS = 30
TAG_MAX_LENGTH = 60
MAX_TAGS = 20

FILE_OR_LINK_ERROR = "Upload a file or enter a link to the document"
BOTH_ERROR = "Upload a file or enter a link, not both"
REVIEW_DATE_ERROR = "Next review date must be after the publication date"

EDITABLE_FIELDS = (
    "kind",
    "title",
    "summary",
    "unit",
    "url",
    "published_on",
    "next_review_on",
    "responsible_officer",
    "members_only",
    "is_published",
)


# --- Files ---------------------------------------------------------------------------------


def document_file_validate(upload: UploadedFile) -> str:
    """Check an uploaded document; return the content type to store and serve it with.
    Raises ValidationError (GOV.UK wording) when it is empty, larger than the attachment cap
    (settings.ATTACHMENT_MAX_MB), not one of the library's types, or its leading bytes do not
    match its extension."""
    try:
        content_type = attachment_validate(upload)
    except ValidationError as error:
        if getattr(error, "code", None) == "file_type":
            raise ValidationError(TYPE_ERROR, code="file_type") from None
        raise
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in DOCUMENT_EXTENSIONS:
        raise ValidationError(TYPE_ERROR, code="file_type")
    return content_type


def _delete_file_later(name: str) -> None:
    """Remove a replaced file once the change is committed (never before: a rollback keeps it)."""
    if not name:
        return

    def delete() -> None:
        from django.core.files.storage import default_storage

        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - a missing file is nothing to worry about
            logger.warning("Could not delete a replaced library file %s", name)

    transaction.on_commit(delete)


# --- Tags ----------------------------------------------------------------------------------


def tags_parse(value: str | Iterable[str]) -> list[str]:
    """Tag names from comma-separated text or a list: spaces tidied, blanks and duplicates
    (ignoring case and punctuation: the same slug) dropped, the first spelling kept."""
    names = value.split(",") if isinstance(value, str) else list(value)
    seen: set[str] = set()
    result = []
    for raw in names:
        name = " ".join(str(raw).split())[:TAG_MAX_LENGTH]
        slug = tag_slug(name)
        if name and slug and slug not in seen:
            seen.add(slug)
            result.append(name)
    return result


def tag_slug(name: str) -> str:
    return slugify(name, allow_unicode=True)[:TAG_MAX_LENGTH]


def tags_get_or_create(names: Iterable[str]) -> list[DocumentTag]:
    """The tags called `names`, made when new. A name matches an existing tag with the same
    slug, so "Health and safety" and "health and  safety" are one tag."""
    wanted = tags_parse(names)
    if not wanted:
        return []
    slugs = [tag_slug(name) for name in wanted]
    existing = {tag.slug: tag for tag in DocumentTag.objects.filter(slug__in=slugs)}
    by_name = {tag.name.casefold(): tag for tag in DocumentTag.objects.filter(name__in=wanted)}
    tags = []
    for name, slug in zip(wanted, slugs, strict=True):
        tag = existing.get(slug) or by_name.get(name.casefold())
        if tag is None:
            tag = DocumentTag.objects.create(name=name, slug=slug)
            existing[slug] = tag
        tags.append(tag)
    return tags


# --- Documents -----------------------------------------------------------------------------


def _check_manager(actor) -> None:
    if not can_manage_hub_content(actor):
        raise PermissionDenied("Only democratic services and administrators manage the library")


def _check_dates(published_on, next_review_on) -> None:
    if published_on and next_review_on and next_review_on <= published_on:
        raise ValidationError({"next_review_on": REVIEW_DATE_ERROR})


def _check_choices(*, kind: str, title: str) -> None:
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = "Select the type of document"
    if not (title or "").strip():
        errors["title"] = "Enter the title"
    if errors:
        raise ValidationError(errors)


def _attach_file(document: Document, upload: UploadedFile, content_type: str) -> None:
    original_name = attachment_clean_name(upload.name)
    upload.seek(0)
    document.file.save(original_name, upload, save=False)
    document.original_name = original_name
    document.content_type = content_type


def _history_user(document: Document, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        document._history_user = actor


@transaction.atomic
def document_create(
    *,
    actor,
    kind: str,
    title: str,
    summary: str = "",
    tags: str | Iterable[str] = (),
    unit: OrgUnit | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
    published_on: datetime.date | None = None,
    next_review_on: datetime.date | None = None,
    responsible_officer: Officer | None = None,
    members_only: bool = False,
    is_published: bool = True,
    request=None,
) -> Document:
    """Add a document: an uploaded file (checked) or a link, never both."""
    _check_manager(actor)
    _check_choices(kind=kind, title=title)
    url = (url or "").strip()
    if upload and url:
        raise ValidationError({"upload": BOTH_ERROR})
    if not upload and not url:
        raise ValidationError({"upload": FILE_OR_LINK_ERROR})
    _check_dates(published_on, next_review_on)
    content_type = ""
    if upload:
        try:
            content_type = document_file_validate(upload)
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from None
    document = Document(
        kind=kind,
        title=title.strip(),
        summary=(summary or "").strip(),
        unit=unit,
        url=url,
        published_on=published_on,
        next_review_on=next_review_on,
        responsible_officer=responsible_officer,
        members_only=members_only,
        is_published=is_published,
    )
    if upload:
        _attach_file(document, upload, content_type)
    _history_user(document, actor)
    document.save()
    document.tags.set(tags_get_or_create(tags))
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=document,
        label=f"document #{document.pk}",
        detail="file" if upload else "link",
        request=request,
    )
    return document


@transaction.atomic
def document_update(
    *,
    actor,
    document: Document,
    kind: str,
    title: str,
    summary: str = "",
    tags: str | Iterable[str] = (),
    unit: OrgUnit | None = None,
    upload: UploadedFile | None = None,
    url: str = "",
    published_on: datetime.date | None = None,
    next_review_on: datetime.date | None = None,
    responsible_officer: Officer | None = None,
    members_only: bool = False,
    is_published: bool = True,
    request=None,
) -> Document:
    """Change a document. A new upload replaces the file (and any link); a link given without
    an upload replaces the file; neither keeps the file it has. Changing the next review date
    re-arms its review reminder (the reminder is kept per review date)."""
    _check_manager(actor)
    _check_choices(kind=kind, title=title)
    document = Document.objects.select_for_update().get(pk=document.pk)
    url = (url or "").strip()
    if upload and url:
        raise ValidationError({"upload": BOTH_ERROR})
    if not upload and not url and not document.file:
        raise ValidationError({"upload": FILE_OR_LINK_ERROR})
    _check_dates(published_on, next_review_on)
    content_type = ""
    if upload:
        try:
            content_type = document_file_validate(upload)
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from None

    before = {name: getattr(document, name) for name in EDITABLE_FIELDS}
    before_file = document.file.name if document.file else ""
    before_tags = set(document.tags.values_list("pk", flat=True))

    document.kind = kind
    document.title = title.strip()
    document.summary = (summary or "").strip()
    document.unit = unit
    document.published_on = published_on
    document.next_review_on = next_review_on
    document.responsible_officer = responsible_officer
    document.members_only = members_only
    document.is_published = is_published
    document.url = url
    if upload:
        _attach_file(document, upload, content_type)
        _delete_file_later(before_file)
    elif url and before_file:
        document.file = ""
        document.original_name = ""
        document.content_type = ""
        _delete_file_later(before_file)

    new_tags = tags_get_or_create(tags)
    changed = [name for name in EDITABLE_FIELDS if getattr(document, name) != before[name]]
    if (document.file.name if document.file else "") != before_file:
        changed.append("file")
    if {tag.pk for tag in new_tags} != before_tags:
        changed.append("tags")
    if not changed:
        return document
    _history_user(document, actor)
    document.save()
    document.tags.set(new_tags)
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=document,
        label=f"document #{document.pk}",
        detail="Changed: " + ", ".join(changed),
        request=request,
    )
    return document


# --- Review reminders ----------------------------------------------------------------------


def _democratic_services() -> list[User]:
    return list(
        User.objects.filter(roles__role=Role.DEMOCRATIC_SERVICES_OFFICER, is_active=True)
        .distinct()
        .order_by("pk")
    )


def reminder_recipients(document: Document, *, fallback: list[User]) -> list[User]:
    """The responsible officer's user account when they have an active one (and are still in
    the directory), otherwise every democratic services officer (`fallback`)."""
    officer = document.responsible_officer
    user = officer.user if officer is not None and officer.is_active else None
    if user is not None and user.is_active:
        return [user]
    return fallback


def reminder_title(document: Document, *, today: datetime.date) -> str:
    due = document.next_review_on
    when = f"{due.day} {due:%B %Y}"
    if due < today:
        return f"Review overdue: {document.title} (was due {when})"
    return f"Review due: {document.title} by {when}"


def library_review_reminders(*, today: datetime.date | None = None) -> int:
    """Remind about each published document whose next review date is within
    REMINDER_DAYS days or past, once per review date: the document is claimed by writing its
    review date to `review_reminder_for` (a conditional UPDATE, so two runs at once cannot both
    send) in the same transaction as the notification. A new review date re-arms it.
    Returns how many documents were reminded about."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=REMINDER_DAYS)
    due = (
        Document.objects.filter(
            is_published=True,
            next_review_on__isnull=False,
            next_review_on__lte=horizon,
        )
        .exclude(review_reminder_for=F("next_review_on"))
        .select_related("responsible_officer__user")
        .order_by("next_review_on", "pk")
    )
    fallback = None
    sent = 0
    for document in due:
        if fallback is None:
            fallback = _democratic_services()
        recipients = reminder_recipients(document, fallback=fallback)
        if not recipients:
            logger.warning("No one to remind about the review of document %s", document.pk)
            continue
        with transaction.atomic():
            claimed = (
                Document.objects.filter(
                    pk=document.pk,
                    is_published=True,
                    next_review_on=document.next_review_on,
                )
                .exclude(review_reminder_for=document.next_review_on)
                .update(review_reminder_for=document.next_review_on)
            )
            if not claimed:
                continue
            notify(
                recipients=recipients,
                title=reminder_title(document, today=today),
                url=document.get_absolute_url(),
            )
        sent += 1
    return sent
