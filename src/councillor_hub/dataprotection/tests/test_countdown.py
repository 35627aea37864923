from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from councillor_hub.dataprotection.countdown import breach_countdown, when_text
from councillor_hub.dataprotection.models import Breach, IcoDecision

LONDON = ZoneInfo("Europe/London")


def _breach(discovered, **extra):
    # Not saved: the countdown needs only the fields.
    return Breach(discovered_at=discovered, **extra)


def test_deadline_is_72_hours_after_discovery():
    discovered = datetime(2026, 11, 25, 12, 30, tzinfo=LONDON)
    assert _breach(discovered).ico_deadline == datetime(2026, 11, 28, 12, 30, tzinfo=LONDON)


def test_hours_left_in_local_time():
    discovered = datetime(2026, 11, 25, 12, 30, tzinfo=LONDON)
    now = datetime(2026, 11, 27, 22, 0, tzinfo=LONDON)
    countdown = breach_countdown(_breach(discovered), now=now)
    assert countdown.text == "Report to the ICO by 12:30 on 28 November 2026 — 14 hours left"
    assert not countdown.passed


def test_summer_time_shown_as_uk_time():
    # 09:00 UTC in July is 10:00 in London (BST).
    discovered = datetime(2026, 7, 1, 9, 0, tzinfo=ZoneInfo("UTC"))
    assert when_text(_breach(discovered).ico_deadline) == "10:00 on 4 July 2026"


def test_deadline_across_the_clocks_going_back():
    # The clocks go back at 02:00 BST on 25 October 2026: 72 real hours from 12:00 BST on
    # 23 October is 11:00 GMT on 26 October.
    discovered = datetime(2026, 10, 23, 12, 0, tzinfo=LONDON)
    assert when_text(_breach(discovered).ico_deadline) == "11:00 on 26 October 2026"


@pytest.mark.parametrize(
    "left,words",
    [
        (timedelta(hours=1, minutes=59), "1 hour left"),
        (timedelta(minutes=59, seconds=30), "59 minutes left"),
        (timedelta(minutes=1), "1 minute left"),
        (timedelta(seconds=20), "less than a minute left"),
        (timedelta(hours=71, minutes=30), "71 hours left"),
    ],
)
def test_time_left_words(left, words):
    now = timezone.now()
    countdown = breach_countdown(_breach(now - timedelta(hours=72) + left), now=now)
    assert countdown.text.endswith(words)


def test_deadline_passed():
    discovered = datetime(2026, 11, 1, 8, 5, tzinfo=LONDON)
    now = datetime(2026, 11, 4, 8, 5, tzinfo=LONDON)
    countdown = breach_countdown(_breach(discovered), now=now)
    assert countdown.passed
    assert countdown.text.startswith("Deadline passed")
    assert "08:05 on 4 November 2026" in countdown.text


def test_reported_stops_the_clock():
    discovered = datetime(2026, 11, 1, 8, 0, tzinfo=LONDON)
    on_time = _breach(discovered, reported_to_ico_at=discovered + timedelta(hours=10))
    late = _breach(discovered, reported_to_ico_at=discovered + timedelta(hours=80))
    now = discovered + timedelta(days=10)
    assert breach_countdown(on_time, now=now).text == (
        "Reported to the ICO at 18:00 on 1 November 2026"
    )
    assert breach_countdown(on_time, now=now).finished
    assert breach_countdown(late, now=now).text.endswith("(after the 72-hour deadline)")


def test_decided_not_to_report():
    discovered = datetime(2026, 11, 1, 8, 0, tzinfo=LONDON)
    breach = _breach(discovered, ico_decision=IcoDecision.DO_NOT_REPORT)
    countdown = breach_countdown(breach, now=discovered + timedelta(days=5))
    assert countdown.finished and not countdown.passed
    assert countdown.text == "Decided not to report to the ICO"
