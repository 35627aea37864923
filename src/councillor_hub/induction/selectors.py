"""Induction reads: members in office and officers (for choosing members and buddies), each
member's checklist with derived items worked out, an intake's progress grid and per-group
summary, the DBS tracker, the whip's view and the public programme.

Lists run a fixed number of queries whatever the number of members: derived items (DBS and
mandatory training) are worked out for all members at once (`_derived_states`)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from councillor_hub.accounts.models import NON_ALIGNED_LABEL, User, UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.learning.permissions import LEARNER_ROLES, MANAGER_ROLES

from .models import (
    ChecklistItem,
    ChecklistProgress,
    DbsCheck,
    DbsState,
    DerivedFrom,
    Intake,
    IntakeDate,
    MemberInduction,
)

# Roles held by officers who can be an officer buddy.
OFFICER_ROLES = (
    Role.MEMBER_SUPPORT_OFFICER,
    Role.SERVICE_OFFICER,
    Role.SERVICE_MANAGER,
    Role.DIRECTOR,
    Role.DATA_PROTECTION_OFFICER,
    *MANAGER_ROLES,
)


def members_in_office(today: datetime.date) -> QuerySet[User]:
    """Active councillors and co-opted members whose term has not ended, by name."""
    in_office = (
        Q(councillor_profile__isnull=True)
        | Q(councillor_profile__term_end__isnull=True)
        | Q(councillor_profile__term_end__gte=today)
    )
    return (
        User.objects.filter(is_active=True, roles__role__in=LEARNER_ROLES)
        .filter(in_office)
        .distinct()
        .select_related("councillor_profile__political_group", "councillor_profile__ward")
        .order_by("full_name", "pk")
    )


def officers() -> QuerySet[User]:
    """Active officers who can be an officer buddy, by name."""
    return (
        User.objects.filter(is_active=True, roles__role__in=OFFICER_ROLES)
        .exclude(roles__role__in=LEARNER_ROLES)
        .distinct()
        .order_by("full_name", "pk")
    )


def group_of(member) -> tuple[int | None, str]:
    """The member's political group id and label (non-aligned members have no id)."""
    profile = getattr(member, "councillor_profile", None)
    if profile is None or profile.political_group_id is None:
        return None, NON_ALIGNED_LABEL
    return profile.political_group_id, profile.political_group.name


def active_items() -> list[ChecklistItem]:
    return list(ChecklistItem.objects.filter(is_active=True))


@dataclass
class ItemState:
    """One checklist item for one member."""

    item: ChecklistItem
    done: bool = False
    done_on: datetime.date | None = None
    done_by: object = None
    note: str = ""
    derived_note: str = ""
    missing_topics: list = field(default_factory=list)  # mandatory topics not booked or held

    @property
    def is_derived(self) -> bool:
        return not self.item.is_manual


@dataclass
class Derived:
    dbs_state: str = DbsState.NOT_STARTED
    dbs_submitted_on: datetime.date | None = None
    dbs_verified_on: datetime.date | None = None
    training_missing: list = field(default_factory=list)  # mandatory topics neither booked nor held


def _derived_states(member_ids: list[int], today: datetime.date) -> dict[int, Derived]:
    """DBS state and mandatory training not yet booked or held, for each member, in a fixed
    number of queries."""
    from councillor_hub.committees.models import CommitteeMembership
    from councillor_hub.learning.models import Booking, BookingStatus, Completion, TrainingTopic
    from councillor_hub.learning.validity import topic_status

    result = {pk: Derived() for pk in member_ids}
    if not member_ids:
        return result
    for check in DbsCheck.objects.filter(member_id__in=member_ids):
        derived = result[check.member_id]
        derived.dbs_state = check.state
        derived.dbs_submitted_on, derived.dbs_verified_on = check.submitted_on, check.verified_on
    topics = list(
        TrainingTopic.objects.filter(is_mandatory=True).prefetch_related("required_for_committees")
    )
    if not topics:
        return result
    roles = defaultdict(set)
    for user_id, role in UserRole.objects.filter(user_id__in=member_ids).values_list(
        "user_id", "role"
    ):
        roles[user_id].add(role)
    committees = defaultdict(set)
    for user_id, committee_id in (
        CommitteeMembership.objects.current(today)
        .filter(councillor_id__in=member_ids)
        .values_list("councillor_id", "committee_id")
    ):
        committees[user_id].add(committee_id)
    booked = set(
        Booking.objects.filter(
            member_id__in=member_ids,
            status__in=[BookingStatus.BOOKED, BookingStatus.WAITING],
            session__is_cancelled=False,
            session__topic__in=topics,
        ).values_list("member_id", "session__topic_id")
    )
    held = defaultdict(list)
    for completion in Completion.objects.filter(member_id__in=member_ids, topic__in=topics).only(
        "member_id", "topic_id", "completed_on"
    ):
        held[(completion.member_id, completion.topic_id)].append(completion)
    topic_committees = {t.pk: {c.pk for c in t.required_for_committees.all()} for t in topics}
    for member_id in member_ids:
        for topic in topics:
            required = topic.is_required_for_roles(roles[member_id]) or (
                committees[member_id] & topic_committees[topic.pk]
            )
            if not required or (member_id, topic.pk) in booked:
                continue
            status = topic_status(
                topic,
                held[(member_id, topic.pk)],
                today=today,
                expiring_within_days=topic.reminder_days_before,
                municipal_year_start=settings.MUNICIPAL_YEAR_START,
            )
            if not status.is_valid:
                result[member_id].training_missing.append(topic)
    return result


