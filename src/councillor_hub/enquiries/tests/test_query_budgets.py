"""Query budgets for the Councillor Queries pages (issue 7, item 4).

Each test counts the SQL queries of a GET on a small world, adds many more rows of the kinds
the page shows (enquiries over members, wards, services, categories and statuses, with their
assignments, events, responses and files), and counts again: the count must not grow, and must
stay within the page's budget, written here as a constant with what its queries are."""

from __future__ import annotations

import datetime
import itertools

from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.core.tests.budgets import check_growth
from councillor_hub.enquiries.models import (
    EnquiryAttachment,
    EnquiryStatus,
    EventKind,
    ResponseStatus,
    Urgency,
)
from councillor_hub.enquiries.tests.factories import (
    EnquiryAssignmentFactory,
    EnquiryCategoryFactory,
    EnquiryEventFactory,
    EnquiryFactory,
    EnquiryResponseFactory,
)

# Budgets: the most queries each page may make, whatever the number of rows. Every page spends
# 5 on the request itself: the session, the signed-in user with their profile, the councillors
# they act for (remembered for the request by casework/permissions.py), their roles, and the
# navigation's unread-notification count. (The session's keep-alive write, at most once a
# minute, is left out: see _queries.)
# The enquiry permissions ask again, each time they are used, whom the user acts for and which
# service areas their roles cover (enquiries/permissions.py does not remember them within a
# request): that is most of the repeats below, a fixed number per page, none per row.

# "My enquiries" (measured 15): request (5) + whom the member acts for and their roles'
# service areas, asked again (~4) + enquiries naming the member (1) + count and page of
# enquiries (2) + lead assignments prefetched (1) + the navigation (~2).
MY_ENQUIRIES_BUDGET = 15
# Enquiry page (measured 28-32 by viewer): request (5) + the enquiry with its joins and its
# assignments prefetched (2) + the audit VIEW event (1) + responses, their files, events and
# the enquiry's files (4) + may the viewer triage, draft, see internal notes (each asks whom
# they act for, their service areas, the enquiries naming them and whether this enquiry is
# visible to them: ~18).
ENQUIRY_PAGE_BUDGET = 32
# Triage queue (measured 15-16 by tab): request (5) + the team's service areas, whom they act
# for and the enquiries naming them, asked again (~5) + count and page of the tab (2) + one
# aggregate for every tab's count (1).
TRIAGE_QUEUE_BUDGET = 16
# Service queue (measured 12): request (5) + the officer's service areas (3: asked three
# times) + count and page of the queue (2).
SERVICE_QUEUE_BUDGET = 12
# Performance (measured 22-24): request (5) + the report's fixed set of queries: totals, times
# to answer, service-and-category pairs and their names (3), ward counts and names (2), member
# counts and names (2), months (one union), open ages, overdue by service, sensitive overdue
# and the overdue list (~15) + the filter form's services and wards (2) + the chosen service or
# ward (0-1). Grouping by ids and naming after costs a few queries more than grouping by
# names and answers from indexes (issue 7).
PERFORMANCE_BUDGET = 24
# Its CSV and XLSX downloads (measured 21): the same report queries, the chosen service, and the
# request and the audit DOWNLOAD event, without the page's filter form.
PERFORMANCE_EXPORT_BUDGET = 21


def _services(world) -> list:
    parks = ServiceAreaFactory(name="Parks and open spaces", slug="parks-and-open-spaces")
    return [world.highways, parks]


def _add_enquiries(world, count: int, *, start: int = 0, member=None) -> list:
    """`count` enquiries spread over members, wards, services, categories, urgencies and
    statuses, each with a lead assignment (service or officer), events, a response and a
    file; some sensitive."""
    now = timezone.now()
    services = _services(world)
    categories = itertools.cycle(
        [
            EnquiryCategoryFactory(service_area=s, name=f"Kind {n}")
            for n in range(2)
            for s in services
        ]
    )
    members = itertools.cycle(
        [member] if member else [world.councillor, world.colleague, world.other, world.independent]
    )
    wards = itertools.cycle([world.ward_a, world.ward_b, None])
    statuses = itertools.cycle(
        [
            EnquiryStatus.NEW,
            EnquiryStatus.IN_PROGRESS,
            EnquiryStatus.AWAITING_MEMBER,
            EnquiryStatus.RESPONSE_READY,
            EnquiryStatus.ANSWERED,
            EnquiryStatus.CLOSED,
        ]
    )
    urgencies = itertools.cycle(Urgency.values)
    made = []
    for index in range(start, start + count):
        category = next(categories)
        status = next(statuses)
        received = now - datetime.timedelta(days=index * 7 % 60, hours=index % 7)
        enquiry = EnquiryFactory(
            member=next(members),
            service_area=category.service_area,
            category=category,
            ward=next(wards),
            status=status,
            urgency=next(urgencies),
            subject=f"Pothole on road {index}",
            received_at=received,
            triaged_at=None if status == EnquiryStatus.NEW else received,
            due_at=received + datetime.timedelta(days=10),
            answered_at=received + datetime.timedelta(days=index % 15)
            if status in (EnquiryStatus.ANSWERED, EnquiryStatus.CLOSED)
            else None,
            closed_at=now if status == EnquiryStatus.CLOSED else None,
            is_sensitive=index % 4 == 0,
            constituent_name=f"Resident {index}",
        )
        if status != EnquiryStatus.NEW:
            if index % 3:
                EnquiryAssignmentFactory(enquiry=enquiry, assigned_by=world.support)
            else:
                EnquiryAssignmentFactory(
                    enquiry=enquiry,
                    service_area=None,
                    officer=world.highways_officer,
                    assigned_by=world.support,
                )
        for kind in (EventKind.RAISED, EventKind.TRIAGED, EventKind.NOTE):
            EnquiryEventFactory(
                enquiry=enquiry,
                kind=kind,
                author=world.support,
                visible_to_member=kind != EventKind.NOTE,
            )
        response = EnquiryResponseFactory(
            enquiry=enquiry,
            author=world.highways_officer,
            status=ResponseStatus.SENT if enquiry.answered_at else ResponseStatus.DRAFT,
            sent_at=enquiry.answered_at,
            sent_by=world.support if enquiry.answered_at else None,
        )
        EnquiryAttachment.unrestricted.create(
            enquiry=enquiry,
            response=response if index % 2 else None,
            file=f"enquiries/{enquiry.pk}/{index:032x}",
            original_name=f"letter-{index}.pdf",
            content_type="application/pdf",
            size=2000 + index,
            uploaded_by=world.highways_officer,
        )
        made.append(enquiry)
    return made


