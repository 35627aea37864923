"""Changes to the booklet: a section's title and introduction, the directory contacts and
library documents it lists, and the key dates. Each function re-checks that the actor manages
hub content (democratic services and administrators), runs in one transaction, keeps history
(simple_history, with the actor as the history user) and writes its own audit event, naming
records by key or id only (never a person's name or the text)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.directory.models import Officer, OrgUnit
from councillor_hub.directory.permissions import can_manage_hub_content
from councillor_hub.library.models import Document

from .defaults import DEFAULT_SECTIONS
from .models import BookletSection, KeyDate, SectionKey

__all__ = [
    "LINK_KINDS",
    "key_date_create",
    "key_date_delete",
    "key_date_update",
    "section_link_add",
    "section_link_remove",
    "section_update",
]

TITLE_MAX = 150
BODY_MAX = 10_000
KEY_DATE_TEXT_MAX = 2_000
# What a section can list: the kind's name in forms and URLs -> (field, model, label).
LINK_KINDS: dict[str, tuple[str, type, str]] = {
    "unit": ("units", OrgUnit, "team or service"),
    "officer": ("officers", Officer, "officer"),
    "document": ("documents", Document, "document"),
}


def _check_manager(actor) -> None:
    if not can_manage_hub_content(actor):
        raise PermissionDenied("Only democratic services and administrators edit the booklet")


def _history_user(obj, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        obj._history_user = actor


def _clean(value: str | None) -> str:
    return (value or "").strip()


def _clean_body(value: str | None) -> str:
    """Trailing spaces off every line and no more than one blank line between paragraphs."""
    lines = [line.rstrip() for line in (value or "").replace("\r\n", "\n").split("\n")]
    text, blank = [], False
    for line in lines:
        if not line:
            if not blank and text:
                text.append("")
            blank = True
            continue
        blank = False
        text.append(line)
    return "\n".join(text).strip()


def _section_for_update(key: str) -> tuple[BookletSection, bool]:
    """The section row, locked; made from the default text if it is missing."""
    if key not in SectionKey.values:
        raise ValidationError("There is no such section in the booklet")
    section = BookletSection.objects.select_for_update().filter(key=key).first()
    if section is not None:
        return section, False
    title, body = DEFAULT_SECTIONS[key]
    return BookletSection(key=key, title=title, body=body), True


def _label(section: BookletSection) -> str:
    return f"booklet section {section.key}"


@transaction.atomic
def section_update(*, actor, key: str, title: str, body: str = "", request=None) -> BookletSection:
    """Change a section's title and introduction."""
    _check_manager(actor)
    section, created = _section_for_update(key)
    title, body = _clean(title), _clean_body(body)
    errors = {}
    if not title:
        errors["title"] = "Enter the section's title"
    elif len(title) > TITLE_MAX:
        errors["title"] = f"Title must be {TITLE_MAX} characters or fewer"
    if len(body) > BODY_MAX:
        errors["body"] = f"Introduction must be {BODY_MAX:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    changed = [
        name
        for name, value in (("title", title), ("body", body))
        if value != getattr(section, name)
    ]
    if not changed and not created:
        return section
    section.title, section.body = title, body
    _history_user(section, actor)
    section.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        obj=section,
        label=_label(section),
        detail="Changed: " + ", ".join(changed or ["title", "body"]),
        request=request,
    )
    return section


def _link_target(kind: str, pk: int):
    if kind not in LINK_KINDS:
        raise ValidationError("Choose a team, an officer or a document")
    field, model, label = LINK_KINDS[kind]
    return field, model.objects.filter(pk=pk).first(), label


def _touch(section: BookletSection, actor) -> None:
    """Save the section so its "last changed" time (and the booklet's) moves on."""
    _history_user(section, actor)
    section.save()


