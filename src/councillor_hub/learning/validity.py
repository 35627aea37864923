"""How long a training completion counts (pure functions, no database).

Two bases, chosen per topic (TrainingTopic.validity_basis):

- Months from completion: valid until the same day `valid_for_months` later, inclusive; where
  that month has no such day (31 January + 1 month) the last day of the month. This is
  dataprotection/dates.py `add_months`, shared so the month-end rule is written once.
- Municipal year: valid until the last day of the municipal year in which it was completed.
  A completion in the last EARLY_RENEWAL_WEEKS weeks of a municipal year counts for the next
  one too, so members who train in the spring before the annual meeting are not out of date
  a few weeks later. The municipal year starts on a (month, day) setting,
  MUNICIPAL_YEAR_START (COUNCILLOR_HUB_MUNICIPAL_YEAR_START="05-01" by default).
  `valid_for_months` only says whether the topic expires at all on this basis.

A topic with no `valid_for_months` never expires.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from councillor_hub.dataprotection.dates import add_months

EARLY_RENEWAL_WEEKS = 8

MonthDay = tuple[int, int]


class ValidityBasis(StrEnum):
    MONTHS = "months"
    MUNICIPAL_YEAR = "municipal_year"


class Status(StrEnum):
    VALID = "valid"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    MISSING = "missing"


STATUS_LABELS = {
    Status.VALID: "Valid",
    Status.EXPIRING: "Expiring soon",
    Status.EXPIRED: "Expired",
    Status.MISSING: "Missing",
}


class TopicLike(Protocol):
    valid_for_months: int | None
    validity_basis: str


class CompletionLike(Protocol):
    completed_on: datetime.date


def municipal_year_starting(day: datetime.date, start: MonthDay) -> datetime.date:
    """The first day of the municipal year that contains `day`."""
    month, month_day = start
    this_year = datetime.date(day.year, month, month_day)
    return this_year if day >= this_year else datetime.date(day.year - 1, month, month_day)


def valid_until(
    topic: TopicLike,
    completed_on: datetime.date,
    *,
    municipal_year_start: MonthDay,
    early_renewal_weeks: int = EARLY_RENEWAL_WEEKS,
) -> datetime.date | None:
    """The last day a completion on `completed_on` counts; None if it never expires."""
    if topic.valid_for_months is None:
        return None
    if topic.validity_basis == ValidityBasis.MUNICIPAL_YEAR:
        month, day = municipal_year_start
        year_start = municipal_year_starting(completed_on, municipal_year_start)
        next_start = datetime.date(year_start.year + 1, month, day)
        if completed_on >= next_start - datetime.timedelta(weeks=early_renewal_weeks):
            next_start = datetime.date(next_start.year + 1, month, day)
        return next_start - datetime.timedelta(days=1)
    return add_months(completed_on, topic.valid_for_months)


@dataclass(frozen=True)
class TopicStatus:
    """One topic's standing for one member on one day."""

    topic: TopicLike
    status: Status
    valid_until: datetime.date | None = None
    completed_on: datetime.date | None = None

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_valid(self) -> bool:
        """Whether the member holds the training today (expiring soon still counts)."""
        return self.status in (Status.VALID, Status.EXPIRING)


def topic_status(
    topic: TopicLike,
    completions: Iterable[CompletionLike],
    *,
    today: datetime.date,
    expiring_within_days: int,
    municipal_year_start: MonthDay,
) -> TopicStatus:
    """The standing given a member's completions of `topic`: the latest completion up to
    today decides (completions dated after today are ignored). Valid through `valid_until`
    inclusive; expiring soon when that is at most `expiring_within_days` days away."""
    dates = [c.completed_on for c in completions if c.completed_on <= today]
    if not dates:
        return TopicStatus(topic, Status.MISSING)
    latest = max(dates)
    until = valid_until(topic, latest, municipal_year_start=municipal_year_start)
    if until is None:
        return TopicStatus(topic, Status.VALID, None, latest)
    if until < today:
        return TopicStatus(topic, Status.EXPIRED, until, latest)
    if (until - today).days <= expiring_within_days:
        return TopicStatus(topic, Status.EXPIRING, until, latest)
    return TopicStatus(topic, Status.VALID, until, latest)
