"""Who may do what in induction and DBS tracking. Every induction service and view asks this
module.

- Democratic services officers and administrators manage induction: the checklist, intakes,
  members' progress, buddies and every member's DBS check (learning's managers).
- A member sees their own induction ("My induction") and their own DBS state.
- A group whip sees their own group's members' induction progress and DBS state (not
  started / submitted / verified) only: never DBS dates, notes or anything else, and never
  another group's members.
- The induction programme of a published intake is public: no sign-in, no personal data.
"""

from __future__ import annotations

from councillor_hub.learning.permissions import (
    can_manage_learning,
    is_learner,
    whip_group_ids,
)


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def can_manage_induction(user) -> bool:
    return can_manage_learning(user)


def can_see_own_induction(user) -> bool:
    return is_learner(user)


def whip_groups(user) -> set[int]:
    """The political groups whose induction progress `user` may see as their whip."""
    return whip_group_ids(user)


def can_view_group_induction(user) -> bool:
    return bool(whip_groups(user))


def can_see_member_dbs_state(user, member_group_id: int | None) -> bool:
    """Whether `user` may see the DBS state of a member of the given political group."""
    if _anonymous(user):
        return False
    if can_manage_induction(user):
        return True
    return member_group_id is not None and member_group_id in whip_groups(user)
