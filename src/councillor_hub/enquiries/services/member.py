"""What the member's side does after raising: reply (with more information, or to follow up an
answer) and rate the answer."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record

from .. import permissions
from ..models import Enquiry, EnquiryAssignment, EnquiryStatus, EventKind
from .events import event_add
from .raising import enquiry_attachment_store, support_team, uploads_validate


def can_reply(enquiry: Enquiry, now=None) -> bool:
    """The member may reply while the team waits for them, or to an answer within the
    follow-up window."""
    now = now or timezone.now()
    if enquiry.status == EnquiryStatus.AWAITING_MEMBER:
        return True
    return (
        enquiry.status == EnquiryStatus.ANSWERED
        and enquiry.follow_up_until is not None
        and now <= enquiry.follow_up_until
    )


def can_rate(enquiry: Enquiry) -> bool:
    """Once, after an answer."""
    return enquiry.answered_at is not None and enquiry.rated_at is None


def enquiry_team(enquiry: Enquiry) -> list[User]:
    """Who works on the enquiry now: the officers named on it and the officers of the service
    areas it is routed to, plus the member support team (a sensitive enquiry: named people
    only)."""
    from councillor_hub.accounts.models import UserRole

    assignments = EnquiryAssignment.unrestricted.filter(enquiry=enquiry, removed_at__isnull=True)
    officer_ids = set(assignments.exclude(officer=None).values_list("officer_id", flat=True))
    area_ids = list(
        assignments.exclude(service_area=None).values_list("service_area_id", flat=True)
    )
    if area_ids:
        officer_ids |= set(
            UserRole.objects.filter(
                role__in=permissions.SERVICE_ROLES, service_area_id__in=area_ids
            ).values_list("user_id", flat=True)
        )
    people = User.objects.filter(Q(pk__in=officer_ids), is_active=True)
    if enquiry.is_sensitive:
        named = set(enquiry.named_viewers.values_list("pk", flat=True))
        return [user for user in people if user.pk in named] + [
            user for user in support_team() if user.pk in named
        ]
    team = {user.pk: user for user in people}
    for user in support_team():
        team.setdefault(user.pk, user)
    return list(team.values())


@transaction.atomic
def member_reply(
    *,
    actor: User,
    enquiry: Enquiry,
    body: str,
    uploads: Iterable[UploadedFile] = (),
    request: HttpRequest | None = None,
) -> Enquiry:
    """The member's reply. Waiting for the member: the clock restarts and the enquiry goes back
    to the service. An answer within the follow-up window: the enquiry reopens."""
    enquiry = Enquiry.unrestricted.select_for_update().get(pk=enquiry.pk)
    if not permissions.is_members_side(actor, enquiry):
        raise PermissionDenied("Only the member's side replies")
    if not can_reply(enquiry):
        raise ValidationError({"body": ["You can no longer reply to this enquiry"]})
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": ["Enter your reply"]})
    checked = uploads_validate(uploads)

    reopened = enquiry.status == EnquiryStatus.ANSWERED
    if enquiry.status == EnquiryStatus.AWAITING_MEMBER:
        from .service_level import clock_resume

        clock_resume(enquiry=enquiry)
    enquiry.status = EnquiryStatus.IN_PROGRESS
    if reopened:
        enquiry.follow_up_until = None
    enquiry.save()
    for upload, content_type in checked:
        enquiry_attachment_store(
            actor=actor, enquiry=enquiry, upload=upload, content_type=content_type
        )
    event_add(enquiry=enquiry, kind=EventKind.MEMBER_REPLIED, body=body, author=actor)
    if reopened:
        event_add(
            enquiry=enquiry,
            kind=EventKind.REOPENED,
            body="Reopened by the member's follow-up",
            author=actor,
        )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=enquiry,
        label=enquiry.reference,
        detail="Member replied",
        request=request,
    )
    from councillor_hub.notifications.services import notify

    notify(
        recipients=[user for user in enquiry_team(enquiry) if user.pk != actor.pk],
        title=f"The member has replied on enquiry {enquiry.reference}",
        url=reverse("enquiries:enquiry_detail", args=[enquiry.reference]),
    )
    return enquiry


@transaction.atomic
def enquiry_rate(
    *,
    actor: User,
    enquiry: Enquiry,
    rating: int,
    comment: str = "",
    request: HttpRequest | None = None,
) -> Enquiry:
    """The member rates the answer, once (1 poor to 5 very good)."""
    enquiry = Enquiry.unrestricted.select_for_update().get(pk=enquiry.pk)
    if not permissions.is_members_side(actor, enquiry):
        raise PermissionDenied("Only the member's side rates the answer")
    if enquiry.answered_at is None:
        raise ValidationError({"rating": ["You can rate the answer once you have it"]})
    if enquiry.rated_at is not None:
        raise ValidationError({"rating": ["You have already rated this answer"]})
    if rating not in range(1, 6):
        raise ValidationError({"rating": ["Select a rating from 1 to 5"]})
    enquiry.rating = rating
    enquiry.rating_comment = (comment or "").strip()
    enquiry.rated_at = timezone.now()
    enquiry.save()
    event_add(
        enquiry=enquiry,
        kind=EventKind.RATED,
        body=f"Rated {rating} out of 5",
        author=actor,
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=enquiry,
        label=enquiry.reference,
        detail="Member rated the answer",
        request=request,
    )
    return enquiry
