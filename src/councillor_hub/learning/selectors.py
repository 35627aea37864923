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
    return committees_eligibility([committee], today)[committee.pk]


def committees_eligibility(committees, today: datetime.date) -> dict[int, list[EligibilityRow]]:
    """Each committee's current members and substitutes, each flagged when a topic the
    committee requires is not valid today, keyed by committee id: three queries however many
    committees, members and completions (reports list every committee)."""
    committees = list(committees)
    memberships = defaultdict(list)
    for membership in (
        CommitteeMembership.objects.current(today)
        .filter(committee__in=[committee.pk for committee in committees])
        .select_related("councillor")
        .order_by("role", "councillor__full_name", "pk")
    ):
        memberships[membership.committee_id].append(membership)
    topics = defaultdict(list)
    through = TrainingTopic.required_for_committees.through
    for link in through.objects.filter(
        committee_id__in=[committee.pk for committee in committees]
    ).select_related("trainingtopic"):
        topics[link.committee_id].append(link.trainingtopic)
    for committee_topics in topics.values():
        committee_topics.sort(key=lambda topic: (topic.name, topic.pk))
    by_member_topic = defaultdict(list)
    for completion in Completion.objects.filter(
        member__in={m.councillor_id for rows in memberships.values() for m in rows},
        topic__in={topic.pk for rows in topics.values() for topic in rows},
    ).only("member_id", "topic_id", "completed_on"):
        by_member_topic[completion.member_id, completion.topic_id].append(completion)
    return {
        committee.pk: [
            EligibilityRow(
                membership,
                [
                    _status(topic, by_member_topic[membership.councillor_id, topic.pk], today)
                    for topic in topics[committee.pk]
                ],
            )
            for membership in memberships[committee.pk]
        ]
        for committee in committees
    }


# --- Compliance (records, the dashboard, the whip view, committee flags) -------------------
# Each function below runs a fixed number of queries whatever the number of members, topics
# and completions: the roles, current committee places and completions of every member are
# read in one query each and matched in Python.


@dataclass
class RecordRow:
    """One member's standing on one topic they must hold, and why they must hold it."""

    member: object
    topic: TrainingTopic
    status: TopicStatus
    reasons: list[str] = field(default_factory=list)


def learners_in_office(today: datetime.date):
    """Councillors and co-opted members who must keep their training up to date: active
    accounts whose term (if they have one) has not ended. A queryset of users."""
    from django.db.models import Q

    from councillor_hub.accounts.models import User

    from .permissions import LEARNER_ROLES

    return (
        User.objects.filter(is_active=True, roles__role__in=LEARNER_ROLES)
        .filter(
            Q(councillor_profile__isnull=True)
            | Q(councillor_profile__term_end__isnull=True)
            | Q(councillor_profile__term_end__gte=today)
        )
        .distinct()
    )


def _role_reasons(topic: TrainingTopic, roles: set[str]) -> list[str]:
    from councillor_hub.accounts.roles import Role

    return [Role(role).label for role in topic.required_for_roles if role in roles]


def compliance_records(members, today: datetime.date) -> dict[int, list[RecordRow]]:
    """For each member in `members` (users, or a queryset of users), the topics they must hold
    today with their status and the reasons (a role, or a place on a committee), in topic name
    order. Keyed by member id; members with nothing to hold map to an empty list."""
    members = list(members)
    ids = [member.pk for member in members]
    roles = defaultdict(set)
    for user_id, role in UserRole.objects.filter(user__in=ids).values_list("user_id", "role"):
        roles[user_id].add(role)
    places = defaultdict(list)
    for membership in (
        CommitteeMembership.objects.current(today)
        .filter(councillor__in=ids)
        .select_related("committee")
        .order_by("committee__name", "pk")
    ):
        places[membership.councillor_id].append(membership)
    topics = list(TrainingTopic.objects.prefetch_related("required_for_committees"))
    committee_ids = {
        topic.pk: {committee.pk for committee in topic.required_for_committees.all()}
        for topic in topics
    }
    completions = defaultdict(list)
    for completion in Completion.objects.filter(member__in=ids, completed_on__lte=today).only(
        "member_id", "topic_id", "completed_on"
    ):
        completions[completion.member_id, completion.topic_id].append(completion)
    records: dict[int, list[RecordRow]] = {}
    for member in members:
        rows = []
        for topic in topics:
            reasons = _role_reasons(topic, roles[member.pk])
            reasons += [
                f"{membership.get_role_display()} of {membership.committee.name}"
                if membership.role != "substitute"
                else f"Substitute on {membership.committee.name}"
                for membership in places[member.pk]
                if membership.committee_id in committee_ids[topic.pk]
            ]
            if reasons:
                rows.append(
                    RecordRow(
                        member,
                        topic,
                        _status(topic, completions[member.pk, topic.pk], today),
                        reasons,
                    )
                )
        records[member.pk] = rows
    return records


