"""The service officer's queue: only enquiries routed to their service or to them, never a
sensitive one unless they are named on it; 404 for people with no service role."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory
from councillor_hub.enquiries.models import EnquiryStatus

from .factories import EnquiryAssignmentFactory, EnquiryFactory

URL = reverse("enquiries:service_queue")


@pytest.fixture
def waste(db):
    return ServiceAreaFactory(name="Waste test", slug="waste-test")


def routed(area, **kwargs):
    assignment_kwargs = {
        key[len("assign_") :]: kwargs.pop(key) for key in list(kwargs) if key.startswith("assign_")
    }
    enquiry = EnquiryFactory(service_area=area, **kwargs)
    EnquiryAssignmentFactory(enquiry=enquiry, service_area=area, **assignment_kwargs)
    return enquiry


def test_highways_officer_sees_only_highways_routed_open_enquiries(world, client_for, waste):
    mine = routed(world.highways, member=world.councillor, subject="Pothole on Abbey Road")
    theirs = routed(waste, member=world.councillor, subject="Missed bin collection")
    closed = routed(world.highways, member=world.councillor, status=EnquiryStatus.CLOSED)
    sensitive = routed(
        world.highways, member=world.councillor, is_sensitive=True, subject="Private matter"
    )
    unrouted = EnquiryFactory(service_area=world.highways, member=world.councillor)

    response = client_for(world.highways_officer).get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert mine.reference in html
    assert "Pothole on Abbey Road" in html
    for hidden in (theirs, closed, sensitive, unrouted):
        assert hidden.reference not in html
    assert "Private matter" not in html


def test_named_officer_sees_sensitive_enquiry_and_one_routed_to_them(world, client_for, waste):
    sensitive = routed(world.highways, member=world.councillor, is_sensitive=True)
    sensitive.named_viewers.add(world.highways_officer)
    to_me = EnquiryFactory(service_area=waste, member=world.councillor)
    EnquiryAssignmentFactory(
        enquiry=to_me, service_area=None, officer=world.highways_officer, is_lead=False
    )
    removed = routed(world.highways, member=world.councillor, assign_removed_at=timezone.now())

    html = client_for(world.highways_officer).get(URL).content.decode()

    assert sensitive.reference in html
    assert to_me.reference in html
    assert removed.reference not in html
    assert "Contributing" in html and "Lead" in html


def test_due_tags(world, client_for):
    now = timezone.now()
    overdue = routed(
        world.highways, member=world.councillor, due_at=now - datetime.timedelta(days=3)
    )
    later = routed(
        world.highways, member=world.councillor, due_at=now + datetime.timedelta(days=30)
    )
    html = client_for(world.highways_officer).get(URL).content.decode()
    rows = {
        ref: html.split(f'data-reference="{ref}"')[1].split("</tr>")[0]
        for ref in (overdue.reference, later.reference)
    }
    assert "Overdue" in rows[overdue.reference]
    assert "Overdue" not in rows[later.reference]
    assert "Due soon" not in rows[later.reference]
    # Soonest due first.
    assert html.index(overdue.reference) < html.index(later.reference)


@pytest.mark.parametrize("name", ["councillor", "support", "democratic", "delegate", "admin"])
def test_no_service_role_gets_404(world, client_for, name):
    assert client_for(getattr(world, name)).get(URL).status_code == 404


def test_manager_of_the_service_sees_the_queue(world, client_for):
    enquiry = routed(world.highways, member=world.councillor)
    html = client_for(world.manager).get(URL).content.decode()
    assert enquiry.reference in html


def test_anonymous_is_sent_to_sign_in(client, db):
    assert client.get(URL).status_code == 302


def test_queue_queries_do_not_grow_with_rows(world, client_for, django_assert_max_num_queries):
    client = client_for(world.highways_officer)
    for _ in range(2):
        routed(world.highways, member=world.councillor)
    with django_assert_max_num_queries(20) as few:
        client.get(URL)
    for _ in range(15):
        routed(world.highways, member=UserFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(URL)
    assert response.content.decode().count("data-reference=") == 17
