"""Who may see and record personal data breaches. Every breach view and service asks this
module.

The rules (mission: councillors control their casework, the council controls the rest):
- The data protection officer sees and records the council's breaches.
- A councillor (a casework owner) sees and records breaches of their own casework.
- Nobody else: not delegates, officers, administrators or colleagues. Forbidden records
  answer 404, so their existence does not leak.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from councillor_hub.accounts.roles import Role

from .models import Breach


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def is_data_protection_officer(user) -> bool:
    return not _anonymous(user) and user.has_role(Role.DATA_PROTECTION_OFFICER)


def is_own_controller(user) -> bool:
    """A councillor or MP: the data controller for their own casework."""
    return not _anonymous(user) and user.is_casework_owner


def can_use_breach_register(user) -> bool:
    """Uses only the (cached) role set, so the navigation can ask it without a query."""
    return is_data_protection_officer(user) or is_own_controller(user)


def visible_breaches(user) -> QuerySet[Breach]:
    condition = Q(pk__in=[])
    if is_data_protection_officer(user):
        condition |= Q(controller_is_council=True)
    if is_own_controller(user):
        condition |= Q(controller_is_council=False, controller_id=user.pk)
    if not can_use_breach_register(user):
        return Breach.unrestricted.none()
    return Breach.unrestricted.filter(condition)


def can_record_for(user, *, controller) -> bool:
    """Whether `user` may record a breach for `controller` (a user, or None for the council)."""
    if controller is None:
        return is_data_protection_officer(user)
    return is_own_controller(user) and controller.pk == user.pk


def can_view_breach(user, breach: Breach) -> bool:
    if breach.controller_is_council:
        return is_data_protection_officer(user)
    return is_own_controller(user) and breach.controller_id == user.pk


def can_edit_breach(user, breach: Breach) -> bool:
    return can_view_breach(user, breach)
