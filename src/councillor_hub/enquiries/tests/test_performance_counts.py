"""The performance report's tables, counted the fast way (issue 7: grouped by ids, months as
range counts, open ages among open enquiries), equal the same figures counted naively in
Python over the enquiries, for every filter the page offers."""

import datetime
import random
from collections import Counter
from zoneinfo import ZoneInfo

import pytest

from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory, WardFactory
from councillor_hub.enquiries.models import OPEN_STATUSES, EnquiryStatus
from councillor_hub.enquiries.selectors.performance import performance_report

from .factories import EnquiryCategoryFactory, EnquiryFactory

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2025, 6, 2, 12, 0, tzinfo=LONDON)


@pytest.fixture
def council(world):
    rng = random.Random(7)
    areas = [world.highways, ServiceAreaFactory(name="Waste", slug="waste-counts")]
    areas.append(ServiceAreaFactory(name="Parks", slug="parks-counts"))
    categories = {
        area.pk: [None, EnquiryCategoryFactory(service_area=area, name=f"Kind {i}")]
        for i, area in enumerate(areas)
    }
    wards = [None, world.ward_a, world.ward_b, WardFactory(name="Castle", ons_code="E05000009")]
    # Two members of the same name stay two lines; a member with no name is "Unnamed".
    members = [
        world.councillor,
        world.other,
        UserFactory(full_name=""),
        UserFactory(full_name="Cllr Same Name"),
        UserFactory(full_name="Cllr Same Name"),
    ]
    statuses = [EnquiryStatus.NEW, EnquiryStatus.IN_PROGRESS, EnquiryStatus.CLOSED]
    # Across three months, some exactly on the British Summer Time change and month ends.
    moments = [
        datetime.datetime(2025, 3, 30, 0, 30, tzinfo=datetime.UTC),
        datetime.datetime(2025, 3, 31, 23, 30, tzinfo=datetime.UTC),  # 1 April in London
        datetime.datetime(2025, 4, 30, 23, 0, tzinfo=datetime.UTC),  # midnight 1 May, London
    ]
    made = []
    for n in range(40):
        area = rng.choice(areas)
        received = (
            moments[n]
            if n < len(moments)
            else NOW - datetime.timedelta(hours=rng.randint(1, 24 * 80))
        )
        made.append(
            EnquiryFactory(
                member=members[n] if n < len(members) else rng.choice(members),
                service_area=area,
                category=rng.choice(categories[area.pk]),
                ward=rng.choice(wards),
                status=rng.choice(statuses),
                received_at=received,
                due_at=received + datetime.timedelta(days=7),
            )
        )
    return {"enquiries": made, "areas": areas, "wards": wards}


def _naive(enquiries):
    by_service = Counter(e.service_area.name for e in enquiries)
    by_category = Counter(
        f"{e.service_area.name}: {e.category.name if e.category else 'no category'}"
        for e in enquiries
    )
    by_ward = Counter(e.ward.name if e.ward else "No ward given" for e in enquiries)
    per_member = Counter(e.member for e in enquiries)
    by_member = [(m.full_name or "Unnamed member", n) for m, n in per_member.items()]
    by_month = Counter(e.received_at.astimezone(LONDON).strftime("%Y-%m %B %Y") for e in enquiries)
    return {
        "by_service_area": by_service,
        "by_category": by_category,
        "by_ward": by_ward,
        "by_member": by_member,
        "by_month": [(key[8:], n) for key, n in sorted(by_month.items())],
        "open_count": sum(e.status in OPEN_STATUSES for e in enquiries),
    }


def _sorted(counter):
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


@pytest.mark.parametrize(
    "which", ["none", "area", "second_area", "ward", "no_ward", "from", "to", "area_and_from"]
)
def test_tables_equal_naive_counts(world, council, which):
    areas, wards = council["areas"], council["wards"]
    april, may = datetime.date(2025, 4, 1), datetime.date(2025, 4, 30)
    filters = {
        "none": {},
        "area": {"service_area": areas[0]},
        "second_area": {"service_area": areas[1]},
        "ward": {"ward": wards[1]},
        "no_ward": {"ward": wards[3]},
        "from": {"date_from": april},
        "to": {"date_to": may},
        "area_and_from": {"service_area": areas[1], "date_from": april},
    }[which]

    def chosen(e):
        local_day = e.received_at.astimezone(LONDON).date()
        return (
            ("service_area" not in filters or e.service_area_id == filters["service_area"].pk)
            and ("ward" not in filters or e.ward_id == filters["ward"].pk)
            and ("date_from" not in filters or local_day >= filters["date_from"])
            and ("date_to" not in filters or local_day <= filters["date_to"])
        )

    expected = _naive([e for e in council["enquiries"] if chosen(e)])
    report = performance_report(filters=filters, now=NOW)
    for table in ("by_service_area", "by_category", "by_ward"):
        assert [(f.label, f.count) for f in getattr(report, table)] == _sorted(expected[table])
    assert [(f.label, f.count) for f in report.by_member] == sorted(
        expected["by_member"], key=lambda item: (-item[1], item[0])
    )
    assert [(f.label, f.count) for f in report.by_month] == expected["by_month"]
    assert report.open_count == expected["open_count"]
    assert sum(f.count for f in report.open_by_age) == expected["open_count"]
    assert report.total == sum(expected["by_service_area"].values())
