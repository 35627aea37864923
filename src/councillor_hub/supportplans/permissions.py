"""Who may do what with role descriptions, support plans and mentoring. Every supportplans
service and view asks this module.

- Role descriptions: everyone signed in reads them (members and officers alike); democratic
  services officers and administrators (learning's managers) add and change them and the
  skills list.
- Support plans and mentoring requests are personal: a member in office (learning's
  `is_learner`: councillors and co-opted members) keeps their own; democratic services and
  administrators see everyone's (audited) to plan the programme. Nobody else, whips
  included, sees them.
"""

from __future__ import annotations

from councillor_hub.learning.permissions import can_manage_learning, is_learner


def _signed_in(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def can_read_roles(user) -> bool:
    return _signed_in(user)


def can_manage(user) -> bool:
    """Manage role descriptions and skills, see every plan and handle mentoring requests."""
    return can_manage_learning(user)


def can_keep_plan(user) -> bool:
    """Keep a personal support plan of their own and ask for a mentor."""
    return is_learner(user)


def can_view_plan(user, plan) -> bool:
    return _signed_in(user) and (plan.member_id == user.pk or can_manage(user))


def can_edit_plan(user, plan) -> bool:
    """Only the member changes their plan, and only the current year's."""
    from django.utils import timezone

    return (
        _signed_in(user)
        and plan.member_id == user.pk
        and can_keep_plan(user)
        and plan.year == timezone.localdate().year
    )


def can_view_mentoring(user, request) -> bool:
    return _signed_in(user) and (request.member_id == user.pk or can_manage(user))
