"""Personal support plans in real Chromium, with axe-core scans: a councillor reads a role
description, starts their plan, adds a development need linked to a training topic (the
plan shows the topic's next session), completes the plan and asks for a mentor; democratic
services see the plan's status in the members' list, open the plan, count the needs in the
needs report and match a mentor. Marked `browser`: runs with `make test-browser`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory, WardFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.learning.models import TrainingSession, TrainingTopic
from councillor_hub.supportplans.models import (
    MentoringRequest,
    MentoringStatus,
    PersonalSupportPlan,
    PlanStatus,
    RoleDescription,
    Skill,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db):
    UserFactory(
        email="democratic@demo.test",
        full_name="Dana Democratic",
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    ward = WardFactory(name="Abbey")
    CouncillorFactory(
        email="councillor@demo.test", full_name="Carys Councillor", profile__ward=ward
    )
    CouncillorFactory(email="mentor@demo.test", full_name="Morgan Mentor", profile__ward=ward)
    chairing = Skill.objects.create(name="Chairing meetings")
    role = RoleDescription.objects.create(
        title="Committee chair",
        purpose="Leads a committee to sound decisions.",
        responsibilities="Chair meetings\nAgree the agenda",
    )
    role.skills.add(chairing)
    topic = TrainingTopic.objects.create(name="Chairing skills", valid_for_months=None)
    start = timezone.now() + dt.timedelta(days=21)
    TrainingSession.objects.create(
        topic=topic, starts_at=start, ends_at=start + dt.timedelta(hours=2), capacity=12
    )


def test_a_councillor_completes_a_plan_and_democratic_services_use_it(page, live_server, people):
    base = live_server.url

    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{base}/support-plans/")
    axe_check(page, context="roles and development home")
    page.get_by_role("link", name="Read the role descriptions").click()
    page.get_by_role("link", name="Committee chair").click()
    assert "Agree the agenda" in page.content()
    axe_check(page, context="role description")

    page.goto(f"{base}/support-plans/my-plan/")
    axe_check(page, context="my plan, not started")
    page.get_by_role("button", name=f"Start your {timezone.localdate().year} plan").click()
    page.wait_for_url("**/my-plan/")
    page.get_by_role("link", name="Add a development need").click()
    page.get_by_role("button", name="Save need").click()
    assert page.title().startswith("Error:")
    assert "Choose a skill or describe what you need, or both" in page.content()
    axe_check(page, context="need form with errors")
    page.get_by_label("Skill (optional)").select_option(label="Chairing meetings")
    page.get_by_label("Chairing skills").check()
    page.get_by_label("High").check()
    page.get_by_role("button", name="Save need").click()
    page.wait_for_url("**/my-plan/")
    assert "Need added" in page.content()
    # The linked topic and its next session, linked to the training catalogue.
    session = TrainingSession.objects.get()
    next_session = page.get_by_role("link", name="session of Chairing skills")
    assert next_session.get_attribute("href") == f"/learning/sessions/{session.pk}/"
    topic_link = page.get_by_role("link", name="Chairing skills", exact=True)
    assert topic_link.get_attribute("href") == f"/learning/topics/{session.topic_id}/"
    axe_check(page, context="my plan, draft")
    page.get_by_role("link", name="Complete your plan").click()
    axe_check(page, context="check and complete")
    page.get_by_role("button", name="Complete plan").click()
    page.wait_for_url("**/my-plan/")
    assert "Plan completed" in page.content()
    assert PersonalSupportPlan.objects.get().status == PlanStatus.COMPLETED

    page.goto(f"{base}/support-plans/mentoring/ask/")
    page.get_by_label("What would you like from a mentor?").fill(
        "Help preparing to chair my first meeting"
    )
    page.get_by_role("button", name="Ask for a mentor").click()
    page.wait_for_url("**/mentoring/*/")
    axe_check(page, context="mentoring request")
    sign_out(page)

    sign_in(page, live_server, "democratic@demo.test")
    page.goto(f"{base}/support-plans/plans/")
    axe_check(page, context="members' plans")
    row = page.get_by_role("row", name="Carys Councillor")
    assert "Up to date" in row.inner_text()
    row.get_by_role("link").click()
    page.get_by_role("button", name="Mark as reviewed").click()
    assert "Plan marked as reviewed" in page.content()
    axe_check(page, context="a member's plan")

    page.goto(f"{base}/support-plans/needs/")
    topic_row = page.get_by_role("row", name="Chairing skills")
    assert topic_row.inner_text().split()[-2:] == ["1", "1"]
    assert "Carys" not in page.content()
    axe_check(page, context="needs report")

    page.goto(f"{base}/support-plans/mentoring/")
    page.get_by_role("link", name="request").first.click()
    page.get_by_role("link", name="Match a mentor").click()
    page.get_by_label("Mentor").select_option(label="Morgan Mentor")
    page.get_by_role("button", name="Match mentor").click()
    page.wait_for_url("**/mentoring/*/")
    assert "Mentor matched" in page.content()
    axe_check(page, context="matched request")
    assert MentoringRequest.objects.get().status == MentoringStatus.MATCHED
