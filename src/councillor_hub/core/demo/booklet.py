"""Demo data for the induction and key contacts booklet: a year of key dates (induction day,
training for the regulatory committees, Full Council, the budget meeting, the annual meeting)
and each section's contacts and documents, chosen from what the directory and library demos
made (member support and democratic services, the ICT service desk, the allowances scheme,
the lone working guide...). The sections' text is the default the booklet's migration seeds
(put back if it was edited, so a rebuilt demo is the same every time).

Called after build_directory, build_library and build_committees. Deterministic: dates come
from the builder's `today`, and records are found by name, so the same seed gives the same
booklet. Anything the other demos did not make is skipped."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from simple_history.utils import bulk_create_with_history

from councillor_hub.booklet.defaults import DEFAULT_SECTIONS
from councillor_hub.booklet.models import BookletSection, KeyDate, SectionKey
from councillor_hub.directory.models import Officer, OrgUnit
from councillor_hub.library.models import Document

if TYPE_CHECKING:
    from .builder import DemoCouncilBuilder

ONE_DAY = dt.timedelta(days=1)
MONDAY, WEDNESDAY, THURSDAY, SATURDAY = 0, 2, 3, 5

# Section -> (teams or services by name, officers by login email or job title, documents by
# title; a title ending in "*" matches its start, for this year's allowances scheme).
LINKS: dict[str, tuple[list[str], list[str], list[str]]] = {
    SectionKey.WELCOME: (
        [],
        [],
        [
            "Member development programme",
            "The Constitution",
            "Members' code of conduct",
            "Register of interests form",
            "Gifts and hospitality form",
        ],
    ),
    SectionKey.MEMBER_SUPPORT: (
        ["Member support", "Democratic services"],
        ["support@demo.test", "democratic@demo.test"],
        ["Protocol on member and officer relations"],
    ),
    SectionKey.ENQUIRIES: (
        [],
        [],
        ["Guide to casework and data protection for councillors"],
    ),
    SectionKey.ICT: (
        ["ICT service desk", "Members' ICT support"],
        ["Members' ICT officer"],
        ["Members' ICT acceptable use guide", "Display screen equipment guide"],
    ),
    SectionKey.HEALTH_AND_SAFETY: (
        ["Emergency planning"],
        [],
        [
            "Lone working guide for councillors",
            "Personal safety at ward surgeries",
            "Fire evacuation procedure: civic centre",
            "Major incident plan: role of ward councillors",
            "Corporate health and safety policy",
        ],
    ),
    SectionKey.ALLOWANCES: (
        ["Member support"],
        [],
        [
            "Members' allowances scheme *",
            "Travel and subsistence claim form",
            "Independent remuneration panel report",
        ],
    ),
    SectionKey.COMMITTEES: (
        ["Democratic services"],
        [],
        ["Council procedure rules", "Planning code of good practice for members"],
    ),
}


def _on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def _last_weekday(year: int, month: int, weekday: int) -> dt.date:
    day = dt.date(year + month // 12, month % 12 + 1, 1) - ONE_DAY
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _next(today: dt.date, make) -> dt.date:
    """The first date made by `make(year)` that is after today."""
    day = make(today.year)
    return day if day > today else make(today.year + 1)


def key_dates(today: dt.date) -> list[KeyDate]:
    """A new councillor's year, from a fortnight from now."""
    induction = _on_or_after(today + dt.timedelta(days=14), SATURDAY)
    ict = _on_or_after(induction + ONE_DAY, MONDAY)
    dates = [
        KeyDate(
            title="Induction day for new councillors",
            date=induction,
            description="Council Chamber, Civic Centre, 9:30am to 4pm. Meet the chief "
            "executive, the directors and member support; collect your building pass (bring "
            "photo ID). Lunch is provided.",
        ),
        KeyDate(
            title="ICT set-up and casework training",
            date=ict,
            end_date=ict + ONE_DAY,
            description="Members' room, 10am to 1pm on either day: collect your laptop and "
            "phone, set up your council email, and learn Councillor Hub. Book a slot with "
            "member support.",
        ),
        KeyDate(
            title="Code of conduct and declaring interests",
            date=_on_or_after(ict + dt.timedelta(days=7), WEDNESDAY),
            description="Committee Room 1, 6pm to 8pm, with the monitoring officer. Register "
            "your interests within 28 days of your election.",
        ),
        KeyDate(
            title="Planning committee training (mandatory)",
            date=_on_or_after(ict + dt.timedelta(days=14), THURSDAY),
            description="Committee Room 2, 6pm to 8:30pm. Members and substitutes of the "
            "Planning Committee must attend before they sit.",
        ),
        KeyDate(
            title="Licensing committee training (mandatory)",
            date=_on_or_after(ict + dt.timedelta(days=21), THURSDAY),
            description="Committee Room 2, 6pm to 8:30pm. Members and substitutes of the "
            "Licensing Committee must attend before they sit.",
        ),
    ]
    council = _on_or_after(today + dt.timedelta(days=42), WEDNESDAY)
    budget = _next(today, lambda year: _last_weekday(year, 2, THURSDAY))
    annual = _next(today, lambda year: _on_or_after(dt.date(year, 5, 15), WEDNESDAY))
    year_end = today + dt.timedelta(days=365)
    while council <= year_end:
        if abs((council - budget).days) > 14 and abs((council - annual).days) > 14:
            dates.append(
                KeyDate(
                    title="Full Council",
                    date=council,
                    description="Council Chamber, 7pm. Papers are published five working "
                    "days before.",
                )
            )
        council += dt.timedelta(weeks=9)
    dates += [
        KeyDate(
            title="Budget-setting Full Council",
            date=budget,
            description="Council Chamber, 7pm. Full Council sets the budget and the council "
            "tax for the coming year. Group briefings on the budget run in the fortnight "
            "before.",
        ),
        KeyDate(
            title="Annual meeting of the council",
            date=annual,
            description="Council Chamber, 6pm. The council elects its chair and appoints its "
            "committees for the year.",
        ),
        KeyDate(
            title="Deadline for allowances and expenses claims",
            date=_next(today, lambda year: dt.date(year, 4, 30)),
            description="Claims for the financial year that ended on 31 March.",
        ),
        KeyDate(
            title="Welcome reception",
            date=today - dt.timedelta(days=21),
            description="Mayor's Parlour. (A past date: the booklet no longer shows it.)",
        ),
    ]
    dates.sort(key=lambda d: (d.date, d.title))
    return dates


