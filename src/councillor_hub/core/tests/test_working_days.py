"""The working-day calendar: examples around known bank holidays, and property tests."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st

from councillor_hub.core.working_days import (
    add_working_days,
    bank_holidays,
    is_office_hours,
    is_working_day,
    next_working_day_end,
    working_days_after,
    working_days_between,
)

LONDON = ZoneInfo("Europe/London")


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


# Start anywhere in 2024-2030, at any minute of the day, in local time.
starts = st.builds(
    lambda day, minutes: timezone.make_aware(
        datetime.combine(day, time(minutes // 60, minutes % 60))
    ),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=24 * 60 - 1),
)
spans = st.integers(min_value=0, max_value=40)


def test_weekends_and_bank_holidays_are_not_working_days():
    assert is_working_day(date(2026, 4, 2))  # Thursday before Easter
    assert not is_working_day(date(2026, 4, 3))  # Good Friday
    assert not is_working_day(date(2026, 4, 4))  # Saturday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert not is_working_day(date(2026, 12, 28))  # Boxing Day (substitute)
    assert date(2026, 8, 31) in bank_holidays(2026)


def test_nation_setting_changes_the_holidays(settings):
    settings.BANK_HOLIDAY_NATION = "SCT"
    assert not is_working_day(date(2026, 1, 2))  # 2 January is a holiday in Scotland
    assert is_working_day(date(2026, 4, 6))  # Easter Monday is not
    settings.BANK_HOLIDAY_NATION = "ENG"
    assert is_working_day(date(2026, 1, 2))


def test_add_working_days_skips_easter():
    # Thursday 2 April 2026 + 1 working day: Good Friday, the weekend and Easter Monday skipped.
    assert add_working_days(at(2026, 4, 2, 14, 30), 1) == at(2026, 4, 7, 14, 30)
    assert add_working_days(at(2026, 4, 2, 14, 30), 5) == at(2026, 4, 13, 14, 30)
    assert add_working_days(at(2026, 4, 2, 14, 30), 0) == at(2026, 4, 2, 14, 30)


def test_start_on_a_weekend_counts_from_the_next_working_day_opening():
    assert add_working_days(at(2026, 3, 7, 20, 0), 0) == at(2026, 3, 9, 9, 0)
    assert add_working_days(at(2026, 3, 7, 20, 0), 5) == at(2026, 3, 16, 9, 0)


def test_start_before_opening_counts_from_the_opening():
    assert add_working_days(at(2026, 3, 10, 7, 30), 0) == at(2026, 3, 10, 9, 0)
    assert add_working_days(at(2026, 3, 10, 7, 30), 1) == at(2026, 3, 11, 9, 0)
    assert add_working_days(at(2026, 3, 10, 19, 30), 1) == at(2026, 3, 11, 19, 30)


def test_utc_input_is_read_as_local_time():
    # 23:30 UTC on Friday 3 July 2026 is 00:30 on Saturday in London (summer time).
    start = datetime(2026, 7, 3, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert add_working_days(start, 1) == at(2026, 7, 7, 9, 0)


def test_next_working_day_end():
    assert next_working_day_end(at(2026, 4, 2, 8, 0)) == at(2026, 4, 7, 17, 0)
    assert next_working_day_end(at(2026, 3, 9, 16, 59)) == at(2026, 3, 10, 17, 0)
    assert next_working_day_end(at(2026, 3, 7, 12, 0)) == at(2026, 3, 9, 17, 0)


def test_working_days_between_examples():
    assert working_days_between(at(2026, 3, 9, 10), at(2026, 3, 9, 16)) == 0
    assert working_days_between(at(2026, 3, 9, 10), at(2026, 3, 10, 9)) == 0
    assert working_days_between(at(2026, 3, 9, 10), at(2026, 3, 10, 10)) == 1
    assert working_days_between(at(2026, 3, 9, 10), at(2026, 3, 14, 10)) == 4
    assert working_days_between(at(2026, 3, 9, 10), at(2026, 3, 1, 10)) == 0


def test_office_hours():
    assert is_office_hours(at(2026, 3, 9, 9, 0))
    assert not is_office_hours(at(2026, 3, 9, 17, 0))
    assert not is_office_hours(at(2026, 3, 7, 12, 0))
    assert not is_office_hours(at(2026, 4, 3, 12, 0))


@settings(max_examples=200, deadline=None)
@given(starts, spans)
def test_result_is_never_a_weekend_or_bank_holiday(start, n):
    result = add_working_days(start, n)
    assert result.weekday() < 5
    assert result.date() not in bank_holidays(result.year)
    assert is_working_day(result.date())
    assert result >= start


@settings(max_examples=200, deadline=None)
@given(starts, spans, spans)
def test_adding_is_monotonic_in_days(start, n, m):
    low, high = sorted((n, m))
    assert add_working_days(start, low) <= add_working_days(start, high)
    if low < high:
        assert add_working_days(start, low) < add_working_days(start, high)


@settings(max_examples=300, deadline=None)
@given(starts, st.integers(min_value=0, max_value=10 * 24 * 60), spans)
# New Year's Day 2024 (a bank holiday) at midnight, and the next working day at midnight.
@example(start=at(2024, 1, 1, 0, 0), later_by_minutes=1440, n=0)
def test_adding_is_monotonic_in_start(start, later_by_minutes, n):
    later = start + timedelta(minutes=later_by_minutes)
    assert add_working_days(start, n) <= add_working_days(later, n)


@settings(max_examples=200, deadline=None)
@given(starts, spans)
def test_between_inverts_add(start, n):
    assert working_days_between(start, add_working_days(start, n)) == n


@settings(max_examples=200, deadline=None)
@given(starts, spans, st.integers(min_value=0, max_value=15), st.integers(0, 20))
def test_pausing_pushes_the_due_date_by_the_paused_working_days(start, n, k, pause_after):
    """Pause k working days (from any moment before the due date) then resume: the due date
    moves on by exactly k working days."""
    due = add_working_days(start, n)
    paused_at = add_working_days(start, min(pause_after, n))
    resumed_at = add_working_days(paused_at, k)
    paused_days = working_days_between(paused_at, resumed_at)
    assert paused_days == k
    new_due = add_working_days(due, paused_days)
    assert working_days_between(due, new_due) == k
    assert is_working_day(new_due.date())


@given(
    st.dates(min_value=date(2023, 1, 1), max_value=date(2031, 12, 31)),
    st.integers(min_value=-10, max_value=1200),
)
def test_working_days_after_matches_walking_the_calendar(day, span):
    """The arithmetic count (weeks less bank holidays) equals counting day by day."""
    end_day = day + timedelta(days=span)
    walked, cursor = 0, day
    while cursor < end_day:
        cursor += timedelta(days=1)
        walked += is_working_day(cursor)
    assert working_days_after(day, end_day) == walked
