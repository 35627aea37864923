"""The validity arithmetic (learning/validity.py): pure functions, checked as properties."""

import datetime
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from councillor_hub.dataprotection.dates import add_months
from councillor_hub.learning.validity import (
    EARLY_RENEWAL_WEEKS,
    Status,
    ValidityBasis,
    municipal_year_starting,
    topic_status,
    valid_until,
)

MAY_1 = (5, 1)
days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2090, 12, 31))
starts = st.tuples(st.integers(1, 12), st.integers(1, 28))


def topic(months=12, basis=ValidityBasis.MONTHS):
    return SimpleNamespace(valid_for_months=months, validity_basis=basis)


def done(day):
    return SimpleNamespace(completed_on=day)


@given(day=days, months=st.integers(1, 60))
def test_months_basis_is_add_months(day, months):
    until = valid_until(topic(months), day, municipal_year_start=MAY_1)
    assert until == add_months(day, months)
    assert until > day
    # Never more than the calendar months later, never shorter than a month per month less 3 days.
    assert (until - day).days <= months * 31
    assert (until - day).days >= months * 28


@pytest.mark.parametrize(
    ("completed", "expected"),
    [
        (datetime.date(2025, 1, 31), datetime.date(2026, 1, 31)),
        (datetime.date(2024, 2, 29), datetime.date(2025, 2, 28)),  # leap day
        (datetime.date(2023, 2, 28), datetime.date(2024, 2, 28)),
    ],
)
def test_twelve_months_at_month_ends_and_leap_years(completed, expected):
    assert valid_until(topic(12), completed, municipal_year_start=MAY_1) == expected


def test_one_month_from_31_january_ends_on_the_last_day_of_february():
    assert valid_until(topic(1), datetime.date(2024, 1, 31), municipal_year_start=MAY_1) == (
        datetime.date(2024, 2, 29)
    )
    assert valid_until(topic(1), datetime.date(2025, 1, 31), municipal_year_start=MAY_1) == (
        datetime.date(2025, 2, 28)
    )


@given(day=days, basis=st.sampled_from(list(ValidityBasis)))
def test_no_months_means_never_expires(day, basis):
    assert valid_until(topic(None, basis), day, municipal_year_start=MAY_1) is None


@given(day=days, start=starts)
def test_municipal_year_basis_ends_the_day_before_a_year_start(day, start):
    until = valid_until(topic(12, ValidityBasis.MUNICIPAL_YEAR), day, municipal_year_start=start)
    following = until + datetime.timedelta(days=1)
    assert (following.month, following.day) == start
    assert until >= day
    # It covers the rest of this municipal year, and at most the whole of the next one.
    assert municipal_year_starting(day, start) <= day
    assert (until - day).days < 366 + EARLY_RENEWAL_WEEKS * 7
    # Early in the year: only this municipal year; in the last weeks: the next one too.
    this_start = municipal_year_starting(day, start)
    next_start = this_start.replace(year=this_start.year + 1)
    early = next_start - day > datetime.timedelta(weeks=EARLY_RENEWAL_WEEKS)
    assert early == (municipal_year_starting(day, start) == municipal_year_starting(until, start))


@pytest.mark.parametrize(
    ("completed", "expected"),
    [
        (datetime.date(2025, 5, 1), datetime.date(2026, 4, 30)),  # first day of the year
        (datetime.date(2025, 4, 30), datetime.date(2026, 4, 30)),  # last day: counts for next
        (datetime.date(2025, 3, 5), datetime.date(2025, 4, 30)),  # 8 weeks + 1 day before
        (datetime.date(2025, 3, 6), datetime.date(2026, 4, 30)),  # exactly 8 weeks before
        (datetime.date(2024, 12, 31), datetime.date(2025, 4, 30)),
    ],
)
def test_municipal_year_around_the_year_start(completed, expected):
    assert (
        valid_until(topic(12, ValidityBasis.MUNICIPAL_YEAR), completed, municipal_year_start=MAY_1)
        == expected
    )


def status(completions, today, within=30, t=None):
    return topic_status(
        t or topic(12),
        completions,
        today=today,
        expiring_within_days=within,
        municipal_year_start=MAY_1,
    )


def test_missing_without_completions_or_only_future_ones():
    today = datetime.date(2025, 6, 1)
    assert status([], today).status == Status.MISSING
    assert status([done(datetime.date(2025, 6, 2))], today).status == Status.MISSING


def test_boundaries_of_valid_expiring_and_expired():
    completed = datetime.date(2024, 6, 1)
    until = datetime.date(2025, 6, 1)
    assert status([done(completed)], until - datetime.timedelta(days=31)).status == Status.VALID
    assert status([done(completed)], until - datetime.timedelta(days=30)).status == Status.EXPIRING
    assert status([done(completed)], until).status == Status.EXPIRING
    expired = status([done(completed)], until + datetime.timedelta(days=1))
    assert expired.status == Status.EXPIRED
    assert expired.valid_until == until
    assert not expired.is_valid


@given(
    completed=st.lists(days, min_size=1, max_size=5),
    today=days,
    within=st.integers(0, 120),
)
def test_status_follows_the_latest_completion(completed, today, within):
    result = status([done(day) for day in completed], today, within)
    past = [day for day in completed if day <= today]
    if not past:
        assert result.status == Status.MISSING
        return
    until = add_months(max(past), 12)
    assert result.completed_on == max(past)
    assert result.valid_until == until
    if until < today:
        assert result.status == Status.EXPIRED
    elif (until - today).days <= within:
        assert result.status == Status.EXPIRING
    else:
        assert result.status == Status.VALID
    assert result.is_valid == (until >= today)


def test_never_expiring_topic_is_valid_once_done():
    result = status([done(datetime.date(2001, 1, 1))], datetime.date(2050, 1, 1), t=topic(None))
    assert result.status == Status.VALID
    assert result.valid_until is None
