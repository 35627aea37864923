"""Who may do what in member development. Every learning service and view asks this module.

- Democratic services officers and administrators manage the programme: topics, sessions,
  attendance, completions, and bookings for any member.
- Learners are members in office: councillors and co-opted members (MPs raise enquiries like
  members but are not in the council's development programme, so enquiries' `is_member` is
  not reused). A former councillor stops being a learner when their handover period ends,
  as casework/permissions.py decides.
- A learner books and cancels their own places.
"""

from __future__ import annotations

from councillor_hub.accounts.roles import Role
from councillor_hub.casework.permissions import casework_access_ended

LEARNER_ROLES = (Role.COUNCILLOR, Role.CO_OPTED_MEMBER)
MANAGER_ROLES = (Role.DEMOCRATIC_SERVICES_OFFICER, Role.ADMINISTRATOR)


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def can_manage_learning(user) -> bool:
    return not _anonymous(user) and user.has_role(*MANAGER_ROLES)


def is_learner(user) -> bool:
    return (
        not _anonymous(user) and user.has_role(*LEARNER_ROLES) and not casework_access_ended(user)
    )


def can_book_for(actor, member) -> bool:
    """Whether `actor` may book (or cancel) a place for `member`."""
    if not is_learner(member):
        return False
    return can_manage_learning(actor) or (not _anonymous(actor) and actor.pk == member.pk)


def whip_group_ids(user) -> set[int]:
    """The political groups `user` is whip for (a whip role is scoped to one group). Whip
    views in learning, induction and support plans show only members of these groups."""
    # has_role reads the cached role set: no query for the many who are not whips.
    if _anonymous(user) or not user.has_role(Role.GROUP_WHIP):
        return set()
    from councillor_hub.accounts.models import UserRole

    return set(
        UserRole.objects.filter(
            user=user, role=Role.GROUP_WHIP, political_group__isnull=False
        ).values_list("political_group_id", flat=True)
    )


def can_view_group_progress(user) -> bool:
    """Whips see their own group's training and induction progress (never DBS outcomes)."""
    return bool(whip_group_ids(user))


def can_view_member_training(viewer, member) -> bool:
    """Whether `viewer` may see `member`'s training record: the member themselves, democratic
    services and administrators, and a whip of the member's political group."""
    if _anonymous(viewer) or member is None:
        return False
    if viewer.pk == member.pk or can_manage_learning(viewer):
        return True
    profile = getattr(member, "councillor_profile", None)
    group_id = profile.political_group_id if profile else None
    return group_id is not None and group_id in whip_group_ids(viewer)
