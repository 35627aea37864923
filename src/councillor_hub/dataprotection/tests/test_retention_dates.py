"""Retention due dates: month arithmetic, the councillor's own shorter period, "keep" dates,
and the database pre-filter that lets the sweep load only records nearly due."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councillor_hub.casework.models import Status
from councillor_hub.dataprotection.models import CouncillorRetention, RecordType
from councillor_hub.dataprotection.services.retention import (
    _MONTH_END_SLACK,
    add_months,
    case_due_on,
    casework_keep_months,
    due_cases,
    due_enquiries,
    enquiry_due_on,
)

from .retention_fixtures import (
    closed_case,
    closed_enquiry,
    open_case,
    set_policy,
    standard_policies,
)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
        (date(2025, 5, 31), 24, date(2027, 5, 31)),
        (date(2025, 8, 31), 1, date(2025, 9, 30)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_add_months_clamps_to_the_calendar():
    assert add_months(date(9999, 6, 1), 32767) == date.max
    assert add_months(date(2, 6, 1), -32767) == date.min


@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31)), st.integers(0, 600))
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == day.day or (result.day < day.day and (result + timedelta(days=1)).day == 1)


@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31)),
    st.dates(min_value=date(1950, 1, 1), max_value=date(2200, 12, 31)),
    st.integers(1, 120),
)
def test_database_prefilter_never_misses_a_due_record(closed, horizon, months):
    """The sweep asks the database for records closed before horizon - N months + slack, then
    checks exactly: no record due by the horizon may fall outside that bound."""
    if add_months(closed, months) <= horizon:
        assert closed < add_months(horizon, -months) + _MONTH_END_SLACK


@pytest.fixture
def policies(db):
    standard_policies()


def test_case_due_two_years_after_closing(world, policies):
    case = closed_case(world.councillor, closed_on=date(2025, 3, 14))
    assert case_due_on(case) == date(2027, 3, 14)


def test_case_closed_on_31st_is_due_on_the_months_last_day(world, policies):
    set_policy(RecordType.CASEWORK, 1)
    case = closed_case(world.councillor, closed_on=date(2026, 1, 31))
    assert case_due_on(case) == date(2026, 2, 28)


def test_councillors_shorter_period(world, policies):
    CouncillorRetention.objects.create(councillor=world.councillor, casework_months=12)
    mine = closed_case(world.councillor, closed_on=date(2025, 3, 14))
    colleagues = closed_case(world.colleague, closed_on=date(2025, 3, 14))
    assert casework_keep_months(world.councillor.pk) == 12
    assert case_due_on(mine) == date(2026, 3, 14)
    assert case_due_on(colleagues) == date(2027, 3, 14)


def test_councillors_period_never_beyond_the_council_maximum(world, policies):
    CouncillorRetention.objects.create(councillor=world.councillor, casework_months=18)
    set_policy(RecordType.CASEWORK, 12)  # the council brought its maximum down since
    case = closed_case(world.councillor, closed_on=date(2025, 3, 14))
    assert case_due_on(case) == date(2026, 3, 14)


def test_keep_date_replaces_the_period(world, policies):
    case = closed_case(world.councillor, closed_on=date(2025, 3, 14), retain_until=date(2028, 1, 2))
    assert case_due_on(case) == date(2028, 1, 2)


def test_open_and_anonymised_cases_are_never_due(world, policies):
    assert case_due_on(open_case(world.councillor)) is None
    reopened = closed_case(world.councillor, closed_on=date(2020, 1, 1), status=Status.OPEN)
    assert case_due_on(reopened) is None
    from django.utils import timezone

    gone = closed_case(world.councillor, closed_on=date(2020, 1, 1), anonymised_at=timezone.now())
    assert case_due_on(gone) is None


@pytest.mark.parametrize(
    ("status", "due"),
    [
        ("closed", True),
        ("redirected", True),
        ("duplicate", True),
        ("answered", False),  # the member may still reopen it
        ("in_progress", False),
    ],
)
def test_enquiry_due_dates(world, policies, status, due):
    enquiry = closed_enquiry(world.councillor, closed_on=date(2025, 2, 10), status=status)
    assert enquiry_due_on(enquiry) == (date(2027, 2, 10) if due else None)


def test_due_cases_uses_each_owners_period(world, policies):
    CouncillorRetention.objects.create(councillor=world.councillor, casework_months=6)
    horizon = date(2026, 7, 1)
    mine_due = closed_case(world.councillor, closed_on=date(2025, 12, 31))  # due 30 Jun 2026
    mine_later = closed_case(world.councillor, closed_on=date(2026, 1, 2))  # due 2 Jul 2026
    other_due = closed_case(world.other, closed_on=date(2024, 7, 1))  # due 1 Jul 2026
    other_later = closed_case(world.other, closed_on=date(2025, 1, 1))
    kept = closed_case(world.other, closed_on=date(2020, 1, 1), retain_until=date(2026, 8, 1))
    kept_due = closed_case(world.other, closed_on=date(2026, 6, 1), retain_until=date(2026, 6, 30))
    found = {case.reference: due for case, due in due_cases(on_or_before=horizon)}
    assert found == {
        mine_due.reference: date(2026, 6, 30),
        other_due.reference: date(2026, 7, 1),
        kept_due.reference: date(2026, 6, 30),
    }
    assert mine_later.reference not in found
    assert other_later.reference not in found
    assert kept.reference not in found


def test_due_enquiries(world, policies):
    due = closed_enquiry(world.councillor, closed_on=date(2024, 6, 30))
    closed_enquiry(world.councillor, closed_on=date(2024, 7, 2))
    closed_enquiry(world.councillor, closed_on=date(2020, 1, 1), status="answered")
    found = {e.reference: d for e, d in due_enquiries(on_or_before=date(2026, 7, 1))}
    assert found == {due.reference: date(2026, 6, 30)}
