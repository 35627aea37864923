"""A small council's booklet for the tests: the Cabinet with the Leader's portfolio, a few
committees, member support and ICT contacts in the directory, a Highways service with its
out-of-hours numbers, library documents (one members-only) and key dates, linked to the
booklet's sections the way a content manager would."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from councillor_hub.accounts.tests.factories import CouncillorFactory
from councillor_hub.booklet.models import BookletSection, KeyDate, SectionKey
from councillor_hub.committees.models import CommitteeKind, MemberRole
from councillor_hub.committees.tests.factories import (
    CommitteeFactory,
    HoldingFactory,
    MembershipFactory,
    PortfolioFactory,
)
from councillor_hub.directory.models import (
    ContactKind,
    Officer,
    OrgUnit,
    OutOfHoursContact,
    UnitKind,
)
from councillor_hub.library.models import Document, DocumentKind

START = datetime.date(2025, 5, 21)

LEADER_PORTFOLIO = "Leader of the Council: Strategy"
HIGHWAYS_PORTFOLIO = "Highways and Transport"
ALLOWANCES = "Members' allowances scheme 2026/27"
ICT_GUIDE = "Members' ICT acceptable use guide"
SUPPORT_OFFICER = "Morgan Support"
SUPPORT_PHONE = "01632 960111"
HIGHWAYS_OUT_OF_HOURS = "Highways out-of-hours line"


@dataclass
class BookletRecords:
    leader: object
    deputy: object
    highways_holder: object
    planning_chair: object
    leader_portfolio: object
    highways_portfolio: object
    cabinet: object
    planning: object
    support_team: OrgUnit
    support_officer: Officer
    ict_desk: OrgUnit
    highways_service: OrgUnit
    out_of_hours: OutOfHoursContact
    allowances: Document
    ict_guide: Document
    induction_day: KeyDate
    past_date: KeyDate


def section(key: str) -> BookletSection:
    return BookletSection.objects.get(key=key)


def ensure_sections() -> None:
    """The sections the data migration seeds (a flushed database has none)."""
    from councillor_hub.booklet.defaults import DEFAULT_SECTIONS

    for key, (title, body) in DEFAULT_SECTIONS.items():
        BookletSection.objects.get_or_create(key=key, defaults={"title": title, "body": body})


def build_booklet_records(world) -> BookletRecords:
    ensure_sections()
    today = timezone.localdate()
    leader = world.colleague
    deputy = CouncillorFactory(full_name="Dana Deputy", profile__ward=world.ward_a)
    highways_holder = CouncillorFactory(full_name="Hari Highways", profile__ward=world.ward_b)
    planning_chair = CouncillorFactory(full_name="Pat Planning", profile__ward=world.ward_b)

    cabinet = CommitteeFactory(name="Cabinet", kind=CommitteeKind.CABINET)
    MembershipFactory(committee=cabinet, councillor=leader, role=MemberRole.CHAIR)
    MembershipFactory(committee=cabinet, councillor=deputy, role=MemberRole.VICE_CHAIR)
    MembershipFactory(committee=cabinet, councillor=highways_holder, role=MemberRole.MEMBER)
    planning = CommitteeFactory(
        name="Planning Committee",
        kind=CommitteeKind.PLANNING,
        requires_training=True,
        training_note="Planning training every 12 months.",
    )
    MembershipFactory(committee=planning, councillor=planning_chair, role=MemberRole.CHAIR)
    MembershipFactory(committee=planning, councillor=world.councillor, role=MemberRole.MEMBER)
    MembershipFactory(committee=planning, councillor=world.other, role=MemberRole.SUBSTITUTE)
    CommitteeFactory(name="Standards Committee", kind=CommitteeKind.STANDARDS)
    CommitteeFactory(name="Old Committee", kind=CommitteeKind.OTHER, is_active=False)

    leader_portfolio = PortfolioFactory(title=LEADER_PORTFOLIO, sort_order=5, is_leader=True)
    HoldingFactory(portfolio=leader_portfolio, councillor=leader, start_date=START)
    highways_portfolio = PortfolioFactory(title=HIGHWAYS_PORTFOLIO, sort_order=1)
    HoldingFactory(portfolio=highways_portfolio, councillor=highways_holder, start_date=START)
    PortfolioFactory(title="Vacant Portfolio", sort_order=9)

    democracy = OrgUnit.objects.create(name="Democratic services", kind=UnitKind.SERVICE)
    support_team = OrgUnit.objects.create(
        name="Member support",
        kind=UnitKind.TEAM,
        parent=democracy,
        email="member.support@council.example.org",
        phone="01632 960100",
    )
    support_officer = Officer.objects.create(
        full_name=SUPPORT_OFFICER,
        job_title="Member support officer",
        unit=support_team,
        email="morgan.support@council.example.org",
        phone=SUPPORT_PHONE,
    )
    Officer.objects.create(
        full_name="Lee Leaver", job_title="Former officer", unit=support_team, is_active=False
    )
    ict_desk = OrgUnit.objects.create(
        name="ICT service desk",
        kind=UnitKind.TEAM,
        email="ict.servicedesk@council.example.org",
        phone="01632 960200",
    )
    highways_service = OrgUnit.objects.create(
        name="Highways and transport",
        kind=UnitKind.SERVICE,
        service_area=world.highways,
        email="highways@council.example.org",
        phone="01632 960300",
    )
    out_of_hours = OutOfHoursContact.objects.create(
        service_area=world.highways,
        kind=ContactKind.OUT_OF_HOURS,
        name=HIGHWAYS_OUT_OF_HOURS,
        phone="01632 960999",
        hours="5pm to 9am, and weekends",
        review_date=today + datetime.timedelta(days=90),
    )
    OutOfHoursContact.objects.create(
        service_area=world.highways,
        kind=ContactKind.ON_CALL,
        name="Withdrawn rota",
        phone="01632 960998",
        review_date=today + datetime.timedelta(days=90),
        is_active=False,
    )

    allowances = Document.objects.create(
        kind=DocumentKind.ALLOWANCES,
        title=ALLOWANCES,
        summary="Basic and special responsibility allowances.",
        url="https://example.org/allowances",
        members_only=True,
    )
    ict_guide = Document.objects.create(
        kind=DocumentKind.GUIDANCE,
        title=ICT_GUIDE,
        summary="Using council devices safely.",
        url="https://example.org/ict",
    )
    draft = Document.objects.create(
        kind=DocumentKind.GUIDANCE,
        title="Draft expenses guide",
        url="https://example.org/draft",
        is_published=False,
    )

    section(SectionKey.MEMBER_SUPPORT).units.add(support_team)
    section(SectionKey.MEMBER_SUPPORT).officers.add(support_officer)
    section(SectionKey.ICT).units.add(ict_desk)
    section(SectionKey.ICT).documents.add(ict_guide)
    section(SectionKey.ALLOWANCES).documents.add(allowances, draft)

    induction_day = KeyDate.objects.create(
        title="Induction day",
        date=today + datetime.timedelta(days=10),
        description="Civic centre, 9:30am to 4pm.",
    )
    past_date = KeyDate.objects.create(
        title="Last year's budget council", date=today - datetime.timedelta(days=30)
    )
    KeyDate.objects.create(
        title="Budget-setting council",
        date=today + datetime.timedelta(days=100),
        end_date=today + datetime.timedelta(days=101),
    )
    return BookletRecords(
        leader=leader,
        deputy=deputy,
        highways_holder=highways_holder,
        planning_chair=planning_chair,
        leader_portfolio=leader_portfolio,
        highways_portfolio=highways_portfolio,
        cabinet=cabinet,
        planning=planning,
        support_team=support_team,
        support_officer=support_officer,
        ict_desk=ict_desk,
        highways_service=highways_service,
        out_of_hours=out_of_hours,
        allowances=allowances,
        ict_guide=ict_guide,
        induction_day=induction_day,
        past_date=past_date,
    )
