"""When a member's personal support plan is due (pure functions, no database).

- The FIRST plan of a term is due `first_due_months` (SUPPORT_PLAN_FIRST_DUE_MONTHS, 6) after
  the term starts, on the same day of the month (the last day of a shorter month). It is done
  once a plan is completed on or after the term's start.
- After that the plan is refreshed once in each annual window (SUPPORT_PLAN_WINDOW: 1 May to
  31 July by default). A window whose first day comes on or before the first plan's due date
  needs no refresh: the first plan covers it (a member elected in May refreshes in the
  following year's window, not two months after election).
- A window is met by a plan completed on or after its first day; it is due until its last
  day, overdue after it. Only the latest window that has opened counts: a member who missed
  last year's window and completes this year is up to date.
- A member with no term start recorded (e.g. a co-opted member) has no first-plan rule:
  every window needs a plan.

`plan_due(...)` answers for one member on a day: the state (complete / due / overdue), the
date it is due by (or, when complete, the date the next one is due by) and whether that is the
first plan or a window.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from councillor_hub.dataprotection.dates import add_months

MonthDay = tuple[int, int]
WindowSetting = tuple[MonthDay, MonthDay]


class State(StrEnum):
    COMPLETE = "complete"
    DUE = "due"
    OVERDUE = "overdue"


STATE_LABELS = {State.COMPLETE: "Up to date", State.DUE: "Due", State.OVERDUE: "Overdue"}
STATE_TAG_COLOURS = {State.COMPLETE: "green", State.DUE: "yellow", State.OVERDUE: "red"}


class Kind(StrEnum):
    FIRST = "first"
    WINDOW = "window"


@dataclass(frozen=True)
class Window:
    start: datetime.date
    end: datetime.date

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class PlanDue:
    state: State
    kind: Kind
    due_on: datetime.date
    window: Window | None = None

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def colour(self) -> str:
        return STATE_TAG_COLOURS[self.state]

    @property
    def is_first(self) -> bool:
        return self.kind == Kind.FIRST


def check_window(window: WindowSetting) -> None:
    """Raise ValueError unless the window starts before it ends in the same calendar year."""
    (start_month, start_day), (end_month, end_day) = window
    if (start_month, start_day) >= (end_month, end_day):
        raise ValueError(
            "SUPPORT_PLAN_WINDOW must start before it ends in the same year, e.g. 05-01 to 07-31"
        )


def window_for_year(year: int, window: WindowSetting) -> Window:
    (start_month, start_day), (end_month, end_day) = window
    return Window(
        datetime.date(year, start_month, start_day), datetime.date(year, end_month, end_day)
    )


def latest_window(today: datetime.date, window: WindowSetting) -> Window:
    """The latest window that has opened on or before `today`."""
    this_year = window_for_year(today.year, window)
    return this_year if this_year.start <= today else window_for_year(today.year - 1, window)


def first_plan_due(term_start: datetime.date, first_due_months: int) -> datetime.date:
    return add_months(term_start, first_due_months)


def _next_required_window(
    after: datetime.date, first_due: datetime.date | None, window: WindowSetting
) -> Window:
    """The first window opening after `after` that needs a plan."""
    year = after.year
    while True:
        candidate = window_for_year(year, window)
        if candidate.start > after and (first_due is None or candidate.start > first_due):
            return candidate
        year += 1


def plan_due(
    *,
    term_start: datetime.date | None,
    completions: Iterable[datetime.date],
    today: datetime.date,
    first_due_months: int,
    window: WindowSetting,
) -> PlanDue:
    """Where one member stands on `today`, given the days their plans were completed."""
    done = sorted(day for day in completions if day <= today)
    first_due = None
    if term_start is not None:
        first_due = first_plan_due(term_start, first_due_months)
        if not any(day >= term_start for day in done):
            state = State.DUE if today <= first_due else State.OVERDUE
            return PlanDue(state, Kind.FIRST, first_due)
    current = latest_window(today, window)
    if first_due is not None and current.start <= first_due:
        upcoming = _next_required_window(current.start, first_due, window)
        return PlanDue(State.COMPLETE, Kind.WINDOW, upcoming.end, upcoming)
    if any(day >= current.start for day in done):
        upcoming = _next_required_window(current.start, first_due, window)
        return PlanDue(State.COMPLETE, Kind.WINDOW, upcoming.end, upcoming)
    state = State.DUE if today <= current.end else State.OVERDUE
    return PlanDue(state, Kind.WINDOW, current.end, current)


def reminder_due_on(
    due: PlanDue, *, today: datetime.date, days_before: int
) -> datetime.date | None:
    """The due date to remind the member about on `today`, or None. First plans: from
    `days_before` days before the due date. Windows: from the day the window opens. Overdue
    plans are reminded about too (the reminder record makes each date once)."""
    if due.state == State.COMPLETE:
        return None
    if due.kind == Kind.FIRST:
        opens = due.due_on - datetime.timedelta(days=days_before)
    else:
        opens = due.window.start if due.window else due.due_on
    return due.due_on if today >= opens else None
