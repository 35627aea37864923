"""Training bookings in real Chromium, with axe-core scans: a councillor finds a topic in the
catalogue, books a session with an access need and finds their calendar feed; democratic
services see the booking with the access need, mark attendance at an earlier session, add a
topic (errors first) and open the e-learning import. Marked `browser`: runs with
`make test-browser`."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory, WardFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.learning.models import Booking, BookingStatus, Completion
from councillor_hub.learning.tests.factories import BookingFactory, SessionFactory, TopicFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def programme(transactional_db):
    UserFactory(
        email="democratic@demo.test",
        full_name="Dana Democratic",
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    councillor = CouncillorFactory(
        email="councillor@demo.test",
        full_name="Chris Councillor",
        profile__ward=WardFactory(name="Abbey"),
    )
    topic = TopicFactory(
        name="Safeguarding",
        description="Recognising and reporting concerns.",
        is_mandatory=True,
        required_for_roles=["councillor"],
        valid_for_months=36,
    )
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=9)
    upcoming = SessionFactory(
        topic=topic,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=2,
        trainer="Demo Safeguarding Partnership",
    )
    held_at = timezone.now() - datetime.timedelta(days=2)
    held = SessionFactory(
        topic=TopicFactory(name="Chairing skills", valid_for_months=None),
        starts_at=held_at,
        ends_at=held_at + datetime.timedelta(hours=2),
    )
    BookingFactory(session=held, member=councillor)
    return {"councillor": councillor, "upcoming": upcoming, "held": held}


def test_a_councillor_books_and_democratic_services_mark_attendance(page, live_server, programme):
    base = live_server.url

    # The councillor finds the topic and books a place with an access need.
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{base}/learning/")
    axe_check(page, context="training home for a member")
    page.get_by_role("link", name="Training topics").click()
    page.wait_for_url("**/learning/topics/")
    axe_check(page, context="catalogue")
    assert "All councillors" in page.content()
    page.get_by_role("link", name="Safeguarding").click()
    page.wait_for_url("**/learning/topics/*/")
    axe_check(page, context="topic page")
    page.locator("#sessions a").first.click()
    page.wait_for_url("**/learning/sessions/*/")
    axe_check(page, context="session page")
    assert "2 of 2 left" in page.content()
    page.get_by_label("Access needs (optional)").fill("Step-free access")
    page.get_by_role("button", name="Book a place").click()
    page.wait_for_url("**/learning/sessions/*/")
    assert "Your place is booked" in page.content()
    assert "You are booked on this session" in page.content()
    assert "1 of 2 left" in page.content()
    axe_check(page, context="session page once booked")

    # The home page lists the booking; the calendar feed page gives a private address.
    page.goto(f"{base}/learning/")
    assert page.locator("#upcoming").get_by_text("Safeguarding").count() == 1
    page.get_by_role("link", name="My calendar feed").click()
    page.wait_for_url("**/learning/calendar/")
    axe_check(page, context="calendar feed page")
    address = page.get_by_label("Your private calendar address").input_value()
    assert address.endswith(".ics")
    feed = page.request.get(address)
    assert feed.ok and b"Training: Safeguarding" in feed.body()
    sign_out(page)

    # Democratic services see the booking with the access need.
    sign_in(page, live_server, "democratic@demo.test")
    page.goto(f"{base}/learning/sessions/{programme['upcoming'].pk}/bookings/")
    axe_check(page, context="bookings and waiting list")
    assert "Step-free access" in page.locator("#booked").inner_text()

    # ... and mark attendance at the session held two days ago.
    page.goto(f"{base}/learning/")
    axe_check(page, context="training home for democratic services")
    page.get_by_role("link", name="Mark attendance").first.click()
    page.wait_for_url("**/attendance/")
    axe_check(page, context="attendance")
    page.get_by_label("Chris Councillor").check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_url("**/bookings/")
    assert "Attendance saved: 1 of 1 attended" in page.content()
    assert Completion.objects.filter(
        member=programme["councillor"], session=programme["held"]
    ).exists()
    assert Booking.objects.get(
        session=programme["upcoming"], member=programme["councillor"]
    ).status == (BookingStatus.BOOKED)

    # Adding a topic: the errors first, then saved.
    page.goto(f"{base}/learning/topics/add/")
    axe_check(page, context="add topic form")
    page.get_by_role("button", name="Save topic").click()
    assert page.title().startswith("Error:")
    assert "Enter the topic" in page.content()
    axe_check(page, context="add topic form with errors")
    page.get_by_label("Name").fill("Planning committee training")
    page.get_by_label("Mandatory").check()
    page.get_by_label("How many months a completion stays valid (optional)").fill("12")
    page.get_by_label("Until the end of the municipal year it was completed in").check()
    page.get_by_role("button", name="Save topic").click()
    page.wait_for_url("**/learning/topics/*/")
    assert "Planning committee training added to the catalogue" in page.content()

    # The e-learning import page and the session form pass axe too.
    page.goto(f"{base}/learning/completions/import/")
    axe_check(page, context="completions import")
    page.goto(f"{base}/learning/sessions/add/")
    axe_check(page, context="add session form")
