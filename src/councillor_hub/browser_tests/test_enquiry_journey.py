"""Issue 3: the Councillor Queries journey in real Chromium, with an axe-core scan on every new
page on the way.

A councillor raises an enquiry about Highways; the member support team triages it and routes it
to the Highways team; a highways officer drafts a response and marks it ready; the support
officer checks and sends it; the councillor reads the answer and rates it. A councillor from
another ward gets "Page not found" at the enquiry's address."""

from __future__ import annotations

import contextlib
import datetime
import re
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone

from councillor_hub.accounts.models import UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    PoliticalGroupFactory,
    ServiceAreaFactory,
    UserFactory,
    WardFactory,
)
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.enquiries.tests.factories import EnquiryFactory

pytestmark = pytest.mark.browser

SUBJECT = "Pothole outside 12 Mill Lane"
DESCRIPTION = "A deep pothole has opened by the bus stop. Residents ask for it to be filled."
LOCATION = "Outside 12 Mill Lane, by the bus stop"
ANSWER = "Thank you. An inspector visited today and the pothole will be filled within 7 days."
SHOTS = Path(tempfile.gettempdir())


class Journey:
    """Names each step, so a failure says exactly which part of the journey broke."""

    def __init__(self, page):
        self.page = page

    def shot(self, name: str) -> None:
        self.page.screenshot(path=str(SHOTS / f"enq-{name}.png"), full_page=True)

    @contextlib.contextmanager
    def step(self, name: str):
        try:
            yield
        except Exception as error:
            shot = str(SHOTS / "enq-journey-failure.png")
            with contextlib.suppress(Exception):
                self.page.screenshot(path=shot, full_page=True)
            pytest.fail(
                f"Journey step failed: {name}\n  at {self.page.url}\n  {type(error).__name__}: "
                f"{error}\n  (screenshot: {shot})",
                pytrace=False,
            )


@pytest.fixture
def people(transactional_db):
    # transactional_db flushes migration data between tests, so make the service area here.
    highways = ServiceAreaFactory(name="Highways", slug="highways")
    abbey = WardFactory(name="Abbey", ons_code="E05000001")
    brookside = WardFactory(name="Brookside", ons_code="E05000002")
    red = PoliticalGroupFactory(name="Red Party")
    blue = PoliticalGroupFactory(name="Blue Party")
    parks = ServiceAreaFactory(name="Parks and open spaces", slug="parks-and-open-spaces")
    officer = UserFactory(email="highways@demo.test", full_name="Harriet Highways")
    UserRole.objects.create(user=officer, role=Role.SERVICE_OFFICER, service_area=highways)
    other = CouncillorFactory(
        email="other@demo.test",
        full_name="Olive Other",
        profile__ward=brookside,
        profile__political_group=blue,
    )
    # Someone else's overdue enquiry, so the performance page shows its overdue list.
    received = timezone.now() - datetime.timedelta(days=30)
    overdue = EnquiryFactory(
        member=other,
        service_area=parks,
        subject="Broken swing in Brookside park",
        ward=brookside,
        received_at=received,
        triaged_at=received,
        due_at=received + datetime.timedelta(days=7),
    )
    return {
        "councillor": CouncillorFactory(
            email="councillor@demo.test",
            full_name="Alex Abbey",
            profile__ward=abbey,
            profile__political_group=red,
        ),
        "support": UserFactory(
            email="support@demo.test",
            full_name="Sam Support",
            roles=[Role.MEMBER_SUPPORT_OFFICER],
        ),
        "officer": officer,
        "other": other,
        "overdue": overdue,
    }


def _h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def _no_errors(page) -> None:
    summary = page.locator(".govuk-error-summary")
    assert summary.count() == 0, summary.first.inner_text()


def _open(page, url: str, *, h1: str | None = None) -> None:
    response = page.goto(url)
    assert response.status == 200, f"{url} answered {response.status}"
    if h1 is not None:
        assert _h1(page) == h1, _h1(page)


