"""Query budgets for the training compliance dashboard and the programme report (issue 7,
item 4).

Each test counts the SQL queries of a GET on a small programme, adds many more members (over
wards, groups and committees), topics they must hold, sessions, bookings, completions (valid,
expiring, expired) and evaluations, and counts again: the count must not grow, and must stay
within the page's budget, written here as a constant with what its queries are."""

from __future__ import annotations

import datetime
import itertools

from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.committees.models import Committee, CommitteeKind
from councillor_hub.committees.tests.factories import MembershipFactory
from councillor_hub.core.tests.budgets import check_growth
from councillor_hub.learning.models import BookingStatus, CompletionSource, TrainingTopic
from councillor_hub.learning.tests.factories import (
    BookingFactory,
    CompletionFactory,
    TopicFactory,
)
from councillor_hub.learning.tests.factories_evaluations import (
    EvaluationFactory,
    ExternalActivityFactory,
    past_session,
)

# Budgets: the most queries each page may make, whatever the number of rows. Every page spends
# 5 on the request itself: the session, the signed-in user with their profile, the councillors
# they act for (remembered for the request by casework/permissions.py), their roles, and the
# navigation's unread-notification count. (The session's keep-alive write, at most once a
# minute, is left out: see _queries.)

# Compliance dashboard (measured 15): request (5) + the filter form's committees, wards,
# topics and groups (4) + the page's members in office (count and page, 2) + for the page's
# members at once: roles, committee places, topics with their committees, completions (4).
COMPLIANCE_DASHBOARD_BUDGET = 15
# Programme report (measured 23): request (5) + sessions held with booked and attended counts
# and ratings (1) and cancelled ones (1) + compliance by topic for every learner at once:
# learners, roles, committee places, topics with their committees, completions (6) +
# committee eligibility for every committee that requires training at once: the committees,
# their places, their topics, completions (4) + evaluations overall and by topic (4) +
# external activities and suggestions (2). (It made 5 queries per learner and 3 per committee
# before reporting.programme_report read them in bulk.)
PROGRAMME_REPORT_BUDGET = 23
# Its CSV and XLSX downloads (measured 22): the same, plus the audit DOWNLOAD event, without
# the page's navigation.
PROGRAMME_REPORT_DOWNLOAD_BUDGET = 22


def _programme(world, count: int, *, start: int = 0) -> None:
    """`count` more members with committee places, more topics (for all councillors and for a
    committee), sessions with attended bookings and evaluations, and completions of every
    state: valid, expiring soon, expired, and missing."""
    today = timezone.localdate()
    planning, _ = Committee.objects.get_or_create(
        name="Planning Committee", defaults={"kind": CommitteeKind.PLANNING}
    )
    topics = [
        TopicFactory(
            name=f"Code of conduct {start}",
            is_mandatory=True,
            required_for_roles=[Role.COUNCILLOR],
            valid_for_months=48,
        ),
        TopicFactory(name=f"Safeguarding {start}", is_mandatory=True, valid_for_months=12),
        TopicFactory(name=f"Planning training {start}", valid_for_months=12),
    ]
    topics[1].required_for_roles = [Role.COUNCILLOR]
    topics[1].save()
    topics[2].required_for_committees.add(planning)
    # A committee more each time, requiring the new safeguarding topic too.
    licensing, _ = Committee.objects.get_or_create(
        name=f"Licensing Committee {start}", defaults={"kind": CommitteeKind.LICENSING}
    )
    topics[1].required_for_committees.add(licensing)
    topics[2].required_for_committees.add(licensing)
    wards = itertools.cycle([world.ward_a, world.ward_b])
    groups = itertools.cycle([world.group_red, world.group_blue, None])
    ages = itertools.cycle([30, 340, 400, None])  # valid, expiring, expired, missing
    sessions = [past_session(topic=topic, days_ago=20 + n) for n, topic in enumerate(topics)]
    for index in range(start, start + count):
        member = CouncillorFactory(
            full_name=f"Member {index:03d}",
            profile__ward=next(wards),
            profile__political_group=next(groups),
        )
        if index % 2:
            MembershipFactory(committee=planning, councillor=member)
        if index % 3 == 0:
            MembershipFactory(committee=licensing, councillor=member, role="substitute")
        for topic in topics:
            age = next(ages)
            if age is not None:
                CompletionFactory(
                    member=member,
                    topic=topic,
                    completed_on=today - datetime.timedelta(days=age),
                    source=CompletionSource.SESSION,
                )
        session = sessions[index % len(sessions)]
        booking = BookingFactory(
            session=session,
            member=member,
            attended=bool(index % 3),
            status=BookingStatus.BOOKED,
        )
        if booking.attended:
            EvaluationFactory(booking=booking, member=member, overall_rating=index % 5 + 1)
        if index % 4 == 0:
            activity = ExternalActivityFactory(member=member)
            EvaluationFactory(booking=None, external_activity=activity, member=member)


