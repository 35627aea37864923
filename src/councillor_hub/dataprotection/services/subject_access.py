"""Subject access requests: log one, extend, complete or withdraw it, find the person's
records, and export everything the controller holds about them as a ZIP.

The controller decides where to look. A councillor searches their own constituent records
and ticks those that are the requester; the data protection officer (for the council) enters
the name, email and phone number that enquiries are matched on. Each write re-checks
permission and records an audit event labelled with the request's reference, never a name.

The reads used by the pages (the searches and the "what has been found" summary) live here
too, beside the export that uses the same rules, so the preview and the ZIP cannot disagree.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Count, F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.models import (
    Attachment,
    Case,
    CaseConstituent,
    ConsentRecord,
    Constituent,
    Tag,
    TimelineEntry,
)
from councillor_hub.casework.services.attachments import attachment_clean_name
from councillor_hub.casework.services.references import reference_next
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAttachment,
    EnquiryEvent,
    EnquiryResponse,
    ResponseStatus,
)

from .. import permissions
from ..dates import days_until, sar_due_date, sar_latest_extended_due
from ..models import IdentityCheck, SarStatus, SubjectAccessRequest

SEARCH_LIMIT = 50
PREVIEW_LIMIT = 200
MIN_PHONE_DIGITS = 7


def date_text(day: date) -> str:
    """'28 February 2026'."""
    return f"{day.day} {day:%B %Y}"


# --- The deadline ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SarDeadline:
    """The request's deadline in words, with the GOV.UK tag colour to show it in."""

    text: str
    colour: str
    days_left: int | None = None

    @property
    def tag_class(self) -> str:
        return f"govuk-tag govuk-tag--{self.colour}"


def sar_deadline(sar: SubjectAccessRequest, *, today: date | None = None) -> SarDeadline:
    if sar.status == SarStatus.COMPLETED:
        return SarDeadline("Completed", "green")
    if sar.status == SarStatus.WITHDRAWN:
        return SarDeadline("Withdrawn", "grey")
    left = days_until(sar.current_due_on, today or timezone.localdate())
    if left < 0:
        overdue = -left
        return SarDeadline(f"{overdue} day{'s' if overdue != 1 else ''} overdue", "red", left)
    if left == 0:
        return SarDeadline("Due today", "red", left)
    text = f"{left} day{'s' if left != 1 else ''} left"
    return SarDeadline(text, "yellow" if left <= 7 else "blue", left)


# --- Logging and changing a request ---------------------------------------------------------


def _sar_audit(
    actor,
    sar: SubjectAccessRequest,
    action: Action,
    detail: str = "",
    *,
    request: HttpRequest | None,
) -> None:
    """One audit entry for a change to a request, labelled with its reference (never the
    requester's name); the council's requests have no councillor controller."""
    audit_record(
        actor=actor,
        action=action,
        obj=sar,
        label=sar.reference,
        data_controller=sar.controller,
        detail=detail,
        request=request,
    )


def _require_controller(actor, sar: SubjectAccessRequest) -> None:
    if not permissions.can_view_sar(actor, sar):
        raise PermissionDenied("You do not act for this request's controller")


def _require_open(sar: SubjectAccessRequest) -> None:
    if sar.status != SarStatus.OPEN:
        raise ValidationError(f"This request is already {sar.get_status_display().lower()}")


def _not_future(name: str, value: date | None, what: str) -> None:
    if value and value > timezone.localdate():
        raise ValidationError({name: f"{what} must be today or in the past"})


def _not_before_received(name: str, value: date | None, sar, what: str) -> None:
    if value and value < sar.received_on:
        raise ValidationError(
            {
                name: f"{what} must be on or after the date the request was received "
                f"({date_text(sar.received_on)})"
            }
        )


