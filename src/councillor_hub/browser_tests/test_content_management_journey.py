"""Issue 5, item 10: content management in real Chromium, with axe-core scans of the new pages.

A democratic services officer opens "Manage hub content", finds an officer through the
directory, changes their phone number on the directory's form, opens the officer's history of
changes and sees the number before and after, and who changed it."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind

pytestmark = pytest.mark.browser

OFFICER = "Priya Raman"
OLD_PHONE = "01632 960101"
NEW_PHONE = "01632 960202"
MANAGER = "Dana Democratic"


class Journey:
    """Names each step, so a failure says exactly which part of the journey broke."""

    def __init__(self, page):
        self.page = page

    @contextlib.contextmanager
    def step(self, name: str):
        try:
            yield
        except Exception as error:
            shot = str(Path(tempfile.gettempdir()) / "content-journey-failure.png")
            with contextlib.suppress(Exception):
                self.page.screenshot(path=shot, full_page=True)
            pytest.fail(
                f"Journey step failed: {name}\n  at {self.page.url}\n  {type(error).__name__}: "
                f"{error}\n  (screenshot: {shot})",
                pytrace=False,
            )


@pytest.fixture
def seeded(transactional_db):
    UserFactory(
        email="democratic@demo.test",
        full_name=MANAGER,
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    team = OrgUnit.objects.create(name="Highways inspection", kind=UnitKind.TEAM)
    return Officer.objects.create(
        full_name=OFFICER,
        job_title="Highways inspector",
        unit=team,
        email="priya.raman@example.org",
        phone=OLD_PHONE,
    )


def _h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def test_change_an_officer_and_read_its_history(page, live_server, seeded):
    journey = Journey(page)
    base = live_server.url

    with journey.step("sign in as democratic services and open Manage hub content"):
        sign_in(page, live_server, "democratic@demo.test")
        response = page.goto(f"{base}/manage/")
        assert response is not None and response.status == 200
        assert _h1(page) == "Manage hub content"
        # The officer loaded without a person behind it shows as the system in recent changes.
        recent = page.locator("[data-recent-changes]")
        assert recent.get_by_role("link", name=OFFICER).count() == 1
        axe_check(page, context="manage hub content")

    with journey.step("find the officer through the directory"):
        with page.expect_navigation():
            page.get_by_role("link", name="Search for an officer").click()
        page.get_by_label("Search the directory").fill("Raman")
        with page.expect_navigation():
            page.locator("#main-content").get_by_role("button", name="Search").click()
        with page.expect_navigation():
            page.get_by_role("link", name=OFFICER).first.click()
        assert _h1(page) == OFFICER

    with journey.step("change the officer's phone number on the directory form"):
        with page.expect_navigation():
            page.get_by_role("link", name=f"Change {OFFICER}’s details").click()
        page.get_by_label("Phone number", exact=True).fill(NEW_PHONE)
        with page.expect_navigation():
            page.get_by_role("button", name="Save officer").click()
        assert _h1(page) == OFFICER
        assert page.get_by_text(NEW_PHONE).count() >= 1

    with journey.step("open the officer's history and see the phone number before and after"):
        with page.expect_navigation():
            page.get_by_role("link", name="History of changes").click()
        assert _h1(page) == "History of changes"
        latest = page.locator("[data-history-entry]").first
        assert "Changed on" in latest.inner_text() and MANAGER in latest.inner_text()
        phone = latest.locator('tr[data-field="Phone"]')
        cells = [cell.strip() for cell in phone.locator("td").all_inner_texts()]
        assert cells == [OLD_PHONE, NEW_PHONE], cells
        assert page.get_by_text("System / import").count() >= 1  # the creation, by the system
        axe_check(page, context="officer history")

    with journey.step("the change is among the recent changes"):
        page.goto(f"{base}/manage/")
        recent = page.locator("[data-recent-changes]")
        first_row = recent.locator("tbody tr").first.inner_text()
        assert OFFICER in first_row and MANAGER in first_row and "phone" in first_row
