"""Demo data for induction and DBS checks: the intake for this term's May elections (about a
third of the councillors treated as newly elected, councillor@demo.test and
colleague@demo.test among them) with buddies mostly allocated and the checklist part-done; a
by-election intake to fill the seat of the councillor who resigned (polling day a few weeks
ahead, its programme and key dates already on the public page, nobody elected yet); the next
ordinary elections' intake (published some months ahead); and a DBS check state for every
councillor in office: most verified (a few overdue for renewal), some submitted, the rest not
started. councillor@demo.test's check is submitted.

The checklist items themselves are seeded by a migration (induction 0002) and kept by the
demo reset; if they are missing they are created here. Runs after build_people (and after the
learning demo, if any: the "mandatory training booked" item follows training bookings by
itself). Fictional throughout; deterministic (its own random.Random from the builder's seed);
bulk_create with one initial history row per record.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from simple_history.utils import bulk_create_with_history

from councillor_hub.accounts.models import User, UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.induction.models import (
    ChecklistItem,
    ChecklistProgress,
    DateKind,
    DbsCheck,
    DbsState,
    Intake,
    IntakeDate,
    IntakeKind,
    MemberInduction,
)
from councillor_hub.induction.selectors import group_of, members_in_office
from councillor_hub.learning.validity import add_months

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

DEFAULT_ITEMS = [
    ("Declaration of acceptance of office signed", ""),
    ("IT kit issued and accounts set up", ""),
    ("Register of interests completed", ""),
    ("DBS check submitted", "dbs_submitted"),
    ("DBS check verified", "dbs_verified"),
    ("Induction day attended", ""),
    ("Political buddy allocated", "political_buddy"),
    ("Officer buddy allocated", "officer_buddy"),
    ("Key contacts booklet received", ""),
    ("Mandatory training booked", "mandatory_training"),
]

ELECTION_SUMMARY = (
    "Everyone elected in May is offered the same induction programme, whichever group they "
    "belong to. Democratic services contacts each new councillor the day after the count. "
    "The programme covers how the council works, the code of conduct, information "
    "governance, safeguarding, and the training needed to sit on the Planning and Licensing "
    "committees. Each new councillor is offered a political buddy from their group and an "
    "officer buddy. Candidates and agents with questions can email "
    "democratic.services@example.org or call 01632 960100."
)
BY_ELECTION_SUMMARY = (
    "A by-election will fill the vacant seat. Whoever is elected gets the full induction "
    "programme in the weeks after polling day, joining the sessions of the rolling training "
    "programme. Candidates and agents with questions can email "
    "democratic.services@example.org or call 01632 960100."
)
NEXT_SUMMARY = (
    "All seats on the council are up for election. This page sets out what happens after the "
    "count so that candidates and political groups can plan ahead. More dates will be added."
)

# (days after the election, kind, title, time, place, description)
ELECTION_PROGRAMME = [
    (-25, DateKind.KEY_DATE, "Close of nominations", "4pm", "Demo Town Hall", ""),
    (0, DateKind.KEY_DATE, "Polling day", "7am to 10pm", "", ""),
    (
        1,
        DateKind.KEY_DATE,
        "Count and declaration of results",
        "From 10am",
        "Demo Leisure Centre",
        "",
    ),
    (
        3,
        DateKind.EVENT,
        "Welcome evening for new councillors",
        "6pm to 8pm",
        "Members' Room, Demo Town Hall",
        "Meet the chief executive, directors and democratic services. Collect IT kit.",
    ),
    (
        5,
        DateKind.EVENT,
        "Induction day: how the council works",
        "9:30am to 4pm",
        "Council Chamber, Demo Town Hall",
        "Roles and responsibilities, the constitution, the code of conduct and casework.",
    ),
    (
        14,
        DateKind.KEY_DATE,
        "Annual council meeting",
        "6:30pm",
        "Council Chamber, Demo Town Hall",
        "",
    ),
    (
        20,
        DateKind.EVENT,
        "Planning and Licensing committee training",
        "10am to 3pm",
        "Committee Room 1, Demo Town Hall",
        "Required before sitting on either committee.",
    ),
    (
        28,
        DateKind.KEY_DATE,
        "Register of interests due",
        "",
        "",
        "Councillors must register their interests within 28 days of taking office.",
    ),
]
BY_ELECTION_PROGRAMME = [
    (-19, DateKind.KEY_DATE, "Close of nominations", "4pm", "Demo Town Hall", ""),
    (0, DateKind.KEY_DATE, "Polling day", "7am to 10pm", "", ""),
    (1, DateKind.KEY_DATE, "Declaration of result", "From 1am", "Demo Town Hall", ""),
    (
        6,
        DateKind.EVENT,
        "Induction meeting with democratic services",
        "10am to 1pm",
        "Members' Room, Demo Town Hall",
        "Your checklist, IT kit, the register of interests and training to book.",
    ),
]
NEXT_PROGRAMME = [
    (0, DateKind.KEY_DATE, "Polling day", "7am to 10pm", "", ""),
    (
        5,
        DateKind.EVENT,
        "Induction day: how the council works",
        "9:30am to 4pm",
        "Council Chamber, Demo Town Hall",
        "",
    ),
]

NOTES = ["", "", "", "Asset DEMO-{n:03d}", "Signed copy filed"]


def _dates(intake: Intake, programme) -> list[IntakeDate]:
    return [
        IntakeDate(
            intake=intake,
            kind=kind,
            title=title,
            on=intake.election_date + dt.timedelta(days=days),
            time=time,
            location=place,
            description=description,
        )
        for days, kind, title, time, place, description in programme
    ]


def _items() -> list[ChecklistItem]:
    if not ChecklistItem.objects.exists():
        bulk_create_with_history(
            [
                ChecklistItem(title=title, derived_from=derived, order=10 * n)
                for n, (title, derived) in enumerate(DEFAULT_ITEMS, start=1)
            ],
            ChecklistItem,
        )
    return list(ChecklistItem.objects.filter(is_active=True))


def build_induction(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(f"{builder.seed}-induction")
    today = builder.today
    election_day, next_election = builder.term()
    items = _items()
    manual = [item for item in items if item.is_manual]
    members = list(members_in_office(today))
    officers = list(
        User.objects.filter(roles__role=Role.MEMBER_SUPPORT_OFFICER, is_active=True)
        .distinct()
        .order_by("pk")
    )
    democratic = getattr(builder, "democratic", None)

    # --- Intakes -------------------------------------------------------------------------
    election = Intake(
        name=f"May {election_day.year} elections",
        kind=IntakeKind.ELECTION,
        election_date=election_day,
        public_summary=ELECTION_SUMMARY,
        published_from=election_day - dt.timedelta(days=120),
    )
    by_election_day = today + dt.timedelta(days=27)
    former = getattr(builder, "former", None)
    ward = former.councillor_profile.ward.name if former is not None else "Demo"
    by_election = Intake(
        name=f"{ward} ward by-election, {by_election_day:%B %Y}",
        kind=IntakeKind.BY_ELECTION,
        election_date=by_election_day,
        public_summary=BY_ELECTION_SUMMARY,
        published_from=today - dt.timedelta(days=12),
    )
    upcoming = Intake(
        name=f"May {next_election.year} elections",
        kind=IntakeKind.ELECTION,
        election_date=next_election,
        public_summary=NEXT_SUMMARY,
        published_from=next_election - dt.timedelta(days=240),
    )
    intakes = bulk_create_with_history([election, by_election, upcoming], Intake)
    election, by_election, upcoming = (Intake.objects.get(name=i.name) for i in intakes)
    dates = bulk_create_with_history(
        [
            *_dates(election, ELECTION_PROGRAMME),
            *_dates(by_election, BY_ELECTION_PROGRAMME),
            *_dates(upcoming, NEXT_PROGRAMME),
        ],
        IntakeDate,
    )

    # --- The May intake: about a third of councillors are new ----------------------------
    fixed = [getattr(builder, name, None) for name in ("councillor", "colleague", "independent")]
    fixed = [user for user in fixed if user is not None]
    newcomers = list(fixed)
    councillor_ids = set(
        UserRole.objects.filter(role=Role.COUNCILLOR).values_list("user_id", flat=True)
    )
    others = [m for m in members if m not in fixed and m.pk in councillor_ids]
    newcomers += rng.sample(others, k=min(len(others), max(0, len(members) // 3 - len(fixed))))
    newcomer_ids = {m.pk for m in newcomers}
    experienced = [m for m in members if m.pk not in newcomer_ids]
    by_group: dict[int | None, list[User]] = {}
    for member in experienced:
        by_group.setdefault(group_of(member)[0], []).append(member)

    inductions = []
    for member in newcomers:
        buddies = by_group.get(group_of(member)[0]) or experienced
        allocated = member in fixed[:1] or rng.random() < 0.8
        inductions.append(
            MemberInduction(
                intake=election,
                member=member,
                political_buddy=rng.choice(buddies) if allocated and buddies else None,
                officer_buddy=rng.choice(officers) if allocated and officers else None,
            )
        )
    bulk_create_with_history(inductions, MemberInduction)
    inductions = list(MemberInduction.objects.filter(intake=election).order_by("pk"))

    progress = []
    for n, induction in enumerate(inductions):
        # Each new councillor has got a different way down the checklist.
        share = 0.5 if induction.member_id == fixed[0].pk else rng.choice([0.3, 0.6, 0.8, 1.0])
        for index, item in enumerate(manual):
            if index >= round(share * len(manual)):
                break
            progress.append(
                ChecklistProgress(
                    induction=induction,
                    item=item,
                    done_on=min(
                        today, election_day + dt.timedelta(days=1 + 3 * index + rng.randint(0, 4))
                    ),
                    done_by=democratic,
                    note=rng.choice(NOTES).format(n=n + 1),
                )
            )
    bulk_create_with_history(progress, ChecklistProgress)

    # --- DBS checks for every councillor in office ---------------------------------------
    checks = []
    for member in members:
        if member.pk == fixed[0].pk:
            state = DbsState.SUBMITTED
        else:
            state = rng.choices(
                [DbsState.VERIFIED, DbsState.SUBMITTED, DbsState.NOT_STARTED], [6, 2, 2]
            )[0]
        if state == DbsState.NOT_STARTED:
            continue
        if member.pk in newcomer_ids:
            submitted = min(today, election_day + dt.timedelta(days=rng.randint(3, 30)))
        else:
            # Long-serving members' checks are renewed every three years: a few are overdue.
            submitted = today - dt.timedelta(days=rng.randint(60, 1200))
        verified = min(today, submitted + dt.timedelta(days=rng.randint(10, 40)))
        checks.append(
            DbsCheck(
                member=member,
                state=state,
                submitted_on=submitted,
                verified_on=verified if state == DbsState.VERIFIED else None,
                renewal_due_on=add_months(verified, 36) if state == DbsState.VERIFIED else None,
                updated_by=democratic,
            )
        )
    bulk_create_with_history(checks, DbsCheck)

    return {
        "induction intakes": len(intakes),
        "induction dates": len(dates),
        "member inductions": len(inductions),
        "induction checklist ticks": len(progress),
        "DBS checks": len(checks),
    }
