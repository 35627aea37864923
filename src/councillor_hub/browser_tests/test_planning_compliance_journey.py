"""The member development journey the issue names, in real Chromium with axe-core scans: a
councillor on the Planning committee sees their planning training missing, books a session;
the session is held; democratic services mark attendance; the councillor's planning-committee
training now shows as valid. Marked `browser`: runs with `make test-browser`."""

from __future__ import annotations

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory, WardFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.committees.models import CommitteeKind
from councillor_hub.committees.tests.factories import CommitteeFactory, MembershipFactory
from councillor_hub.learning.models import Basis, TrainingSession
from councillor_hub.learning.tests.factories import SessionFactory, TopicFactory
from councillor_hub.learning.validity import valid_until

pytestmark = pytest.mark.browser


@pytest.fixture
def planning(transactional_db):
    UserFactory(
        email="democratic@demo.test",
        full_name="Dana Democratic",
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    councillor = CouncillorFactory(
        email="councillor@demo.test",
        full_name="Pat Planner",
        roles=[Role.COUNCILLOR],
        profile__ward=WardFactory(name="Abbey"),
    )
    committee = CommitteeFactory(
        name="Planning Committee", kind=CommitteeKind.PLANNING, requires_training=True
    )
    # Appointed before the training rule applied to them: a sitting member to be flagged.
    MembershipFactory(
        committee=committee,
        councillor=councillor,
        start_date=timezone.localdate() - datetime.timedelta(days=200),
    )
    topic = TopicFactory(
        name="Planning committee training",
        is_mandatory=True,
        valid_for_months=12,
        validity_basis=Basis.MUNICIPAL_YEAR,
    )
    topic.required_for_committees.add(committee)
    start = timezone.now().replace(minute=0, second=0, microsecond=0) + datetime.timedelta(days=6)
    session = SessionFactory(
        topic=topic,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        capacity=12,
        trainer="Head of Planning",
        location="Committee Room 1",
    )
    return {"councillor": councillor, "topic": topic, "session": session}


def _planning_row(page, topic):
    return page.locator(f"tr[data-topic='{topic.pk}']")


def test_booking_and_attendance_make_planning_training_valid(page, live_server, planning):
    base = live_server.url
    topic, session = planning["topic"], planning["session"]

    # The councillor's record shows the planning training missing, with the reason.
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{base}/learning/my-training/")
    axe_check(page, context="my training record, training missing")
    row = _planning_row(page, topic)
    assert row.get_attribute("data-status") == "missing"
    assert "Planning Committee" in row.inner_text()

    # They follow the topic link, open the session and book a place.
    row.get_by_role("link", name="Planning committee training").click()
    page.wait_for_url(f"**/learning/topics/{topic.pk}/")
    page.locator("#sessions a").first.click()
    page.wait_for_url(f"**/learning/sessions/{session.pk}/")
    axe_check(page, context="session page before booking")
    page.get_by_role("button", name="Book a place").click()
    page.wait_for_url(f"**/learning/sessions/{session.pk}/")
    assert "Your place is booked" in page.content()
    sign_out(page)

    # The day comes and the session is held.
    held_from = timezone.now() - datetime.timedelta(hours=4)
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=held_from, ends_at=held_from + datetime.timedelta(hours=3)
    )

    # Democratic services mark the councillor as attended.
    sign_in(page, live_server, "democratic@demo.test")
    page.goto(f"{base}/learning/sessions/{session.pk}/attendance/")
    axe_check(page, context="attendance marking")
    page.get_by_label("Pat Planner").check()
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_url("**/bookings/")
    assert "1 of 1 attended" in page.content()
    sign_out(page)

    # The councillor's planning-committee training is now valid, to the end of the
    # municipal year.
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{base}/learning/my-training/")
    axe_check(page, context="my training record, training valid")
    row = _planning_row(page, topic)
    assert row.get_attribute("data-status") == "valid"
    until = valid_until(
        topic, timezone.localdate(), municipal_year_start=settings.MUNICIPAL_YEAR_START
    )
    assert until is not None and f"{until:%-d %B %Y}" in row.inner_text()
    assert "Not completed" not in row.inner_text()
