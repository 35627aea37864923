from __future__ import annotations

from django.utils import timezone

from councillor_hub.casework.models import EntryKind, TimelineEntry

from ..models import Enquiry, EnquiryEvent, EventKind


def event_add(
    *,
    enquiry: Enquiry,
    kind: EventKind | str,
    body: str = "",
    author=None,
    visible_to_member: bool = True,
    at=None,
) -> EnquiryEvent:
    """Add to the enquiry's history. When the enquiry came from a case, what the member may see
    is echoed on the case timeline (by reference and event only: the council's reply text stays
    on the enquiry page), so the councillor follows it from their casework."""
    at = at or timezone.now()
    event = EnquiryEvent.unrestricted.create(
        enquiry=enquiry,
        kind=kind,
        body=body,
        author=author,
        visible_to_member=visible_to_member,
        at=at,
    )
    if enquiry.case_id and visible_to_member:
        TimelineEntry.unrestricted.create(
            case_id=enquiry.case_id,
            kind=EntryKind.ENQUIRY,
            body=f"Council enquiry {enquiry.reference}: {EventKind(kind).label}",
            occurred_at=at,
            author=author,
        )
    return event
