"""Changes to ward profiles: the summary and area, amenities (added, changed, marked as no
longer open: never deleted) and the statistics import. Each function re-checks that the actor
may manage hub content, runs in one transaction, keeps history (simple_history) and writes its
own audit event, naming records by id and giving counts only."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from councillor_hub.accounts.models import Ward
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core import imports as core_imports
from councillor_hub.directory.permissions import can_manage_hub_content

from . import importing
from .models import WardAmenity, WardProfile, WardStatistic

__all__ = [
    "ImportChanged",
    "ImportResult",
    "amenity_create",
    "amenity_update",
    "ward_profile_update",
    "ward_statistics_import_apply",
]

AMENITY_FIELDS = ("kind", "name", "address", "notes", "url")


def _require_manager(actor) -> None:
    if not can_manage_hub_content(actor):
        raise PermissionDenied("You cannot change ward profiles")


def _history_user(obj, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        obj._history_user = actor


def _full_clean(obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        raise ValidationError(error.message_dict) from None


# ---------------------------------------------------------------------------- profiles
@transaction.atomic
def ward_profile_update(
    *, actor, ward: Ward, summary: str, area_hectares: Decimal | None
) -> WardProfile:
    """Set a ward's summary and area, creating its profile the first time."""
    _require_manager(actor)
    profile = WardProfile.objects.filter(ward=ward).first()
    created = profile is None
    if created:
        profile = WardProfile(ward=ward)
    changed = []
    summary = (summary or "").strip()
    if summary != profile.summary:
        profile.summary = summary
        changed.append("summary")
    if area_hectares != profile.area_hectares:
        profile.area_hectares = area_hectares
        changed.append("area")
    if not changed and not created:
        return profile
    _full_clean(profile, exclude=["ward"])
    _history_user(profile, actor)
    profile.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        obj=profile,
        label=f"ward profile #{ward.pk}",
        detail="Changed: " + ", ".join(changed) if changed else "",
    )
    return profile


# --------------------------------------------------------------------------- amenities
def _amenity_fields(fields: dict) -> dict:
    unknown = set(fields) - set(AMENITY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown amenity fields: {', '.join(sorted(unknown))}")
    return {name: (value or "").strip() for name, value in fields.items()}


@transaction.atomic
def amenity_create(*, actor, ward: Ward, **fields) -> WardAmenity:
    """Add an amenity or facility to a ward's profile."""
    _require_manager(actor)
    amenity = WardAmenity(ward=ward, **_amenity_fields(fields))
    _full_clean(amenity, exclude=["ward"])
    _history_user(amenity, actor)
    amenity.save()
    audit_record(
        actor=actor, action=Action.CREATE, obj=amenity, label=f"ward amenity #{amenity.pk}"
    )
    return amenity


@transaction.atomic
def amenity_update(
    *, actor, amenity: WardAmenity, is_active: bool | None = None, **fields
) -> WardAmenity:
    """Change an amenity. `is_active=False` marks it as no longer open: it leaves the profile
    but is kept, with its history."""
    _require_manager(actor)
    changed = []
    for name, value in _amenity_fields(fields).items():
        if getattr(amenity, name) != value:
            setattr(amenity, name, value)
            changed.append(name)
    if is_active is not None and is_active != amenity.is_active:
        amenity.is_active = is_active
        changed.append("is_active")
    if not changed:
        return amenity
    _full_clean(amenity, exclude=["ward"])
    _history_user(amenity, actor)
    if "is_active" in changed:
        amenity._change_reason = "Reopened" if amenity.is_active else "Marked as no longer open"
    amenity.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=amenity,
        label=f"ward amenity #{amenity.pk}",
        detail="Changed: " + ", ".join(changed),
    )
    return amenity


# ------------------------------------------------------------------------------ import
class ImportChanged(core_imports.ImportChanged):
    """The statistics changed between the dry run and applying it: the new plan is
    attached, so the person can check it again."""

    def __init__(self, plan: importing.ImportPlan):
        super().__init__(plan, "The ward statistics have changed since the file was checked")


@dataclass(frozen=True)
class ImportResult:
    added: int
    changed: int
    unchanged: int
    wards: int

    def summary(self) -> str:
        return (
            f"added {self.added}, changed {self.changed}, unchanged {self.unchanged}, "
            f"wards {self.wards}"
        )


@transaction.atomic
def ward_statistics_import_apply(
    *, actor, text: str, fingerprint: str, request=None
) -> ImportResult:
    """Apply a ward statistics file exactly as its dry run reported. The plan is worked out
    again from the same text inside this transaction; if it differs from the one that was
    checked (`fingerprint`), nothing is written and ImportChanged carries the new plan. A
    file with any bad row changes nothing (ValidationError)."""
    _require_manager(actor)
    plan = importing.plan_import(text)
    if not plan.is_valid:
        raise ValidationError("The file has rows with problems")
    if plan.fingerprint() != fingerprint:
        raise ImportChanged(plan)
    now = timezone.now()
    user = actor if getattr(actor, "is_authenticated", False) else None

    additions = [
        WardStatistic(
            ward_id=row.ward_id,
            topic=row.topic,
            label=row.label,
            value=row.value,
            unit=row.unit,
            source=row.source or "",
            period=row.period or "",
            sort_order=row.position,
            updated_at=now,
        )
        for row in plan.additions
    ]
    if additions:
        bulk_create_with_history(
            additions,
            WardStatistic,
            batch_size=500,
            default_user=user,
            default_change_reason="Added by a ward statistics import",
            default_date=now,
        )
    current = WardStatistic.objects.in_bulk([change.statistic_id for change in plan.changes])
    updated, fields = [], {"updated_at"}
    for change in plan.changes:
        statistic = current[change.statistic_id]
        for item in change.changes:
            setattr(statistic, item.field, getattr(change.row, item.field))
            fields.add(item.field)
        statistic.updated_at = now
        updated.append(statistic)
    if updated:
        bulk_update_with_history(
            updated,
            WardStatistic,
            sorted(fields),
            batch_size=500,
            default_user=user,
            default_change_reason="Changed by a ward statistics import",
            default_date=now,
        )
    result = ImportResult(
        added=len(additions),
        changed=len(updated),
        unchanged=plan.unchanged,
        wards=len(plan.wards),
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        object_type=WardStatistic._meta.label_lower,
        label="Ward statistics import",
        detail=f"{result.summary()}; {plan.rows} rows",
        request=request,
    )
    return result