def member_training_record(member, today: datetime.date) -> list[RecordRow]:
    """`member`'s required topics with statuses and reasons ("My training record")."""
    return compliance_records([member], today)[member.pk]


def committee_training_gaps(member, committee: Committee, day: datetime.date) -> list[TopicStatus]:
    """The topics `committee` requires that `member` does not hold validly on `day` (used
    before appointing them: nobody is newly appointed without valid training unless a manager
    records why)."""
    topics = list(committee.required_training_topics.all())
    by_topic = defaultdict(list)
    for completion in Completion.objects.filter(member=member, topic__in=topics).only(
        "topic_id", "completed_on"
    ):
        by_topic[completion.topic_id].append(completion)
    statuses = [_status(topic, by_topic[topic.pk], day) for topic in topics]
    return [status for status in statuses if not status.is_valid]


def next_meeting(committee: Committee, today: datetime.date):
    """The committee's next meeting on or after `today` that is not cancelled, or None."""
    from django.utils import timezone

    start = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    return committee.meetings.filter(is_cancelled=False, starts_at__gte=start).first()


@dataclass
class TrainingFlag:
    """A sitting member or substitute whose training is not in order: `missing` topics are not
    valid today; `lapsing` topics are valid today but their last valid day is before the next
    meeting (so the member may not sit at it)."""

    membership: CommitteeMembership
    missing: list[TopicStatus]
    lapsing: list[TopicStatus]


@dataclass
class CommitteeTraining:
    committee: Committee
    topics: list[TrainingTopic]
    next_meeting: object
    flags: list[TrainingFlag]

    @property
    def flagged_ids(self) -> set[int]:
        return {flag.membership.pk for flag in self.flags}


def committee_training_flags(committee: Committee, today: datetime.date) -> CommitteeTraining:
    """The committee's required topics, its next meeting, and its current members and
    substitutes whose training is missing or expired today, or lapses before the next meeting
    (a last valid day before the meeting's date)."""
    meeting = next_meeting(committee, today)
    rows = committee_eligibility(committee, today)
    topics = [status.topic for status in rows[0].statuses] if rows else []
    if not rows:
        topics = list(committee.required_training_topics.all())
    flags = []
    for row in rows:
        lapsing = []
        if meeting is not None:
            lapsing = [
                status
                for status in row.statuses
                if status.is_valid and status.valid_until and status.valid_until < meeting.day
            ]
        if row.missing or lapsing:
            flags.append(TrainingFlag(row.membership, row.missing, lapsing))
    return CommitteeTraining(committee, topics, meeting, flags)


def member_topic_statuses(member, topics, today: datetime.date) -> dict[int, TopicStatus]:
    """`member`'s standing on each of `topics` (required of them or not), by topic id."""
    by_topic = defaultdict(list)
    for completion in Completion.objects.filter(member=member, topic__in=topics).only(
        "topic_id", "completed_on"
    ):
        by_topic[completion.topic_id].append(completion)
    return {topic.pk: _status(topic, by_topic[topic.pk], today) for topic in topics}