@transaction.atomic
def sar_record(
    *,
    actor,
    controller,
    requester_name: str,
    received_on: date,
    identity_check: str,
    requester_contact: str = "",
    identity_note: str = "",
    request: HttpRequest | None = None,
) -> SubjectAccessRequest:
    """Log a request for `controller` (a councillor, or None for the council). The due date
    is the same day next month (sar_due_date)."""
    if not permissions.can_record_for(actor, controller=controller):
        raise PermissionDenied("You cannot log a request for this controller")
    requester_name = (requester_name or "").strip()
    if not requester_name:
        raise ValidationError({"requester_name": "Enter the requester's full name"})
    if identity_check not in IdentityCheck.values:
        raise ValidationError({"identity_check": "Select how their identity was checked"})
    _not_future("received_on", received_on, "The date the request was received")
    sar = SubjectAccessRequest.unrestricted.create(
        reference=reference_next(prefix="SAR"),
        controller=controller,
        controller_is_council=controller is None,
        requester_name=requester_name,
        requester_contact=(requester_contact or "").strip(),
        received_on=received_on,
        identity_check=identity_check,
        identity_note=(identity_note or "").strip(),
        due_on=sar_due_date(received_on),
        recorded_by=actor,
    )
    _sar_audit(actor, sar, Action.CREATE, request=request)
    return sar


def sar_extension_errors(
    *,
    sar: SubjectAccessRequest,
    extended_due_on: date | None,
    extension_reason: str,
    requester_told_on: date | None,
) -> dict[str, str]:
    """What is wrong with an extension, by field (empty when it may go ahead). Shared by the
    form and the service so both say the same."""
    errors: dict[str, str] = {}
    latest = sar_latest_extended_due(sar.due_on)
    if extended_due_on is None:
        errors["extended_due_on"] = "Enter the new due date"
    elif extended_due_on <= sar.current_due_on:
        errors["extended_due_on"] = (
            f"The new due date must be after the current due date, {date_text(sar.current_due_on)}"
        )
    elif extended_due_on > latest:
        errors["extended_due_on"] = (
            f"The new due date must be no later than {date_text(latest)}, two months after "
            "the original due date"
        )
    if not (extension_reason or "").strip():
        errors["extension_reason"] = "Enter why the response needs more time"
    today = timezone.localdate()
    if requester_told_on is None:
        errors["requester_told_on"] = "Enter the date the requester was told about the extension"
    elif requester_told_on > today:
        errors["requester_told_on"] = "The date the requester was told must be today or in the past"
    elif requester_told_on < sar.received_on:
        errors["requester_told_on"] = (
            "The date the requester was told must be on or after the date the request was "
            f"received ({date_text(sar.received_on)})"
        )
    elif requester_told_on > sar.due_on:
        # Article 12(3): the requester must be told within the first month.
        errors["requester_told_on"] = (
            "The requester must be told about an extension within the first month, on or "
            f"before {date_text(sar.due_on)}"
        )
    return errors


@transaction.atomic
def sar_extend(
    *,
    actor,
    sar: SubjectAccessRequest,
    extended_due_on: date,
    extension_reason: str,
    requester_told_on: date,
    request: HttpRequest | None = None,
) -> SubjectAccessRequest:
    """Extend the deadline (by up to two months past the original due date), recording why
    and when the requester was told."""
    _require_controller(actor, sar)
    _require_open(sar)
    errors = sar_extension_errors(
        sar=sar,
        extended_due_on=extended_due_on,
        extension_reason=extension_reason,
        requester_told_on=requester_told_on,
    )
    if errors:
        raise ValidationError(errors)
    sar.extended_due_on = extended_due_on
    sar.extension_reason = extension_reason.strip()
    sar.requester_told_on = requester_told_on
    sar.save()
    _sar_audit(
        actor,
        sar,
        Action.UPDATE,
        f"Extended the due date to {extended_due_on.isoformat()}",
        request=request,
    )
    return sar


@transaction.atomic
def sar_complete(
    *,
    actor,
    sar: SubjectAccessRequest,
    completed_on: date,
    request: HttpRequest | None = None,
) -> SubjectAccessRequest:
    """Mark the request answered: the response was sent on `completed_on`."""
    _require_controller(actor, sar)
    _require_open(sar)
    if completed_on is None:
        raise ValidationError({"completed_on": "Enter the date the response was sent"})
    _not_future("completed_on", completed_on, "The date the response was sent")
    _not_before_received("completed_on", completed_on, sar, "The date the response was sent")
    sar.status = SarStatus.COMPLETED
    sar.completed_on = completed_on
    sar.save()
    _sar_audit(actor, sar, Action.UPDATE, "Marked completed", request=request)
    return sar


@transaction.atomic
def sar_withdraw(
    *, actor, sar: SubjectAccessRequest, request: HttpRequest | None = None
) -> SubjectAccessRequest:
    """The requester withdrew the request."""
    _require_controller(actor, sar)
    _require_open(sar)
    sar.status = SarStatus.WITHDRAWN
    sar.save()
    _sar_audit(actor, sar, Action.UPDATE, "Marked withdrawn", request=request)
    return sar


