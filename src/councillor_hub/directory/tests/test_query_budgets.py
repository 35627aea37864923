"""Query budgets for the directory pages (issue 7, item 4).

Each test counts the SQL queries of a GET on a small organisation, adds many more officers,
teams and topics (active and former, over several services), and counts again: the count must
not grow, and must stay within the page's budget, written here as a constant with what its
queries are."""

from __future__ import annotations

from django.urls import reverse

from councillor_hub.core.tests.budgets import check_growth
from councillor_hub.directory.models import OrgUnit, UnitKind
from councillor_hub.directory.tests.factories import (
    OfficerFactory,
    OrgUnitFactory,
    PartnerFactory,
    TopicFactory,
)

# Budgets: the most queries each page may make, whatever the number of rows. Every page spends
# 5 on the request itself: the session, the signed-in user with their profile, the councillors
# they act for (remembered for the request by casework/permissions.py), their roles, and the
# navigation's unread-notification count. (The session's keep-alive write, at most once a
# minute, is left out: see _queries.)

# Directory search (measured 9 for a name only officers match): request (5) + the hit count by
# kind, made once (1); then for each kind with matches (officers, units, topics): the
# spelling-correction terms (1), the ranked hits (1) and the records by id with their units (1).
DIRECTORY_SEARCH_BUDGET = 16
# The directory home without a search (measured 5): the request only.
DIRECTORY_HOME_BUDGET = 5
# Officer page (measured 7): request (5) + the officer with their unit and its parents (1) +
# the topics of their unit (1).
OFFICER_PAGE_BUDGET = 7
# Unit page (measured 10-11): request (5) + the unit with its parents (1) + its people and
# (for managers) former people (1-2) + sub-units with officer counts (1) + every unit's parent,
# to find the units within it (1) + the topics of those units (1).
UNIT_PAGE_BUDGET = 11
# The organisation tree (measured 6): request (5) + every unit in one query (1).
UNIT_LIST_BUDGET = 6


def _organisation(world) -> OrgUnit:
    """A directorate with a Highways service; returns the service."""
    place = OrgUnitFactory(name="Place", kind=UnitKind.DIRECTORATE)
    return OrgUnitFactory(
        name="Highways", kind=UnitKind.SERVICE, parent=place, service_area=world.highways
    )


def _grow(service: OrgUnit, count: int, *, start: int = 0) -> None:
    """`count` more teams under `service`, each with drainage officers (one former) and
    topics, plus officers and a topic on the service itself and a partner's topic."""
    partner = PartnerFactory(name="Demo Water Company")
    for index in range(start, start + count):
        team = OrgUnitFactory(
            name=f"Drainage team {index}",
            kind=UnitKind.TEAM,
            parent=service,
            is_active=index % 7 != 6,
        )
        for n in range(3):
            OfficerFactory(
                full_name=f"Person{index}x{n} Okonkwo",
                job_title="Drainage engineer",
                unit=team,
                is_active=n != 2,
            )
        OfficerFactory(
            full_name=f"Service{index} Okonkwo", job_title="Drainage manager", unit=service
        )
        TopicFactory(name=f"Drainage topic {index}", keywords="gully, flooding", unit=team)
        TopicFactory(name=f"Drainage service topic {index}", unit=service)
        TopicFactory(name=f"Sewers {index}", unit=None, partner=partner)


def test_directory_pages_budget(world, client_for):
    """The directory home, its search (exact and misspelt), an officer, a service and the
    organisation tree, for a councillor and for a content manager (who also sees former
    officers and closed teams)."""
    service = _organisation(world)
    _grow(service, 2)
    officer = OfficerFactory(full_name="Ada Okonkwo", unit=service, out_of_hours_phone="01632")
    pages = {}
    for viewer in ["councillor", "democratic"]:
        client = client_for(getattr(world, viewer))
        pages[f"home ({viewer})"] = (
            client,
            reverse("directory:home"),
            {},
            DIRECTORY_HOME_BUDGET,
        )
        for q in ["okonkwo", "drainag engineer"]:
            pages[f"search {q!r} ({viewer})"] = (
                client,
                reverse("directory:home"),
                {"q": q},
                DIRECTORY_SEARCH_BUDGET,
            )
        pages[f"officer ({viewer})"] = (
            client,
            reverse("directory:officer_detail", args=[officer.pk]),
            {},
            OFFICER_PAGE_BUDGET,
        )
        pages[f"unit ({viewer})"] = (
            client,
            reverse("directory:unit_detail", args=[service.pk]),
            {},
            UNIT_PAGE_BUDGET,
        )
        pages[f"organisation ({viewer})"] = (
            client,
            reverse("directory:unit_list"),
            {},
            UNIT_LIST_BUDGET,
        )

    def grow():
        _grow(service, 10, start=2)
        other = OrgUnitFactory(name="People", kind=UnitKind.DIRECTORATE)
        _grow(OrgUnitFactory(name="Libraries", kind=UnitKind.SERVICE, parent=other), 3, start=50)

    check_growth(pages, grow)
