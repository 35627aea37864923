"""Issue 4, item 1: a councillor reviews the cases due under the retention policy and
anonymises one. Its figures stay in the patterns page while its personal details are gone
from the case page. Every retention page passes an axe-core scan."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import (
    CouncillorFactory,
    PoliticalGroupFactory,
    ServiceAreaFactory,
    UserFactory,
    WardFactory,
)
from councillor_hub.browser_tests.conftest import axe_check, sign_in, sign_out
from councillor_hub.browser_tests.test_casework_journey import Journey
from councillor_hub.casework.models import Case, Outcome, Status
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    ConstituentFactory,
    TimelineEntryFactory,
)
from councillor_hub.dataprotection.models import RecordType, RetentionPolicy
from councillor_hub.dataprotection.services.retention import add_months, retention_sweep

pytestmark = pytest.mark.browser

NAME_FIRST = "Philippa"
NAME_LAST = "Wrenfield-Oakes"
DESCRIPTION = "Ms Wrenfield-Oakes reports flooding from a blocked drain outside her home."
NOTE = "Called Ms Wrenfield-Oakes; the drain team will visit on Friday."


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


def _closed_case(owner, *, ward, category, closed_on: date, title: str, person=None) -> Case:
    case = CaseFactory(
        owner=owner,
        ward=ward,
        category=category,
        title=title,
        description=DESCRIPTION if person else "",
        status=Status.CLOSED,
        outcome=Outcome.RESOLVED,
        opened_at=_aware(closed_on - timedelta(days=30)),
        closed_at=_aware(closed_on),
        constituents=[person] if person else [],
    )
    if person:
        TimelineEntryFactory(case=case, body=NOTE)
    return case


@pytest.fixture
def setting(transactional_db):
    """The live server's database is flushed between tests, taking the data migrations'
    service areas and retention policies: make what the journey needs."""
    for record_type, months in (
        (RecordType.CASEWORK, 24),
        (RecordType.ENQUIRIES, 24),
        (RecordType.ATTACHMENTS, 24),
        (RecordType.AUDIT, 72),
    ):
        RetentionPolicy.objects.update_or_create(
            record_type=record_type, defaults={"keep_months": months}
        )
    drainage = ServiceAreaFactory(name="Highways", slug="highways")
    abbey = WardFactory(name="Abbey", ons_code="E05000001")
    councillor = CouncillorFactory(
        email="councillor@demo.test",
        full_name="Alex Abbey",
        profile__ward=abbey,
        profile__political_group=PoliticalGroupFactory(name="Red Party"),
    )
    UserFactory(
        email="dpo@demo.test", full_name="Dana Officer", roles=[Role.DATA_PROTECTION_OFFICER]
    )
    today = timezone.localdate()
    person = ConstituentFactory(owner=councillor, first_name=NAME_FIRST, last_name=NAME_LAST)
    due = _closed_case(
        councillor,
        ward=abbey,
        category=drainage,
        closed_on=add_months(today + timedelta(days=10), -24),
        title=f"Blocked drain for {NAME_FIRST} {NAME_LAST}",
        person=person,
    )
    also_due = _closed_case(
        councillor,
        ward=abbey,
        category=drainage,
        closed_on=add_months(today + timedelta(days=20), -24),
        title="Streetlight out on Mill Lane",
    )
    run = retention_sweep(today=today)
    assert run.reviews_opened == 2
    return {"councillor": councillor, "due": due, "also_due": also_due}


def _h1(page) -> str:
    return page.get_by_role("heading", level=1).inner_text().strip()


def _patterns_row(page, section: str, label: str) -> str:
    table = page.locator(f"#pattern-{section} table")
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=label))
    return row.get_by_role("cell").inner_text().strip()


def test_councillor_anonymises_a_case_due_for_retention(page, live_server, setting):
    journey = Journey(page)
    base = live_server.url
    reference = setting["due"].reference
    other_reference = setting["also_due"].reference

    with journey.step("sign in; the patterns page counts both closed cases"):
        sign_in(page, live_server, "councillor@demo.test")
        page.goto(f"{base}/casework/patterns/")
        assert _patterns_row(page, "category", "Highways") == "2"
        assert _patterns_row(page, "ward", "Abbey") == "2"

    with journey.step("the notification and the Data protection start page"):
        page.goto(f"{base}/")
        with page.expect_navigation():
            page.get_by_role("navigation", name="Menu").get_by_role(
                "link", name="Data protection"
            ).click()
        assert _h1(page) == "Data protection"
        with page.expect_navigation():
            page.get_by_role("link", name="Retention review").click()

    with journey.step("the review list shows both cases, without personal details"):
        assert _h1(page) == "Retention review"
        assert page.get_by_role("link", name=re.compile(reference)).count() >= 1
        assert page.get_by_role("link", name=re.compile(other_reference)).count() >= 1
        content = page.content()
        assert NAME_LAST not in content and "Blocked drain" not in content
        axe_check(page, context="retention review list")
        journey.shot("retention-01-list")

    with journey.step("the bulk confirmation asks first (and is left with Cancel)"):
        page.get_by_label(f"Select {reference}").check()
        page.get_by_label(f"Select {other_reference}").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Anonymise selected").click()
        assert _h1(page) == "You are about to anonymise 2 cases"
        axe_check(page, context="bulk confirmation")
        journey.shot("retention-02-confirm")
        with page.expect_navigation():
            page.get_by_role("link", name="Cancel").click()
        assert _h1(page) == "Retention review"

    with journey.step("open the case's review: a summary and the decision form"):
        with page.expect_navigation():
            page.get_by_role("link", name=f"Decide on {reference}").click()
        assert _h1(page) == reference
        assert NAME_LAST not in page.content()
        axe_check(page, context="retention decision")
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm decision").click()
        assert page.title().startswith("Error:")
        axe_check(page, context="retention decision with errors")
        journey.shot("retention-03-decide")

    with journey.step("anonymise it"):
        page.get_by_label("Anonymise it").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm decision").click()
        assert _h1(page) == "Retention review"
        assert page.get_by_text(f"{reference} anonymised").count() == 1
        assert page.get_by_role("link", name=f"Decide on {reference}").count() == 0
        with page.expect_navigation():
            page.get_by_role("link", name="Decided").click()
        decided = page.get_by_role("link", name=f"Anonymised {reference}")
        assert decided.count() == 1, page.get_by_role("table").inner_html()
        axe_check(page, context="decided reviews")
        journey.shot("retention-04-decided")

    with journey.step("the patterns page still counts it"):
        page.goto(f"{base}/casework/patterns/")
        assert _patterns_row(page, "category", "Highways") == "2"
        assert _patterns_row(page, "ward", "Abbey") == "2"
        journey.shot("retention-05-patterns")

    with journey.step("the case page has no personal details left"):
        page.goto(f"{base}/casework/cases/{reference}/")
        content = page.content()
        for gone in (NAME_FIRST, NAME_LAST, DESCRIPTION, NOTE, "Blocked drain"):
            assert gone not in content, gone
        assert "Highways" in content and "Abbey" in content
        journey.shot("retention-06-case")

    with journey.step("the councillor's own retention period"):
        page.goto(f"{base}/data-protection/retention/period/")
        axe_check(page, context="retention period")
        page.get_by_label("How many months to keep your closed cases").fill("36")
        with page.expect_navigation():
            page.get_by_role("button", name="Save").click()
        assert page.title().startswith("Error:")
        assert page.get_by_text("The council's maximum is 24 months").count() >= 1
        axe_check(page, context="retention period with errors")
        page.get_by_label("How many months to keep your closed cases").fill("12")
        with page.expect_navigation():
            page.get_by_role("button", name="Save").click()
        assert page.get_by_text("Your closed cases will be kept for 12 months").count() == 1
        journey.shot("retention-07-period")

    with journey.step("the data protection officer reads the sweep reports"):
        sign_out(page)
        sign_in(page, live_server, "dpo@demo.test")
        page.goto(f"{base}/data-protection/retention/runs/")
        assert _h1(page) == "Retention sweep reports"
        axe_check(page, context="retention sweep reports")
        page.goto(f"{base}/data-protection/retention/")
        axe_check(page, context="retention review list, empty")
        journey.shot("retention-08-runs")

    case = Case.unrestricted.get(reference=reference)
    assert case.is_anonymised
