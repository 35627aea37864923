"""Service levels: when an enquiry is due, the clock pausing while the council waits for the
member, the one extension allowed, and the follow-up window after the answer.

Working days come from core/working_days.py (weekends and the nation's bank holidays
excluded). Emergencies run on clock hours instead.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import dateformat, timezone

from councillor_hub.audit.models import Action
from councillor_hub.core.working_days import add_working_days, working_days_between
from councillor_hub.notifications.services import notify

from .. import permissions
from ..models import Enquiry, EnquiryCategory, EventKind, ServiceLevel, Urgency
from .enquiry_audit import audit_enquiry
from .events import event_add

# Used only if the seeded default rows have been deleted.
FALLBACK_WORKING_DAYS = 5

ALREADY_EXTENDED = "This enquiry has already been extended"


def effective_urgency(enquiry: Enquiry) -> str:
    """The team's urgency once triaged, else what the member suggested."""
    return enquiry.urgency or enquiry.suggested_urgency or Urgency.STANDARD


def service_level_for(*, urgency: str, category: EnquiryCategory | int | None) -> ServiceLevel:
    """The rule for this urgency: the category's own row if it has one, else the default."""
    levels = ServiceLevel.objects.filter(urgency=urgency)
    if category is not None:
        category_id = getattr(category, "pk", category)
        level = levels.filter(category_id=category_id).first()
        if level is not None:
            return level
    level = levels.filter(category__isnull=True).first()
    if level is not None:
        return level
    return ServiceLevel(urgency=urgency, working_days=FALLBACK_WORKING_DAYS)


def _level_for(enquiry: Enquiry) -> ServiceLevel:
    return service_level_for(urgency=effective_urgency(enquiry), category=enquiry.category_id)


def _runs_on_clock_hours(level: ServiceLevel) -> bool:
    return bool(level.clock_hours)


def due_at_for(*, enquiry: Enquiry, start: datetime | None = None) -> datetime:
    """When the enquiry is due, counted from `start` (default: when it was received)."""
    start = start or enquiry.received_at or timezone.now()
    level = _level_for(enquiry)
    if _runs_on_clock_hours(level):
        return start + timedelta(hours=level.clock_hours)
    return add_working_days(start, level.working_days or FALLBACK_WORKING_DAYS)


def clock_pause(*, enquiry: Enquiry, at: datetime | None = None) -> None:
    """Stop the clock while waiting for the member (the caller saves)."""
    if enquiry.paused_at is None:
        enquiry.paused_at = at or timezone.now()


def clock_resume(*, enquiry: Enquiry, at: datetime | None = None) -> None:
    """Restart the clock: the due date moves on by the working days (clock time for an
    emergency) that it was paused, and paused_at is cleared (the caller saves)."""
    if enquiry.paused_at is None:
        return
    at = at or timezone.now()
    if enquiry.due_at is not None and at > enquiry.paused_at:
        if _runs_on_clock_hours(_level_for(enquiry)):
            enquiry.due_at = enquiry.due_at + (at - enquiry.paused_at)
        else:
            paused_days = working_days_between(enquiry.paused_at, at)
            enquiry.due_at = add_working_days(enquiry.due_at, paused_days)
    enquiry.paused_at = None


def can_extend(user, enquiry: Enquiry) -> bool:
    """The member support team and the officers the enquiry is routed to."""
    return permissions.can_draft_response(user, enquiry)


def enquiry_url(enquiry: Enquiry) -> str:
    return reverse("enquiries:enquiry_detail", kwargs={"reference": enquiry.reference})


@transaction.atomic
def due_date_extend(
    *, actor, enquiry: Enquiry, working_days: int, reason: str, request=None
) -> Enquiry:
    """Extend the due date once, by `working_days`, telling the member why."""
    if not can_extend(actor, enquiry):
        raise PermissionDenied
    enquiry = Enquiry.unrestricted.select_for_update().get(pk=enquiry.pk)
    reason = (reason or "").strip()
    if enquiry.extended_at is not None:
        raise ValidationError(ALREADY_EXTENDED)
    if not enquiry.is_open:
        raise ValidationError("Only an open enquiry can be extended")
    if not reason:
        raise ValidationError("Enter the reason for the extension")
    if working_days < 1:
        raise ValidationError("Extend by at least 1 working day")
    base = enquiry.due_at or due_at_for(enquiry=enquiry)
    enquiry.due_at = add_working_days(base, working_days)
    enquiry.extended_at = timezone.now()
    enquiry.extension_reason = reason
    enquiry.save(update_fields=["due_at", "extended_at", "extension_reason", "updated_at"])
    due_text = dateformat.format(timezone.localtime(enquiry.due_at), "j F Y")
    event_add(
        enquiry=enquiry,
        kind=EventKind.EXTENDED,
        body=f"New due date: {due_text}. Reason: {reason}",
        author=actor,
        visible_to_member=True,
    )
    audit_enquiry(
        actor=actor,
        action=Action.UPDATE,
        enquiry=enquiry,
        detail="Due date extended",
        request=request,
    )
    notify(
        recipients=[enquiry.member],
        title=f"Enquiry {enquiry.reference}: the due date has been extended to {due_text}",
        url=enquiry_url(enquiry),
    )
    return enquiry


def follow_up_until_for(*, answered_at: datetime) -> datetime:
    """The end of the window in which the member may follow up an answer."""
    return add_working_days(answered_at, settings.ENQUIRY_FOLLOW_UP_WORKING_DAYS)
