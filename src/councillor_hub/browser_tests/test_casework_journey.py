"""Issue 2, item 14: the councillor casework journey in real Chromium, with an axe-core scan on
every main page on the way.

A councillor adds a constituent, opens a case, adds a note with an attachment and shares the
case with their ward colleague; the colleague can then read it, and a councillor from another
ward gets "Page not found" at the same address."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

import pytest

from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    PoliticalGroupFactory,
    ServiceAreaFactory,
    WardFactory,
)
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out

pytestmark = pytest.mark.browser

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
CASE_TITLE = "Pothole outside 12 Mill Lane"
NOTE = "Reported to Highways; they will inspect within 5 working days."


class Journey:
    """Names each step, so a failure says exactly which part of the journey broke."""

    def __init__(self, page):
        self.page = page
        # Set BROWSER_TEST_SCREENSHOTS=/some/dir to keep a full-page screenshot of each page.
        self.shots = os.environ.get("BROWSER_TEST_SCREENSHOTS")

    def shot(self, name: str) -> None:
        if self.shots:
            Path(self.shots).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(self.shots) / f"{name}.png"), full_page=True)

    @contextlib.contextmanager
    def step(self, name: str):
        try:
            yield
        except Exception as error:
            shot = str(Path(tempfile.gettempdir()) / "journey-failure.png")
            with contextlib.suppress(Exception):
                self.page.screenshot(path=shot, full_page=True)
            pytest.fail(
                f"Journey step failed: {name}\n  at {self.page.url}\n  {type(error).__name__}: "
                f"{error}\n  (screenshot: {shot})",
                pytrace=False,
            )


@pytest.fixture
def people(transactional_db):
    # transactional_db flushes migration data between tests, so make the category here.
    ServiceAreaFactory(name="Highways", slug="highways")
    abbey = WardFactory(name="Abbey", ons_code="E05000001")
    brookside = WardFactory(name="Brookside", ons_code="E05000002")
    red = PoliticalGroupFactory(name="Red Party")
    blue = PoliticalGroupFactory(name="Blue Party")
    return {
        "councillor": CouncillorFactory(
            email="councillor@demo.test",
            full_name="Alex Abbey",
            profile__ward=abbey,
            profile__political_group=red,
        ),
        "colleague": CouncillorFactory(
            email="colleague@demo.test",
            full_name="Chris Colleague",
            profile__ward=abbey,
            profile__political_group=red,
        ),
        "other": CouncillorFactory(
            email="other@demo.test",
            full_name="Olive Other",
            profile__ward=brookside,
            profile__political_group=blue,
        ),
    }


def _nav(page, label: str) -> None:
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name=label).click()


def _h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def test_councillor_casework_journey(page, live_server, people):
    journey = Journey(page)
    base = live_server.url

    with journey.step("sign in as the councillor (sign-in page and dashboard pass axe)"):
        page.goto(f"{base}/accounts/sign-in/")
        axe_check(page, context="sign-in")
        journey.shot("01-sign-in")
        sign_in(page, live_server, "councillor@demo.test")
        assert page.url == f"{base}/casework/", page.url
        assert _h1(page) == "Your casework"
        axe_check(page, context="dashboard")
        journey.shot("02-dashboard")

    with journey.step("case list (My cases)"):
        _nav(page, "My cases")
        assert page.url.startswith(f"{base}/casework/cases/")
        axe_check(page, context="case list")
        journey.shot("03-case-list")

    with journey.step("constituent list"):
        _nav(page, "Constituents")
        assert _h1(page) == "Constituents"
        axe_check(page, context="constituent list")
        journey.shot("04-constituent-list")

    with journey.step("add a constituent"):
        with page.expect_navigation():
            page.get_by_role("button", name="Add a constituent").first.click()
        axe_check(page, context="constituent create")
        journey.shot("05-constituent-create")
        page.get_by_label("First name").fill("Jamie")
        page.get_by_label("Last name").fill("Resident")
        page.get_by_label("Postcode (optional)").fill("sw1a1aa")
        page.get_by_label("Email", exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Save constituent").click()
        if page.get_by_label("These are different people: add a new record anyway").count():
            page.get_by_label("These are different people: add a new record anyway").check()
            with page.expect_navigation():
                page.get_by_role("button", name="Save constituent").click()
        assert re.search(r"/casework/constituents/\d+/$", page.url), page.url
        assert "Jamie Resident" in _h1(page)
        assert page.get_by_text("SW1A 1AA").count() >= 1
        axe_check(page, context="constituent page")
        journey.shot("06-constituent")

    with journey.step("open a case for the constituent"):
        with page.expect_navigation():
            page.get_by_role("button", name="Open a new case for this constituent").click()
        assert "/casework/cases/new/" in page.url
        axe_check(page, context="case create")
        journey.shot("07-case-create")
        page.get_by_label("Title", exact=True).fill(CASE_TITLE)
        page.get_by_label("Category", exact=True).select_option(label="Highways")
        with page.expect_navigation():
            page.get_by_role("button", name="Open case").click()
        match = re.search(r"/casework/cases/(CW-\d{4}-\d{5})/$", page.url)
        assert match, page.url
        reference = match.group(1)
        case_url = f"{base}/casework/cases/{reference}/"
        assert _h1(page) == CASE_TITLE
        assert page.get_by_role("link", name="Jamie Resident").count() >= 1
        axe_check(page, context="case page")

    with journey.step("add a note with a PDF attachment"):
        details = page.locator("details#add-entry")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        page.get_by_label("Note", exact=True).check()
        page.get_by_label("Details").fill(NOTE)
        page.get_by_label("Attach a file (optional)").set_input_files(
            files=[{"name": "inspection-request.pdf", "mimeType": "application/pdf", "buffer": PDF}]
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Add to timeline").click()
        assert page.url.startswith(case_url), page.url
        assert page.locator(".govuk-error-summary").count() == 0, page.locator(
            ".govuk-error-summary"
        ).inner_text()
        assert page.get_by_text(NOTE).count() >= 1
        download = page.get_by_role("link", name="Download inspection-request.pdf")
        assert download.count() == 1
        with page.expect_download() as info:
            download.click()
        path = info.value.path()
        with open(path, "rb") as handle:
            assert handle.read() == PDF
        axe_check(page, context="case page with timeline")
        journey.shot("08-case")

    with journey.step("share the case with the ward colleague"):
        with page.expect_navigation():
            page.get_by_role("link", name="Sharing").click()
        assert _h1(page) == "Sharing this case"
        axe_check(page, context="sharing page")
        journey.shot("09-sharing")
        page.get_by_label("Ward colleague").select_option(
            label="Chris Colleague (colleague@demo.test)"
        )
        page.get_by_label("Verbally (in person or by phone)").check()
        page.get_by_label(
            "The constituent agreed to their details being shared with this colleague"
        ).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Share case").click()
        assert page.locator(".govuk-error-summary").count() == 0
        assert page.get_by_text("Chris Colleague").count() >= 1

    with journey.step("patterns, access settings and access log pages"):
        _nav(page, "Patterns")
        assert page.url.startswith(f"{base}/casework/patterns/")
        axe_check(page, context="patterns")
        journey.shot("10-patterns")
        _nav(page, "Access")
        assert page.url.startswith(f"{base}/casework/access/")
        axe_check(page, context="access settings")
        journey.shot("11-access")
        page.goto(f"{base}/casework/access/log/")
        assert page.url.startswith(f"{base}/casework/access/log/")
        axe_check(page, context="access log")
        journey.shot("12-access-log")

    with journey.step("sign out"):
        sign_out(page)
        response = page.goto(case_url)
        assert "/accounts/sign-in/" in page.url

    with journey.step("the ward colleague sees the shared case"):
        sign_in(page, live_server, "colleague@demo.test")
        response = page.goto(case_url)
        assert response.status == 200, response.status
        assert _h1(page) == CASE_TITLE
        assert page.get_by_text(NOTE).count() >= 1
        axe_check(page, context="shared case page (colleague)")
        journey.shot("13-colleague-case")
        sign_out(page)

    with journey.step("a councillor from another ward is refused"):
        sign_in(page, live_server, "other@demo.test")
        response = page.goto(case_url)
        assert response.status == 404, response.status
        assert _h1(page) == "Page not found"
        assert CASE_TITLE not in page.content()
        axe_check(page, context="page not found")
        journey.shot("14-not-found")
