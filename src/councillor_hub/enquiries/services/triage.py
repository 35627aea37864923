"""The member support team's triage decisions: redirect to another process, mark as a
duplicate, ask the member for more information, or accept and route to one or more service
teams, officers and partner organisations with one lead.

Every decision re-checks `permissions.can_triage`, writes an event and an audit record, and
tells the member. Notifications name the enquiry by reference only."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.accounts.roles import Role
from councillor_hub.audit.models import Action
from councillor_hub.core.models import ServiceArea
from councillor_hub.directory.models import ContactKind, OutOfHoursContact, PartnerOrganisation
from councillor_hub.notifications.services import email_address, notify

from .. import permissions
from ..models import (
    OPEN_STATUSES,
    Enquiry,
    EnquiryAssignment,
    EnquiryCategory,
    EnquiryStatus,
    EventKind,
    RedirectProcess,
    SensitiveReason,
    Urgency,
)
from . import service_level
from .enquiry_audit import audit_enquiry
from .events import event_add

# Decisions other than "accept and route" are made before the service starts work on it.
UNTRIAGED_STATUSES = [EnquiryStatus.NEW, EnquiryStatus.AWAITING_MEMBER]
ROUTABLE_STATUSES = [EnquiryStatus.NEW, EnquiryStatus.AWAITING_MEMBER, EnquiryStatus.IN_PROGRESS]

Holder = ServiceArea | User | PartnerOrganisation


def member_url(enquiry: Enquiry) -> str:
    return reverse("enquiries:enquiry_detail", args=[enquiry.reference])


def _check(actor, enquiry: Enquiry, statuses) -> None:
    if not permissions.can_triage(actor, enquiry):
        raise PermissionDenied
    if enquiry.status not in statuses:
        raise ValidationError(
            f"Enquiry {enquiry.reference} is {enquiry.get_status_display().lower()}: "
            "it cannot be triaged now"
        )


def _audit(actor, enquiry: Enquiry, detail: str, request) -> None:
    audit_enquiry(
        actor=actor,
        action=Action.UPDATE,
        enquiry=enquiry,
        detail=detail,
        request=request,
    )


def _tell_member(enquiry: Enquiry, what: str) -> None:
    notify(
        recipients=[enquiry.member],
        title=f"Enquiry {enquiry.reference} {what}",
        url=member_url(enquiry),
    )


@transaction.atomic
def enquiry_redirect(
    *, actor, enquiry: Enquiry, process: RedirectProcess | str, note: str, request=None
) -> Enquiry:
    """Send the member to the process that handles this (a statutory complaint, a freedom of
    information request...), with a note saying how. Never dropped silently."""
    _check(actor, enquiry, UNTRIAGED_STATUSES)
    note = (note or "").strip()
    if process not in RedirectProcess.values:
        raise ValidationError({"process": "Select the process that handles this"})
    if not note:
        raise ValidationError({"note": "Enter a note to the member saying where to go"})
    enquiry.redirect_process = process
    enquiry.redirect_note = note
    enquiry.status = EnquiryStatus.REDIRECTED
    enquiry.triaged_at = timezone.now()
    enquiry.paused_at = None
    enquiry.closed_at = enquiry.triaged_at
    enquiry.save()
    event_add(
        enquiry=enquiry,
        kind=EventKind.REDIRECTED,
        body=f"{RedirectProcess(process).label}. {note}",
        author=actor,
    )
    _audit(actor, enquiry, "redirected", request)
    _tell_member(enquiry, "has been redirected to another process")
    return enquiry


@transaction.atomic
def enquiry_mark_duplicate(
    *, actor, enquiry: Enquiry, duplicate_of: Enquiry, request=None
) -> Enquiry:
    """Close an enquiry as the same as another open one; the member follows the other."""
    _check(actor, enquiry, UNTRIAGED_STATUSES)
    if duplicate_of.pk == enquiry.pk:
        raise ValidationError({"duplicate_of": "An enquiry cannot be a duplicate of itself"})
    if duplicate_of.status not in OPEN_STATUSES:
        raise ValidationError({"duplicate_of": "Choose an enquiry that is still open"})
    if not permissions.can_view(actor, duplicate_of):
        raise PermissionDenied
    enquiry.duplicate_of = duplicate_of
    enquiry.status = EnquiryStatus.DUPLICATE
    enquiry.triaged_at = timezone.now()
    enquiry.paused_at = None
    enquiry.closed_at = enquiry.triaged_at
    enquiry.save()
    event_add(
        enquiry=enquiry,
        kind=EventKind.DUPLICATE,
        body=(
            f"This is the same as enquiry {duplicate_of.reference}, which is already with "
            "the council. We will answer it there."
        ),
        author=actor,
    )
    _audit(actor, enquiry, f"duplicate of {duplicate_of.reference}", request)
    _tell_member(enquiry, f"is a duplicate of {duplicate_of.reference}")
    return enquiry


@transaction.atomic
def enquiry_request_information(*, actor, enquiry: Enquiry, question: str, request=None) -> Enquiry:
    """Ask the member a question. The service level clock stops until they reply."""
    _check(actor, enquiry, ROUTABLE_STATUSES)
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": "Enter what you need to know from the member"})
    if enquiry.paused_at is None:
        service_level.clock_pause(enquiry=enquiry)
    enquiry.status = EnquiryStatus.AWAITING_MEMBER
    enquiry.save()
    event_add(enquiry=enquiry, kind=EventKind.INFO_REQUESTED, body=question, author=actor)
    _audit(actor, enquiry, "more information requested", request)
    _tell_member(enquiry, "needs more information from you")
    return enquiry


def holder_label(holder: Holder) -> str:
    """How the member sees who holds their enquiry."""
    if isinstance(holder, ServiceArea):
        return f"the {holder.name} team"
    if isinstance(holder, User):
        return holder.full_name or holder.email
    return str(holder)


def safeguarding_contact(*, service_area: ServiceArea | None) -> OutOfHoursContact | None:
    """The service's own safeguarding contact, or the council-wide one."""
    contacts = OutOfHoursContact.objects.filter(
        Q(service_area=service_area) | Q(service_area__isnull=True),
        kind=ContactKind.SAFEGUARDING,
        is_active=True,
    ).order_by("service_area", "name")
    # NULLs sort first on some databases and last on others: prefer the service's own.
    contacts = list(contacts)
    own = [c for c in contacts if c.service_area_id == getattr(service_area, "pk", None)]
    return (own or contacts or [None])[0]


