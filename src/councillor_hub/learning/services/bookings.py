"""Member development writes: booking, cancelling (with waiting-list promotion), marking
attendance and recording completions. Each re-checks permission, runs in one transaction and
records an audit event labelled by record type and id only (no names, no access needs).

Bookings and cancellations lock the session row (select_for_update) before counting places,
so two at once cannot overfill a session or promote the same person twice. PostgreSQL takes a
row lock; SQLite ignores the clause but allows one writer at a time, which serialises them.

Booking a place (or being promoted into one) emails an iCalendar invitation and cancelling a
held place emails its cancellation, both queued as a background task once the transaction
commits (learning/tasks.py)."""

from __future__ import annotations

import datetime
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.notifications.services import notify

from ..calendar import CANCEL, REQUEST
from ..models import Booking, BookingStatus, Completion, CompletionSource, TrainingSession
from ..permissions import can_book_for, can_manage_learning, is_learner
from ..tasks import queue_invitation
from .evaluations import evaluation_requests_send


def _locked_session(session: TrainingSession) -> TrainingSession:
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


def _booked_count(session: TrainingSession) -> int:
    return Booking.objects.filter(session=session, status=BookingStatus.BOOKED).count()


@transaction.atomic
def session_book(*, actor, session: TrainingSession, member, access_needs: str = "") -> Booking:
    """A place on `session` for `member` if one is free, otherwise a place on its waiting list."""
    if not can_book_for(actor, member):
        raise PermissionDenied
    session = _locked_session(session)
    if session.is_cancelled:
        raise ValidationError("This session has been cancelled")
    if session.has_started():
        raise ValidationError("You cannot book a session that has already started")
    if (
        Booking.objects.filter(session=session, member=member)
        .exclude(status=BookingStatus.CANCELLED)
        .exists()
    ):
        raise ValidationError("This session is already booked")
    status = (
        BookingStatus.BOOKED if _booked_count(session) < session.capacity else BookingStatus.WAITING
    )
    booking = Booking.objects.create(
        session=session, member=member, status=status, access_needs=access_needs.strip()
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=booking,
        label=f"Training booking #{booking.pk}",
        detail=f"session #{session.pk}: {status}",
    )
    if status == BookingStatus.BOOKED:
        queue_invitation(booking.pk, REQUEST)
    return booking


class Cancellation(NamedTuple):
    booking: Booking
    promoted: Booking | None


@transaction.atomic
def booking_cancel(*, actor, booking: Booking) -> Cancellation:
    """Cancel a booking. If it held a place, the first person on the waiting list (in booking
    order) takes it."""
    if not can_book_for(actor, booking.member) and not can_manage_learning(actor):
        raise PermissionDenied
    session = _locked_session(booking.session)
    booking = Booking.objects.get(pk=booking.pk)
    if booking.status == BookingStatus.CANCELLED:
        raise ValidationError("This booking has already been cancelled")
    if session.has_started():
        # Afterwards, attendance marking records who did not come.
        raise ValidationError("You cannot cancel a booking for a session that has already started")
    held_place = booking.status == BookingStatus.BOOKED
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=booking,
        label=f"Training booking #{booking.pk}",
        detail=f"session #{session.pk}: cancelled",
    )
    if held_place:
        queue_invitation(booking.pk, CANCEL)
    promoted = None
    if held_place and not session.is_cancelled and _booked_count(session) < session.capacity:
        promoted = (
            Booking.objects.filter(session=session, status=BookingStatus.WAITING)
            .order_by("booked_at", "pk")
            .first()
        )
        if promoted is not None:
            promoted.status = BookingStatus.BOOKED
            promoted.save(update_fields=["status"])
            audit_record(
                actor=actor,
                action=Action.UPDATE,
                obj=promoted,
                label=f"Training booking #{promoted.pk}",
                detail=f"session #{session.pk}: promoted from the waiting list",
            )
            _tell_promoted(promoted, session)
    return Cancellation(booking, promoted)


