"""Calendar arithmetic for subject access requests (pure functions, no database).

The UK GDPR gives a controller one month to answer a subject access request, counted from
the day it is received to the corresponding calendar date in the next month; where the next
month has no such date (31 January) the deadline is that month's last day (28 or 29
February). The controller may extend by up to two further months (Article 12(3)), telling
the requester why within the first month.
"""

from __future__ import annotations

import calendar
from datetime import date

EXTENSION_MONTHS = 2


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later (earlier if negative); the last day of the
    target month where it has no such day. Clamped to the calendar's range. Used for subject
    access deadlines and retention due dates alike."""
    index = day.year * 12 + (day.month - 1) + months
    year, month_index = divmod(index, 12)
    if year < date.min.year:
        return date.min
    if year > date.max.year:
        return date.max
    month = month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def sar_due_date(received: date) -> date:
    """When a request received on `received` must be answered."""
    return add_months(received, 1)


def sar_latest_extended_due(due: date) -> date:
    """The latest a deadline of `due` may be extended to: two further months."""
    return add_months(due, EXTENSION_MONTHS)


def days_until(due: date, today: date) -> int:
    """Days from `today` to `due`: negative once `due` has passed."""
    return (due - today).days
