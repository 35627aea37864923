"""The compliance pages: my training record, the democratic services dashboard (filters,
counts, pagination, no query per row), the whip's group view (their group only), a member's
record (audited when someone else looks) and a committee's introduction and training."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.committees.models import CommitteeMeeting, MemberRole
from councillor_hub.committees.tests.factories import CommitteeFactory, MembershipFactory

from .factories import CompletionFactory, SessionFactory, TopicFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def programme(world):
    committee = CommitteeFactory(name="Planning Committee", requires_training=True)
    planning = TopicFactory(name="Planning committee training", valid_for_months=12)
    planning.required_for_committees.add(committee)
    conduct = TopicFactory(
        name="Code of conduct", required_for_roles=[Role.COUNCILLOR], valid_for_months=48
    )
    MembershipFactory(committee=committee, councillor=world.councillor, role=MemberRole.MEMBER)
    CompletionFactory(member=world.councillor, topic=conduct, completed_on=TODAY)
    CompletionFactory(
        member=world.other, topic=conduct, completed_on=TODAY - datetime.timedelta(days=1500)
    )
    return committee, planning, conduct


def rows_of(response):
    """(member id, topic id, status) for each dashboard row on the page."""
    import re

    return re.findall(
        r'data-member="(\d+)" data-topic="(\d+)" data-status="(\w+)"', response.content.decode()
    )


def test_my_training_record(world, programme, client_for):
    committee, planning, conduct = programme
    content = client_for(world.councillor).get(reverse("learning:my_training")).content.decode()
    assert "My training record" in content
    assert f'data-topic="{planning.pk}" data-status="missing"' in content
    assert f'data-topic="{conduct.pk}" data-status="valid"' in content
    assert "Member of Planning Committee" in content
    assert content.index("Planning committee training") < content.index("Code of conduct")


def test_dashboard_lists_every_learner_and_counts(world, programme, client_for):
    _, planning, conduct = programme
    response = client_for(world.democratic).get(reverse("learning:compliance_dashboard"))
    rows = rows_of(response)
    assert (str(world.councillor.pk), str(planning.pk), "missing") in rows
    assert (str(world.councillor.pk), str(conduct.pk), "valid") in rows
    assert (str(world.other.pk), str(conduct.pk), "expired") in rows
    # Councillors without completions are missing their code of conduct.
    assert (str(world.independent.pk), str(conduct.pk), "missing") in rows
    # Officers are not learners.
    assert str(world.support.pk) not in {member for member, _, _ in rows}
    content = response.content.decode()
    assert 'data-count="expired"' in content


@pytest.mark.parametrize(
    "query,expected_members",
    [
        ({"status": "expired"}, {"other"}),
        ({"committee": "PLANNING"}, {"councillor"}),
        ({"ward": "BROOKSIDE"}, {"other", "independent", "whip"}),
        ({"group": "none"}, {"independent"}),
        ({"topic": "PLANNING_TOPIC"}, {"councillor"}),
    ],
)
def test_dashboard_filters(world, programme, client_for, query, expected_members):
    committee, planning, _ = programme
    ward_b = world.other.councillor_profile.ward
    replace = {"PLANNING": str(committee.pk), "BROOKSIDE": str(ward_b.pk)}
    replace["PLANNING_TOPIC"] = str(planning.pk)
    query = {key: replace.get(value, value) for key, value in query.items()}
    response = client_for(world.democratic).get(reverse("learning:compliance_dashboard"), query)
    members = {member for member, _, _ in rows_of(response)}
    assert members == {str(getattr(world, name).pk) for name in expected_members}


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"group": "999999"},
        {"ward": "<script>"},
        {"committee": "x"},
        {"topic": "-1"},
        {"page": "abc"},
        {"page": "9999"},
        {"page": "-3"},
    ],
)
def test_dashboard_ignores_bad_input(world, programme, client_for, query):
    response = client_for(world.democratic).get(reverse("learning:compliance_dashboard"), query)
    assert response.status_code == 200
    assert rows_of(response)


def test_dashboard_is_paginated_and_queries_do_not_grow(
    world, programme, client_for, django_assert_max_num_queries
):
    _, _, conduct = programme
    browser = client_for(world.democratic)
    url = reverse("learning:compliance_dashboard")
    browser.get(url)  # warm up the session and the caches
    with django_assert_max_num_queries(20) as few:
        browser.get(url)
    for _ in range(60):
        member = CouncillorFactory()
        CompletionFactory(member=member, topic=conduct, completed_on=TODAY)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = browser.get(url)
    assert len(rows_of(response)) == 50
    second = browser.get(url, {"page": "2"})
    assert rows_of(second) and not set(rows_of(second)) & set(rows_of(response))
    assert "Page 2 of" in second.content.decode()


def test_whip_sees_only_their_own_group(world, programme, client_for):
    response = client_for(world.whip).get(reverse("learning:compliance_group"))
    members = {member for member, _, _ in rows_of(response)}
    red = {str(world.councillor.pk), str(world.colleague.pk), str(world.whip.pk)}
    assert members == red
    # Asking for another group by its id is ignored, not obeyed.
    blue = world.other.councillor_profile.political_group_id
    response = client_for(world.whip).get(reverse("learning:compliance_group"), {"group": blue})
    assert {member for member, _, _ in rows_of(response)} == red
    content = response.content.decode()
    assert world.other.full_name not in content


def test_member_record_is_audited_for_others_not_for_self(world, programme, client_for):
    url = reverse("learning:compliance_member", args=[world.councillor.pk])
    client_for(world.councillor).get(url)
    assert not AuditEvent.objects.filter(action=Action.VIEW, object_id=str(world.councillor.pk))
    content = client_for(world.whip).get(url).content.decode()
    assert world.councillor.full_name in content
    event = AuditEvent.objects.get(action=Action.VIEW, object_id=str(world.councillor.pk))
    assert event.actor == world.whip
    assert event.object_label == f"Training record #{world.councillor.pk}"


def test_committee_training_page_lists_topics_sessions_and_my_standing(
    world, programme, client_for
):
    committee, planning, _ = programme
    session = SessionFactory(topic=planning, location="Committee Room 2")
    SessionFactory(topic=planning, is_cancelled=True, location="Cancelled room")
    SessionFactory(
        topic=planning,
        starts_at=timezone.now() - datetime.timedelta(days=3),
        location="Past room",
    )
    CommitteeMeeting.objects.create(
        committee=committee,
        starts_at=timezone.now() + datetime.timedelta(days=9),
        place="Council Chamber",
    )
    url = reverse("learning:committee_training", args=[committee.pk])
    content = client_for(world.councillor).get(url).content.decode()
    assert "Planning committee training" in content
    assert "Committee Room 2" in content
    assert "Cancelled room" not in content and "Past room" not in content
    assert 'data-my-status="missing"' in content
    assert "Council Chamber" in content
    assert session.starts_at  # listed by date
    officer = client_for(world.support).get(url).content.decode()
    assert "data-my-status" not in officer


def test_member_record_lists_committee_places(world, programme, client_for):
    committee, _, _ = programme
    url = reverse("learning:compliance_member", args=[world.councillor.pk])
    content = client_for(world.democratic).get(url).content.decode()
    assert "data-places" in content and committee.get_absolute_url() in content
