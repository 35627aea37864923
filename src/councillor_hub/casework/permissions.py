"""Who may see and do what with casework. Every casework view and service asks this module.

The rules (mission: "Casework is the councillor's"):
- A case is visible to its owner, the owner's active delegates, and ward colleagues it is
  actively shared with. Nobody else: not officers, not administrators, not the whip.
- Owners and delegates may change a case; a colleague it is shared with may read it and add
  to its timeline, but not change its details, sharing or constituents.
- Only the owner shares a case or grants delegate access.
- Forbidden records are answered with 404 by views, so their existence does not leak.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role

from .models import Case, CaseShare, Constituent, DelegateGrant


def _anonymous(user) -> bool:
    return user is None or not user.is_authenticated or not user.is_active


def access_cutoff():
    """Term ends on or after this date still leave casework access open (the handover
    period: settings.CASEWORK_ACCESS_DAYS_AFTER_TERM days after the last day of office)."""
    return timezone.localdate() - timedelta(days=settings.CASEWORK_ACCESS_DAYS_AFTER_TERM)


def casework_access_ended(owner) -> bool:
    """Whether a former councillor's handover period is over, closing their casework to them
    and their delegates. MPs and councillors in office have no term end recorded."""
    profile = getattr(owner, "councillor_profile", None)
    return bool(profile and profile.term_end and profile.term_end < access_cutoff())


def acting_for(user) -> list[int]:
    """The ids of casework owners whose casework `user` may work on: themselves (if they keep
    casework) and every councillor who has an active delegate grant to them, while each is
    active and within their term (plus the handover period after it)."""
    if _anonymous(user):
        return []
    in_office = Q(councillor__councillor_profile__term_end__isnull=True) | Q(
        councillor__councillor_profile__term_end__gte=access_cutoff()
    )
    ids = list(
        DelegateGrant.unrestricted.filter(delegate=user, revoked_at__isnull=True)
        .filter(in_office, councillor__is_active=True)
        .values_list("councillor_id", flat=True)
    )
    if user.is_casework_owner and not casework_access_ended(user):
        ids.insert(0, user.pk)
    return ids


def visible_cases(user) -> QuerySet[Case]:
    if _anonymous(user):
        return Case.unrestricted.none()
    shared = CaseShare.unrestricted.filter(
        case=OuterRef("pk"), colleague=user, revoked_at__isnull=True
    )
    return Case.unrestricted.filter(Q(owner_id__in=acting_for(user)) | Q(Exists(shared)))


def editable_cases(user) -> QuerySet[Case]:
    if _anonymous(user):
        return Case.unrestricted.none()
    return Case.unrestricted.filter(owner_id__in=acting_for(user))


def visible_constituents(user) -> QuerySet[Constituent]:
    """Constituents of the casework the user works on, plus those on cases shared with them."""
    if _anonymous(user):
        return Constituent.unrestricted.none()
    on_shared_case = CaseShare.unrestricted.filter(
        case__case_constituents__constituent=OuterRef("pk"),
        colleague=user,
        revoked_at__isnull=True,
    )
    return Constituent.unrestricted.filter(
        Q(owner_id__in=acting_for(user)) | Q(Exists(on_shared_case))
    )


def editable_constituents(user) -> QuerySet[Constituent]:
    if _anonymous(user):
        return Constituent.unrestricted.none()
    return Constituent.unrestricted.filter(owner_id__in=acting_for(user))


def can_work_on_casework(user) -> bool:
    """Whether the user has any casework at all (their own or as a delegate)."""
    return bool(acting_for(user))


def can_view_case(user, case: Case) -> bool:
    return visible_cases(user).filter(pk=case.pk).exists()


def can_edit_case(user, case: Case) -> bool:
    return case.owner_id in acting_for(user)


def can_add_to_timeline(user, case: Case) -> bool:
    return can_view_case(user, case)


def can_share_case(user, case: Case) -> bool:
    return not _anonymous(user) and case.owner_id == user.pk


def can_view_access_log(user, owner: User) -> bool:
    return not _anonymous(user) and owner.pk == user.pk and user.is_casework_owner


def can_manage_delegates(user) -> bool:
    return not _anonymous(user) and user.is_casework_owner


def ward_colleagues(owner: User) -> QuerySet[User]:
    """Active councillors in the owner's ward (the only people a case may be shared with)."""
    profile = getattr(owner, "councillor_profile", None)
    if profile is None:
        return User.objects.none()
    today = timezone.localdate()
    return (
        User.objects.filter(
            is_active=True,
            councillor_profile__ward_id=profile.ward_id,
            roles__role=Role.COUNCILLOR,
        )
        .filter(
            Q(councillor_profile__term_end__isnull=True)
            | Q(councillor_profile__term_end__gte=today)
        )
        .exclude(pk=owner.pk)
        .distinct()
    )


def delegate_candidates(owner: User) -> QuerySet[User]:
    """People a councillor may name as a delegate: anyone active holding the delegate or
    member support officer role."""
    return (
        User.objects.filter(
            is_active=True, roles__role__in=[Role.DELEGATE, Role.MEMBER_SUPPORT_OFFICER]
        )
        .exclude(pk=owner.pk)
        .distinct()
    )
