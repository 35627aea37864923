"""Changes to committees, memberships, Cabinet portfolios and councillors' contact details.

Every function re-checks that the actor manages hub content (democratic services and
administrators), records an audit event (ids and roles only, never names) and keeps history
(simple_history, with the actor as the history user). Memberships and holdings are never
deleted: ending one sets its end date (the last day in the role) and a change of role ends
one row and starts another the next day.

Rules: an end date is never before the start date; a committee has one chair at a time (the
previous chair's role is ended the day before when the manager asks, otherwise a clear error);
a councillor holds one role at a time on a committee; a portfolio has one holder at a time."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from councillor_hub.accounts.models import User
from councillor_hub.audit.models import Action
from councillor_hub.audit.services import audit_record
from councillor_hub.directory.permissions import can_manage_hub_content

from .models import (
    CabinetPortfolio,
    Committee,
    CommitteeKind,
    CommitteeMeeting,
    CommitteeMembership,
    CouncillorContact,
    MemberRole,
    PortfolioHolding,
)
from .photos import photo_extension, photo_validate

logger = logging.getLogger(__name__)

ONE_DAY = datetime.timedelta(days=1)
COMMITTEE_FIELDS = (
    "name",
    "kind",
    "description",
    "requires_training",
    "training_note",
    "is_active",
)
PORTFOLIO_FIELDS = ("title", "responsibilities", "sort_order", "is_active", "is_leader")
CONTACT_FIELDS = ("public_email", "public_phone", "surgery_details", "bio")


def long_date(day: datetime.date) -> str:
    """A date as GOV.UK writes it: 4 June 2026."""
    return f"{day.day} {day:%B %Y}"


_date = long_date


def _check_manager(actor) -> None:
    if not can_manage_hub_content(actor):
        raise PermissionDenied(
            "Only democratic services and administrators manage councillors and committees"
        )


def _history_user(obj, actor) -> None:
    if getattr(actor, "is_authenticated", False):
        obj._history_user = actor


def _clean_text(value: str | None) -> str:
    return (value or "").strip()


def _check_in_office(councillor: User, day: datetime.date, *, field: str = "councillor") -> None:
    """The councillor has a profile, an active account and a term that has not ended by
    `day` (the first day of the appointment)."""
    profile = getattr(councillor, "councillor_profile", None) if councillor else None
    if profile is None or not councillor.is_active:
        raise ValidationError({field: "Select a councillor"})
    if profile.term_end is not None and profile.term_end < day:
        raise ValidationError(
            {field: f"{councillor.full_name}'s term of office ended on {_date(profile.term_end)}"}
        )


def _check_end(start_date: datetime.date, end_date: datetime.date | None) -> None:
    if end_date is None:
        raise ValidationError({"end_date": "Enter the end date"})
    if end_date < start_date:
        raise ValidationError(
            {
                "end_date": "End date must be the same as or after the start date, "
                f"{_date(start_date)}"
            }
        )


def _overlapping(queryset, start_date: datetime.date):
    """Rows still running on or after `start_date` (an open-ended new row would overlap them)."""
    return queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))


# --- Committees ----------------------------------------------------------------------------


def _committee_check(*, name: str, kind: str, exclude_pk: int | None = None) -> None:
    errors = {}
    if not name:
        errors["name"] = "Enter the committee's name"
    elif Committee.objects.filter(name__iexact=name).exclude(pk=exclude_pk).exists():
        errors["name"] = "A committee with this name already exists"
    if kind not in CommitteeKind.values:
        errors["kind"] = "Select the type of committee"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def committee_create(
    *,
    actor,
    name: str,
    kind: str,
    description: str = "",
    requires_training: bool = False,
    training_note: str = "",
    is_active: bool = True,
    request=None,
) -> Committee:
    _check_manager(actor)
    name = _clean_text(name)
    _committee_check(name=name, kind=kind)
    committee = Committee(
        name=name,
        kind=kind,
        description=_clean_text(description),
        requires_training=bool(requires_training),
        training_note=_clean_text(training_note),
        is_active=bool(is_active),
    )
    _history_user(committee, actor)
    committee.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=committee,
        label=f"committee #{committee.pk}",
        request=request,
    )
    return committee


@transaction.atomic
def committee_update(
    *,
    actor,
    committee: Committee,
    name: str,
    kind: str,
    description: str = "",
    requires_training: bool = False,
    training_note: str = "",
    is_active: bool = True,
    request=None,
) -> Committee:
    """Change a committee. One that still has members cannot be closed: end their memberships
    first, so the history says when each left."""
    _check_manager(actor)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    name = _clean_text(name)
    _committee_check(name=name, kind=kind, exclude_pk=committee.pk)
    if not is_active and committee.is_active:
        still = committee.memberships.open().count()
        if still:
            raise ValidationError(
                {
                    "is_active": f"End the committee's {still} continuing "
                    f"membership{'s' if still != 1 else ''} before closing it"
                }
            )
    before = {field: getattr(committee, field) for field in COMMITTEE_FIELDS}
    committee.name = name
    committee.kind = kind
    committee.description = _clean_text(description)
    committee.requires_training = bool(requires_training)
    committee.training_note = _clean_text(training_note)
    committee.is_active = bool(is_active)
    changed = [field for field in COMMITTEE_FIELDS if getattr(committee, field) != before[field]]
    if not changed:
        return committee
    _history_user(committee, actor)
    committee.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=committee,
        label=f"committee #{committee.pk}",
        detail="Changed: " + ", ".join(changed),
        request=request,
    )
    return committee


# --- Memberships ---------------------------------------------------------------------------


def _end_row(row, end_date: datetime.date, *, actor, label: str, request=None) -> None:
    row.end_date = end_date
    _history_user(row, actor)
    row.save(update_fields=["end_date", "updated_at"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=row,
        label=label,
        detail=f"Ended on {end_date.isoformat()}",
        request=request,
    )


def _membership_label(membership: CommitteeMembership) -> str:
    return f"committee membership #{membership.pk}"


def _add_membership(
    *,
    actor,
    committee: Committee,
    councillor: User,
    role: str,
    start_date: datetime.date,
    replace_chair: bool,
    training_override_reason: str = "",
    request=None,
) -> CommitteeMembership:
    """The checks and the write shared by adding a member and changing a role. The caller
    holds the committee's row lock."""
    if not committee.is_active:
        raise ValidationError("This committee is closed. Make it active before adding members")
    if role not in MemberRole.values:
        raise ValidationError({"role": "Select the role"})
    if start_date is None:
        raise ValidationError({"start_date": "Enter the start date"})
    _check_in_office(councillor, start_date)

    existing = _overlapping(committee.memberships.filter(councillor=councillor), start_date)
    clash = existing.order_by("start_date").first()
    if clash is not None:
        until = f" until {_date(clash.end_date)}" if clash.end_date else ""
        raise ValidationError(
            {
                "councillor": f"{councillor.full_name} is already "
                f"{clash.get_role_display().lower()} of this committee from "
                f"{_date(clash.start_date)}{until}. Change or end that role instead"
            }
        )

    if role == MemberRole.CHAIR:
        chairs = list(
            _overlapping(committee.memberships.filter(role=MemberRole.CHAIR), start_date)
            .select_related("councillor")
            .order_by("start_date")
        )
        if chairs and not replace_chair:
            chair = chairs[0]
            raise ValidationError(
                {
                    "replace_chair": f"{chair.councillor.full_name} is chair of this committee "
                    f"from {_date(chair.start_date)}. Choose to end their role as chair, "
                    "or end it first"
                }
            )
        for chair in chairs:
            if chair.start_date >= start_date:
                raise ValidationError(
                    {
                        "start_date": f"{chair.councillor.full_name} becomes chair on "
                        f"{_date(chair.start_date)}. The new chair's start date must be after "
                        "that"
                    }
                )
            _end_row(
                chair,
                start_date - ONE_DAY,
                actor=actor,
                label=_membership_label(chair),
                request=request,
            )

    override = _training_override(
        committee=committee,
        councillor=councillor,
        start_date=start_date,
        reason=training_override_reason,
    )

    membership = CommitteeMembership(
        committee=committee, councillor=councillor, role=role, start_date=start_date
    )
    if override:
        membership.training_override_reason = override
        membership.training_override_by = actor if getattr(actor, "pk", None) else None
        membership.training_override_at = timezone.now()
    _history_user(membership, actor)
    membership.save()
    detail = f"committee #{committee.pk}, role {role}, from {start_date.isoformat()}"
    if override:
        detail += ", appointed without valid training (reason recorded)"
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=membership,
        label=_membership_label(membership),
        detail=detail,
        request=request,
    )
    return membership


