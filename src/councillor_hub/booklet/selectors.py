"""Reads for the booklet: everything it shows, gathered from the live data for one reader, in
a fixed number of queries however many portfolios, committees, contacts or documents there
are. The web page and the PDF are made from the same `Booklet`, so they always agree.

Who sees what: the booklet is for everyone signed in (directory/permissions.can_use_hub); a
library document is listed only to those who may open it (library.selectors.visible_documents,
published ones only), so a members-only document never reaches an officer's web page or PDF.
Leavers, retired units, withdrawn documents and inactive out-of-hours contacts drop out by
themselves."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, Q, QuerySet
from django.utils import timezone

from councillor_hub.committees import selectors as committee_selectors
from councillor_hub.committees.models import (
    KIND_ORDER,
    CabinetPortfolio,
    Committee,
    CommitteeKind,
    CommitteeMembership,
    MemberRole,
    PortfolioHolding,
)
from councillor_hub.core.models import ServiceArea
from councillor_hub.core.working_days import office_closes, office_opens
from councillor_hub.directory.models import (
    ContactKind,
    Officer,
    OrgUnit,
    OutOfHoursContact,
    UnitKind,
)
from councillor_hub.enquiries.models import ServiceLevel, Urgency
from councillor_hub.library.models import Document
from councillor_hub.library.selectors import visible_documents

from .defaults import DEFAULT_SECTIONS
from .models import SECTION_ORDER, BookletSection, KeyDate, SectionKey

# Used only if the seeded default service levels have been deleted (as enquiries does).
FALLBACK_WORKING_DAYS = 5
SEATED_ROLES = (MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.MEMBER)
OUT_OF_HOURS_ORDER = {kind: index for index, kind in enumerate(ContactKind.values)}
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Plain text split into paragraphs at blank lines."""
    return [part.strip() for part in PARAGRAPH_BREAK.split(text or "") if part.strip()]


def clock_time(value: datetime.time) -> str:
    """9am, 5:30pm, 12 noon: times as GOV.UK writes them."""
    if value.hour == 12 and value.minute == 0:
        return "12 noon"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def long_date(day: datetime.date, *, weekday: bool = False) -> str:
    """4 June 2026, or Thursday 4 June 2026."""
    text = f"{day.day} {day:%B %Y}"
    return f"{day:%A} {text}" if weekday else text


def date_span(start: datetime.date, end: datetime.date | None) -> str:
    """One day, or a span written as briefly as it reads: 12 to 14 May 2026."""
    if end is None or end == start:
        return long_date(start, weekday=True)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {long_date(end)}"
    return f"{long_date(start)} to {long_date(end)}"


# --- The sections' own rows ----------------------------------------------------------------


def section_rows(*, for_user=None) -> QuerySet[BookletSection]:
    """Every stored section with what it lists: active units and officers, and (when
    `for_user` is given) the published documents that user may open. Without a user (the
    manage pages) every listed document is returned."""
    documents = Document.objects.select_related("unit")
    if for_user is not None:
        documents = visible_documents(for_user).filter(is_published=True).select_related("unit")
    return BookletSection.objects.prefetch_related(
        Prefetch(
            "units",
            queryset=OrgUnit.objects.filter(is_active=True).select_related("parent"),
            to_attr="listed_units",
        ),
        Prefetch(
            "officers",
            queryset=Officer.objects.filter(is_active=True).select_related("unit"),
            to_attr="listed_officers",
        ),
        Prefetch(
            "documents", queryset=documents.order_by("title", "pk"), to_attr="listed_documents"
        ),
    )


def _default_section(key: str) -> BookletSection:
    title, body = DEFAULT_SECTIONS[key]
    section = BookletSection(key=key, title=title, body=body)
    section.listed_units, section.listed_officers, section.listed_documents = [], [], []
    return section


def sections_in_order(rows) -> list[BookletSection]:
    """One section per key in booklet order: the stored row, or the default text if the row is
    missing (a flushed test database)."""
    by_key = {row.key: row for row in rows}
    return [by_key.get(key) or _default_section(key) for key in SectionKey.values]


