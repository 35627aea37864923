"""Helpers for the retention tests: closed cases and enquiries at chosen dates, and the
council's policies set to known values. Dates are relative to today, so the sweep never
reaches the world's councillors' term end (no handover work in these tests)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from councillor_hub.casework.models import Attachment, Outcome, Status, TimelineEntry
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    ConstituentFactory,
    TimelineEntryFactory,
)
from councillor_hub.dataprotection.models import RecordType, RetentionPolicy
from councillor_hub.dataprotection.services.retention import add_months
from councillor_hub.enquiries.tests.factories import EnquiryFactory

CONSTITUENT_FIRST = "Winifred"
CONSTITUENT_LAST = "Quackenbush"
CASE_DESCRIPTION = "Mrs Quackenbush's fence was damaged by the council's mower."


def at_noon(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def set_policy(record_type: str, keep_months: int, *, notice_days=30, grace_days=30):
    policy, _ = RetentionPolicy.objects.update_or_create(
        record_type=record_type,
        defaults={
            "keep_months": keep_months,
            "notice_days": notice_days,
            "grace_days": grace_days,
        },
    )
    return policy


def standard_policies() -> None:
    """The defaults, spelled out: 24 months for casework, enquiries and attachments; six years
    of audit records; 30 days' notice and grace."""
    set_policy(RecordType.CASEWORK, 24)
    set_policy(RecordType.ENQUIRIES, 24)
    set_policy(RecordType.ATTACHMENTS, 24)
    set_policy(RecordType.AUDIT, 72)


def closed_on_for_due(due: date, months: int = 24) -> date:
    """A closing date that makes a record due on `due` (for days every month has)."""
    return add_months(due, -months)


def closed_case(owner, *, closed_on: date, with_person: bool = False, **extra):
    values = {
        "owner": owner,
        "status": Status.CLOSED,
        "outcome": Outcome.RESOLVED,
        "closed_at": at_noon(closed_on),
        "opened_at": at_noon(closed_on) - timedelta(days=20),
        "ward": getattr(getattr(owner, "councillor_profile", None), "ward", None),
        **extra,
    }
    if with_person:
        values["title"] = f"Fence damage for {CONSTITUENT_FIRST} {CONSTITUENT_LAST}"
        values["description"] = CASE_DESCRIPTION
        values["constituents"] = [
            ConstituentFactory(
                owner=owner, first_name=CONSTITUENT_FIRST, last_name=CONSTITUENT_LAST
            )
        ]
    case = CaseFactory(**values)
    if with_person:
        TimelineEntryFactory(case=case, body="Phoned Mrs Quackenbush about the fence.")
    return case


def open_case(owner, **extra):
    return CaseFactory(owner=owner, ward=owner.councillor_profile.ward, **extra)


def closed_enquiry(member, *, closed_on: date, status: str = "closed", **extra):
    return EnquiryFactory(
        member=member,
        status=status,
        closed_at=at_noon(closed_on),
        received_at=at_noon(closed_on) - timedelta(days=10),
        constituent_name=f"{CONSTITUENT_FIRST} {CONSTITUENT_LAST}",
        **extra,
    )


def attach(case, *, name: str = "letter.pdf") -> Attachment:
    entry = TimelineEntry.unrestricted.create(
        case=case, kind="attachment", body=f"Added {name}", author=case.owner
    )
    return Attachment.unrestricted.create(
        case=case,
        entry=entry,
        file=ContentFile(b"%PDF-1.4 letter", name=name),
        original_name=name,
        content_type="application/pdf",
        size=15,
        uploaded_by=case.owner,
    )