@transaction.atomic
def sar_reopen(
    *, actor, sar: SubjectAccessRequest, request: HttpRequest | None = None
) -> SubjectAccessRequest:
    """Undo 'completed' or 'withdrawn' (marked by mistake, or the requester came back)."""
    _require_controller(actor, sar)
    if sar.status == SarStatus.OPEN:
        return sar
    sar.status = SarStatus.OPEN
    sar.completed_on = None
    sar.save()
    _sar_audit(actor, sar, Action.UPDATE, "Reopened", request=request)
    return sar


# --- Finding the person's records -----------------------------------------------------------


def _compact(value: str) -> str:
    return re.sub(r"[\s\-().]+", "", value or "").upper()


def _strip_chars(expression, chars: str):
    for char in chars:
        expression = Replace(expression, Value(char), Value(""))
    return expression


def sar_constituent_search(*, user, q: str) -> QuerySet[Constituent]:
    """The user's OWN constituent records (never a colleague's, never as a delegate) matching
    `q` by name (words in any order), email, phone (spaces ignored) or postcode; each with
    `case_count`. Empty for an empty search."""
    q = (q or "").strip()[:200]
    if not q:
        return Constituent.unrestricted.none()
    qs = permissions.erasable_constituents(user)
    names = Q()
    for word in q.split():
        names &= Q(first_name__icontains=word) | Q(last_name__icontains=word)
    match = names | Q(email__icontains=q)
    compact = _compact(q)
    if any(ch.isdigit() for ch in compact):
        qs = qs.annotate(
            phone_compact=_strip_chars(Upper("phone"), " -()."),
            postcode_compact=_strip_chars(Upper("postcode"), " "),
        )
        match |= Q(phone_compact__contains=compact) | Q(postcode_compact__startswith=compact)
    return (
        qs.filter(match)
        .annotate(case_count=Count("case_links", distinct=True))
        .order_by("last_name", "first_name", "pk")
    )


def sar_chosen_constituents(sar: SubjectAccessRequest) -> QuerySet[Constituent]:
    """The constituent records ticked as this person: only the controller's own."""
    if sar.controller_is_council:
        return Constituent.unrestricted.none()
    return (
        Constituent.unrestricted.filter(subject_access_requests=sar, owner_id=sar.controller_id)
        .annotate(case_count=Count("case_links", distinct=True))
        .order_by("last_name", "first_name", "pk")
    )


@transaction.atomic
def sar_constituents_set(
    *,
    actor,
    sar: SubjectAccessRequest,
    constituents,
    request: HttpRequest | None = None,
) -> SubjectAccessRequest:
    """Record which of the councillor's constituent records are the requester."""
    _require_controller(actor, sar)
    if sar.controller_is_council:
        raise PermissionDenied("The council's requests are matched on enquiry details")
    ids = {c.pk for c in constituents}
    allowed = set(
        permissions.erasable_constituents(actor)
        .filter(pk__in=ids, owner_id=sar.controller_id)
        .values_list("pk", flat=True)
    )
    if ids - allowed:
        raise PermissionDenied("Only your own constituent records can be chosen")
    before = set(sar.constituents.values_list("pk", flat=True))
    if before != ids:
        sar.constituents.set(sorted(ids))
        _sar_audit(
            actor,
            sar,
            Action.UPDATE,
            f"Chose {len(ids)} constituent record{'s' if len(ids) != 1 else ''}",
            request=request,
        )
    return sar


def phone_digits(value: str) -> str:
    return re.sub(r"\D", "", value or "")


def phone_keys(value: str) -> set[str]:
    """The ways a UK number may be stored once reduced to digits: 07700900123,
    447700900123, 00447700900123. Empty when there are too few digits to be a number."""
    digits = phone_digits(value)
    if len(digits) < MIN_PHONE_DIGITS:
        return set()
    national = digits
    if digits.startswith("0044"):
        national = "0" + digits[4:]
    elif digits.startswith("44") and len(digits) >= 11:
        national = "0" + digits[2:]
    keys = {national}
    if national.startswith("0") and not national.startswith("00"):
        keys |= {"44" + national[1:], "0044" + national[1:]}
    return keys


def _name_key(value: str) -> str:
    return " ".join((value or "").split()).casefold()


