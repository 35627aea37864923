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
