"""Reads for the member's side: their enquiries list and one enquiry's page."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from councillor_hub.accounts.models import User
from councillor_hub.directory.models import OutOfHoursContact

from .. import permissions
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

# The filter's plain groups of statuses.
STATUS_GROUPS = {
    "open": ("Open", list(OPEN_STATUSES)),
    "answered": ("Answered", [EnquiryStatus.ANSWERED]),
    "closed": (
        "Closed",
        [EnquiryStatus.CLOSED, EnquiryStatus.REDIRECTED, EnquiryStatus.DUPLICATE],
    ),
}


def _lead_assignments() -> Prefetch:
    current = EnquiryAssignment.unrestricted.filter(removed_at__isnull=True).select_related(
        "officer", "service_area", "partner"
    )
    return Prefetch("assignments", queryset=current, to_attr="current_assignments")


def holder_label(enquiry: Enquiry) -> str:
    """Who holds the enquiry: the lead's officer, team or partner (needs the prefetch)."""
    assignments = getattr(enquiry, "current_assignments", None)
    if assignments is None:
        assignments = list(
            EnquiryAssignment.unrestricted.filter(
                enquiry=enquiry, removed_at__isnull=True
            ).select_related("officer", "service_area", "partner")
        )
    if not assignments:
        return "Member support team"
    lead = next((a for a in assignments if a.is_lead), assignments[0])
    if lead.officer is not None:
        return lead.officer.full_name or lead.officer.email
    if lead.partner is not None:
        return lead.partner.name
    return f"{lead.service_area.name} team"


def my_enquiries(*, user: User, status: str = "", q: str = "") -> QuerySet[Enquiry]:
    """Enquiries of the members the user acts for (or entered), newest first."""
    members = permissions.members_acting_for(user)
    enquiries = (
        Enquiry.visible_to(user)
        .filter(Q(member_id__in=members) | Q(raised_by=user))
        .select_related("service_area", "member")
        .prefetch_related(_lead_assignments())
        .order_by("-received_at", "-pk")
    )
    if status in STATUS_GROUPS:
        enquiries = enquiries.filter(status__in=STATUS_GROUPS[status][1])
    q = (q or "").strip()
    if q:
        enquiries = enquiries.filter(Q(subject__icontains=q) | Q(reference__iexact=q))
    return enquiries


def enquiry_for_page(*, user: User, reference: str) -> QuerySet[Enquiry]:
    """The enquiry with what its page shows; empty when the user may not see it."""
    return (
        Enquiry.visible_to(user)
        .filter(reference=reference)
        .select_related("member", "raised_by", "service_area", "category", "ward", "case")
        .prefetch_related(_lead_assignments())
    )


def enquiry_events(*, enquiry: Enquiry, internal: bool) -> QuerySet[EnquiryEvent]:
    """The history in time order; the member's side sees only what is meant for them."""
    events = EnquiryEvent.unrestricted.filter(enquiry=enquiry).select_related("author")
    if not internal:
        events = events.filter(visible_to_member=True)
    return events.order_by("at", "id")


def enquiry_responses(*, enquiry: Enquiry, internal: bool) -> QuerySet[EnquiryResponse]:
    """Replies with their attachments: sent ones for the member's side, all for officers."""
    responses = (
        EnquiryResponse.unrestricted.filter(enquiry=enquiry)
        .select_related("author", "sent_by", "partner")
        .prefetch_related("attachments")
    )
    if not internal:
        responses = responses.filter(status=ResponseStatus.SENT)
    return responses.order_by("created_at", "id")


def enquiry_files(*, enquiry: Enquiry) -> QuerySet[EnquiryAttachment]:
    """Files sent with the enquiry or a member's reply (not those on responses)."""
    return EnquiryAttachment.unrestricted.filter(enquiry=enquiry, response__isnull=True)


def enquiry_attachment(*, user: User, reference: str, pk: int) -> QuerySet[EnquiryAttachment]:
    """One attachment, if the user may see the enquiry and, for the member's side, the file
    is theirs or on a sent response."""
    attachments = EnquiryAttachment.unrestricted.filter(
        pk=pk,
        enquiry__in=Enquiry.visible_to(user).filter(reference=reference),
    ).select_related("enquiry", "response")
    return attachments


def out_of_hours_contacts(service_area=None) -> list[OutOfHoursContact]:
    """Emergency contacts for a service, and the council-wide ones."""
    contacts = OutOfHoursContact.objects.filter(is_active=True).select_related("service_area")
    if service_area is not None:
        contacts = contacts.filter(Q(service_area=service_area) | Q(service_area__isnull=True))
    return list(contacts)


def is_office_hours(now=None) -> bool:
    """Office hours (9am to 5pm) on a working day (not a weekend or bank holiday)."""
    from councillor_hub.core.working_days import is_office_hours as office_hours

    return office_hours(now)
