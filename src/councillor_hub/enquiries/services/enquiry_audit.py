from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.audit.services import audit_record

from ..models import Enquiry


def audit_enquiry(
    *,
    actor,
    action: Action | str,
    enquiry: Enquiry,
    obj: models.Model | None = None,
    detail: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Record something done to an enquiry or a record on it (`obj`, default the enquiry).
    Labelled by reference, never by a person's name. Enquiries are the council's data, so no
    councillor is named as the controller."""
    return audit_record(
        actor=actor,
        action=action,
        obj=obj if obj is not None else enquiry,
        label=enquiry.reference,
        data_controller=None,
        detail=detail,
        request=request,
    )
