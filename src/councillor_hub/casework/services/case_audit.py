from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.audit.services import audit_record

from ..models import Case


def audit_case(
    *,
    actor,
    action: Action | str,
    case: Case,
    obj: models.Model | None = None,
    detail: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Record something done to a case or to a record on it (`obj`, default the case). Labelled
    by the case reference, never a person's name, and filed under the owning councillor so it
    shows in their access log."""
    return audit_record(
        actor=actor,
        action=action,
        obj=obj if obj is not None else case,
        label=case.reference,
        data_controller=case.owner,
        detail=detail,
        request=request,
    )