def section_for_key(key: str) -> BookletSection | None:
    """The section `key` with everything it lists (inactive ones too, for the manage pages),
    or None for an unknown key."""
    if key not in SECTION_ORDER:
        return None
    section = (
        BookletSection.objects.filter(key=key)
        .prefetch_related(
            Prefetch("units", queryset=OrgUnit.objects.select_related("parent")),
            Prefetch("officers", queryset=Officer.objects.select_related("unit")),
            Prefetch("documents", queryset=Document.objects.order_by("title", "pk")),
        )
        .first()
    )
    if section is None:
        section = _default_section(key)
        section.all_units, section.all_officers, section.all_documents = [], [], []
        return section
    section.all_units = sorted(section.units.all(), key=lambda u: (u.name, u.pk))
    section.all_officers = sorted(section.officers.all(), key=lambda o: (o.full_name, o.pk))
    section.all_documents = list(section.documents.all())
    return section


def upcoming_key_dates(today: datetime.date) -> QuerySet[KeyDate]:
    """Key dates that have not finished yet, soonest first."""
    return KeyDate.objects.filter(Q(date__gte=today) | Q(end_date__gte=today)).order_by(
        "date", "title", "pk"
    )


# --- Generated content ---------------------------------------------------------------------


@dataclass
class WhosWho:
    leader: object | None = None  # a User
    leader_portfolio: CabinetPortfolio | None = None
    deputies: list = field(default_factory=list)
    portfolios: list[CabinetPortfolio] = field(default_factory=list)
    chairs: list[dict] = field(default_factory=list)


@dataclass
class ServiceContacts:
    service_area: ServiceArea | None
    title: str
    unit: OrgUnit | None
    out_of_hours: list[OutOfHoursContact]


@dataclass
class CommitteeType:
    label: str
    committees: list[dict]


@dataclass
class Booklet:
    sections: list[BookletSection]
    key_dates: list[KeyDate]
    whos_who: WhosWho
    service_levels: dict[str, str]
    office_hours: str
    service_contacts: list[ServiceContacts]
    committee_types: list[CommitteeType]
    last_updated: datetime.datetime | None
    today: datetime.date

    @property
    def by_key(self) -> dict[str, BookletSection]:
        return {section.key: section for section in self.sections}


def _current_holders(portfolio: CabinetPortfolio) -> list:
    return [holding.councillor for holding in portfolio.current_holdings]


def whos_who(today: datetime.date, committees: list[Committee]) -> WhosWho:
    """The Leader (the holder of the Leader's portfolio, or else the chair of the Cabinet), the
    Deputy Leader (the Cabinet's vice-chair), the portfolios with their holders (the Leader's
    first), and the chair and vice-chair of every committee that meets."""
    portfolios = committee_selectors.portfolios_with_holders(today)
    portfolios.sort(key=lambda p: (not p.is_leader, p.sort_order, p.title))
    result = WhosWho(portfolios=portfolios)
    result.leader_portfolio = next((p for p in portfolios if p.is_leader), None)
    leader_holders = _current_holders(result.leader_portfolio) if result.leader_portfolio else []
    cabinet = next((c for c in committees if c.kind == CommitteeKind.CABINET), None)
    cabinet_chairs = [m.councillor for m in cabinet.chair] if cabinet else []
    result.leader = (leader_holders or cabinet_chairs or [None])[0]
    if cabinet is not None:
        result.deputies = [
            m.councillor for m in cabinet.vice_chairs if m.councillor != result.leader
        ]
    result.chairs = [
        {"committee": c, "chair": c.chair, "vice_chairs": c.vice_chairs}
        for c in committees
        if c.kind != CommitteeKind.CABINET
    ]
    return result