def _state_for(item, progress, derived: Derived, induction: MemberInduction) -> ItemState:
    if item.derived_from == DerivedFrom.POLITICAL_BUDDY:
        return ItemState(item, induction.political_buddy_id is not None)
    if item.derived_from == DerivedFrom.OFFICER_BUDDY:
        return ItemState(item, induction.officer_buddy_id is not None)
    if item.derived_from == DerivedFrom.DBS_SUBMITTED:
        done = derived.dbs_state in (DbsState.SUBMITTED, DbsState.VERIFIED)
        return ItemState(
            item, done, derived.dbs_submitted_on or derived.dbs_verified_on if done else None
        )
    if item.derived_from == DerivedFrom.DBS_VERIFIED:
        done = derived.dbs_state == DbsState.VERIFIED
        return ItemState(item, done, derived.dbs_verified_on if done else None)
    if item.derived_from == DerivedFrom.MANDATORY_TRAINING:
        missing = derived.training_missing
        note = (
            "Not yet booked: " + ", ".join(topic.name for topic in missing)
            if missing
            else "Every mandatory topic is booked or held"
        )
        return ItemState(item, not missing, derived_note=note, missing_topics=list(missing))
    if progress is None:
        return ItemState(item)
    return ItemState(item, True, progress.done_on, progress.done_by, progress.note)


def checklist_for(induction: MemberInduction, today: datetime.date) -> list[ItemState]:
    """The member's active checklist items, each with whether (and when, by whom) it is done."""
    items = active_items()
    progress = {
        row.item_id: row
        for row in induction.progress.select_related("done_by").filter(item__in=items)
    }
    derived = _derived_states([induction.member_id], today)[induction.member_id]
    return [_state_for(item, progress.get(item.pk), derived, induction) for item in items]


def own_inductions(member) -> QuerySet[MemberInduction]:
    """The member's inductions, newest intake first, with buddies and key dates."""
    return (
        MemberInduction.objects.filter(member=member)
        .select_related("intake", "political_buddy", "officer_buddy")
        .prefetch_related("intake__dates")
        .order_by("-intake__election_date", "-pk")
    )


@dataclass
class GridRow:
    induction: MemberInduction
    group_id: int | None
    group_label: str
    cells: list[ItemState]

    @property
    def done_count(self) -> int:
        return sum(cell.done for cell in self.cells)


@dataclass
class GroupSummary:
    label: str
    members: int = 0
    done: int = 0
    total: int = 0
    dbs_verified: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def intake_grid(
    intake: Intake, today: datetime.date, *, group_ids: set[int] | None = None
) -> tuple[list[ChecklistItem], list[GridRow]]:
    """The intake's members × active items (optionally only members of `group_ids`)."""
    items = active_items()
    inductions = list(
        intake.inductions.select_related(
            "member__councillor_profile__political_group", "political_buddy", "officer_buddy"
        )
    )
    if group_ids is not None:
        inductions = [i for i in inductions if group_of(i.member)[0] in group_ids]
    progress = defaultdict(dict)
    for row in ChecklistProgress.objects.filter(
        induction__in=inductions, item__in=items
    ).select_related("done_by"):
        progress[row.induction_id][row.item_id] = row
    derived = _derived_states([i.member_id for i in inductions], today)
    rows = []
    for induction in inductions:
        group_id, label = group_of(induction.member)
        cells = [
            _state_for(
                item, progress[induction.pk].get(item.pk), derived[induction.member_id], induction
            )
            for item in items
        ]
        rows.append(GridRow(induction, group_id, label, cells))
    return items, rows


