from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from .models import Action, AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    actor,
    action: Action | str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    label: str = "",
    data_controller=None,
    detail: str = "",
    request: HttpRequest | None = None,
) -> AuditEvent:
    """Write one audit event. Never put personal content (names, emails, notes) in `label`
    or `detail`: the audit trail outlives erasure."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id or ""),
        object_label=label[:60],
        data_controller=data_controller,
        detail=detail[:255],
        ip_address=_client_ip(request),
    )
