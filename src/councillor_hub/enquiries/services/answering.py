"""Service officers answering: a draft reply (with files) and marking it ready for the member
support team to check and send. Each change is recorded on the enquiry's history and audited."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action
from councillor_hub.casework.services.attachments import (
    attachment_validate,
)

from .. import permissions
from ..models import (
    Enquiry,
    EnquiryResponse,
    EnquiryStatus,
    EventKind,
    ResponseStatus,
)
from ..selectors.answering import DRAFTABLE_STATUSES, draft_for
from .enquiry_audit import audit_enquiry
from .events import event_add
from .raising import enquiry_attachment_store


def _check_may_draft(actor, enquiry: Enquiry) -> None:
    if not permissions.can_draft_response(actor, enquiry):
        raise PermissionDenied("You cannot reply to this enquiry")
    if enquiry.status not in DRAFTABLE_STATUSES:
        raise ValidationError({"body": ["This enquiry is closed: a reply can no longer be added"]})


def _enquiry_save(enquiry: Enquiry, actor, fields: list[str]) -> None:
    enquiry._history_user = actor
    enquiry.save(update_fields=[*fields, "updated_at"])


@transaction.atomic
def response_draft_save(
    *,
    actor: User,
    enquiry: Enquiry,
    body: str,
    uploads: Sequence[UploadedFile] = (),
    request: HttpRequest | None = None,
) -> EnquiryResponse:
    """Create or update the actor's draft reply (one unsent reply per author per enquiry) and
    attach any files. Saving a reply that was marked ready takes it back to a draft, and the
    enquiry back to the service while no other reply is waiting to be checked."""
    _check_may_draft(actor, enquiry)
    body = (body or "").strip()
    errors: dict[str, list[str]] = {}
    if not body:
        errors["body"] = ["Enter the response"]
    content_types = []
    for upload in uploads:
        try:
            content_types.append(attachment_validate(upload))
        except ValidationError as error:
            errors.setdefault("upload", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)

    response = draft_for(enquiry=enquiry, author=actor)
    created = response is None
    if created:
        response = EnquiryResponse(enquiry=enquiry, author=actor)
    was_ready = response.status == ResponseStatus.READY
    response.body = body
    response.status = ResponseStatus.DRAFT
    response._history_user = actor
    response.save()
    for upload, content_type in zip(uploads, content_types, strict=True):
        attachment = enquiry_attachment_store(
            actor=actor,
            enquiry=enquiry,
            response=response,
            upload=upload,
            content_type=content_type,
        )
        audit_enquiry(
            actor=actor,
            action=Action.CREATE,
            enquiry=enquiry,
            obj=attachment,
            detail="Attachment added to a draft response",
            request=request,
        )
    if (
        was_ready
        and enquiry.status == EnquiryStatus.RESPONSE_READY
        and not EnquiryResponse.unrestricted.filter(
            enquiry=enquiry, status=ResponseStatus.READY
        ).exists()
    ):
        enquiry.status = EnquiryStatus.IN_PROGRESS
        _enquiry_save(enquiry, actor, ["status"])
    audit_enquiry(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        enquiry=enquiry,
        obj=response,
        detail="Draft response started" if created else "Draft response changed",
        request=request,
    )
    return response


def _support_team():
    return User.objects.filter(is_active=True, roles__role=Role.MEMBER_SUPPORT_OFFICER).distinct()


@transaction.atomic
def response_mark_ready(
    *, actor: User, response: EnquiryResponse, request: HttpRequest | None = None
) -> EnquiryResponse:
    """The author marks their draft ready: the member support team is told to check and send
    it. The notification carries the reference only, never the reply or personal data."""
    enquiry = response.enquiry
    _check_may_draft(actor, enquiry)
    if response.author_id != actor.pk or response.partner_id is not None:
        raise PermissionDenied("Only the author can mark this response ready")
    if response.status != ResponseStatus.DRAFT:
        raise ValidationError({"body": ["This response has already been marked as ready"]})
    if not response.body.strip():
        raise ValidationError({"body": ["Enter the response"]})
    response.status = ResponseStatus.READY
    response._history_user = actor
    response.save(update_fields=["status", "updated_at"])
    if enquiry.status != EnquiryStatus.RESPONSE_READY:
        enquiry.status = EnquiryStatus.RESPONSE_READY
        _enquiry_save(enquiry, actor, ["status"])
    event_add(
        enquiry=enquiry,
        kind=EventKind.DRAFT_READY,
        author=actor,
        visible_to_member=False,
    )
    audit_enquiry(
        actor=actor,
        action=Action.UPDATE,
        enquiry=enquiry,
        obj=response,
        detail="Response marked ready for checking",
        request=request,
    )
    from councillor_hub.notifications.services import notify

    notify(
        recipients=list(_support_team()),
        title=f"Enquiry {enquiry.reference} has a response ready for checking",
        url=reverse("enquiries:enquiry_detail", kwargs={"reference": enquiry.reference}),
    )
    return response
