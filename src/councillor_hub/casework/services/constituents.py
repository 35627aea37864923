"""Writes for constituents and their consent records. Each function re-checks that the actor
may act for the constituent's owner, runs in one transaction and writes its own audit event.
Audit labels name a constituent only by id ("constituent #12"), never by name."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from councillor_hub.accounts.models import User
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core.postcodes import clean_optional_postcode

from ..models import CaseConstituent, ConsentRecord, Constituent
from ..permissions import acting_for

__all__ = [
    "EDITABLE_FIELDS",
    "consent_record_add",
    "constituent_create",
    "constituent_label",
    "constituent_merge",
    "constituent_update",
]

EDITABLE_FIELDS = (
    "title",
    "first_name",
    "last_name",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "ward",
    "email",
    "phone",
    "preferred_contact",
    "accessibility_needs",
    "is_vulnerable",
    "vulnerability_note",
)

# Fields a merge may fill on the kept record when it has no value of its own.
_FILLABLE_FIELDS = (
    "title",
    "address_line_1",
    "address_line_2",
    "town",
    "postcode",
    "ward_id",
    "email",
    "phone",
)
# Free-text safeguarding and access notes: a merge keeps both rather than losing either.
_APPENDABLE_FIELDS = ("accessibility_needs", "vulnerability_note")


def constituent_label(constituent: Constituent | int) -> str:
    pk = constituent if isinstance(constituent, int) else constituent.pk
    return f"constituent #{pk}"


def _require_acting_for(actor: User, owner_id: int) -> None:
    if owner_id not in acting_for(actor):
        raise PermissionDenied("You cannot work on this councillor's casework")


def _clean_fields(fields: dict) -> dict:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown constituent fields: {', '.join(sorted(unknown))}")
    cleaned = dict(fields)
    for name in ("title", "first_name", "last_name", "address_line_1", "address_line_2", "town"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "postcode" in cleaned:
        try:
            cleaned["postcode"] = clean_optional_postcode(cleaned["postcode"])
        except ValidationError as error:
            raise ValidationError({"postcode": error.messages}) from None
    if "email" in cleaned:
        cleaned["email"] = (cleaned["email"] or "").strip().lower()
    if "phone" in cleaned:
        cleaned["phone"] = (cleaned["phone"] or "").strip()
    if "vulnerability_note" in cleaned:
        cleaned["vulnerability_note"] = (cleaned["vulnerability_note"] or "").strip()
    return cleaned


@transaction.atomic
def constituent_create(*, actor: User, owner: User, **fields) -> Constituent:
    """Add a constituent to `owner`'s casework. Raises ValidationError on bad values."""
    _require_acting_for(actor, owner.pk)
    constituent = Constituent(owner=owner, **_clean_fields(fields))
    constituent.full_clean()
    constituent._history_user = actor
    constituent.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=constituent,
        label=constituent_label(constituent),
        data_controller=owner,
    )
    return constituent


@transaction.atomic
def constituent_update(*, actor: User, constituent: Constituent, **fields) -> Constituent:
    """Change a constituent's details. The audit event names the changed fields, not values."""
    _require_acting_for(actor, constituent.owner_id)
    changed = []
    for name, value in _clean_fields(fields).items():
        if name == "ward":
            current, value_key = constituent.ward_id, getattr(value, "pk", None)
        else:
            current, value_key = getattr(constituent, name), value
        if current != value_key:
            setattr(constituent, name, value)
            changed.append(name)
    if not changed:
        return constituent
    constituent.full_clean()
    constituent._history_user = actor
    constituent.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=constituent,
        label=constituent_label(constituent),
        data_controller=constituent.owner,
        detail="Changed: " + ", ".join(changed),
    )
    return constituent


@transaction.atomic
def consent_record_add(
    *,
    actor: User,
    constituent: Constituent,
    purpose: str,
    given: bool,
    method: str,
    note: str = "",
) -> ConsentRecord:
    """Record what a constituent agreed to (or refused), how, and who noted it."""
    _require_acting_for(actor, constituent.owner_id)
    record = ConsentRecord(
        constituent=constituent,
        purpose=purpose,
        given=given,
        method=method,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=record,
        label=constituent_label(constituent),
        data_controller=constituent.owner,
        detail=f"Consent {'given' if given else 'refused'}: {purpose} ({method})",
    )
    return record


@transaction.atomic
def constituent_merge(*, actor: User, keep: Constituent, merge_away: Constituent) -> Constituent:
    """Fold `merge_away` into `keep`: its cases and consent records move across, its details
    fill any blanks on `keep`, then it is deleted together with its field history (personal
    data about a record that no longer exists). The audit event names both by id only."""
    if keep.pk == merge_away.pk:
        raise ValidationError("Choose a different record to merge")
    # Lock both rows so a concurrent edit or merge cannot interleave with this one.
    locked = {
        c.pk: c
        for c in Constituent.unrestricted.select_for_update().filter(
            pk__in=[keep.pk, merge_away.pk]
        )
    }
    if len(locked) != 2:
        raise ValidationError("One of these records no longer exists")
    keep, merge_away = locked[keep.pk], locked[merge_away.pk]
    allowed = acting_for(actor)
    if keep.owner_id not in allowed or merge_away.owner_id not in allowed:
        raise PermissionDenied("You cannot work on this councillor's casework")
    if keep.owner_id != merge_away.owner_id:
        raise ValidationError("You can only merge records held by the same councillor")

    already_linked = CaseConstituent.unrestricted.filter(constituent=keep).values("case_id")
    cases_moved = (
        CaseConstituent.unrestricted.filter(constituent=merge_away)
        .exclude(case_id__in=already_linked)
        .update(constituent=keep)
    )
    consents_moved = ConsentRecord.unrestricted.filter(constituent=merge_away).update(
        constituent=keep
    )

    for name in _FILLABLE_FIELDS:
        if not getattr(keep, name) and getattr(merge_away, name):
            setattr(keep, name, getattr(merge_away, name))
    for name in _APPENDABLE_FIELDS:
        ours, theirs = getattr(keep, name).strip(), getattr(merge_away, name).strip()
        if theirs and theirs not in ours:
            setattr(keep, name, f"{ours}\n\n{theirs}" if ours else theirs)
    keep.is_vulnerable = keep.is_vulnerable or merge_away.is_vulnerable
    keep._history_user = actor
    keep.save()

    away_pk = merge_away.pk
    merge_away.delete()
    Constituent.history.filter(id=away_pk).delete()

    audit_record(
        actor=actor,
        action=Action.MERGE,
        obj=keep,
        label=constituent_label(keep),
        data_controller=keep.owner,
        detail=(
            f"Merged constituent #{away_pk} into #{keep.pk}: "
            f"{cases_moved} case links and {consents_moved} consent records moved"
        ),
    )
    return keep
