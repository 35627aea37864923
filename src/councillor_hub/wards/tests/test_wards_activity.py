"""Casework and enquiry figures on a ward profile: counts only, for all councillors together,
over the last 12 months, by service area and by month; counts from 1 to 4 shown as "fewer
than 5"; another ward's cases and enquiries never counted; sensitive enquiries counted but
never listed; duplicates not counted."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.casework.tests.factories import CaseFactory
from councillor_hub.enquiries.models import EnquiryStatus
from councillor_hub.enquiries.tests.factories import EnquiryFactory
from councillor_hub.wards import selectors


def at(day: datetime.date, hour: int = 12) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def activity(world, today):
    """Abbey: 6 highways cases and 2 housing cases (from two councillors and the MP), 3
    highways enquiries (one sensitive) and a duplicate; older cases outside the 12 months.
    Brookside: many of everything, which must never show on Abbey's page."""
    housing = ServiceAreaFactory(name="Housing", slug="housing")
    now = at(today)
    for owner in [world.councillor] * 3 + [world.colleague] * 2 + [world.mp]:
        CaseFactory(owner=owner, ward=world.ward_a, category=world.highways, opened_at=now)
    for owner in (world.councillor, world.colleague):
        CaseFactory(
            owner=owner,
            ward=world.ward_a,
            category=housing,
            opened_at=now,
            title="Damp flat for Quentin Zephyrine",
        )
    for _ in range(7):
        CaseFactory(owner=world.other, ward=world.ward_b, category=housing, opened_at=now)
        EnquiryFactory(member=world.other, ward=world.ward_b, service_area=housing)
    # Older than the 12 months.
    long_ago = at(selectors._month_starts(today)[0] - datetime.timedelta(days=1), hour=23)
    CaseFactory(owner=world.councillor, ward=world.ward_a, category=housing, opened_at=long_ago)
    EnquiryFactory(
        member=world.councillor, ward=world.ward_a, service_area=housing, received_at=long_ago
    )
    for _ in range(2):
        EnquiryFactory(member=world.councillor, ward=world.ward_a, service_area=world.highways)
    EnquiryFactory(
        member=world.councillor,
        ward=world.ward_a,
        service_area=world.highways,
        is_sensitive=True,
        subject="Safeguarding worry about Ysolde Marchbanks",
    )
    EnquiryFactory(
        member=world.colleague,
        ward=world.ward_a,
        service_area=world.highways,
        status=EnquiryStatus.DUPLICATE,
    )
    return {"housing": housing}


def test_counts_cover_every_councillor_in_the_ward_and_no_other_ward(world, activity, today):
    cases = selectors.case_counts(world.ward_a, today)
    assert cases.by_area == {world.highways.pk: 6, activity["housing"].pk: 2}
    assert cases.total == 8
    assert sum(cases.by_month.values()) == 8
    enquiries = selectors.enquiry_counts(world.ward_a, today)
    assert enquiries.by_area == {world.highways.pk: 3}  # sensitive counted, duplicate not
    assert selectors.case_counts(world.ward_b, today).by_area == {activity["housing"].pk: 7}
    assert selectors.enquiry_counts(world.ward_b, today).total == 7


def test_the_twelve_months_start_on_the_first_of_the_month_eleven_months_ago(world, today):
    months = selectors._month_starts(today)
    assert len(months) == 12
    assert months[-1] == today.replace(day=1)
    CaseFactory(owner=world.councillor, ward=world.ward_a, opened_at=at(months[0], hour=0))
    assert selectors.case_counts(world.ward_a, today).total == 1
    assert selectors.case_counts(world.ward_a, today).by_month == {months[0]: 1}


def test_the_page_suppresses_small_numbers_and_says_so(world, activity, councillor_client):
    page = councillor_client.get(reverse("wards:ward_detail", args=[world.ward_a.pk]))
    html = page.content.decode()
    area_table = html.split('id="activity-by-area"')[1].split("</table>")[0]
    rows = dict(
        (label, (cases, enquiries))
        for label, cases, enquiries in re.findall(
            r'<th scope="row" class="govuk-table__header">([^<]*)</th>\s*'
            r'<td class="[^"]*">([^<]*)</td>\s*<td class="[^"]*">([^<]*)</td>',
            area_table,
        )
    )
    # Highways' 6 is withheld: with the total of 8 shown, it would give Housing's 2 away.
    assert rows == {
        "Highways": ("withheld", "fewer than 5"),
        "Housing": ("fewer than 5", "0"),
        "All service areas": ("8", "fewer than 5"),
    }
    assert "any count from 1 to 4 is shown as “fewer than 5”" in html
    assert "another small figure is “withheld”" in html
    assert "Sensitive enquiries are counted but never listed" in html
    month_table = html.split('id="activity-by-month"')[1].split("</table>")[0]
    assert month_table.count('<th scope="row"') == 12
    this_month = timezone.localdate().strftime("%B %Y")
    assert re.search(
        rf"{this_month}</th>\s*<td[^>]*>8</td>\s*<td[^>]*>fewer than 5</td>", month_table
    )


def test_the_page_never_shows_a_case_or_an_enquiry(world, activity, client_for):
    for person in (world.councillor, world.democratic, world.highways_officer, world.other):
        html = (
            client_for(person)
            .get(reverse("wards:ward_detail", args=[world.ward_a.pk]))
            .content.decode()
        )
        assert "Quentin" not in html and "Zephyrine" not in html
        assert "Ysolde" not in html and "Safeguarding worry" not in html
        assert "CW-" not in html and "ENQ-" not in html
        # Another ward's seven cases never appear as a count here.
        area_table = html.split('id="activity-by-area"')[1].split("</table>")[0]
        assert ">7<" not in area_table


def test_a_ward_with_no_activity_says_so(world, councillor_client):
    html = councillor_client.get(
        reverse("wards:ward_detail", args=[world.ward_b.pk])
    ).content.decode()
    assert "No cases or enquiries about this ward in the last 12 months" in html
    assert 'id="activity-by-area"' not in html
