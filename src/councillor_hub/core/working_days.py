"""The council's working-day calendar: weekdays that are not bank holidays in the council's
nation (settings.BANK_HOLIDAY_NATION: ENG, WLS, SCT or NIR), from the maintained `holidays`
package rather than a hand-typed list. Office hours come from settings.OFFICE_OPENS and
settings.OFFICE_CLOSES ("09:00", "17:00").

All clock times are the council's local time (settings.TIME_ZONE); aware datetimes in any zone
are accepted, naive ones are taken as local time. Results are aware, in local time.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone


@lru_cache(maxsize=64)
def _bank_holidays(nation: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv=nation, years=year).keys())


def bank_holidays(year: int) -> frozenset[date]:
    """The bank holidays in `year` for the council's nation (cached per nation and year)."""
    return _bank_holidays(settings.BANK_HOLIDAY_NATION, year)


def _parse_time(value: str | time) -> time:
    if isinstance(value, time):
        return value
    hours, _, minutes = value.partition(":")
    return time(int(hours), int(minutes or 0))


def office_opens() -> time:
    return _parse_time(getattr(settings, "OFFICE_OPENS", "09:00"))


def office_closes() -> time:
    return _parse_time(getattr(settings, "OFFICE_CLOSES", "17:00"))


def is_working_day(day: date) -> bool:
    """A weekday that is not a bank holiday."""
    if isinstance(day, datetime):
        day = _local(day).date()
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def next_working_day(day: date) -> date:
    """The first working day strictly after `day`."""
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def _local(moment: datetime) -> datetime:
    if timezone.is_naive(moment):
        return timezone.make_aware(moment)
    return timezone.localtime(moment)


def _at(day: date, clock: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, clock))


def _normalise(start: datetime) -> tuple[date, time]:
    """The working day and clock time counting starts from: a start on a weekend or bank
    holiday counts from the opening of the next working day, and one before opening time on
    a working day from that day's opening (so that a later start never gives an earlier
    result)."""
    local = _local(start)
    opens = office_opens()
    if is_working_day(local.date()):
        return local.date(), max(local.time().replace(tzinfo=None), opens)
    return next_working_day(local.date()), opens


def add_working_days(start: datetime, days: int) -> datetime:
    """`days` working days after `start`, at the same clock time, on a working day. A start
    on a weekend or bank holiday counts from the next working day's opening time, and one
    before opening time on a working day from that day's opening."""
    if days < 0:
        raise ValueError("days must not be negative")
    day, clock = _normalise(start)
    for _ in range(days):
        day = next_working_day(day)
    return _at(day, clock)


def _weekdays_to(day: date) -> int:
    """Weekdays from 1 January of year 1 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    return weeks * 5 + min(rest, 5)


def working_days_after(day: date, end_day: date) -> int:
    """Working days after `day` up to and including `end_day` (0 if none), by arithmetic on
    weeks less the bank holidays that fall on weekdays: reports ask this for thousands of
    enquiries up to years old, where walking the calendar a day at a time was the cost."""
    if end_day <= day:
        return 0
    count = _weekdays_to(end_day) - _weekdays_to(day)
    for year in range(day.year, end_day.year + 1):
        count -= sum(
            1
            for holiday in bank_holidays(year)
            if day < holiday <= end_day and holiday.weekday() < 5
        )
    return count


def working_days_between(start: datetime, end: datetime) -> int:
    """Whole working days from `start` to `end`: the largest n with
    add_working_days(start, n) <= end (0 when end is not after start)."""
    day, clock = _normalise(start)
    local_end = _local(end)
    if local_end <= _at(day, clock):
        return 0
    end_day = local_end.date()
    count = working_days_after(day, end_day)
    if count and is_working_day(end_day) and local_end.time().replace(tzinfo=None) < clock:
        count -= 1
    return count


def next_working_day_end(start: datetime) -> datetime:
    """Close of business (settings.OFFICE_CLOSES, 17:00) on the first working day after the
    day of `start`: e.g. the deadline for acknowledging an enquiry."""
    return _at(next_working_day(_local(start).date()), office_closes())


def is_office_hours(moment: datetime | None = None) -> bool:
    """Whether `moment` (default now) falls within office hours on a working day."""
    local = _local(moment or timezone.now())
    return is_working_day(local.date()) and office_opens() <= local.time() < office_closes()
