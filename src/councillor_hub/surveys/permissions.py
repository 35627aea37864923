"""Who may do what with surveys.

- Democratic services officers and administrators build surveys, publish them and see the
  results.
- A survey's audience answers it, once, while it is open: councillors and co-opted members in
  office (learning's `is_learner`), officers (the officer roles below), or everyone signed in.
"""

from __future__ import annotations

import datetime

from councillor_hub.accounts.roles import Role
from councillor_hub.learning.permissions import can_manage_learning, is_learner

from .models import Audience, Survey

OFFICER_ROLES = (
    Role.MEMBER_SUPPORT_OFFICER,
    Role.SERVICE_OFFICER,
    Role.SERVICE_MANAGER,
    Role.DIRECTOR,
    Role.DEMOCRATIC_SERVICES_OFFICER,
    Role.DATA_PROTECTION_OFFICER,
    Role.ADMINISTRATOR,
)


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def can_manage_surveys(user) -> bool:
    """The people who run the member development programme run its surveys too."""
    return can_manage_learning(user)


def is_officer(user) -> bool:
    return not _anonymous(user) and user.has_role(*OFFICER_ROLES)


def audiences_of(user) -> list[str]:
    """The audiences `user` belongs to."""
    if _anonymous(user):
        return []
    audiences = [Audience.EVERYONE]
    if is_learner(user):
        audiences.append(Audience.MEMBERS)
    if is_officer(user):
        audiences.append(Audience.OFFICERS)
    return audiences


def can_answer(user, survey: Survey, today: datetime.date) -> bool:
    """Whether `user` may answer `survey` today (ignoring whether they already have)."""
    return survey.is_open(today) and survey.audience in audiences_of(user)