def _training_override(
    *, committee: Committee, councillor: User, start_date: datetime.date, reason: str
) -> str:
    """Nobody is appointed to a committee without valid training for the topics it requires
    (learning's TrainingTopic.required_for_committees), unless the manager appointing them
    gives a reason. Training must be valid today and on the first day of the appointment.
    Returns the reason to record ("" when the training is in order)."""
    from councillor_hub.learning.selectors import committee_training_gaps

    day = max(timezone.localdate(), start_date)
    gaps = committee_training_gaps(councillor, committee, day)
    if not gaps:
        return ""
    reason = _clean_text(reason)
    if reason:
        return reason
    described = "; ".join(_gap_text(status) for status in gaps)
    raise ValidationError(
        {
            "training_override_reason": f"{councillor.full_name} does not have valid training "
            f"this committee requires ({described}). Book their training first, or enter the "
            "reason for appointing them without it"
        }
    )


def _gap_text(status) -> str:
    if status.valid_until is None:
        return f"{status.topic.name} not completed"
    if status.valid_until < timezone.localdate():
        return f"{status.topic.name} expired on {_date(status.valid_until)}"
    return f"{status.topic.name} expires on {_date(status.valid_until)}, before the role starts"


def _invite_to_training(membership: CommitteeMembership) -> None:
    """After the appointment is committed, invite the member to the committee's introduction
    and required training (the page lists its topics and their upcoming sessions). The title
    names only the committee."""
    from django.urls import reverse

    from councillor_hub.notifications.services import notify

    committee = membership.committee
    councillor = membership.councillor
    if committee.required_training_topics.exists():
        title = (
            f"You have been appointed to {committee.name}: see its introduction and the "
            "training it requires"
        )
    else:
        title = f"You have been appointed to {committee.name}: see its introduction"
    url = reverse("learning:committee_training", args=[committee.pk])
    transaction.on_commit(lambda: notify(recipients=[councillor], title=title, url=url))


