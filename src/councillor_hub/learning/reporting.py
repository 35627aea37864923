"""Reads for evaluation: what a member still has to evaluate, evaluation results per session
and per topic (aggregates, never names), and the programme report for the committee that
oversees member development. Every read here runs a fixed number of queries whatever the
number of sessions or evaluations, except the compliance part of the programme report, which
asks learning/selectors.py once per member (the compliance helper owns those reads)."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Q, QuerySet
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.casework.permissions import access_cutoff
from councillor_hub.committees.models import Committee

from .models import (
    Booking,
    BookingStatus,
    Evaluation,
    ExternalActivity,
    SuggestionStatus,
    TrainingSession,
    TrainingSuggestion,
    TrainingTopic,
)
from .permissions import LEARNER_ROLES
from .selectors import committees_eligibility, compliance_records
from .validity import Status

# --- What a member has still to evaluate -------------------------------------------------


def bookings_to_evaluate(member) -> QuerySet[Booking]:
    """The member's attended sessions without an evaluation, most recent first."""
    return (
        Booking.objects.filter(
            member=member, status=BookingStatus.BOOKED, attended=True, evaluation__isnull=True
        )
        .select_related("session__topic")
        .order_by("-session__starts_at", "-pk")
    )


def activities_to_evaluate(member) -> QuerySet[ExternalActivity]:
    """The member's own external activities without an evaluation, most recent first."""
    return ExternalActivity.objects.filter(member=member, evaluation__isnull=True).select_related(
        "topic"
    )


# --- Results ------------------------------------------------------------------------------

RESULT_AGGREGATES = {
    "evaluation_count": Count("pk"),
    "average_overall": Avg("overall_rating"),
    "average_objectives": Avg("objectives_rating"),
    "average_presenter": Avg("presenter_rating"),
    "recommend_count": Count("pk", filter=Q(would_recommend=True)),
    "presenter_count": Count("presenter_rating"),
}


@dataclass
class Results:
    """Aggregated evaluations of one session, one topic or one period."""

    evaluation_count: int = 0
    average_overall: float | None = None
    average_objectives: float | None = None
    average_presenter: float | None = None
    recommend_count: int = 0
    presenter_count: int = 0
    comments: list[Evaluation] = field(default_factory=list)

    @property
    def recommend_percent(self) -> int | None:
        if not self.evaluation_count:
            return None
        return round(100 * self.recommend_count / self.evaluation_count)


def _results(evaluations: QuerySet[Evaluation], *, with_comments: bool) -> Results:
    results = Results(**evaluations.aggregate(**RESULT_AGGREGATES))
    if with_comments:
        # Newest first; shown without names (managers see the comments, not who wrote them).
        results.comments = list(
            evaluations.exclude(what_worked="", what_to_improve="").only(
                "what_worked", "what_to_improve", "submitted_at"
            )
        )
    return results


def session_evaluations(session: TrainingSession) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(booking__session=session)


def topic_evaluations(topic: TrainingTopic) -> QuerySet[Evaluation]:
    """Evaluations of the topic's sessions and of external activities recorded against it."""
    return Evaluation.objects.filter(
        Q(booking__session__topic=topic) | Q(external_activity__topic=topic)
    )


def session_results(session: TrainingSession) -> Results:
    return _results(session_evaluations(session), with_comments=True)


def topic_results(topic: TrainingTopic) -> Results:
    return _results(topic_evaluations(topic), with_comments=True)


def sessions_with_results(*, topic: TrainingTopic | None = None) -> QuerySet[TrainingSession]:
    """Held sessions with evaluation counts and averages, newest first."""
    sessions = TrainingSession.objects.filter(starts_at__lte=timezone.now(), is_cancelled=False)
    if topic is not None:
        sessions = sessions.filter(topic=topic)
    return (
        sessions.select_related("topic")
        .annotate(
            evaluation_count=Count("bookings__evaluation"),
            average_overall=Avg("bookings__evaluation__overall_rating"),
            recommend_count=Count(
                "bookings__evaluation", filter=Q(bookings__evaluation__would_recommend=True)
            ),
        )
        .order_by("-starts_at", "-pk")
    )


@dataclass
class TopicResultRow:
    topic: TrainingTopic
    results: Results