def sar_matching_enquiries(*, name: str = "", email: str = "", phone: str = "") -> QuerySet:
    """The council's enquiries about a person: the constituent's name is the same (any case)
    or contains every word of `name`, the email is the same (any case), or the phone number
    is the same once reduced to digits. Empty when nothing is given."""
    match = Q()
    words = (name or "").split()
    if words:
        partial = Q()
        for word in words:
            partial &= Q(constituent_name__icontains=word)
        match |= Q(constituent_name__iexact=" ".join(words)) | partial
    email = (email or "").strip()
    if email:
        match |= Q(constituent_email__iexact=email)
    qs = Enquiry.unrestricted.all()
    keys = phone_keys(phone)
    if keys:
        qs = qs.annotate(
            phone_digits=_strip_chars(F("constituent_phone"), " -().+/"),
        )
        match |= Q(phone_digits__in=sorted(keys))
    if not match:
        return Enquiry.unrestricted.none()
    return qs.filter(match).order_by("received_at", "pk")


@dataclass
class EnquiryMatch:
    """How one enquiry matched the requester's details, and whether that needs checking."""

    on: list[str]
    review_reason: str = ""

    @property
    def review(self) -> bool:
        return bool(self.review_reason)


def enquiry_match(enquiry: Enquiry, *, name: str, email: str, phone: str) -> EnquiryMatch:
    on = []
    name_exact = bool(name.strip()) and _name_key(enquiry.constituent_name) == _name_key(name)
    if name_exact:
        on.append("name")
    elif name.strip() and all(
        word.casefold() in enquiry.constituent_name.casefold() for word in name.split()
    ):
        on.append("part of the name")
    if email.strip() and enquiry.constituent_email.casefold() == email.strip().casefold():
        on.append("email address")
    keys = phone_keys(phone)
    if keys and phone_keys(enquiry.constituent_phone) & keys:
        on.append("phone number")
    reason = ""
    if name.strip() and not name_exact:
        reason = (
            "The name on this enquiry is not the same as the requester's: check it is about "
            "them before release"
        )
    return EnquiryMatch(on=on, review_reason=reason)


@transaction.atomic
def sar_match_set(
    *,
    actor,
    sar: SubjectAccessRequest,
    match_name: str = "",
    match_email: str = "",
    match_phone: str = "",
    request: HttpRequest | None = None,
) -> SubjectAccessRequest:
    """Record the details the council's enquiries are matched on."""
    _require_controller(actor, sar)
    if not sar.controller_is_council:
        raise PermissionDenied("A councillor's requests are matched on constituent records")
    values = {
        "match_name": " ".join((match_name or "").split()),
        "match_email": (match_email or "").strip(),
        "match_phone": (match_phone or "").strip(),
    }
    if not any(values.values()):
        raise ValidationError("Enter a name, email address or phone number to search for")
    changed = [key for key, value in values.items() if getattr(sar, key) != value]
    if changed:
        for key in changed:
            setattr(sar, key, values[key])
        sar.save()
        _sar_audit(actor, sar, Action.UPDATE, "Changed the enquiry search details", request=request)
    return sar


@dataclass
class SarFound:
    """What the person's records add up to, for the request's page."""

    constituents: list = field(default_factory=list)
    cases: int = 0
    entries: int = 0
    attachments: int = 0
    enquiries: list = field(default_factory=list)
    council_enquiries_from_cases: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.constituents or self.enquiries)


def _controller_cases(sar: SubjectAccessRequest, constituent_ids) -> QuerySet[Case]:
    return Case.unrestricted.filter(
        owner_id=sar.controller_id,
        case_constituents__constituent_id__in=list(constituent_ids),
    ).distinct()


def sar_found(sar: SubjectAccessRequest) -> SarFound:
    """A summary of what has been found so far (a bounded number of queries)."""
    if sar.controller_is_council:
        enquiries = list(
            sar_matching_enquiries(
                name=sar.match_name, email=sar.match_email, phone=sar.match_phone
            ).select_related("service_area")[:PREVIEW_LIMIT]
        )
        for enquiry in enquiries:
            enquiry.match = enquiry_match(
                enquiry, name=sar.match_name, email=sar.match_email, phone=sar.match_phone
            )
        return SarFound(enquiries=enquiries)
    constituents = list(sar_chosen_constituents(sar))
    if not constituents:
        return SarFound()
    case_ids = list(
        _controller_cases(sar, [c.pk for c in constituents]).values_list("pk", flat=True)
    )
    return SarFound(
        constituents=constituents,
        cases=len(case_ids),
        entries=TimelineEntry.unrestricted.filter(case_id__in=case_ids).count(),
        attachments=Attachment.unrestricted.filter(case_id__in=case_ids).count(),
        council_enquiries_from_cases=Enquiry.unrestricted.filter(case_id__in=case_ids).count(),
    )