@transaction.atomic
def membership_add(
    *,
    actor,
    committee: Committee,
    councillor: User,
    role: str,
    start_date: datetime.date,
    replace_chair: bool = False,
    training_override_reason: str = "",
    request=None,
) -> CommitteeMembership:
    """Appoint a councillor to a committee in a role from `start_date`. With `replace_chair`,
    a new chair ends the current chair's role the day before. A councillor without valid
    training for the committee's required topics is appointed only with
    `training_override_reason` (recorded with who gave it). The member is then invited to
    the committee's introduction and required training."""
    _check_manager(actor)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    membership = _add_membership(
        actor=actor,
        committee=committee,
        councillor=councillor,
        role=role,
        start_date=start_date,
        replace_chair=replace_chair,
        training_override_reason=training_override_reason,
        request=request,
    )
    _invite_to_training(membership)
    return membership


@transaction.atomic
def membership_end(
    *,
    actor,
    membership: CommitteeMembership,
    end_date: datetime.date,
    request=None,
) -> CommitteeMembership:
    """End a membership: `end_date` is the last day in the role."""
    _check_manager(actor)
    Committee.objects.select_for_update().get(pk=membership.committee_id)
    membership = CommitteeMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.end_date is not None:
        raise ValidationError({"end_date": "This role has already ended"})
    _check_end(membership.start_date, end_date)
    _end_row(
        membership, end_date, actor=actor, label=_membership_label(membership), request=request
    )
    return membership


