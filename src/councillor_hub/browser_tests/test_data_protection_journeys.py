"""Issue 4, in a real browser with axe-core scans: a councillor answers a subject access request
with a ZIP export, erases a constituent, and hands a case over to a ward colleague (only with
the constituent's recorded agreement)."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    ServiceAreaFactory,
    WardFactory,
)
from councillor_hub.browser_tests.conftest import axe_check, sign_in
from councillor_hub.casework.models import (
    Case,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    Constituent,
)
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    ConstituentFactory,
    TimelineEntryFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def council(transactional_db):
    abbey = WardFactory(name="Abbey", ons_code="E05000001")
    highways = ServiceAreaFactory(name="Highways", slug="highways")
    councillor = CouncillorFactory(
        email="councillor@demo.test", full_name="Alex Abbey", profile__ward=abbey
    )
    colleague = CouncillorFactory(
        email="colleague@demo.test", full_name="Casey Colleague", profile__ward=abbey
    )
    return abbey, highways, councillor, colleague


def _case(owner, ward, category, person, title):
    case = CaseFactory(
        owner=owner, ward=ward, category=category, title=title, constituents=[person]
    )
    TimelineEntryFactory(case=case, body=f"Spoke to {person.first_name} about it.")
    return case


def test_subject_access_export_and_erasure(page, live_server, council):
    abbey, highways, councillor, _ = council
    person = ConstituentFactory(
        owner=councillor,
        first_name="Ottoline",
        last_name="Brackenbury",
        email="ottoline@example.invalid",
        phone="01632 960111",
    )
    case = _case(councillor, abbey, highways, person, "Streetlight out on Mill Lane")

    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{live_server.url}/data-protection/")
    axe_check(page, context="data protection start page")
    page.get_by_role("link", name="Subject access requests").click()
    axe_check(page, context="subject access list")
    page.goto(f"{live_server.url}/data-protection/subject-access/record/")
    page.get_by_role("button", name="Log the request").click()
    assert page.title().startswith("Error:")
    axe_check(page, context="subject access form with errors")
    page.get_by_label("Requester's full name").fill("Ottoline Brackenbury")
    page.get_by_label("Where to send the response").fill("ottoline@example.invalid")
    page.get_by_label("Known to the councillor or officer in person").check()
    page.get_by_role("button", name="Log the request").click()
    page.wait_for_url("**/data-protection/subject-access/SAR-*/")
    axe_check(page, context="subject access request")
    reference = page.url.rstrip("/").rsplit("/", 1)[1]

    page.goto(f"{live_server.url}/data-protection/subject-access/{reference}/records/")
    page.get_by_label("Search your constituents").fill("Brackenbury")
    page.locator("#main-content").get_by_role("button", name="Search").click()
    axe_check(page, context="choosing the person's records")
    page.get_by_label(re.compile("Brackenbury")).first.check()
    page.get_by_role("button", name="Save the chosen records").click()
    page.wait_for_url(f"**/subject-access/{reference}/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the export (ZIP)").or_(
            page.get_by_role("link", name="Download the export (ZIP)")
        ).click()
    archive = zipfile.ZipFile(io.BytesIO(download.value.path().read_bytes()))
    names = archive.namelist()
    assert any(name.endswith("report.html") for name in names)
    data = json.loads(archive.read(next(n for n in names if n.endswith("data.json"))))
    assert case.reference in json.dumps(data)
    assert (
        "Brackenbury" in archive.read(next(n for n in names if n.endswith("report.html"))).decode()
    )

    # Erase them: the preview first, then the confirmation.
    page.goto(f"{live_server.url}/data-protection/erasure/")
    axe_check(page, context="erasure search")
    page.get_by_label("Search your constituents").fill("Brackenbury")
    page.locator("#main-content").get_by_role("button", name="Search").click()
    page.get_by_role("link", name=re.compile("Brackenbury")).first.click()
    page.wait_for_url(f"**/erasure/constituent/{person.pk}/")
    axe_check(page, context="erasure preview")
    page.get_by_role("button", name="Erase their data").click()
    assert page.title().startswith("Error:")  # the confirmation box was not ticked
    assert Constituent.unrestricted.filter(pk=person.pk).exists()
    page.get_by_label("I understand this cannot be undone").check()
    page.get_by_role("button", name="Erase their data").click()
    page.wait_for_load_state()
    axe_check(page, context="after erasure")
    assert not Constituent.unrestricted.filter(pk=person.pk).exists()
    case.refresh_from_db()
    assert case.anonymised_at is not None
    assert "Brackenbury" not in case.title + case.description


def test_handover_needs_the_constituents_agreement(page, live_server, council):
    abbey, highways, councillor, colleague = council
    agreed = ConstituentFactory(owner=councillor, first_name="Agnes", last_name="Agreed")
    ConsentRecord.unrestricted.create(
        constituent=agreed,
        purpose=ConsentPurpose.HANDOVER,
        method=ConsentMethod.EMAIL,
        recorded_by=councillor,
    )
    silent = ConstituentFactory(owner=councillor, first_name="Sid", last_name="Silent")
    going = _case(councillor, abbey, highways, agreed, "Pothole on Abbey Road")
    staying = _case(councillor, abbey, highways, silent, "Broken bench in the park")

    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{live_server.url}/data-protection/handover/")
    axe_check(page, context="handover list")
    page.locator(f"input[value='{going.reference}']").check()
    page.locator(f"input[value='{staying.reference}']").check()
    page.get_by_label("Transfer to another councillor", exact=False).check()
    page.get_by_label("Who should receive the cases", exact=False).select_option(
        label="Casey Colleague (Abbey)"
    )
    page.get_by_role("button", name="Continue").click()
    axe_check(page, context="handover confirmation")
    assert staying.reference in page.content()  # named as refused: no recorded agreement
    page.get_by_role("button", name="Transfer 1 case").click()
    page.wait_for_load_state()
    axe_check(page, context="handover result")
    assert Case.unrestricted.get(pk=going.pk).owner == colleague
    assert Case.unrestricted.get(pk=staying.pk).owner == councillor