def active_committees(today: datetime.date) -> list[Committee]:
    """Committees that meet, in the usual order, each with `.chair`, `.vice_chairs` (lists of
    memberships), `.size` (members with a seat: chair, vice-chairs and members),
    `.substitutes` and `.kind_label`."""
    committees = list(
        committee_selectors.committees_in_order(
            Committee.objects.filter(is_active=True)
        ).prefetch_related(
            Prefetch(
                "memberships",
                queryset=CommitteeMembership.objects.current(today)
                .select_related("councillor")
                .order_by("councillor__full_name", "pk"),
                to_attr="current_memberships",
            )
        )
    )
    for committee in committees:
        rows = committee.current_memberships
        committee.chair = [m for m in rows if m.role == MemberRole.CHAIR]
        committee.vice_chairs = [m for m in rows if m.role == MemberRole.VICE_CHAIR]
        committee.size = sum(1 for m in rows if m.role in SEATED_ROLES)
        committee.substitutes = sum(1 for m in rows if m.role == MemberRole.SUBSTITUTE)
        committee.kind_label = CommitteeKind(committee.kind).label
    return committees


def committee_types(committees: list[Committee]) -> list[CommitteeType]:
    groups: dict[str, list] = defaultdict(list)
    for committee in committees:
        groups[committee.kind].append(committee)
    return [
        CommitteeType(label=CommitteeKind(kind).label, committees=groups[kind])
        for kind in sorted(groups, key=lambda k: KIND_ORDER.get(k, len(KIND_ORDER)))
    ]


def service_levels() -> dict[str, str]:
    """The default service levels by urgency, in words: "5 working days", "4 hours"."""
    levels = {level.urgency: level for level in ServiceLevel.objects.filter(category__isnull=True)}
    words = {}
    for urgency in (Urgency.EMERGENCY, Urgency.URGENT, Urgency.STANDARD, Urgency.COMPLEX):
        level = levels.get(urgency)
        if level is not None and level.clock_hours:
            hours = level.clock_hours
            words[urgency] = f"{hours} hour{'s' if hours != 1 else ''}"
        else:
            days = (level.working_days if level else None) or FALLBACK_WORKING_DAYS
            words[urgency] = f"{days} working day{'s' if days != 1 else ''}"
    return words


def _unit_rank(unit: OrgUnit) -> tuple:
    kinds = {UnitKind.SERVICE: 0, UnitKind.TEAM: 1, UnitKind.DIRECTORATE: 2}
    return (not (unit.phone or unit.email), kinds.get(unit.kind, 3), unit.name, unit.pk)


def service_contacts() -> list[ServiceContacts]:
    """Per service area (in the council's order): the directory's contact for the service (its
    service unit, else a team) and its active out-of-hours contacts; council-wide out-of-hours
    contacts first. Service areas with neither are left out."""
    areas = list(ServiceArea.objects.filter(is_active=True))
    units: dict[int, list[OrgUnit]] = defaultdict(list)
    for unit in OrgUnit.objects.filter(is_active=True, service_area__isnull=False):
        units[unit.service_area_id].append(unit)
    contacts: dict[int | None, list[OutOfHoursContact]] = defaultdict(list)
    for contact in OutOfHoursContact.objects.filter(is_active=True):
        contacts[contact.service_area_id].append(contact)
    for rows in contacts.values():
        rows.sort(key=lambda c: (OUT_OF_HOURS_ORDER.get(c.kind, 99), c.name, c.pk))
    result = []
    if contacts.get(None):
        result.append(
            ServiceContacts(
                service_area=None, title="Council-wide", unit=None, out_of_hours=contacts[None]
            )
        )
    for area in areas:
        unit = min(units[area.pk], key=_unit_rank) if units.get(area.pk) else None
        if unit is None and not contacts.get(area.pk):
            continue
        result.append(
            ServiceContacts(
                service_area=area,
                title=area.name,
                unit=unit,
                out_of_hours=contacts.get(area.pk, []),
            )
        )
    return result


# --- "Last updated" ------------------------------------------------------------------------


def _latest(*values) -> datetime.datetime | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None


