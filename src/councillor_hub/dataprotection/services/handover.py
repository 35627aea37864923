"""End of term and boundary changes: a councillor hands over their casework before their access
ends, and the retention sweep reminds them and then anonymises whatever is left.

For each case the councillor chooses one of three things:

- transfer it to another councillor (a named successor or a ward colleague), only where every
  constituent on it has agreed, and that agreement is recorded (a HANDOVER consent record);
- pass it to the council as an enquiry (with a constituent's details only where they agreed
  to that), then delete the councillor's copy;
- destroy it.

Every function re-checks permission (PermissionDenied) and runs in one transaction. Transfers
of several cases to one person run together, so a constituent on all of them is moved once
rather than copied and then moved (two records of one person for the recipient).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.models import CouncillorProfile, User
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    CaseShare,
    ConsentPurpose,
    ConsentRecord,
    Constituent,
    EntryKind,
    TimelineEntry,
)
from councillor_hub.casework.services.constituents import constituent_label
from councillor_hub.enquiries.models import Enquiry, SensitiveReason
from councillor_hub.enquiries.services.raising import CONSTITUENT_FIELDS, enquiry_create
from councillor_hub.notifications.services import notify

from .. import permissions
from ..models import AccessEndReminder, RetentionReview
from .destruction import Reason, case_anonymise, case_destroy

__all__ = [
    "TransferOutcome",
    "anonymise_after_access_ended",
    "case_pass_to_council",
    "case_transfer",
    "cases_transfer",
    "handover_destroy",
    "handover_reminders_send",
]

# Fields of a constituent record copied for a recipient (everything but identity and owner).
_COPY_EXCLUDE = {"id", "owner", "created_at", "updated_at"}


def _name(user: User) -> str:
    return f"Cllr {user.full_name or user.email}"


def _refusal(case: Case, why: str) -> PermissionDenied:
    return PermissionDenied(f"{case.reference}: {why}")


def _require_handover(actor: User) -> None:
    if not permissions.can_hand_over(actor):
        raise PermissionDenied("You cannot hand over casework")


def _locked_own_case(actor: User, case: Case) -> Case:
    """The case, locked for the change, if it is still the actor's and still holds personal
    data."""
    locked = Case.unrestricted.select_for_update().filter(pk=case.pk).first()
    if locked is None:
        raise _refusal(case, "the case no longer exists")
    if locked.owner_id != actor.pk:
        raise _refusal(case, "only the councillor who owns a case can hand it over")
    if locked.is_anonymised:
        raise _refusal(case, "the case has already been anonymised")
    return locked


# --- Transfer ------------------------------------------------------------------------------


@dataclass
class TransferOutcome:
    """What a transfer of several cases did: the cases moved and, by reference, why the
    others were refused."""

    transferred: list[Case] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


def _transfer_refusal(actor: User, case: Case, recipient: User) -> str | None:
    if case.owner_id != actor.pk:
        return "only the councillor who owns a case can hand it over"
    if case.is_anonymised:
        return "the case has already been anonymised"
    if permissions.handover_consent_missing(case):
        return (
            "not every constituent on the case has agreed to a handover. "
            "Record their agreement on the constituent's page first"
        )
    if not permissions.can_transfer_case(actor, case, recipient):
        return "you cannot transfer this case to that person"
    return None


def _copy_constituent(original: Constituent, *, recipient: User) -> Constituent:
    values = {
        f.attname: getattr(original, f.attname)
        for f in Constituent._meta.concrete_fields
        if f.name not in _COPY_EXCLUDE
    }
    copy = Constituent.unrestricted.create(owner=recipient, **values)
    ConsentRecord.unrestricted.bulk_create(
        ConsentRecord(
            constituent=copy,
            purpose=record.purpose,
            given=record.given,
            method=record.method,
            recorded_at=record.recorded_at,
            recorded_by_id=record.recorded_by_id,
            note=record.note,
        )
        for record in ConsentRecord.unrestricted.filter(constituent=original).order_by(
            "recorded_at", "id"
        )
    )
    return copy


def _move_constituents(*, actor: User, cases: list[Case], recipient: User) -> None:
    """Give the recipient the constituent records of `cases`: a record none of whose other
    cases stay behind moves to them; one still on a case staying behind is copied (with its
    consent records) and the transferred cases relinked to the copy."""
    case_ids = [case.pk for case in cases]
    constituent_ids = set(
        CaseConstituent.unrestricted.filter(case_id__in=case_ids).values_list(
            "constituent_id", flat=True
        )
    )
    staying = set(
        CaseConstituent.unrestricted.filter(constituent_id__in=constituent_ids)
        .exclude(case_id__in=case_ids)
        .values_list("constituent_id", flat=True)
    )
    for constituent in Constituent.unrestricted.select_for_update().filter(pk__in=constituent_ids):
        if constituent.owner_id == recipient.pk:
            continue
        former_owner = constituent.owner
        if constituent.pk not in staying and constituent.owner_id == actor.pk:
            constituent.owner = recipient
            constituent.save()
            detail = f"Constituent record handed over to user #{recipient.pk}"
            for controller in (former_owner, recipient):
                audit_record(
                    actor=actor,
                    action=Action.TRANSFER,
                    obj=constituent,
                    label=constituent_label(constituent),
                    data_controller=controller,
                    detail=detail,
                )
            continue
        copy = _copy_constituent(constituent, recipient=recipient)
        CaseConstituent.unrestricted.filter(case_id__in=case_ids, constituent=constituent).update(
            constituent=copy
        )
        audit_record(
            actor=actor,
            action=Action.TRANSFER,
            obj=constituent,
            label=constituent_label(constituent),
            data_controller=former_owner,
            detail=f"Constituent record copied for user #{recipient.pk} "
            f"as {constituent_label(copy)}",
        )
        audit_record(
            actor=actor,
            action=Action.TRANSFER,
            obj=copy,
            label=constituent_label(copy),
            data_controller=recipient,
            detail=f"Copy of {constituent_label(constituent)} received from user #{actor.pk}",
        )


def _transfer_one(*, actor: User, case: Case, recipient: User, now) -> Case:
    for share in CaseShare.unrestricted.filter(case=case, revoked_at__isnull=True):
        share.revoked_at = now
        share.revoked_by = actor
        share.save(update_fields=["revoked_at", "revoked_by"])
        audit_record(
            actor=actor,
            action=Action.UNSHARE,
            obj=share,
            label=case.reference,
            data_controller=actor,
            detail=f"Sharing with user #{share.colleague_id} ended by the handover",
        )
    # Tags are the former owner's own labels; the recipient has their own.
    case.tags.clear()
    case.owner = recipient
    case.save()
    # Reviews still to be decided pass to the new controller with the case.
    RetentionReview.unrestricted.filter(case=case, done_at__isnull=True).update(owner=recipient)
    TimelineEntry.unrestricted.create(
        case=case,
        kind=EntryKind.SHARING,
        body=f"Case handed over from {_name(actor)} to {_name(recipient)}",
        occurred_at=now,
        author=actor,
    )
    audit_record(
        actor=actor,
        action=Action.TRANSFER,
        obj=case,
        label=case.reference,
        data_controller=actor,
        detail=f"Case handed over to user #{recipient.pk}",
    )
    audit_record(
        actor=actor,
        action=Action.TRANSFER,
        obj=case,
        label=case.reference,
        data_controller=recipient,
        detail=f"Case received from user #{actor.pk}",
    )
    return case


def _notify_recipient(*, actor: User, recipient: User, cases: list[Case]) -> None:
    if len(cases) == 1:
        title = f"Case {cases[0].reference} has been handed over to you by {_name(actor)}"
        url = reverse("casework:case_detail", args=[cases[0].reference])
    else:
        title = f"{len(cases)} cases have been handed over to you by {_name(actor)}"
        url = reverse("casework:case_list")
    notify(recipients=[recipient], title=title, url=url)


@transaction.atomic
def cases_transfer(*, actor: User, cases: Iterable[Case], recipient: User) -> TransferOutcome:
    """Transfer the actor's cases to `recipient` together (one transaction). A case where not
    every constituent has agreed to a handover is refused (named in `refused`) and left as it
    was; the rest move. Raises PermissionDenied when the actor may not hand over at all or
    the recipient may not receive cases."""
    _require_handover(actor)
    if not permissions.handover_recipients(actor).filter(pk=recipient.pk).exists():
        raise PermissionDenied("That person cannot receive cases")
    outcome = TransferOutcome()
    allowed: list[Case] = []
    for case in cases:
        locked = Case.unrestricted.select_for_update().filter(pk=case.pk).first()
        if locked is None:
            outcome.refused[case.reference] = "the case no longer exists"
            continue
        why = _transfer_refusal(actor, locked, recipient)
        if why:
            outcome.refused[locked.reference] = why
        else:
            allowed.append(locked)
    if not allowed:
        return outcome
    _move_constituents(actor=actor, cases=allowed, recipient=recipient)
    now = timezone.now()
    for case in allowed:
        outcome.transferred.append(
            _transfer_one(actor=actor, case=case, recipient=recipient, now=now)
        )
    _notify_recipient(actor=actor, recipient=recipient, cases=outcome.transferred)
    return outcome


@transaction.atomic
def case_transfer(*, actor: User, case: Case, recipient: User) -> Case:
    """Transfer one case to `recipient` (a named successor or a ward colleague). Refused with
    PermissionDenied, changing nothing, unless every constituent on it has agreed to a
    handover (their latest HANDOVER consent record says yes)."""
    outcome = cases_transfer(actor=actor, cases=[case], recipient=recipient)
    if outcome.refused:
        reference, why = next(iter(outcome.refused.items()))
        raise PermissionDenied(f"{reference}: {why}")
    return outcome.transferred[0]


# --- Pass to the council, destroy ------------------------------------------------------


def _pass_to_council_consenting(case: Case) -> Constituent | None:
    """The first constituent on the case (in the order they were added) whose latest word on
    passing their details to the council is a recorded yes."""
    for link in (
        CaseConstituent.unrestricted.filter(case=case)
        .select_related("constituent")
        .order_by("added_at", "id")
    ):
        latest = (
            ConsentRecord.unrestricted.filter(
                constituent_id=link.constituent_id, purpose=ConsentPurpose.PASS_TO_COUNCIL
            )
            .order_by("-recorded_at", "-id")
            .first()
        )
        if latest is not None and latest.given:
            return link.constituent
    return None


PASSED_ON_NOTE = "Passed to the council from the councillor's casework at the end of their term."


@transaction.atomic
def case_pass_to_council(*, actor: User, case: Case) -> Enquiry:
    """Raise a council enquiry from the case (subject, description, category and ward; a
    constituent's name and contact details only where they agreed to their details being
    passed to the council; marked sensitive if the case holds special category data), then
    delete the councillor's case. Returns the enquiry.

    The enquiry can hold one person's details; where several constituents agreed, the first
    one added to the case is named."""
    _require_handover(actor)
    case = _locked_own_case(actor, case)
    consenting = _pass_to_council_consenting(case)
    description = (case.description or case.title).strip()
    enquiry = enquiry_create(
        actor=actor,
        member=actor,
        service_area=case.category,
        subject=case.title,
        description=f"{description}\n\n{PASSED_ON_NOTE}",
        ward=case.ward,
        case=case,
        case_constituent=consenting,
        case_share=tuple(CONSTITUENT_FIELDS) if consenting is not None else (),
        # Special category data on the case: the council restricts the enquiry to named
        # officers.
        is_sensitive=case.has_special_category_data,
        sensitive_reason=SensitiveReason.PERSONAL if case.has_special_category_data else "",
    )
    audit_record(
        actor=actor,
        action=Action.TRANSFER,
        obj=case,
        label=case.reference,
        data_controller=actor,
        detail=f"Case passed to the council as enquiry {enquiry.reference}"
        + (" with a constituent's details" if consenting else " without constituent details"),
    )
    case_destroy(case=case, actor=actor, reason=Reason.HANDOVER)
    enquiry.refresh_from_db()
    return enquiry


@transaction.atomic
def handover_destroy(*, actor: User, case: Case) -> None:
    """Delete one of the actor's cases at handover (through the one destruction service)."""
    _require_handover(actor)
    case = _locked_own_case(actor, case)
    case_destroy(case=case, actor=actor, reason=Reason.HANDOVER)


