"""Booking and cancelling: capacity, the waiting list in booking order, promotion exactly once
on cancellation, refusals (past, cancelled, someone else's booking), and the audit trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.learning.models import Booking, BookingStatus
from councillor_hub.learning.services import booking_cancel, session_book

from .factories import BookingFactory, SessionFactory

pytestmark = pytest.mark.django_db


def book(member, session, actor=None, **kwargs):
    return session_book(actor=actor or member, session=session, member=member, **kwargs)


def test_places_then_waiting_list_in_booking_order():
    session = SessionFactory(capacity=2)
    members = CouncillorFactory.create_batch(4)
    bookings = [book(member, session) for member in members]
    assert [b.status for b in bookings] == [
        BookingStatus.BOOKED,
        BookingStatus.BOOKED,
        BookingStatus.WAITING,
        BookingStatus.WAITING,
    ]
    # The first on the waiting list is promoted, once; then the next.
    result = booking_cancel(actor=members[0], booking=bookings[0])
    assert result.promoted.pk == bookings[2].pk
    statuses = dict(Booking.objects.values_list("pk", "status"))
    assert statuses == {
        bookings[0].pk: BookingStatus.CANCELLED,
        bookings[1].pk: BookingStatus.BOOKED,
        bookings[2].pk: BookingStatus.BOOKED,
        bookings[3].pk: BookingStatus.WAITING,
    }
    assert booking_cancel(actor=members[1], booking=bookings[1]).promoted.pk == bookings[3].pk
    assert Booking.objects.filter(status=BookingStatus.BOOKED).count() == 2


def test_cancelling_twice_is_refused_and_promotes_nobody_more():
    session = SessionFactory(capacity=1)
    first, second, third = CouncillorFactory.create_batch(3)
    held = book(first, session)
    book(second, session)
    book(third, session)
    booking_cancel(actor=first, booking=held)
    with pytest.raises(ValidationError, match="already been cancelled"):
        booking_cancel(actor=first, booking=held)
    assert Booking.objects.filter(status=BookingStatus.BOOKED).count() == 1
    assert Booking.objects.filter(status=BookingStatus.WAITING).count() == 1


def test_cancelling_a_waiting_booking_promotes_nobody():
    session = SessionFactory(capacity=1)
    first, second, third = CouncillorFactory.create_batch(3)
    book(first, session)
    waiting = book(second, session)
    book(third, session)
    assert booking_cancel(actor=second, booking=waiting).promoted is None
    assert list(
        Booking.objects.filter(status=BookingStatus.BOOKED).values_list("member", flat=True)
    ) == [first.pk]
    assert Booking.objects.filter(status=BookingStatus.WAITING).count() == 1


def test_a_cancelled_member_may_book_again_at_the_back_of_the_queue():
    session = SessionFactory(capacity=1)
    first, second = CouncillorFactory.create_batch(2)
    held = book(first, session)
    book(second, session)
    booking_cancel(actor=first, booking=held)
    again = book(first, session)
    assert again.status == BookingStatus.WAITING


def test_booking_twice_is_refused():
    session = SessionFactory()
    member = CouncillorFactory()
    book(member, session)
    with pytest.raises(ValidationError, match="already booked"):
        book(member, session)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"is_cancelled": True}, "This session has been cancelled"),
        (
            {"starts_at": timezone.now() - datetime.timedelta(hours=1)},
            "You cannot book a session that has already started",
        ),
    ],
)
def test_cancelled_or_past_sessions_are_refused(kwargs, message):
    session = SessionFactory(**kwargs)
    member = CouncillorFactory()
    with pytest.raises(ValidationError, match=message):
        book(member, session)
    assert not Booking.objects.exists()


def test_a_member_cannot_book_or_cancel_for_someone_else(world):
    session = SessionFactory()
    with pytest.raises(PermissionDenied):
        session_book(actor=world.colleague, session=session, member=world.councillor)
    booking = book(world.councillor, session)
    with pytest.raises(PermissionDenied):
        booking_cancel(actor=world.colleague, booking=booking)


def test_democratic_services_book_and_cancel_for_a_member_with_access_needs(world):
    session = SessionFactory()
    booking = session_book(
        actor=world.democratic,
        session=session,
        member=world.councillor,
        access_needs="  Hearing loop, please  ",
    )
    assert booking.member == world.councillor
    assert booking.access_needs == "Hearing loop, please"
    booking_cancel(actor=world.democratic, booking=booking)
    event = AuditEvent.objects.filter(action=Action.CREATE).get()
    assert event.object_label == f"Training booking #{booking.pk}"
    for event in AuditEvent.objects.all():
        assert "Hearing" not in event.object_label + event.detail
        assert world.councillor.full_name not in event.object_label + event.detail


@pytest.mark.parametrize("who", ["support", "highways_officer", "mp", "democratic", "admin"])
def test_non_members_cannot_be_booked(world, who):
    with pytest.raises(PermissionDenied):
        session_book(actor=world.democratic, session=SessionFactory(), member=getattr(world, who))


def test_a_booking_cannot_be_cancelled_once_the_session_has_started(world):
    session = SessionFactory(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    booking = BookingFactory(session=session, member=world.councillor)
    with pytest.raises(ValidationError, match="already started"):
        booking_cancel(actor=world.democratic, booking=booking)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.BOOKED
