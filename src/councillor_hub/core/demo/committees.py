"""Demo data for councillors, committees and the Cabinet: public contact details for every
councillor in office, Full Council, the Cabinet (the Leader and Deputy Leader with eight
portfolios, held by the largest group), Planning and Licensing (which need mandatory training),
Overview and Scrutiny, Audit and Governance, and Standards, with seats shared between the
groups in proportion, and a little history: a reshuffle at last year's annual meeting and the
former councillor's seats.

Called after build_people (it needs the councillors' profiles and builder.groups). Everything
is fictional: example.org addresses and 01632 960xxx numbers. Deterministic: its own
random.Random seeded from the builder's seed, so it does not disturb the other builders.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simple_history.utils import bulk_create_with_history

from councillor_hub.accounts.models import CouncillorProfile, User, UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.committees.models import (
    CabinetPortfolio,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    CouncillorContact,
    MemberRole,
    PortfolioHolding,
)

from . import words

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

ONE_DAY = dt.timedelta(days=1)

PORTFOLIOS = [
    (
        "Leader of the Council: Strategy and Partnerships",
        "Overall direction of the council and its corporate plan; relations with the county "
        "council, the combined authority, the police and health partners; economic "
        "development; communications; emergency planning.",
    ),
    (
        "Deputy Leader: Finance and Resources",
        "The budget and medium-term financial plan; council tax and business rates; "
        "procurement; property and assets; ICT; human resources; legal and democratic "
        "services.",
    ),
    (
        "Adult Social Care and Health",
        "Adult social care, safeguarding adults, carers, public health, and the health and "
        "wellbeing board.",
    ),
    (
        "Children, Education and Families",
        "Children's social care, safeguarding children, school places and admissions, "
        "special educational needs, early help and youth services.",
    ),
    (
        "Housing and Regeneration",
        "Council housing and tenancy services, homelessness, housing standards in the private "
        "rented sector, the housing strategy and town centre regeneration.",
    ),
    (
        "Environment, Climate and Waste",
        "Waste collection and recycling, street cleaning, parks and open spaces, the climate "
        "emergency action plan, flooding and environmental health.",
    ),
    (
        "Highways, Transport and Parking",
        "Roads and pavements, street lighting, road safety, buses and active travel, parking "
        "enforcement and car parks.",
    ),
    (
        "Communities, Culture and Leisure",
        "Community safety and anti-social behaviour, libraries, leisure centres, museums, "
        "events, grants to voluntary groups and equalities.",
    ),
]

COMMITTEES = {
    "full_council": (
        "Full Council",
        CommitteeKind.FULL_COUNCIL,
        "All councillors. Sets the budget and the council tax, agrees the policy framework and "
        "the constitution, and elects the Leader.",
        "",
    ),
    "cabinet": (
        "Cabinet",
        CommitteeKind.CABINET,
        "The Leader and the Cabinet members. Takes the executive decisions within the budget "
        "and policy framework set by Full Council.",
        "",
    ),
    "planning": (
        "Planning Committee",
        CommitteeKind.PLANNING,
        "Decides major and contentious planning applications and those called in by ward "
        "councillors.",
        "Members and substitutes must complete planning training before they sit, and refresh "
        "it every 12 months: planning law, the local plan, probity and predetermination.",
    ),
    "licensing": (
        "Licensing Committee",
        CommitteeKind.LICENSING,
        "Licensing policy and hearings on premises licences, taxi and private hire licences, "
        "and gambling premises.",
        "Members and substitutes must complete licensing training (Licensing Act 2003, Gambling "
        "Act 2005, taxi and private hire licensing) before they sit, refreshed every 12 "
        "months.",
    ),
    "scrutiny": (
        "Overview and Scrutiny Committee",
        CommitteeKind.SCRUTINY,
        "Holds the Cabinet to account, reviews decisions before and after they are taken, and "
        "runs task and finish reviews. Cabinet members may not sit on it.",
        "",
    ),
    "audit": (
        "Audit and Governance Committee",
        CommitteeKind.OTHER,
        "Oversees internal and external audit, risk management, the annual governance "
        "statement and the statement of accounts.",
        "",
    ),
    "standards": (
        "Standards Committee",
        CommitteeKind.STANDARDS,
        "Promotes high standards of conduct, oversees the members' code of conduct and hears "
        "complaints that councillors have broken it.",
        "",
    ),
}

SURGERY_TIMES = [
    "First Saturday of the month, 10am to 12 noon",
    "Second Saturday of the month, 10am to 11:30am",
    "Last Friday of the month, 5pm to 6:30pm",
    "Every other Monday, 6pm to 7pm",
    "Third Thursday of the month, 6:30pm to 8pm",
]
SURGERY_PLACES = ["Library", "Community Centre", "Methodist Church Hall", "Youth Centre"]
INTERESTS = [
    "parks and green spaces",
    "road safety",
    "affordable housing",
    "young people",
    "older people's services",
    "the town centre",
    "recycling",
    "local buses",
    "flooding",
    "community safety",
    "small businesses",
    "libraries",
    "sport and leisure",
]


@dataclass
class Seat:
    committee: str
    user: User
    role: str
    start: dt.date
    end: dt.date | None = None


def _annual_meeting(year: int) -> dt.date:
    """The annual meeting of the council: about three weeks after the first Thursday in May."""
    first = dt.date(year, 5, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7) + dt.timedelta(days=19)


def build_committees(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(f"committees-{builder.seed}")
    today = builder.today
    election, _ = builder.term()
    appointed = min(_annual_meeting(election.year), today)
    reshuffle = _annual_meeting(today.year - 1)
    if reshuffle <= appointed + dt.timedelta(days=30) or reshuffle >= today:
        reshuffle = appointed + dt.timedelta(days=(today - appointed).days // 2)
    do_reshuffle = appointed < reshuffle < today

    profiles = list(
        CouncillorProfile.objects.select_related("user", "ward", "political_group").order_by("pk")
    )
    in_office = [p for p in profiles if p.term_end is None or p.term_end >= today]
    former = [p for p in profiles if p.term_end is not None and p.term_end < today]
    by_user = {p.user_id: p for p in profiles}

    def group_of(user: User) -> str:
        group = by_user[user.pk].political_group
        return group.name if group else ""

    sizes: dict[str, int] = defaultdict(int)
    for profile in in_office:
        if profile.political_group:
            sizes[profile.political_group.name] += 1
    ranked = sorted(sizes, key=lambda name: (-sizes[name], name))
    largest = ranked[0]
    second = ranked[1] if len(ranked) > 1 else largest
    third = ranked[2] if len(ranked) > 2 else second

    def members_of(group: str, *, exclude: set[int] = frozenset()) -> list[User]:
        return [p.user for p in in_office if group_of(p.user) == group and p.user.pk not in exclude]

    fixed = {u.pk for u in (builder.councillor, builder.colleague, builder.whip, builder.other)} | {
        builder.independent.pk
    }

    # --- The Cabinet: the Leader is the largest group's leader. -----------------------------
    leader_role = (
        UserRole.objects.filter(role=Role.GROUP_LEADER, political_group=builder.groups[largest])
        .select_related("user")
        .first()
    )
    majority = members_of(largest, exclude=fixed)
    rng.shuffle(majority)
    leader = leader_role.user if leader_role else majority[0]
    majority = [u for u in majority if u.pk != leader.pk]
    deputy = majority.pop()
    holders = [leader, deputy] + [majority.pop() for _ in range(len(PORTFOLIOS) - 3)]
    holders.append(builder.colleague)  # the last portfolio: Communities, Culture and Leisure
    portfolios = bulk_create_with_history(
        [
            # The first is the Leader's portfolio (the booklet names its holder as Leader).
            CabinetPortfolio(
                title=title, responsibilities=text, sort_order=index, is_leader=index == 1
            )
            for index, (title, text) in enumerate(PORTFOLIOS, 1)
        ],
        CabinetPortfolio,
    )
    holdings = [
        PortfolioHolding(portfolio=portfolio, councillor=holder, start_date=appointed)
        for portfolio, holder in zip(portfolios, holders, strict=True)
    ]
    seats: list[Seat] = [
        Seat("cabinet", leader, MemberRole.CHAIR, appointed),
        Seat("cabinet", deputy, MemberRole.VICE_CHAIR, appointed),
    ] + [Seat("cabinet", holder, MemberRole.MEMBER, appointed) for holder in holders[2:]]
    if do_reshuffle:
        # Housing changed hands at last year's annual meeting.
        housing = holdings[4]
        replaced_holder = housing.councillor
        newcomer = majority.pop()
        housing.end_date = reshuffle - ONE_DAY
        holdings.append(
            PortfolioHolding(portfolio=housing.portfolio, councillor=newcomer, start_date=reshuffle)
        )
        for seat in seats:
            if seat.user.pk == replaced_holder.pk:
                seat.end = reshuffle - ONE_DAY
        seats.append(Seat("cabinet", newcomer, MemberRole.MEMBER, reshuffle))
    bulk_create_with_history(holdings, PortfolioHolding)
    cabinet_ids = {h.councillor.pk for h in holdings if h.end_date is None}

    # --- Full Council: everyone, with a civic chair and vice-chair. --------------------------
    civic = members_of(largest, exclude=fixed | cabinet_ids)
    rng.shuffle(civic)
    chair, later_chair = civic[0], civic[1]
    vice_pool = members_of(second, exclude=fixed)
    vice = rng.choice(vice_pool) if vice_pool else civic[2]
    for profile in in_office:
        user = profile.user
        if user.pk == chair.pk:
            if do_reshuffle:
                seats.append(
                    Seat("full_council", user, MemberRole.CHAIR, appointed, reshuffle - ONE_DAY)
                )
                seats.append(Seat("full_council", user, MemberRole.MEMBER, reshuffle))
            else:
                seats.append(Seat("full_council", user, MemberRole.CHAIR, appointed))
        elif user.pk == later_chair.pk and do_reshuffle:
            seats.append(
                Seat("full_council", user, MemberRole.MEMBER, appointed, reshuffle - ONE_DAY)
            )
            seats.append(Seat("full_council", user, MemberRole.CHAIR, reshuffle))
        elif user.pk == vice.pk:
            seats.append(Seat("full_council", user, MemberRole.VICE_CHAIR, appointed))
        else:
            seats.append(Seat("full_council", user, MemberRole.MEMBER, appointed))
    for profile in former:
        if profile.term_end >= appointed:
            seats.append(
                Seat("full_council", profile.user, MemberRole.MEMBER, appointed, profile.term_end)
            )

    # --- Committees with seats shared in proportion to the groups. ---------------------------
    def allocate(size: int, *, exclude: set[int], forced: list[User]) -> list[User]:
        eligible = [p.user for p in in_office if p.user.pk not in exclude]
        buckets: dict[str, list[User]] = defaultdict(list)
        for user in eligible:
            buckets[group_of(user)].append(user)
        quotas = {key: size * len(users) / len(eligible) for key, users in buckets.items()}
        seats_for = {key: int(quota) for key, quota in quotas.items()}
        spare = size - sum(seats_for.values())
        for key in sorted(quotas, key=lambda k: (seats_for[k] - quotas[k], k))[:spare]:
            seats_for[key] += 1
        chosen = list(forced)
        for key in sorted(buckets):
            pool = [u for u in buckets[key] if u not in chosen]
            need = seats_for[key] - sum(1 for u in chosen if group_of(u) == key)
            chosen += rng.sample(pool, max(0, min(need, len(pool))))
        return chosen

    def committee_seats(
        key: str,
        *,
        size: int,
        substitutes: int,
        chair_group: str,
        vice_group: str,
        exclude: set[int] = frozenset(),
        forced: list[User] = (),
        chair: User | None = None,
        swap_chairs: bool = False,
    ) -> None:
        members = allocate(size, exclude=set(exclude), forced=list(forced))
        if chair is None:
            chair = rng.choice(
                [u for u in members if group_of(u) == chair_group and u not in forced] or members
            )
        vice = rng.choice(
            [u for u in members if group_of(u) == vice_group and u.pk != chair.pk]
            or [u for u in members if u.pk != chair.pk]
        )
        subs = allocate(substitutes, exclude=set(exclude) | {u.pk for u in members}, forced=[])
        ordinary = [u for u in members if u.pk not in (chair.pk, vice.pk)]
        if do_reshuffle and swap_chairs:
            seats.append(Seat(key, chair, MemberRole.CHAIR, appointed, reshuffle - ONE_DAY))
            seats.append(Seat(key, chair, MemberRole.VICE_CHAIR, reshuffle))
            seats.append(Seat(key, vice, MemberRole.VICE_CHAIR, appointed, reshuffle - ONE_DAY))
            seats.append(Seat(key, vice, MemberRole.CHAIR, reshuffle))
        else:
            seats.append(Seat(key, chair, MemberRole.CHAIR, appointed))
            seats.append(Seat(key, vice, MemberRole.VICE_CHAIR, appointed))
        leaving = None
        if do_reshuffle:
            candidates = [u for u in ordinary if u not in forced]
            leaving = rng.choice(candidates) if candidates else None
        for user in ordinary:
            if user is leaving:
                seats.append(Seat(key, user, MemberRole.MEMBER, appointed, reshuffle - ONE_DAY))
            else:
                seats.append(Seat(key, user, MemberRole.MEMBER, appointed))
        if leaving is not None:
            taken = {u.pk for u in members} | {u.pk for u in subs} | set(exclude)
            pool = members_of(group_of(leaving), exclude=taken) or [
                p.user for p in in_office if p.user.pk not in taken
            ]
            if pool:
                seats.append(Seat(key, rng.choice(pool), MemberRole.MEMBER, reshuffle))
        for user in subs:
            seats.append(Seat(key, user, MemberRole.SUBSTITUTE, appointed))

    committee_seats(
        "planning",
        size=11,
        substitutes=4,
        chair_group=largest,
        vice_group=largest,
        exclude=cabinet_ids,
        forced=[builder.councillor],
        swap_chairs=True,
    )
    # 14 seats: the former councillor's replacement (below) makes the statutory maximum of 15.
    committee_seats(
        "licensing",
        size=14,
        substitutes=3,
        chair_group=largest,
        vice_group=second,
        exclude=cabinet_ids,
    )
    committee_seats(
        "scrutiny",
        size=12,
        substitutes=4,
        chair_group=second,
        vice_group=largest,
        exclude=cabinet_ids,
        forced=[builder.other],
        chair=builder.other,
    )
    committee_seats(
        "audit",
        size=8,
        substitutes=2,
        chair_group=second,
        vice_group=largest,
        exclude=cabinet_ids,
    )
    committee_seats(
        "standards",
        size=7,
        substitutes=2,
        chair_group=third,
        vice_group=largest,
        exclude=cabinet_ids,
        forced=[builder.independent, builder.whip],
    )
    # The former councillor sat on Licensing until their term ended; a by-election winner's
    # group colleague took the seat a fortnight later.
    for profile in former:
        if profile.term_end >= appointed:
            seats.append(
                Seat("licensing", profile.user, MemberRole.MEMBER, appointed, profile.term_end)
            )
            on_licensing = {s.user.pk for s in seats if s.committee == "licensing"}
            pool = members_of(group_of(profile.user), exclude=on_licensing | cabinet_ids)
            if pool:
                start = min(profile.term_end + dt.timedelta(days=14), today)
                seats.append(Seat("licensing", rng.choice(pool), MemberRole.MEMBER, start))

    committees = {}
    for key, (name, kind, description, training) in COMMITTEES.items():
        committees[key] = Committee(
            name=name,
            kind=kind,
            description=description,
            requires_training=bool(training),
            training_note=training,
        )
    bulk_create_with_history(list(committees.values()), Committee)
    memberships = [
        CommitteeMembership(
            committee=committees[seat.committee],
            councillor=seat.user,
            role=seat.role,
            start_date=seat.start,
            end_date=seat.end,
        )
        for seat in seats
    ]
    bulk_create_with_history(memberships, CommitteeMembership, batch_size=500)

    # --- Public contact details for every councillor in office. ------------------------------
    def landline() -> str:
        if not builder.phone_pool:
            builder.phone_pool.extend(f"01632 960{n:03d}" for n in range(1000))
            rng.shuffle(builder.phone_pool)
        for index, number in enumerate(builder.phone_pool):
            if number.startswith("01632"):
                return builder.phone_pool.pop(index)
        return f"01632 960{rng.randint(0, 999):03d}"

    contacts = []
    for profile in in_office:
        user = profile.user
        if user.email.endswith("@example.org"):
            email = user.email
        else:
            first, _, last = user.full_name.partition(" ")
            email = builder.email_for(first, last or first, domain="example.org", prefix="cllr.")
        interests = rng.sample(INTERESTS, 2)
        contacts.append(
            CouncillorContact(
                councillor=user,
                public_email=email,
                public_phone=landline(),
                surgery_details=(
                    f"{rng.choice(SURGERY_TIMES)}, {profile.ward.name} "
                    f"{rng.choice(SURGERY_PLACES)}. No appointment needed; or email to arrange "
                    "a call."
                ),
                bio=(
                    f"Councillor for {profile.ward.name} ward since {profile.term_start.year}. "
                    f"{user.full_name.split(' ')[0]} lives in {words.COUNCIL_TOWN} and is "
                    f"particularly interested in {interests[0]} and {interests[1]}."
                ),
            )
        )
    bulk_create_with_history(contacts, CouncillorContact)

    return {
        "committees": len(committees),
        "committee memberships": len(memberships),
        "Cabinet portfolios": len(portfolios),
        "councillors' contact details": len(contacts),
    }
