"""Reads for the sharing, delegation and access-log pages."""

from __future__ import annotations

from django.db.models import QuerySet

from councillor_hub.accounts.models import User
from councillor_hub.audit.models import Action, AuditEvent

from .. import permissions
from ..models import Case, CaseShare, DelegateGrant


def case_shares(*, case: Case) -> QuerySet[CaseShare]:
    """Every share of one case, newest first, active or ended."""
    return CaseShare.unrestricted.filter(case=case).select_related("colleague", "revoked_by")


def shares_by_owner(*, owner: User) -> QuerySet[CaseShare]:
    """The owner's cases that are shared with someone right now."""
    return (
        CaseShare.unrestricted.filter(case__owner=owner, revoked_at__isnull=True)
        .select_related("case", "colleague")
        .order_by("-shared_at", "-id")
    )


def share_colleague_choices(*, case: Case) -> QuerySet[User]:
    """Ward colleagues the case is not shared with yet."""
    already = CaseShare.unrestricted.filter(case=case, revoked_at__isnull=True).values(
        "colleague_id"
    )
    return permissions.ward_colleagues(case.owner).exclude(pk__in=already).order_by("full_name")


def delegate_grants(*, councillor: User) -> QuerySet[DelegateGrant]:
    """Every delegate grant a councillor has made, newest first."""
    return DelegateGrant.unrestricted.filter(councillor=councillor).select_related(
        "delegate", "revoked_by"
    )


def delegate_choices(*, councillor: User) -> QuerySet[User]:
    """People the councillor may name as a delegate and has not already."""
    active = DelegateGrant.unrestricted.filter(
        councillor=councillor, revoked_at__isnull=True
    ).values("delegate_id")
    return permissions.delegate_candidates(councillor).exclude(pk__in=active).order_by("full_name")


# Actions worth offering in the access-log filter: the casework ones, not sign-ins.
ACCESS_LOG_ACTIONS = [
    Action.VIEW,
    Action.CREATE,
    Action.UPDATE,
    Action.DELETE,
    Action.DOWNLOAD,
    Action.SHARE,
    Action.UNSHARE,
    Action.GRANT,
    Action.REVOKE,
    Action.MERGE,
    Action.SEARCH,
]


def access_log(*, owner: User, others_only: bool = True, action: str = "") -> QuerySet[AuditEvent]:
    """Who viewed or changed the owner's casework, newest first. Holds no personal content:
    events name records by case reference or id."""
    events = AuditEvent.objects.filter(data_controller=owner).select_related("actor")
    if others_only:
        # Events with no actor (a deleted account) are someone else's, so they stay.
        events = events.exclude(actor=owner)
    if action:
        events = events.filter(action=action)
    return events.order_by("-at", "-id")
