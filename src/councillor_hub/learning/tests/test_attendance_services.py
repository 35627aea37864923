"""Marking attendance and recording completions by hand."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.learning.models import BookingStatus, Completion, CompletionSource
from councillor_hub.learning.services import attendance_mark, completion_record

from .factories import BookingFactory, SessionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_session():
    session = SessionFactory(starts_at=timezone.now() - datetime.timedelta(hours=3))
    present, absent = CouncillorFactory.create_batch(2)
    BookingFactory(session=session, member=present)
    BookingFactory(session=session, member=absent)
    waiting = BookingFactory(session=session, status=BookingStatus.WAITING)
    return session, present, absent, waiting


def test_attendance_gives_completions_only_to_attendees(world, held_session):
    session, present, absent, _ = held_session
    assert attendance_mark(actor=world.democratic, session=session, attended={present.pk}) == 1
    completion = Completion.objects.get()
    assert completion.member == present
    assert completion.topic == session.topic
    assert completion.session == session
    assert completion.source == CompletionSource.SESSION
    assert completion.completed_on == timezone.localdate(session.starts_at)
    marks = dict(session.bookings.filter(status="booked").values_list("member", "attended"))
    assert marks == {present.pk: True, absent.pk: False}
    assert AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(session.pk)).exists()


def test_marking_again_does_not_double_count_and_can_correct(world, held_session):
    session, present, absent, _ = held_session
    attendance_mark(actor=world.democratic, session=session, attended={present.pk})
    attendance_mark(actor=world.democratic, session=session, attended={present.pk})
    assert Completion.objects.count() == 1
    attendance_mark(actor=world.democratic, session=session, attended={absent.pk})
    assert list(Completion.objects.values_list("member", flat=True)) == [absent.pk]


def test_only_booked_members_can_be_marked(world, held_session):
    session, present, _, waiting = held_session
    with pytest.raises(ValidationError, match="Select only members who are booked"):
        attendance_mark(
            actor=world.democratic, session=session, attended={present.pk, waiting.member_id}
        )
    assert not Completion.objects.exists()


def test_attendance_not_before_the_session_or_for_a_cancelled_one(world):
    with pytest.raises(ValidationError, match="before the session starts"):
        attendance_mark(actor=world.democratic, session=SessionFactory(), attended=set())
    cancelled = SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(days=1), is_cancelled=True
    )
    with pytest.raises(ValidationError, match="cancelled session"):
        attendance_mark(actor=world.democratic, session=cancelled, attended=set())


@pytest.mark.parametrize("who", ["councillor", "support", "whip", "highways_officer"])
def test_only_democratic_services_mark_attendance(world, held_session, who):
    session, present, _, _ = held_session
    with pytest.raises(PermissionDenied):
        attendance_mark(actor=getattr(world, who), session=session, attended={present.pk})


def test_completion_recorded_by_hand(world):
    topic = TopicFactory()
    completion = completion_record(
        actor=world.democratic,
        member=world.councillor,
        topic=topic,
        completed_on=datetime.date(2025, 3, 1),
        source=CompletionSource.E_LEARNING,
        note=" Information governance module ",
    )
    assert completion.recorded_by == world.democratic
    assert completion.note == "Information governance module"
    assert completion.history.count() == 1
    event = AuditEvent.objects.get(action=Action.CREATE)
    assert event.object_label == f"Training completion #{completion.pk}"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"source": CompletionSource.SESSION}, "Select how the training was completed"),
        (
            {"completed_on": timezone.localdate() + datetime.timedelta(days=1)},
            "must be today or in the past",
        ),
    ],
)
def test_completion_record_refusals(world, changes, message):
    kwargs = {
        "actor": world.democratic,
        "member": world.councillor,
        "topic": TopicFactory(),
        "completed_on": datetime.date(2025, 3, 1),
        "source": CompletionSource.MANUAL,
    } | changes
    with pytest.raises(ValidationError, match=message):
        completion_record(**kwargs)


def test_completion_record_needs_democratic_services(world):
    with pytest.raises(PermissionDenied):
        completion_record(
            actor=world.councillor,
            member=world.councillor,
            topic=TopicFactory(),
            completed_on=datetime.date(2025, 3, 1),
            source=CompletionSource.MANUAL,
        )


def test_attendees_are_asked_once_to_evaluate(
    world, held_session, django_capture_on_commit_callbacks
):
    from councillor_hub.notifications.models import Notification

    session, present, absent, _ = held_session
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(actor=world.democratic, session=session, attended={present.pk})
    asked = Notification.objects.filter(title__startswith="Tell us how")
    assert list(asked.values_list("recipient", flat=True)) == [present.pk]
    # Saving the same attendance again does not ask again; a late-marked attendee is asked.
    with django_capture_on_commit_callbacks(execute=True):
        attendance_mark(actor=world.democratic, session=session, attended={present.pk, absent.pk})
    assert sorted(asked.values_list("recipient", flat=True)) == sorted([present.pk, absent.pk])
