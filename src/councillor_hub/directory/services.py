"""Changes to the directory: officers, units (directorates, services, teams), "who handles
what" topics, the staff directory import, and the out-of-hours and emergency arrangements
page (contacts and arrangement sections, their reviews and review reminders). Each function
re-checks that the actor may manage hub content, runs in one transaction, keeps history
(simple_history) and writes its own audit event. Audit labels name records by id
("officer #12"), never by a person's name. Leavers are deactivated, never deleted; contacts
and sections are withdrawn, never deleted."""

from __future__ import annotations

import calendar
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core import imports as core_imports
from councillor_hub.core.reminders import claim_reminder, due_for_reminder
from councillor_hub.notifications.services import notify

from . import importing
from .models import EmergencyArrangement, Officer, OrgUnit, OutOfHoursContact, Topic
from .permissions import can_manage_hub_content
from .selectors import content_managers

logger = logging.getLogger(__name__)

__all__ = [
    "ImportChanged",
    "ImportResult",
    "arrangement_create",
    "arrangement_label",
    "arrangement_mark_reviewed",
    "arrangement_update",
    "contact_create",
    "contact_label",
    "contact_mark_reviewed",
    "contact_update",
    "emergency_review_reminders",
    "next_review_date",
    "officer_create",
    "officer_deactivate",
    "officer_import_apply",
    "officer_label",
    "officer_update",
    "topic_create",
    "topic_label",
    "topic_update",
    "unit_create",
    "unit_label",
    "unit_update",
]

OFFICER_FIELDS = (
    "full_name",
    "job_title",
    "unit",
    "email",
    "phone",
    "out_of_hours_phone",
    "out_of_hours_note",
    "staff_number",
)
UNIT_FIELDS = ("name", "kind", "parent", "service_area", "description", "email", "phone")
TOPIC_FIELDS = ("name", "keywords", "unit", "partner", "advice")
CONTACT_FIELDS = (
    "service_area",
    "kind",
    "name",
    "phone",
    "email",
    "hours",
    "notes",
    "review_date",
)
ARRANGEMENT_FIELDS = ("title", "body", "sort_order", "members_only", "review_date")
TEXT_FIELDS = {
    "full_name",
    "job_title",
    "email",
    "phone",
    "out_of_hours_phone",
    "out_of_hours_note",
    "name",
    "keywords",
    "description",
    "advice",
    "hours",
    "notes",
    "title",
    "body",
}
REVIEW_MONTHS = 12
REVIEW_DATE_IN_FUTURE = "The review date must be in the future"


def _require_manager(actor) -> None:
    if not can_manage_hub_content(actor):
        raise PermissionDenied("You cannot change the directory")


def _history_user(obj, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        obj._history_user = actor


def _clean(fields: dict, allowed: tuple[str, ...], kind: str) -> dict:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown {kind} fields: {', '.join(sorted(unknown))}")
    cleaned = dict(fields)
    for name in TEXT_FIELDS & set(cleaned):
        value = cleaned[name] or ""
        # Multi-line text keeps its line breaks; one-line fields are trimmed.
        cleaned[name] = value.strip()
    if "staff_number" in cleaned:
        cleaned["staff_number"] = (cleaned["staff_number"] or "").strip() or None
    if "phone" in cleaned and kind == "contact":
        cleaned["phone"] = " ".join(cleaned["phone"].split())
    return cleaned


def _apply(obj, fields: dict) -> list[str]:
    changed = []
    for name, value in fields.items():
        field = obj._meta.get_field(name)
        current = getattr(obj, field.attname)
        new = value.pk if field.is_relation and value is not None else value
        if current != new:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def _set_active(obj, is_active: bool | None, changed: list[str]) -> None:
    if is_active is not None and is_active != obj.is_active:
        obj.is_active = is_active
        changed.append("is_active")


def _merge_errors(obj, errors: dict[str, list[str]]) -> None:
    """Run the model's own checks (uniqueness and constraints are checked by the caller, in
    GOV.UK wording) and raise every error together."""
    try:
        obj.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def _save_new(obj, *, actor, check: Callable, label: Callable, reason: str | None = None):
    """Check, save (with its first history record) and audit a new record."""
    check(obj)
    _history_user(obj, actor)
    if reason:
        obj._change_reason = reason
    obj.save()
    audit_record(actor=actor, action=Action.CREATE, obj=obj, label=label(obj))
    return obj


def _save_changes(
    obj, changed: list[str], *, actor, check: Callable, label: Callable, reason: str = ""
):
    """Check, save and audit the `changed` fields of a record; nothing if nothing changed."""
    if not changed:
        return obj
    check(obj)
    _history_user(obj, actor)
    if reason:
        obj._change_reason = reason
    obj.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=obj,
        label=label(obj),
        detail="Changed: " + ", ".join(changed),
    )
    return obj


