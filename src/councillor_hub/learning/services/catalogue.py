"""Member development writes for the catalogue: topics, sessions (create, change, cancel),
importing e-learning completions and the private calendar feed.

Each re-checks permission (democratic services and administrators manage the programme; a
learner manages their own calendar feed), runs in one transaction and records an audit event
labelled by record type and id only. Members booked on a session hear about changes to it:
a changed time or place re-sends their calendar invitation (same UID, so it replaces the
old one); a cancelled session tells everyone booked or waiting and cancels the invitation."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.core import imports as core_imports
from councillor_hub.notifications.services import notify

from .. import importing
from ..calendar import CANCEL, REQUEST
from ..models import (
    Basis,
    Booking,
    BookingStatus,
    CalendarFeed,
    Completion,
    CompletionSource,
    TrainingSession,
    TrainingTopic,
)
from ..permissions import can_manage_learning, is_learner
from ..tasks import queue_invitation
from .bookings import promote_waiting

# --------------------------------------------------------------------------------- topics


def _check_topic(
    *,
    name: str,
    valid_for_months: int | None,
    validity_basis: str,
    required_for_roles: list[str],
    reminder_days_before: int,
    topic: TrainingTopic | None,
) -> None:
    errors = {}
    if not name.strip():
        errors["name"] = "Enter the topic's name"
    elif (
        TrainingTopic.objects.filter(name__iexact=name.strip())
        .exclude(pk=topic.pk if topic else None)
        .exists()
    ):
        errors["name"] = "There is already a topic with this name"
    if valid_for_months is not None and not 1 <= valid_for_months <= 240:
        errors["valid_for_months"] = "How long it stays valid must be between 1 and 240 months"
    if validity_basis not in Basis.values:
        errors["validity_basis"] = "Select how long a completion counts"
    if not set(required_for_roles) <= set(Role.values):
        errors["required_for_roles"] = "Select roles from the list"
    if not 0 <= reminder_days_before <= 365:
        errors["reminder_days_before"] = "Reminder days must be between 0 and 365"
    if errors:
        raise ValidationError(errors)


TOPIC_FIELDS = (
    "name",
    "description",
    "is_mandatory",
    "valid_for_months",
    "validity_basis",
    "required_for_roles",
    "reminder_days_before",
)


@transaction.atomic
def topic_create(
    *,
    actor,
    name: str,
    description: str = "",
    is_mandatory: bool = False,
    valid_for_months: int | None = None,
    validity_basis: str = Basis.MONTHS,
    required_for_roles: list[str] | None = None,
    committees: Iterable = (),
    reminder_days_before: int = 30,
    request=None,
) -> TrainingTopic:
    """Add a topic to the catalogue."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    roles = sorted(set(required_for_roles or []))
    _check_topic(
        name=name,
        valid_for_months=valid_for_months,
        validity_basis=validity_basis,
        required_for_roles=roles,
        reminder_days_before=reminder_days_before,
        topic=None,
    )
    topic = TrainingTopic.objects.create(
        name=name.strip(),
        description=description.strip(),
        is_mandatory=is_mandatory,
        valid_for_months=valid_for_months,
        validity_basis=validity_basis,
        required_for_roles=roles,
        reminder_days_before=reminder_days_before,
    )
    topic.required_for_committees.set(list(committees))
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=topic,
        label=f"Training topic #{topic.pk}",
        request=request,
    )
    return topic


