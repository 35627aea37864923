"""Raising an enquiry: by the member (or their delegate) on the template form, or by the member
support team logging one that arrived by email, phone or directly to an officer."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from councillor_hub.accounts.models import User, Ward
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action
from councillor_hub.casework.models import Case, CaseConstituent, Constituent
from councillor_hub.casework.permissions import can_edit_case
from councillor_hub.casework.services.attachments import (
    attachment_clean_name,
    attachment_validate,
)
from councillor_hub.casework.services.references import reference_next
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.postcodes import normalise_postcode

from .. import permissions
from ..models import (
    Enquiry,
    EnquiryAttachment,
    EnquiryCategory,
    EventKind,
    RaisedVia,
    SensitiveReason,
    Urgency,
)
from .enquiry_audit import audit_enquiry
from .events import event_add

# The personal data a member may choose to send, and the enquiry field each one fills.
CONSTITUENT_FIELDS = {
    "name": "constituent_name",
    "address": "constituent_address",
    "email": "constituent_email",
    "phone": "constituent_phone",
}


def constituent_values(constituent: Constituent) -> dict[str, str]:
    """What each of a case constituent's fields would send, for the raise form's checkboxes."""
    return {
        "name": constituent.full_name,
        "address": "\n".join(constituent.address_lines),
        "email": constituent.email,
        "phone": constituent.phone,
    }


def support_team() -> list[User]:
    """The member support team: who is told about a new enquiry to triage."""
    return list(
        User.objects.filter(roles__role=Role.MEMBER_SUPPORT_OFFICER, is_active=True).distinct()
    )


def uploads_validate(uploads: Iterable[UploadedFile]) -> list[tuple[UploadedFile, str]]:
    """Check every file (size and real type) before anything is written; the first bad file
    raises ValidationError on the "uploads" field."""
    checked = []
    for upload in uploads:
        try:
            content_type = attachment_validate(upload)
        except ValidationError as error:
            name = attachment_clean_name(upload.name)
            raise ValidationError(
                {"uploads": [f"{name}: {message}" for message in error.messages]}
            ) from None
        checked.append((upload, content_type))
    return checked


def enquiry_attachment_store(
    *, actor, enquiry: Enquiry, upload: UploadedFile, content_type: str, response=None
) -> EnquiryAttachment:
    """Save a validated upload against an enquiry (callers validate and check permission)."""
    original_name = attachment_clean_name(upload.name)
    size = upload.size
    upload.seek(0)
    attachment = EnquiryAttachment(
        enquiry=enquiry,
        response=response,
        original_name=original_name,
        content_type=content_type,
        size=size,
        uploaded_by=actor,
    )
    attachment.file.save(original_name, upload, save=False)
    attachment.save()
    return attachment


def _personal_data(
    *,
    case: Case | None,
    constituent_fields: dict,
    case_constituent: Constituent | None,
    case_share: Collection[str],
) -> dict[str, str]:
    """The constituent details the enquiry will hold: what was typed, and from a case only the
    fields the member ticked."""
    data = {}
    for key, value in constituent_fields.items():
        # Short keys (name, address...) or the enquiry's own field names both work.
        name = CONSTITUENT_FIELDS.get(key, key)
        if name not in CONSTITUENT_FIELDS.values():
            raise ValueError(f"Unknown constituent field: {key}")
        data[name] = (value or "").strip()
    if case_constituent is not None:
        if (
            case is None
            or not CaseConstituent.unrestricted.filter(
                case=case, constituent=case_constituent
            ).exists()
        ):
            raise PermissionDenied("That constituent is not on the case")
        values = constituent_values(case_constituent)
        for key in case_share:
            if key not in CONSTITUENT_FIELDS:
                raise ValueError(f"Unknown constituent field: {key}")
            data[CONSTITUENT_FIELDS[key]] = values[key]
    return data


@transaction.atomic
def enquiry_create(
    *,
    actor: User,
    member: User,
    service_area: ServiceArea,
    subject: str,
    description: str,
    category: EnquiryCategory | None = None,
    location: str = "",
    postcode: str = "",
    ward: Ward | None = None,
    suggested_urgency: Urgency | str = Urgency.STANDARD,
    raised_via: RaisedVia | str = RaisedVia.PORTAL,
    case: Case | None = None,
    constituent_fields: dict | None = None,
    case_constituent: Constituent | None = None,
    case_share: Collection[str] = (),
    is_sensitive: bool = False,
    sensitive_reason: SensitiveReason | str = "",
    uploads: Iterable[UploadedFile] = (),
    request: HttpRequest | None = None,
) -> Enquiry:
    """Raise an enquiry for `member`.

    The actor is the member, someone acting for them (a delegate), or the member support team
    logging one that arrived another way. From a case (which the actor must be able to edit),
    only the constituent details named in `case_share` are copied from `case_constituent`;
    `constituent_fields` holds details typed in (keys name/address/email/phone, or the
    enquiry's field names constituent_name...).
    Raises PermissionDenied or ValidationError; writes nothing then."""
    if member.pk not in permissions.members_acting_for(actor) and not permissions.is_support(actor):
        raise PermissionDenied("You cannot raise enquiries for this member")
    if not permissions.is_member(member):
        raise PermissionDenied("Enquiries are raised for councillors and MPs")
    if case is not None and (not can_edit_case(actor, case) or case.owner_id != member.pk):
        raise PermissionDenied("You cannot raise an enquiry from this case")

    errors: dict[str, list[str]] = {}
    subject = (subject or "").strip()
    description = (description or "").strip()
    if not subject:
        errors["subject"] = ["Enter a subject"]
    if not description:
        errors["description"] = ["Enter a description of the enquiry"]
    if category is not None and category.service_area_id != service_area.pk:
        errors["category"] = ["Select a category in the chosen service area"]
    if postcode:
        try:
            postcode = normalise_postcode(postcode)
        except ValueError:
            errors["postcode"] = ["Enter a real postcode, like SW1A 1AA"]
    if is_sensitive and sensitive_reason not in SensitiveReason.values:
        errors["sensitive_reason"] = ["Select why the enquiry is sensitive"]
    if errors:
        raise ValidationError(errors)
    checked = uploads_validate(uploads)

    if ward is None:
        profile = getattr(member, "councillor_profile", None)
        ward = profile.ward if profile is not None else None
    personal = _personal_data(
        case=case,
        constituent_fields=constituent_fields or {},
        case_constituent=case_constituent,
        case_share=case_share,
    )
    enquiry = Enquiry(
        reference=reference_next(prefix="ENQ"),
        member=member,
        raised_by=actor,
        raised_via=raised_via,
        service_area=service_area,
        category=category,
        subject=subject,
        description=description,
        location=(location or "").strip(),
        postcode=postcode,
        ward=ward,
        suggested_urgency=suggested_urgency,
        case=case,
        is_sensitive=is_sensitive,
        sensitive_reason=sensitive_reason if is_sensitive else "",
        **personal,
    )
    enquiry.full_clean()
    enquiry.save()
    for upload, content_type in checked:
        enquiry_attachment_store(
            actor=actor, enquiry=enquiry, upload=upload, content_type=content_type
        )

    via = "" if raised_via == RaisedVia.PORTAL else f" ({RaisedVia(raised_via).label.lower()})"
    event_add(enquiry=enquiry, kind=EventKind.RAISED, body=f"Enquiry raised{via}", author=actor)
    audit_enquiry(
        actor=actor,
        action=Action.CREATE,
        enquiry=enquiry,
        request=request,
    )

    from councillor_hub.notifications.services import notify

    notify(
        recipients=[user for user in support_team() if user.pk != actor.pk],
        title=f"New enquiry {enquiry.reference} to triage",
        url=reverse("enquiries:triage", args=[enquiry.reference]),
    )
    if suggested_urgency == Urgency.EMERGENCY:
        from .alerts import emergency_alert

        emergency_alert(enquiry)
    return enquiry