# The member's side --------------------------------------------------------------------------


def test_my_enquiries_budget(world, councillor_client):
    """The member's list, plain, searched and filtered, and page 2."""
    url = reverse("enquiries:my_enquiries")
    pages = {
        name: (councillor_client, url, params, MY_ENQUIRIES_BUDGET)
        for name, params in {
            "no filters": {},
            "filtered": {"q": "pothole", "status": "open"},
            "page 2": {"page": "2"},
        }.items()
    }
    _add_enquiries(world, 30, member=world.councillor)

    def grow():
        _add_enquiries(world, 30, start=30, member=world.councillor)
        _add_enquiries(world, 12, start=60)

    check_growth(pages, grow)


def _fill_enquiry(world, enquiry, count: int) -> None:
    for index in range(count):
        EnquiryEventFactory(
            enquiry=enquiry,
            kind=EventKind.NOTE if index % 2 else EventKind.REMINDER,
            author=world.support if index % 2 else world.highways_officer,
            visible_to_member=not index % 2,
        )
        response = EnquiryResponseFactory(
            enquiry=enquiry,
            author=world.highways_officer if index % 2 else world.manager,
            status=ResponseStatus.SENT if index % 2 else ResponseStatus.DRAFT,
            sent_at=timezone.now() if index % 2 else None,
            sent_by=world.support if index % 2 else None,
        )
        EnquiryAttachment.unrestricted.create(
            enquiry=enquiry,
            response=response,
            file=f"enquiries/{enquiry.pk}/{index:032x}",
            original_name=f"photo-{index}.jpg",
            content_type="image/jpeg",
            size=3000 + index,
            uploaded_by=world.councillor,
        )
        EnquiryAssignmentFactory(
            enquiry=enquiry,
            service_area=None,
            officer=world.manager if index % 2 else world.highways_officer,
            is_lead=False,
            assigned_by=world.support,
        )


def test_enquiry_page_budget(world, client_for):
    """The enquiry page for the member, the member support team and the service's officer."""
    enquiry = _add_enquiries(world, 1, member=world.councillor)[0]
    enquiry.status = EnquiryStatus.IN_PROGRESS
    enquiry.is_sensitive = False
    enquiry.save()
    EnquiryAssignmentFactory(enquiry=enquiry, assigned_by=world.support)
    enquiry.named_viewers.set([world.colleague])
    _fill_enquiry(world, enquiry, 2)
    url = reverse("enquiries:enquiry_detail", args=[enquiry.reference])
    pages = {
        viewer: (client_for(getattr(world, viewer)), url, {}, ENQUIRY_PAGE_BUDGET)
        for viewer in ["councillor", "support", "highways_officer"]
    }
    check_growth(pages, lambda: _fill_enquiry(world, enquiry, 20))


# The team's queue, the services' queue and performance ----------------------------------------


def _performance_filters(world) -> dict[str, dict]:
    today = timezone.localdate()
    return {
        "no filters": {},
        "service": {"service_area": str(world.highways.pk)},
        "ward": {"ward": str(world.ward_a.pk)},
        "month": {
            "date_from": (today - datetime.timedelta(days=30)).isoformat(),
            "date_to": today.isoformat(),
        },
    }


def test_team_and_service_pages_budget(world, client_for):
    """The triage queue's tabs, the service queue for an officer and a manager, and the
    performance page with each filter and its downloads."""
    support = client_for(world.support)
    pages = {}
    for tab in ["new", "awaiting", "ready", "open", "overdue"]:
        pages[f"triage {tab}"] = (
            support,
            reverse("enquiries:triage_queue"),
            {"tab": tab},
            TRIAGE_QUEUE_BUDGET,
        )
    for viewer in ["highways_officer", "manager"]:
        pages[f"service queue ({viewer})"] = (
            client_for(getattr(world, viewer)),
            reverse("enquiries:service_queue"),
            {},
            SERVICE_QUEUE_BUDGET,
        )
    for name, params in _performance_filters(world).items():
        pages[f"performance {name}"] = (
            support,
            reverse("enquiries:performance"),
            params,
            PERFORMANCE_BUDGET,
        )
    for fmt in ["csv", "xlsx"]:
        pages[f"performance {fmt}"] = (
            support,
            reverse("enquiries:performance_export", args=[fmt]),
            _performance_filters(world)["service"],
            PERFORMANCE_EXPORT_BUDGET,
        )
    _add_enquiries(world, 12)
    check_growth(pages, lambda: _add_enquiries(world, 60, start=12))
