"""The booklet's services: only content managers change it; every change is audited (by key or
id, never the text) and keeps history; bad input is refused in GOV.UK words."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.booklet import services
from councillor_hub.booklet.models import BookletSection, KeyDate, SectionKey
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.library.models import Document, DocumentKind

from .builders import ensure_sections

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 9, 1)


@pytest.fixture(autouse=True)
def sections(db):
    """The data migration's rows (a test database keeps them, but be explicit)."""
    ensure_sections()


def test_section_update_keeps_history_and_audits(world):
    section = services.section_update(
        actor=world.democratic,
        key=SectionKey.ICT,
        title="  ICT help and devices ",
        body="Line one  \r\nline two\r\n\r\n\r\n\r\nSecond paragraph.",
    )
    assert section.title == "ICT help and devices"
    assert section.body == "Line one\nline two\n\nSecond paragraph."
    latest = section.history.latest()
    assert latest.history_user == world.democratic
    event = AuditEvent.objects.get(object_type="booklet.bookletsection")
    assert event.action == Action.UPDATE
    assert event.object_label == "booklet section ict"
    assert "ICT help" not in event.detail and "paragraph" not in event.detail
    # Saving the same text again changes nothing.
    services.section_update(
        actor=world.democratic, key=SectionKey.ICT, title=section.title, body=section.body
    )
    assert AuditEvent.objects.filter(object_type="booklet.bookletsection").count() == 1


def test_section_update_makes_a_missing_row(world):
    BookletSection.objects.filter(key=SectionKey.WELCOME).delete()
    section = services.section_update(
        actor=world.admin, key=SectionKey.WELCOME, title="Welcome", body="Hello."
    )
    assert section.pk and section.body == "Hello."
    assert AuditEvent.objects.get(object_type="booklet.bookletsection").action == Action.CREATE


@pytest.mark.parametrize(
    "title, body, field",
    [("", "x", "title"), ("x" * 151, "x", "title"), ("Fine", "x" * 10_001, "body")],
)
def test_section_update_refuses_bad_text(world, title, body, field):
    with pytest.raises(ValidationError) as error:
        services.section_update(actor=world.democratic, key=SectionKey.ICT, title=title, body=body)
    assert field in error.value.message_dict


def test_unknown_section_is_refused(world):
    with pytest.raises(ValidationError):
        services.section_update(actor=world.democratic, key="nonsense", title="x")


@pytest.mark.parametrize("person", ["councillor", "support", "highways_officer", "whip", "mp"])
def test_only_content_managers_change_the_booklet(world, person):
    actor = getattr(world, person)
    key_date = KeyDate.objects.create(title="Induction day", date=TODAY)
    with pytest.raises(PermissionDenied):
        services.section_update(actor=actor, key=SectionKey.ICT, title="Mine")
    with pytest.raises(PermissionDenied):
        services.section_link_add(actor=actor, key=SectionKey.ICT, kind="unit", pk=1)
    with pytest.raises(PermissionDenied):
        services.section_link_remove(actor=actor, key=SectionKey.ICT, kind="unit", pk=1)
    with pytest.raises(PermissionDenied):
        services.key_date_create(actor=actor, title="Mine", date=TODAY)
    with pytest.raises(PermissionDenied):
        services.key_date_update(actor=actor, key_date=key_date, title="Mine", date=TODAY)
    with pytest.raises(PermissionDenied):
        services.key_date_delete(actor=actor, key_date=key_date)
    assert not AuditEvent.objects.exists()
    assert KeyDate.objects.get().title == "Induction day"


def test_links_are_added_once_and_removed_with_an_audit(world):
    unit = OrgUnit.objects.create(name="ICT service desk", kind=UnitKind.TEAM)
    officer = Officer.objects.create(full_name="Ivy Ict", job_title="Analyst", unit=unit)
    document = Document.objects.create(
        kind=DocumentKind.GUIDANCE, title="ICT guide", url="https://example.org/ict"
    )
    section = BookletSection.objects.get(key=SectionKey.ICT)
    before = section.updated_at
    for kind, pk in (("unit", unit.pk), ("officer", officer.pk), ("document", document.pk)):
        services.section_link_add(actor=world.democratic, key=SectionKey.ICT, kind=kind, pk=pk)
        services.section_link_add(actor=world.democratic, key=SectionKey.ICT, kind=kind, pk=pk)
    section.refresh_from_db()
    assert list(section.units.all()) == [unit]
    assert list(section.officers.all()) == [officer]
    assert list(section.documents.all()) == [document]
    assert section.updated_at > before
    events = AuditEvent.objects.filter(object_type="booklet.bookletsection")
    assert events.count() == 3
    assert {e.detail for e in events} == {
        f"Listed unit #{unit.pk}",
        f"Listed officer #{officer.pk}",
        f"Listed document #{document.pk}",
    }
    services.section_link_remove(
        actor=world.democratic, key=SectionKey.ICT, kind="officer", pk=officer.pk
    )
    services.section_link_remove(
        actor=world.democratic, key=SectionKey.ICT, kind="officer", pk=officer.pk
    )
    assert not section.officers.exists()
    assert Officer.objects.filter(pk=officer.pk).exists()  # only the link goes
    assert AuditEvent.objects.filter(object_type="booklet.bookletsection").count() == 4