@transaction.atomic
def topic_update(
    *,
    actor,
    topic: TrainingTopic,
    name: str,
    description: str = "",
    is_mandatory: bool = False,
    valid_for_months: int | None = None,
    validity_basis: str = Basis.MONTHS,
    required_for_roles: list[str] | None = None,
    committees: Iterable = (),
    reminder_days_before: int = 30,
    request=None,
) -> TrainingTopic:
    """Change a topic: its name, description, who must take it and how long it counts."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    roles = sorted(set(required_for_roles or []))
    _check_topic(
        name=name,
        valid_for_months=valid_for_months,
        validity_basis=validity_basis,
        required_for_roles=roles,
        reminder_days_before=reminder_days_before,
        topic=topic,
    )
    topic = TrainingTopic.objects.select_for_update().get(pk=topic.pk)
    before = {f: getattr(topic, f) for f in TOPIC_FIELDS}
    before_committees = set(topic.required_for_committees.values_list("pk", flat=True))
    topic.name = name.strip()
    topic.description = description.strip()
    topic.is_mandatory = is_mandatory
    topic.valid_for_months = valid_for_months
    topic.validity_basis = validity_basis
    topic.required_for_roles = roles
    topic.reminder_days_before = reminder_days_before
    changed = [f for f in TOPIC_FIELDS if getattr(topic, f) != before[f]]
    committees = list(committees)
    if {c.pk for c in committees} != before_committees:
        changed.append("committees")
    if changed:
        topic.save()
        topic.required_for_committees.set(committees)
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            obj=topic,
            label=f"Training topic #{topic.pk}",
            detail="changed: " + ", ".join(changed),
            request=request,
        )
    return topic


# ------------------------------------------------------------------------------- sessions


def _check_session(
    *, starts_at, ends_at, location: str, online_url: str, capacity: int, booked: int = 0
) -> None:
    errors = {}
    if ends_at <= starts_at:
        errors["ends_at"] = "The end time must be after the start time"
    if not location.strip() and not online_url.strip():
        errors["location"] = "Enter where the session is held, or an online link"
    if capacity < 1:
        errors["capacity"] = "Places must be 1 or more"
    elif capacity < booked:
        errors["capacity"] = (
            f"Places cannot be fewer than the {booked} already booked: cancel bookings first"
        )
    if errors:
        raise ValidationError(errors)


SESSION_FIELDS = (
    "topic",
    "starts_at",
    "ends_at",
    "location",
    "online_url",
    "capacity",
    "trainer",
    "notes",
)
# A change to these re-sends booked members' calendar invitations.
CALENDAR_FIELDS = {"topic", "starts_at", "ends_at", "location", "online_url", "trainer"}


@transaction.atomic
def session_create(
    *,
    actor,
    topic: TrainingTopic,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    online_url: str = "",
    capacity: int,
    trainer: str = "",
    notes: str = "",
    request=None,
) -> TrainingSession:
    """Add a date on which a topic is taught."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    _check_session(
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_url=online_url,
        capacity=capacity,
    )
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "The start must be in the future"})
    session = TrainingSession.objects.create(
        topic=topic,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location.strip(),
        online_url=online_url.strip(),
        capacity=capacity,
        trainer=trainer.strip(),
        notes=notes.strip(),
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=session,
        label=f"Training session #{session.pk}",
        detail=f"topic #{topic.pk}",
        request=request,
    )
    return session


@transaction.atomic
def session_update(
    *,
    actor,
    session: TrainingSession,
    topic: TrainingTopic,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    online_url: str = "",
    capacity: int,
    trainer: str = "",
    notes: str = "",
    request=None,
) -> TrainingSession:
    """Change a session. More places fill from the waiting list; fewer places than are
    booked is refused. Booked members get an updated calendar invitation when the time,
    place or topic changes."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError("This session has been cancelled and cannot be changed")
    booked = Booking.objects.filter(session=session, status=BookingStatus.BOOKED).count()
    _check_session(
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_url=online_url,
        capacity=capacity,
        booked=booked,
    )
    new = {
        "topic": topic,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "location": location.strip(),
        "online_url": online_url.strip(),
        "capacity": capacity,
        "trainer": trainer.strip(),
        "notes": notes.strip(),
    }
    changed = [f for f in SESSION_FIELDS if getattr(session, f) != new[f]]
    if "topic" in changed and Completion.objects.filter(session=session).exists():
        raise ValidationError(
            {"topic": "Attendance has been marked, so the topic can no longer be changed"}
        )
    if not changed:
        return session
    for name, value in new.items():
        setattr(session, name, value)
    session.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=session,
        label=f"Training session #{session.pk}",
        detail="changed: " + ", ".join(changed),
        request=request,
    )
    promoted = (
        promote_waiting(actor=actor, session=session)
        if "capacity" in changed and not session.has_started()
        else []
    )
    if CALENDAR_FIELDS & set(changed) and not session.has_started():
        promoted_ids = {booking.pk for booking in promoted}
        for booking_id in Booking.objects.filter(
            session=session, status=BookingStatus.BOOKED
        ).values_list("pk", flat=True):
            if booking_id not in promoted_ids:  # they have just been sent one
                queue_invitation(booking_id, REQUEST)
    return session


@transaction.atomic
def session_cancel(*, actor, session: TrainingSession, request=None) -> int:
    """Cancel a session that has not started. Everyone booked or waiting is told (in the hub
    and by email), and booked members' calendar invitations are cancelled. Their bookings
    are kept, so each member's list shows the session as cancelled. Returns how many were
    told."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    session = TrainingSession.objects.select_for_update().select_related("topic").get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError("This session has already been cancelled")
    if session.has_started():
        raise ValidationError("You cannot cancel a session that has already started")
    session.is_cancelled = True
    session.save(update_fields=["is_cancelled", "updated_at"])
    bookings = list(
        Booking.objects.filter(session=session)
        .exclude(status=BookingStatus.CANCELLED)
        .select_related("member")
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=session,
        label=f"Training session #{session.pk}",
        detail=f"cancelled; {len(bookings)} member(s) told",
        request=request,
    )
    when = timezone.localtime(session.starts_at)
    notify(
        recipients=[booking.member for booking in bookings],
        title=f"Cancelled: {session.topic.name} training on {when.day} {when:%B %Y}",
        url=reverse("learning:session_detail", args=[session.pk]),
    )
    for booking in bookings:
        if booking.status == BookingStatus.BOOKED:
            queue_invitation(booking.pk, CANCEL)
    return len(bookings)


