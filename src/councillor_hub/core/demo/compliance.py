"""Demo data for training compliance on committees: a year of meetings for every active
committee (a few past, the rest ahead; the Licensing Committee meets soon, so a member's
training lapsing before it is flagged), one appointment made without valid training with the
reason and who agreed it, and a sitting Licensing member whose training lapses before the
next meeting.

Runs AFTER build_committees and the learning demo (build_learning: topics, completions): it
reads the "Planning committee training" and "Licensing committee training" topics by name and
does what it can without them. Fictional throughout. Deterministic: its own random.Random
seeded from the builder's seed."""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING

from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from councillor_hub.accounts.models import User
from councillor_hub.committees.models import (
    Committee,
    CommitteeKind,
    CommitteeMeeting,
    CommitteeMembership,
    MemberRole,
)
from councillor_hub.committees.selectors import in_office_q
from councillor_hub.learning.models import Completion, CompletionSource, TrainingTopic
from councillor_hub.learning.selectors import committee_training_gaps
from councillor_hub.learning.validity import valid_until

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

PLACES = {
    CommitteeKind.FULL_COUNCIL: "Council Chamber, Demo Town Hall",
    CommitteeKind.CABINET: "Committee Room 1, Demo Town Hall",
}
DEFAULT_PLACE = "Committee Room 2, Demo Town Hall"
# (first meeting this many days from today, then every so many days)
CYCLES = {
    CommitteeKind.LICENSING: (12, 28),
    CommitteeKind.PLANNING: (19, 28),
    CommitteeKind.CABINET: (8, 28),
    CommitteeKind.FULL_COUNCIL: (26, 56),
}
DEFAULT_CYCLE = (33, 42)
PAST_MEETINGS = 2
FUTURE_MEETINGS = 6
OVERRIDE_REASON = (
    "Appointed to fill a vacancy before the next meeting. Planning training is booked for the "
    "next session; they will not vote on applications until it is completed."
)


def _meeting_at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 30)))


def _meetings(builder: DemoCouncilBuilder, rng: random.Random) -> list[CommitteeMeeting]:
    meetings = []
    for committee in Committee.objects.filter(is_active=True).order_by("pk"):
        first, every = CYCLES.get(committee.kind, DEFAULT_CYCLE)
        first += rng.randint(0, 2) if committee.kind not in CYCLES else 0
        place = PLACES.get(committee.kind, DEFAULT_PLACE)
        hour = 10 if committee.kind == CommitteeKind.PLANNING else 18
        for number in range(-PAST_MEETINGS, FUTURE_MEETINGS):
            day = builder.today + dt.timedelta(days=first + number * every)
            meetings.append(
                CommitteeMeeting(
                    committee=committee,
                    starts_at=_meeting_at(day, hour),
                    place=place,
                    # One cancelled date, to show how it looks.
                    is_cancelled=(committee.kind == CommitteeKind.CABINET and number == 2),
                )
            )
    return bulk_create_with_history(meetings, CommitteeMeeting)


def _link(topic_name: str, committee_name: str) -> tuple[TrainingTopic, Committee] | None:
    topic = TrainingTopic.objects.filter(name=topic_name).first()
    committee = Committee.objects.filter(name=committee_name, is_active=True).first()
    if topic is None or committee is None:
        return None
    topic.required_for_committees.add(committee)  # no-op when the learning demo did it
    return topic, committee


def _override(builder: DemoCouncilBuilder) -> int:
    """A substitute on Planning appointed without valid training, with who agreed and why."""
    linked = _link("Planning committee training", "Planning Committee")
    if linked is None:
        return 0
    _, committee = linked
    taken = set(committee.memberships.open().values_list("councillor_id", flat=True))
    candidates = (
        User.objects.filter(in_office_q(builder.today))
        .exclude(pk__in=taken)
        .exclude(pk=builder.councillor.pk)
        .order_by("pk")
    )
    start = builder.today - dt.timedelta(days=20)
    for candidate in candidates:
        if committee_training_gaps(candidate, committee, builder.today):
            membership = CommitteeMembership(
                committee=committee,
                councillor=candidate,
                role=MemberRole.SUBSTITUTE,
                start_date=start,
                training_override_reason=OVERRIDE_REASON,
                training_override_by=builder.democratic,
                training_override_at=_meeting_at(start, 11),
            )
            bulk_create_with_history([membership], CommitteeMembership)
            return 1
    return 0


def _lapsing(builder: DemoCouncilBuilder) -> int:
    """A sitting Licensing member whose training is valid today but lapses before the next
    meeting (a completion whose last valid day is a few days before it)."""
    linked = _link("Licensing committee training", "Licensing Committee")
    if linked is None:
        return 0
    topic, committee = linked
    meeting = (
        committee.meetings.filter(is_cancelled=False, starts_at__date__gt=builder.today)
        .order_by("starts_at")
        .first()
    )
    if meeting is None or topic.valid_for_months is None:
        return 0
    from django.conf import settings

    target = meeting.day - dt.timedelta(days=4)
    if target < builder.today:
        return 0
    completed = None
    for days_back in range(250, 1500):
        day = target - dt.timedelta(days=days_back)
        if valid_until(topic, day, municipal_year_start=settings.MUNICIPAL_YEAR_START) == target:
            completed = day
            break
    if completed is None:
        return 0
    members = (
        CommitteeMembership.objects.current(builder.today)
        .filter(committee=committee)
        .exclude(councillor=builder.councillor)
        .order_by("pk")
    )
    for membership in members:
        later = Completion.objects.filter(
            member_id=membership.councillor_id, topic=topic, completed_on__gt=completed
        ).exists()
        if not later:
            bulk_create_with_history(
                [
                    Completion(
                        member_id=membership.councillor_id,
                        topic=topic,
                        completed_on=completed,
                        source=CompletionSource.MANUAL,
                        note="Demo: licensing training at a neighbouring council.",
                        recorded_by=builder.democratic,
                    )
                ],
                Completion,
            )
            return 1
    return 0


def build_compliance(builder: DemoCouncilBuilder) -> dict[str, int]:
    rng = random.Random(f"compliance-{builder.seed}")
    meetings = _meetings(builder, rng)
    return {
        "committee meetings": len(meetings),
        "appointments without valid training": _override(builder),
        "committee members whose training lapses before the next meeting": _lapsing(builder),
    }