def topic_result_rows(evaluations: QuerySet[Evaluation] | None = None) -> list[TopicResultRow]:
    """Aggregates per topic (through the session or the external activity's topic) in one
    query each way. Evaluations of external activities with no topic are left out."""
    evaluations = evaluations if evaluations is not None else Evaluation.objects.all()
    totals: dict[int, Results] = {}
    for path in ("booking__session__topic", "external_activity__topic"):
        rows = (
            evaluations.filter(**{f"{path}__isnull": False})
            .values(path)
            .annotate(
                n=Count("pk"),
                overall=Avg("overall_rating"),
                objectives=Avg("objectives_rating"),
                presenter=Avg("presenter_rating"),
                presenter_n=Count("presenter_rating"),
                recommend=Count("pk", filter=Q(would_recommend=True)),
            )
        )
        for row in rows:
            _merge(totals.setdefault(row[path], Results()), row)
    topics = TrainingTopic.objects.in_bulk(list(totals))
    return sorted(
        (TopicResultRow(topics[pk], results) for pk, results in totals.items()),
        key=lambda row: row.topic.name,
    )


def _merge(results: Results, row: dict) -> None:
    """Add one aggregate row to running results (weighted averages)."""

    def weighted(old, old_n, new, new_n):
        if new is None or not new_n:
            return old
        if old is None or not old_n:
            return float(new)
        return (old * old_n + float(new) * new_n) / (old_n + new_n)

    n = results.evaluation_count
    presenter_n = results.presenter_count
    results.average_overall = weighted(results.average_overall, n, row["overall"], row["n"])
    results.average_objectives = weighted(
        results.average_objectives, n, row["objectives"], row["n"]
    )
    results.average_presenter = weighted(
        results.average_presenter, presenter_n, row["presenter"], row["presenter_n"]
    )
    results.presenter_count = presenter_n + row["presenter_n"]
    results.evaluation_count = n + row["n"]
    results.recommend_count += row["recommend"]


# --- The programme report -------------------------------------------------------------------


@dataclass
class SessionRow:
    session: TrainingSession
    capacity: int
    booked: int
    attended: int
    evaluations: int
    average_overall: float | None

    @property
    def attendance_percent(self) -> int | None:
        return round(100 * self.attended / self.booked) if self.booked else None


@dataclass
class ComplianceRow:
    topic: TrainingTopic
    required: int = 0
    valid: int = 0
    expiring: int = 0
    expired: int = 0
    missing: int = 0

    @property
    def valid_percent(self) -> int | None:
        held = self.valid + self.expiring
        return round(100 * held / self.required) if self.required else None


@dataclass
class CommitteeRow:
    committee: Committee
    sitting: int
    not_eligible: int


@dataclass
class ProgrammeReport:
    start: datetime.date
    end: datetime.date
    as_of: datetime.date
    sessions: list[SessionRow]
    cancelled_sessions: int
    compliance: list[ComplianceRow]
    learner_count: int
    committees: list[CommitteeRow]
    evaluations: Results
    evaluations_by_topic: list[TopicResultRow]
    external_activities: int
    suggestions: dict[str, int]

    @property
    def places_booked(self) -> int:
        return sum(row.booked for row in self.sessions)

    @property
    def places_attended(self) -> int:
        return sum(row.attended for row in self.sessions)

    @property
    def attendance_percent(self) -> int | None:
        booked = self.places_booked
        return round(100 * self.places_attended / booked) if booked else None


def _day_bounds(start: datetime.date, end: datetime.date):
    tz = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    high = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return low, high


def learners() -> list[User]:
    """Members in the development programme: the people learning/permissions.py `is_learner`
    accepts, in one query."""
    in_office = (
        Q(councillor_profile__isnull=True)
        | Q(councillor_profile__term_end__isnull=True)
        | Q(councillor_profile__term_end__gte=access_cutoff())
    )
    return list(
        User.objects.filter(in_office, is_active=True, roles__role__in=LEARNER_ROLES)
        .distinct()
        .order_by("full_name", "pk")
    )