def last_updated(
    *,
    sections: list[BookletSection],
    key_dates: list[KeyDate],
    portfolios: list[CabinetPortfolio],
    committees: list[Committee],
    contacts: list[ServiceContacts],
) -> datetime.datetime | None:
    """The latest change to anything the booklet shows: its own text and key dates (deleted
    ones too, through their history), the Cabinet and committees and their memberships, the
    out-of-hours contacts, and the directory units, officers and documents it lists."""
    shown = [section.updated_at for section in sections if section.pk]
    for section in sections:
        shown += [row.updated_at for row in section.listed_units]
        shown += [row.updated_at for row in section.listed_officers]
        shown += [row.updated_at for row in section.listed_documents]
    shown += [key_date.updated_at for key_date in key_dates]
    for portfolio in portfolios:
        shown.append(portfolio.updated_at)
        shown += [holding.updated_at for holding in portfolio.all_holdings]
    shown += [committee.updated_at for committee in committees]
    for group in contacts:
        if group.unit is not None:
            shown.append(group.unit.updated_at)
    # Rows the booklet no longer shows (ended, retired, withdrawn, deleted) changed it too.
    tables = [
        KeyDate.history.aggregate(latest=Max("history_date"))["latest"],
        CommitteeMembership.objects.aggregate(latest=Max("updated_at"))["latest"],
        PortfolioHolding.objects.aggregate(latest=Max("updated_at"))["latest"],
        OutOfHoursContact.objects.aggregate(latest=Max("updated_at"))["latest"],
    ]
    return _latest(*shown, *tables)


# --- The whole booklet ---------------------------------------------------------------------


def booklet_for(user, *, today: datetime.date | None = None) -> Booklet:
    """Everything the booklet shows to `user`, in a fixed number of queries."""
    today = today or timezone.localdate()
    sections = sections_in_order(section_rows(for_user=user))
    for section in sections:
        section.paragraphs = paragraphs(section.body)
    key_dates = list(upcoming_key_dates(today))
    for key_date in key_dates:
        key_date.paragraphs = paragraphs(key_date.description)
        key_date.when = date_span(key_date.date, key_date.end_date)
    committees = active_committees(today)
    people = whos_who(today, committees)
    contacts = service_contacts()
    return Booklet(
        sections=sections,
        key_dates=key_dates,
        whos_who=people,
        service_levels=service_levels(),
        office_hours=f"{clock_time(office_opens())} to {clock_time(office_closes())}",
        service_contacts=contacts,
        committee_types=committee_types(committees),
        last_updated=last_updated(
            sections=sections,
            key_dates=key_dates,
            portfolios=people.portfolios,
            committees=committees,
            contacts=contacts,
        ),
        today=today,
    )


# --- Finding things to list (manage pages) ------------------------------------------------

MAX_CANDIDATES = 15
MAX_SEARCH_WORDS = 6


def link_candidates(text: str) -> dict[str, list]:
    """Active units and officers and published documents whose names (or job titles, teams,
    emails) contain every word of `text`: what a content manager can add to a section."""
    words = [word for word in text.split() if word][:MAX_SEARCH_WORDS]
    if not words:
        return {"unit": [], "officer": [], "document": []}
    units = OrgUnit.objects.filter(is_active=True).select_related("parent")
    officers = Officer.objects.filter(is_active=True).select_related("unit")
    documents = Document.objects.filter(is_published=True)
    for word in words:
        units = units.filter(Q(name__icontains=word) | Q(parent__name__icontains=word))
        officers = officers.filter(
            Q(full_name__icontains=word)
            | Q(job_title__icontains=word)
            | Q(email__icontains=word)
            | Q(unit__name__icontains=word)
        )
        documents = documents.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return {
        "unit": list(units.order_by("name", "pk")[:MAX_CANDIDATES]),
        "officer": list(officers.order_by("full_name", "pk")[:MAX_CANDIDATES]),
        "document": list(documents.order_by("title", "pk")[:MAX_CANDIDATES]),
    }