@transaction.atomic
def membership_change_role(
    *,
    actor,
    membership: CommitteeMembership,
    role: str,
    start_date: datetime.date,
    replace_chair: bool = False,
    training_override_reason: str = "",
    request=None,
) -> CommitteeMembership:
    """Change a councillor's role on a committee from `start_date`: the current row ends the
    day before and a new row starts (the history keeps both). Returns the new row. The new
    role is a new appointment: without valid required training it needs
    `training_override_reason`, as membership_add does."""
    _check_manager(actor)
    committee = Committee.objects.select_for_update().get(pk=membership.committee_id)
    membership = CommitteeMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.end_date is not None:
        raise ValidationError("This role has already ended. Add the councillor again instead")
    if role not in MemberRole.values:
        raise ValidationError({"role": "Select the new role"})
    if role == membership.role:
        raise ValidationError(
            {
                "role": "Select a different role: they are already "
                f"{membership.get_role_display().lower()}"
            }
        )
    if start_date is None:
        raise ValidationError({"start_date": "Enter the date of the change"})
    if start_date <= membership.start_date:
        raise ValidationError(
            {
                "start_date": "The date of the change must be after the current role started, "
                f"{_date(membership.start_date)}"
            }
        )
    _end_row(
        membership,
        start_date - ONE_DAY,
        actor=actor,
        label=_membership_label(membership),
        request=request,
    )
    return _add_membership(
        actor=actor,
        committee=committee,
        councillor=membership.councillor,
        role=role,
        start_date=start_date,
        replace_chair=replace_chair,
        training_override_reason=training_override_reason,
        request=request,
    )


# --- Cabinet portfolios --------------------------------------------------------------------


def _portfolio_check(
    *,
    title: str,
    sort_order,
    is_leader: bool = False,
    is_active: bool = True,
    exclude_pk: int | None = None,
) -> None:
    errors = {}
    if not title:
        errors["title"] = "Enter the portfolio's title"
    elif CabinetPortfolio.objects.filter(title__iexact=title).exclude(pk=exclude_pk).exists():
        errors["title"] = "A portfolio with this title already exists"
    if not isinstance(sort_order, int) or not 0 <= sort_order <= 999:
        errors["sort_order"] = "Order must be a whole number between 0 and 999"
    if is_leader:
        # One Leader's portfolio (a conditional unique constraint backs this up).
        other = (
            CabinetPortfolio.objects.select_for_update()
            .filter(is_leader=True)
            .exclude(pk=exclude_pk)
            .first()
        )
        if other is not None:
            errors["is_leader"] = (
                f"{other.title} is already the Leader's portfolio. Untick it there first"
            )
        elif not is_active:
            errors["is_leader"] = "A retired portfolio cannot be the Leader's portfolio"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def portfolio_create(
    *,
    actor,
    title: str,
    responsibilities: str = "",
    sort_order: int = 10,
    is_active: bool = True,
    is_leader: bool = False,
    request=None,
) -> CabinetPortfolio:
    _check_manager(actor)
    title = _clean_text(title)
    _portfolio_check(title=title, sort_order=sort_order, is_leader=is_leader, is_active=is_active)
    portfolio = CabinetPortfolio(
        title=title,
        responsibilities=_clean_text(responsibilities),
        sort_order=sort_order,
        is_active=bool(is_active),
        is_leader=bool(is_leader),
    )
    _history_user(portfolio, actor)
    portfolio.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=portfolio,
        label=f"portfolio #{portfolio.pk}",
        request=request,
    )
    return portfolio