# --- The export -----------------------------------------------------------------------------

REVIEW_OTHER_CONSTITUENT = (
    "Another constituent on this case ({name}): remove or redact their details before release"
)
REVIEW_FILE_ON_SHARED_CASE = (
    "This file is on a case with another constituent: check it for their details before release"
)
AUDIT_NOT_INCLUDED = (
    "The security record of who opened or changed these records (the audit trail), which "
    "names records by reference only. Ask if you want it."
)
CONSTITUENT_HISTORY_FIELDS = {
    "title": "Title",
    "first_name": "First name",
    "last_name": "Last name",
    "address_line_1": "Address line 1",
    "address_line_2": "Address line 2",
    "town": "Town",
    "postcode": "Postcode",
    "email": "Email address",
    "phone": "Phone number",
    "accessibility_needs": "Accessibility needs",
    "vulnerability_note": "Vulnerability note",
}


def _local(moment: datetime | None) -> datetime | None:
    return timezone.localtime(moment) if moment else None


def _person_patterns(constituent: Constituent) -> list[re.Pattern]:
    """Ways another person's details may appear in free text: their first and last name,
    their title and last name, their email, their phone number with any spacing."""
    patterns = []
    first, last = constituent.first_name.strip(), constituent.last_name.strip()
    names = []
    if first and last:
        names.append(f"{first} {last}")
    if constituent.title.strip() and last:
        names.append(f"{constituent.title.strip()} {last}")
    for name in names:
        words = [re.escape(word) for word in name.split()]
        patterns.append(re.compile(r"\b" + r"\.?\s+".join(words) + r"\b", re.IGNORECASE))
    if constituent.email.strip():
        patterns.append(re.compile(re.escape(constituent.email.strip()), re.IGNORECASE))
    for key in sorted(phone_keys(constituent.phone)):
        if key.startswith("00"):
            continue
        if key.startswith("44"):
            lead = r"\+?44[\s\-().]*(?:\(0\)[\s\-]*)?"
            digits = key[2:]
        else:
            lead, digits = "", key
        separator = r"[\s\-().]*"
        patterns.append(re.compile(r"(?<!\d)" + lead + separator.join(digits) + r"(?!\d)"))
    return patterns


def _mentions(text: str, others: list[tuple[Constituent, list[re.Pattern]]]) -> list[str]:
    """The names of the other people whose details appear in `text`."""
    if not text:
        return []
    return [
        other.full_name
        for other, patterns in others
        if any(pattern.search(text) for pattern in patterns)
    ]


def _mention_reason(names: list[str]) -> str:
    return (
        "Mentions another constituent on this case ("
        + ", ".join(names)
        + "): remove or redact their details before release"
    )


def _safe_filename(name: str, prefix: str) -> str:
    """A name safe in any zip tool and file system: ASCII letters, digits, hyphens, one
    extension, prefixed to be unique."""
    base = attachment_clean_name(name)
    stem, extension = os.path.splitext(base)
    stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-_")[:80] or "file"
    extension = re.sub(r"[^A-Za-z0-9]", "", extension)[:10].lower()
    return f"{prefix}-{stem}" + (f".{extension}" if extension else "")


@dataclass
class ExportFile:
    """One stored file to copy into attachments/ in the ZIP."""

    file: object
    path: str


class _Review:
    """Collects everything marked for review, for the document's own section."""

    def __init__(self):
        self.items: list[dict] = []

    def flag(self, record: dict, where: str, reason: str) -> None:
        record["review_before_release"] = True
        record["review_reason"] = reason
        self.items.append({"where": where, "reason": reason})


