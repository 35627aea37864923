"""Query budgets for the casework pages (issue 7, item 4).

Each test counts the SQL queries of a GET on a small world, adds many more rows of the kinds
the page shows (cases, constituents, timeline entries incl. sensitive ones, attachments, shares,
tags, related cases, spread over owners, wards, categories and statuses), and counts again: the
count must not grow, and must stay within the page's budget, written here as a constant with
what its queries are. A page that makes a query per row fails the first check; a page that
quietly gains queries fails the second."""

from __future__ import annotations

import datetime
import itertools

from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.casework.models import (
    Attachment,
    CaseConstituent,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    EntryKind,
    Priority,
    Status,
    Tag,
)
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    CaseShareFactory,
    ConstituentFactory,
    TimelineEntryFactory,
)
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.tests.budgets import assert_within, check_growth, page_queries

# Budgets: the most queries each page may make, whatever the number of rows. Every page spends
# 5 on the request itself: the session, the signed-in user with their profile, the councillors
# they act for (remembered for the request by casework/permissions.py), their roles, and the
# navigation's unread-notification count. (The session's keep-alive write, at most once a
# minute, is left out: see _queries.)

# Case list (measured 11 with each filter and on page 2): request (5) + the filter form's
# categories and wards (2) + the ids of cases shared with the user (1) + count and page of
# cases (2) + their constituents prefetched (1).
CASE_LIST_BUDGET = 11
# The same with a text search (q=) (measured 12): + the constituents the user may see, whose
# names the search also matches (1).
CASE_SEARCH_BUDGET = 12
# Case page (measured 12-13): request (5) + shared case ids (1) + the case with owner,
# category and ward (1), its constituents and tags prefetched (2) + the audit VIEW event (1) +
# the timeline with authors and attachments (1) + the related cases the viewer may see (1) +
# the member's enquiries about it (1).
CASE_PAGE_BUDGET = 13
# Constituent page (measured 11): request (5) + shared cases' constituents (1) + the
# constituent (1) + the audit VIEW event (1) + shared case ids (1) + their cases (1) + their
# consents (1).
CONSTITUENT_PAGE_BUDGET = 11
# Dashboard (measured 13): request (5) + shared case ids (1) + follow-ups due with their
# constituents (2) + follow-up counts (1) + counts by status (1) + recently updated cases with
# their constituents (2) + the latest news (1).
DASHBOARD_BUDGET = 13
# Patterns (measured 12): request (5) + the owners the user works for (2: asked twice) + one
# aggregate per dimension (category, ward, channel, month) and the total (5).
PATTERNS_BUDGET = 12


def _categories() -> list[ServiceArea]:
    return list(ServiceArea.objects.filter(is_active=True).order_by("pk")[:6])


