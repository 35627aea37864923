"""Issue 5, item 5: ward profiles in real Chromium, with an axe-core scan of the new pages.

A democratic services officer uploads a ward statistics CSV, checks the dry run (what each
ward gains and what changes, old and new) and applies it. A councillor then opens the list of
wards and their own ward's profile and sees the statistics as a chart and as a table with the
same figures, and the casework counts with small numbers suppressed."""

from __future__ import annotations

import contextlib
import os
import tempfile
from decimal import Decimal
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
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.casework.tests.factories import CaseFactory
from councillor_hub.wards.models import AmenityKind, Unit, WardAmenity, WardProfile, WardStatistic

pytestmark = pytest.mark.browser

CSV = (
    "\ufeffward_code,topic,label,value,unit,source,period\r\n"
    'E05000001,Population,All usual residents,"10,250",people,ONS Census 2021 TS001,2021\r\n'
    "E05000001,Age,Aged 0 to 15,1830,people,ONS Census 2021 TS007,2021\r\n"
    "E05000001,Age,Aged 65 and over,2100,people,ONS Census 2021 TS007,2021\r\n"
    "E05000002,Age,Aged 0 to 15,1500,people,ONS Census 2021 TS007,2021\r\n"
    "E05000002,Age,Aged 65 and over,2500,people,ONS Census 2021 TS007,2021\r\n"
    "E05000001,Economic activity,Unemployed,3.9%,per cent,ONS Census 2021 TS066,2021\r\n"
)


class Journey:
    """Names each step, so a failure says exactly which part of the journey broke."""

    def __init__(self, page):
        self.page = page
        self.shots = os.environ.get("BROWSER_TEST_SCREENSHOTS")

    def shot(self, name: str) -> None:
        if self.shots:
            Path(self.shots).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(self.shots) / f"wards-{name}.png"), full_page=True)

    @contextlib.contextmanager
    def step(self, name: str):
        try:
            yield
        except Exception as error:
            shot = str(Path(tempfile.gettempdir()) / "wards-journey-failure.png")
            with contextlib.suppress(Exception):
                self.page.screenshot(path=shot, full_page=True)
            pytest.fail(
                f"Journey step failed: {name}\n  at {self.page.url}\n  {type(error).__name__}: "
                f"{error}\n  (screenshot: {shot})",
                pytrace=False,
            )


@pytest.fixture
def council(transactional_db):
    # live_server flushes tables between tests, so everything the journey needs is made here.
    highways = ServiceAreaFactory(name="Highways", slug="highways")
    abbey = WardFactory(name="Abbey", ons_code="E05000001")
    WardFactory(name="Brookside", ons_code="E05000002")
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
    WardProfile.objects.create(
        ward=abbey, summary="A riverside ward around the old wharf.", area_hectares=Decimal(412)
    )
    WardStatistic.objects.create(
        ward=abbey,
        topic="Population",
        label="All usual residents",
        value=Decimal(9800),
        unit=Unit.PEOPLE,
    )
    WardAmenity.objects.create(ward=abbey, kind=AmenityKind.LIBRARY, name="Abbey Library")
    for _ in range(6):
        CaseFactory(owner=councillor, ward=abbey, category=highways)
    CaseFactory(owner=councillor, ward=abbey, category=ServiceAreaFactory(name="Housing"))
    return {"abbey": abbey}


def _h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def _go(page, url: str):
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    return response


def test_import_then_a_councillor_reads_their_ward(page, live_server, council):
    journey = Journey(page)
    base = live_server.url
    abbey = council["abbey"]

    with journey.step("a content manager opens the import page"):
        sign_in(page, live_server, "democratic@demo.test")
        _go(page, f"{base}/wards/")
        with page.expect_navigation():
            page.get_by_role("link", name="Import ward statistics").click()
        assert _h1(page) == "Import ward statistics"
        assert page.get_by_role("link", name="Download a template to fill in (CSV)").count() == 1
        axe_check(page, context="ward statistics import")
        journey.shot("01-import")

    with journey.step("upload the file and check the dry run"):
        page.get_by_label("Ward statistics file").set_input_files(
            files=[{"name": "census.csv", "mimeType": "text/csv", "buffer": CSV.encode()}]
        )
        with page.expect_navigation():
            page.get_by_role("button", name="Check the file").click()
        assert _h1(page) == "Check the changes", page.locator("main").inner_text()[:500]
        abbey_section = page.locator(f"#ward-{abbey.pk}")
        assert abbey_section.get_by_text("Figures to add to Abbey (3)").count() == 1
        changes = abbey_section.locator("table", has_text="Figures to change in Abbey")
        assert "9,800 people" in changes.inner_text()
        assert "10,250 people" in changes.inner_text()
        assert WardStatistic.objects.count() == 1  # nothing changed yet
        axe_check(page, context="import dry run")
        journey.shot("02-dry-run")

    with journey.step("apply exactly what was shown"):
        with page.expect_navigation():
            page.get_by_role("button", name="Apply these changes").click()
        assert page.get_by_text("Ward statistics updated: 5 added, 1 changed").count() == 1
        assert WardStatistic.objects.count() == 6
        sign_out(page)

    with journey.step("a councillor opens the list of wards"):
        sign_in(page, live_server, "councillor@demo.test")
        _go(page, f"{base}/wards/")
        assert _h1(page) == "Ward profiles"
        row = page.get_by_role("row", name="Abbey")
        assert "Alex Abbey" in row.inner_text() and "10,250" in row.inner_text()
        assert page.get_by_role("link", name="Import ward statistics").count() == 0
        axe_check(page, context="ward list")
        journey.shot("03-list")

    with journey.step("and their ward's profile, with the chart and the table"):
        with page.expect_navigation():
            page.get_by_role("link", name="Abbey", exact=True).click()
        assert _h1(page) == "Abbey"
        chart = page.get_by_role("img", name="Bar chart: Age")
        assert chart.count() == 1
        assert chart.locator("rect").count() >= 4  # two bars, two averages (and the legend)
        table = page.get_by_role("table", name="Age: the figures in the chart")
        assert "1,830 people" in table.inner_text()
        assert "1,665 people" in table.inner_text()  # the borough average
        figures = page.locator("#topic-age g[data-label]")
        assert [figures.nth(i).get_attribute("data-value") for i in range(2)] == [
            "1,830",
            "2,100",
        ]
        activity = page.get_by_role("table", name="By service area")
        assert "fewer than 5" in activity.inner_text()  # one housing case
        assert page.get_by_text("Abbey Library").count() == 1
        assert page.get_by_role("link", name="Change the description and area").count() == 0
        axe_check(page, context="ward profile")
        journey.shot("04-profile")
