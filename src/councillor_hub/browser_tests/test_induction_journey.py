"""Induction in real Chromium, with axe-core scans: a prospective candidate reads the public
induction programme without signing in; democratic services add a key date and a member to
the May intake, tick items off a new councillor's checklist, record a note, allocate buddies
and record the councillor's DBS check; the councillor sees it all on "My induction"; the whip
sees their group's progress and DBS state only. Marked `browser`: runs with
`make test-browser`."""

from __future__ import annotations

import datetime as dt

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
from councillor_hub.induction.models import (
    ChecklistItem,
    DbsCheck,
    Intake,
    IntakeDate,
    IntakeKind,
    MemberInduction,
)

pytestmark = pytest.mark.browser

INTAKE = "May elections"


@pytest.fixture
def people(transactional_db):
    today = timezone.localdate()
    red = PoliticalGroupFactory(name="Red Party")
    ward = WardFactory(name="Abbey")
    UserFactory(
        email="democratic@demo.test",
        full_name="Dana Democratic",
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    UserFactory(
        email="support@demo.test", full_name="Sam Support", roles=[Role.MEMBER_SUPPORT_OFFICER]
    )
    councillor = CouncillorFactory(
        email="councillor@demo.test",
        full_name="Chris Councillor",
        profile__ward=ward,
        profile__political_group=red,
    )
    CouncillorFactory(
        email="colleague@demo.test",
        full_name="Casey Colleague",
        profile__ward=ward,
        profile__political_group=red,
    )
    whip = CouncillorFactory(
        email="whip@demo.test",
        full_name="Wendy Whip",
        profile__ward=ward,
        profile__political_group=red,
    )
    UserRole.objects.create(user=whip, role=Role.GROUP_WHIP, political_group=red)
    # live_server flushes the tables after each test, so the checklist the migration seeds
    # may or may not be there: start from a short checklist of our own.
    ChecklistItem.objects.all().delete()
    for order, (title, derived) in enumerate(
        [
            ("IT kit issued", ""),
            ("Register of interests completed", ""),
            ("DBS check verified", "dbs_verified"),
            ("Political buddy allocated", "political_buddy"),
        ],
        start=1,
    ):
        ChecklistItem.objects.create(title=title, derived_from=derived, order=order)
    intake = Intake.objects.create(
        name=INTAKE,
        kind=IntakeKind.ELECTION,
        election_date=today - dt.timedelta(days=20),
        public_summary="Induction for everyone elected in May.",
        published_from=today - dt.timedelta(days=100),
    )
    IntakeDate.objects.create(
        intake=intake, kind="event", title="Induction day", on=today - dt.timedelta(days=15)
    )
    MemberInduction.objects.create(intake=intake, member=councillor)


def test_induction_journey(page, live_server, people):
    base = live_server.url
    today = timezone.localdate()

    # A prospective candidate reads the programme without signing in.
    page.goto(f"{base}/induction/programme/")
    assert "Induction programme for new councillors" in page.content()
    assert INTAKE in page.content() and "Induction day" in page.content()
    assert "Chris Councillor" not in page.content()
    axe_check(page, context="public induction programme")

    # Democratic services work through the intake.
    sign_in(page, live_server, "democratic@demo.test")
    page.goto(f"{base}/induction/")
    page.get_by_role("link", name="Intakes and progress").click()
    page.get_by_role("link", name=INTAKE).click()
    axe_check(page, context="intake progress grid")

    page.get_by_role("link", name="Add a key date or event").click()
    page.get_by_role("button", name="Save date").click()
    assert page.title().startswith("Error:")
    axe_check(page, context="date form with errors")
    page.get_by_label("Key date").check()
    page.get_by_label("Title").fill("Register of interests due")
    page.get_by_label("Date", exact=True).fill((today + dt.timedelta(days=8)).isoformat())
    page.get_by_role("button", name="Save date").click()
    assert "Register of interests due added" in page.content()

    page.get_by_role("link", name="Add members to this intake").click()
    axe_check(page, context="add members form")
    page.get_by_label("Casey Colleague", exact=False).check()
    page.get_by_role("button", name="Add to intake").click()
    assert "1 member added" in page.content()

    page.get_by_role("link", name="Chris Councillor").click()
    axe_check(page, context="a member's induction")
    page.get_by_role("checkbox", name="IT kit issued").check()
    page.get_by_role("button", name="Save checklist").click()
    assert "1 item(s) marked done" in page.content()

    page.get_by_role("link", name="Register of interests completed").click()
    axe_check(page, context="one checklist item")
    page.get_by_label("Done", exact=True).check()
    page.get_by_label("Note (optional)").fill("Filed with the monitoring officer")
    page.get_by_role("button", name="Save").click()
    assert "Filed with the monitoring officer" in page.content()

    page.get_by_role("link", name="Change buddies").click()
    page.get_by_label("Political buddy (optional)").select_option(
        label="Wendy Whip (Abbey, Red Party)"
    )
    page.get_by_label("Officer buddy (optional)").select_option(label="Sam Support")
    page.get_by_role("button", name="Save buddies").click()
    assert "Buddies saved" in page.content()

    page.goto(f"{base}/induction/dbs/")
    axe_check(page, context="DBS tracker")
    page.get_by_role("link", name="Change DBS check for Chris Councillor").click()
    page.get_by_label("Verified", exact=True).check()
    page.get_by_role("button", name="Save DBS check").click()
    assert "Enter the date the DBS check was verified" in page.content()
    axe_check(page, context="DBS form with errors")
    page.get_by_label("Date submitted").fill((today - dt.timedelta(days=14)).isoformat())
    page.get_by_label("Date verified").fill((today - dt.timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Save DBS check").click()
    assert "DBS check saved for Chris Councillor" in page.content()
    check = DbsCheck.objects.get(member__email="councillor@demo.test")
    assert check.state == "verified"
    sign_out(page)

    # The councillor sees their induction.
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{base}/induction/")
    content = page.content()
    assert "My induction" in content
    assert "Wendy Whip" in content and "Sam Support" in content
    assert "Register of interests due" in content
    assert "Filed with the monitoring officer" in content
    assert "Verified" in content
    axe_check(page, context="my induction")
    sign_out(page)

    # The whip sees their group's progress and DBS states, without dates.
    sign_in(page, live_server, "whip@demo.test")
    page.goto(f"{base}/induction/")
    page.get_by_role("link", name="Your group's induction progress and DBS checks").click()
    content = page.content()
    assert "Chris Councillor" in content and "Casey Colleague" in content
    assert "Verified" in content and "Not started" in content
    assert "Filed with the monitoring officer" not in content
    axe_check(page, context="whip's group progress")