def _add_cases(world, count: int, *, start: int = 0) -> list:
    """`count` cases for the councillor (and some shared with them by the colleague), spread
    over categories, wards, statuses, priorities and follow-up dates, each with constituents,
    tags, timeline entries (some sensitive) and a related case."""
    today = timezone.localdate()
    categories = itertools.cycle(_categories())
    wards = itertools.cycle([world.ward_a, world.ward_b, None])
    statuses = itertools.cycle(Status.values)
    priorities = itertools.cycle(Priority.values)
    tags = [
        Tag.unrestricted.get_or_create(owner=world.councillor, name=f"tag {n}")[0] for n in range(3)
    ]
    made = []
    for index in range(start, start + count):
        shared = index % 5 == 4
        owner = world.colleague if shared else world.councillor
        status = next(statuses)
        case = CaseFactory(
            owner=owner,
            category=next(categories),
            ward=next(wards),
            status=status,
            priority=next(priorities),
            follow_up_date=today + datetime.timedelta(days=index % 11 - 5),
            title=f"Pothole number {index}",
            closed_at=timezone.now() if status == Status.CLOSED else None,
            constituents=ConstituentFactory.create_batch(2, owner=owner, ward=world.ward_a),
        )
        if shared:
            CaseShareFactory(case=case, colleague=world.councillor)
        else:
            case.tags.add(*tags[: index % 3 + 1])
        TimelineEntryFactory(case=case, body=f"Called about pothole {index}")
        TimelineEntryFactory(case=case, body="Medical details", is_sensitive=True)
        if made:
            case.related_cases.add(made[-1])
        made.append(case)
    # Cases of other councillors, which the councillor never sees.
    for _ in range(count // 4):
        CaseFactory(owner=world.other, category=next(categories), ward=world.ward_b)
    return made


# Case list ----------------------------------------------------------------------------------

# Each variant of the list is counted on the same world (building it is most of the time).
LIST_VARIANTS = {
    "no filters": {},
    "status": {"status": [Status.OPEN, Status.AWAITING_COUNCIL], "sort": "priority"},
    "category": {"category": "highways", "sort": "follow_up"},
    "ward": {"ward": "WARD_A", "sort": "updated"},
    "follow-up": {"follow_up": "due", "sort": "oldest"},
    "shared": {"shared": "shared", "sort": "reference"},
    "page 2": {"page": "2"},
}
SEARCH_VARIANTS = {
    "search": {"q": "pothole"},
    "search for two words": {"q": "Pothole number 3"},
    "search for a reference": {"q": "CW-"},
    "search and filter": {"q": "pothole", "status": [Status.OPEN], "ward": "WARD_A"},
}


def _resolve(world, params: dict) -> dict:
    return {k: (str(world.ward_a.pk) if v == "WARD_A" else v) for k, v in params.items()}


def test_case_list_budget(world, councillor_client):
    """The councillor's case list with each filter, with a text search, and page 2."""
    url = reverse("casework:case_list")
    variants = {
        name: (_resolve(world, params), budget)
        for group, budget in (
            (LIST_VARIANTS, CASE_LIST_BUDGET),
            (SEARCH_VARIANTS, CASE_SEARCH_BUDGET),
        )
        for name, params in group.items()
    }
    _add_cases(world, 30)  # more than a page, so page 2 exists
    few = {name: page_queries(councillor_client, url, data) for name, (data, _) in variants.items()}
    _add_cases(world, 40, start=30)
    for name, (data, budget) in variants.items():
        assert_within(few[name], page_queries(councillor_client, url, data), budget, name)


# Case page ----------------------------------------------------------------------------------


def _fill_case(world, case, count: int, *, start: int = 0) -> None:
    """Give `case` `count` more of everything its page shows."""
    for index in range(start, start + count):
        constituent = ConstituentFactory(owner=world.councillor, ward=world.ward_a)
        CaseConstituent.unrestricted.create(case=case, constituent=constituent)
        author = world.delegate if index % 2 else world.councillor
        kinds = itertools.cycle([EntryKind.NOTE, EntryKind.CALL_IN, EntryKind.EMAIL_OUT])
        for n in range(3):
            TimelineEntryFactory(
                case=case,
                kind=next(kinds),
                author=author,
                body=f"Entry {index}.{n}",
                is_sensitive=n == 2,
            )
        entry = TimelineEntryFactory(case=case, kind=EntryKind.ATTACHMENT, author=author)
        Attachment.unrestricted.create(
            case=case,
            entry=entry,
            file=f"attachments/{case.pk}/{index:032x}",
            original_name=f"photo-{index}.jpg",
            content_type="image/jpeg",
            size=1000 + index,
            uploaded_by=author,
        )
        tag = Tag.unrestricted.get_or_create(owner=world.councillor, name=f"label {index}")[0]
        case.tags.add(tag)
        related = CaseFactory(owner=world.councillor, category=case.category, ward=world.ward_a)
        case.related_cases.add(related)
        # A related case the viewer may not see.
        case.related_cases.add(CaseFactory(owner=world.other, category=case.category))
        colleague = CouncillorFactory(profile__ward=world.ward_a)
        CaseShareFactory(case=case, colleague=colleague, revoked_at=None)


def test_case_page_budget(world, client_for):
    """The case page for its owner, their delegate and a colleague it is shared with."""
    case = CaseFactory(
        owner=world.councillor,
        category=_categories()[0],
        ward=world.ward_a,
        has_special_category_data=True,
    )
    CaseShareFactory(case=case, colleague=world.colleague)
    _fill_case(world, case, 2)
    url = reverse("casework:case_detail", args=[case.reference])
    clients = {
        viewer: client_for(getattr(world, viewer))
        for viewer in ["councillor", "delegate", "colleague"]
    }
    few = {viewer: page_queries(client, url) for viewer, client in clients.items()}
    _fill_case(world, case, 12, start=2)
    for viewer, client in clients.items():
        assert_within(few[viewer], page_queries(client, url), CASE_PAGE_BUDGET, viewer)


# Constituent page ---------------------------------------------------------------------------


def _constituent_cases(world, constituent, count: int) -> None:
    categories = itertools.cycle(_categories())
    statuses = itertools.cycle(Status.values)
    for index in range(count):
        case = CaseFactory(
            owner=world.councillor,
            category=next(categories),
            ward=world.ward_a if index % 2 else world.ward_b,
            status=next(statuses),
            constituents=[constituent, ConstituentFactory(owner=world.councillor)],
        )
        TimelineEntryFactory(case=case, body="Secret", is_sensitive=True)
        ConsentRecord.unrestricted.create(
            constituent=constituent,
            purpose=ConsentPurpose.values[index % len(ConsentPurpose.values)],
            method=ConsentMethod.EMAIL,
            recorded_by=world.delegate if index % 2 else world.councillor,
        )


def test_constituent_page_budget(world, councillor_client):
    constituent = ConstituentFactory(owner=world.councillor, ward=world.ward_a)
    _constituent_cases(world, constituent, 2)
    url = reverse("casework:constituent_detail", args=[constituent.pk])
    few = page_queries(councillor_client, url)
    _constituent_cases(world, constituent, 25)
    many = page_queries(councillor_client, url)
    assert_within(few, many, CONSTITUENT_PAGE_BUDGET, "constituent page")


# Dashboard and patterns ---------------------------------------------------------------------


def test_overview_pages_budget(world, client_for):
    """The dashboard for a councillor and their delegate, the delegate's case list (with the
    owner filter), and the patterns page unfiltered and filtered."""
    councillor = client_for(world.councillor)
    delegate = client_for(world.delegate)
    dashboard = reverse("casework:dashboard")
    patterns = reverse("casework:patterns")
    filtered = {"status": [Status.OPEN, Status.CLOSED], "date_from": "2020-01-01"}
    pages = {
        "dashboard (councillor)": (councillor, dashboard, {}, DASHBOARD_BUDGET),
        "dashboard (delegate)": (delegate, dashboard, {}, DASHBOARD_BUDGET),
        "case list (delegate)": (delegate, reverse("casework:case_list"), {}, CASE_LIST_BUDGET),
        "patterns": (councillor, patterns, {}, PATTERNS_BUDGET),
        "patterns filtered": (councillor, patterns, filtered, PATTERNS_BUDGET),
    }
    _add_cases(world, 4)
    check_growth(pages, lambda: _add_cases(world, 40, start=4))
