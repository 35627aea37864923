"""Signing in, in a real browser, with axe-core scans."""

import pytest

from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_sign_in_page_is_accessible_and_signing_in_lands_on_the_dashboard(page, live_server):
    CouncillorFactory(email="councillor@demo.test", full_name="Alex Abbey")
    page.goto(f"{live_server.url}/")
    assert "/accounts/sign-in/" in page.url
    assert page.title() == "Sign in – Councillor Hub"
    # The GOV.UK stylesheet loaded: the header is GOV.UK black and the font is GDS Transport.
    assert page.evaluate(
        "() => getComputedStyle(document.querySelector('.govuk-header')).backgroundColor"
    ) in {"rgb(11, 12, 12)", "rgb(29, 112, 184)"}
    axe_check(page, context="sign-in page")

    sign_in(page, live_server, "councillor@demo.test")
    assert page.url.rstrip("/").endswith("/casework")
    assert page.get_by_role("heading", level=1).count() == 1
    axe_check(page, context="dashboard")
    sign_out(page)
    assert page.title() == "Sign in – Councillor Hub"


def test_wrong_password_error_summary_is_accessible(page, live_server):
    UserFactory(email="person@example.test")
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Email address").fill("person@example.test")
    page.get_by_label("Password").fill("not-my-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter a correct email address and password" in summary.inner_text()
    assert page.get_by_label("Email address").input_value() == "person@example.test"
    assert page.get_by_label("Password").input_value() == ""
    axe_check(page, context="sign-in error")


def test_people_without_casework_land_on_the_home_page(page, live_server):
    UserFactory(email="officer@example.test", full_name="Olu Officer")
    sign_in(page, live_server, "officer@example.test")
    assert page.url == f"{live_server.url}/"
    assert "Welcome, Olu" in page.get_by_role("heading", level=1).inner_text()
    axe_check(page, context="home")
