"""The search box in real Chromium: a councillor types a misspelt word into the header box,
gets corrected results, filters them and follows one; axe-core finds no serious problem."""

from __future__ import annotations

import pytest

from councillor_hub.browser_tests.conftest import axe_check, sign_in
from councillor_hub.search.tests.conftest import hub  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser


def test_search_journey(page, live_server, hub, world, settings):  # noqa: F811 (fixture)
    sign_in(page, live_server, world.councillor.email)
    page.goto(f"{live_server.url}/directory/out-of-hours/")
    page.get_by_role("searchbox", name="Search the hub").fill("hihgways smith")
    with page.expect_navigation():
        page.get_by_role("search", name="Search the hub").get_by_role(
            "button", name="Search"
        ).click()
    assert page.get_by_role("heading", level=1).inner_text() == "1 result for ‘hihgways smith’"
    assert page.get_by_text("Showing results for highways smith").is_visible()
    axe_check(page, context="search results")

    page.get_by_label("Search officers, teams").fill("highways")
    with page.expect_navigation():
        page.get_by_role("button", name="Search", exact=True).click()
    with page.expect_navigation():
        page.get_by_role("link", name="FAQs (2)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "2 results for ‘highways’ in FAQs"
    axe_check(page, context="filtered search results")

    page.goto(f"{live_server.url}/search/?q=xylophone")
    assert page.get_by_text("There are no matching results.").is_visible()
    axe_check(page, context="no results")
