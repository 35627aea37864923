"""Reminders, escalations, emergency alerts and closing after the follow-up window.

`sweep()` runs from cron or a systemd timer every few minutes (`manage.py enquiries_sweep`).
It is idempotent: each alert is first recorded as an EnquiryAlert row, whose unique constraint
(enquiry, kind, key) lets it be inserted once only, and the background task that sends it is
queued only when that insert succeeded. The task (enquiries/tasks.py) locks the row, sends,
and sets `sent_at`; a re-run, a second delivery or a worker restart finds `sent_at` set and
does nothing. `key` is the due date the alert was for, so an extended due date can earn a new
reminder.

Notifications carry the reference and what happened, never the enquiry's content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import dateformat, timezone

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action
from councillor_hub.core.working_days import add_working_days, next_working_day_end
from councillor_hub.directory.models import ContactKind, OutOfHoursContact
from councillor_hub.notifications.services import email_address, notify

from ..models import (
    AlertKind,
    Enquiry,
    EnquiryAlert,
    EnquiryAssignment,
    EnquiryStatus,
    EventKind,
    Urgency,
)
from .enquiry_audit import audit_enquiry
from .events import event_add
from .service_level import enquiry_url

logger = logging.getLogger(__name__)

# The clock runs (and so reminders and escalations apply) in these statuses; it is paused
# while awaiting the member.
CLOCK_RUNNING_STATUSES = [
    EnquiryStatus.NEW,
    EnquiryStatus.IN_PROGRESS,
    EnquiryStatus.RESPONSE_READY,
]
OPEN = [*CLOCK_RUNNING_STATUSES, EnquiryStatus.AWAITING_MEMBER]
# Alerts whose task has not marked them sent after this long are queued again (a worker that
# died mid-task); the lock and `sent_at` in the task keep a second delivery from re-sending.
RETRY_AFTER = timedelta(minutes=15)
RETRY_WITHIN = timedelta(days=2)


@dataclass
class SweepReport:
    """What one sweep did: (alert kind, enquiry reference) for each new alert."""

    alerts: list[tuple[str, str]] = field(default_factory=list)
    retried: int = 0

    def lines(self) -> list[str]:
        labels = dict(AlertKind.choices)
        out = [f"{labels.get(kind, kind)}: {reference}" for kind, reference in self.alerts]
        if self.retried:
            out.append(f"Queued {self.retried} unsent alert(s) again")
        return out


def alert_key(moment: datetime | None) -> str:
    """A stable key for a due date (UTC ISO format), or '' for once-per-enquiry alerts."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).isoformat()


def _queue(alert_id: int) -> None:
    from ..tasks import send_enquiry_alert

    send_enquiry_alert.enqueue(alert_id)


def alert_once(
    *,
    enquiry: Enquiry,
    kind: AlertKind | str,
    key: str = "",
    then: Callable[[], object] | None = None,
) -> EnquiryAlert | None:
    """Record the alert and queue its task, unless it was recorded before. `then` runs in the
    same savepoint (events, status changes), so it too happens exactly once. Returns the new
    alert, or None if it already existed."""
    try:
        with transaction.atomic():
            alert = EnquiryAlert.unrestricted.create(enquiry=enquiry, kind=kind, key=key)
            if then is not None:
                then()
            # With the database task backend the queued task commits (or not) with the alert.
            _queue(alert.pk)
    except IntegrityError:
        return None
    return alert


# Who is told ----------------------------------------------------------------------------


def support_team() -> list[User]:
    return list(
        User.objects.filter(is_active=True, roles__role=Role.MEMBER_SUPPORT_OFFICER).distinct()
    )


def role_holders(role: Role, service_area_id: int | None) -> list[User]:
    if service_area_id is None:
        return []
    return list(
        User.objects.filter(
            is_active=True, roles__role=role, roles__service_area_id=service_area_id
        ).distinct()
    )


def officers_for(enquiry: Enquiry) -> list[User]:
    """The officers holding the enquiry: those named on it (the lead first); else the service
    officers of the teams it is routed to; else the member support team."""
    assignments = list(
        EnquiryAssignment.unrestricted.filter(enquiry=enquiry, removed_at__isnull=True)
        .select_related("officer")
        .order_by("-is_lead", "assigned_at")
    )
    named = [a.officer for a in assignments if a.officer_id and a.officer.is_active]
    if named:
        return named
    area_ids = {a.service_area_id for a in assignments if a.service_area_id}
    if area_ids:
        officers = list(
            User.objects.filter(
                is_active=True,
                roles__role=Role.SERVICE_OFFICER,
                roles__service_area_id__in=area_ids,
            ).distinct()
        )
        if officers:
            return officers
    return support_team()