@transaction.atomic
def portfolio_update(
    *,
    actor,
    portfolio: CabinetPortfolio,
    title: str,
    responsibilities: str = "",
    sort_order: int = 10,
    is_active: bool = True,
    is_leader: bool = False,
    request=None,
) -> CabinetPortfolio:
    """Change a portfolio. One with a continuing holder cannot be retired: end the holding
    first."""
    _check_manager(actor)
    portfolio = CabinetPortfolio.objects.select_for_update().get(pk=portfolio.pk)
    title = _clean_text(title)
    _portfolio_check(
        title=title,
        sort_order=sort_order,
        is_leader=is_leader,
        is_active=is_active,
        exclude_pk=portfolio.pk,
    )
    if not is_active and portfolio.is_active and portfolio.holdings.open().exists():
        raise ValidationError(
            {"is_active": "End the current holder's term before retiring the portfolio"}
        )
    before = {field: getattr(portfolio, field) for field in PORTFOLIO_FIELDS}
    portfolio.title = title
    portfolio.responsibilities = _clean_text(responsibilities)
    portfolio.sort_order = sort_order
    portfolio.is_active = bool(is_active)
    portfolio.is_leader = bool(is_leader)
    changed = [field for field in PORTFOLIO_FIELDS if getattr(portfolio, field) != before[field]]
    if not changed:
        return portfolio
    _history_user(portfolio, actor)
    portfolio.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=portfolio,
        label=f"portfolio #{portfolio.pk}",
        detail="Changed: " + ", ".join(changed),
        request=request,
    )
    return portfolio


def _holding_label(holding: PortfolioHolding) -> str:
    return f"portfolio holding #{holding.pk}"


@transaction.atomic
def holding_add(
    *,
    actor,
    portfolio: CabinetPortfolio,
    councillor: User,
    start_date: datetime.date,
    replace_holder: bool = False,
    request=None,
) -> PortfolioHolding:
    """Appoint a councillor to a portfolio from `start_date`. A portfolio has one holder at a
    time: with `replace_holder`, the current holder's term ends the day before."""
    _check_manager(actor)
    portfolio = CabinetPortfolio.objects.select_for_update().get(pk=portfolio.pk)
    if not portfolio.is_active:
        raise ValidationError("This portfolio is retired. Make it active before appointing")
    if start_date is None:
        raise ValidationError({"start_date": "Enter the start date"})
    _check_in_office(councillor, start_date)
    holders = list(
        _overlapping(portfolio.holdings.all(), start_date)
        .select_related("councillor")
        .order_by("start_date")
    )
    for holding in holders:
        if holding.councillor_id == councillor.pk:
            raise ValidationError(
                {
                    "councillor": f"{councillor.full_name} already holds this portfolio from "
                    f"{_date(holding.start_date)}"
                }
            )
    if holders and not replace_holder:
        holder = holders[0]
        raise ValidationError(
            {
                "replace_holder": f"{holder.councillor.full_name} holds this portfolio from "
                f"{_date(holder.start_date)}. Choose to end their term, or end it first"
            }
        )
    for holding in holders:
        if holding.start_date >= start_date:
            raise ValidationError(
                {
                    "start_date": f"{holding.councillor.full_name} takes the portfolio on "
                    f"{_date(holding.start_date)}. The start date must be after that"
                }
            )
        _end_row(
            holding,
            start_date - ONE_DAY,
            actor=actor,
            label=_holding_label(holding),
            request=request,
        )
    holding = PortfolioHolding(portfolio=portfolio, councillor=councillor, start_date=start_date)
    _history_user(holding, actor)
    holding.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=holding,
        label=_holding_label(holding),
        detail=f"portfolio #{portfolio.pk}, from {start_date.isoformat()}",
        request=request,
    )
    return holding


@transaction.atomic
def holding_end(
    *, actor, holding: PortfolioHolding, end_date: datetime.date, request=None
) -> PortfolioHolding:
    """End a holder's term: `end_date` is their last day."""
    _check_manager(actor)
    CabinetPortfolio.objects.select_for_update().get(pk=holding.portfolio_id)
    holding = PortfolioHolding.objects.select_for_update().get(pk=holding.pk)
    if holding.end_date is not None:
        raise ValidationError({"end_date": "This term has already ended"})
    _check_end(holding.start_date, end_date)
    _end_row(holding, end_date, actor=actor, label=_holding_label(holding), request=request)
    return holding


# --- Contact details and photos ------------------------------------------------------------


def _delete_file_later(name: str) -> None:
    """Remove a replaced photo once the change is committed (a rollback keeps it)."""
    if not name:
        return

    def delete() -> None:
        from django.core.files.storage import default_storage

        try:
            default_storage.delete(name)
        except OSError:  # pragma: no cover - a missing file is nothing to worry about
            logger.warning("Could not delete a replaced councillor photo %s", name)

    transaction.on_commit(delete)