def _assignee_users(enquiry: Enquiry, areas, officers) -> list[User]:
    """Who to tell about the assignment: named officers, and the service officers of each
    assigned area. A sensitive enquiry goes only to people named on it."""
    users = {officer.pk: officer for officer in officers}
    if areas:
        for user in User.objects.filter(
            is_active=True,
            roles__role=Role.SERVICE_OFFICER,
            roles__service_area__in=areas,
        ).distinct():
            users.setdefault(user.pk, user)
    if enquiry.is_sensitive:
        allowed = set(enquiry.named_viewers.values_list("pk", flat=True))
        return [user for pk, user in users.items() if pk in allowed]
    return list(users.values())


@transaction.atomic
def enquiry_route(
    *,
    actor,
    enquiry: Enquiry,
    service_area: ServiceArea,
    category: EnquiryCategory | None,
    urgency: Urgency | str,
    service_areas: Iterable[ServiceArea] = (),
    officers: Iterable[User] = (),
    partners: Iterable[PartnerOrganisation] = (),
    lead: Holder,
    is_sensitive: bool = False,
    sensitive_reason: SensitiveReason | str = "",
    named_viewers: Iterable[User] = (),
    request=None,
) -> Enquiry:
    """Accept the enquiry and route it: confirm the service area and category, set the
    urgency, assign it to teams, officers and partners with one lead, start the service level
    clock and acknowledge it to the member, naming who holds it."""
    _check(actor, enquiry, ROUTABLE_STATUSES)
    areas, officers, partners = list(service_areas), list(officers), list(partners)
    named_viewers = list(named_viewers)
    errors: dict[str, str] = {}
    if urgency not in Urgency.values:
        errors["urgency"] = "Select the urgency"
    if category is not None and category.service_area_id != service_area.pk:
        errors["category"] = f"Select a category in {service_area.name}"
    if not (areas or officers or partners):
        errors["service_areas"] = "Select at least one team, officer or partner to assign it to"
    elif lead not in [*areas, *officers, *partners]:
        errors["lead"] = "Select a lead from the teams, officers and partners you chose"
    service_ids = set(permissions.SERVICE_ROLES)
    for officer in officers:
        if not officer.is_active or not (officer.role_set & service_ids):
            errors["officers"] = "Select officers who work in a service"
    if is_sensitive:
        if sensitive_reason not in SensitiveReason.values:
            errors["sensitive_reason"] = "Select why the enquiry is sensitive"
        if not named_viewers:
            errors["named_viewers"] = "Select the people who may see this sensitive enquiry"
    if errors:
        raise ValidationError(errors)

    now = timezone.now()
    first_triage = enquiry.triaged_at is None or enquiry.status == EnquiryStatus.NEW
    enquiry.service_area = service_area
    enquiry.category = category
    enquiry.urgency = urgency
    enquiry.is_sensitive = bool(is_sensitive)
    enquiry.sensitive_reason = sensitive_reason if is_sensitive else ""
    if enquiry.paused_at is not None:
        service_level.clock_resume(enquiry=enquiry)
    enquiry.status = EnquiryStatus.IN_PROGRESS
    enquiry.triaged_at = enquiry.triaged_at or now
    if enquiry.due_at is None or first_triage:
        enquiry.due_at = service_level.due_at_for(enquiry=enquiry)
    acknowledge = enquiry.acknowledged_at is None
    if acknowledge:
        enquiry.acknowledged_at = now
    enquiry.save()

    contact = None
    if is_sensitive:
        # The team member who marks it and the officers named on it keep sight of it.
        viewers = {user.pk: user for user in [*named_viewers, *officers, actor]}
        if sensitive_reason == SensitiveReason.SAFEGUARDING:
            contact = safeguarding_contact(service_area=service_area)
            if contact is not None and contact.email:
                user = User.objects.filter(email__iexact=contact.email, is_active=True).first()
                if user is not None:
                    viewers.setdefault(user.pk, user)
        enquiry.named_viewers.set(viewers.values())

    EnquiryAssignment.unrestricted.filter(enquiry=enquiry, removed_at__isnull=True).update(
        removed_at=now
    )
    for kind, holders in (("service_area", areas), ("officer", officers), ("partner", partners)):
        for holder in holders:
            EnquiryAssignment.unrestricted.create(
                enquiry=enquiry,
                is_lead=holder == lead,
                assigned_by=actor,
                assigned_at=now,
                **{kind: holder},
            )
    names = [holder_label(h) for h in [*areas, *officers, *partners]]
    event_add(
        enquiry=enquiry,
        kind=EventKind.TRIAGED,
        body=(
            f"Urgency: {Urgency(urgency).label}. Assigned to {', '.join(names)}. "
            f"Lead: {holder_label(lead)}."
        ),
        author=actor,
        visible_to_member=False,
    )
    if acknowledge:
        event_add(
            enquiry=enquiry,
            kind=EventKind.ACKNOWLEDGED,
            body=f"Your enquiry is with {holder_label(lead)}.",
            author=actor,
        )
    _audit(actor, enquiry, "triaged and routed", request)

    assignees = [u for u in _assignee_users(enquiry, areas, officers) if u.pk != actor.pk]
    if assignees:
        notify(
            recipients=assignees,
            title=f"Enquiry {enquiry.reference} has been assigned to you",
            url=member_url(enquiry),
        )
    if contact is not None:
        _tell_safeguarding_contact(actor=actor, enquiry=enquiry, contact=contact)
    if acknowledge:
        _tell_member(enquiry, "has been acknowledged")
    return enquiry


def _tell_safeguarding_contact(*, actor, enquiry: Enquiry, contact: OutOfHoursContact) -> None:
    """A safeguarding concern goes to the safeguarding contact: by reference and link only."""
    event_add(
        enquiry=enquiry,
        kind=EventKind.NOTE,
        body=f"Safeguarding concern routed to {contact.name}.",
        author=actor,
        visible_to_member=False,
    )
    email_address(
        to=contact.email,
        title=f"Safeguarding concern: enquiry {enquiry.reference} has been routed to you",
        url=member_url(enquiry),
    )


@transaction.atomic
def enquiry_note_add(*, actor, enquiry: Enquiry, body: str, request=None):
    """An internal note between officers; the member does not see it."""
    if not permissions.can_draft_response(actor, enquiry):
        raise PermissionDenied
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": "Enter the note"})
    event = event_add(
        enquiry=enquiry, kind=EventKind.NOTE, body=body, author=actor, visible_to_member=False
    )
    _audit(actor, enquiry, "internal note added", request)
    return event