def _constituent_data(constituent: Constituent, history: list) -> dict:
    previous = []
    seen = set()
    for row in history:
        for name, label in CONSTITUENT_HISTORY_FIELDS.items():
            value = getattr(row, name, "") or ""
            if value and value != getattr(constituent, name) and (name, value) not in seen:
                seen.add((name, value))
                previous.append(
                    {"field": label, "value": value, "recorded_at": _local(row.history_date)}
                )
    return {
        "id": constituent.pk,
        "title": constituent.title,
        "first_name": constituent.first_name,
        "last_name": constituent.last_name,
        "full_name": constituent.full_name,
        "address": constituent.address_lines,
        "ward": constituent.ward.name if constituent.ward else "",
        "email": constituent.email,
        "phone": constituent.phone,
        "preferred_contact": constituent.get_preferred_contact_display(),
        "accessibility_needs": constituent.accessibility_needs,
        "vulnerability_or_safeguarding_concern": constituent.is_vulnerable,
        "vulnerability_note": constituent.vulnerability_note,
        "created_at": _local(constituent.created_at),
        "previous_details": previous,
        "consents": [
            {
                "purpose": consent.get_purpose_display(),
                "given": consent.given,
                "method": consent.get_method_display(),
                "recorded_at": _local(consent.recorded_at),
                "recorded_by": consent.recorded_by.full_name if consent.recorded_by else "",
                "note": consent.note,
            }
            for consent in constituent.consents.all()
        ],
    }


def _case_data(
    case: Case,
    *,
    subject_ids: set[int],
    enquiry_count: int,
    review: _Review,
    files: list[ExportFile],
) -> dict:
    others = [
        link.constituent
        for link in case.case_constituents.all()
        if link.constituent_id not in subject_ids
    ]
    other_patterns = [(other, _person_patterns(other)) for other in others]
    data = {
        "reference": case.reference,
        "title": case.title,
        "description": case.description,
        "category": case.category.name,
        "ward": case.ward.name if case.ward else "",
        "location": case.location,
        "postcode": case.postcode,
        "channel": case.get_channel_display(),
        "status": case.get_status_display(),
        "outcome": case.get_outcome_display() if case.outcome else "",
        "priority": case.get_priority_display(),
        "lawful_basis": case.get_lawful_basis_display(),
        "holds_special_category_data": case.has_special_category_data,
        "special_category_condition": case.get_special_category_condition_display()
        if case.special_category_condition
        else "",
        "tags": [tag.name for tag in case.tags.all()],
        "opened_at": _local(case.opened_at),
        "closed_at": _local(case.closed_at),
        "anonymised_at": _local(case.anonymised_at),
        "council_enquiries_not_included": enquiry_count,
        "review_before_release": False,
        "review_reason": "",
        "other_people": [],
        "timeline": [],
        "attachments": [],
    }
    for other in others:
        person = {"name": other.full_name}
        review.flag(
            person,
            f"Case {case.reference}: people on the case",
            REVIEW_OTHER_CONSTITUENT.format(name=other.full_name),
        )
        data["other_people"].append(person)
    mentioned = _mentions(f"{case.title}\n{case.description}", other_patterns)
    if mentioned:
        review.flag(
            data, f"Case {case.reference}: title or description", _mention_reason(mentioned)
        )
    attachment_by_entry = {}
    for attachment in case.attachments.all():
        path = "attachments/" + _safe_filename(
            attachment.original_name, f"{case.reference}-{attachment.pk}"
        )
        record = {
            "name": attachment.original_name,
            "path": path,
            "content_type": attachment.content_type,
            "size": attachment.size,
            "uploaded_at": _local(attachment.uploaded_at),
            "file_missing": False,
            "review_before_release": False,
            "review_reason": "",
        }
        if others:
            names = _mentions(attachment.original_name, other_patterns)
            reason = _mention_reason(names) if names else REVIEW_FILE_ON_SHARED_CASE
            review.flag(record, f"Case {case.reference}: file {path}", reason)
        files.append(ExportFile(file=attachment.file, path=path))
        record["_file_index"] = len(files) - 1
        data["attachments"].append(record)
        if attachment.entry_id:
            attachment_by_entry[attachment.entry_id] = record
    entries = list(case.timeline.all())
    for number, entry in enumerate(entries, start=1):
        linked = attachment_by_entry.get(entry.pk) or {}
        item = {
            "id": entry.pk,
            "occurred_at": _local(entry.occurred_at),
            "kind": entry.get_kind_display(),
            "by": entry.author.full_name if entry.author else "",
            "text": entry.body,
            "special_category": entry.is_sensitive,
            "attachment": linked.get("path", ""),
            "attachment_name": linked.get("name", ""),
            "review_before_release": False,
            "review_reason": "",
        }
        names = _mentions(entry.body, other_patterns)
        if names:
            when = timezone.localtime(entry.occurred_at)
            review.flag(
                item,
                f"Case {case.reference}: timeline entry {number} of {len(entries)} "
                f"({when.day} {when:%b %Y %H:%M})",
                _mention_reason(names),
            )
        data["timeline"].append(item)
    return data