# --- The scheduled sweep: reminders, then anonymising what is left --------------------------


def _access_days() -> timedelta:
    return timedelta(days=settings.CASEWORK_ACCESS_DAYS_AFTER_TERM)


def handover_reminders_send(*, today: date) -> int:
    """Remind each councillor whose casework access ends soon (settings.HANDOVER_REMINDER_DAYS
    days before, e.g. 14, 7 and 1) to hand over their cases. Each reminder goes once
    (an AccessEndReminder row each); when the sweep has missed days and several are due at
    once, the councillor gets one message and every due reminder is marked sent. Returns the
    number of messages sent, so a second run the same day returns 0."""
    reminder_days = sorted({int(days) for days in settings.HANDOVER_REMINDER_DAYS if days >= 0})
    if not reminder_days:
        return 0
    access = _access_days()
    profiles = CouncillorProfile.objects.filter(
        term_end__isnull=False,
        # Access not yet ended: it ends on term_end + N days, today or later ...
        term_end__gte=today - access,
        # ... and within the longest reminder period.
        term_end__lte=today - access + timedelta(days=reminder_days[-1]),
        user__is_active=True,
    ).select_related("user")
    sent = 0
    url = reverse("dataprotection:handover")
    for profile in profiles:
        ends_on = profile.term_end + access
        days_left = (ends_on - today).days
        created = []
        for days in reminder_days:
            if days_left > days:
                continue
            try:
                with transaction.atomic():
                    _, new = AccessEndReminder.objects.get_or_create(
                        councillor=profile.user, access_ends_on=ends_on, days_before=days
                    )
            except IntegrityError:  # another sweep recorded it at the same moment
                new = False
            if new:
                created.append(days)
        if created:
            notify(
                recipients=[profile.user],
                title=f"Your casework access ends on {ends_on.day} {ends_on:%B %Y}: "
                "hand over your cases",
                url=url,
            )
            sent += 1
    return sent


def anonymise_after_access_ended(*, today: date) -> int:
    """Anonymise every case still holding personal data whose owner's casework access has
    ended (term end + settings.CASEWORK_ACCESS_DAYS_AFTER_TERM days before `today`). Each
    case is its own transaction; running again finds nothing left. Returns the count."""
    cutoff = today - _access_days()
    owners = CouncillorProfile.objects.filter(term_end__isnull=False, term_end__lt=cutoff)
    count = 0
    for case in Case.unrestricted.filter(
        owner_id__in=owners.values("user_id"), anonymised_at__isnull=True
    ).order_by("pk"):
        case_anonymise(case=case, actor=None, reason=Reason.ACCESS_ENDED)
        count += 1
    return count
