"""Performance figures for a known set of enquiries, the page, its print variant and who may
see it."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory
from councillor_hub.enquiries.models import EnquiryStatus
from councillor_hub.enquiries.selectors.performance import percentile, performance_report

from .factories import EnquiryCategoryFactory, EnquiryFactory

LONDON = ZoneInfo("Europe/London")
URL = reverse("enquiries:performance")


def at(day, hour=10):
    return datetime.datetime(2025, 3, day, hour, 0, tzinfo=LONDON)


NOW = at(31)  # Monday 31 March 2025; March 2025 has no bank holidays


@pytest.fixture
def known(world):
    """Four answered Highways enquiries taking 2, 4, 7 and 10 working days (two within the
    service level), three rated 5, 3 and 4; one open, overdue Waste enquiry; one sensitive."""
    waste = ServiceAreaFactory(name="Waste test", slug="waste-test")
    potholes = EnquiryCategoryFactory(service_area=world.highways, name="Potholes")
    common = {
        "member": world.councillor,
        "service_area": world.highways,
        "category": potholes,
        "ward": world.ward_a,
        "status": EnquiryStatus.ANSWERED,
    }
    made = {
        "e1": EnquiryFactory(
            **common, received_at=at(3), due_at=at(10), answered_at=at(5), rating=5
        ),
        "e2": EnquiryFactory(
            **common, received_at=at(3), due_at=at(10), answered_at=at(10, 9), rating=3
        ),
        "e3": EnquiryFactory(
            **common, received_at=at(3), due_at=at(10), answered_at=at(12), rating=4
        ),
        "e4": EnquiryFactory(**common, received_at=at(4), due_at=at(11), answered_at=at(18)),
        "open": EnquiryFactory(
            member=world.other,
            service_area=waste,
            ward=world.ward_b,
            received_at=at(3),
            due_at=at(10),
            status=EnquiryStatus.IN_PROGRESS,
        ),
        "secret": EnquiryFactory(
            member=world.other,
            service_area=waste,
            received_at=at(24),
            due_at=at(25),
            status=EnquiryStatus.IN_PROGRESS,
            is_sensitive=True,
        ),
    }
    made["waste"] = waste
    return made


def test_percentile_nearest_rank():
    assert percentile([], 0.9) is None
    assert percentile([5], 0.9) == 5
    assert percentile(list(range(1, 11)), 0.9) == 9
    assert percentile([2, 4, 7, 10], 0.9) == 10


def test_figures_for_a_known_set(world, known):
    report = performance_report(filters={}, now=NOW)
    assert report.total == 6
    assert report.answered == 4
    assert report.share_in_time == 50.0
    assert report.median_days == 5.5
    assert report.p90_days == 10
    assert report.rating_average == pytest.approx(4.0)
    assert report.rating_count == 3
    assert {f.label: f.count for f in report.ratings} == {
        "1 out of 5": 0,
        "2 out of 5": 0,
        "3 out of 5": 1,
        "4 out of 5": 1,
        "5 out of 5": 1,
    }
    assert [(f.label, f.count) for f in report.by_service_area] == [
        ("Highways", 4),
        ("Waste test", 2),
    ]
    assert ("Highways: Potholes", 4) in [(f.label, f.count) for f in report.by_category]
    assert {f.label: f.count for f in report.by_ward} == {
        "Abbey": 4,
        "Brookside": 1,
        "No ward given": 1,
    }
    assert {f.label: f.count for f in report.by_member} == {
        world.councillor.full_name: 4,
        world.other.full_name: 2,
    }
    assert [(f.label, f.count) for f in report.by_month] == [("March 2025", 6)]
    # Open: received 3 March (20 working days old) and 24 March (5 working days old).
    assert {f.label: f.count for f in report.open_by_age} == {
        "0 to 5 working days": 1,
        "6 to 10 working days": 0,
        "11 to 20 working days": 1,
        "More than 20 working days": 0,
    }
    assert report.open_count == 2
    assert report.overdue_count == 2
    assert report.sensitive_overdue == 1
    assert [(r.reference, r.service, r.working_days_overdue) for r in report.overdue] == [
        (known["open"].reference, "Waste test", 15)
    ]


def test_filters(world, known):
    highways = performance_report(filters={"service_area": world.highways}, now=NOW)
    assert highways.total == 4
    assert highways.overdue_count == 0
    early = performance_report(filters={"date_to": datetime.date(2025, 3, 3)}, now=NOW)
    assert early.total == 4
    late = performance_report(filters={"date_from": datetime.date(2025, 3, 4)}, now=NOW)
    assert late.total == 2
    brookside = performance_report(filters={"ward": world.ward_b}, now=NOW)
    assert brookside.total == 1


@pytest.mark.parametrize("name", ["support", "manager", "admin"])
def test_page_for_those_allowed(world, client_for, known, name):
    response = client_for(getattr(world, name)).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Enquiries performance" in html
    assert "50%" in html
    assert 'role="img"' in html  # charts...
    assert 'id="table-service"' in html  # ...each with a table of the same figures
    assert known["open"].reference in html
    assert known["secret"].reference not in html
    assert "Print this summary" in html


@pytest.mark.parametrize("name", ["councillor", "highways_officer", "democratic", "delegate"])
def test_page_404_for_others(world, client_for, name):
    assert client_for(getattr(world, name)).get(URL).status_code == 404
    assert client_for(getattr(world, name)).get(URL + "?print=1").status_code == 404


def test_filters_on_the_page_and_bad_values(world, client_for, known):
    client = client_for(world.support)
    response = client.get(URL, {"service_area": world.highways.pk, "date_from": "2025-03-01"})
    assert response.status_code == 200
    assert known["open"].reference not in response.content.decode()
    response = client.get(
        URL, {"service_area": "banana", "ward": "999999", "date_from": "31/02/x", "page": "z"}
    )
    assert response.status_code == 200
    assert "Select a service area from the list" in response.content.decode()
    response = client.get(URL, {"date_from": "2025-03-10", "date_to": "2025-03-01"})
    assert response.status_code == 200
    assert "must be the same as or after" in response.content.decode()


def test_print_variant(world, client_for, known):
    response = client_for(world.support).get(
        URL, {"print": "1", "date_from": "2025-03-01", "date_to": "2025-03-31"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "performance summary" in html
    assert "Received from 1 March 2025 to 31 March 2025" in html
    assert "Apply filters" not in html
    assert 'id="table-key"' in html
    assert 'id="table-overdue"' in html
    assert "<svg" not in html


def test_page_queries_do_not_grow_with_rows(
    world, client_for, known, django_assert_max_num_queries
):
    client = client_for(world.support)
    with django_assert_max_num_queries(40) as few:
        client.get(URL)
    for n in range(12):
        EnquiryFactory(
            member=UserFactory(),
            service_area=known["waste"],
            received_at=at(3 + n),
            due_at=at(4),
            answered_at=at(20) if n % 2 else None,
            rating=n % 5 + 1,
            status=EnquiryStatus.IN_PROGRESS,
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