def _councillor_export(sar: SubjectAccessRequest, review: _Review, files: list) -> dict:
    constituents = list(
        Constituent.unrestricted.filter(subject_access_requests=sar, owner_id=sar.controller_id)
        .select_related("ward")
        .prefetch_related(
            Prefetch(
                "consents",
                queryset=ConsentRecord.unrestricted.select_related("recorded_by").order_by(
                    "recorded_at", "pk"
                ),
            )
        )
        .order_by("pk")
    )
    subject_ids = {c.pk for c in constituents}
    history = defaultdict(list)
    for row in Constituent.history.filter(id__in=subject_ids).order_by("history_date"):
        history[row.id].append(row)
    cases = list(
        _controller_cases(sar, subject_ids)
        .select_related("category", "ward")
        .prefetch_related(
            Prefetch(
                "timeline",
                queryset=TimelineEntry.unrestricted.select_related("author").order_by(
                    "occurred_at", "pk"
                ),
            ),
            Prefetch(
                "case_constituents",
                queryset=CaseConstituent.unrestricted.select_related("constituent").order_by("pk"),
            ),
            Prefetch("attachments", queryset=Attachment.unrestricted.order_by("uploaded_at", "pk")),
            Prefetch("tags", queryset=Tag.unrestricted.order_by("name")),
        )
        .order_by("opened_at", "pk")
    )
    enquiry_counts = dict(
        Enquiry.unrestricted.filter(case_id__in=[case.pk for case in cases])
        .values_list("case_id")
        .annotate(n=Count("pk"))
    )
    return {
        "constituents": [_constituent_data(c, history[c.pk]) for c in constituents],
        "cases": [
            _case_data(
                case,
                subject_ids=subject_ids,
                enquiry_count=enquiry_counts.get(case.pk, 0),
                review=review,
                files=files,
            )
            for case in cases
        ],
        "council_enquiries_not_included": sum(enquiry_counts.values()),
    }


def _enquiry_data(enquiry: Enquiry, sar, review: _Review, files: list) -> dict:
    match = enquiry_match(
        enquiry, name=sar.match_name, email=sar.match_email, phone=sar.match_phone
    )
    data = {
        "reference": enquiry.reference,
        "matched_on": match.on,
        "subject": enquiry.subject,
        "description": enquiry.description,
        "service_area": enquiry.service_area.name,
        "category": enquiry.category.name if enquiry.category else "",
        "location": enquiry.location,
        "postcode": enquiry.postcode,
        "ward": enquiry.ward.name if enquiry.ward else "",
        "status": enquiry.get_status_display(),
        "raised_by_member": enquiry.member.full_name,
        "constituent_name": enquiry.constituent_name,
        "constituent_address": enquiry.constituent_address,
        "constituent_email": enquiry.constituent_email,
        "constituent_phone": enquiry.constituent_phone,
        "received_at": _local(enquiry.received_at),
        "answered_at": _local(enquiry.answered_at),
        "closed_at": _local(enquiry.closed_at),
        "anonymised_at": _local(enquiry.anonymised_at),
        "review_before_release": False,
        "review_reason": "",
        "events": [
            {
                "at": _local(event.at),
                "kind": event.get_kind_display(),
                "by": event.author.full_name if event.author else "",
                "text": event.body,
                "visible_to_member": event.visible_to_member,
            }
            for event in enquiry.events.all()
        ],
        "responses": [
            {
                "sent_at": _local(response.sent_at),
                "from_partner": response.partner.name if response.partner else "",
                "text": response.body,
            }
            for response in enquiry.responses.all()
        ],
        "attachments": [],
    }
    if match.review:
        review.flag(data, f"Enquiry {enquiry.reference}", match.review_reason)
    for attachment in enquiry.attachments.all():
        if attachment.response_id and attachment.response.status != ResponseStatus.SENT:
            continue
        path = "attachments/" + _safe_filename(
            attachment.original_name, f"{enquiry.reference}-{attachment.pk}"
        )
        files.append(ExportFile(file=attachment.file, path=path))
        data["attachments"].append(
            {
                "name": attachment.original_name,
                "path": path,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "uploaded_at": _local(attachment.uploaded_at),
                "file_missing": False,
                "_file_index": len(files) - 1,
            }
        )
    return data


