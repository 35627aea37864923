"""Changes to induction and DBS tracking. Each service re-checks permission (raising
PermissionDenied), validates (raising ValidationError in GOV.UK wording), records an audit
event labelled by record type and id only (never a name, note or date) and keeps history
through simple_history."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.learning.validity import add_months
from councillor_hub.notifications.services import notify

from .models import (
    ChecklistItem,
    ChecklistProgress,
    DateKind,
    DbsCheck,
    DbsState,
    DerivedFrom,
    Intake,
    IntakeDate,
    IntakeKind,
    MemberInduction,
)
from .permissions import can_manage_induction
from .selectors import members_in_office, officers

# A verified check is renewed this many years later unless another date is given.
DBS_RENEWAL_YEARS = 3

# Sent to a member added to an intake (no personal content in a notification's title).
NEW_MEMBER_TITLE = "Welcome: your induction checklist and key dates are ready"

TITLE_ERROR = "Enter the title"
NAME_ERROR = "Enter the name of the intake"
NAME_TAKEN_ERROR = "There is already an intake with this name"
KIND_ERROR = "Select whether this is an election or a by-election"
ELECTION_DATE_ERROR = "Enter the date of the election"
DATE_KIND_ERROR = "Select whether this is a key date or a programme event"
DATE_ERROR = "Enter the date"
MEMBERS_ERROR = "Select at least one member to add"
NOT_A_MEMBER_ERROR = "Select members from the list"
POLITICAL_BUDDY_ERROR = "Select a councillor from the list as political buddy"
OWN_BUDDY_ERROR = "A member cannot be their own political buddy"
OFFICER_BUDDY_ERROR = "Select an officer from the list as officer buddy"
DERIVED_ITEM_ERROR = "This item follows other records and cannot be ticked by hand"
DONE_ON_FUTURE_ERROR = "The date it was done must be today or in the past"
DBS_STATE_ERROR = "Select the state of the DBS check"
DBS_SUBMITTED_ERROR = "Enter the date the DBS check was submitted"
DBS_VERIFIED_ERROR = "Enter the date the DBS check was verified"
DBS_FUTURE_ERROR = "The date must be today or in the past"
DBS_ORDER_ERROR = "The date it was verified must be the same as or after the date it was submitted"
DBS_RENEWAL_ERROR = "The renewal date must be after the date it was verified"


def _check_manager(actor) -> None:
    if not can_manage_induction(actor):
        raise PermissionDenied("Only democratic services and administrators manage induction")


def _text(value) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def _history_user(obj, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        obj._history_user = actor


def _today(today):
    return today or timezone.localdate()


# --- Checklist items -----------------------------------------------------------------------


def _check_item(title: str, derived_from: str) -> None:
    errors = {}
    if not title:
        errors["title"] = TITLE_ERROR
    if derived_from not in DerivedFrom.values:
        errors["derived_from"] = "Select how the item is completed"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def checklist_item_create(
    *,
    actor,
    title: str,
    description: str = "",
    order: int | None = None,
    is_active: bool = True,
    derived_from: str = DerivedFrom.MANUAL,
) -> ChecklistItem:
    _check_manager(actor)
    title, derived_from = _text(title), derived_from or ""
    _check_item(title, derived_from)
    if order is None:
        last = ChecklistItem.objects.order_by("-order").values_list("order", flat=True).first()
        order = (last or 0) + 10
    item = ChecklistItem(
        title=title,
        description=_text(description),
        order=order,
        is_active=is_active,
        derived_from=derived_from,
    )
    _history_user(item, actor)
    item.save()
    audit_record(actor=actor, action=Action.CREATE, obj=item, label=f"Checklist item #{item.pk}")
    return item


@transaction.atomic
def checklist_item_update(
    *,
    actor,
    item: ChecklistItem,
    title: str,
    description: str = "",
    order: int = 0,
    is_active: bool = True,
    derived_from: str = DerivedFrom.MANUAL,
) -> ChecklistItem:
    _check_manager(actor)
    title, derived_from = _text(title), derived_from or ""
    _check_item(title, derived_from)
    item.title, item.description, item.order = title, _text(description), order
    item.is_active, item.derived_from = is_active, derived_from
    _history_user(item, actor)
    item.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=item, label=f"Checklist item #{item.pk}")
    return item


# --- Intakes -------------------------------------------------------------------------------


def _check_intake(*, name: str, kind: str, election_date, instance: Intake | None) -> None:
    errors = {}
    if not name:
        errors["name"] = NAME_ERROR
    elif (
        Intake.objects.filter(name__iexact=name).exclude(pk=getattr(instance, "pk", None)).exists()
    ):
        errors["name"] = NAME_TAKEN_ERROR
    if kind not in IntakeKind.values:
        errors["kind"] = KIND_ERROR
    if election_date is None:
        errors["election_date"] = ELECTION_DATE_ERROR
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def intake_create(
    *,
    actor,
    name: str,
    kind: str,
    election_date: datetime.date,
    public_summary: str = "",
    published_from: datetime.date | None = None,
) -> Intake:
    _check_manager(actor)
    name = _text(name)
    _check_intake(name=name, kind=kind, election_date=election_date, instance=None)
    intake = Intake(
        name=name,
        kind=kind,
        election_date=election_date,
        public_summary=_text(public_summary),
        published_from=published_from,
    )
    _history_user(intake, actor)
    intake.save()
    audit_record(actor=actor, action=Action.CREATE, obj=intake, label=f"Intake #{intake.pk}")
    return intake


@transaction.atomic
def intake_update(
    *,
    actor,
    intake: Intake,
    name: str,
    kind: str,
    election_date: datetime.date,
    public_summary: str = "",
    published_from: datetime.date | None = None,
) -> Intake:
    _check_manager(actor)
    name = _text(name)
    _check_intake(name=name, kind=kind, election_date=election_date, instance=intake)
    intake.name, intake.kind, intake.election_date = name, kind, election_date
    intake.public_summary, intake.published_from = _text(public_summary), published_from
    _history_user(intake, actor)
    intake.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=intake, label=f"Intake #{intake.pk}")
    return intake


def _check_date(*, kind: str, title: str, on) -> None:
    errors = {}
    if kind not in DateKind.values:
        errors["kind"] = DATE_KIND_ERROR
    if not title:
        errors["title"] = TITLE_ERROR
    if on is None:
        errors["on"] = DATE_ERROR
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def intake_date_save(
    *,
    actor,
    intake: Intake,
    kind: str,
    title: str,
    on: datetime.date,
    time: str = "",
    location: str = "",
    description: str = "",
    date: IntakeDate | None = None,
) -> IntakeDate:
    """Add a key date or programme event to `intake`, or change `date` (one of its own)."""
    _check_manager(actor)
    title = _text(title)
    _check_date(kind=kind, title=title, on=on)
    if date is not None and date.intake_id != intake.pk:
        raise PermissionDenied("The date belongs to another intake")
    creating = date is None
    date = date or IntakeDate(intake=intake)
    date.kind, date.title, date.on = kind, title, on
    date.time, date.location, date.description = _text(time), _text(location), _text(description)
    _history_user(date, actor)
    date.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        obj=date,
        label=f"Intake #{intake.pk} date #{date.pk}",
    )
    return date


@transaction.atomic
def intake_date_delete(*, actor, date: IntakeDate) -> None:
    _check_manager(actor)
    label = f"Intake #{date.intake_id} date #{date.pk}"
    pk = date.pk
    _history_user(date, actor)
    date.delete()
    audit_record(
        actor=actor,
        action=Action.DELETE,
        object_type=IntakeDate._meta.label_lower,
        object_id=pk,
        label=label,
    )


# --- Members in an intake ------------------------------------------------------------------


@transaction.atomic
def intake_members_add(
    *, actor, intake: Intake, members: Iterable[User], today: datetime.date | None = None
) -> list[MemberInduction]:
    """Add members in office to `intake` (those already in it are skipped). Returns the new
    inductions."""
    _check_manager(actor)
    members = list(members)
    if not members:
        raise ValidationError({"members": MEMBERS_ERROR})
    allowed = set(members_in_office(_today(today)).values_list("pk", flat=True))
    if any(member.pk not in allowed for member in members):
        raise ValidationError({"members": NOT_A_MEMBER_ERROR})
    already = set(intake.inductions.values_list("member_id", flat=True))
    created = []
    for member in members:
        if member.pk in already:
            continue
        induction = MemberInduction(intake=intake, member=member)
        _history_user(induction, actor)
        induction.save()
        already.add(member.pk)
        created.append(induction)
        audit_record(
            actor=actor,
            action=Action.CREATE,
            obj=induction,
            label=f"Induction #{induction.pk}",
        )
    if created:
        recipients = [induction.member for induction in created]
        transaction.on_commit(
            lambda: notify(
                recipients=recipients,
                title=NEW_MEMBER_TITLE,
                url=reverse("induction:home"),
            )
        )
    return created


@transaction.atomic
def induction_buddies_set(
    *,
    actor,
    induction: MemberInduction,
    political_buddy: User | None,
    officer_buddy: User | None,
    today: datetime.date | None = None,
) -> MemberInduction:
    _check_manager(actor)
    errors = {}
    if political_buddy is not None:
        if political_buddy.pk == induction.member_id:
            errors["political_buddy"] = OWN_BUDDY_ERROR
        elif not members_in_office(_today(today)).filter(pk=political_buddy.pk).exists():
            errors["political_buddy"] = POLITICAL_BUDDY_ERROR
    if officer_buddy is not None and not officers().filter(pk=officer_buddy.pk).exists():
        errors["officer_buddy"] = OFFICER_BUDDY_ERROR
    if errors:
        raise ValidationError(errors)
    induction.political_buddy, induction.officer_buddy = political_buddy, officer_buddy
    _history_user(induction, actor)
    induction.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=induction,
        label=f"Induction #{induction.pk}",
        detail="Buddies",
    )
    return induction


@transaction.atomic
def progress_record(
    *,
    actor,
    induction: MemberInduction,
    item: ChecklistItem,
    done: bool,
    done_on: datetime.date | None = None,
    note: str = "",
    today: datetime.date | None = None,
) -> ChecklistProgress | None:
    """Mark `item` done (on `done_on`, today if not given, with a note) or not done for the
    member's induction. Returns the progress row, or None when it is not done."""
    _check_manager(actor)
    if not item.is_manual:
        raise ValidationError(DERIVED_ITEM_ERROR)
    today = _today(today)
    existing = ChecklistProgress.objects.filter(induction=induction, item=item).first()
    if not done:
        if existing is not None:
            _history_user(existing, actor)
            pk = existing.pk
            existing.delete()
            audit_record(
                actor=actor,
                action=Action.DELETE,
                object_type=ChecklistProgress._meta.label_lower,
                object_id=pk,
                label=f"Induction #{induction.pk}",
                detail=f"Item #{item.pk} not done",
            )
        return None
    done_on = done_on or (existing.done_on if existing else today)
    if done_on > today:
        raise ValidationError({"done_on": DONE_ON_FUTURE_ERROR})
    progress = existing or ChecklistProgress(induction=induction, item=item)
    changed = existing is None or (progress.done_on, progress.note) != (done_on, _text(note))
    if not changed:
        return progress
    progress.done_on, progress.note = done_on, _text(note)
    progress.done_by = actor
    _history_user(progress, actor)
    progress.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if existing is None else Action.UPDATE,
        obj=progress,
        label=f"Induction #{induction.pk}",
        detail=f"Item #{item.pk} done",
    )
    return progress


