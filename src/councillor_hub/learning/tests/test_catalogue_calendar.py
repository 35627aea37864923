"""The private calendar feed and the emailed invitations (learning/calendar.py, tasks.py).

The feed holds exactly the member's BOOKED sessions: not waiting-list places, not cancelled
bookings, not anyone else's. A session the council cancelled stays in it with
STATUS:CANCELLED. Booking (and promotion from the waiting list) emails a METHOD:REQUEST
invitation; cancelling a held place emails METHOD:CANCEL, with the same UID."""

import datetime
import logging

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from councillor_hub.audit.models import AuditEvent
from councillor_hub.learning import tasks
from councillor_hub.learning.calendar import CANCEL, REQUEST, invitation_ics, session_uid
from councillor_hub.learning.models import BookingStatus, CalendarFeed
from councillor_hub.learning.services import booking_cancel, session_book
from councillor_hub.learning.services.catalogue import (
    calendar_feed_for,
    calendar_feed_revoke,
    session_cancel,
    session_update,
)

from .factories import BookingFactory, SessionFactory, TopicFactory

pytestmark = pytest.mark.django_db


def soon(days: int) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) + datetime.timedelta(days=days)


def events(ics: bytes) -> list:
    return Calendar.from_ical(ics).walk("VEVENT")


