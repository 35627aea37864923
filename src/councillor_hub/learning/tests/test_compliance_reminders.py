"""The expiry sweep: each member reminded once per expiry, `reminder_days_before` days ahead;
democratic services told once about sitting committee members whose training lapses before
the next meeting; the command and the task."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.committees.models import CommitteeMeeting, TrainingLapseAlert
from councillor_hub.committees.tests.factories import CommitteeFactory, MembershipFactory
from councillor_hub.learning.compliance_tasks import training_expiry_reminders_task
from councillor_hub.learning.models import ExpiryReminder
from councillor_hub.learning.services.compliance import (
    committee_lapse_alerts,
    member_expiry_reminders,
    training_expiry_reminders,
)
from councillor_hub.notifications.models import Notification

from .factories import CompletionFactory, TopicFactory

pytestmark = pytest.mark.django_db

COMPLETED = datetime.date(2025, 3, 10)  # 12 months: valid until 10 March 2026


@pytest.fixture
def safeguarding():
    return TopicFactory(
        name="Safeguarding",
        required_for_roles=[Role.COUNCILLOR],
        valid_for_months=12,
        reminder_days_before=30,
    )


def test_member_is_reminded_once_within_the_reminder_period(world, safeguarding):
    CompletionFactory(member=world.councillor, topic=safeguarding, completed_on=COMPLETED)
    # 31 days before: too early.
    assert member_expiry_reminders(today=datetime.date(2026, 2, 7)) == 0
    # 30 days before: reminded...
    assert member_expiry_reminders(today=datetime.date(2026, 2, 8)) == 1
    notification = Notification.objects.get(recipient=world.councillor)
    assert "Safeguarding" in notification.title and "10 March 2026" in notification.title
    assert notification.url == reverse("learning:my_training")
    # ...once, however often the sweep runs.
    assert member_expiry_reminders(today=datetime.date(2026, 2, 9)) == 0
    assert member_expiry_reminders(today=datetime.date(2026, 3, 10)) == 0
    assert Notification.objects.filter(recipient=world.councillor).count() == 1
    assert ExpiryReminder.objects.get().expires_on == datetime.date(2026, 3, 10)


def test_expired_and_missing_training_is_not_an_expiry_reminder(world, safeguarding):
    CompletionFactory(member=world.councillor, topic=safeguarding, completed_on=COMPLETED)
    assert member_expiry_reminders(today=datetime.date(2026, 3, 11)) == 0
    assert not Notification.objects.filter(recipient=world.councillor).exists()


def test_renewal_rearms_the_reminder(world, safeguarding):
    CompletionFactory(member=world.councillor, topic=safeguarding, completed_on=COMPLETED)
    assert member_expiry_reminders(today=datetime.date(2026, 3, 1)) == 1
    CompletionFactory(
        member=world.councillor, topic=safeguarding, completed_on=datetime.date(2026, 3, 2)
    )
    assert member_expiry_reminders(today=datetime.date(2027, 2, 20)) == 1
    assert set(ExpiryReminder.objects.values_list("expires_on", flat=True)) == {
        datetime.date(2026, 3, 10),
        datetime.date(2027, 3, 2),
    }


def test_only_topics_the_member_must_hold_are_reminded(world):
    optional = TopicFactory(name="Media skills", valid_for_months=12)
    CompletionFactory(member=world.councillor, topic=optional, completed_on=COMPLETED)
    assert member_expiry_reminders(today=datetime.date(2026, 3, 1)) == 0


def test_former_councillors_are_not_reminded(world, safeguarding):
    former = CouncillorFactory(profile__term_end=datetime.date(2026, 1, 1))
    CompletionFactory(member=former, topic=safeguarding, completed_on=COMPLETED)
    assert member_expiry_reminders(today=datetime.date(2026, 3, 1)) == 0


@pytest.fixture
def planning_with_meeting(world):
    committee = CommitteeFactory(name="Planning Committee", requires_training=True)
    topic = TopicFactory(name="Planning committee training", valid_for_months=12)
    topic.required_for_committees.add(committee)
    meeting = CommitteeMeeting.objects.create(
        committee=committee,
        starts_at=timezone.make_aware(datetime.datetime(2026, 3, 20, 18, 30)),
    )
    return committee, topic, meeting


def test_democratic_services_told_once_about_a_lapse_before_the_meeting(
    world, planning_with_meeting
):
    committee, topic, meeting = planning_with_meeting
    lapsing = MembershipFactory(committee=committee, councillor=world.councillor)
    CompletionFactory(member=world.councillor, topic=topic, completed_on=COMPLETED)
    fine = MembershipFactory(committee=committee, councillor=world.colleague)
    CompletionFactory(member=world.colleague, topic=topic, completed_on=datetime.date(2026, 1, 5))
    # Never trained: flagged on the page, but not a lapse to report.
    MembershipFactory(committee=committee, councillor=world.other)

    assert committee_lapse_alerts(today=datetime.date(2026, 3, 1)) == 1
    alert = TrainingLapseAlert.objects.get()
    assert (alert.membership, alert.topic, alert.lapses_on, alert.meeting) == (
        lapsing,
        topic,
        datetime.date(2026, 3, 10),
        meeting,
    )
    for person in (world.democratic,):
        notification = Notification.objects.get(recipient=person)
        assert "Planning Committee" in notification.title
        assert "20 March 2026" in notification.title
        assert world.councillor.full_name not in notification.title
        assert notification.url == committee.get_absolute_url() + "#training"
    # Administrators are told only when there is nobody in democratic services.
    assert not Notification.objects.filter(recipient=world.admin).exists()
    assert not TrainingLapseAlert.objects.filter(membership=fine).exists()

    assert committee_lapse_alerts(today=datetime.date(2026, 3, 2)) == 0
    assert committee_lapse_alerts(today=datetime.date(2026, 3, 12)) == 0  # expired: same lapse
    assert Notification.objects.filter(recipient=world.democratic).count() == 1


def test_no_meeting_no_alert(world):
    committee = CommitteeFactory(requires_training=True)
    topic = TopicFactory(valid_for_months=12)
    topic.required_for_committees.add(committee)
    MembershipFactory(committee=committee, councillor=world.councillor)
    CompletionFactory(member=world.councillor, topic=topic, completed_on=COMPLETED)
    assert committee_lapse_alerts(today=datetime.date(2026, 3, 1)) == 0


def test_the_whole_sweep_command_and_task(world, safeguarding, planning_with_meeting):
    committee, topic, _ = planning_with_meeting
    MembershipFactory(committee=committee, councillor=world.councillor)
    CompletionFactory(member=world.councillor, topic=topic, completed_on=COMPLETED)
    CompletionFactory(member=world.councillor, topic=safeguarding, completed_on=COMPLETED)

    out = StringIO()
    call_command("training_expiry_reminders", "--today", "2026-03-01", stdout=out)
    assert "2 reminder(s) sent" in out.getvalue()
    assert "lapses reported: 1" in out.getvalue()
    # Again, by the command, the task or the service: nothing more.
    call_command("training_expiry_reminders", "--today", "2026-03-01", stdout=StringIO())
    assert training_expiry_reminders_task.call(today="2026-03-02") == {
        "members_reminded": 0,
        "committee_alerts": 0,
    }
    run = training_expiry_reminders(today=datetime.date(2026, 3, 3))
    assert (run.members_reminded, run.committee_alerts) == (0, 0)
    assert Notification.objects.filter(recipient=world.councillor).count() == 2


def test_command_refuses_a_bad_date():
    with pytest.raises(CommandError):
        call_command("training_expiry_reminders", "--today", "tomorrow")