def _documents(titles: list[str]) -> list[Document]:
    published = Document.objects.filter(is_published=True)
    found = []
    for title in titles:
        if title.endswith("*"):
            match = published.filter(title__startswith=title[:-1].strip()).order_by("pk").first()
        else:
            match = published.filter(title=title).order_by("pk").first()
        if match is not None:
            found.append(match)
    return found


def _officers(keys: list[str]) -> list[Officer]:
    active = Officer.objects.filter(is_active=True)
    found = []
    for key in keys:
        if "@" in key:
            match = active.filter(user__email=key).order_by("pk").first()
        else:
            match = active.filter(job_title=key).order_by("full_name", "pk").first()
        if match is not None:
            found.append(match)
    return found


def build_booklet(builder: DemoCouncilBuilder) -> dict[str, int]:
    """Add the key dates and link each section to the demo's contacts and documents."""
    manager = getattr(builder, "democratic", None)
    dates = key_dates(builder.today)
    for key_date in dates:
        if manager is not None:
            key_date._history_user = manager
    bulk_create_with_history(dates, KeyDate, default_user=manager)

    listed = 0
    for key in SectionKey.values:
        unit_names, officer_keys, titles = LINKS.get(key, ([], [], []))
        title, body = DEFAULT_SECTIONS[key]
        section, _ = BookletSection.objects.get_or_create(
            key=key, defaults={"title": title, "body": body}
        )
        if (section.title, section.body) != (title, body):
            # A rebuilt demo starts from the default text, whatever was edited before.
            section.title, section.body = title, body
            section._history_user = manager
            section.save()
        units = [
            unit
            for name in unit_names
            if (unit := OrgUnit.objects.filter(name=name, is_active=True).order_by("pk").first())
        ]
        officers = _officers(officer_keys)
        documents = _documents(titles)
        section.units.set(units)
        section.officers.set(officers)
        section.documents.set(documents)
        listed += len(units) + len(officers) + len(documents)
    return {"booklet key dates": len(dates), "booklet contacts and documents listed": listed}