def programme_report(
    *, start: datetime.date, end: datetime.date, today: datetime.date
) -> ProgrammeReport:
    """Sessions held between `start` and `end` (inclusive) with attendance and evaluations,
    the evaluations submitted in the period, and compliance by topic as it stood on the last
    day of the period (or today, if the period has not ended yet)."""
    low, high = _day_bounds(start, end)
    now = timezone.now()
    held = TrainingSession.objects.filter(starts_at__gte=low, starts_at__lt=high)
    sessions = [
        SessionRow(
            session=session,
            capacity=session.capacity,
            booked=session.booked,
            attended=session.attended_count,
            evaluations=session.evaluation_count,
            average_overall=session.average_overall,
        )
        for session in held.filter(is_cancelled=False, starts_at__lte=now)
        .select_related("topic")
        .annotate(
            booked=Count("bookings", filter=Q(bookings__status=BookingStatus.BOOKED)),
            attended_count=Count(
                "bookings",
                filter=Q(bookings__status=BookingStatus.BOOKED, bookings__attended=True),
            ),
            evaluation_count=Count("bookings__evaluation"),
            average_overall=Avg("bookings__evaluation__overall_rating"),
        )
        .order_by("starts_at", "pk")
    ]
    as_of = min(end, today)
    by_topic: dict[int, ComplianceRow] = {}
    people = learners()
    # Every learner's required topics in a fixed number of queries (member_compliance per
    # person made five queries per learner); the same topics and statuses.
    records = compliance_records(people, as_of)
    for person in people:
        for record in records[person.pk]:
            status = record.status
            row = by_topic.setdefault(status.topic.pk, ComplianceRow(status.topic))
            row.required += 1
            if status.status == Status.VALID:
                row.valid += 1
            elif status.status == Status.EXPIRING:
                row.expiring += 1
            elif status.status == Status.EXPIRED:
                row.expired += 1
            else:
                row.missing += 1
    with_training = list(
        Committee.objects.filter(required_training_topics__isnull=False).distinct().order_by("name")
    )
    eligibility = committees_eligibility(with_training, as_of)
    committees = []
    for committee in with_training:
        rows = eligibility[committee.pk]
        committees.append(
            CommitteeRow(committee, len(rows), sum(1 for row in rows if not row.is_eligible))
        )
    in_period = Evaluation.objects.filter(submitted_at__gte=low, submitted_at__lt=high)
    suggestions = Counter(
        TrainingSuggestion.objects.filter(created_at__gte=low, created_at__lt=high).values_list(
            "status", flat=True
        )
    )
    return ProgrammeReport(
        start=start,
        end=end,
        as_of=as_of,
        sessions=sessions,
        cancelled_sessions=held.filter(is_cancelled=True).count(),
        compliance=sorted(by_topic.values(), key=lambda row: row.topic.name),
        learner_count=len(people),
        committees=committees,
        evaluations=_results(in_period, with_comments=False),
        evaluations_by_topic=topic_result_rows(in_period),
        external_activities=ExternalActivity.objects.filter(
            attended_on__gte=start, attended_on__lte=end
        ).count(),
        suggestions={label: suggestions.get(value, 0) for value, label in SuggestionStatus.choices},
    )


def programme_report_tables(report: ProgrammeReport) -> list[tuple[str, list[str], list[list]]]:
    """The report as titled tables (title, column headings, rows) for the CSV download."""

    def number(value):
        return "" if value is None else round(value, 1)

    def percent(value):
        return "" if value is None else f"{value}%"

    return [
        (
            "Summary",
            ["Measure", "Value"],
            [
                ["Sessions held", len(report.sessions)],
                ["Sessions cancelled", report.cancelled_sessions],
                ["Places booked", report.places_booked],
                ["Places attended", report.places_attended],
                ["Attendance", percent(report.attendance_percent)],
                ["Evaluations received", report.evaluations.evaluation_count],
                ["Average overall rating (1 to 5)", number(report.evaluations.average_overall)],
                ["Would recommend", percent(report.evaluations.recommend_percent)],
                ["External courses and conferences recorded", report.external_activities],
                ["Members in the programme", report.learner_count],
            ],
        ),
        (
            "Sessions held",
            [
                "Date",
                "Topic",
                "Places",
                "Booked",
                "Attended",
                "Attendance",
                "Evaluations",
                "Average rating",
            ],
            [
                [
                    timezone.localtime(row.session.starts_at).date().isoformat(),
                    row.session.topic.name,
                    row.capacity,
                    row.booked,
                    row.attended,
                    percent(row.attendance_percent),
                    row.evaluations,
                    number(row.average_overall),
                ]
                for row in report.sessions
            ],
        ),
        (
            f"Compliance by topic on {report.as_of.isoformat()}",
            ["Topic", "Members required", "Valid", "Expiring soon", "Expired", "Missing", "Held"],
            [
                [
                    row.topic.name,
                    row.required,
                    row.valid,
                    row.expiring,
                    row.expired,
                    row.missing,
                    percent(row.valid_percent),
                ]
                for row in report.compliance
            ],
        ),
        (
            "Committees requiring training",
            ["Committee", "Members and substitutes", "Without valid training"],
            [[row.committee.name, row.sitting, row.not_eligible] for row in report.committees],
        ),
        (
            "Evaluations by topic",
            ["Topic", "Evaluations", "Average overall", "Average met aims", "Would recommend"],
            [
                [
                    row.topic.name,
                    row.results.evaluation_count,
                    number(row.results.average_overall),
                    number(row.results.average_objectives),
                    percent(row.results.recommend_percent),
                ]
                for row in report.evaluations_by_topic
            ],
        ),
        (
            "Training suggestions received",
            ["Status", "Suggestions"],
            [[label, count] for label, count in report.suggestions.items()],
        ),
    ]
