"""member_compliance and committee_eligibility: the right topics, the right statuses, and a
number of queries that does not grow with topics, members or completions."""

import datetime

import pytest

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory, UserFactory
from councillor_hub.committees.models import MemberRole
from councillor_hub.committees.tests.factories import CommitteeFactory, MembershipFactory
from councillor_hub.learning.selectors import committee_eligibility, member_compliance
from councillor_hub.learning.validity import Status

from .factories import CompletionFactory, TopicFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


@pytest.fixture
def planning():
    committee = CommitteeFactory(name="Planning Committee", requires_training=True)
    topic = TopicFactory(name="Planning training", is_mandatory=True)
    topic.required_for_committees.add(committee)
    return committee, topic


def test_member_compliance_by_role_and_committee(planning):
    committee, planning_topic = planning
    safeguarding = TopicFactory(name="Safeguarding", required_for_roles=[Role.COUNCILLOR])
    TopicFactory(name="For co-opted members", required_for_roles=[Role.CO_OPTED_MEMBER])
    TopicFactory(name="Optional")
    member = CouncillorFactory()
    MembershipFactory(committee=committee, councillor=member, start_date=datetime.date(2025, 5, 1))
    CompletionFactory(member=member, topic=safeguarding, completed_on=datetime.date(2025, 2, 1))
    rows = member_compliance(member, TODAY)
    assert [(row.topic.name, row.status) for row in rows] == [
        ("Planning training", Status.MISSING),
        ("Safeguarding", Status.EXPIRING),
    ]
    assert rows[1].valid_until == datetime.date(2026, 2, 1)


def test_an_ended_membership_no_longer_requires_the_committee_topic(planning):
    committee, _ = planning
    member = CouncillorFactory()
    MembershipFactory(
        committee=committee,
        councillor=member,
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2025, 5, 1),
    )
    assert member_compliance(member, TODAY) == []


def test_member_compliance_query_count_does_not_grow(django_assert_max_num_queries):
    member = CouncillorFactory()
    for n in range(12):
        committee = CommitteeFactory()
        MembershipFactory(committee=committee, councillor=member, start_date=TODAY)
        topic = TopicFactory(required_for_roles=[Role.COUNCILLOR] if n % 2 else [])
        topic.required_for_committees.add(committee)
        CompletionFactory(member=member, topic=topic, completed_on=TODAY)
        CompletionFactory(member=member, topic=topic, completed_on=datetime.date(2024, 1, 1))
    with django_assert_max_num_queries(5):
        rows = member_compliance(member, TODAY)
    assert len(rows) == 12
    assert {row.status for row in rows} == {Status.VALID}


def test_committee_eligibility_flags_members_and_substitutes(planning):
    committee, topic = planning
    trained = MembershipFactory(committee=committee, start_date=datetime.date(2025, 5, 1))
    lapsed = MembershipFactory(
        committee=committee, role=MemberRole.SUBSTITUTE, start_date=datetime.date(2025, 5, 1)
    )
    untrained = MembershipFactory(committee=committee, start_date=datetime.date(2025, 5, 1))
    MembershipFactory(
        committee=committee,
        start_date=datetime.date(2024, 5, 1),
        end_date=datetime.date(2025, 4, 30),
    )
    CompletionFactory(
        member=trained.councillor, topic=topic, completed_on=datetime.date(2025, 6, 1)
    )
    CompletionFactory(member=lapsed.councillor, topic=topic, completed_on=datetime.date(2024, 6, 1))
    # Another member's or another topic's completion does not count.
    CompletionFactory(member=untrained.councillor, topic=TopicFactory())
    rows = {row.membership.pk: row for row in committee_eligibility(committee, TODAY)}
    assert set(rows) == {trained.pk, lapsed.pk, untrained.pk}
    assert rows[trained.pk].is_eligible
    assert not rows[lapsed.pk].is_eligible
    assert rows[lapsed.pk].missing[0].status == Status.EXPIRED
    assert not rows[untrained.pk].is_eligible
    assert rows[untrained.pk].missing[0].status == Status.MISSING


def test_a_committee_without_required_topics_flags_nobody():
    committee = CommitteeFactory()
    MembershipFactory(committee=committee, start_date=datetime.date(2025, 5, 1))
    (row,) = committee_eligibility(committee, TODAY)
    assert row.is_eligible


def test_committee_eligibility_query_count_does_not_grow(planning, django_assert_max_num_queries):
    committee, topic = planning
    second = TopicFactory()
    second.required_for_committees.add(committee)
    for _ in range(15):
        membership = MembershipFactory(committee=committee, start_date=datetime.date(2025, 5, 1))
        CompletionFactory(member=membership.councillor, topic=topic, completed_on=TODAY)
    with django_assert_max_num_queries(3):
        rows = committee_eligibility(committee, TODAY)
        assert [row.membership.councillor.full_name for row in rows]
    assert len(rows) == 15
    assert not any(row.is_eligible for row in rows)
    UserFactory()  # unrelated users change nothing
