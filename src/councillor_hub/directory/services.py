"""Changes to the directory: officers, units (directorates, services, teams), "who handles
what" topics, and the staff directory import. Each function re-checks that the actor may
manage hub content, runs in one transaction, keeps history (simple_history) and writes its
own audit event. Audit labels name records by id ("officer #12"), never by a person's name.
Leavers are deactivated, never deleted."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record

from . import importing
from .models import Officer, OrgUnit, Topic
from .permissions import can_manage_hub_content

__all__ = [
    "ImportChanged",
    "ImportResult",
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
}


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


def _full_clean(obj, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        # GOV.UK wording for the messages people are most likely to meet.
        messages = error.message_dict
        if "staff_number" in messages and obj.staff_number:
            messages["staff_number"] = ["Another officer already has this staff number"]
        raise ValidationError(messages) from None


# ---------------------------------------------------------------------------- officers
def officer_label(officer: Officer | int) -> str:
    return f"officer #{officer if isinstance(officer, int) else officer.pk}"


@transaction.atomic
def officer_create(*, actor, **fields) -> Officer:
    """Add an officer to the directory. Raises ValidationError on bad values."""
    _require_manager(actor)
    officer = Officer(**_clean(fields, OFFICER_FIELDS, "officer"))
    _full_clean(officer, exclude=["user"])
    _history_user(officer, actor)
    officer._change_reason = "Added"
    officer.save()
    audit_record(actor=actor, action=Action.CREATE, obj=officer, label=officer_label(officer))
    return officer


@transaction.atomic
def officer_update(*, actor, officer: Officer, is_active: bool | None = None, **fields) -> Officer:
    """Change an officer's details. `is_active=False` marks a leaver: they stay in the
    directory (history keeps their name) with the date they were deactivated."""
    _require_manager(actor)
    changed = _apply(officer, _clean(fields, OFFICER_FIELDS, "officer"))
    if is_active is not None and is_active != officer.is_active:
        officer.is_active = is_active
        officer.deactivated_at = None if is_active else timezone.now()
        changed.append("is_active")
    if not changed:
        return officer
    _full_clean(officer, exclude=["user"])
    _history_user(officer, actor)
    if "is_active" in changed:
        officer._change_reason = "Reactivated" if officer.is_active else "Deactivated (left)"
    officer.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=officer,
        label=officer_label(officer),
        detail="Changed: " + ", ".join(changed),
    )
    return officer


def officer_deactivate(*, actor, officer: Officer) -> Officer:
    """Mark an officer as having left: never deleted, so history keeps their name."""
    return officer_update(actor=actor, officer=officer, is_active=False)


# ------------------------------------------------------------------------------- units
def unit_label(unit: OrgUnit | int) -> str:
    return f"unit #{unit if isinstance(unit, int) else unit.pk}"


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
    try:
        unit.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def unit_create(*, actor, **fields) -> OrgUnit:
    """Add a directorate, service or team."""
    _require_manager(actor)
    unit = OrgUnit(**_clean(fields, UNIT_FIELDS, "unit"))
    _check_unit(unit)
    _history_user(unit, actor)
    unit.save()
    audit_record(actor=actor, action=Action.CREATE, obj=unit, label=unit_label(unit))
    return unit


@transaction.atomic
def unit_update(*, actor, unit: OrgUnit, is_active: bool | None = None, **fields) -> OrgUnit:
    """Change a unit. A unit can't be inside itself (directly or through its children)."""
    _require_manager(actor)
    changed = _apply(unit, _clean(fields, UNIT_FIELDS, "unit"))
    if is_active is not None and is_active != unit.is_active:
        unit.is_active = is_active
        changed.append("is_active")
    if not changed:
        return unit
    _check_unit(unit)
    _history_user(unit, actor)
    unit.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=unit,
        label=unit_label(unit),
        detail="Changed: " + ", ".join(changed),
    )
    return unit


# ------------------------------------------------------------------------------ topics
def topic_label(topic: Topic | int) -> str:
    return f"topic #{topic if isinstance(topic, int) else topic.pk}"


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
    try:
        topic.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def topic_create(*, actor, **fields) -> Topic:
    """Add a "who handles what" topic, handled by a council unit or an outside body."""
    _require_manager(actor)
    topic = Topic(**_clean(fields, TOPIC_FIELDS, "topic"))
    _check_topic(topic)
    _history_user(topic, actor)
    topic.save()
    audit_record(actor=actor, action=Action.CREATE, obj=topic, label=topic_label(topic))
    return topic


@transaction.atomic
def topic_update(*, actor, topic: Topic, **fields) -> Topic:
    """Change a "who handles what" topic."""
    _require_manager(actor)
    changed = _apply(topic, _clean(fields, TOPIC_FIELDS, "topic"))
    if not changed:
        return topic
    _check_topic(topic)
    _history_user(topic, actor)
    topic.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=topic,
        label=topic_label(topic),
        detail="Changed: " + ", ".join(changed),
    )
    return topic


# ------------------------------------------------------------------------------ import
class ImportChanged(Exception):
    """The directory changed between the dry run and applying it: the new plan is attached,
    so the person can check it again."""

    def __init__(self, plan: importing.ImportPlan):
        super().__init__("The directory has changed since the file was checked")
        self.plan = plan


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
