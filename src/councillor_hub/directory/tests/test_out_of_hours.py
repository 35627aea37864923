"""The out-of-hours page: active contacts grouped by service (council-wide first) and kind,
with a "review overdue" tag and a change link for administrators."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import ServiceAreaFactory
from councillor_hub.directory.models import ContactKind, OutOfHoursContact

URL = reverse("directory:out_of_hours")


def contact(**kwargs):
    values = {
        "kind": ContactKind.OUT_OF_HOURS,
        "phone": "01234 567890",
        "review_date": timezone.localdate() + datetime.timedelta(days=90),
    }
    values.update(kwargs)
    return OutOfHoursContact.objects.create(**values)


@pytest.fixture
def contacts(world):
    waste = ServiceAreaFactory(name="Waste test", slug="waste-test")
    return {
        "emergency": contact(
            name="Emergency planning duty officer", kind=ContactKind.MAJOR_INCIDENT
        ),
        "council_ooh": contact(name="Council out-of-hours line", hours="5pm to 9am"),
        "highways_on_call": contact(
            name="Highways on-call engineer", service_area=world.highways, kind=ContactKind.ON_CALL
        ),
        "highways_ooh": contact(
            name="Highways duty team",
            service_area=world.highways,
            email="highways-duty@example.test",
            notes="Fallen trees and flooding.",
        ),
        "waste_bank": contact(
            name="Waste bank holiday desk", service_area=waste, kind=ContactKind.BANK_HOLIDAY
        ),
        "stale": contact(
            name="Safeguarding duty desk",
            kind=ContactKind.SAFEGUARDING,
            review_date=timezone.localdate() - datetime.timedelta(days=1),
        ),
        "inactive": contact(name="Old number nobody answers", is_active=False),
    }


def test_grouped_council_wide_first_then_by_service_and_kind(world, client_for, contacts):
    response = client_for(world.councillor).get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    order = [
        'id="service-council-wide"',
        "Council out-of-hours line",  # out of hours before...
        "Emergency planning duty officer",  # ...major incident before...
        "Safeguarding duty desk",  # ...safeguarding
        'id="service-highways"',
        "Highways duty team",  # out of hours before on-call
        "Highways on-call engineer",
        'id="service-waste-test"',
        "Waste bank holiday desk",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "Old number nobody answers" not in html
    assert "highways-duty@example.test" in html
    assert "Fallen trees and flooding." in html
    assert "5pm to 9am" in html


def test_review_overdue_tag_and_change_link_for_administrators(world, client_for, contacts):
    html = client_for(world.admin).get(URL).content.decode()
    stale = html.split(f'data-contact="{contacts["stale"].pk}"')[1].split(
        "govuk-summary-card__content"
    )[0]
    fresh = html.split(f'data-contact="{contacts["council_ooh"].pk}"')[1].split(
        "govuk-summary-card__content"
    )[0]
    assert "Review overdue" in stale
    assert "Review overdue" not in fresh
    change = reverse("admin:directory_outofhourscontact_change", args=[contacts["stale"].pk])
    assert change in stale


def test_members_do_not_see_admin_tags(world, client_for, contacts):
    html = client_for(world.councillor).get(URL).content.decode()
    assert "Review overdue" not in html
    assert "/admin/" not in html


@pytest.mark.parametrize("name", ["councillor", "mp", "support", "highways_officer", "delegate"])
def test_signed_in_people_see_it(world, client_for, name):
    response = client_for(getattr(world, name)).get(URL)
    assert response.status_code == 200
    assert "No out-of-hours contacts have been added yet" in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client, db):
    assert client.get(URL).status_code == 302


def test_footer_links_to_the_page(world, client_for):
    html = client_for(world.councillor).get(reverse("core:home"), follow=True).content.decode()
    assert f'href="{URL}"' in html
    assert "Out of hours and emergencies" in html


def test_queries_do_not_grow_with_contacts(world, client_for, django_assert_max_num_queries):
    client = client_for(world.admin)
    contact(name="One", service_area=world.highways)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    for n in range(10):
        area = ServiceAreaFactory(name=f"Area {n}", slug=f"area-{n}")
        contact(name=f"Contact {n}", service_area=area)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)