def _label(kind: str) -> Callable[[models.Model | int], str]:
    def label(obj: models.Model | int) -> str:
        return f"{kind} #{obj if isinstance(obj, int) else obj.pk}"

    return label


# ---------------------------------------------------------------------------- officers
officer_label = _label("officer")


def _check_officer(officer: Officer) -> None:
    try:
        officer.full_clean(exclude=["user"])
    except ValidationError as error:
        # GOV.UK wording for the messages people are most likely to meet.
        messages = error.message_dict
        if "staff_number" in messages and officer.staff_number:
            messages["staff_number"] = ["Another officer already has this staff number"]
        raise ValidationError(messages) from None


@transaction.atomic
def officer_create(*, actor, **fields) -> Officer:
    """Add an officer to the directory. Raises ValidationError on bad values."""
    _require_manager(actor)
    officer = Officer(**_clean(fields, OFFICER_FIELDS, "officer"))
    return _save_new(
        officer, actor=actor, check=_check_officer, label=officer_label, reason="Added"
    )


@transaction.atomic
def officer_update(*, actor, officer: Officer, is_active: bool | None = None, **fields) -> Officer:
    """Change an officer's details. `is_active=False` marks a leaver: they stay in the
    directory (history keeps their name) with the date they were deactivated."""
    _require_manager(actor)
    changed = _apply(officer, _clean(fields, OFFICER_FIELDS, "officer"))
    _set_active(officer, is_active, changed)
    reason = ""
    if "is_active" in changed:
        officer.deactivated_at = None if officer.is_active else timezone.now()
        reason = "Reactivated" if officer.is_active else "Deactivated (left)"
    return _save_changes(
        officer, changed, actor=actor, check=_check_officer, label=officer_label, reason=reason
    )


def officer_deactivate(*, actor, officer: Officer) -> Officer:
    """Mark an officer as having left: never deleted, so history keeps their name."""
    return officer_update(actor=actor, officer=officer, is_active=False)


# ------------------------------------------------------------------------------- units
unit_label = _label("unit")


def _check_unit(unit: OrgUnit) -> None:
    errors: dict[str, list[str]] = {}
    if unit.parent_id is not None and unit.pk is not None:
        ancestor, seen = unit.parent, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.pk == unit.pk:
                errors["parent"] = [
                    "A unit cannot be inside itself or inside one of its own services or "
                    "teams: choose a different unit it belongs to"
                ]
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent
    if unit.name:
        siblings = OrgUnit.objects.filter(parent_id=unit.parent_id, name__iexact=unit.name)
        if unit.pk:
            siblings = siblings.exclude(pk=unit.pk)
        if siblings.exists():
            where = f"in {unit.parent.name}" if unit.parent_id else "at the top level"
            errors["name"] = [f"There is already a unit called {unit.name} {where}"]
    _merge_errors(unit, errors)


@transaction.atomic
def unit_create(*, actor, **fields) -> OrgUnit:
    """Add a directorate, service or team."""
    _require_manager(actor)
    unit = OrgUnit(**_clean(fields, UNIT_FIELDS, "unit"))
    return _save_new(unit, actor=actor, check=_check_unit, label=unit_label)


@transaction.atomic
def unit_update(*, actor, unit: OrgUnit, is_active: bool | None = None, **fields) -> OrgUnit:
    """Change a unit. A unit can't be inside itself (directly or through its children)."""
    _require_manager(actor)
    changed = _apply(unit, _clean(fields, UNIT_FIELDS, "unit"))
    _set_active(unit, is_active, changed)
    return _save_changes(unit, changed, actor=actor, check=_check_unit, label=unit_label)


# ------------------------------------------------------------------------------ topics
topic_label = _label("topic")


