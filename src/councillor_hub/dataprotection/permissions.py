"""Who may use the data protection tools: the breach register, retention reviews, subject
access requests, erasure and end-of-term handover. Every view and service here asks this
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

from .models import Breach, RecordType, RetentionReview, SubjectAccessRequest


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def is_data_protection_officer(user) -> bool:
    return not _anonymous(user) and user.has_role(Role.DATA_PROTECTION_OFFICER)


def is_own_controller(user) -> bool:
    """A councillor or MP: the data controller for their own casework, until their casework
    access ends after their term (then what they left has been anonymised)."""
    from councillor_hub.casework.permissions import casework_access_ended

    return not _anonymous(user) and user.is_casework_owner and not casework_access_ended(user)


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


# --- One controller's tools: retention, subject access, erasure ----------------------------
# The same people as the breach register: the data protection officer acts for the council
# (enquiries), a councillor or MP for their own casework. Delegates do not: decisions to
# destroy, disclose or erase personal data are the controller's own.


def can_use_controller_tools(user) -> bool:
    return can_use_breach_register(user)


def visible_reviews(user) -> QuerySet[RetentionReview]:
    condition = Q(pk__in=[])
    if is_data_protection_officer(user):
        condition |= Q(owner__isnull=True, record_type=RecordType.ENQUIRIES)
    if is_own_controller(user):
        condition |= Q(owner_id=user.pk, record_type=RecordType.CASEWORK)
    if not can_use_controller_tools(user):
        return RetentionReview.unrestricted.none()
    return RetentionReview.unrestricted.filter(condition)


def can_decide_review(user, review: RetentionReview) -> bool:
    if review.owner_id is None:
        return review.record_type == RecordType.ENQUIRIES and is_data_protection_officer(user)
    return is_own_controller(user) and review.owner_id == user.pk


def can_view_retention_runs(user) -> bool:
    """The sweep's reports cover everyone's records (counts only): the DPO and administrators."""
    return is_data_protection_officer(user) or (
        not _anonymous(user) and user.has_role(Role.ADMINISTRATOR)
    )


def visible_sars(user) -> QuerySet[SubjectAccessRequest]:
    condition = Q(pk__in=[])
    if is_data_protection_officer(user):
        condition |= Q(controller_is_council=True)
    if is_own_controller(user):
        condition |= Q(controller_is_council=False, controller_id=user.pk)
    if not can_use_controller_tools(user):
        return SubjectAccessRequest.unrestricted.none()
    return SubjectAccessRequest.unrestricted.filter(condition)


def can_view_sar(user, sar: SubjectAccessRequest) -> bool:
    if sar.controller_is_council:
        return is_data_protection_officer(user)
    return is_own_controller(user) and sar.controller_id == user.pk


def erasable_constituents(user):
    """The constituent records a councillor may erase: their own (not a colleague's shared
    case, not as a delegate)."""
    from councillor_hub.casework.models import Constituent

    if not is_own_controller(user):
        return Constituent.unrestricted.none()
    return Constituent.unrestricted.filter(owner_id=user.pk)


def can_erase_in_enquiries(user) -> bool:
    return is_data_protection_officer(user)


# --- End of term and boundary changes ------------------------------------------------------


def can_hand_over(user) -> bool:
    """A councillor (or MP) hands over their own casework, until their access ends."""
    from councillor_hub.casework.permissions import casework_access_ended

    return is_own_controller(user) and not casework_access_ended(user)


def handover_recipients(owner) -> QuerySet:
    """Who may receive a case: any other active councillor or MP whose access has not ended
    (a named successor or a ward colleague)."""
    from councillor_hub.accounts.models import User
    from councillor_hub.accounts.roles import CASEWORK_OWNER_ROLES
    from councillor_hub.casework.permissions import access_cutoff

    in_office = Q(councillor_profile__term_end__isnull=True) | Q(
        councillor_profile__term_end__gte=access_cutoff()
    )
    return (
        User.objects.filter(is_active=True, roles__role__in=CASEWORK_OWNER_ROLES)
        .filter(in_office)
        .exclude(pk=owner.pk)
        .distinct()
        .order_by("full_name")
    )


def handover_consent_missing(case) -> list:
    """The constituents on `case` whose latest word on handover is not a recorded yes. A case
    may be transferred to another councillor only when this is empty."""
    from councillor_hub.casework.models import ConsentPurpose, ConsentRecord

    missing = []
    for constituent in case.constituents.all():
        latest = (
            ConsentRecord.unrestricted.filter(
                constituent=constituent, purpose=ConsentPurpose.HANDOVER
            )
            .order_by("-recorded_at", "-id")
            .first()
        )
        if latest is None or not latest.given:
            missing.append(constituent)
    return missing


def can_transfer_case(user, case, recipient) -> bool:
    return (
        can_hand_over(user)
        and case.owner_id == user.pk
        and handover_recipients(user).filter(pk=recipient.pk).exists()
        and not handover_consent_missing(case)
    )
