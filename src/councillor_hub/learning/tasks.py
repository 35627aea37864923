"""Background tasks (django-tasks) for member development: emailing a training invitation
(an iCalendar REQUEST when a place is booked, promoted from the waiting list or its session
changes; a CANCEL when the place or the session is cancelled).

Services queue them with `queue_invitation` inside their transaction; the task is only
queued once that transaction commits (transaction.on_commit), so a rolled-back booking sends
nothing. Sending failures are logged, never raised: the booking stands either way."""

from __future__ import annotations

import logging
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def queue_invitation(booking_id: int, method: str) -> None:
    """Queue the invitation email for after the current transaction commits."""

    def enqueue() -> None:
        try:
            send_training_invitation.enqueue(booking_id, method)
        except Exception:  # a task backend failure must not undo or break the booking
            logger.exception("Could not queue a training invitation (booking #%s)", booking_id)

    transaction.on_commit(enqueue)


def _subject(booking, method: str) -> str:
    from .calendar import CANCEL

    session = booking.session
    when = timezone.localtime(session.starts_at)
    day = f"{when:%A} {when.day} {when:%B %Y}"
    if method == CANCEL:
        return f"Cancelled: {session.topic.name} training on {day}"
    return f"Training booked: {session.topic.name} on {day}"


def _body(booking, method: str) -> str:
    from councillor_hub.notifications.services import absolute_url

    from .calendar import CANCEL

    session = booking.session
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    lines = []
    if method == CANCEL:
        if session.is_cancelled:
            lines.append("This training session has been cancelled.")
        else:
            lines.append("Your place on this training session has been cancelled.")
    else:
        lines.append("You have a place on this training session.")
    lines += [
        "",
        f"Topic: {session.topic.name}",
        f"When: {start:%A} {start.day} {start:%B %Y}, {start:%H:%M} to {end:%H:%M}",
    ]
    if session.location:
        lines.append(f"Where: {session.location}")
    if session.online_url:
        lines.append(f"Online: {session.online_url}")
    lines += [
        "",
        "The attached invitation adds it to (or removes it from) your calendar.",
        absolute_url(reverse("learning:session_detail", args=[session.pk])),
        "",
        f"This is an automatic message from Councillor Hub for {settings.COUNCIL_NAME}.",
    ]
    return "\n".join(lines) + "\n"


@task()
def send_training_invitation(booking_id: int, method: str) -> bool:
    """Email the member an iCalendar invitation for their booking. A REQUEST is sent only if
    the place is still booked when the task runs (a place cancelled meanwhile gets its CANCEL
    instead). Returns whether an email went."""
    from .calendar import METHODS, REQUEST, invitation_ics
    from .models import Booking, BookingStatus

    if method not in METHODS:
        logger.error("Unknown invitation method %r (booking #%s)", method, booking_id)
        return False
    booking = (
        Booking.objects.select_related("session__topic", "member").filter(pk=booking_id).first()
    )
    if booking is None or not booking.member.is_active or not booking.member.email:
        return False
    if method == REQUEST and (
        booking.status != BookingStatus.BOOKED or booking.session.is_cancelled
    ):
        return False
    try:
        message = EmailMessage(
            subject=_subject(booking, method),
            body=_body(booking, method),
            to=[booking.member.email],
        )
        part = MIMEText(invitation_ics(booking, method).decode("utf-8"), "calendar", "utf-8")
        part.set_param("method", method)
        part.add_header("Content-Disposition", "attachment", filename="invitation.ics")
        message.attach(part)
        get_connection().send_messages([message])
    except Exception:
        logger.exception("Could not send a training invitation (booking #%s)", booking_id)
        return False
    return True