def group_summaries(rows: list[GridRow], derived_dbs: dict[int, str]) -> list[GroupSummary]:
    """Progress per political group (non-aligned members as their own line), by label."""
    summaries: dict[str, GroupSummary] = {}
    for row in rows:
        summary = summaries.setdefault(row.group_label, GroupSummary(row.group_label))
        summary.members += 1
        summary.done += row.done_count
        summary.total += len(row.cells)
        if derived_dbs.get(row.induction.member_id) == DbsState.VERIFIED:
            summary.dbs_verified += 1
    return sorted(summaries.values(), key=lambda s: (s.label == NON_ALIGNED_LABEL, s.label))


def dbs_states(member_ids: list[int]) -> dict[int, str]:
    return dict(DbsCheck.objects.filter(member_id__in=member_ids).values_list("member_id", "state"))


@dataclass
class DbsRow:
    member: User
    group_label: str
    check: DbsCheck | None

    @property
    def state(self) -> str:
        return self.check.state if self.check else DbsState.NOT_STARTED

    @property
    def state_label(self) -> str:
        return DbsState(self.state).label

    def renewal_overdue(self, today) -> bool:
        return bool(self.check and self.check.renewal_due_on and self.check.renewal_due_on < today)


def dbs_rows(
    today: datetime.date, *, state: str = "", group: str = "", group_ids: set[int] | None = None
) -> list[DbsRow]:
    """Every member in office with their DBS check, filtered by state and group ("none" for
    non-aligned members, or a group id); `group_ids` limits to those groups (a whip's)."""
    members = members_in_office(today)
    if group_ids is not None:
        members = members.filter(councillor_profile__political_group_id__in=group_ids)
    if group == "none":
        members = members.filter(
            Q(councillor_profile__isnull=True) | Q(councillor_profile__political_group__isnull=True)
        )
    elif group:
        members = members.filter(councillor_profile__political_group_id=group)
    members = list(members)
    checks = {
        c.member_id: c for c in DbsCheck.objects.filter(member_id__in=[m.pk for m in members])
    }
    rows = [DbsRow(m, group_of(m)[1], checks.get(m.pk)) for m in members]
    if state:
        rows = [row for row in rows if row.state == state]
    return rows


@dataclass
class WhipRow:
    member: User
    group_label: str
    dbs_state_label: str
    intake: Intake | None = None
    done: int = 0
    total: int = 0


def whip_rows(group_ids: set[int], today: datetime.date) -> list[WhipRow]:
    """The whip's groups' members in office: their latest induction's progress (items done of
    items) and their DBS state, and nothing else."""
    members = list(
        members_in_office(today).filter(councillor_profile__political_group_id__in=group_ids)
    )
    ids = [m.pk for m in members]
    latest: dict[int, MemberInduction] = {}
    for induction in (
        MemberInduction.objects.filter(member_id__in=ids)
        .select_related("intake")
        .order_by("intake__election_date", "pk")
    ):
        latest[induction.member_id] = induction
    items = active_items()
    done_by_induction = defaultdict(set)
    for induction_id, item_id in ChecklistProgress.objects.filter(
        induction__in=latest.values(), item__in=items
    ).values_list("induction_id", "item_id"):
        done_by_induction[induction_id].add(item_id)
    derived = _derived_states(ids, today)
    rows = []
    for member in members:
        induction = latest.get(member.pk)
        row = WhipRow(member, group_of(member)[1], DbsState(derived[member.pk].dbs_state).label)
        if induction is not None:
            done_ids = done_by_induction[induction.pk]
            cells = [
                _state_for(
                    item, _DONE if item.pk in done_ids else None, derived[member.pk], induction
                )
                for item in items
            ]
            row.intake, row.done, row.total = (
                induction.intake,
                sum(c.done for c in cells),
                len(cells),
            )
        rows.append(row)
    return rows


class _DoneMarker:
    done_on = None
    done_by = None
    note = ""


_DONE = _DoneMarker()


def published_intakes(today: datetime.date) -> QuerySet[Intake]:
    """Intakes on the public programme page: published_from reached, upcoming elections first
    then the most recent ones."""
    return (
        Intake.objects.filter(published_from__isnull=False, published_from__lte=today)
        .prefetch_related(Prefetch("dates", queryset=IntakeDate.objects.order_by("on", "pk")))
        .order_by("-election_date", "name")
    )
