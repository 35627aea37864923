"""Topic and session services: validation, permission, history and audit, capacity changes
filling places from the waiting list, and cancelling a session."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.audit.models import AuditEvent
from councillor_hub.committees.tests.factories import CommitteeFactory
from councillor_hub.learning.models import Basis, Booking, BookingStatus, TrainingSession
from councillor_hub.learning.services import session_book
from councillor_hub.learning.services.catalogue import (
    session_cancel,
    session_create,
    session_update,
    topic_create,
    topic_update,
)

from .factories import BookingFactory, CompletionFactory, SessionFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]


def later(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, 0), tzinfo=timezone.get_current_timezone()
    )


def session_args(**changes) -> dict:
    args = {
        "starts_at": later(10),
        "ends_at": later(10, 20),
        "location": "Committee Room 2",
        "online_url": "",
        "capacity": 10,
        "trainer": "Demo Training Ltd",
    }
    return args | changes


def test_topic_create_with_roles_committees_and_validity(world):
    planning = CommitteeFactory(name="Planning Committee")
    topic = topic_create(
        actor=world.democratic,
        name="  Planning committee training ",
        is_mandatory=True,
        valid_for_months=12,
        validity_basis=Basis.MUNICIPAL_YEAR,
        required_for_roles=["councillor", "councillor"],
        committees=[planning],
        reminder_days_before=45,
    )
    assert topic.name == "Planning committee training"
    assert topic.required_for_roles == ["councillor"]
    assert list(topic.required_for_committees.all()) == [planning]
    assert topic.history.count() == 1
    assert AuditEvent.objects.filter(
        object_type="learning.trainingtopic", object_id=str(topic.pk), action="create"
    ).exists()


def test_topic_validation(world):
    TopicFactory(name="Safeguarding")
    with pytest.raises(ValidationError) as error:
        topic_create(
            actor=world.democratic,
            name="SAFEGUARDING",
            valid_for_months=0,
            validity_basis="weekly",
            required_for_roles=["emperor"],
            reminder_days_before=400,
        )
    assert set(error.value.message_dict) == {
        "name",
        "valid_for_months",
        "validity_basis",
        "required_for_roles",
        "reminder_days_before",
    }


def test_only_managers_write_the_catalogue(world):
    topic = TopicFactory()
    session = SessionFactory(topic=topic)
    for actor in (world.councillor, world.whip, world.support):
        with pytest.raises(PermissionDenied):
            topic_create(actor=actor, name="Anything")
        with pytest.raises(PermissionDenied):
            topic_update(actor=actor, topic=topic, name="Changed")
        with pytest.raises(PermissionDenied):
            session_create(actor=actor, topic=topic, **session_args())
        with pytest.raises(PermissionDenied):
            session_cancel(actor=actor, session=session)


def test_topic_update_records_what_changed(world):
    topic = TopicFactory(name="Scrutiny", valid_for_months=None)
    licensing = CommitteeFactory(name="Licensing Committee")
    topic_update(
        actor=world.democratic,
        topic=topic,
        name="Scrutiny skills",
        valid_for_months=24,
        committees=[licensing],
    )
    topic.refresh_from_db()
    assert (topic.name, topic.valid_for_months) == ("Scrutiny skills", 24)
    event = AuditEvent.objects.get(object_type="learning.trainingtopic", action="update")
    assert event.detail == "changed: name, valid_for_months, committees"
    # Saving again unchanged writes nothing.
    topic_update(
        actor=world.democratic,
        topic=topic,
        name="Scrutiny skills",
        valid_for_months=24,
        committees=[licensing],
    )
    assert (
        AuditEvent.objects.filter(object_type="learning.trainingtopic", action="update").count()
        == 1
    )


def test_session_create_checks_times_place_and_capacity(world):
    topic = TopicFactory()
    with pytest.raises(ValidationError) as error:
        session_create(
            actor=world.democratic,
            topic=topic,
            **session_args(ends_at=later(10, 17), location="", capacity=0),
        )
    assert set(error.value.message_dict) == {"ends_at", "location", "capacity"}
    with pytest.raises(ValidationError) as error:
        session_create(
            actor=world.democratic,
            topic=topic,
            **session_args(starts_at=later(-2), ends_at=later(-2, 20)),
        )
    assert "starts_at" in error.value.message_dict
    session = session_create(
        actor=world.democratic,
        topic=topic,
        **session_args(location="", online_url="https://meet.example.org/x"),
    )
    assert session.online_url == "https://meet.example.org/x"


def test_more_places_fill_from_the_waiting_list_in_order(world):
    session = SessionFactory(capacity=1, starts_at=later(5), ends_at=later(5, 20))
    BookingFactory(session=session, member=world.councillor)
    first = session_book(actor=world.colleague, session=session, member=world.colleague)
    second = session_book(actor=world.other, session=session, member=world.other)
    third = session_book(actor=world.independent, session=session, member=world.independent)
    assert {first.status, second.status, third.status} == {BookingStatus.WAITING}

    session_update(
        actor=world.democratic,
        session=session,
        topic=session.topic,
        **session_args(
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            capacity=3,
            location=session.location,
            trainer=session.trainer,
        ),
    )

    statuses = dict(Booking.objects.filter(session=session).values_list("member_id", "status"))
    assert statuses[world.colleague.pk] == BookingStatus.BOOKED
    assert statuses[world.other.pk] == BookingStatus.BOOKED
    assert statuses[world.independent.pk] == BookingStatus.WAITING


def test_fewer_places_than_booked_is_refused(world):
    session = SessionFactory(capacity=3, starts_at=later(5), ends_at=later(5, 20))
    BookingFactory(session=session, member=world.councillor)
    BookingFactory(session=session, member=world.colleague)
    with pytest.raises(ValidationError) as error:
        session_update(
            actor=world.democratic,
            session=session,
            topic=session.topic,
            **session_args(starts_at=session.starts_at, ends_at=session.ends_at, capacity=1),
        )
    assert "already booked" in error.value.message_dict["capacity"][0]
    assert TrainingSession.objects.get(pk=session.pk).capacity == 3


def test_the_topic_of_a_marked_session_cannot_change(world):
    past = SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=2),
    )
    CompletionFactory(member=world.councillor, topic=past.topic, session=past)
    with pytest.raises(ValidationError) as error:
        session_update(
            actor=world.democratic,
            session=past,
            topic=TopicFactory(name="Another"),
            starts_at=past.starts_at,
            ends_at=past.ends_at,
            location=past.location,
            capacity=past.capacity,
            trainer=past.trainer,
        )
    assert "topic" in error.value.message_dict


def test_cancelling_a_session_keeps_bookings_and_refuses_twice(world):
    session = SessionFactory(starts_at=later(5), ends_at=later(5, 20))
    booking = BookingFactory(session=session, member=world.councillor)
    session_cancel(actor=world.democratic, session=session)
    session.refresh_from_db()
    booking.refresh_from_db()
    assert session.is_cancelled
    assert booking.status == BookingStatus.BOOKED  # kept: the member's list shows it cancelled
    with pytest.raises(ValidationError):
        session_cancel(actor=world.democratic, session=session)
    with pytest.raises(ValidationError):
        session_book(actor=world.colleague, session=session, member=world.colleague)
    with pytest.raises(ValidationError):
        session_update(
            actor=world.democratic, session=session, topic=session.topic, **session_args()
        )


def test_a_started_session_cannot_be_cancelled(world):
    session = SessionFactory(
        starts_at=timezone.now() - datetime.timedelta(minutes=5),
        ends_at=timezone.now() + datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError):
        session_cancel(actor=world.democratic, session=session)