@transaction.atomic
def progress_tick(
    *,
    actor,
    induction: MemberInduction,
    done_item_ids: set[int],
    today: datetime.date | None = None,
) -> tuple[int, int]:
    """Set which of the active hand-ticked items are done for the member, from a checklist
    form: newly ticked items are done today, unticked ones are no longer done. Returns
    (ticked, unticked) counts."""
    _check_manager(actor)
    items = list(ChecklistItem.objects.filter(is_active=True, derived_from=DerivedFrom.MANUAL))
    done_now = set(induction.progress.values_list("item_id", flat=True))
    ticked = unticked = 0
    for item in items:
        if item.pk in done_item_ids and item.pk not in done_now:
            progress_record(actor=actor, induction=induction, item=item, done=True, today=today)
            ticked += 1
        elif item.pk not in done_item_ids and item.pk in done_now:
            progress_record(actor=actor, induction=induction, item=item, done=False, today=today)
            unticked += 1
    return ticked, unticked


# --- DBS checks ----------------------------------------------------------------------------


@transaction.atomic
def dbs_check_set(
    *,
    actor,
    member: User,
    state: str,
    submitted_on: datetime.date | None = None,
    verified_on: datetime.date | None = None,
    renewal_due_on: datetime.date | None = None,
    today: datetime.date | None = None,
) -> DbsCheck:
    """Record the state of a member's DBS check. Dates that do not apply to the state are
    dropped (a check not started has no dates)."""
    _check_manager(actor)
    today = _today(today)
    errors = {}
    if state not in DbsState.values:
        errors["state"] = DBS_STATE_ERROR
    if state == DbsState.NOT_STARTED:
        submitted_on = verified_on = renewal_due_on = None
    if state == DbsState.SUBMITTED:
        verified_on = renewal_due_on = None
    if state == DbsState.SUBMITTED and submitted_on is None:
        errors["submitted_on"] = DBS_SUBMITTED_ERROR
    if state == DbsState.VERIFIED and verified_on is None:
        errors["verified_on"] = DBS_VERIFIED_ERROR
    if submitted_on and submitted_on > today:
        errors["submitted_on"] = DBS_FUTURE_ERROR
    if verified_on and verified_on > today:
        errors["verified_on"] = DBS_FUTURE_ERROR
    if submitted_on and verified_on and verified_on < submitted_on and "verified_on" not in errors:
        errors["verified_on"] = DBS_ORDER_ERROR
    if renewal_due_on and verified_on and renewal_due_on <= verified_on:
        errors["renewal_due_on"] = DBS_RENEWAL_ERROR
    if errors:
        raise ValidationError(errors)
    if state == DbsState.VERIFIED and renewal_due_on is None:
        renewal_due_on = add_months(verified_on, 12 * DBS_RENEWAL_YEARS)
    if not members_in_office(today).filter(pk=member.pk).exists():
        raise PermissionDenied("DBS checks are tracked for members in office")
    check = DbsCheck.objects.select_for_update().filter(member=member).first()
    creating = check is None
    check = check or DbsCheck(member=member)
    check.state, check.submitted_on = state, submitted_on
    check.verified_on, check.renewal_due_on = verified_on, renewal_due_on
    check.updated_by = actor
    _history_user(check, actor)
    check.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if creating else Action.UPDATE,
        obj=check,
        label=f"DBS check #{check.pk}",
    )
    return check
