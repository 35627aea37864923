"""The 72-hour ICO reporting deadline, in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from .models import Breach, IcoDecision


@dataclass(frozen=True)
class Countdown:
    text: str
    passed: bool = False
    finished: bool = False  # reported, or decided not to report: no clock to watch


def when_text(moment: datetime) -> str:
    """'12:30 on 28 November 2026' in local (UK) time."""
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local.day} {local:%B %Y}"


def _left(seconds: float) -> str:
    hours = int(seconds // 3600)
    if hours >= 1:
        return f"{hours} hour{'s' if hours != 1 else ''} left"
    minutes = int(seconds // 60)
    if minutes >= 1:
        return f"{minutes} minute{'s' if minutes != 1 else ''} left"
    return "less than a minute left"


def breach_countdown(breach: Breach, *, now: datetime | None = None) -> Countdown:
    deadline = breach.ico_deadline
    if breach.reported_to_ico_at is not None:
        late = breach.reported_to_ico_at > deadline
        return Countdown(
            f"Reported to the ICO at {when_text(breach.reported_to_ico_at)}"
            + (" (after the 72-hour deadline)" if late else ""),
            finished=True,
        )
    if breach.ico_decision == IcoDecision.DO_NOT_REPORT:
        return Countdown("Decided not to report to the ICO", finished=True)
    remaining = (deadline - (now or timezone.now())).total_seconds()
    if remaining <= 0:
        return Countdown(
            f"Deadline passed: the ICO should have been told by {when_text(deadline)}",
            passed=True,
        )
    return Countdown(f"Report to the ICO by {when_text(deadline)} — {_left(remaining)}")