@transaction.atomic
def contact_update(
    *,
    actor,
    councillor: User,
    public_email: str = "",
    public_phone: str = "",
    surgery_details: str = "",
    bio: str = "",
    photo: UploadedFile | None = None,
    remove_photo: bool = False,
    request=None,
) -> CouncillorContact:
    """Change a councillor's public contact details. A new photo (checked: JPEG or PNG)
    replaces the old one; `remove_photo` removes it."""
    _check_manager(actor)
    if getattr(councillor, "councillor_profile", None) is None:
        raise ValidationError("Only councillors have contact details here")
    if photo is not None and remove_photo:
        raise ValidationError({"photo": "Upload a new photo or remove the photo, not both"})
    content_type = ""
    if photo is not None:
        try:
            content_type = photo_validate(photo)
        except ValidationError as error:
            raise ValidationError({"photo": error.messages}) from None

    contact = CouncillorContact.objects.select_for_update().filter(councillor=councillor).first()
    created = contact is None
    if created:
        contact = CouncillorContact(councillor=councillor)
    before = {field: getattr(contact, field) for field in CONTACT_FIELDS}
    before_photo = contact.photo.name if contact.photo else ""
    contact.public_email = _clean_text(public_email).lower()
    contact.public_phone = _clean_text(public_phone)
    contact.surgery_details = _clean_text(surgery_details)
    contact.bio = _clean_text(bio)
    changed = [field for field in CONTACT_FIELDS if getattr(contact, field) != before[field]]
    if photo is not None:
        photo.seek(0)
        contact.photo.save(f"photo{photo_extension(content_type)}", photo, save=False)
        contact.photo_content_type = content_type
        _delete_file_later(before_photo)
        changed.append("photo")
    elif remove_photo and before_photo:
        contact.photo = ""
        contact.photo_content_type = ""
        _delete_file_later(before_photo)
        changed.append("photo removed")
    if not changed:
        return contact
    _history_user(contact, actor)
    contact.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        obj=contact,
        label=f"councillor contact #{councillor.pk}",
        detail="Changed: " + ", ".join(changed),
        request=request,
    )
    return contact


# --- Committee meetings --------------------------------------------------------------------


def _meeting_label(meeting: CommitteeMeeting) -> str:
    return f"committee meeting #{meeting.pk}"


def _meeting_check(starts_at: datetime.datetime | None) -> None:
    if starts_at is None:
        raise ValidationError({"day": "Enter the date of the meeting"})


@transaction.atomic
def meeting_create(
    *,
    actor,
    committee: Committee,
    starts_at: datetime.datetime,
    place: str = "",
    request=None,
) -> CommitteeMeeting:
    """Add a date the committee meets (member development checks training against it)."""
    _check_manager(actor)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    if not committee.is_active:
        raise ValidationError("This committee is closed. Make it active before adding meetings")
    _meeting_check(starts_at)
    meeting = CommitteeMeeting(committee=committee, starts_at=starts_at, place=_clean_text(place))
    _history_user(meeting, actor)
    meeting.save()
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=meeting,
        label=_meeting_label(meeting),
        detail=f"committee #{committee.pk}",
        request=request,
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: CommitteeMeeting,
    starts_at: datetime.datetime,
    place: str = "",
    is_cancelled: bool = False,
    request=None,
) -> CommitteeMeeting:
    """Move, re-place or cancel a meeting (kept, marked cancelled, in the history)."""
    _check_manager(actor)
    meeting = CommitteeMeeting.objects.select_for_update().get(pk=meeting.pk)
    _meeting_check(starts_at)
    fields = ("starts_at", "place", "is_cancelled")
    before = {name: getattr(meeting, name) for name in fields}
    meeting.starts_at = starts_at
    meeting.place = _clean_text(place)
    meeting.is_cancelled = bool(is_cancelled)
    changed = [name for name in fields if getattr(meeting, name) != before[name]]
    if not changed:
        return meeting
    _history_user(meeting, actor)
    meeting.save()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=meeting,
        label=_meeting_label(meeting),
        detail="Changed: " + ", ".join(changed),
        request=request,
    )
    return meeting
