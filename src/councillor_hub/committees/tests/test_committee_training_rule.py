"""Committee eligibility (issue 6): nobody is newly appointed to a committee without valid
training for the topics it requires unless a manager records why; an appointment invites the
member to the committee's introduction and training; the committee page flags members and
substitutes without valid training, and sitting members whose training lapses before the
next meeting; meetings are managed in the app."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import AuditEvent
from councillor_hub.committees.models import CommitteeMeeting, CommitteeMembership, MemberRole
from councillor_hub.committees.services import (
    meeting_create,
    meeting_update,
    membership_add,
    membership_change_role,
)
from councillor_hub.learning.tests.factories import CompletionFactory, TopicFactory
from councillor_hub.notifications.models import Notification

from .factories import CommitteeFactory, MembershipFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def planning():
    committee = CommitteeFactory(name="Planning Committee", requires_training=True)
    topic = TopicFactory(name="Planning committee training", valid_for_months=12)
    topic.required_for_committees.add(committee)
    return committee, topic


def meeting_on(committee, day, **kwargs):
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 30)))
    return CommitteeMeeting.objects.create(committee=committee, starts_at=starts_at, **kwargs)


# --- The rule in the services -------------------------------------------------------------


def test_appointment_without_training_is_refused(world, planning):
    committee, _ = planning
    with pytest.raises(ValidationError) as error:
        membership_add(
            actor=world.democratic,
            committee=committee,
            councillor=world.councillor,
            role=MemberRole.SUBSTITUTE,
            start_date=TODAY,
        )
    messages = error.value.message_dict["training_override_reason"]
    assert "Planning committee training not completed" in messages[0]
    assert not CommitteeMembership.objects.filter(committee=committee).exists()


def test_expired_training_is_refused_and_named(world, planning):
    committee, topic = planning
    CompletionFactory(
        member=world.councillor, topic=topic, completed_on=TODAY - datetime.timedelta(days=400)
    )
    with pytest.raises(ValidationError) as error:
        membership_add(
            actor=world.democratic,
            committee=committee,
            councillor=world.councillor,
            role=MemberRole.MEMBER,
            start_date=TODAY,
        )
    assert "Planning committee training expired on" in str(error.value)


def test_training_expiring_before_a_future_start_is_refused(world, planning):
    committee, topic = planning
    # Valid today, but not on the first day of the appointment.
    CompletionFactory(
        member=world.councillor, topic=topic, completed_on=TODAY - datetime.timedelta(days=360)
    )
    with pytest.raises(ValidationError) as error:
        membership_add(
            actor=world.democratic,
            committee=committee,
            councillor=world.councillor,
            role=MemberRole.MEMBER,
            start_date=TODAY + datetime.timedelta(days=30),
        )
    assert "before the role starts" in str(error.value)


def test_valid_training_appoints_without_override(
    world, planning, django_capture_on_commit_callbacks
):
    committee, topic = planning
    CompletionFactory(member=world.councillor, topic=topic, completed_on=TODAY - ONE_DAY)
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_add(
            actor=world.democratic,
            committee=committee,
            councillor=world.councillor,
            role=MemberRole.MEMBER,
            start_date=TODAY,
            training_override_reason="not needed",
        )
    assert membership.training_override_reason == ""
    assert membership.training_override_by is None
    # The member is invited to the committee's introduction and training.
    notification = Notification.objects.get(recipient=world.councillor)
    assert notification.url == reverse("learning:committee_training", args=[committee.pk])
    assert "Planning Committee" in notification.title
    assert mail.outbox and mail.outbox[-1].to == [world.councillor.email]


def test_override_records_who_and_why(world, planning, django_capture_on_commit_callbacks):
    committee, _ = planning
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_add(
            actor=world.democratic,
            committee=committee,
            councillor=world.councillor,
            role=MemberRole.SUBSTITUTE,
            start_date=TODAY,
            training_override_reason="  Booked on the session on 12 June, before any meeting ",
        )
    membership.refresh_from_db()
    assert membership.training_override_reason == (
        "Booked on the session on 12 June, before any meeting"
    )
    assert membership.training_override_by == world.democratic
    assert membership.training_override_at is not None
    event = AuditEvent.objects.filter(object_id=str(membership.pk)).latest("pk")
    assert "without valid training" in event.detail
    assert "12 June" not in event.detail  # free text stays out of the audit trail
    assert Notification.objects.filter(recipient=world.councillor).count() == 1


def test_committee_without_required_topics_needs_nothing(world, django_capture_on_commit_callbacks):
    committee = CommitteeFactory(name="Standards Committee", requires_training=False)
    with django_capture_on_commit_callbacks(execute=True):
        membership = membership_add(
            actor=world.democratic,
            committee=committee,
            councillor=world.councillor,
            role=MemberRole.MEMBER,
            start_date=TODAY,
        )
    assert membership.pk and membership.training_override_reason == ""
    notification = Notification.objects.get(recipient=world.councillor)
    assert notification.title == (
        "You have been appointed to Standards Committee: see its introduction"
    )


def test_a_refused_appointment_sends_no_invitation(
    world, planning, django_capture_on_commit_callbacks
):
    committee, _ = planning
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        membership_add(
            actor=world.democratic,
            committee=committee,
            councillor=world.councillor,
            role=MemberRole.MEMBER,
            start_date=TODAY,
        )
    assert not Notification.objects.filter(recipient=world.councillor).exists()


def test_change_of_role_is_a_new_appointment(world, planning):
    committee, _ = planning
    membership = MembershipFactory(
        committee=committee,
        councillor=world.councillor,
        role=MemberRole.SUBSTITUTE,
        start_date=TODAY - datetime.timedelta(days=100),
    )
    with pytest.raises(ValidationError) as error:
        membership_change_role(
            actor=world.democratic, membership=membership, role=MemberRole.MEMBER, start_date=TODAY
        )
    assert "training_override_reason" in error.value.message_dict
    membership.refresh_from_db()
    assert membership.end_date is None  # nothing changed
    new = membership_change_role(
        actor=world.democratic,
        membership=membership,
        role=MemberRole.MEMBER,
        start_date=TODAY,
        training_override_reason="Chair's casting decision pending training on Monday",
    )
    assert new.training_override_by == world.democratic
    membership.refresh_from_db()
    assert membership.end_date == TODAY - ONE_DAY


# --- The pages ----------------------------------------------------------------------------


def test_add_member_page_asks_for_a_reason_and_keeps_what_was_typed(world, planning, client_for):
    committee, _ = planning
    browser = client_for(world.democratic)
    url = reverse("committees:membership_create", args=[committee.pk])
    page = browser.get(url).content.decode()
    assert 'name="training_override_reason"' in page
    assert "Planning committee training" in page
    response = browser.post(
        url,
        {"councillor": world.councillor.pk, "role": "member", "start_date": TODAY.isoformat()},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "does not have valid training" in content
    assert f'value="{world.councillor.pk}" selected' in content
    assert not CommitteeMembership.objects.filter(committee=committee).exists()

    response = browser.post(
        url,
        {
            "councillor": world.councillor.pk,
            "role": "member",
            "start_date": TODAY.isoformat(),
            "training_override_reason": "Training booked for next week",
        },
    )
    assert response.status_code == 302
    membership = CommitteeMembership.objects.get(committee=committee)
    assert membership.training_override_by == world.democratic


def test_add_member_page_without_required_topics_has_no_reason_field(world, client_for):
    committee = CommitteeFactory()
    page = client_for(world.democratic).get(
        reverse("committees:membership_create", args=[committee.pk])
    )
    assert 'name="training_override_reason"' not in page.content.decode()


def test_committee_page_flags_missing_and_lapsing_training(world, planning, client_for):
    committee, topic = planning
    meeting_day = TODAY + datetime.timedelta(days=20)
    meeting_on(committee, meeting_day, place="Council Chamber")
    # No training at all: flagged.
    missing = MembershipFactory(committee=committee, councillor=world.councillor)
    # Valid today, lapses 10 days before the meeting: flagged.
    lapsing = MembershipFactory(
        committee=committee, councillor=world.colleague, role=MemberRole.SUBSTITUTE
    )
    CompletionFactory(
        member=world.colleague,
        topic=topic,
        completed_on=TODAY + datetime.timedelta(days=10) - datetime.timedelta(days=365),
    )
    # Valid well beyond the meeting: not flagged.
    fine = MembershipFactory(committee=committee, councillor=world.other)
    CompletionFactory(member=world.other, topic=topic, completed_on=TODAY - ONE_DAY)

    content = client_for(world.democratic).get(committee.get_absolute_url()).content.decode()
    assert f'data-flag="{missing.pk}"' in content
    assert f'data-flag="{lapsing.pk}"' in content
    assert f'data-flag="{fine.pk}"' not in content
    assert "Lapses before the meeting" in content
    assert "Council Chamber" in content  # the meetings list

    # Who lacks training is for democratic services: a councillor sees no flags.
    content = client_for(world.other).get(committee.get_absolute_url()).content.decode()
    assert "data-flag=" not in content
    assert "Council Chamber" in content


def test_training_valid_on_the_meeting_day_is_not_flagged(world, planning):
    from councillor_hub.learning.selectors import committee_training_flags

    committee, topic = planning
    meeting_day = TODAY + datetime.timedelta(days=20)
    meeting_on(committee, meeting_day)
    MembershipFactory(committee=committee, councillor=world.councillor)
    # 12 months from completion ends on the meeting day itself: still valid at the meeting.
    completed = meeting_day.replace(year=meeting_day.year - 1)
    CompletionFactory(member=world.councillor, topic=topic, completed_on=completed)
    training = committee_training_flags(committee, TODAY)
    assert training.next_meeting.day == meeting_day
    assert training.flags == []


def test_cancelled_and_past_meetings_are_not_the_next_meeting(world, planning):
    from councillor_hub.learning.selectors import next_meeting

    committee, _ = planning
    meeting_on(committee, TODAY - ONE_DAY)
    meeting_on(committee, TODAY + ONE_DAY, is_cancelled=True)
    later = meeting_on(committee, TODAY + datetime.timedelta(days=9))
    assert next_meeting(committee, TODAY) == later


# --- Meetings -------------------------------------------------------------------------------


def test_meeting_services_audit_and_refuse_non_managers(world, planning):
    from django.core.exceptions import PermissionDenied

    committee, _ = planning
    starts = timezone.make_aware(datetime.datetime(2030, 6, 4, 18, 30))
    meeting = meeting_create(
        actor=world.democratic, committee=committee, starts_at=starts, place=" Chamber "
    )
    assert meeting.place == "Chamber"
    meeting_update(actor=world.admin, meeting=meeting, starts_at=starts, is_cancelled=True)
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.place == ""
    assert AuditEvent.objects.filter(object_id=str(meeting.pk)).count() == 2
    with pytest.raises(PermissionDenied):
        meeting_create(actor=world.councillor, committee=committee, starts_at=starts)


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("18:30", (18, 30)),
        ("6:30pm", (18, 30)),
        ("6pm", (18, 0)),
        ("0930", (9, 30)),
        ("12am", (0, 0)),
        ("9.15 am", (9, 15)),
    ],
)
def test_meeting_time_is_read_forgivingly(world, planning, client_for, typed, expected):
    committee, _ = planning
    response = client_for(world.democratic).post(
        reverse("committees:meeting_create", args=[committee.pk]),
        {"day": "2030-06-04", "time": typed, "place": ""},
    )
    assert response.status_code == 302
    local = timezone.localtime(CommitteeMeeting.objects.get(committee=committee).starts_at)
    assert (local.hour, local.minute) == expected


@pytest.mark.parametrize("typed", ["", "25:00", "noon", "13pm", "12:60", "9:3x"])
def test_bad_meeting_input_re_renders_without_a_500(world, planning, client_for, typed):
    committee, _ = planning
    response = client_for(world.democratic).post(
        reverse("committees:meeting_create", args=[committee.pk]),
        {"day": "2030-02-31", "time": typed, "place": "x" * 300},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "govuk-error-summary" in content
    assert "Date must be a real date" in content
    assert not CommitteeMeeting.objects.exists()


@pytest.mark.parametrize(
    "hour,minute,label",
    [
        (10, 0, "10am"),
        (18, 30, "6:30pm"),
        (12, 0, "midday"),
        (0, 0, "midnight"),
        (12, 5, "12:05pm"),
    ],
)
def test_meeting_time_label(planning, hour, minute, label):
    committee, _ = planning
    starts = timezone.make_aware(datetime.datetime(2030, 6, 4, hour, minute))
    assert CommitteeMeeting(committee=committee, starts_at=starts).time_label == label
