"""Two bookings for the last place at the same moment: one gets it, one waits. Counting the
places is slowed down, so without the session row lock both would see a free place (checked
by removing the lock: these tests then fail)."""

import threading
import time

import pytest
from django.db import connection, connections

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.learning.models import Booking, BookingStatus
from councillor_hub.learning.services import booking_cancel, session_book
from councillor_hub.learning.services import bookings as services

from .factories import BookingFactory, SessionFactory


def _at_once(*jobs):
    barrier = threading.Barrier(len(jobs))
    errors = []

    def run(job):
        try:
            barrier.wait(timeout=10)
            job()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors


def _needs_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs row locks and real concurrent connections: the SQLite test database is an "
            "in-memory one shared between threads"
        )


@pytest.fixture
def slow_count(monkeypatch):
    """Widen the gap between counting the places and writing the booking."""
    count = services._booked_count

    def slowly(session):
        result = count(session)
        time.sleep(0.5)
        return result

    monkeypatch.setattr(services, "_booked_count", slowly)


def test_two_bookings_for_the_last_place(transactional_db, slow_count):
    _needs_postgresql()
    session = SessionFactory(capacity=2)
    BookingFactory(session=session)
    first, second = CouncillorFactory.create_batch(2)
    _at_once(
        lambda: session_book(actor=first, session=session, member=first),
        lambda: session_book(actor=second, session=session, member=second),
    )
    statuses = sorted(
        Booking.objects.filter(member__in=[first, second]).values_list("status", flat=True)
    )
    assert statuses == [BookingStatus.BOOKED, BookingStatus.WAITING]


def test_two_cancellations_at_once_promote_two_different_people(transactional_db, slow_count):
    _needs_postgresql()
    session = SessionFactory(capacity=2)
    held = [BookingFactory(session=session) for _ in range(2)]
    waiting = [BookingFactory(session=session, status=BookingStatus.WAITING) for _ in range(3)]
    _at_once(
        *[
            (lambda booking=booking: booking_cancel(actor=booking.member, booking=booking))
            for booking in held
        ]
    )
    booked = set(Booking.objects.filter(status=BookingStatus.BOOKED).values_list("pk", flat=True))
    assert booked == {waiting[0].pk, waiting[1].pk}
    assert Booking.objects.get(pk=waiting[2].pk).status == BookingStatus.WAITING
