"""Sharing a case with a ward colleague, and granting a delegate access to all of a councillor's
casework. Each change is audited against the owning councillor (the data controller)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record

from .. import permissions
from ..models import (
    Case,
    CaseShare,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    Constituent,
    DelegateGrant,
    EntryKind,
    TimelineEntry,
)
from .case_audit import audit_case

__all__ = ["case_share", "case_unshare", "delegate_grant", "delegate_revoke"]

DELEGATE_ACCESS_LABEL = "Delegate access"


def _colleague_name(colleague: User) -> str:
    return f"Cllr {colleague.full_name or colleague.email}"


@transaction.atomic
def case_share(
    *,
    actor: User,
    case: Case,
    colleague: User,
    consent_method: ConsentMethod | str,
    consent_note: str = "",
    request: HttpRequest | None = None,
) -> CaseShare:
    """Share one case with a ward colleague, recording each constituent's consent to it.
    Sharing again with someone who already has it returns the existing share unchanged."""
    if not permissions.can_share_case(actor, case):
        raise PermissionDenied("Only the case owner can share it.")
    if not permissions.ward_colleagues(case.owner).filter(pk=colleague.pk).exists():
        raise PermissionDenied("Cases can only be shared with ward colleagues.")
    if consent_method not in ConsentMethod.values:
        raise ValueError(f"Unknown consent method: {consent_method!r}")

    existing = (
        CaseShare.unrestricted.select_for_update()
        .filter(case=case, colleague=colleague, revoked_at__isnull=True)
        .first()
    )
    if existing is not None:
        return existing

    now = timezone.now()
    share = CaseShare.unrestricted.create(
        case=case,
        colleague=colleague,
        shared_by=actor,
        consent_method=consent_method,
        consent_note=consent_note,
        shared_at=now,
    )
    note = f"Case {case.reference} shared with {_colleague_name(colleague)}."
    if consent_note:
        note = f"{note} {consent_note}"
    ConsentRecord.unrestricted.bulk_create(
        ConsentRecord(
            constituent_id=constituent_id,
            purpose=ConsentPurpose.SHARE_WARD_COLLEAGUES,
            given=True,
            method=consent_method,
            recorded_at=now,
            recorded_by=actor,
            note=note[:500],
        )
        for constituent_id in Constituent.unrestricted.filter(case_links__case=case)
        .values_list("pk", flat=True)
        .distinct()
    )
    TimelineEntry.unrestricted.create(
        case=case,
        kind=EntryKind.SHARING,
        body=f"Shared with {_colleague_name(colleague)}",
        occurred_at=now,
        author=actor,
    )
    audit_case(
        actor=actor,
        action=Action.SHARE,
        case=case,
        obj=share,
        detail=f"Shared with user #{colleague.pk}",
        request=request,
    )
    return share


@transaction.atomic
def case_unshare(*, actor: User, share: CaseShare, request: HttpRequest | None = None) -> CaseShare:
    """Stop sharing a case. Stopping a share that has already ended changes nothing."""
    case = share.case
    if not permissions.can_share_case(actor, case):
        raise PermissionDenied("Only the case owner can stop sharing it.")
    share = CaseShare.unrestricted.select_for_update().get(pk=share.pk)
    if share.revoked_at is not None:
        return share
    share.revoked_at = timezone.now()
    share.revoked_by = actor
    share.save(update_fields=["revoked_at", "revoked_by"])
    TimelineEntry.unrestricted.create(
        case=case,
        kind=EntryKind.SHARING,
        body=f"Stopped sharing with {_colleague_name(share.colleague)}",
        occurred_at=share.revoked_at,
        author=actor,
    )
    audit_case(
        actor=actor,
        action=Action.UNSHARE,
        case=case,
        obj=share,
        detail=f"Stopped sharing with user #{share.colleague_id}",
        request=request,
    )
    return share


@transaction.atomic
def delegate_grant(
    *, actor: User, delegate: User, request: HttpRequest | None = None
) -> DelegateGrant:
    """Let a delegate work on all of the actor's casework. An active grant is not duplicated."""
    if not permissions.can_manage_delegates(actor):
        raise PermissionDenied("Only councillors and MPs with casework can name delegates.")
    if not permissions.delegate_candidates(actor).filter(pk=delegate.pk).exists():
        raise PermissionDenied("This person cannot be named as a delegate.")
    existing = (
        DelegateGrant.unrestricted.select_for_update()
        .filter(councillor=actor, delegate=delegate, revoked_at__isnull=True)
        .first()
    )
    if existing is not None:
        return existing
    grant = DelegateGrant.unrestricted.create(
        councillor=actor, delegate=delegate, granted_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action=Action.GRANT,
        obj=grant,
        label=DELEGATE_ACCESS_LABEL,
        data_controller=actor,
        detail=f"Delegate user #{delegate.pk}",
        request=request,
    )
    return grant


@transaction.atomic
def delegate_revoke(
    *, actor: User, grant: DelegateGrant, request: HttpRequest | None = None
) -> DelegateGrant:
    """End a delegate's access. Only the councillor who granted it may; ending an already
    revoked grant changes nothing."""
    if (
        actor is None
        or not actor.is_authenticated
        or not actor.is_active
        or grant.councillor_id != actor.pk
    ):
        raise PermissionDenied("Only the councillor who granted access can revoke it.")
    grant = DelegateGrant.unrestricted.select_for_update().get(pk=grant.pk)
    if grant.revoked_at is not None:
        return grant
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor
    grant.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action=Action.REVOKE,
        obj=grant,
        label=DELEGATE_ACCESS_LABEL,
        data_controller=actor,
        detail=f"Delegate user #{grant.delegate_id}",
        request=request,
    )
    return grant
