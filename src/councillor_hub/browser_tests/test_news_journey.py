"""News and briefings in real Chromium, with axe-core scans: democratic services publish a
briefing and attach its slides (a PDF); a councillor who missed it finds it in the list,
opens it and downloads the slides. Marked `browser`: runs with `make test-browser`."""

from __future__ import annotations

import pytest

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory, WardFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.core.demo.library import minimal_pdf
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.news.models import NewsAttachment, NewsItem, NewsKind

pytestmark = pytest.mark.browser

TITLE = "Budget briefing for all members"
SLIDES = minimal_pdf("Budget briefing", ["Revenue budget", "Capital programme"])


@pytest.fixture
def people(transactional_db):
    UserFactory(
        email="democratic@demo.test",
        full_name="Dana Democratic",
        roles=[Role.DEMOCRATIC_SERVICES_OFFICER],
    )
    CouncillorFactory(email="councillor@demo.test", profile__ward=WardFactory(name="Abbey"))
    finance = OrgUnit.objects.create(name="Finance", kind=UnitKind.SERVICE)
    Officer.objects.create(full_name="Fay Finance", job_title="Director of finance", unit=finance)
    NewsItem.objects.create(
        kind=NewsKind.BULLETIN, title="Winter gritting bulletin", summary="Gritting tonight."
    )
    NewsItem.objects.create(
        kind=NewsKind.NEWS, title="Unpublished draft", summary="Not yet.", is_published=False
    )


def test_a_briefing_is_published_and_a_councillor_downloads_its_slides(
    page, live_server, people, tmp_path
):
    base = live_server.url

    # Democratic services add the briefing.
    sign_in(page, live_server, "democratic@demo.test")
    page.goto(f"{base}/news/")
    page.get_by_role("link", name="Add news or a briefing").click()
    page.wait_for_url("**/news/add/")
    axe_check(page, context="add news form")
    page.get_by_label("Briefing", exact=True).check()
    page.get_by_role("button", name="Save item").click()
    assert page.title().startswith("Error:")
    assert "Enter the title" in page.content()
    assert "Enter the date the briefing was held" in page.content()
    axe_check(page, context="add news form with errors")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Summary").fill("The draft budget explained, ahead of budget council.")
    page.get_by_label("Text (optional)").fill(
        "The director of finance took members through the draft budget.\n\nThe slides are attached."
    )
    page.get_by_label("Date of the briefing").fill("2026-02-03")
    page.get_by_label("Service (optional)").select_option(label="Finance")
    page.get_by_label("Presenter or contact officer (optional)").select_option(
        label="Fay Finance, Director of finance"
    )
    page.get_by_role("button", name="Save item").click()
    page.wait_for_url("**/news/*/")
    assert f"{TITLE} added" in page.content()

    # ... and attach the slides.
    page.get_by_role("link", name="Add an attachment").click()
    page.wait_for_url("**/attachments/add/")
    axe_check(page, context="add attachment form")
    slides = tmp_path / "budget-slides.pdf"
    slides.write_bytes(SLIDES)
    page.get_by_label("Upload a file").set_input_files(str(slides))
    page.get_by_label("Title (optional)").fill("Briefing slides")
    page.get_by_role("button", name="Add attachment").click()
    page.wait_for_url("**/news/*/")
    assert "Briefing slides attached" in page.content()
    assert NewsAttachment.objects.get().original_name == "budget-slides.pdf"
    sign_out(page)

    # A councillor who missed it finds it and downloads the slides.
    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{base}/news/")
    assert "Unpublished draft" not in page.content()
    axe_check(page, context="news list")
    page.get_by_label("Type").select_option(label="Briefings")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/news/?*kind=briefing*")
    assert "Winter gritting bulletin" not in page.content()
    assert "1 attachment" in page.content()
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/news/*/")
    assert "Tuesday 3 February 2026" in page.content()
    assert "Fay Finance" in page.content()
    assert "PDF, " in page.content()
    axe_check(page, context="news item")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Briefing slides").click()
    assert download.value.suggested_filename == "budget-slides.pdf"
    saved = tmp_path / "downloaded.pdf"
    download.value.save_as(str(saved))
    assert saved.read_bytes() == SLIDES
