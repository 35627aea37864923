"""iCalendar for training sessions (the `icalendar` library): a member's private feed of their
booked sessions, and the invitations emailed when a place is booked, changed or cancelled.

One UID per session and member (`session_uid`), used by both, so a changed session's new
invitation replaces the old event in the member's calendar and a cancellation removes it.
Invitations carry a SEQUENCE that only grows (minutes since 2020), as RFC 5546 requires of
updates. Events hold the session's topic, times, place, online link, trainer and a link to
its page; never access needs or anyone else's details.

The feed holds the member's BOOKED places only (not waiting-list places, not cancelled
bookings). A session the council cancelled stays in the feed with STATUS:CANCELLED, so a
calendar that already shows it marks it cancelled rather than silently keeping it."""

from __future__ import annotations

import datetime
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from councillor_hub.notifications.services import absolute_url

from .models import Booking, BookingStatus, TrainingSession

PRODID = "-//Councillor Hub//Member development//EN"
SEQUENCE_EPOCH = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
REQUEST = "REQUEST"
CANCEL = "CANCEL"
METHODS = (REQUEST, CANCEL)


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "councillor-hub.invalid"


def session_uid(session_id: int, member_id: int) -> str:
    """The event's identity in the member's calendar: stable for a session and member."""
    return f"training-session-{session_id}-member-{member_id}@{_domain()}"


def sequence_now(now: datetime.datetime | None = None) -> int:
    """A SEQUENCE that grows with time, so each new invitation supersedes the last."""
    return int(((now or timezone.now()) - SEQUENCE_EPOCH).total_seconds() // 60)


def _calendar(method: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    return calendar


def _description(session: TrainingSession) -> str:
    lines = [f"Member development session: {session.topic.name}."]
    if session.trainer:
        lines.append(f"Trainer: {session.trainer}.")
    if session.online_url:
        lines.append(f"Join online: {session.online_url}")
    lines.append(
        "Details and bookings: "
        + absolute_url(reverse("learning:session_detail", args=[session.pk]))
    )
    return "\n".join(lines)


def _event(session: TrainingSession, member_id: int, *, cancelled: bool, now) -> Event:
    event = Event()
    event.add("uid", session_uid(session.pk, member_id))
    event.add("dtstamp", now)
    event.add("dtstart", session.starts_at)
    event.add("dtend", session.ends_at)
    event.add("summary", f"Training: {session.topic.name}")
    event.add("description", _description(session))
    location = session.location or ("Online" if session.online_url else "")
    if location:
        event.add("location", location)
    if session.online_url:
        event.add("url", session.online_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("transp", "OPAQUE")
    return event


def feed_ics(member, bookings: list[Booking], *, now=None) -> bytes:
    """The member's feed: one event per BOOKED place in `bookings` (others are skipped)."""
    now = now or timezone.now()
    calendar = _calendar()
    calendar.add("x-wr-calname", f"Training sessions – {settings.COUNCIL_NAME}")
    calendar.add("x-published-ttl", "PT6H")
    for booking in bookings:
        if booking.status != BookingStatus.BOOKED or booking.member_id != member.pk:
            continue
        session = booking.session
        calendar.add_component(_event(session, member.pk, cancelled=session.is_cancelled, now=now))
    return calendar.to_ical()


def invitation_ics(booking: Booking, method: str, *, now=None) -> bytes:
    """An iTIP message (RFC 5546) for `booking`'s member: REQUEST for a booked place or a
    changed session, CANCEL when the place or the session is cancelled."""
    if method not in METHODS:
        raise ValueError(f"Unknown iTIP method {method!r}")
    now = now or timezone.now()
    session = booking.session
    calendar = _calendar(method)
    event = _event(
        session, booking.member_id, cancelled=method == CANCEL or session.is_cancelled, now=now
    )
    event.add("sequence", sequence_now(now))
    _, organiser_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organiser = vCalAddress(f"mailto:{organiser_email or 'no-reply@' + _domain()}")
    organiser.params["cn"] = vText(f"Democratic services, {settings.COUNCIL_NAME}")
    event.add("organizer", organiser)
    attendee = vCalAddress(f"mailto:{booking.member.email}")
    attendee.params["cn"] = vText(booking.member.full_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", attendee)
    calendar.add_component(event)
    return calendar.to_ical()