def _council_export(sar: SubjectAccessRequest, review: _Review, files: list) -> dict:
    enquiries = (
        sar_matching_enquiries(name=sar.match_name, email=sar.match_email, phone=sar.match_phone)
        .select_related("member", "service_area", "category", "ward")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=EnquiryEvent.unrestricted.select_related("author").order_by("at", "pk"),
            ),
            Prefetch(
                "responses",
                queryset=EnquiryResponse.unrestricted.filter(status=ResponseStatus.SENT)
                .select_related("partner")
                .order_by("sent_at", "pk"),
            ),
            Prefetch(
                "attachments",
                queryset=EnquiryAttachment.unrestricted.select_related("response").order_by(
                    "uploaded_at", "pk"
                ),
            ),
        )
    )
    return {
        "search": {
            "name": sar.match_name,
            "email": sar.match_email,
            "phone": sar.match_phone,
        },
        "enquiries": [_enquiry_data(enquiry, sar, review, files) for enquiry in enquiries],
    }


def sar_export_data(sar: SubjectAccessRequest) -> tuple[dict, list[ExportFile]]:
    """Everything the controller holds about the person, as plain data (for the document and
    the JSON), and the files to copy. Sensitive (special category) timeline entries are
    included: the person is entitled to them."""
    review = _Review()
    files: list[ExportFile] = []
    data = {
        "format": "councillor-hub-subject-access-export",
        "version": 1,
        "request": {
            "reference": sar.reference,
            "controller": sar.controller_label,
            "controller_type": "council" if sar.controller_is_council else "councillor",
            "requester_name": sar.requester_name,
            "received_on": sar.received_on,
            "due_on": sar.current_due_on,
            "status": sar.get_status_display(),
        },
        "prepared_at": timezone.localtime(),
    }
    if sar.controller_is_council:
        data.update(_council_export(sar, review, files))
        data["not_included"] = [
            "Councillors' own casework: each councillor is the controller of their casework "
            "and answers requests for it themselves.",
            AUDIT_NOT_INCLUDED,
        ]
    else:
        data.update(_councillor_export(sar, review, files))
        data["not_included"] = [
            "Enquiries sent to the council from these cases: the council is the controller "
            "of enquiries; ask the council's data protection officer for them.",
            AUDIT_NOT_INCLUDED,
        ]
    data["for_review_before_release"] = review.items
    return data, files


def _copy_files(archive: zipfile.ZipFile, data: dict, files: list[ExportFile]) -> int:
    records = [
        attachment
        for group in data.get("cases", []) + data.get("enquiries", [])
        for attachment in group["attachments"]
    ]
    copied = 0
    for record in records:
        stored = files[record.pop("_file_index")]
        try:
            with stored.file.open("rb") as source, archive.open(stored.path, "w") as target:
                shutil.copyfileobj(source, target, 1024 * 1024)
            copied += 1
        except (FileNotFoundError, OSError, ValueError):
            record["file_missing"] = True
    return copied


def sar_export(
    *, actor, sar: SubjectAccessRequest, request: HttpRequest | None = None
) -> tuple[str, IO[bytes]]:
    """Build the ZIP: report.html (a readable document), data.json (the same, machine
    readable) and attachments/. Returns the download's file name and the open file."""
    _require_controller(actor, sar)
    data, files = sar_export_data(sar)
    buffer = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        copied = _copy_files(archive, data, files)
        archive.writestr(
            "data.json",
            json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        )
        archive.writestr(
            "report.html",
            render_to_string(
                "dataprotection/subject_access/export_report.html",
                {"data": data, "is_council": sar.controller_is_council},
            ),
        )
    buffer.seek(0)
    records = len(data.get("cases", data.get("enquiries", [])))
    kind = "enquiries" if sar.controller_is_council else "cases"
    _sar_audit(
        actor,
        sar,
        Action.EXPORT,
        f"Subject access export: {records} {kind}, {copied} files",
        request=request,
    )
    return f"{sar.reference}-subject-access.zip", buffer