def _tell_promoted(booking: Booking, session: TrainingSession) -> None:
    """A place came free: an in-app notice, and the calendar invitation by email."""
    notify(
        recipients=[booking.member],
        title=f"You have a place on {session.topic.name} training from the waiting list",
        url=reverse("learning:session_detail", args=[session.pk]),
        email=False,
    )
    queue_invitation(booking.pk, REQUEST)


def promote_waiting(*, actor, session: TrainingSession) -> list[Booking]:
    """Fill free places on a (locked, not cancelled) session from its waiting list, in
    booking order. Used when a session's capacity grows."""
    free = session.capacity - _booked_count(session)
    if free <= 0 or session.is_cancelled:
        return []
    promoted = list(
        Booking.objects.filter(session=session, status=BookingStatus.WAITING)
        .select_related("member")
        .order_by("booked_at", "pk")[:free]
    )
    for booking in promoted:
        booking.status = BookingStatus.BOOKED
        booking.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=booking,
            label=f"Training booking #{booking.pk}",
            detail=f"session #{session.pk}: promoted from the waiting list",
        )
        _tell_promoted(booking, session)
    return promoted


@transaction.atomic
def attendance_mark(*, actor, session: TrainingSession, attended: set[int]) -> int:
    """Mark every booked member of `session` as attended (their id is in `attended`) or not.
    Each attendee gets one completion of the session's topic dated the session's day; a member
    marked absent after being marked present loses that completion. Returns how many attended."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    session = _locked_session(session)
    if session.is_cancelled:
        raise ValidationError("You cannot mark attendance for a cancelled session")
    if not session.has_started():
        raise ValidationError("You cannot mark attendance before the session starts")
    bookings = list(
        Booking.objects.filter(session=session, status=BookingStatus.BOOKED).select_related(
            "member"
        )
    )
    booked_ids = {booking.member_id for booking in bookings}
    if not set(attended) <= booked_ids:
        raise ValidationError("Select only members who are booked on this session")
    now = timezone.now()
    completed_on = timezone.localdate(session.starts_at)
    newly_attended = []
    for booking in bookings:
        if booking.member_id in attended and booking.attended is not True:
            newly_attended.append(booking)
        booking.attended = booking.member_id in attended
        booking.marked_by = actor
        booking.marked_at = now
        booking.save(update_fields=["attended", "marked_by", "marked_at"])
        if booking.attended:
            Completion.objects.get_or_create(
                member_id=booking.member_id,
                session=session,
                defaults={
                    "topic": session.topic,
                    "completed_on": completed_on,
                    "source": CompletionSource.SESSION,
                    "recorded_by": actor,
                },
            )
        else:
            for completion in Completion.objects.filter(
                member_id=booking.member_id, session=session
            ):
                completion.delete()  # one by one, so the history keeps each deletion
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=session,
        label=f"Training session #{session.pk}",
        detail=f"attendance marked: {len(set(attended))} of {len(bookings)} attended",
    )
    if newly_attended:
        # Ask each new attendee once (saving attendance again does not ask again), after
        # commit so nobody is asked about attendance that was rolled back.
        transaction.on_commit(lambda: evaluation_requests_send(bookings=newly_attended))
    return len(set(attended))


RECORDABLE_SOURCES = (CompletionSource.E_LEARNING, CompletionSource.IMPORT, CompletionSource.MANUAL)


@transaction.atomic
def completion_record(
    *,
    actor,
    member,
    topic,
    completed_on: datetime.date,
    source: str,
    note: str = "",
) -> Completion:
    """Record training done outside a session here (e-learning, another provider, an import)."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    if not is_learner(member):
        raise ValidationError("Select a member")
    if source not in RECORDABLE_SOURCES:
        raise ValidationError("Select how the training was completed")
    if completed_on > timezone.localdate():
        raise ValidationError("The date the training was completed must be today or in the past")
    completion = Completion.objects.create(
        member=member,
        topic=topic,
        completed_on=completed_on,
        source=source,
        note=note.strip(),
        recorded_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=completion,
        label=f"Training completion #{completion.pk}",
        detail=f"topic #{topic.pk}: {source}",
    )
    return completion