def test_only_current_records_can_be_added(world):
    leaver = Officer.objects.create(full_name="Lee Leaver", job_title="Clerk", is_active=False)
    draft = Document.objects.create(
        kind=DocumentKind.GUIDANCE, title="Draft", url="https://example.org/d", is_published=False
    )
    for kind, pk in (("officer", leaver.pk), ("document", draft.pk), ("unit", 999_999)):
        with pytest.raises(ValidationError):
            services.section_link_add(actor=world.democratic, key=SectionKey.ICT, kind=kind, pk=pk)
    with pytest.raises(ValidationError):
        services.section_link_add(actor=world.democratic, key=SectionKey.ICT, kind="user", pk=1)
    assert not AuditEvent.objects.exists()


def test_key_dates_are_created_changed_and_removed_with_history(world):
    key_date = services.key_date_create(
        actor=world.democratic,
        title=" Induction day ",
        date=TODAY,
        end_date=TODAY,
        description="Civic centre.",
    )
    assert key_date.title == "Induction day" and key_date.end_date is None
    services.key_date_update(
        actor=world.democratic,
        key_date=key_date,
        title="Induction days",
        date=TODAY,
        end_date=TODAY + datetime.timedelta(days=1),
    )
    key_date.refresh_from_db()
    assert key_date.end_date == TODAY + datetime.timedelta(days=1)
    assert key_date.description == ""
    pk = key_date.pk
    services.key_date_delete(actor=world.democratic, key_date=key_date)
    assert not KeyDate.objects.filter(pk=pk).exists()
    history = KeyDate.history.filter(id=pk).order_by("history_date")
    assert [h.history_type for h in history] == ["+", "~", "-"]
    assert all(h.history_user == world.democratic for h in history)
    actions = list(
        AuditEvent.objects.filter(object_type="booklet.keydate", object_id=str(pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [Action.CREATE, Action.UPDATE, Action.DELETE]
    assert not AuditEvent.objects.filter(object_label__icontains="induction").exists()


@pytest.mark.parametrize(
    "values, field",
    [
        ({"title": "", "date": TODAY}, "title"),
        ({"title": "x", "date": None}, "date"),
        ({"title": "x", "date": TODAY, "end_date": TODAY - datetime.timedelta(days=1)}, "end_date"),
        ({"title": "x", "date": TODAY, "description": "x" * 2_001}, "description"),
    ],
)
def test_key_dates_refuse_bad_values(world, values, field):
    with pytest.raises(ValidationError) as error:
        services.key_date_create(actor=world.democratic, **values)
    assert field in error.value.message_dict
    assert not KeyDate.objects.exists()


def test_upcoming_key_dates_include_ones_still_running(world):
    from councillor_hub.booklet.selectors import upcoming_key_dates

    today = timezone.localdate()
    KeyDate.objects.create(title="Past", date=today - datetime.timedelta(days=3))
    KeyDate.objects.create(
        title="Running",
        date=today - datetime.timedelta(days=1),
        end_date=today + datetime.timedelta(days=1),
    )
    KeyDate.objects.create(title="Today", date=today)
    assert [d.title for d in upcoming_key_dates(today)] == ["Running", "Today"]


def test_date_spans_read_briefly():
    from councillor_hub.booklet.selectors import clock_time, date_span

    assert date_span(datetime.date(2026, 5, 12), None) == "Tuesday 12 May 2026"
    assert date_span(datetime.date(2026, 5, 12), datetime.date(2026, 5, 14)) == "12 to 14 May 2026"
    assert date_span(datetime.date(2026, 5, 30), datetime.date(2026, 6, 2)) == (
        "30 May to 2 June 2026"
    )
    assert date_span(datetime.date(2026, 12, 30), datetime.date(2027, 1, 2)) == (
        "30 December 2026 to 2 January 2027"
    )
    assert clock_time(datetime.time(9, 0)) == "9am"
    assert clock_time(datetime.time(17, 30)) == "5:30pm"
    assert clock_time(datetime.time(12, 0)) == "12 noon"
