"""Member development reads: a member's compliance and a committee's eligibility.

Both run a fixed number of queries whatever the number of topics, members or completions:
the catalogue is small, so topics are loaded whole and matched to roles in Python (the
role list is JSON, which SQLite cannot search inside)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from councillor_hub.accounts.models import UserRole
from councillor_hub.committees.models import Committee, CommitteeMembership

from .models import Completion, TrainingTopic
from .validity import TopicStatus, topic_status


def _status(topic, completions, today) -> TopicStatus:
    return topic_status(
        topic,
        completions,
        today=today,
        expiring_within_days=topic.reminder_days_before,
        municipal_year_start=settings.MUNICIPAL_YEAR_START,
    )


def member_required_topics(member, today: datetime.date) -> list[TrainingTopic]:
    """The topics `member` must hold today: by their roles, and by the committees they sit on
    or substitute for."""
    roles = set(UserRole.objects.filter(user=member).values_list("role", flat=True))
    committee_ids = set(
        CommitteeMembership.objects.current(today)
        .filter(councillor=member)
        .values_list("committee_id", flat=True)
    )
    topics = TrainingTopic.objects.prefetch_related("required_for_committees")
    return [
        topic
        for topic in topics
        if topic.is_required_for_roles(roles)
        or committee_ids & {committee.pk for committee in topic.required_for_committees.all()}
    ]


def member_compliance(member, today: datetime.date) -> list[TopicStatus]:
    """Each topic `member` must hold, with its status, in topic name order."""
    topics = member_required_topics(member, today)
    by_topic = defaultdict(list)
    for completion in Completion.objects.filter(
        member=member, topic__in=[topic.pk for topic in topics]
    ).only("topic_id", "completed_on"):
        by_topic[completion.topic_id].append(completion)
    return [_status(topic, by_topic[topic.pk], today) for topic in topics]


@dataclass
class EligibilityRow:
    """A sitting member or substitute, with the committee's required topics' statuses."""

    membership: CommitteeMembership
    statuses: list[TopicStatus] = field(default_factory=list)

    @property
    def is_eligible(self) -> bool:
        return all(status.is_valid for status in self.statuses)

    @property
    def missing(self) -> list[TopicStatus]:
        return [status for status in self.statuses if not status.is_valid]


def committee_eligibility(committee: Committee, today: datetime.date) -> list[EligibilityRow]:
    """The committee's current members and substitutes, each flagged when a topic the
    committee requires is not valid today."""
    memberships = list(
        CommitteeMembership.objects.current(today)
        .filter(committee=committee)
        .select_related("councillor")
        .order_by("role", "councillor__full_name", "pk")
    )
    topics = list(committee.required_training_topics.all())
    by_member_topic = defaultdict(list)
    for completion in Completion.objects.filter(
        member__in=[m.councillor_id for m in memberships], topic__in=topics
    ).only("member_id", "topic_id", "completed_on"):
        by_member_topic[completion.member_id, completion.topic_id].append(completion)
    return [
        EligibilityRow(
            membership,
            [
                _status(topic, by_member_topic[membership.councillor_id, topic.pk], today)
                for topic in topics
            ],
        )
        for membership in memberships
    ]
