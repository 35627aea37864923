"""Compliance reads: each required topic with its status and the reason it is required, the
learners in office, a committee's training gaps, and a fixed number of queries."""

import datetime

import pytest

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory
from councillor_hub.committees.models import MemberRole
from councillor_hub.committees.tests.factories import CommitteeFactory, MembershipFactory
from councillor_hub.learning.selectors import (
    committee_training_gaps,
    compliance_records,
    learners_in_office,
    member_compliance,
    member_training_record,
)
from councillor_hub.learning.validity import Status

from .factories import CompletionFactory, TopicFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def topics():
    committee = CommitteeFactory(name="Planning Committee", requires_training=True)
    planning = TopicFactory(name="Planning committee training")
    planning.required_for_committees.add(committee)
    conduct = TopicFactory(
        name="Code of conduct", required_for_roles=[Role.COUNCILLOR], valid_for_months=48
    )
    co_opted = TopicFactory(name="Co-opted induction", required_for_roles=[Role.CO_OPTED_MEMBER])
    return committee, planning, conduct, co_opted


def test_record_gives_status_and_reasons(topics):
    committee, planning, conduct, _ = topics
    member = CouncillorFactory()
    MembershipFactory(
        committee=committee,
        councillor=member,
        role=MemberRole.SUBSTITUTE,
        start_date=datetime.date(2025, 5, 1),
    )
    CompletionFactory(member=member, topic=conduct, completed_on=datetime.date(2022, 2, 1))
    CompletionFactory(member=member, topic=planning, completed_on=datetime.date(2025, 2, 10))
    # A completion dated after today does not count yet.
    CompletionFactory(member=member, topic=planning, completed_on=datetime.date(2026, 3, 1))
    rows = member_training_record(member, TODAY)
    assert [(row.topic.name, row.status.status, row.reasons) for row in rows] == [
        ("Code of conduct", Status.EXPIRING, ["Councillor"]),
        ("Planning committee training", Status.EXPIRING, ["Substitute on Planning Committee"]),
    ]
    assert rows[0].status.valid_until == datetime.date(2026, 2, 1)
    assert rows[1].status.completed_on == datetime.date(2025, 2, 10)
    # The same statuses as member_compliance (kept for other areas).
    assert [s.status for s in member_compliance(member, TODAY)] == [
        row.status.status for row in rows
    ]


def test_record_for_a_member_with_nothing_required():
    officer = UserFactory(roles=[Role.DEMOCRATIC_SERVICES_OFFICER])
    TopicFactory(name="Optional")
    assert member_training_record(officer, TODAY) == []


def test_learners_in_office(topics):
    councillor = CouncillorFactory()
    co_opted = UserFactory(roles=[Role.CO_OPTED_MEMBER])
    former = CouncillorFactory(profile__term_end=datetime.date(2025, 5, 1))
    inactive = CouncillorFactory(is_active=False)
    officer = UserFactory(roles=[Role.DEMOCRATIC_SERVICES_OFFICER])
    ids = set(learners_in_office(TODAY).values_list("pk", flat=True))
    assert {councillor.pk, co_opted.pk} <= ids
    assert not {former.pk, inactive.pk, officer.pk} & ids


def test_committee_training_gaps(topics):
    committee, planning, _, _ = topics
    member = CouncillorFactory()
    assert [s.status for s in committee_training_gaps(member, committee, TODAY)] == [Status.MISSING]
    CompletionFactory(member=member, topic=planning, completed_on=datetime.date(2025, 6, 1))
    assert committee_training_gaps(member, committee, TODAY) == []
    assert committee_training_gaps(member, committee, datetime.date(2026, 6, 2))[0].status == (
        Status.EXPIRED
    )


def test_compliance_records_query_count_does_not_grow(topics, django_assert_max_num_queries):
    committee, planning, conduct, _ = topics

    def add_members(count):
        for _ in range(count):
            member = CouncillorFactory()
            MembershipFactory(committee=committee, councillor=member)
            CompletionFactory(member=member, topic=planning, completed_on=TODAY)
            CompletionFactory(member=member, topic=conduct, completed_on=TODAY)

    add_members(2)
    with django_assert_max_num_queries(6):
        small = compliance_records(learners_in_office(TODAY), TODAY)
    add_members(15)
    with django_assert_max_num_queries(6):
        large = compliance_records(learners_in_office(TODAY), TODAY)
    assert len(large) == len(small) + 15
    assert all(len(rows) == 2 for rows in large.values())
