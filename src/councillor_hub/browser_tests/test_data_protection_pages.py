"""The breach register and a public privacy notice, in a real browser, with axe-core scans."""

import pytest

from councillor_hub.accounts.tests.factories import CouncillorFactory, WardFactory
from councillor_hub.browser_tests.conftest import axe_check, sign_in
from councillor_hub.dataprotection.defaults import DEFAULT_PRIVACY_NOTICE
from councillor_hub.dataprotection.models import PrivacyNoticeTemplate

pytestmark = pytest.mark.browser


def test_a_councillor_records_a_breach_and_sees_the_countdown(page, live_server):
    # Browser tests flush the database between tests, taking the migration's seeded template.
    PrivacyNoticeTemplate.objects.get_or_create(
        is_active=True,
        defaults={"name": "Council template", "body": DEFAULT_PRIVACY_NOTICE},
    )
    councillor = CouncillorFactory(
        email="councillor@demo.test", full_name="Alex Abbey", profile__ward=WardFactory()
    )
    page.goto(f"{live_server.url}/data-protection/privacy-notice/{councillor.pk}/")
    assert "Alex Abbey" in page.content()
    axe_check(page, context="public privacy notice")

    sign_in(page, live_server, "councillor@demo.test")
    page.goto(f"{live_server.url}/data-protection/breaches/")
    axe_check(page, context="breach register")
    page.goto(f"{live_server.url}/data-protection/breaches/record/")
    page.get_by_role("button", name="Record breach").click()
    assert page.title().startswith("Error:")
    axe_check(page, context="breach form with errors")

    page.get_by_label("What happened").fill("A letter to a constituent went to a neighbour.")
    page.get_by_label("When the breach was discovered").fill("2026-11-25T09:30")
    page.get_by_label("What personal data was involved").fill("Name, address and case summary")
    page.get_by_label("How many people are affected").fill("1")
    page.get_by_label("Not decided yet").check()
    page.get_by_role("button", name="Record breach").click()
    page.wait_for_url("**/data-protection/breaches/BR-*/")
    assert "Report to the ICO by" in page.content() or "Deadline passed" in page.content()
    axe_check(page, context="breach detail")
