"""Member development writes for evaluation: a member evaluates a session they attended or an
external activity they recorded, records external activities, and suggests training; democratic
services answer suggestions. Each service re-checks permission, runs in one transaction and
records an audit event labelled by record type and id only (never names or comments)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.notifications.services import notify

from ..models import (
    Booking,
    BookingStatus,
    Evaluation,
    ExternalActivity,
    ExternalActivityKind,
    SuggestionStatus,
    TrainingSuggestion,
    TrainingTopic,
)
from ..permissions import can_manage_learning, is_learner

RATINGS = range(1, 6)


def booking_can_be_evaluated(booking: Booking) -> bool:
    """A booked place the member was marked as attending, not yet evaluated."""
    return (
        booking.status == BookingStatus.BOOKED
        and booking.attended is True
        and not Evaluation.objects.filter(booking=booking).exists()
    )


def _check_ratings(overall: int, objectives: int, presenter: int | None) -> None:
    errors = {}
    if overall not in RATINGS:
        errors["overall_rating"] = "Select a rating from 1 to 5 for the activity overall"
    if objectives not in RATINGS:
        errors["objectives_rating"] = "Select a rating from 1 to 5 for how well it met its aims"
    if presenter is not None and presenter not in RATINGS:
        errors["presenter_rating"] = "Select a rating from 1 to 5 for the trainer or speakers"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def evaluation_submit(
    *,
    actor,
    booking: Booking | None = None,
    external_activity: ExternalActivity | None = None,
    overall_rating: int,
    objectives_rating: int,
    presenter_rating: int | None = None,
    would_recommend: bool,
    what_worked: str = "",
    what_to_improve: str = "",
) -> Evaluation:
    """The actor's evaluation of a session they attended (its booking) or of an external
    activity they recorded: exactly one of the two, once."""
    if (booking is None) == (external_activity is None):
        raise ValueError("Evaluate either a booking or an external activity")
    subject = booking if booking is not None else external_activity
    if getattr(actor, "pk", None) != subject.member_id or not is_learner(actor):
        raise PermissionDenied
    if booking is not None:
        booking = Booking.objects.select_for_update().get(pk=booking.pk)
        if booking.status != BookingStatus.BOOKED or booking.attended is not True:
            raise ValidationError("You can only evaluate a session you attended")
    _check_ratings(overall_rating, objectives_rating, presenter_rating)
    if Evaluation.objects.filter(booking=booking, external_activity=external_activity).exists():
        raise ValidationError("You have already evaluated this")
    try:
        with transaction.atomic():
            evaluation = Evaluation.objects.create(
                member=actor,
                booking=booking,
                external_activity=external_activity,
                overall_rating=overall_rating,
                objectives_rating=objectives_rating,
                presenter_rating=presenter_rating,
                would_recommend=would_recommend,
                what_worked=what_worked.strip(),
                what_to_improve=what_to_improve.strip(),
            )
    except IntegrityError:  # a second submission racing the first
        raise ValidationError("You have already evaluated this") from None
    what = f"booking #{booking.pk}" if booking else f"external activity #{external_activity.pk}"
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=evaluation,
        label=f"Training evaluation #{evaluation.pk}",
        detail=what,
    )
    return evaluation


@transaction.atomic
def external_activity_record(
    *,
    actor,
    title: str,
    kind: str,
    attended_on: datetime.date,
    provider: str = "",
    topic: TrainingTopic | None = None,
    notes: str = "",
) -> ExternalActivity:
    """A course, conference or other activity the actor attended outside the programme."""
    if not is_learner(actor):
        raise PermissionDenied
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the name of the course or event"
    if kind not in ExternalActivityKind.values:
        errors["kind"] = "Select the type of activity"
    if attended_on > timezone.localdate():
        errors["attended_on"] = "The date you attended must be today or in the past"
    if errors:
        raise ValidationError(errors)
    activity = ExternalActivity.objects.create(
        member=actor,
        title=title.strip(),
        kind=kind,
        provider=provider.strip(),
        attended_on=attended_on,
        topic=topic,
        notes=notes.strip(),
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=activity,
        label=f"External training activity #{activity.pk}",
        detail=kind,
    )
    return activity


@transaction.atomic
def suggestion_submit(*, actor, title: str, details: str = "") -> TrainingSuggestion:
    """A member's suggestion for the training programme."""
    if not is_learner(actor):
        raise PermissionDenied
    if not title.strip():
        raise ValidationError({"title": "Enter the training you would like"})
    suggestion = TrainingSuggestion.objects.create(
        suggested_by=actor, title=title.strip(), details=details.strip()
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=suggestion,
        label=f"Training suggestion #{suggestion.pk}",
    )
    return suggestion


@transaction.atomic
def suggestion_answer(
    *,
    actor,
    suggestion: TrainingSuggestion,
    status: str,
    response: str = "",
    topic: TrainingTopic | None = None,
) -> TrainingSuggestion:
    """Democratic services say whether a suggestion is planned, with a reply to the member,
    who is told (the notification carries no content, only a link)."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    if status not in SuggestionStatus.values:
        raise ValidationError({"status": "Select what will happen to the suggestion"})
    if status != SuggestionStatus.NEW and not response.strip():
        raise ValidationError({"response": "Enter a reply to the member"})
    suggestion = TrainingSuggestion.objects.select_for_update().get(pk=suggestion.pk)
    suggestion.status = status
    suggestion.response = response.strip()
    suggestion.topic = topic
    suggestion.handled_by = actor
    suggestion.handled_at = timezone.now()
    suggestion.save(update_fields=["status", "response", "topic", "handled_by", "handled_at"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=suggestion,
        label=f"Training suggestion #{suggestion.pk}",
        detail=f"status: {status}",
    )
    if status != SuggestionStatus.NEW:
        url = reverse("learning:suggestion_list")
        transaction.on_commit(
            lambda: notify(
                recipients=[suggestion.suggested_by],
                title="Democratic services have replied to your training suggestion",
                url=url,
            )
        )
    return suggestion


def evaluation_requests_send(*, bookings) -> int:
    """Ask each member marked as attending to evaluate the session (in-app and email; the
    title names the topic, never the person). For attendance marking to call after commit;
    a booking already evaluated or not attended is skipped. Returns how many were asked."""
    asked = 0
    for booking in bookings:
        if booking.status != BookingStatus.BOOKED or booking.attended is not True:
            continue
        if Evaluation.objects.filter(booking=booking).exists():
            continue
        notify(
            recipients=[booking.member],
            title=f"Tell us how {booking.session.topic.name} went",
            url=reverse("learning:evaluation_booking_create", args=[booking.pk]),
        )
        asked += 1
    return asked