def _period() -> dict:
    today = timezone.localdate()
    return {
        "start": (today - datetime.timedelta(days=90)).isoformat(),
        "end": today.isoformat(),
    }


def test_compliance_and_report_budget(world, client_for):
    """The compliance dashboard with each filter and page 2, and the programme report (the
    default period and a chosen one) with its CSV and XLSX downloads."""
    client = client_for(world.democratic)
    _programme(world, 4)
    planning = Committee.objects.get(name="Planning Committee")
    topic = TrainingTopic.objects.order_by("pk").first()
    dashboard = reverse("learning:compliance_dashboard")
    pages = {
        f"dashboard {name}": (client, dashboard, params, COMPLIANCE_DASHBOARD_BUDGET)
        for name, params in {
            "unfiltered": {},
            "by group": {"group": str(world.group_red.pk)},
            "non-aligned": {"group": "none"},
            "by ward": {"ward": str(world.ward_a.pk)},
            "by committee": {"committee": str(planning.pk)},
            "by topic": {"topic": str(topic.pk)},
            "by status": {"status": "expired"},
            "page 2": {"page": "2"},
        }.items()
    }
    report = reverse("learning:programme_report")
    pages["report"] = (client, report, {}, PROGRAMME_REPORT_BUDGET)
    pages["report for a period"] = (client, report, _period(), PROGRAMME_REPORT_BUDGET)
    for fmt in ["csv", "xlsx"]:
        pages[f"report {fmt}"] = (
            client,
            reverse("learning:programme_report_download"),
            {**_period(), "format": fmt},
            PROGRAMME_REPORT_DOWNLOAD_BUDGET,
        )
    check_growth(pages, lambda: _programme(world, 25, start=4))


def test_committees_eligibility_matches_one_committee_at_a_time(world):
    """Read for several committees at once (as the programme report does), each committee
    gets what it gets read alone: the same places, topics and statuses, none of another
    committee's."""
    from councillor_hub.learning.selectors import committee_eligibility, committees_eligibility

    _programme(world, 9)
    _programme(world, 6, start=9)
    today = timezone.localdate()
    committees = list(Committee.objects.filter(required_training_topics__isnull=False).distinct())
    assert len(committees) == 3
    bulk = committees_eligibility(committees, today)
    for committee in committees:
        one = committee_eligibility(committee, today)
        assert [row.membership.pk for row in bulk[committee.pk]] == [
            row.membership.pk for row in one
        ]
        assert [
            sorted((s.topic.pk, s.status, s.valid_until) for s in row.statuses)
            for row in bulk[committee.pk]
        ] == [sorted((s.topic.pk, s.status, s.valid_until) for s in row.statuses) for row in one]
        assert [row.is_eligible for row in bulk[committee.pk]] == [row.is_eligible for row in one]


def test_programme_report_figures_match_one_member_at_a_time(world):
    """The report's compliance and committee figures, read in bulk, are those that
    member_compliance and committee_eligibility give one member and one committee at a time."""
    from councillor_hub.learning.reporting import learners, programme_report
    from councillor_hub.learning.selectors import committee_eligibility, member_compliance

    _programme(world, 9)
    _programme(world, 6, start=9)
    today = timezone.localdate()
    for as_of in (today, today - datetime.timedelta(days=200)):
        report = programme_report(start=as_of - datetime.timedelta(days=90), end=as_of, today=today)
        expected: dict[int, list[int]] = {}
        for person in learners():
            for status in member_compliance(person, as_of):
                counts = expected.setdefault(status.topic.pk, [0, 0, 0, 0, 0])
                counts[0] += 1
                counts[["valid", "expiring", "expired", "missing"].index(status.status) + 1] += 1
        assert {
            row.topic.pk: [row.required, row.valid, row.expiring, row.expired, row.missing]
            for row in report.compliance
        } == expected
        assert len(report.committees) == 3
        for row in report.committees:
            rows = committee_eligibility(row.committee, as_of)
            assert (row.sitting, row.not_eligible) == (
                len(rows),
                sum(1 for r in rows if not r.is_eligible),
            )