def feed_events(client, member) -> list:
    feed = calendar_feed_for(actor=member, member=member)
    response = client.get(reverse("learning:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    return events(response.content)


def invitations() -> list[tuple[str, Calendar]]:
    """(recipient, parsed calendar) for each email sent with an invitation."""
    found = []
    for message in mail.outbox:
        for part in message.message().walk():
            if part.get_content_type() == "text/calendar":
                found.append((message.to[0], Calendar.from_ical(part.get_payload(decode=True))))
    return found


def test_the_feed_holds_exactly_the_members_booked_sessions(client, world):
    topic = TopicFactory(name="Planning committee training")
    booked = SessionFactory(
        topic=topic, starts_at=soon(5), ends_at=soon(5) + datetime.timedelta(hours=2)
    )
    past = SessionFactory(
        topic=topic, starts_at=soon(-30), ends_at=soon(-30) + datetime.timedelta(hours=1)
    )
    waiting = SessionFactory(
        topic=topic, starts_at=soon(9), ends_at=soon(9) + datetime.timedelta(hours=1)
    )
    cancelled_booking = SessionFactory(
        topic=topic, starts_at=soon(12), ends_at=soon(12) + datetime.timedelta(hours=1)
    )
    someone_elses = SessionFactory(
        topic=topic, starts_at=soon(15), ends_at=soon(15) + datetime.timedelta(hours=1)
    )
    called_off = SessionFactory(
        topic=topic,
        starts_at=soon(20),
        ends_at=soon(20) + datetime.timedelta(hours=1),
        is_cancelled=True,
    )
    BookingFactory(session=booked, member=world.councillor)
    BookingFactory(session=past, member=world.councillor)
    BookingFactory(session=waiting, member=world.councillor, status=BookingStatus.WAITING)
    BookingFactory(
        session=cancelled_booking, member=world.councillor, status=BookingStatus.CANCELLED
    )
    BookingFactory(session=someone_elses, member=world.colleague)
    BookingFactory(session=called_off, member=world.councillor)

    found = {str(event["UID"]): event for event in feed_events(client, world.councillor)}

    assert set(found) == {
        session_uid(booked.pk, world.councillor.pk),
        session_uid(past.pk, world.councillor.pk),
        session_uid(called_off.pk, world.councillor.pk),
    }
    event = found[session_uid(booked.pk, world.councillor.pk)]
    assert str(event["SUMMARY"]) == "Training: Planning committee training"
    assert event.decoded("DTSTART") == booked.starts_at
    assert event.decoded("DTEND") == booked.ends_at
    assert str(event["LOCATION"]) == "Committee Room 1"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(found[session_uid(called_off.pk, world.councillor.pk)]["STATUS"]) == "CANCELLED"


def test_the_feed_never_carries_access_needs(client, world):
    session = SessionFactory(starts_at=soon(5), ends_at=soon(5) + datetime.timedelta(hours=1))
    BookingFactory(session=session, member=world.councillor, access_needs="Hearing loop please")
    feed = calendar_feed_for(actor=world.councillor, member=world.councillor)
    response = client.get(reverse("learning:calendar_feed", args=[feed.token]))
    assert b"Hearing loop" not in response.content


def test_the_feed_needs_no_sign_in_and_records_its_use(client, world):
    feed = calendar_feed_for(actor=world.councillor, member=world.councillor)
    assert feed.last_used_at is None
    assert client.get(reverse("learning:calendar_feed", args=[feed.token])).status_code == 200
    feed.refresh_from_db()
    assert feed.last_used_at is not None


def test_a_revoked_address_stops_working_at_once(client, world, councillor_client):
    old = calendar_feed_for(actor=world.councillor, member=world.councillor).token
    page = councillor_client.get(reverse("learning:calendar"))
    assert old in page.content.decode()

    response = councillor_client.post(reverse("learning:calendar_revoke"))

    assert response.status_code == 302
    new = CalendarFeed.objects.get(member=world.councillor).token
    assert new != old
    assert client.get(reverse("learning:calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("learning:calendar_feed", args=[new])).status_code == 200
    assert AuditEvent.objects.filter(object_type="learning.calendarfeed", action="revoke").exists()
    assert new in councillor_client.get(reverse("learning:calendar")).content.decode()


def test_a_former_members_feed_stops_working(client, world):
    feed = calendar_feed_for(actor=world.councillor, member=world.councillor)
    world.councillor.is_active = False
    world.councillor.save()
    assert client.get(reverse("learning:calendar_feed", args=[feed.token])).status_code == 404


def test_only_the_member_manages_their_own_feed(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        calendar_feed_for(actor=world.democratic, member=world.councillor)
    with pytest.raises(PermissionDenied):
        calendar_feed_revoke(actor=world.colleague, member=world.councillor)
    with pytest.raises(PermissionDenied):
        calendar_feed_for(actor=world.support, member=world.support)


def test_an_invitation_is_an_itip_request_for_the_member():
    booking = BookingFactory(session=SessionFactory(online_url="https://meet.example.org/abc"))
    calendar = Calendar.from_ical(invitation_ics(booking, REQUEST))
    assert str(calendar["METHOD"]) == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == session_uid(booking.session_id, booking.member_id)
    assert str(event["ATTENDEE"]) == f"mailto:{booking.member.email}"
    assert str(event["ORGANIZER"]).startswith("mailto:")
    assert str(event["URL"]) == "https://meet.example.org/abc"
    assert int(event["SEQUENCE"]) > 0
    cancel = Calendar.from_ical(invitation_ics(booking, CANCEL))
    assert str(cancel["METHOD"]) == "CANCEL"
    (cancelled,) = cancel.walk("VEVENT")
    assert str(cancelled["UID"]) == str(event["UID"])
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) >= int(event["SEQUENCE"])


def test_booking_on_the_page_emails_an_invitation_after_commit(
    world, councillor_client, django_capture_on_commit_callbacks
):
    session = SessionFactory(starts_at=soon(7), ends_at=soon(7) + datetime.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = councillor_client.post(
            reverse("learning:session_book", args=[session.pk]), {"access_needs": ""}
        )
    assert response.status_code == 302
    assert len(callbacks) == 1
    (sent,) = invitations()
    assert sent[0] == world.councillor.email
    assert str(sent[1]["METHOD"]) == "REQUEST"
    (event,) = sent[1].walk("VEVENT")
    assert str(event["UID"]) == session_uid(session.pk, world.councillor.pk)
    assert mail.outbox[0].subject.startswith("Training booked: ")


def test_a_waiting_list_place_sends_no_invitation(world, django_capture_on_commit_callbacks):
    session = SessionFactory(
        capacity=1, starts_at=soon(7), ends_at=soon(7) + datetime.timedelta(hours=2)
    )
    BookingFactory(session=session, member=world.colleague)
    with django_capture_on_commit_callbacks(execute=True):
        booking = session_book(actor=world.councillor, session=session, member=world.councillor)
    assert booking.status == BookingStatus.WAITING
    assert invitations() == []


def test_cancelling_sends_a_cancel_and_the_promoted_member_gets_a_request(
    world, django_capture_on_commit_callbacks
):
    session = SessionFactory(
        capacity=1, starts_at=soon(7), ends_at=soon(7) + datetime.timedelta(hours=2)
    )
    held = BookingFactory(session=session, member=world.councillor)
    BookingFactory(session=session, member=world.colleague, status=BookingStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        result = booking_cancel(actor=world.councillor, booking=held)
    assert result.promoted.member == world.colleague
    sent = {(to, str(calendar["METHOD"])) for to, calendar in invitations()}
    assert sent == {(world.councillor.email, "CANCEL"), (world.colleague.email, "REQUEST")}


def test_a_changed_session_resends_the_invitation_with_the_same_uid(
    world, django_capture_on_commit_callbacks
):
    session = SessionFactory(starts_at=soon(7), ends_at=soon(7) + datetime.timedelta(hours=2))
    BookingFactory(session=session, member=world.councillor)
    BookingFactory(session=session, member=world.colleague, status=BookingStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        session_update(
            actor=world.democratic,
            session=session,
            topic=session.topic,
            starts_at=session.starts_at + datetime.timedelta(hours=1),
            ends_at=session.ends_at + datetime.timedelta(hours=1),
            location="Council Chamber",
            capacity=session.capacity,
            trainer=session.trainer,
        )
    (sent,) = invitations()
    assert sent[0] == world.councillor.email
    (event,) = sent[1].walk("VEVENT")
    assert str(event["UID"]) == session_uid(session.pk, world.councillor.pk)
    assert str(event["LOCATION"]) == "Council Chamber"


def test_a_cancelled_session_tells_everyone_and_cancels_invitations(
    world, django_capture_on_commit_callbacks
):
    from councillor_hub.notifications.models import Notification

    session = SessionFactory(
        capacity=1, starts_at=soon(7), ends_at=soon(7) + datetime.timedelta(hours=2)
    )
    BookingFactory(session=session, member=world.councillor, access_needs="Step-free access")
    BookingFactory(session=session, member=world.colleague, status=BookingStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        told = session_cancel(actor=world.democratic, session=session)
    assert told == 2
    assert set(Notification.objects.values_list("recipient", flat=True)) == {
        world.councillor.pk,
        world.colleague.pk,
    }
    assert all("Step-free" not in n.title for n in Notification.objects.all())
    assert [(to, str(cal["METHOD"])) for to, cal in invitations()] == [
        (world.councillor.email, "CANCEL")
    ]


def test_nothing_is_sent_if_the_booking_rolls_back(world, django_capture_on_commit_callbacks):
    from django.db import transaction

    session = SessionFactory(starts_at=soon(7), ends_at=soon(7) + datetime.timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                session_book(actor=world.councillor, session=session, member=world.councillor)
                raise RuntimeError("later step failed")
        except RuntimeError:
            pass
    assert callbacks == []
    assert mail.outbox == []


def test_a_failed_email_is_logged_not_raised(world, monkeypatch, caplog):
    booking = BookingFactory(
        session=SessionFactory(starts_at=soon(7), ends_at=soon(7) + datetime.timedelta(hours=1))
    )

    class Broken:
        def send_messages(self, messages):
            raise OSError("mail server down")

    monkeypatch.setattr(tasks, "get_connection", lambda: Broken())
    with caplog.at_level(logging.ERROR, logger="councillor_hub.learning.tasks"):
        assert tasks.send_training_invitation.call(booking.pk, REQUEST) is False
    assert "Could not send a training invitation" in caplog.text


def test_a_request_is_not_sent_for_a_place_cancelled_meanwhile():
    booking = BookingFactory(status=BookingStatus.CANCELLED)
    assert tasks.send_training_invitation.call(booking.pk, REQUEST) is False
    assert tasks.send_training_invitation.call(booking.pk, CANCEL) is True
    assert tasks.send_training_invitation.call(booking.pk, "PUBLISH") is False
    assert tasks.send_training_invitation.call(999999, REQUEST) is False
