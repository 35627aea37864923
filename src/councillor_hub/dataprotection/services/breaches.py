"""Recording and changing personal data breaches. Each change re-checks permission and
writes an audit event labelled with the breach reference (never a person's name)."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.services.references import reference_next

from .. import permissions
from ..models import Breach, IcoDecision

# The fields breach_update may change (the controller and reference never change).
EDITABLE_FIELDS = (
    "what_happened",
    "discovered_at",
    "occurred_at",
    "data_involved",
    "people_affected",
    "actions_taken",
    "ico_decision",
    "decision_reason",
    "reported_to_ico_at",
)


@transaction.atomic
def breach_record(
    *,
    actor,
    controller,
    what_happened: str,
    discovered_at: datetime,
    data_involved: str,
    people_affected: int,
    occurred_at: datetime | None = None,
    actions_taken: str = "",
    ico_decision: str = IcoDecision.UNDECIDED,
    decision_reason: str = "",
    reported_to_ico_at: datetime | None = None,
    request: HttpRequest | None = None,
) -> Breach:
    """Record a breach for `controller` (a councillor, or None for the council)."""
    if not permissions.can_record_for(actor, controller=controller):
        raise PermissionDenied("You cannot record a breach for this controller")
    breach = Breach.unrestricted.create(
        reference=reference_next(prefix="BR"),
        controller=controller,
        controller_is_council=controller is None,
        what_happened=what_happened,
        discovered_at=discovered_at,
        occurred_at=occurred_at,
        data_involved=data_involved,
        people_affected=people_affected,
        actions_taken=actions_taken,
        ico_decision=ico_decision,
        decision_reason=decision_reason,
        reported_to_ico_at=reported_to_ico_at,
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=breach,
        label=breach.reference,
        data_controller=controller,
        request=request,
    )
    return breach


@transaction.atomic
def breach_update(
    *, actor, breach: Breach, request: HttpRequest | None = None, **changes
) -> Breach:
    """Change a breach's details (what happened, actions, the ICO decision...)."""
    if not permissions.can_edit_breach(actor, breach):
        raise PermissionDenied("You cannot change this breach")
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"breach_update() cannot change {', '.join(sorted(unknown))}")
    changed = [name for name, value in changes.items() if getattr(breach, name) != value]
    for name in changed:
        setattr(breach, name, changes[name])
    if changed:
        breach.save()
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=breach,
            label=breach.reference,
            data_controller=breach.controller,
            detail="Changed " + ", ".join(changed),
            request=request,
        )
    return breach
