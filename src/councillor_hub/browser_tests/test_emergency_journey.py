"""Issue 5, item 7: the out-of-hours and emergency arrangements page in real Chromium, with an
axe-core scan of the page and of the management forms (including one showing errors).

An administrator adds a "Major incident arrangements" section (first meeting the GOV.UK error
messages), changes the phone number of the highways duty engineer and marks the contact as
reviewed; then a councillor sees the new section and the new number on the page."""

from __future__ import annotations

import contextlib
import datetime
import os
import re
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    ServiceAreaFactory,
    UserFactory,
    WardFactory,
)
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.directory.models import ContactKind, EmergencyArrangement, OutOfHoursContact

pytestmark = pytest.mark.browser

SECTION = "Major incident arrangements"
SECTION_TEXT = "The emergency planning duty officer opens the incident room."
CONTACT = "Highways duty engineer"
OLD_PHONE = "01632 960001"
NEW_PHONE = "01632 960999"


class Journey:
    """Names each step, so a failure says exactly which part of the journey broke."""

    def __init__(self, page):
        self.page = page
        self.shots = os.environ.get("BROWSER_TEST_SCREENSHOTS")

    def shot(self, name: str) -> None:
        if self.shots:
            Path(self.shots).mkdir(parents=True, exist_ok=True)
            path = Path(self.shots) / f"emergency-{name}.png"
            self.page.screenshot(path=str(path), full_page=True)

    @contextlib.contextmanager
    def step(self, name: str):
        try:
            yield
        except Exception as error:
            shot = str(Path(tempfile.gettempdir()) / "emergency-journey-failure.png")
            with contextlib.suppress(Exception):
                self.page.screenshot(path=shot, full_page=True)
            pytest.fail(
                f"Journey step failed: {name}\n  at {self.page.url}\n  {type(error).__name__}: "
                f"{error}\n  (screenshot: {shot})",
                pytrace=False,
            )


@pytest.fixture
def council(transactional_db):
    # live_server flushes tables between tests: make what the journey needs here.
    highways = ServiceAreaFactory(name="Highways", slug="highways")
    CouncillorFactory(
        email="councillor@demo.test",
        full_name="Alex Abbey",
        profile__ward=WardFactory(name="Abbey", ons_code="E05000001"),
    )
    UserFactory(email="admin@demo.test", full_name="Ada Admin", roles=[Role.ADMINISTRATOR])
    soon = timezone.localdate() + datetime.timedelta(days=60)
    OutOfHoursContact.objects.create(
        service_area=highways,
        kind=ContactKind.ON_CALL,
        name=CONTACT,
        phone=OLD_PHONE,
        hours="24 hours, for emergencies only",
        review_date=timezone.localdate() - datetime.timedelta(days=3),
    )
    OutOfHoursContact.objects.create(
        kind=ContactKind.SAFEGUARDING,
        name="Emergency duty team (social care)",
        phone="01632 960002",
        review_date=soon,
    )
    EmergencyArrangement.objects.create(
        title="Who to call first",
        body="If someone is in immediate danger, call 999.\n\n- Police: 101\n- NHS: 111",
        sort_order=100,
        review_date=soon,
    )


def _h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def _go(page, url: str):
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    return response


def test_administrator_updates_the_page_and_a_councillor_reads_it(page, live_server, council):
    journey = Journey(page)
    base = live_server.url

    with journey.step("the administrator opens the page and sees the review due"):
        sign_in(page, live_server, "admin@demo.test")
        _go(page, f"{base}/directory/out-of-hours/")
        assert _h1(page) == "Out-of-hours and emergency arrangements"
        due = page.locator("#review-due")
        assert due.get_by_role("link", name=CONTACT).count() == 1
        axe_check(page, context="out-of-hours page (content manager)")
        journey.shot("01-page-manager")

    with journey.step("adding a section without text shows GOV.UK errors"):
        with page.expect_navigation():
            page.get_by_role("link", name="Add an emergency arrangements section").click()
        assert _h1(page) == "Add an emergency arrangements section"
        axe_check(page, context="add a section")
        page.get_by_label("Heading").fill(SECTION)
        page.get_by_label("Position (optional)").fill("first")
        with page.expect_navigation():
            page.get_by_role("button", name="Save section").click()
        summary = page.locator(".govuk-error-summary")
        assert "Enter the text of the section" in summary.inner_text()
        assert "Position must be a whole number" in summary.inner_text()
        assert page.title().startswith("Error:")
        assert page.get_by_label("Heading").input_value() == SECTION
        axe_check(page, context="add a section, with errors")
        journey.shot("02-section-errors")

    with journey.step("the section is saved and shown first"):
        page.get_by_label("Text").fill(f"{SECTION_TEXT}\n\n- Rest centres open on request")
        page.get_by_label("Position (optional)").fill("10")
        with page.expect_navigation():
            page.get_by_role("button", name="Save section").click()
        assert page.get_by_text(f"{SECTION} added").count() == 1
        contents = page.get_by_role("navigation", name="Contents")
        links = [text.strip() for text in contents.get_by_role("link").all_inner_texts()]
        assert links[:2] == [SECTION, "Who to call first"], links
        assert page.get_by_text(SECTION_TEXT).count() == 1

    with journey.step("change the duty engineer's phone number"):
        with page.expect_navigation():
            page.get_by_role("link", name=f"Change {CONTACT}").first.click()
        assert _h1(page) == f"Change {CONTACT}"
        axe_check(page, context="change a contact")
        page.get_by_label("Phone number").fill("call the depot")
        with page.expect_navigation():
            page.get_by_role("button", name="Save contact").click()
        assert (
            "Enter a phone number, like 01632 960 001"
            in page.locator(".govuk-error-summary").inner_text()
        )
        axe_check(page, context="change a contact, with an error")
        page.get_by_label("Phone number").fill(NEW_PHONE)
        with page.expect_navigation():
            page.get_by_role("button", name="Save contact").click()
        assert page.get_by_text(f"{CONTACT} saved").count() == 1
        journey.shot("03-contact-saved")

    with journey.step("mark the contact as reviewed"):
        row = page.locator(f"tr:has-text('{CONTACT}')")
        assert row.get_by_text("Review due").count() == 1
        with page.expect_navigation():
            row.get_by_role("button", name=re.compile(f"Mark\\s+{CONTACT}\\s+as reviewed")).click()
        assert page.get_by_text(f"{CONTACT} marked as reviewed").count() == 1
        row = page.locator(f"tr:has-text('{CONTACT}')")
        assert row.get_by_text("Review due").count() == 0
        axe_check(page, context="out-of-hours page after the changes")

    with journey.step("a councillor sees the section and the new number"):
        sign_out(page)
        sign_in(page, live_server, "councillor@demo.test")
        _go(page, f"{base}/directory/out-of-hours/")
        assert page.get_by_role("heading", name=SECTION).count() == 1
        assert page.get_by_text(SECTION_TEXT).count() == 1
        assert page.get_by_role("link", name=NEW_PHONE).count() == 1
        assert page.get_by_text(OLD_PHONE).count() == 0
        assert page.get_by_text("Review due").count() == 0
        assert page.get_by_role("link", name=f"Change {CONTACT}").count() == 0
        axe_check(page, context="out-of-hours page (councillor)")
        journey.shot("04-page-councillor")

    with journey.step("the printed page leaves out the controls"):
        page.emulate_media(media="print")
        assert page.get_by_role("link", name="Add an out-of-hours contact").count() == 0
        assert page.get_by_text("Printed ").is_visible()
        page.emulate_media(media="screen")
