"""core/demo/booklet.py: a year of key dates from a fortnight ahead, and each section linked to
the directory's and library's demo records, the same every time; and the demo Cabinet's
Leader's portfolio is marked, so the booklet names the Leader."""

import datetime
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.booklet.models import BookletSection, KeyDate, SectionKey
from councillor_hub.core.demo.booklet import build_booklet, key_dates
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.library.models import Document, DocumentKind

from .builders import ensure_sections

pytestmark = pytest.mark.django_db


def test_key_dates_cover_the_coming_year():
    today = datetime.date(2026, 6, 10)
    dates = key_dates(today)
    assert dates == sorted(dates, key=lambda d: (d.date, d.title))
    titles = [d.title for d in dates]
    assert titles.count("Budget-setting Full Council") == 1
    assert "Induction day for new councillors" in titles
    assert "Annual meeting of the council" in titles
    assert titles.count("Full Council") >= 4
    upcoming = [d for d in dates if d.date >= today]
    assert all(d.date <= today + datetime.timedelta(days=366) for d in upcoming)
    assert len(upcoming) == len(dates) - 1  # one past date, for the manage page
    induction = next(d for d in dates if d.title.startswith("Induction day"))
    assert induction.date >= today + datetime.timedelta(days=14)
    budget = next(d for d in dates if d.title.startswith("Budget"))
    assert budget.date == datetime.date(2027, 2, 25)  # the last Thursday of February
    assert all(d.end_date is None or d.end_date >= d.date for d in dates)
    assert [(d.title, d.date) for d in key_dates(today)] == [(d.title, d.date) for d in dates]


def test_build_booklet_links_what_the_other_demos_made(world):
    ensure_sections()
    support = OrgUnit.objects.create(name="Member support", kind=UnitKind.TEAM)
    OrgUnit.objects.create(name="ICT service desk", kind=UnitKind.TEAM)
    officer = Officer.objects.create(
        full_name="Sam Support",
        job_title="Member support officer",
        unit=support,
        user=world.support,
    )
    scheme = Document.objects.create(
        kind=DocumentKind.ALLOWANCES,
        title="Members' allowances scheme 2026/27",
        url="https://example.org/a",
        members_only=True,
    )
    Document.objects.create(
        kind=DocumentKind.GUIDANCE,
        title="Lone working guide for councillors",
        url="https://example.org/b",
        is_published=False,
    )
    BookletSection.objects.filter(key=SectionKey.WHOS_WHO).update(title="Edited")
    builder = SimpleNamespace(today=timezone.localdate(), democratic=world.democratic)
    counts = build_booklet(builder)
    assert BookletSection.objects.get(key=SectionKey.WHOS_WHO).title == "Who's who"
    assert counts["booklet key dates"] == KeyDate.objects.count() >= 10
    assert KeyDate.history.filter(history_user=world.democratic).count() == KeyDate.objects.count()
    member_support = BookletSection.objects.get(key=SectionKey.MEMBER_SUPPORT)
    assert list(member_support.units.all()) == [support]
    assert list(member_support.officers.all()) == [officer]
    allowances = BookletSection.objects.get(key=SectionKey.ALLOWANCES)
    assert list(allowances.documents.all()) == [scheme]
    # Unpublished documents are not linked.
    assert not BookletSection.objects.get(key=SectionKey.HEALTH_AND_SAFETY).documents.exists()
    assert counts["booklet contacts and documents listed"] == 5  # support x2, ICT, officer, scheme
    # The same again gives the same links.
    build_booklet(builder)
    assert list(member_support.units.all()) == [support]


def test_the_demo_council_has_a_leader_in_the_booklet(client_for, db):
    from councillor_hub.core.demo.builder import DemoCouncilBuilder
    from councillor_hub.core.demo.committees import build_committees

    builder = DemoCouncilBuilder(seed=11, cases=0, constituents=0, enquiries=0)
    builder.build_places()
    builder.build_people()
    build_committees(builder)
    build_booklet(builder)
    from councillor_hub.committees.models import CabinetPortfolio

    leader_portfolio = CabinetPortfolio.objects.get(is_leader=True)
    assert leader_portfolio.title.startswith("Leader of the Council")
    holder = leader_portfolio.holdings.get(end_date__isnull=True).councillor
    html = client_for(builder.democratic).get(reverse("booklet:booklet")).content.decode()
    leader = html[html.index("data-leader") :]
    assert leader.index(holder.full_name) < leader.index("</dd>")
    assert "Induction day for new councillors" in html