def test_enquiry_journey(page, live_server, people):
    journey = Journey(page)
    base = live_server.url

    with journey.step("the councillor opens the raise form (and passes axe)"):
        sign_in(page, live_server, "councillor@demo.test")
        _open(page, f"{base}/enquiries/", h1="Your enquiries")
        axe_check(page, context="my enquiries (empty)")
        with page.expect_navigation():
            page.get_by_role("link", name="Raise an enquiry").first.click()
        assert page.url == f"{base}/enquiries/new/", page.url
        assert _h1(page) == "Raise an enquiry with the council"
        axe_check(page, context="raise form")
        journey.shot("01-raise-form")

    with journey.step("sending the form empty shows an error summary (and passes axe)"):
        with page.expect_navigation():
            page.get_by_role("button", name="Send enquiry").click()
        summary = page.locator(".govuk-error-summary")
        assert summary.count() == 1
        assert "Select the service the enquiry is about" in summary.inner_text()
        assert "Enter a subject" in summary.inner_text()
        assert page.title().startswith("Error: ")
        axe_check(page, context="raise form with errors")
        journey.shot("02-raise-form-errors")

    with journey.step("the councillor raises the enquiry"):
        page.get_by_label("Highways", exact=True).check()
        page.get_by_label("Subject", exact=True).fill(SUBJECT)
        page.get_by_label("What is the enquiry?").fill(DESCRIPTION)
        page.get_by_label("Location (optional)").fill(LOCATION)
        page.get_by_label("Postcode (optional)").fill("sw1a1aa")
        page.get_by_label("Standard", exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Send enquiry").click()
        _no_errors(page)
        match = re.search(r"/enquiries/(ENQ-\d{4}-\d{5})/$", page.url)
        assert match, page.url
        reference = match.group(1)
        enquiry_url = f"{base}/enquiries/{reference}/"
        assert _h1(page) == SUBJECT
        assert page.get_by_text(LOCATION).count() >= 1
        assert page.get_by_text("SW1A 1AA").count() >= 1
        axe_check(page, context="enquiry page (member, new)")

    with journey.step("the enquiry is listed under Your enquiries"):
        _open(page, f"{base}/enquiries/", h1="Your enquiries")
        assert page.get_by_role("link", name=reference).count() == 1
        axe_check(page, context="my enquiries")
        journey.shot("03-my-enquiries")
        sign_out(page)

    with journey.step("the support officer opens the triage queue"):
        sign_in(page, live_server, "support@demo.test")
        _open(page, f"{base}/enquiries/team/queue/", h1="Enquiries to triage and send")
        axe_check(page, context="triage queue")
        journey.shot("04-triage-queue")

    with journey.step("the log-on-behalf page passes axe"):
        with page.expect_navigation():
            page.get_by_role("link", name="Log an enquiry for a member").click()
        assert page.url == f"{base}/enquiries/team/log/", page.url
        axe_check(page, context="log on behalf")
        journey.shot("05-log-on-behalf")
        page.go_back()

    with journey.step("the support officer triages it to Highways"):
        with page.expect_navigation():
            page.get_by_role("link", name=reference).click()
        assert page.url == f"{base}/enquiries/{reference}/triage/", page.url
        assert _h1(page) == SUBJECT
        axe_check(page, context="triage page")
        journey.shot("06-triage")
        route = page.locator("section[aria-labelledby='route-heading']")
        assert route.get_by_label("Service area", exact=True).input_value() == str(
            people["officer"].roles.get().service_area_id
        )
        route.get_by_label("Standard", exact=True).check()
        route.get_by_role("group", name="Service teams").get_by_label(
            "Highways", exact=True
        ).check()
        route.get_by_label("Lead", exact=True).select_option(label="Highways")
        with page.expect_navigation():
            route.get_by_role("button", name="Accept and route").click()
        _no_errors(page)
        assert page.url == f"{base}/enquiries/{reference}/triage/", page.url
        assert page.get_by_text(f"Enquiry {reference} routed and acknowledged").count() == 1
        assert page.get_by_text("Highways team").count() >= 1
        axe_check(page, context="triage page (routed)")
        sign_out(page)

    with journey.step("the highways officer opens Enquiries for your service"):
        sign_in(page, live_server, "highways@demo.test")
        _open(page, f"{base}/enquiries/service/queue/", h1="Enquiries for your service")
        row = page.locator(f"tr[data-reference='{reference}']")
        assert row.count() == 1
        assert "Lead" in row.inner_text()
        axe_check(page, context="service queue")
        journey.shot("07-service-queue")

    with journey.step("the officer view of the enquiry page"):
        _open(page, enquiry_url, h1=SUBJECT)
        assert page.get_by_role("link", name="Draft a response").count() == 1
        axe_check(page, context="enquiry page (officer)")
        journey.shot("08-enquiry-officer")

    with journey.step("the officer drafts a response and marks it ready"):
        _open(page, f"{base}/enquiries/service/queue/")
        with page.expect_navigation():
            page.get_by_role("link", name=reference).click()
        assert page.url == f"{base}/enquiries/{reference}/respond/", page.url
        assert _h1(page) == SUBJECT
        axe_check(page, context="draft page")
        journey.shot("09-draft")
        page.get_by_label("Your response").fill(ANSWER)
        with page.expect_navigation():
            page.get_by_role("button", name="Save draft").click()
        _no_errors(page)
        assert page.get_by_text("Draft saved").count() == 1
        assert page.get_by_label("Your response").input_value() == ANSWER
        axe_check(page, context="draft page (saved)")
        with page.expect_navigation():
            page.get_by_role("button", name="Mark as ready for checking").click()
        _no_errors(page)
        assert page.url == f"{base}/enquiries/service/queue/", page.url
        assert page.get_by_text("is ready for the member support team to check").count() == 1
        sign_out(page)

    with journey.step("the support officer checks and sends the reply"):
        sign_in(page, live_server, "support@demo.test")
        _open(page, f"{base}/enquiries/{reference}/triage/", h1=SUBJECT)
        with page.expect_navigation():
            page.get_by_role("link", name="Check and send the response").click()
        assert re.search(rf"/enquiries/{reference}/responses/\d+/send/$", page.url), page.url
        assert _h1(page) == "Check and send the reply"
        assert page.get_by_label("Reply to the member").input_value() == ANSWER
        axe_check(page, context="send response page")
        journey.shot("10-send-response")
        with page.expect_navigation():
            page.get_by_role("button", name="Send to the member").click()
        _no_errors(page)
        assert page.get_by_text(f"Reply sent; enquiry {reference} is answered").count() == 1

    with journey.step("notifications, performance and out-of-hours pages (support)"):
        _open(page, f"{base}/notifications/")
        axe_check(page, context="notifications (support)")
        journey.shot("11-notifications-support")
        _open(page, f"{base}/enquiries/reports/performance/")
        overdue_table = page.locator("#table-overdue")
        assert people["overdue"].reference in overdue_table.inner_text()
        axe_check(page, context="performance report")
        journey.shot("12-performance")
        _open(page, f"{base}/enquiries/reports/performance/?print=1")
        axe_check(page, context="performance report (print)")
        journey.shot("13-performance-print")
        _open(page, f"{base}/directory/out-of-hours/")
        axe_check(page, context="out-of-hours contacts")
        journey.shot("14-out-of-hours")
        sign_out(page)

    with journey.step("the councillor is notified, reads the answer and rates it"):
        sign_in(page, live_server, "councillor@demo.test")
        _open(page, f"{base}/notifications/")
        assert page.get_by_text(reference).count() >= 1
        axe_check(page, context="notifications (councillor)")
        _open(page, enquiry_url, h1=SUBJECT)
        assert page.get_by_text(ANSWER).count() == 1
        assert page.get_by_text("Answered").count() >= 1
        axe_check(page, context="enquiry page (member, answered)")
        journey.shot("15-enquiry-member")
        page.get_by_label("5: Very good").check()
        page.get_by_label("Anything you would like to tell us? (optional)").fill("Quick reply.")
        with page.expect_navigation():
            page.get_by_role("button", name="Send rating").click()
        _no_errors(page)
        assert page.url == enquiry_url, page.url
        assert page.get_by_text("Thank you for rating the answer").count() == 1
        assert page.get_by_text("You rated the answer 5 out of 5").count() == 1
        axe_check(page, context="enquiry page (member, rated)")
        journey.shot("16-enquiry-rated")
        sign_out(page)

    with journey.step("a councillor from another ward is refused"):
        sign_in(page, live_server, "other@demo.test")
        response = page.goto(enquiry_url)
        assert response.status == 404, response.status
        assert _h1(page) == "Page not found"
        assert SUBJECT not in page.content()
        assert ANSWER not in page.content()
