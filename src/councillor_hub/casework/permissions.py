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

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role

from .models import Case, CaseConstituent, CaseShare, Constituent, DelegateGrant

# Within one request the same person's casework scope (whom they act for, which cases are
# shared with them) is asked for many times: by the menu, the view and each selector. A request
# remembers the answers (CaseworkScopeMiddleware opens the scope); any change to a grant, share,
# profile, role or user forgets them (casework/apps.py), and outside a request nothing is kept.
_request_scope: ContextVar[dict | None] = ContextVar("casework_request_scope", default=None)


@contextmanager
def request_scope() -> Iterator[None]:
    token = _request_scope.set({})
    try:
        yield
    finally:
        _request_scope.reset(token)


def forget_request_scope() -> None:
    remembered = _request_scope.get()
    if remembered is not None:
        remembered.clear()


def remembered(key: tuple, compute: Callable[[], list[int]]) -> list[int]:
    """compute() once per request for `key` (every call outside a request); a copy each time."""
    store = _request_scope.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return list(store[key])


def forget_request_scope_when_changed(*models, uid: str) -> None:
    """Connect the models whose saves and deletions change what a person may see, so such a
    change forgets what the request remembered (called from each app's ready())."""
    from django.db.models.signals import post_delete, post_save

    def forget(**kwargs) -> None:
        forget_request_scope()

    for model in models:
        name = f"{uid}-{model._meta.label_lower}"
        post_save.connect(forget, sender=model, dispatch_uid=f"{name}-save", weak=False)
        post_delete.connect(forget, sender=model, dispatch_uid=f"{name}-delete", weak=False)


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
    return remembered(("acting_for", user.pk), lambda: _acting_for(user))


def delegating_councillors(user) -> list[int]:
    """The councillors with an active delegate grant to `user`, while each is active and
    within their term (plus the handover period): whose casework and enquiries they work on."""
    if _anonymous(user):
        return []
    in_office = Q(councillor__councillor_profile__term_end__isnull=True) | Q(
        councillor__councillor_profile__term_end__gte=access_cutoff()
    )
    return remembered(
        ("delegating", user.pk),
        lambda: list(
            DelegateGrant.unrestricted.filter(delegate=user, revoked_at__isnull=True)
            .filter(in_office, councillor__is_active=True)
            .values_list("councillor_id", flat=True)
        ),
    )


def _acting_for(user) -> list[int]:
    ids = delegating_councillors(user)
    if user.is_casework_owner and not casework_access_ended(user):
        ids.insert(0, user.pk)
    return ids


def shared_case_ids(user) -> list[int]:
    """The cases actively shared with `user`, as a list of ids. A literal list (not a correlated
    EXISTS) lets both databases answer "owned by these people OR one of these cases" from two
    index lookups; `OR EXISTS (...)` made them test every case in the table (issue 7)."""
    return remembered(
        ("shared", user.pk),
        lambda: list(
            CaseShare.unrestricted.filter(colleague=user, revoked_at__isnull=True).values_list(
                "case_id", flat=True
            )
        ),
    )


def visible_cases(user) -> QuerySet[Case]:
    if _anonymous(user):
        return Case.unrestricted.none()
    owners = acting_for(user)
    shared = shared_case_ids(user)
    if not shared:
        return Case.unrestricted.filter(owner_id__in=owners)
    return Case.unrestricted.filter(Q(owner_id__in=owners) | Q(pk__in=shared))


def editable_cases(user) -> QuerySet[Case]:
    if _anonymous(user):
        return Case.unrestricted.none()
    return Case.unrestricted.filter(owner_id__in=acting_for(user))


def visible_constituents(user) -> QuerySet[Constituent]:
    """Constituents of the casework the user works on, plus those on cases shared with them."""
    if _anonymous(user):
        return Constituent.unrestricted.none()
    owners = acting_for(user)
    # A list for the same reason as shared_case_ids: index lookups, not a scan of everyone.
    on_shared_cases = remembered(
        ("shared_constituents", user.pk),
        lambda: list(
            CaseConstituent.unrestricted.filter(
                case__shares__colleague=user, case__shares__revoked_at__isnull=True
            ).values_list("constituent_id", flat=True)
        ),
    )
    if not on_shared_cases:
        return Constituent.unrestricted.filter(owner_id__in=owners)
    return Constituent.unrestricted.filter(Q(owner_id__in=owners) | Q(pk__in=on_shared_cases))


def editable_constituents(user) -> QuerySet[Constituent]:
    if _anonymous(user):
        return Constituent.unrestricted.none()
    return Constituent.unrestricted.filter(owner_id__in=acting_for(user))


def can_work_on_casework(user) -> bool:
    """Whether the user has any casework at all (their own or as a delegate)."""
    return bool(acting_for(user))


def can_view_case(user, case: Case) -> bool:
    """The same rule as visible_cases, asked of one case, from the same remembered lists."""
    if _anonymous(user):
        return False
    return case.owner_id in acting_for(user) or case.pk in shared_case_ids(user)


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
