"""The library in a real browser (Chromium through Playwright), with axe-core scans: a member
browses by tag and opens a policy; democratic services add a document with a file and see the
review report. Marked `browser`: runs with `make test-browser`."""

import datetime

import pytest
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory, WardFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in
from councillor_hub.library.models import Document
from councillor_hub.library.tests.factories import (
    PDF,
    DocumentFactory,
    DocumentTagFactory,
    OfficerFactory,
    OrgUnitFactory,
)

pytestmark = pytest.mark.browser


def test_a_member_opens_a_policy_by_tag(page, live_server):
    CouncillorFactory(email="member@demo.test", profile__ward=WardFactory())
    planning = DocumentTagFactory(name="planning")
    unit = OrgUnitFactory(name="Planning and building control")
    officer = OfficerFactory(full_name="Priya Planner", job_title="Planning policy manager")
    today = timezone.localdate()
    DocumentFactory(
        title="Planning code of good practice",
        summary="Lobbying, predetermination and site visits.",
        tags=[planning],
        unit=unit,
        responsible_officer=officer,
        published_on=today - datetime.timedelta(days=500),
        next_review_on=today - datetime.timedelta(days=10),
    )
    DocumentFactory(title="Waste strategy")
    sign_in(page, live_server, "member@demo.test")
    page.goto(f"{live_server.url}/library/")
    axe_check(page, context="library list")
    page.get_by_role("link", name="planning", exact=True).first.click()
    page.wait_for_url("**/library/?tag=planning")
    assert "Waste strategy" not in page.content()
    page.get_by_role("link", name="Planning code of good practice").click()
    page.wait_for_url("**/library/*/")
    assert "Review overdue" in page.content()
    assert "Priya Planner" in page.content()
    axe_check(page, context="document page")


def test_democratic_services_add_a_document(page, live_server, tmp_path):
    UserFactory(email="dem@demo.test", roles=[Role.DEMOCRATIC_SERVICES_OFFICER])
    OfficerFactory(full_name="Lee Licensing", job_title="Licensing manager")
    sign_in(page, live_server, "dem@demo.test")
    page.goto(f"{live_server.url}/library/add/")
    page.get_by_role("button", name="Save document").click()
    assert page.title().startswith("Error:")
    axe_check(page, context="document form with errors")
    page.get_by_label("Type of document").select_option("policy")
    page.get_by_label("Title").fill("Street trading policy")
    page.get_by_label("Tags (optional)").fill("licensing, street trading")
    pdf = tmp_path / "street-trading.pdf"
    pdf.write_bytes(PDF)
    page.get_by_label("Upload a file").set_input_files(str(pdf))
    page.get_by_label("Publication date (optional)").fill("2026-01-10")
    page.get_by_label("Next review date (optional)").fill(
        (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    )
    page.get_by_label("Responsible officer (optional)").select_option(
        label="Lee Licensing, Licensing manager"
    )
    page.get_by_role("button", name="Save document").click()
    page.wait_for_url("**/library/*/")
    assert "Street trading policy added to the library" in page.content()
    document = Document.objects.get()
    assert document.original_name == "street-trading.pdf"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download street-trading.pdf").click()
    assert download.value.suggested_filename == "street-trading.pdf"
    page.goto(f"{live_server.url}/library/review/")
    assert "Street trading policy" in page.content()
    axe_check(page, context="review report")
