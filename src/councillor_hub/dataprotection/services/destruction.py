"""Anonymise and delete records for real: the one place personal data is destroyed.

Retention, erasure and end-of-term handover all call these functions, so "destroyed" means the
same everywhere:

- Anonymising keeps what the figures need (category, ward, dates, status, outcome, channel,
  priority, service area, urgency, rating) and removes every personal detail: names, contact
  details, free text, tags, attachments (rows and files), sharing notes, constituent records
  no other case uses, and the change history of all of them.
- Deleting removes the record, everything hanging off it, its files and its history.

Either leaves one audit event naming the kind of record, its reference, when, by whose decision
(`actor`, None for the scheduled sweep) and why (`reason`, a fixed phrase, never personal
content). There is no text search index over casework yet; one added later must be cleaned here
too (the erasure no-trace test scans every table and will fail until it is).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.models import (
    Attachment,
    Case,
    CaseConstituent,
    CaseShare,
    Constituent,
    Tag,
    TimelineEntry,
)
from councillor_hub.enquiries.models import Enquiry, EnquiryAttachment, EnquiryResponse

ANONYMISED_CASE_TITLE = "Anonymised case"
ANONYMISED_ENQUIRY_SUBJECT = "Anonymised enquiry"


class Reason:
    """Why a record was destroyed: recorded in the audit event."""

    RETENTION_DECISION = "retention review decision"
    RETENTION_UNREVIEWED = "retention period passed without a review"
    ERASURE = "erasure request"
    HANDOVER = "end-of-term handover"
    ACCESS_ENDED = "casework access ended after the term"


def purge_history(model: type[Model], ids: Iterable[int]) -> int:
    """Delete the change-history rows (django-simple-history) of the given records."""
    ids = list(ids)
    if not ids:
        return 0
    deleted, _ = model.history.model.objects.filter(id__in=ids).delete()
    return deleted


def _delete_file(field_file) -> None:
    # Straight away, inside the transaction: if it rolls back the record survives without its
    # file, which is better than a destroyed record leaving a personal file behind.
    if field_file and field_file.name:
        field_file.storage.delete(field_file.name)


def _delete_case_attachments(case: Case) -> int:
    attachments = list(Attachment.unrestricted.filter(case=case))
    for attachment in attachments:
        _delete_file(attachment.file)
    Attachment.unrestricted.filter(pk__in=[a.pk for a in attachments]).delete()
    return len(attachments)


def _release_constituents(case: Case) -> list[int]:
    """Unlink the case's constituents; delete (with their history and consent records) those
    no other case uses. Returns the ids deleted."""
    constituent_ids = list(
        CaseConstituent.unrestricted.filter(case=case).values_list("constituent_id", flat=True)
    )
    CaseConstituent.unrestricted.filter(case=case).delete()
    orphans = list(
        Constituent.unrestricted.filter(pk__in=constituent_ids)
        .exclude(case_links__isnull=False)
        .values_list("pk", flat=True)
    )
    Constituent.unrestricted.filter(pk__in=orphans).delete()
    purge_history(Constituent, orphans)
    return orphans


def _release_tags(case: Case) -> None:
    """Take the tags off the case and delete those no other case uses: a tag can name a
    person ("Smith family")."""
    tag_ids = list(case.tags.values_list("pk", flat=True))
    case.tags.clear()
    Tag.unrestricted.filter(pk__in=tag_ids, cases__isnull=True).delete()


@transaction.atomic
def case_anonymise(*, case: Case, actor, reason: str) -> Case:
    """Strip every personal detail from a case, keeping it as a row the figures count."""
    case = Case.unrestricted.select_for_update().get(pk=case.pk)
    _delete_case_attachments(case)
    entry_ids = list(TimelineEntry.unrestricted.filter(case=case).values_list("pk", flat=True))
    TimelineEntry.unrestricted.filter(pk__in=entry_ids).delete()
    purge_history(TimelineEntry, entry_ids)
    _release_constituents(case)
    CaseShare.unrestricted.filter(case=case).delete()
    _release_tags(case)
    case.related_cases.clear()
    case.title = ANONYMISED_CASE_TITLE
    case.description = ""
    case.location = ""
    case.postcode = ""
    case.follow_up_date = None
    case.retain_until = None
    case.anonymised_at = timezone.now()
    case.save_without_historical_record()
    purge_history(Case, [case.pk])
    audit_record(
        actor=actor,
        action=Action.ANONYMISE,
        obj=case,
        label=case.reference,
        data_controller=case.owner,
        detail=f"Case anonymised: {reason}",
    )
    return case


@transaction.atomic
def case_destroy(*, case: Case, actor, reason: str) -> None:
    """Delete a case, its timeline, files, sharing, history and any constituent record no
    other case uses."""
    case = Case.unrestricted.select_for_update().get(pk=case.pk)
    case_id, reference, owner = case.pk, case.reference, case.owner
    _delete_case_attachments(case)
    entry_ids = list(TimelineEntry.unrestricted.filter(case=case).values_list("pk", flat=True))
    _release_constituents(case)
    _release_tags(case)
    case.related_cases.clear()
    case.delete()
    purge_history(TimelineEntry, entry_ids)
    purge_history(Case, [case_id])
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type="casework.case",
        object_id=case_id,
        label=reference,
        data_controller=owner,
        detail=f"Case deleted: {reason}",
    )


def _delete_enquiry_attachments(enquiry: Enquiry) -> int:
    attachments = list(EnquiryAttachment.unrestricted.filter(enquiry=enquiry))
    for attachment in attachments:
        _delete_file(attachment.file)
    EnquiryAttachment.unrestricted.filter(pk__in=[a.pk for a in attachments]).delete()
    return len(attachments)


@transaction.atomic
def enquiry_anonymise(*, enquiry: Enquiry, actor, reason: str) -> Enquiry:
    """Strip every personal detail from an enquiry, keeping what the performance report
    counts: service area, category, ward, urgency, status, the dates and the rating."""
    enquiry = Enquiry.unrestricted.select_for_update().get(pk=enquiry.pk)
    _delete_enquiry_attachments(enquiry)
    enquiry.events.update(body="")
    response_ids = list(enquiry.responses.values_list("pk", flat=True))
    EnquiryResponse.unrestricted.filter(pk__in=response_ids).update(body="")
    purge_history(EnquiryResponse, response_ids)
    enquiry.named_viewers.clear()
    enquiry.subject = ANONYMISED_ENQUIRY_SUBJECT
    for field in (
        "description",
        "location",
        "postcode",
        "constituent_name",
        "constituent_address",
        "constituent_email",
        "constituent_phone",
        "redirect_note",
        "extension_reason",
        "rating_comment",
    ):
        setattr(enquiry, field, "")
    enquiry.retain_until = None
    enquiry.anonymised_at = timezone.now()
    enquiry.save_without_historical_record()
    purge_history(Enquiry, [enquiry.pk])
    audit_record(
        actor=actor,
        action=Action.ANONYMISE,
        obj=enquiry,
        label=enquiry.reference,
        detail=f"Enquiry anonymised: {reason}",
    )
    return enquiry


@transaction.atomic
def enquiry_destroy(*, enquiry: Enquiry, actor, reason: str) -> None:
    """Delete an enquiry with its events, responses, files and history."""
    enquiry = Enquiry.unrestricted.select_for_update().get(pk=enquiry.pk)
    enquiry_id, reference = enquiry.pk, enquiry.reference
    _delete_enquiry_attachments(enquiry)
    response_ids = list(enquiry.responses.values_list("pk", flat=True))
    enquiry.named_viewers.clear()
    enquiry.delete()
    purge_history(EnquiryResponse, response_ids)
    purge_history(Enquiry, [enquiry_id])
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type="enquiries.enquiry",
        object_id=enquiry_id,
        label=reference,
        detail=f"Enquiry deleted: {reason}",
    )


@transaction.atomic
def case_attachment_destroy(
    *,
    attachment: Attachment,
    actor,
    reason: str,
    entry_note: str = "Attachment removed under the retention policy.",
) -> None:
    """Delete one attachment and its file; its timeline entry stays, saying (`entry_note`)
    that it was removed."""
    case = attachment.case
    attachment_id, entry_id = attachment.pk, attachment.entry_id
    _delete_file(attachment.file)
    attachment.delete()
    if entry_id:
        TimelineEntry.unrestricted.filter(pk=entry_id).update(body=entry_note)
        purge_history(TimelineEntry, [entry_id])
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type="casework.attachment",
        object_id=attachment_id,
        label=case.reference,
        data_controller=case.owner,
        detail=f"Attachment deleted: {reason}",
    )


@transaction.atomic
def enquiry_attachment_destroy(*, attachment: EnquiryAttachment, actor, reason: str) -> None:
    """Delete one file on an enquiry (or on one of its responses)."""
    enquiry = attachment.enquiry
    attachment_id = attachment.pk
    _delete_file(attachment.file)
    attachment.delete()
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type="enquiries.enquiryattachment",
        object_id=attachment_id,
        label=enquiry.reference,
        detail=f"Attachment deleted: {reason}",
    )
