"""Query budgets for the ward profile page and the list of wards (issue 7, item 4).

Each test counts the SQL queries of a GET on a small borough, adds many more rows of the kinds
the pages show (councillors, statistics, amenities, cases and enquiries in the ward, more
wards), and counts again: the count must not grow, and must stay within the page's budget,
written here as a constant with what its queries are."""

from __future__ import annotations

import datetime
import itertools

from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory, WardFactory
from councillor_hub.casework.models import Status
from councillor_hub.casework.tests.factories import CaseFactory
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.tests.budgets import check_growth
from councillor_hub.enquiries.tests.factories import EnquiryFactory
from councillor_hub.wards.models import AmenityKind, Unit
from councillor_hub.wards.tests.factories import (
    WardAmenityFactory,
    WardProfileFactory,
    WardStatisticFactory,
)

# Budgets: the most queries each page may make, whatever the number of rows. Every page spends
# 5 on the request itself: the session, the signed-in user with their profile, the councillors
# they act for (remembered for the request by casework/permissions.py), their roles, and the
# navigation's unread-notification count. (The session's keep-alive write, at most once a
# minute, is left out: see _queries.)

# Ward page (measured 14, 15 for content managers): request (5) + the ward with its profile
# (1) and councillors in office (1) + its statistics (1), the number of wards and the borough
# averages (2) + open amenities (1) and, for content managers, closed ones (1) + cases and
# enquiries by area and month (2) and the areas' names (1).
WARD_PAGE_BUDGET = 15
# Ward list (measured 7): request (5) + every ward with its population (1) and councillors in
# office (1).
WARD_LIST_BUDGET = 7


def _grow(world, ward, count: int, *, start: int = 0) -> None:
    """`count` more of everything the ward page shows, for `ward` (and figures for the other
    wards, so the borough averages have something to average)."""
    now = timezone.now()
    areas = itertools.cycle(list(ServiceArea.objects.filter(is_active=True)[:6]))
    kinds = itertools.cycle(AmenityKind.values)
    for index in range(start, start + count):
        CouncillorFactory(
            full_name=f"Councillor {index:03d}",
            profile__ward=ward,
            profile__term_end=datetime.date(2024, 5, 1) if index % 5 == 4 else None,
        )
        for each in (world.ward_a, world.ward_b):
            WardStatisticFactory(
                ward=each, topic="Population", label=f"Age band {index}", unit=Unit.PEOPLE
            )
            WardStatisticFactory(
                ward=each, topic="Housing", label=f"Tenure {index}", unit=Unit.PER_CENT
            )
        WardAmenityFactory(
            ward=ward, kind=next(kinds), name=f"Amenity {index}", is_active=index % 4 != 3
        )
        opened = now - datetime.timedelta(days=index * 13 % 365)
        CaseFactory(
            owner=world.councillor if index % 2 else world.colleague,
            category=next(areas),
            ward=ward,
            status=Status.CLOSED if index % 3 else Status.OPEN,
            opened_at=opened,
        )
        area = next(areas)
        EnquiryFactory(member=world.councillor, service_area=area, ward=ward, received_at=opened)


def test_ward_pages_budget(world, client_for):
    """A ward's page and the list of wards, for a councillor, an officer and a content
    manager (who also sees closed amenities)."""
    WardProfileFactory(ward=world.ward_a)
    _grow(world, world.ward_a, 3)
    pages = {}
    for viewer in ["councillor", "highways_officer", "democratic"]:
        client = client_for(getattr(world, viewer))
        pages[f"ward page ({viewer})"] = (
            client,
            reverse("wards:ward_detail", args=[world.ward_a.pk]),
            None,
            WARD_PAGE_BUDGET,
        )
        pages[f"ward list ({viewer})"] = (
            client,
            reverse("wards:ward_list"),
            None,
            WARD_LIST_BUDGET,
        )

    def grow():
        _grow(world, world.ward_a, 25, start=3)
        for n in range(8):
            ward = WardFactory(name=f"Ward {n:02d}")
            WardProfileFactory(ward=ward)
            WardStatisticFactory(ward=ward, topic="Population", label="All usual residents")
            CouncillorFactory(profile__ward=ward)
            CouncillorFactory(profile__ward=ward)

    check_growth(pages, grow)
