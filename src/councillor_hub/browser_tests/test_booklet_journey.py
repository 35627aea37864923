"""Issue 5 item 8: the induction and key contacts booklet in real Chromium, with axe-core scans
of the booklet and its manage pages.

A councillor opens the booklet, follows the contents to "Who's who", and downloads the PDF
(an application/pdf attachment starting %PDF). Democratic services change the welcome text,
find and list a contact, add a key date, and see their changes in the booklet."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from councillor_hub.booklet.tests.builders import SUPPORT_OFFICER, build_booklet_records
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.conftest import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def booklet(transactional_db):
    # transactional_db flushes the sections the migration seeds: the builder makes them again.
    world = build_world()
    return world, build_booklet_records(world)


def test_a_councillor_reads_the_booklet_and_downloads_the_pdf(page, live_server, booklet):
    world, records = booklet
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{live_server.url}/booklet/")
    assert page.get_by_role("heading", level=1).inner_text() == (
        "Induction and key contacts booklet"
    )
    axe_check(page, context="booklet")
    contents = page.get_by_role("navigation", name="Contents")
    contents.get_by_role("link", name="Who's who").click()
    page.wait_for_url("**/booklet/#section-whos-who")
    leader = page.locator("[data-leader]")
    assert records.leader.full_name in leader.inner_text()
    assert page.get_by_role("heading", name="Who's who").is_visible()

    # The PDF: a download, and the same address fetched with the signed-in session.
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the booklet as a PDF").click()
    path = download.value.path()
    assert download.value.suggested_filename.startswith("induction-booklet-")
    with open(path, "rb") as handle:
        assert handle.read(5) == b"%PDF-"
    response = page.request.get(f"{live_server.url}/booklet/booklet.pdf")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"


def test_democratic_services_change_the_booklet(page, live_server, booklet):
    world, records = booklet
    sign_in(page, live_server, "democratic@demo.test")
    page.goto(f"{live_server.url}/booklet/manage/")
    axe_check(page, context="manage the booklet")

    # The welcome text.
    page.locator('[data-section="welcome"]').get_by_role("link", name="Change text").click()
    page.wait_for_url("**/booklet/manage/sections/welcome/")
    axe_check(page, context="change a section")
    page.get_by_label("Title").fill("")
    page.get_by_role("button", name="Save section").click()
    assert page.title().startswith("Error:")
    axe_check(page, context="change a section, with errors")
    page.get_by_label("Title").fill("Welcome")
    page.get_by_label("Introduction (optional)").fill(
        "Welcome to Demo Borough Council, and congratulations on your election.\n\n"
        "Member support will call you in your first week."
    )
    page.get_by_role("button", name="Save section").click()
    page.wait_for_url("**/booklet/manage/")
    assert "Welcome saved" in page.content()

    # A contact for ICT help.
    page.goto(f"{live_server.url}/booklet/manage/sections/ict/contacts-and-documents/")
    axe_check(page, context="contacts and documents")
    page.get_by_label("Find a team, officer or document").fill("morgan")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    page.wait_for_url("**/contacts-and-documents/?q=morgan")
    axe_check(page, context="contacts and documents, search results")
    page.locator("[data-candidates] tr", has_text=SUPPORT_OFFICER).get_by_role(
        "button", name="Add"
    ).click()
    page.wait_for_url("**/contacts-and-documents/?q=morgan")
    assert "The officer was added to ICT help" in page.content()

    # A key date.
    page.goto(f"{live_server.url}/booklet/manage/key-dates/add/")
    axe_check(page, context="add a key date")
    day = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("What is happening").fill("Members' briefing on the budget")
    page.get_by_label("Date", exact=True).fill(day.isoformat())
    page.get_by_role("button", name="Add key date").click()
    page.wait_for_url("**/booklet/manage/")

    page.goto(f"{live_server.url}/booklet/")
    text = page.content()
    assert "congratulations on your election" in text
    assert "Members&#x27; briefing on the budget" in text or "Members' briefing" in text
    ict = page.locator('[data-section="ict"]').inner_text()
    assert SUPPORT_OFFICER in ict
    axe_check(page, context="booklet as a content manager")

    # The councillor sees the new welcome too.
    sign_out(page)
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{live_server.url}/booklet/")
    assert (
        "congratulations on your election" in page.locator('[data-section="welcome"]').inner_text()
    )