def _check_topic(topic: Topic) -> None:
    errors: dict[str, list[str]] = {}
    if topic.unit_id is None and topic.partner_id is None:
        errors["unit"] = ["Select the council team or the outside body that handles this"]
    if topic.name:
        same = Topic.objects.filter(name__iexact=topic.name)
        if topic.pk:
            same = same.exclude(pk=topic.pk)
        if same.exists():
            errors["name"] = [f"There is already a topic called {topic.name}"]
    _merge_errors(topic, errors)


@transaction.atomic
def topic_create(*, actor, **fields) -> Topic:
    """Add a "who handles what" topic, handled by a council unit or an outside body."""
    _require_manager(actor)
    topic = Topic(**_clean(fields, TOPIC_FIELDS, "topic"))
    return _save_new(topic, actor=actor, check=_check_topic, label=topic_label)


@transaction.atomic
def topic_update(*, actor, topic: Topic, **fields) -> Topic:
    """Change a "who handles what" topic."""
    _require_manager(actor)
    changed = _apply(topic, _clean(fields, TOPIC_FIELDS, "topic"))
    return _save_changes(topic, changed, actor=actor, check=_check_topic, label=topic_label)


# ---------------------------------------------- out-of-hours contacts and arrangements
contact_label = _label("out-of-hours contact")
arrangement_label = _label("emergency arrangement")


def next_review_date(today: datetime.date | None = None, *, months: int = REVIEW_MONTHS):
    """The same day `months` months on (the month's last day when it is shorter)."""
    today = today or timezone.localdate()
    year, month = divmod(today.month - 1 + months, 12)
    year, month = today.year + year, month + 1
    return datetime.date(year, month, min(today.day, calendar.monthrange(year, month)[1]))


def _review_checker(*, review_date_set: bool) -> Callable:
    """The checks for a contact or a section: the model's own (a plausible phone number...),
    and a review date in the future whenever one is set. An unchanged past date may stay,
    so a quick fix to an overdue contact is not blocked; the page still shows it as due."""

    def check(obj) -> None:
        errors: dict[str, list[str]] = {}
        if review_date_set and obj.review_date and obj.review_date <= timezone.localdate():
            errors["review_date"] = [REVIEW_DATE_IN_FUTURE]
        _merge_errors(obj, errors)

    return check


def _reason(changed: list[str], obj) -> str:
    if "is_active" in changed:
        return "Brought back into use" if obj.is_active else "Withdrawn"
    return ""


