"""Issue 5: the member information hub journey in real Chromium, with an axe-core scan on every
new page on the way.

A councillor searches the directory for an officer, opens the library filtered by a tag and
opens a policy, looks up an FAQ, checks the enquiry form for published answers, then opens one
of their cases, inserts a model response into a case note and sees it on the case timeline.
A democratic services officer adds an FAQ (and is told about an unknown placeholder) and reads
the usage report."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import pytest

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    PoliticalGroupFactory,
    ServiceAreaFactory,
    UserFactory,
    WardFactory,
)
from councillor_hub.browser_tests.conftest import axe_check, sign_in
from councillor_hub.casework.tests.factories import CaseFactory, ConstituentFactory
from councillor_hub.directory.models import Officer
from councillor_hub.faqs.models import Faq
from councillor_hub.library.models import Document, DocumentKind, DocumentTag

pytestmark = pytest.mark.browser

OFFICER = "Priya Raman"
POLICY = "Highway maintenance policy"
QUESTION = "How quickly are potholes repaired?"
CASE_TITLE = "Pothole outside 12 Mill Lane"
RESPONSE = (
    "Dear {constituent_name},\n\nThank you for contacting me about the pothole ({case_reference})."
    " {council_name} inspects every reported pothole within five working days.\n\n"
    "Yours sincerely,\n{councillor_name}\nCouncillor for {ward} ward"
)


class Journey:
    """Names each step, so a failure says exactly which part of the journey broke."""

    def __init__(self, page):
        self.page = page
        self.shots = os.environ.get("BROWSER_TEST_SCREENSHOTS")

    def shot(self, name: str) -> None:
        if self.shots:
            Path(self.shots).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(self.shots) / f"hub-{name}.png"), full_page=True)

    @contextlib.contextmanager
    def step(self, name: str):
        try:
            yield
        except Exception as error:
            shot = str(Path(tempfile.gettempdir()) / "hub-journey-failure.png")
            with contextlib.suppress(Exception):
                self.page.screenshot(path=shot, full_page=True)
            pytest.fail(
                f"Journey step failed: {name}\n  at {self.page.url}\n  {type(error).__name__}: "
                f"{error}\n  (screenshot: {shot})",
                pytrace=False,
            )


@pytest.fixture
def hub(transactional_db):
    # transactional_db flushes migration data between tests, so make the service areas here.
    highways = ServiceAreaFactory(name="Highways", slug="highways")
    ServiceAreaFactory(name="Parks and open spaces", slug="parks-and-open-spaces")
    abbey = WardFactory(name="Abbey", ons_code="E05000001")
    councillor = CouncillorFactory(
        email="councillor@demo.test",
        full_name="Alex Abbey",
        profile__ward=abbey,
        profile__political_group=PoliticalGroupFactory(name="Red Party"),
    )
    UserFactory(
        email="democratic@demo.test",
        full_name="Dana Democratic",
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    Officer.objects.create(
        full_name=OFFICER,
        job_title="Highways inspector",
        email="priya.raman@example.org",
        phone="01632 960101",
    )
    Officer.objects.create(full_name="Sam Other", job_title="Parks officer")
    tag = DocumentTag.objects.create(name="Highways", slug="highways")
    policy = Document.objects.create(
        kind=DocumentKind.POLICY,
        title=POLICY,
        summary="How the council inspects and repairs roads and pavements.",
        url="https://example.org/highway-maintenance",
    )
    policy.tags.set([tag])
    Document.objects.create(
        kind=DocumentKind.POLICY, title="Parks strategy", url="https://example.org/parks"
    )
    Faq.objects.create(
        service_area=highways,
        question=QUESTION,
        answer="Highways inspect within 5 working days and repair within 28 days.",
        model_response=RESPONSE,
        keywords="pothole road",
    )
    resident = ConstituentFactory(owner=councillor, first_name="Ann", last_name="Lee")
    case = CaseFactory(
        owner=councillor,
        category=highways,
        ward=abbey,
        title=CASE_TITLE,
        constituents=[resident],
    )
    return {"councillor": councillor, "case": case}


def _h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def _go(page, url: str):
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    return response


def test_member_hub_journey(page, live_server, hub):
    journey = Journey(page)
    base = live_server.url
    case = hub["case"]

    with journey.step("sign in as the councillor"):
        sign_in(page, live_server, "councillor@demo.test")

    with journey.step("search the directory for an officer"):
        _go(page, f"{base}/directory/?q=Raman")
        assert page.get_by_text(OFFICER).count() >= 1, "the officer is not in the results"
        axe_check(page, context="directory search")
        journey.shot("01-directory")

    with journey.step("open the library filtered by a tag, then the policy"):
        _go(page, f"{base}/library/?tag=highways")
        assert page.get_by_role("link", name=POLICY).count() >= 1
        assert page.get_by_role("link", name="Parks strategy").count() == 0
        axe_check(page, context="library filtered by tag")
        journey.shot("02-library")
        with page.expect_navigation():
            page.get_by_role("link", name=POLICY).first.click()
        assert POLICY in _h1(page)
        axe_check(page, context="policy page")
        journey.shot("03-policy")

    with journey.step("search the FAQs and open one"):
        _go(page, f"{base}/faqs/")
        axe_check(page, context="FAQ list")
        page.get_by_label("Search the FAQs").fill("repaired potholes")
        with page.expect_navigation():
            page.get_by_role("search", name="FAQs").get_by_role("button", name="Search").click()
        assert page.get_by_role("link", name=QUESTION).count() == 1
        axe_check(page, context="FAQ search results")
        journey.shot("04-faqs")
        with page.expect_navigation():
            page.get_by_role("link", name=QUESTION).click()
        assert _h1(page) == QUESTION
        assert page.get_by_text("{constituent_name}", exact=False).count() >= 1
        axe_check(page, context="FAQ page")
        with page.expect_navigation():
            page.get_by_role("button", name="This helped").click()
        assert page.get_by_text("counted this answer as helpful").count() == 1
        journey.shot("05-faq")

    with journey.step("the enquiry form shows the matching FAQ before sending"):
        _go(page, f"{base}/enquiries/new/")
        page.get_by_label("Highways", exact=True).check()
        page.get_by_label("Subject").fill("Potholes on Mill Lane")
        page.get_by_label("What is the enquiry?").fill("Deep potholes outside number 12.")
        with page.expect_navigation():
            page.get_by_role("button", name="Check for published answers first").click()
        banner = page.get_by_role("region", name="Answers that may help")
        assert banner.get_by_role("link", name=QUESTION).count() == 1
        axe_check(page, context="enquiry form with matching FAQs")
        journey.shot("06-enquiry-check")
        with page.expect_navigation():
            banner.get_by_role("button", name="This answered my question").click()
        assert page.url == f"{base}/enquiries/", page.url
        assert page.get_by_text("Your enquiry has not been sent").count() == 1

    with journey.step("open one of their cases"):
        _go(page, f"{base}/casework/cases/")
        with page.expect_navigation():
            page.get_by_role("link", name=case.reference).first.click()
        assert _h1(page) == CASE_TITLE

    with journey.step("choose a model response for the case"):
        with page.expect_navigation():
            page.get_by_role("link", name="Insert a model response").click()
        assert _h1(page) == "Insert a model response"
        axe_check(page, context="choose a model response")
        journey.shot("07-choose-response")
        with page.expect_navigation():
            page.get_by_role("link", name=QUESTION).click()
        text = page.get_by_label("The response").input_value()
        assert text.startswith("Dear Ann Lee,"), text
        assert case.reference in text and "Alex Abbey" in text and "Abbey ward" in text
        assert "{" not in text
        axe_check(page, context="filled-in model response")
        journey.shot("08-filled-response")

    with journey.step("add it to the case timeline"):
        page.get_by_label("The response").fill(text + "\n\nP.S. I will chase this up next week.")
        with page.expect_navigation():
            page.get_by_role("button", name="Add to the case timeline").click()
        assert page.url.startswith(f"{base}/casework/cases/{case.reference}/"), page.url
        assert page.get_by_text("Model response added to the case timeline").count() == 1
        timeline = page.locator("ol.app-timeline")
        assert timeline.get_by_text("Dear Ann Lee,", exact=False).count() == 1
        assert timeline.get_by_text("I will chase this up next week", exact=False).count() == 1
        axe_check(page, context="case page with the inserted response")
        journey.shot("09-case-timeline")


def test_content_manager_faq_journey(page, live_server, hub):
    journey = Journey(page)
    base = live_server.url

    with journey.step("sign in as democratic services and open the add page"):
        sign_in(page, live_server, "democratic@demo.test")
        _go(page, f"{base}/faqs/")
        with page.expect_navigation():
            page.get_by_role("link", name="Add an FAQ").click()
        assert _h1(page) == "Add an FAQ"
        axe_check(page, context="add an FAQ")

    with journey.step("an unknown placeholder is named in the error"):
        page.get_by_label("Service", exact=True).select_option(label="Parks and open spaces")
        page.get_by_label("Question").fill("Who cuts the grass in parks?")
        page.get_by_label("Answer for members").fill("The parks team, every two weeks.")
        page.get_by_label("Model response for constituents (optional)").fill(
            "Dear {resident_name}, thank you for contacting me about grass cutting."
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Save FAQ").click()
        summary = page.locator(".govuk-error-summary")
        assert "{resident_name} is not a placeholder" in summary.inner_text()
        assert page.title().startswith("Error:")
        axe_check(page, context="add an FAQ with an error")
        journey.shot("10-faq-error")

    with journey.step("fix it and save"):
        page.get_by_label("Model response for constituents (optional)").fill(
            "Dear {constituent_name}, thank you for contacting me about grass cutting."
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Save FAQ").click()
        assert _h1(page) == "Who cuts the grass in parks?"
        with page.expect_navigation():
            page.get_by_role("link", name="Change this FAQ").click()
        assert page.get_by_role("heading", name="History of changes").count() == 1
        axe_check(page, context="change an FAQ")

    with journey.step("the usage report"):
        _go(page, f"{base}/faqs/usage/")
        assert _h1(page) == "How the FAQs are used"
        axe_check(page, context="FAQ usage report")
        with page.expect_navigation():
            page.get_by_role("link", name="Marked helpful").click()
        assert page.locator('th[aria-sort="descending"]').count() == 1
        journey.shot("11-usage")
