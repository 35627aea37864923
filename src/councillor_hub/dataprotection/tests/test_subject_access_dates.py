"""Subject access deadlines: the same day next month, or that month's last day (31 January
gives the last day of February, 29th in a leap year), extendable by two months."""

import calendar
from datetime import date

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from councillor_hub.dataprotection.dates import (
    add_months,
    days_until,
    sar_due_date,
    sar_latest_extended_due,
)

# Leave room at the top of the calendar for the three months added in these tests.
dates = st.dates(min_value=date(1900, 1, 1), max_value=date(9998, 9, 30))


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@pytest.mark.parametrize(
    "received,due",
    [
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29)),  # leap year
        (date(2000, 1, 31), date(2000, 2, 29)),  # divisible by 400: leap
        (date(2100, 1, 31), date(2100, 2, 28)),  # divisible by 100: not leap
        (date(2024, 1, 29), date(2024, 2, 29)),
        (date(2025, 1, 29), date(2025, 2, 28)),
        (date(2026, 1, 30), date(2026, 2, 28)),
        (date(2026, 3, 31), date(2026, 4, 30)),
        (date(2026, 8, 31), date(2026, 9, 30)),
        (date(2026, 12, 31), date(2027, 1, 31)),  # into the next year
        (date(2026, 12, 15), date(2027, 1, 15)),
        (date(2026, 2, 28), date(2026, 3, 28)),  # not the last day of March
        (date(2026, 6, 1), date(2026, 7, 1)),
    ],
)
def test_due_date_examples(received, due):
    assert sar_due_date(received) == due


@pytest.mark.parametrize(
    "due,latest",
    [
        (date(2026, 2, 28), date(2026, 4, 28)),
        (date(2025, 12, 31), date(2026, 2, 28)),
        (date(2023, 12, 31), date(2024, 2, 29)),
        (date(2026, 11, 30), date(2027, 1, 30)),
    ],
)
def test_latest_extension_examples(due, latest):
    assert sar_latest_extended_due(due) == latest


@given(dates)
@example(date(2024, 1, 31))
@example(date(2023, 1, 31))
@example(date(2100, 1, 31))
@example(date(2026, 12, 31))
def test_due_date_is_in_the_next_month(received):
    due = sar_due_date(received)
    expected_year = received.year + (1 if received.month == 12 else 0)
    expected_month = received.month % 12 + 1
    assert (due.year, due.month) == (expected_year, expected_month)


@given(dates)
def test_due_date_is_never_earlier_than_received(received):
    due = sar_due_date(received)
    assert due > received
    assert 28 <= (due - received).days <= 31


@given(dates)
@example(date(2024, 1, 31))
@example(date(2024, 3, 31))
def test_due_date_keeps_the_day_unless_clamped_to_the_month_end(received):
    due = sar_due_date(received)
    last = _last_day(due.year, due.month)
    if received.day <= last:
        assert due.day == received.day
    else:
        assert due.day == last


@given(st.integers(min_value=1900, max_value=9998))
def test_31_january_gives_the_last_day_of_february(year):
    due = sar_due_date(date(year, 1, 31))
    assert due == date(year, 2, 29 if calendar.isleap(year) else 28)


@given(dates, dates)
def test_due_dates_keep_their_order(first, second):
    if first <= second:
        assert sar_due_date(first) <= sar_due_date(second)


@given(dates)
def test_latest_extension_is_two_months_after_the_due_date(due):
    latest = sar_latest_extended_due(due)
    months = (latest.year - due.year) * 12 + latest.month - due.month
    assert months == 2
    assert latest > due
    assert latest.day == min(due.day, _last_day(latest.year, latest.month))


@given(
    st.dates(min_value=date(1200, 1, 1), max_value=date(8800, 12, 31)),
    st.integers(min_value=-1200, max_value=1200),
)
def test_add_months_lands_in_the_right_month(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day == min(day.day, _last_day(result.year, result.month))


@given(dates)
def test_add_zero_months_is_the_same_day(day):
    assert add_months(day, 0) == day


def test_days_until():
    assert days_until(date(2026, 2, 28), date(2026, 2, 20)) == 8
    assert days_until(date(2026, 2, 28), date(2026, 2, 28)) == 0
    assert days_until(date(2026, 2, 28), date(2026, 3, 2)) == -2
