"""Query budgets for the councillors list and a councillor's profile (issue 7, item 4).

Each test counts the SQL queries of a GET on a small council, adds many more councillors (over
wards and groups, with contact details, committee places and portfolios), and counts again: the
count must not grow, and must stay within the page's budget, written here as a constant with
what its queries are."""

from __future__ import annotations

import datetime
import itertools

from django.urls import reverse

from councillor_hub.accounts.tests.factories import CouncillorFactory, WardFactory
from councillor_hub.committees.models import Committee, CommitteeKind, MemberRole
from councillor_hub.committees.tests.factories import (
    CommitteeFactory,
    ContactFactory,
    HoldingFactory,
    MembershipFactory,
    PortfolioFactory,
)
from councillor_hub.core.tests.budgets import check_growth

# Budgets: the most queries each page may make, whatever the number of rows. Every page spends
# 5 on the request itself: the session, the signed-in user with their profile, the councillors
# they act for (remembered for the request by casework/permissions.py), their roles, and the
# navigation's unread-notification count. (The session's keep-alive write, at most once a
# minute, is left out: see _queries.)

# Councillor list (measured 8): request (5) + wards and groups for the filter (2) + the
# councillors in office with profile, ward, group and contact details joined (1).
COUNCILLOR_LIST_BUDGET = 8
# Councillor profile (measured 9): request (5) + the councillor with profile and contact (1)
# + the leader and deputy (1) + their committee places (1) and their portfolios (1).
COUNCILLOR_PAGE_BUDGET = 9


def _committees() -> list:
    kinds = {
        "Full Council": CommitteeKind.FULL_COUNCIL,
        "Planning Committee": CommitteeKind.PLANNING,
        "Licensing Committee": CommitteeKind.LICENSING,
        "Overview and Scrutiny": CommitteeKind.SCRUTINY,
    }
    return [
        Committee.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in kinds.items()
    ]


def _grow(world, count: int, *, start: int = 0, councillor=None) -> None:
    """`count` more councillors over wards and groups (one non-aligned, one whose term has
    ended), with contact details, committee places and portfolios; and more places and
    portfolios for `councillor` if given."""
    committees = _committees()
    wards = itertools.cycle([world.ward_a, world.ward_b, WardFactory(name=f"Canalside {start}")])
    groups = itertools.cycle([world.group_red, world.group_blue, None])
    # Any role but chair: a committee has one chair at a time.
    roles = itertools.cycle([r for r in MemberRole.values if r != MemberRole.CHAIR])
    for index in range(start, start + count):
        person = CouncillorFactory(
            full_name=f"Councillor {index:03d}",
            profile__ward=next(wards),
            profile__political_group=next(groups),
            profile__term_end=datetime.date(2024, 5, 1) if index % 9 == 8 else None,
        )
        ContactFactory(councillor=person)
        for committee in committees[: index % 4 + 1]:
            MembershipFactory(committee=committee, councillor=person, role=next(roles))
        if index % 3 == 0:
            HoldingFactory(portfolio=PortfolioFactory(), councillor=person)
    if councillor is not None:
        for n, committee in enumerate(_committees()):
            MembershipFactory(
                committee=CommitteeFactory(name=f"Panel {start}.{n}"),
                councillor=councillor,
                role=next(roles),
            )
            MembershipFactory(
                committee=committee,
                councillor=councillor,
                start_date=datetime.date(2023, 5, 1),
                end_date=datetime.date(2024, 5, 1),
            )
        HoldingFactory(portfolio=PortfolioFactory(), councillor=councillor)


def test_councillor_pages_budget(world, client_for):
    """The councillors list with each filter and a councillor's profile, for a councillor and
    for a content manager."""
    ContactFactory(councillor=world.colleague)
    _grow(world, 3, councillor=world.colleague)
    variants = {
        "list": {},
        "list by ward": {"ward": str(world.ward_a.pk)},
        "list by group": {"group": str(world.group_red.pk)},
        "list of the non-aligned": {"group": "none"},
    }
    pages = {}
    for viewer in ["councillor", "democratic"]:
        client = client_for(getattr(world, viewer))
        for name, params in variants.items():
            pages[f"{name} ({viewer})"] = (
                client,
                reverse("committees:councillor_list"),
                params,
                COUNCILLOR_LIST_BUDGET,
            )
        pages[f"profile ({viewer})"] = (
            client,
            reverse("committees:councillor_detail", args=[world.colleague.pk]),
            {},
            COUNCILLOR_PAGE_BUDGET,
        )

    def grow():
        for start in (10, 20, 30):
            _grow(world, 7, start=start, councillor=world.colleague)

    check_growth(pages, grow)
