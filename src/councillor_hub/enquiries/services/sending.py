"""The member support team's side of answering: log a partner organisation's response, then
check a ready response (from an officer or a partner), make it a consistent, personal reply
and send it to the member."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from councillor_hub.audit.models import Action
from councillor_hub.directory.models import PartnerOrganisation
from councillor_hub.notifications.services import notify

from .. import permissions
from ..models import (
    OPEN_STATUSES,
    Enquiry,
    EnquiryAssignment,
    EnquiryResponse,
    EnquiryStatus,
    EventKind,
    ResponseStatus,
)
from . import service_level
from .enquiry_audit import audit_enquiry
from .events import event_add
from .raising import enquiry_attachment_store, uploads_validate
from .triage import member_url


def partner_assignments(*, enquiry: Enquiry):
    """The partner organisations the enquiry is routed to now."""
    return PartnerOrganisation.objects.filter(
        pk__in=EnquiryAssignment.unrestricted.filter(
            enquiry=enquiry, removed_at__isnull=True, partner__isnull=False
        ).values("partner_id")
    ).order_by("name")


@transaction.atomic
def partner_response_log(
    *,
    actor,
    enquiry: Enquiry,
    partner: PartnerOrganisation,
    body: str,
    upload: UploadedFile | None = None,
    request=None,
) -> EnquiryResponse:
    """Record what a partner organisation replied, ready for the team to check and send."""
    if not permissions.can_triage(actor, enquiry):
        raise PermissionDenied
    if enquiry.status not in OPEN_STATUSES:
        raise ValidationError(f"Enquiry {enquiry.reference} is no longer open")
    if not partner_assignments(enquiry=enquiry).filter(pk=partner.pk).exists():
        raise ValidationError({"partner": "Select a partner the enquiry is assigned to"})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Enter the partner's response"})
    try:
        checked = uploads_validate([upload] if upload is not None else [])
    except ValidationError as error:
        raise ValidationError({"upload": error.message_dict["uploads"]}) from None
    response = EnquiryResponse.unrestricted.create(
        enquiry=enquiry,
        body=body,
        status=ResponseStatus.READY,
        author=actor,
        partner=partner,
    )
    for checked_upload, content_type in checked:
        enquiry_attachment_store(
            actor=actor,
            enquiry=enquiry,
            upload=checked_upload,
            content_type=content_type,
            response=response,
        )
    if enquiry.status in (EnquiryStatus.NEW, EnquiryStatus.IN_PROGRESS):
        enquiry.status = EnquiryStatus.RESPONSE_READY
        enquiry.save()
    event_add(
        enquiry=enquiry,
        kind=EventKind.PARTNER_RESPONSE,
        body=f"Response from {partner.name} logged.",
        author=actor,
        visible_to_member=False,
    )
    audit_enquiry(
        actor=actor,
        action=Action.CREATE,
        enquiry=enquiry,
        detail="partner response logged",
        request=request,
    )
    return response


@transaction.atomic
def response_send(*, actor, response: EnquiryResponse, body: str, request=None) -> EnquiryResponse:
    """Send a checked response to the member: the enquiry is answered and stays open for
    follow-up for the configured window."""
    enquiry = response.enquiry
    if not permissions.can_send_response(actor, enquiry):
        raise PermissionDenied
    if response.status != ResponseStatus.READY:
        raise ValidationError("Only a response that is ready for checking can be sent")
    if enquiry.status not in OPEN_STATUSES:
        raise ValidationError(f"Enquiry {enquiry.reference} is no longer open")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Enter the reply to the member"})
    now = timezone.now()
    response.body = body
    response.status = ResponseStatus.SENT
    response.sent_at = now
    response.sent_by = actor
    response.save()
    enquiry.status = EnquiryStatus.ANSWERED
    enquiry.answered_at = now
    enquiry.paused_at = None
    enquiry.follow_up_until = service_level.follow_up_until_for(answered_at=now)
    enquiry.save()
    event_add(
        enquiry=enquiry,
        kind=EventKind.ANSWERED,
        body="The council has answered your enquiry.",
        author=actor,
    )
    audit_enquiry(
        actor=actor,
        action=Action.UPDATE,
        enquiry=enquiry,
        detail="response sent",
        request=request,
    )
    notify(
        recipients=[enquiry.member],
        title=f"Enquiry {enquiry.reference} has been answered",
        url=member_url(enquiry),
    )
    return response