# ----------------------------------------------------------------------------- the import


class ImportChanged(core_imports.ImportChanged):
    """The completions changed after the file was checked: nothing was recorded."""

    def __init__(self, plan: importing.ImportPlan):
        super().__init__(plan, "The completions changed after the file was checked")


@dataclass(frozen=True)
class ImportResult:
    recorded: int
    skipped: int


@transaction.atomic
def completions_import_apply(
    *, actor, text: str, fingerprint: str, today: datetime.date | None = None, request=None
) -> ImportResult:
    """Record exactly what the dry run of `text` showed (its `fingerprint`); if the plan
    differs now, or has errors, record nothing."""
    if not can_manage_learning(actor):
        raise PermissionDenied
    plan = importing.plan_import(text, today=today)
    if not plan.is_valid:
        raise ValidationError("The file has problems: nothing has been recorded")
    if plan.fingerprint() != fingerprint:
        raise ImportChanged(plan)
    for row in plan.to_record:
        Completion.objects.create(
            member_id=row.member_id,
            topic_id=row.topic_id,
            completed_on=row.completed_on,
            source=CompletionSource.IMPORT,
            note=row.note,
            recorded_by=actor,
        )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        object_type="learning.completion",
        label="E-learning completions import",
        detail=f"{len(plan.to_record)} recorded, {len(plan.skipped)} skipped",
        request=request,
    )
    return ImportResult(len(plan.to_record), len(plan.skipped))


# --------------------------------------------------------------------------- calendar feed


def _new_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def calendar_feed_for(*, actor, member) -> CalendarFeed:
    """The member's feed, made on first use. Only the member themselves."""
    if actor is None or actor.pk != member.pk or not is_learner(member):
        raise PermissionDenied
    feed = CalendarFeed.objects.filter(member=member).first()
    if feed is None:
        feed = CalendarFeed.objects.create(member=member, token=_new_token())
        audit_record(actor=actor, action=Action.CREATE, obj=feed, label=f"Calendar feed #{feed.pk}")
    return feed


@transaction.atomic
def calendar_feed_revoke(*, actor, member, request=None) -> CalendarFeed:
    """Give the member's feed a new secret: the old address stops working at once."""
    if actor is None or actor.pk != member.pk or not is_learner(member):
        raise PermissionDenied
    feed = CalendarFeed.objects.select_for_update().filter(member=member).first()
    if feed is None:
        feed = CalendarFeed(member=member)
    feed.token = _new_token()
    feed.created_at = timezone.now()
    feed.last_used_at = None
    feed.save()
    audit_record(
        actor=actor,
        action=Action.REVOKE,
        obj=feed,
        label=f"Calendar feed #{feed.pk}",
        detail="new address; the old one no longer works",
        request=request,
    )
    return feed
