"""Reads for service officers: the queue of enquiries routed to them and the page they answer
from. Visibility comes from enquiries/permissions.py; these only narrow it down."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from councillor_hub.core.working_days import next_working_day_end

from ..models import (
    OPEN_STATUSES,
    Enquiry,
    EnquiryAssignment,
    EnquiryAttachment,
    EnquiryEvent,
    EnquiryResponse,
    EnquiryStatus,
    ResponseStatus,
)
from ..permissions import SERVICE_ROLES, service_area_ids

# Statuses in which a routed officer may still write a reply: while it is open, and in the
# follow-up window after an answer (the member may have asked something more).
DRAFTABLE_STATUSES = [*OPEN_STATUSES, EnquiryStatus.ANSWERED]


def has_service_role(user) -> bool:
    return bool(user and user.is_authenticated and user.has_role(*SERVICE_ROLES))


def _routed_to(user, *, lead_only: bool = False):
    areas = service_area_ids(user)
    routed = EnquiryAssignment.unrestricted.filter(
        enquiry=OuterRef("pk"), removed_at__isnull=True
    ).filter(Q(officer=user) | Q(service_area_id__in=areas))
    if lead_only:
        routed = routed.filter(is_lead=True)
    return routed


def service_queue(*, user) -> QuerySet[Enquiry]:
    """Open enquiries routed to the officer's service area(s) or to them by name, soonest due
    first. Sensitive enquiries appear only to the officers named on them (visible_to)."""
    return (
        Enquiry.visible_to(user)
        .filter(status__in=OPEN_STATUSES)
        .filter(Exists(_routed_to(user)))
        .annotate(is_lead_here=Exists(_routed_to(user, lead_only=True)))
        .select_related("service_area", "category")
        .order_by("due_at", "received_at", "pk")
    )


def due_state(enquiry: Enquiry, *, now: datetime.datetime, soon: datetime.datetime) -> str:
    """'overdue', 'due_soon' or '' for the tag beside a due date. A paused clock is neither."""
    if enquiry.due_at is None or enquiry.paused_at is not None:
        return ""
    if enquiry.due_at < now:
        return "overdue"
    if enquiry.due_at <= soon:
        return "due_soon"
    return ""


def due_soon_limit(now: datetime.datetime | None = None) -> datetime.datetime:
    """Due 'soon' means by the end of the next working day."""
    return next_working_day_end(now or timezone.now())


def enquiry_for_answering(*, user, reference: str) -> Enquiry:
    """The enquiry, through the visible queryset (404 for anyone who may not see it)."""
    return get_object_or_404(
        Enquiry.visible_to(user).select_related(
            "service_area", "category", "ward", "member", "raised_by"
        ),
        reference=reference,
    )


def enquiry_history(*, enquiry: Enquiry) -> list[EnquiryEvent]:
    """Every event, internal notes included: officers working on it see the full history."""
    return list(EnquiryEvent.unrestricted.filter(enquiry=enquiry).select_related("author"))


def enquiry_files(*, enquiry: Enquiry) -> list[EnquiryAttachment]:
    return list(EnquiryAttachment.unrestricted.filter(enquiry=enquiry).select_related("response"))


def draft_for(*, enquiry: Enquiry, author) -> EnquiryResponse | None:
    """The author's unsent reply on this enquiry (one per author), if they have started one."""
    return (
        EnquiryResponse.unrestricted.filter(
            enquiry=enquiry,
            author=author,
            partner__isnull=True,
            status__in=[ResponseStatus.DRAFT, ResponseStatus.READY],
        )
        .order_by("-created_at", "-pk")
        .first()
    )
