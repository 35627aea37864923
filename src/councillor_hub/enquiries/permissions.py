"""Who may see and do what with enquiries. Every enquiries view and service asks this module.

The rules (mission: "Enquiries are the council's"):
- An enquiry is visible to the member it is from (and whoever acts for them: their active
  delegates, and the support officer who entered it), the member support team, and officers
  of a service area it is routed to (service officers, managers and directors scoped to that
  area, or an officer named on it).
- A sensitive enquiry is visible only to the member's side and to the officers named on it.
- Only the member support team triages, routes, sends replies and logs an enquiry on a
  member's behalf; only officers it is routed to draft replies.
- Forbidden records answer 404, so their existence does not leak.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from councillor_hub.accounts.roles import Role
from councillor_hub.casework.permissions import (
    casework_access_ended,
    delegating_councillors,
    remembered,
)

from .models import Enquiry, EnquiryAssignment

# Members who raise enquiries in their own name.
MEMBER_ROLES = (Role.COUNCILLOR, Role.MP, Role.CO_OPTED_MEMBER)
# Officers who work on enquiries routed to their service area (UserRole.service_area).
SERVICE_ROLES = (Role.SERVICE_OFFICER, Role.SERVICE_MANAGER, Role.DIRECTOR)


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def is_member(user) -> bool:
    """A councillor, MP or co-opted member in office. A former councillor keeps the role
    until an administrator removes it, but stops being a member when their casework access
    ends (the handover period after their term; casework/permissions.py)."""
    return not _anonymous(user) and user.has_role(*MEMBER_ROLES) and not casework_access_ended(user)


def is_support(user) -> bool:
    return not _anonymous(user) and user.has_role(Role.MEMBER_SUPPORT_OFFICER)


def members_acting_for(user) -> list[int]:
    """Ids of the members whose enquiries `user` may raise and follow: themselves if a member,
    and each councillor who has an active delegate grant to them."""
    if _anonymous(user):
        return []
    return remembered(("members_acting_for", user.pk), lambda: _members_acting_for(user))


def _members_acting_for(user) -> list[int]:
    ids = delegating_councillors(user)
    if is_member(user):
        ids.insert(0, user.pk)
    return ids


def service_area_ids(user) -> list[int]:
    """The service areas whose routed enquiries an officer works on."""
    if _anonymous(user):
        return []
    return remembered(
        ("service_area_ids", user.pk),
        lambda: list(
            user.roles.filter(role__in=SERVICE_ROLES, service_area__isnull=False).values_list(
                "service_area_id", flat=True
            )
        ),
    )


def _entered_counts(user) -> bool:
    """Entering an enquiry keeps the member support team (who log enquiries on a member's
    behalf) on the member's side of it. A delegate follows the member's enquiries only while
    their grant is active: once revoked, the enquiries they entered are closed to them too."""
    return is_support(user)


def visible_enquiries(user) -> QuerySet[Enquiry]:
    """Built so the database can answer from indexes (issue 7): the member's side and the
    enquiries naming the user are literal lists, and the "routed to me" subquery is added
    only for someone enquiries can be routed to. A correlated EXISTS joined by OR made every
    member's page test every enquiry in the table."""
    if _anonymous(user):
        return Enquiry.unrestricted.none()
    # What a request asks repeatedly (the queue and its counts, the page and its checks) is
    # remembered for the request, as casework's scope is; changes forget it (enquiries/apps.py).
    named = remembered(
        ("named_enquiries", user.pk),
        lambda: list(
            Enquiry.named_viewers.through.objects.filter(user=user).values_list(
                "enquiry_id", flat=True
            )
        ),
    )
    visible = Q(member_id__in=members_acting_for(user))
    if _entered_counts(user):
        visible |= Q(raised_by=user)
    if is_support(user):
        visible |= Q(is_sensitive=False)
    areas = service_area_ids(user)
    live = EnquiryAssignment.unrestricted.filter(removed_at__isnull=True)
    officer_of_any = remembered(
        ("routed_to_officer", user.pk),
        lambda: list(live.filter(officer=user).values_list("pk", flat=True)[:1]),
    )
    if areas or officer_of_any:
        routed = live.filter(Q(officer=user) | Q(service_area_id__in=areas)).values("enquiry_id")
        visible |= Q(pk__in=routed, is_sensitive=False)
    if named:
        visible |= Q(pk__in=named)
    return Enquiry.unrestricted.filter(visible)


def can_raise(user) -> bool:
    return bool(members_acting_for(user))


def can_view(user, enquiry: Enquiry) -> bool:
    return visible_enquiries(user).filter(pk=enquiry.pk).exists()


def is_members_side(user, enquiry: Enquiry) -> bool:
    """The member, their delegate or whoever entered it: they reply, rate and follow it."""
    return not _anonymous(user) and (
        enquiry.member_id in members_acting_for(user)
        or (enquiry.raised_by_id == user.pk and _entered_counts(user))
    )


def can_triage(user, enquiry: Enquiry | None = None) -> bool:
    if not is_support(user):
        return False
    return enquiry is None or can_view(user, enquiry)


def can_send_response(user, enquiry: Enquiry) -> bool:
    return can_triage(user, enquiry)


def can_draft_response(user, enquiry: Enquiry) -> bool:
    """Officers the enquiry is routed to (and the support team, who may write it themselves)."""
    if _anonymous(user) or not can_view(user, enquiry):
        return False
    if is_support(user):
        return True
    areas = service_area_ids(user)
    return EnquiryAssignment.unrestricted.filter(
        Q(officer=user) | Q(service_area_id__in=areas),
        enquiry=enquiry,
        removed_at__isnull=True,
    ).exists()


def can_view_performance(user) -> bool:
    return not _anonymous(user) and user.has_role(
        Role.MEMBER_SUPPORT_OFFICER, Role.SERVICE_MANAGER, Role.DIRECTOR, Role.ADMINISTRATOR
    )