def on_call_contacts(enquiry: Enquiry) -> list[OutOfHoursContact]:
    """Active on-call contacts with an email address for the enquiry's service area; else the
    council-wide ones."""
    contacts = OutOfHoursContact.objects.filter(kind=ContactKind.ON_CALL, is_active=True).exclude(
        email=""
    )
    own = list(contacts.filter(service_area_id=enquiry.service_area_id))
    return own or list(contacts.filter(service_area__isnull=True))


def _due_text(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return dateformat.format(timezone.localtime(moment), "j F Y, g:i a")


def alert_deliver(alert: EnquiryAlert) -> None:
    """Send what the alert is for. Called by the task, once, with the alert row locked."""
    enquiry = alert.enquiry
    ref = enquiry.reference
    url = enquiry_url(enquiry)
    kind = alert.kind
    if kind == AlertKind.ACKNOWLEDGEMENT_DUE:
        notify(
            recipients=support_team(),
            title=f"Enquiry {ref} has not been acknowledged by the end of the next working day",
            url=url,
        )
    elif kind == AlertKind.REMINDER:
        notify(
            recipients=officers_for(enquiry),
            title=f"Reminder: enquiry {ref} is due by {_due_text(enquiry.due_at)}",
            url=url,
        )
    elif kind == AlertKind.OVERDUE_MANAGER:
        managers = role_holders(Role.SERVICE_MANAGER, enquiry.service_area_id)
        notify(
            recipients=managers or support_team(),
            title=f"Enquiry {ref} is overdue and has been escalated to you",
            url=url,
        )
        notify(
            recipients=[enquiry.member],
            title=f"Enquiry {ref} is overdue. It has been escalated to the service manager",
            url=url,
        )
    elif kind == AlertKind.OVERDUE_DIRECTOR:
        directors = role_holders(Role.DIRECTOR, enquiry.service_area_id)
        notify(
            recipients=directors or support_team(),
            title=f"Enquiry {ref} is still overdue and has been escalated to you",
            url=url,
        )
    elif kind == AlertKind.EMERGENCY_ON_CALL:
        contacts = on_call_contacts(enquiry)
        title = f"Emergency enquiry {ref} ({enquiry.service_area}): please act now"
        for contact in contacts:
            email_address(to=contact.email, title=title, url=url)
        if not contacts:
            logger.warning("No on-call contact with an email address for enquiry %s", ref)
        notify(
            recipients=support_team(),
            title=(
                f"Emergency enquiry {ref}: the on-call contact has been alerted"
                if contacts
                else f"Emergency enquiry {ref}: no on-call contact could be emailed, act now"
            ),
            url=url,
        )
    elif kind == AlertKind.FOLLOW_UP_CLOSE:
        notify(recipients=[enquiry.member], title=f"Enquiry {ref} has been closed", url=url)
    else:  # pragma: no cover - a new kind without a sender
        logger.error("No sender for enquiry alert kind %s", kind)


# Finding what is due --------------------------------------------------------------------


def emergency_alert(enquiry: Enquiry) -> EnquiryAlert | None:
    """Alert the on-call contact for the enquiry's service at once (once per enquiry)."""
    names = ", ".join(c.name for c in on_call_contacts(enquiry)) or "none found"
    return alert_once(
        enquiry=enquiry,
        kind=AlertKind.EMERGENCY_ON_CALL,
        key="",
        then=lambda: event_add(
            enquiry=enquiry,
            kind=EventKind.ESCALATED,
            body=f"Emergency: on-call contact alerted ({names}).",
            visible_to_member=False,
        ),
    )


def _running(now: datetime):
    return Enquiry.unrestricted.filter(
        status__in=CLOCK_RUNNING_STATUSES, paused_at__isnull=True, due_at__isnull=False
    ).select_related("service_area", "member")


def _sweep_acknowledgements(now: datetime, report: SweepReport) -> None:
    candidates = Enquiry.unrestricted.filter(
        status__in=OPEN,
        acknowledged_at__isnull=True,
        # The deadline is always more than 23 hours after receipt: a cheap first filter.
        received_at__lte=now - timedelta(hours=23),
    )
    for enquiry in candidates:
        if now <= next_working_day_end(enquiry.received_at):
            continue
        alert = alert_once(
            enquiry=enquiry,
            kind=AlertKind.ACKNOWLEDGEMENT_DUE,
            then=lambda e=enquiry: event_add(
                enquiry=e,
                kind=EventKind.REMINDER,
                body="Not acknowledged by the end of the next working day: "
                "member support team alerted.",
                visible_to_member=False,
            ),
        )
        if alert:
            report.alerts.append((alert.kind, enquiry.reference))


def _sweep_reminders(now: datetime, report: SweepReport) -> None:
    days = settings.ENQUIRY_REMINDER_WORKING_DAYS_BEFORE
    horizon = add_working_days(now, days)
    for enquiry in _running(now).filter(due_at__gt=now, due_at__lte=horizon):
        alert = alert_once(
            enquiry=enquiry,
            kind=AlertKind.REMINDER,
            key=alert_key(enquiry.due_at),
            then=lambda e=enquiry: event_add(
                enquiry=e,
                kind=EventKind.REMINDER,
                body=f"Reminder sent: due by {_due_text(e.due_at)}.",
                visible_to_member=False,
            ),
        )
        if alert:
            report.alerts.append((alert.kind, enquiry.reference))


def _sweep_overdue(now: datetime, report: SweepReport) -> None:
    director_after = settings.ENQUIRY_DIRECTOR_ESCALATION_WORKING_DAYS
    for enquiry in _running(now).filter(due_at__lt=now):
        key = alert_key(enquiry.due_at)
        alert = alert_once(
            enquiry=enquiry,
            kind=AlertKind.OVERDUE_MANAGER,
            key=key,
            then=lambda e=enquiry: event_add(
                enquiry=e,
                kind=EventKind.ESCALATED,
                body="Overdue: escalated to the service manager.",
                visible_to_member=True,
            ),
        )
        if alert:
            report.alerts.append((alert.kind, enquiry.reference))
        if add_working_days(enquiry.due_at, director_after) <= now:
            alert = alert_once(
                enquiry=enquiry,
                kind=AlertKind.OVERDUE_DIRECTOR,
                key=key,
                then=lambda e=enquiry: event_add(
                    enquiry=e,
                    kind=EventKind.ESCALATED,
                    body="Still overdue: escalated to the director.",
                    visible_to_member=True,
                ),
            )
            if alert:
                report.alerts.append((alert.kind, enquiry.reference))


def _sweep_emergencies(now: datetime, report: SweepReport) -> None:
    emergencies = (
        Enquiry.unrestricted.filter(status__in=OPEN)
        .filter(Q(urgency=Urgency.EMERGENCY) | Q(urgency="", suggested_urgency=Urgency.EMERGENCY))
        .exclude(alerts__kind=AlertKind.EMERGENCY_ON_CALL)
        .select_related("service_area")
    )
    for enquiry in emergencies:
        alert = emergency_alert(enquiry)
        if alert:
            report.alerts.append((alert.kind, enquiry.reference))


def _close_after_follow_up(enquiry: Enquiry, now: datetime) -> None:
    updated = Enquiry.unrestricted.filter(pk=enquiry.pk, status=EnquiryStatus.ANSWERED).update(
        status=EnquiryStatus.CLOSED, closed_at=now, updated_at=now
    )
    if not updated:  # changed meanwhile (e.g. the member replied): undo the alert row
        raise IntegrityError("Enquiry no longer answered")
    enquiry.status = EnquiryStatus.CLOSED
    enquiry.closed_at = now
    event_add(
        enquiry=enquiry,
        kind=EventKind.CLOSED,
        body="Closed: the follow-up window has ended.",
        visible_to_member=True,
        at=now,
    )
    audit_enquiry(
        actor=None,
        action=Action.UPDATE,
        enquiry=enquiry,
        detail="Closed after the follow-up window",
    )


def _sweep_follow_up(now: datetime, report: SweepReport) -> None:
    answered = Enquiry.unrestricted.filter(
        status=EnquiryStatus.ANSWERED, follow_up_until__isnull=False, follow_up_until__lte=now
    )
    for enquiry in answered:
        alert = alert_once(
            enquiry=enquiry,
            kind=AlertKind.FOLLOW_UP_CLOSE,
            key=alert_key(enquiry.follow_up_until),
            then=lambda e=enquiry: _close_after_follow_up(e, now),
        )
        if alert:
            report.alerts.append((alert.kind, enquiry.reference))


def _retry_unsent(now: datetime, report: SweepReport) -> None:
    stale = EnquiryAlert.unrestricted.filter(
        sent_at__isnull=True,
        created_at__lte=now - RETRY_AFTER,
        created_at__gte=now - RETRY_WITHIN,
    ).values_list("pk", flat=True)
    for alert_id in stale:
        _queue(alert_id)
        report.retried += 1


def sweep(*, now: datetime | None = None, retry: bool = True) -> SweepReport:
    """Find everything due and alert it, once. Safe to run as often as you like."""
    now = now or timezone.now()
    report = SweepReport()
    _sweep_emergencies(now, report)
    _sweep_acknowledgements(now, report)
    _sweep_reminders(now, report)
    _sweep_overdue(now, report)
    _sweep_follow_up(now, report)
    if retry:
        _retry_unsent(now, report)
    return report