@transaction.atomic
def section_link_add(*, actor, key: str, kind: str, pk: int, request=None) -> BookletSection:
    """List a directory unit or officer, or a library document, in a section. Only current
    records can be added: an active unit or officer, a published document."""
    _check_manager(actor)
    section, created = _section_for_update(key)
    field, target, label = _link_target(kind, pk)
    current = target is not None and (
        target.is_published if kind == "document" else target.is_active
    )
    if not current:
        raise ValidationError(f"That {label} is not in the hub any more. Search again")
    if created:
        _touch(section, actor)  # a row is needed before anything can be listed in it
    related = getattr(section, field)
    if related.filter(pk=target.pk).exists():
        return section
    related.add(target)
    if not created:
        _touch(section, actor)
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=section,
        label=_label(section),
        detail=f"Listed {kind} #{target.pk}",
        request=request,
    )
    return section


@transaction.atomic
def section_link_remove(*, actor, key: str, kind: str, pk: int, request=None) -> BookletSection:
    """Stop listing a unit, officer or document in a section (the record itself stays)."""
    _check_manager(actor)
    section, created = _section_for_update(key)
    if kind not in LINK_KINDS:
        raise ValidationError("Choose a team, an officer or a document")
    if created:
        return section
    related = getattr(section, LINK_KINDS[kind][0])
    if not related.filter(pk=pk).exists():
        return section
    related.remove(pk)
    _touch(section, actor)
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=section,
        label=_label(section),
        detail=f"Stopped listing {kind} #{pk}",
        request=request,
    )
    return section


# --- Key dates -----------------------------------------------------------------------------


def _key_date_check(
    *, title: str, date: datetime.date | None, end_date: datetime.date | None, description: str
) -> None:
    errors = {}
    if not title:
        errors["title"] = "Enter what is happening"
    elif len(title) > TITLE_MAX:
        errors["title"] = f"What is happening must be {TITLE_MAX} characters or fewer"
    if date is None:
        errors["date"] = "Enter the date"
    elif end_date is not None and end_date < date:
        errors["end_date"] = "The last day must be the same as or after the date"
    if len(description) > KEY_DATE_TEXT_MAX:
        errors["description"] = f"Details must be {KEY_DATE_TEXT_MAX:,} characters or fewer"
    if errors:
        raise ValidationError(errors)


def _key_date_label(key_date: KeyDate) -> str:
    return f"key date #{key_date.pk}"


@transaction.atomic
def key_date_create(
    *,
    actor,
    title: str,
    date: datetime.date,
    end_date: datetime.date | None = None,
    description: str = "",
    request=None,
) -> KeyDate:
    _check_manager(actor)
    title, description = _clean(title), _clean_body(description)
    _key_date_check(title=title, date=date, end_date=end_date, description=description)
    key_date = KeyDate(
        title=title,
        date=date,
        end_date=end_date if end_date != date else None,
        description=description,
    )
    _history_user(key_date, actor)
    key_date.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=key_date,
        label=_key_date_label(key_date),
        request=request,
    )
    return key_date


@transaction.atomic
def key_date_update(
    *,
    actor,
    key_date: KeyDate,
    title: str,
    date: datetime.date,
    end_date: datetime.date | None = None,
    description: str = "",
    request=None,
) -> KeyDate:
    _check_manager(actor)
    key_date = KeyDate.objects.select_for_update().get(pk=key_date.pk)
    title, description = _clean(title), _clean_body(description)
    _key_date_check(title=title, date=date, end_date=end_date, description=description)
    values = {
        "title": title,
        "date": date,
        "end_date": end_date if end_date != date else None,
        "description": description,
    }
    changed = [name for name, value in values.items() if getattr(key_date, name) != value]
    if not changed:
        return key_date
    for name, value in values.items():
        setattr(key_date, name, value)
    _history_user(key_date, actor)
    key_date.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=key_date,
        label=_key_date_label(key_date),
        detail="Changed: " + ", ".join(changed),
        request=request,
    )
    return key_date


@transaction.atomic
def key_date_delete(*, actor, key_date: KeyDate, request=None) -> None:
    """Remove a key date (a mistake, or a meeting that was cancelled). Its history stays."""
    _check_manager(actor)
    key_date = KeyDate.objects.select_for_update().get(pk=key_date.pk)
    label = _key_date_label(key_date)
    pk = key_date.pk
    _history_user(key_date, actor)
    key_date.delete()
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type=KeyDate._meta.label_lower,
        object_id=pk,
        label=label,
        request=request,
    )
