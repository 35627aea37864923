"""Training compliance in real Chromium, with axe-core scans: democratic services find an
expired requirement on the dashboard, see on the Planning Committee's page a member whose
training lapses before the next meeting, are refused an appointment of a councillor without
training, and appoint them with a recorded reason; the councillor reads their training record
and the committee's introduction; a whip sees their own group only. Marked `browser`."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from councillor_hub.accounts.models import UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    PoliticalGroupFactory,
    UserFactory,
    WardFactory,
)
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.committees.models import Committee, CommitteeMeeting, CommitteeMembership
from councillor_hub.learning.models import Completion, TrainingTopic

pytestmark = pytest.mark.browser


@pytest.fixture
def seeded(transactional_db):
    today = timezone.localdate()
    abbey = WardFactory(name="Abbey")
    red = PoliticalGroupFactory(name="Red Party")
    blue = PoliticalGroupFactory(name="Blue Party")
    UserFactory(
        email="democratic@demo.test",
        full_name="Dana Democratic",
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    newcomer = CouncillorFactory(
        email="councillor@demo.test",
        full_name="Nia Newcomer",
        profile__ward=abbey,
        profile__political_group=red,
    )
    sitting = CouncillorFactory(
        email="sitting@demo.test",
        full_name="Sam Sitting",
        profile__ward=abbey,
        profile__political_group=red,
    )
    CouncillorFactory(
        email="blue@demo.test",
        full_name="Bea Blue",
        profile__ward=abbey,
        profile__political_group=blue,
    )
    whip = CouncillorFactory(
        email="whip@demo.test",
        full_name="Wyn Whip",
        profile__ward=abbey,
        profile__political_group=red,
    )
    UserRole.objects.create(user=whip, role=Role.GROUP_WHIP, political_group=red)
    committee = Committee.objects.create(
        name="Planning Committee",
        kind="planning",
        requires_training=True,
        training_note="Annual planning training before you sit.",
    )
    planning = TrainingTopic.objects.create(name="Planning committee training", valid_for_months=12)
    planning.required_for_committees.add(committee)
    conduct = TrainingTopic.objects.create(
        name="Code of conduct", valid_for_months=48, required_for_roles=[Role.COUNCILLOR]
    )
    meeting_day = today + datetime.timedelta(days=20)
    CommitteeMeeting.objects.create(
        committee=committee,
        starts_at=timezone.make_aware(datetime.datetime.combine(meeting_day, datetime.time(10))),
        place="Council Chamber",
    )
    CommitteeMembership.objects.create(
        committee=committee,
        councillor=sitting,
        role="member",
        start_date=today - datetime.timedelta(days=200),
    )
    # Sam's planning training ends 10 days before the meeting.
    Completion.objects.create(
        member=sitting,
        topic=planning,
        completed_on=(meeting_day - datetime.timedelta(days=10)).replace(year=meeting_day.year - 1),
        source="manual",
    )
    Completion.objects.create(
        member=sitting,
        topic=conduct,
        completed_on=today - datetime.timedelta(days=2000),
        source="manual",
    )
    Completion.objects.create(member=newcomer, topic=conduct, completed_on=today, source="manual")
    return committee


def test_compliance_dashboard_committee_flags_and_an_override(page, live_server, seeded):
    base = live_server.url
    committee = seeded
    today = timezone.localdate()

    sign_in(page, live_server, "democratic@demo.test")
    page.goto(f"{base}/learning/compliance/")
    assert page.get_by_role("heading", name="Training compliance").is_visible()
    axe_check(page, context="compliance dashboard")
    page.get_by_label("Status").select_option(label="Expired")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/learning/compliance/?*status=expired*")
    table = page.locator("[data-compliance]")
    assert "Sam Sitting" in table.inner_text()
    assert "Nia Newcomer" not in table.inner_text()
    axe_check(page, context="compliance dashboard filtered")

    # The committee page flags Sam: training lapses before the next meeting.
    page.goto(base + committee.get_absolute_url())
    flags = page.locator("[data-training-flags]")
    assert "Sam Sitting" in flags.inner_text()
    assert "Lapses before the meeting" in flags.inner_text()
    axe_check(page, context="committee page with training flags")

    # Nia has no planning training: refused without a reason...
    page.get_by_role("link", name="Add a member").click()
    page.wait_for_url("**/members/add/")
    axe_check(page, context="add member form")
    page.get_by_label("Councillor").select_option(label="Nia Newcomer (Abbey)")
    page.get_by_label("Member", exact=True).check()
    page.get_by_label("Start date").fill(today.isoformat())
    page.get_by_role("button", name="Add member").click()
    assert page.title().startswith("Error:")
    assert "does not have valid training" in page.content()
    axe_check(page, context="add member form refused for training")
    # ...and appointed with one, recorded with who agreed it.
    page.get_by_label("Reason for appointing without valid training").fill(
        "Training booked for next Tuesday, before the meeting."
    )
    page.get_by_role("button", name="Add member").click()
    page.wait_for_url("**" + committee.get_absolute_url())
    overrides = page.locator("[data-overrides]")
    assert "Training booked for next Tuesday" in overrides.inner_text()
    assert "Dana Democratic" in overrides.inner_text()
    assert "Nia Newcomer" in page.locator("[data-training-flags]").inner_text()

    # A meeting is added in the app.
    page.get_by_role("link", name="Add a meeting").click()
    page.wait_for_url("**/meetings/add/")
    axe_check(page, context="add meeting form")
    page.get_by_label("Date").fill((today + datetime.timedelta(days=60)).isoformat())
    page.get_by_label("Time").fill("6:30pm")
    page.get_by_label("Where (optional)").fill("Committee Room 1")
    page.get_by_role("button", name="Add meeting").click()
    page.wait_for_url("**" + committee.get_absolute_url() + "#meetings")
    assert "Committee Room 1" in page.locator("[data-meetings]").inner_text()
    sign_out(page)

    # Nia reads her record and the committee's introduction.
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{base}/learning/my-training/")
    record = page.locator("[data-record]")
    assert "Planning committee training" in record.inner_text()
    assert "Member of Planning Committee" in record.inner_text()
    axe_check(page, context="my training record")
    page.goto(f"{base}/learning/committees/{committee.pk}/training/")
    assert "Annual planning training before you sit." in page.content()
    axe_check(page, context="committee introduction and training")
    sign_out(page)

    # The whip sees the red group only.
    sign_in(page, live_server, "whip@demo.test")
    page.goto(f"{base}/learning/compliance/group/")
    text = page.locator("[data-compliance]").inner_text()
    assert "Sam Sitting" in text and "Nia Newcomer" in text
    assert "Bea Blue" not in page.content()
    axe_check(page, context="whip's group training")
    page.get_by_role("link", name="Sam Sitting").first.click()
    page.wait_for_url("**/learning/compliance/members/*/")
    axe_check(page, context="member's training record for the whip")
