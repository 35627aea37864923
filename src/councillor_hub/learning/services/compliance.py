"""Compliance reminders, run by the background sweep (command `training_expiry_reminders`,
task learning.compliance_tasks.training_expiry_reminders_task):

- each member is reminded once per expiry, `reminder_days_before` days (the topic's setting)
  before their training for a topic they must hold expires (an ExpiryReminder row per member,
  topic and expiry date makes it once each, however often the sweep runs);
- democratic services are told, once per membership, topic and lapse date, about sitting
  members and substitutes of a committee whose required training lapses before the
  committee's next meeting (committees.TrainingLapseAlert).

Notifications name the topic or committee and a date, never the member (the link leads to
the page, behind sign-in)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.committees.models import Committee, TrainingLapseAlert
from councillor_hub.committees.services import long_date
from councillor_hub.notifications.services import notify

from ..models import ExpiryReminder
from ..selectors import committee_training_flags, compliance_records, learners_in_office

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReminderRun:
    members_reminded: int
    committee_alerts: int


def _expiry_title(topic_name: str, until: datetime.date) -> str:
    return f"Training to renew: your {topic_name} expires on {long_date(until)}"


def member_expiry_reminders(*, today: datetime.date | None = None) -> int:
    """Remind members whose training for a topic they must hold expires within the topic's
    reminder period (and has not expired yet). Returns how many reminders were sent."""
    today = today or timezone.localdate()
    records = compliance_records(learners_in_office(today), today)
    url = reverse("learning:my_training")
    sent = 0
    for rows in records.values():
        for row in rows:
            until = row.status.valid_until
            if until is None or until < today:
                continue
            if (until - today).days > row.topic.reminder_days_before:
                continue
            with transaction.atomic():
                _, created = ExpiryReminder.objects.get_or_create(
                    member=row.member, topic=row.topic, expires_on=until
                )
                if not created:
                    continue
                notify(recipients=[row.member], title=_expiry_title(row.topic.name, until), url=url)
            sent += 1
    return sent


def democratic_services() -> list[User]:
    """Who is told about committee training lapses: democratic services officers (the
    administrators when there are none)."""
    for role in (Role.DEMOCRATIC_SERVICES_OFFICER, Role.ADMINISTRATOR):
        people = list(
            User.objects.filter(is_active=True, roles__role=role).distinct().order_by("pk")
        )
        if people:
            return people
    return []


def committee_lapse_alerts(*, today: datetime.date | None = None) -> int:
    """Tell democratic services, one notification per committee, about sitting members and
    substitutes whose required training lapses (or has lapsed) before the next meeting; each
    membership, topic and lapse date once. Returns how many new lapses were reported."""
    today = today or timezone.localdate()
    recipients = democratic_services()
    if not recipients:
        logger.warning("Nobody in democratic services to tell about committee training lapses")
        return 0
    committees = (
        Committee.objects.filter(is_active=True, required_training_topics__isnull=False)
        .distinct()
        .order_by("name")
    )
    total = 0
    for committee in committees:
        training = committee_training_flags(committee, today)
        meeting = training.next_meeting
        if meeting is None or not training.flags:
            continue
        with transaction.atomic():
            new = 0
            for flag in training.flags:
                for status in [*flag.missing, *flag.lapsing]:
                    if status.valid_until is None:
                        continue  # never held: flagged on the page, not a lapse
                    _, created = TrainingLapseAlert.objects.get_or_create(
                        membership=flag.membership,
                        topic=status.topic,
                        lapses_on=status.valid_until,
                        defaults={"meeting": meeting},
                    )
                    new += created
            if new:
                people = "member's" if new == 1 else "members'"
                notify(
                    recipients=recipients,
                    title=f"{committee.name}: {new} {people} training lapses before the "
                    f"meeting on {long_date(meeting.day)}",
                    url=committee.get_absolute_url() + "#training",
                )
        total += new
    return total


def training_expiry_reminders(*, today: datetime.date | None = None) -> ReminderRun:
    """The whole sweep: members' expiry reminders, then democratic services' committee
    alerts. Idempotent."""
    today = today or timezone.localdate()
    return ReminderRun(
        members_reminded=member_expiry_reminders(today=today),
        committee_alerts=committee_lapse_alerts(today=today),
    )