def _mark_reviewed(obj, *, actor, next_review: datetime.date | None, label: Callable):
    next_review = next_review or next_review_date()
    if next_review <= timezone.localdate():
        raise ValidationError({"review_date": [REVIEW_DATE_IN_FUTURE]})
    obj.review_date = next_review
    _history_user(obj, actor)
    obj._change_reason = "Reviewed"
    obj.save(update_fields=["review_date", "updated_at"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=obj,
        label=label(obj),
        detail=f"Reviewed; next review {next_review.isoformat()}",
    )
    return obj


@transaction.atomic
def contact_create(*, actor, **fields) -> OutOfHoursContact:
    """Add an out-of-hours or emergency contact (council-wide when `service_area` is None)."""
    _require_manager(actor)
    contact = OutOfHoursContact(**_clean(fields, CONTACT_FIELDS, "contact"))
    return _save_new(
        contact, actor=actor, check=_review_checker(review_date_set=True), label=contact_label
    )


@transaction.atomic
def contact_update(
    *, actor, contact: OutOfHoursContact, is_active: bool | None = None, **fields
) -> OutOfHoursContact:
    """Change a contact. `is_active=False` withdraws it: it leaves the page and the enquiry
    form but stays, with its history."""
    _require_manager(actor)
    changed = _apply(contact, _clean(fields, CONTACT_FIELDS, "contact"))
    _set_active(contact, is_active, changed)
    check = _review_checker(review_date_set="review_date" in changed)
    return _save_changes(
        contact,
        changed,
        actor=actor,
        check=check,
        label=contact_label,
        reason=_reason(changed, contact),
    )


@transaction.atomic
def contact_mark_reviewed(
    *, actor, contact: OutOfHoursContact, next_review: datetime.date | None = None
) -> OutOfHoursContact:
    """Record that a contact has been checked: its next review is `next_review` (by default
    twelve months from today)."""
    _require_manager(actor)
    return _mark_reviewed(contact, actor=actor, next_review=next_review, label=contact_label)


@transaction.atomic
def arrangement_create(*, actor, sort_order: int | None = None, **fields) -> EmergencyArrangement:
    """Add a section to the emergency arrangements; without a `sort_order` it goes last."""
    _require_manager(actor)
    if sort_order is None:
        last = EmergencyArrangement.objects.aggregate(last=Max("sort_order"))["last"]
        sort_order = 10 if last is None else last + 10
    fields = _clean({**fields, "sort_order": sort_order}, ARRANGEMENT_FIELDS, "arrangement")
    return _save_new(
        EmergencyArrangement(**fields),
        actor=actor,
        check=_review_checker(review_date_set=True),
        label=arrangement_label,
    )


@transaction.atomic
def arrangement_update(
    *, actor, arrangement: EmergencyArrangement, is_active: bool | None = None, **fields
) -> EmergencyArrangement:
    """Change a section. `is_active=False` withdraws it from the page (kept, with history)."""
    _require_manager(actor)
    if fields.get("sort_order", 0) is None:
        fields.pop("sort_order")  # left empty: keep its place
    changed = _apply(arrangement, _clean(fields, ARRANGEMENT_FIELDS, "arrangement"))
    _set_active(arrangement, is_active, changed)
    return _save_changes(
        arrangement,
        changed,
        actor=actor,
        check=_review_checker(review_date_set="review_date" in changed),
        label=arrangement_label,
        reason=_reason(changed, arrangement),
    )


@transaction.atomic
def arrangement_mark_reviewed(
    *, actor, arrangement: EmergencyArrangement, next_review: datetime.date | None = None
) -> EmergencyArrangement:
    """Record that a section has been checked (next review by default in twelve months)."""
    _require_manager(actor)
    return _mark_reviewed(
        arrangement, actor=actor, next_review=next_review, label=arrangement_label
    )


def reminder_title(*, contacts: int, sections: int) -> str:
    """e.g. "Out-of-hours and emergency arrangements: 2 contacts and 1 section are due for
    review" (counts only: the page, behind sign-in, says which)."""
    parts = []
    if contacts:
        parts.append(f"{contacts} contact{'s' if contacts != 1 else ''}")
    if sections:
        parts.append(f"{sections} section{'s' if sections != 1 else ''}")
    verb = "is" if contacts + sections == 1 else "are"
    return f"Out-of-hours and emergency arrangements: {' and '.join(parts)} {verb} due for review"


def emergency_review_reminders(*, today: datetime.date | None = None) -> int:
    """Tell content managers (democratic services and administrators) about the active
    out-of-hours contacts and arrangement sections whose review date has come, once per
    review date: each is claimed by writing its review date to `review_reminder_for` (a
    conditional UPDATE, so two runs at once cannot both send), in the transaction that
    creates the one notification listing how many there are. Marking an item reviewed (a
    new date) re-arms it. Returns how many items were reminded about."""
    today = today or timezone.localdate()
    kinds = [OutOfHoursContact, EmergencyArrangement]
    due = {
        model: list(
            due_for_reminder(
                model.objects.filter(is_active=True),
                date_field="review_date",
                marker_field="review_reminder_for",
                on_or_before=today,
            ).order_by("review_date", "pk")
        )
        for model in kinds
    }
    if not any(due.values()):
        return 0
    recipients = content_managers()
    if not recipients:
        logger.warning("No content managers to remind about out-of-hours reviews")
        return 0
    with transaction.atomic():
        claimed = {
            model: [
                obj
                for obj in objs
                if claim_reminder(
                    obj,
                    date_field="review_date",
                    marker_field="review_reminder_for",
                    is_active=True,
                )
            ]
            for model, objs in due.items()
        }
        contacts, sections = len(claimed[OutOfHoursContact]), len(claimed[EmergencyArrangement])
        if contacts + sections:
            notify(
                recipients=recipients,
                title=reminder_title(contacts=contacts, sections=sections),
                url=reverse("directory:out_of_hours") + "#review-due",
            )
    return contacts + sections


# ------------------------------------------------------------------------------ import
class ImportChanged(core_imports.ImportChanged):
    """The directory changed between the dry run and applying it: the new plan is attached,
    so the person can check it again."""

    def __init__(self, plan: importing.ImportPlan):
        super().__init__(plan, "The directory has changed since the file was checked")


@dataclass
class ImportResult:
    added: int
    changed: int
    deactivated: int
    units_created: int

    def summary(self) -> str:
        return (
            f"added {self.added}, changed {self.changed}, deactivated {self.deactivated}, "
            f"units created {self.units_created}"
        )


def _refresh_search_index(kind: str, ids: list[int]) -> None:
    """Bulk writes skip the signals that keep the hub's search index current: bring the
    entries of these records up to date in the same transaction."""
    try:
        from councillor_hub.search import indexing
    except ImportError:  # pragma: no cover - the search app is part of the hub
        return
    indexing.refresh(kind, ids)


@transaction.atomic
def officer_import_apply(*, actor, text: str, fingerprint: str, request=None) -> ImportResult:
    """Apply a staff directory file exactly as its dry run reported. The plan is worked out
    again from the same text, inside this transaction; if it differs from the one that was
    checked (`fingerprint`), nothing is written and ImportChanged carries the new plan.
    A file with any bad row changes nothing (ValidationError)."""
    _require_manager(actor)
    plan = importing.plan_import(text)
    if not plan.is_valid:
        raise ValidationError("The file has rows with problems")
    if plan.fingerprint() != fingerprint:
        raise ImportChanged(plan)
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None

    # Units first, outermost first, so each new unit's parent exists.
    units = importing.UnitIndex()
    created_units = 0
    for path in plan.new_units:
        if units.find(path) is not None:
            continue
        parent = units.find(path[:-1]) if len(path) > 1 else None
        kind, name = path[-1]
        unit = OrgUnit(name=name, kind=kind, parent=parent)
        _history_user(unit, actor)
        unit._change_reason = "Created by a staff directory import"
        unit.save()
        units.units[unit.pk] = unit
        units.by_parent_and_name[(unit.parent_id, importing._unit_key(unit.name))] = unit
        created_units += 1

    def unit_for(row: importing.Row):
        return units.find(row.unit_path) if row.unit_path else None

    new_officers = []
    for addition in plan.additions:
        values = addition.row.values
        officer = Officer(
            staff_number=addition.staff_number,
            full_name=values["full_name"],
            job_title=values.get("job_title", ""),
            email=values.get("email", ""),
            phone=values.get("phone", ""),
            out_of_hours_phone=values.get("out_of_hours_phone", ""),
            unit=unit_for(addition.row),
            updated_at=now,
        )
        new_officers.append(officer)
    bulk_create_with_history(
        new_officers,
        Officer,
        batch_size=500,
        default_user=user,
        default_change_reason="Added by a staff directory import",
        default_date=now,
    )

    changed_ids = [change.officer_id for change in plan.changes]
    leaver_ids = [leaver.officer_id for leaver in plan.leavers]
    current = Officer.objects.in_bulk(changed_ids + leaver_ids)
    updated, fields = [], {"updated_at"}
    for change in plan.changes:
        officer = current[change.officer_id]
        for item in change.changes:
            if item.field == "unit":
                officer.unit = unit_for(change.row)
            else:
                setattr(officer, item.field, item.new)
            fields.add(item.field)
        if change.returning:
            officer.is_active, officer.deactivated_at = True, None
            fields |= {"is_active", "deactivated_at"}
        officer.updated_at = now
        updated.append(officer)
    if updated:
        bulk_update_with_history(
            updated,
            Officer,
            sorted(fields),
            batch_size=500,
            default_user=user,
            default_change_reason="Changed by a staff directory import",
            default_date=now,
        )
    leavers = []
    for leaver in plan.leavers:
        officer = current[leaver.officer_id]
        officer.is_active, officer.deactivated_at, officer.updated_at = False, now, now
        leavers.append(officer)
    if leavers:
        bulk_update_with_history(
            leavers,
            Officer,
            ["is_active", "deactivated_at", "updated_at"],
            batch_size=500,
            default_user=user,
            default_change_reason="Deactivated by a staff directory import (not in the file)",
            default_date=now,
        )
    _refresh_search_index(
        "officer", [officer.pk for officer in [*new_officers, *updated, *leavers]]
    )
    result = ImportResult(
        added=len(new_officers),
        changed=len(updated),
        deactivated=len(leavers),
        units_created=created_units,
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        object_type=Officer._meta.label_lower,
        label="Staff directory import",
        detail=f"{result.summary()}; {plan.rows} rows",
        request=request,
    )
    return result
