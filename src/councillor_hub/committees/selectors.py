"""Reads shared by the councillor, committee and Cabinet pages (and, later, the booklet and
member development): who is in office, who sits on what, who holds which portfolio."""

from __future__ import annotations

import datetime

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from councillor_hub.accounts.models import User

from .models import (
    KIND_ORDER,
    ROLE_ORDER,
    CabinetPortfolio,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    MemberRole,
    PortfolioHolding,
)


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


def in_office_q(day: datetime.date, prefix: str = "") -> Q:
    """Councillors whose term has not ended on `day` (an active account with a profile)."""
    return (
        Q(**{f"{prefix}councillor_profile__isnull": False})
        & Q(**{f"{prefix}is_active": True})
        & (
            Q(**{f"{prefix}councillor_profile__term_end__isnull": True})
            | Q(**{f"{prefix}councillor_profile__term_end__gte": day})
        )
    )


def councillors_with_profile() -> QuerySet[User]:
    """Every councillor, past or present, with what their pages show alongside them."""
    return User.objects.filter(councillor_profile__isnull=False).select_related(
        "councillor_profile__ward",
        "councillor_profile__political_group",
        "councillor_contact",
    )


def councillors_in_office(today: datetime.date | None = None) -> QuerySet[User]:
    return councillors_with_profile().filter(in_office_q(_today(today))).order_by("full_name")


def is_in_office(user: User, today: datetime.date | None = None) -> bool:
    profile = getattr(user, "councillor_profile", None)
    if profile is None or not user.is_active:
        return False
    return profile.term_end is None or profile.term_end >= _today(today)


def contact_of(user: User):
    """The councillor's contact details row, or None (without a query when select_related)."""
    return getattr(user, "councillor_contact", None)


def committees_in_order(queryset: QuerySet[Committee] | None = None) -> QuerySet[Committee]:
    """Full Council, Cabinet, scrutiny, the regulatory committees, then the rest; by name."""
    queryset = Committee.objects.all() if queryset is None else queryset
    return queryset.annotate(
        kind_order=Case(
            *[When(kind=kind, then=Value(index)) for kind, index in KIND_ORDER.items()],
            default=Value(len(KIND_ORDER)),
            output_field=IntegerField(),
        )
    ).order_by("kind_order", "name")


def sort_by_role(memberships) -> list[CommitteeMembership]:
    return sorted(
        memberships,
        key=lambda m: (ROLE_ORDER.get(m.role, 99), m.councillor.full_name, m.start_date),
    )


def current_memberships_prefetch(today: datetime.date, to_attr: str = "current_memberships"):
    return Prefetch(
        "memberships",
        queryset=CommitteeMembership.objects.current(today).select_related("councillor"),
        to_attr=to_attr,
    )


def committee_members(committee: Committee, today: datetime.date | None = None) -> dict:
    """The committee's people by role today, plus upcoming appointments and the history."""
    today = _today(today)
    rows = list(
        committee.memberships.select_related(
            "councillor__councillor_profile__political_group"
        ).order_by("-start_date", "pk")
    )
    current = sort_by_role(m for m in rows if m.is_current_on(today))

    def with_role(role):
        return [m for m in current if m.role == role]

    return {
        "chair": with_role(MemberRole.CHAIR),
        "vice_chairs": with_role(MemberRole.VICE_CHAIR),
        "members": with_role(MemberRole.MEMBER),
        "substitutes": with_role(MemberRole.SUBSTITUTE),
        "current": current,
        "upcoming": sort_by_role(m for m in rows if m.start_date > today),
        "previous": sorted(
            (m for m in rows if m.end_date is not None and m.end_date < today),
            key=lambda m: (-m.end_date.toordinal(), ROLE_ORDER.get(m.role, 99)),
        ),
    }


def councillor_memberships(user: User, today: datetime.date | None = None) -> dict:
    today = _today(today)
    rows = list(
        user.committee_memberships.select_related("committee").order_by("-start_date", "pk")
    )
    return {
        "current": sorted(
            (m for m in rows if m.is_current_on(today)),
            key=lambda m: (KIND_ORDER.get(m.committee.kind, 99), m.committee.name),
        ),
        "upcoming": [m for m in rows if m.start_date > today],
        "previous": [m for m in rows if m.end_date is not None and m.end_date < today],
    }


def councillor_holdings(user: User, today: datetime.date | None = None) -> dict:
    today = _today(today)
    rows = list(user.portfolio_holdings.select_related("portfolio").order_by("-start_date", "pk"))
    return {
        "current": [h for h in rows if h.is_current_on(today)],
        "upcoming": [h for h in rows if h.start_date > today],
        "previous": [h for h in rows if h.end_date is not None and h.end_date < today],
    }


def cabinet_committee() -> Committee | None:
    return (
        Committee.objects.filter(kind=CommitteeKind.CABINET, is_active=True).order_by("pk").first()
    )


def leader_and_deputy(today: datetime.date | None = None) -> tuple[list, list]:
    """The Leader of the Council (the chair of Cabinet) and the deputy (its vice-chair)."""
    committee = cabinet_committee()
    if committee is None:
        return [], []
    rows = list(
        committee.memberships.current(_today(today))
        .filter(role__in=[MemberRole.CHAIR, MemberRole.VICE_CHAIR])
        .select_related("councillor")
    )
    return (
        [m.councillor for m in rows if m.role == MemberRole.CHAIR],
        [m.councillor for m in sort_by_role(rows) if m.role == MemberRole.VICE_CHAIR],
    )


def portfolios_with_holders(
    today: datetime.date | None = None, *, active: bool = True
) -> list[CabinetPortfolio]:
    """Portfolios with `.current_holdings`, `.upcoming_holdings` and `.previous_holdings`."""
    today = _today(today)
    portfolios = list(
        CabinetPortfolio.objects.filter(is_active=active).prefetch_related(
            Prefetch(
                "holdings",
                queryset=PortfolioHolding.objects.select_related("councillor").order_by(
                    "-start_date", "pk"
                ),
                to_attr="all_holdings",
            )
        )
    )
    for portfolio in portfolios:
        rows = portfolio.all_holdings
        portfolio.current_holdings = [h for h in rows if h.is_current_on(today)]
        portfolio.upcoming_holdings = [h for h in rows if h.start_date > today]
        portfolio.previous_holdings = [
            h for h in rows if h.end_date is not None and h.end_date < today
        ]
    return portfolios


def councillor_choices(day: datetime.date | None = None) -> QuerySet[User]:
    """Councillors who may be appointed (in office), for the appointment forms."""
    return (
        User.objects.filter(in_office_q(_today(day)))
        .select_related("councillor_profile__ward")
        .order_by("full_name")
    )


def upcoming_meetings(committee: Committee, today: datetime.date | None = None, limit: int = 6):
    """The committee's meetings from `today` on (cancelled ones too, marked), soonest first."""
    from .models import CommitteeMeeting

    start = timezone.make_aware(datetime.datetime.combine(_today(today), datetime.time.min))
    return list(
        CommitteeMeeting.objects.filter(committee=committee, starts_at__gte=start).order_by(
            "starts_at", "pk"
        )[:limit]
    )


def training_overrides(committee: Committee, today: datetime.date | None = None):
    """Current and upcoming appointments made without valid training: who overrode and why."""
    return list(
        committee.memberships.exclude(training_override_reason="")
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=_today(today)))
        .select_related("councillor", "training_override_by")
        .order_by("-training_override_at", "pk")
    )
