"""Writes for cases and their timeline. Each function re-checks permission
(casework/permissions.py), runs in one transaction and records its own audit event, labelled
with the case reference and never with a person's name."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.postcodes import clean_optional_postcode

from .. import permissions
from ..models import (
    LOGGABLE_KINDS,
    Case,
    CaseConstituent,
    Channel,
    Constituent,
    EntryKind,
    LawfulBasis,
    Outcome,
    Priority,
    Status,
    Tag,
    TimelineEntry,
)
from .attachments import attachment_store, attachment_validate
from .case_audit import audit_case
from .references import reference_next

__all__ = [
    "EDITABLE_FIELDS",
    "case_change_status",
    "case_constituent_add",
    "case_constituent_remove",
    "case_create",
    "case_link_add",
    "case_update",
    "tags_parse",
    "timeline_entry_add",
]

# Case details an owner or delegate may change through case_update. Status has its own service.
EDITABLE_FIELDS = (
    "title",
    "description",
    "category",
    "ward",
    "location",
    "postcode",
    "channel",
    "priority",
    "follow_up_date",
    "lawful_basis",
    "has_special_category_data",
    "special_category_condition",
)


def tags_parse(value: str | Iterable[str]) -> list[str]:
    """Tag names from a comma-separated string or a list: trimmed, blanks dropped, duplicates
    (ignoring case) removed, first spelling kept."""
    names = value.split(",") if isinstance(value, str) else list(value)
    seen: set[str] = set()
    result = []
    for raw in names:
        name = " ".join(str(raw).split())[:60]
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            result.append(name)
    return result


def _tags_for(owner, names: Iterable[str]) -> list[Tag]:
    wanted = tags_parse(names)
    if not wanted:
        return []
    existing = {t.name.casefold(): t for t in Tag.unrestricted.filter(owner=owner)}
    tags = []
    for name in wanted:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag.unrestricted.create(owner=owner, name=name)
            existing[name.casefold()] = tag
        tags.append(tag)
    return tags


def _normalised_postcode(value: str) -> str:
    try:
        return clean_optional_postcode(value)
    except ValidationError as error:
        raise ValidationError({"postcode": error.messages}) from None


def _check_special_category(has_special: bool, condition: str) -> str:
    if not has_special:
        return ""
    if not condition:
        raise ValidationError(
            {
                "special_category_condition": [
                    "Select the condition for processing special category data"
                ]
            }
        )
    return condition


def _history_user(obj, actor) -> None:
    # Services may run outside a request; tell simple_history who made the change.
    if getattr(actor, "is_authenticated", False):
        obj._history_user = actor


@transaction.atomic
def case_create(
    *,
    actor,
    owner,
    title: str,
    category,
    description: str = "",
    ward=None,
    location: str = "",
    postcode: str = "",
    channel: str = Channel.EMAIL,
    priority: str = Priority.NORMAL,
    follow_up_date: datetime.date | None = None,
    tags: Iterable[str] = (),
    constituents: Iterable[Constituent] = (),
    lawful_basis: str = LawfulBasis.CONSTITUENT_REQUEST,
    has_special_category_data: bool = False,
    special_category_condition: str = "",
    opened_at: datetime.datetime | None = None,
    request: HttpRequest | None = None,
) -> Case:
    """Open a case for `owner` (the data controller), acting as `actor` (the owner or one of
    their delegates)."""
    if owner is None or owner.pk not in permissions.acting_for(actor):
        raise PermissionDenied("You cannot open cases for this councillor")
    constituents = list(constituents)
    if any(c.owner_id != owner.pk for c in constituents):
        raise ValidationError(
            {"constituents": ["Select constituents who belong to the councillor's casework"]}
        )
    if ward is None:
        profile = getattr(owner, "councillor_profile", None)
        ward = profile.ward if profile is not None else None
    case = Case(
        reference=reference_next(),
        owner=owner,
        title=(title or "").strip(),
        description=description or "",
        category=category,
        ward=ward,
        location=(location or "").strip(),
        postcode=_normalised_postcode(postcode),
        channel=channel,
        priority=priority,
        follow_up_date=follow_up_date,
        lawful_basis=lawful_basis,
        has_special_category_data=bool(has_special_category_data),
        special_category_condition=_check_special_category(
            bool(has_special_category_data), special_category_condition
        ),
        opened_at=opened_at or timezone.now(),
    )
    case.full_clean(exclude=["reference"])
    _history_user(case, actor)
    case._change_reason = "Case opened"
    case.save()
    case.tags.set(_tags_for(owner, tags))
    CaseConstituent.unrestricted.bulk_create(
        [CaseConstituent(case=case, constituent=c) for c in dict.fromkeys(constituents)]
    )
    audit_case(
        actor=actor,
        action=Action.CREATE,
        case=case,
        request=request,
    )
    return case


def _require_edit(actor, case: Case) -> None:
    if not permissions.can_edit_case(actor, case):
        raise PermissionDenied("You cannot change this case")


@transaction.atomic
def case_update(*, actor, case: Case, request: HttpRequest | None = None, **fields) -> Case:
    """Change a case's details (the fields in EDITABLE_FIELDS, plus `tags` as names). Records
    which fields changed, by name only: the values live in the field history."""
    _require_edit(actor, case)
    unknown = set(fields) - set(EDITABLE_FIELDS) - {"tags"}
    if unknown:
        raise TypeError(f"case_update() got unexpected fields: {', '.join(sorted(unknown))}")
    if "postcode" in fields:
        fields["postcode"] = _normalised_postcode(fields["postcode"])
    for name in ("title", "location"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    has_special = fields.get("has_special_category_data", case.has_special_category_data)
    condition = fields.get("special_category_condition", case.special_category_condition)
    if "has_special_category_data" in fields or "special_category_condition" in fields:
        fields["has_special_category_data"] = bool(has_special)
        fields["special_category_condition"] = _check_special_category(bool(has_special), condition)

    changed = []
    for name in EDITABLE_FIELDS:
        if name not in fields:
            continue
        value = fields[name]
        field = Case._meta.get_field(name)
        current = getattr(case, field.attname)
        new = value.pk if field.is_relation and value is not None else value
        if current != new:
            setattr(case, name, value)
            changed.append(name)

    tags_changed = False
    if "tags" in fields:
        new_tags = _tags_for(case.owner, fields["tags"])
        if {t.pk for t in new_tags} != set(case.tags.values_list("pk", flat=True)):
            tags_changed = True

    if changed:
        case.full_clean(exclude=["reference"])
        _history_user(case, actor)
        case._change_reason = "Changed " + ", ".join(changed)
        case.save()
    if tags_changed:
        case.tags.set(new_tags)
        changed.append("tags")
    if changed:
        audit_case(
            actor=actor,
            action=Action.UPDATE,
            case=case,
            detail="Changed " + ", ".join(changed),
            request=request,
        )
    return case


def _status_label(status: str, outcome: str) -> str:
    label = Status(status).label
    if status == Status.CLOSED and outcome:
        label += f" ({Outcome(outcome).label})"
    return label


@transaction.atomic
def case_change_status(
    *,
    actor,
    case: Case,
    status: str,
    outcome: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> TimelineEntry:
    """Move a case to a new status. Closing needs an outcome; reopening clears it. The change
    is written on the timeline ("Status changed from Open to Closed (Resolved)")."""
    _require_edit(actor, case)
    if status not in Status.values:
        raise ValidationError({"status": ["Select the new status"]})
    if status == Status.CLOSED:
        if outcome not in Outcome.values:
            raise ValidationError({"outcome": ["Select the outcome"]})
    else:
        outcome = ""
    if status == case.status and outcome == case.outcome:
        raise ValidationError(
            {"status": [f"The case is already {_status_label(status, outcome).lower()}"]}
        )
    before = _status_label(case.status, case.outcome)
    after = _status_label(status, outcome)
    old_status = case.status
    case.status = status
    case.outcome = outcome
    if status == Status.CLOSED:
        if old_status != Status.CLOSED or case.closed_at is None:
            case.closed_at = timezone.now()
    else:
        case.closed_at = None
    _history_user(case, actor)
    case._change_reason = f"Status changed from {before} to {after}"
    case.save()
    body = f"Status changed from {before} to {after}"
    note = (note or "").strip()
    if note:
        body += f"\n\n{note}"
    entry = TimelineEntry(case=case, kind=EntryKind.STATUS_CHANGE, body=body, author=actor)
    _history_user(entry, actor)
    entry.save()
    audit_case(
        actor=actor,
        action=Action.UPDATE,
        case=case,
        detail=f"Status changed from {old_status} to {status}",
        request=request,
    )
    return entry


@transaction.atomic
def timeline_entry_add(
    *,
    actor,
    case: Case,
    kind: str,
    body: str,
    occurred_at: datetime.datetime | None = None,
    is_sensitive: bool = False,
    upload: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> TimelineEntry:
    """Log a note, call, letter, email or meeting on a case, with an optional attachment.
    Owners, delegates and colleagues the case is shared with may do this."""
    if not permissions.can_add_to_timeline(actor, case):
        raise PermissionDenied("You cannot add to this case")
    errors: dict[str, list[str]] = {}
    if kind not in LOGGABLE_KINDS:
        errors["kind"] = ["Select what you are recording"]
    body = (body or "").strip()
    if not body and upload is None:
        errors["body"] = ["Enter the details"]
    now = timezone.now()
    if occurred_at is not None and occurred_at > now + datetime.timedelta(minutes=5):
        errors["occurred_at"] = ["The date must be today or in the past"]
    content_type = ""
    if upload is not None:
        try:
            content_type = attachment_validate(upload)
        except ValidationError as error:
            errors["upload"] = error.messages
    if errors:
        raise ValidationError(errors)

    entry = TimelineEntry(
        case=case,
        kind=kind,
        body=body,
        is_sensitive=bool(is_sensitive),
        occurred_at=occurred_at or now,
        author=actor,
    )
    _history_user(entry, actor)
    entry.save()
    detail = f"Added {EntryKind(kind).label.lower()}"
    if upload is not None:
        attachment = attachment_store(
            actor=actor, case=case, upload=upload, content_type=content_type, entry=entry
        )
        detail += " with an attachment"
        audit_case(
            actor=actor,
            action=Action.CREATE,
            case=case,
            obj=attachment,
            detail="Attachment added",
            request=request,
        )
    audit_case(
        actor=actor,
        action=Action.CREATE,
        case=case,
        obj=entry,
        detail=detail + (" (sensitive)" if entry.is_sensitive else ""),
        request=request,
    )
    return entry


@transaction.atomic
def case_constituent_add(
    *, actor, case: Case, constituent: Constituent, request: HttpRequest | None = None
) -> CaseConstituent:
    """Add a constituent of the case owner to the case."""
    _require_edit(actor, case)
    if constituent.owner_id != case.owner_id:
        raise ValidationError(
            {"constituent": ["Select a constituent from the councillor's casework"]}
        )
    link, created = CaseConstituent.unrestricted.get_or_create(case=case, constituent=constituent)
    if created:
        audit_case(
            actor=actor,
            action=Action.UPDATE,
            case=case,
            detail=f"Added constituent #{constituent.pk}",
            request=request,
        )
    return link


@transaction.atomic
def case_constituent_remove(
    *, actor, case: Case, constituent: Constituent, request: HttpRequest | None = None
) -> None:
    """Take a constituent off a case. A case may be left with none (for example a campaign)."""
    _require_edit(actor, case)
    deleted, _ = CaseConstituent.unrestricted.filter(case=case, constituent=constituent).delete()
    if deleted:
        audit_case(
            actor=actor,
            action=Action.UPDATE,
            case=case,
            detail=f"Removed constituent #{constituent.pk}",
            request=request,
        )


@transaction.atomic
def case_link_add(*, actor, case: Case, other: Case, request: HttpRequest | None = None) -> None:
    """Link two related cases (both ways). The actor must be able to change both."""
    _require_edit(actor, case)
    if not permissions.editable_cases(actor).filter(pk=other.pk).exists():
        raise PermissionDenied("You cannot link to this case")
    if other.pk == case.pk:
        raise ValidationError({"reference": ["A case cannot be linked to itself"]})
    if case.related_cases.filter(pk=other.pk).exists():
        raise ValidationError({"reference": [f"This case is already linked to {other.reference}"]})
    case.related_cases.add(other)
    for this, that in ((case, other), (other, case)):
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=this,
            label=this.reference,
            data_controller=this.owner,
            detail=f"Linked to {that.reference}",
            request=request,
        )
