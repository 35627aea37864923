"""Out-of-hours contacts and emergency arrangement sections through their services: only
content managers change them; each change is audited (by id) and kept in history with who
made it; phone numbers must be plausible and new review dates in the future; withdrawn, never
deleted; "mark reviewed" moves the next review twelve months on."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.directory.models import (
    PHONE_ERROR,
    ContactKind,
    EmergencyArrangement,
    OutOfHoursContact,
    validate_phone_number,
)
from councillor_hub.directory.services import (
    arrangement_create,
    arrangement_mark_reviewed,
    arrangement_update,
    contact_create,
    contact_mark_reviewed,
    contact_update,
    next_review_date,
)
from councillor_hub.enquiries.selectors.member import out_of_hours_contacts

from .factories import EmergencyArrangementFactory, OutOfHoursContactFactory, in_days

NOT_MANAGERS = ["councillor", "delegate", "support", "highways_officer", "manager", "mp", "whip"]


def new_contact(actor, **kwargs):
    values = {
        "kind": ContactKind.OUT_OF_HOURS,
        "name": "Parks duty officer",
        "phone": "01632 960100",
        "review_date": in_days(200),
    }
    values.update(kwargs)
    return contact_create(actor=actor, **values)


@pytest.mark.parametrize("person", NOT_MANAGERS)
def test_only_content_managers_change_the_page(world, person):
    actor = getattr(world, person)
    contact = OutOfHoursContactFactory()
    section = EmergencyArrangementFactory()
    attempts = [
        lambda: new_contact(actor),
        lambda: contact_update(actor=actor, contact=contact, phone="01632 960999"),
        lambda: contact_update(actor=actor, contact=contact, is_active=False),
        lambda: contact_mark_reviewed(actor=actor, contact=contact),
        lambda: arrangement_create(actor=actor, title="T", body="B", review_date=in_days(9)),
        lambda: arrangement_update(actor=actor, arrangement=section, title="Changed"),
        lambda: arrangement_mark_reviewed(actor=actor, arrangement=section),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied):
            attempt()
    assert OutOfHoursContact.objects.count() == 1 and EmergencyArrangement.objects.count() == 1
    contact.refresh_from_db()
    section.refresh_from_db()
    assert contact.phone == "01632 960000" and contact.is_active
    assert section.title.startswith("Arrangements")
    assert not AuditEvent.objects.exists()


def test_contacts_are_audited_by_id_and_keep_history(world):
    contact = new_contact(world.democratic, name=" Parks duty officer ", phone=" 01632  960100 ")
    assert (contact.name, contact.phone) == ("Parks duty officer", "01632 960100")
    contact_update(actor=world.admin, contact=contact, phone="01632 960200", hours="Weekends")
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == [Action.CREATE, Action.UPDATE]
    assert all(e.object_label == f"out-of-hours contact #{contact.pk}" for e in events)
    assert "Parks" not in events[1].detail and "phone" in events[1].detail
    history = list(contact.history.order_by("history_id"))
    assert [h.phone for h in history] == ["01632 960100", "01632 960200"]
    assert [h.history_user for h in history] == [world.democratic, world.admin]
    assert not hasattr(history[0], "updated_at")  # not kept: it changes on every save


def test_an_update_that_changes_nothing_is_not_recorded(world):
    contact = OutOfHoursContactFactory(phone="01632 960000")
    contact_update(actor=world.admin, contact=contact, phone="01632  960000")
    assert not AuditEvent.objects.exists()
    assert contact.history.count() == 1


@pytest.mark.parametrize("phone", ["", "call the office", "12", "0163", "01632 96O 000", "1" * 16])
def test_phone_numbers_must_be_plausible(world, phone):
    with pytest.raises(ValidationError) as caught:
        new_contact(world.admin, phone=phone)
    assert "phone" in caught.value.message_dict
    assert not OutOfHoursContact.objects.exists()


@pytest.mark.parametrize("phone", ["101", "01632 960 001", "+44 1632 960001", "(01632) 960-001"])
def test_plausible_phone_numbers(phone):
    validate_phone_number(phone)


def test_phone_error_wording():
    with pytest.raises(ValidationError) as caught:
        validate_phone_number("ring the depot")
    assert caught.value.messages == [PHONE_ERROR]


@pytest.mark.parametrize("days", [0, -1, -400])
def test_a_new_review_date_must_be_in_the_future(world, days):
    with pytest.raises(ValidationError) as caught:
        new_contact(world.admin, review_date=in_days(days))
    assert caught.value.message_dict["review_date"] == ["The review date must be in the future"]
    with pytest.raises(ValidationError):
        arrangement_create(actor=world.admin, title="T", body="B", review_date=in_days(days))


def test_an_overdue_contact_can_be_fixed_without_moving_its_review(world):
    contact = OutOfHoursContactFactory(review_date=in_days(-10))
    contact_update(actor=world.admin, contact=contact, phone="01632 960555")
    contact.refresh_from_db()
    assert contact.phone == "01632 960555" and contact.review_date == in_days(-10)
    with pytest.raises(ValidationError):
        contact_update(actor=world.admin, contact=contact, review_date=in_days(-2))


def test_withdrawn_contacts_leave_the_enquiry_form_but_stay_with_history(world):
    contact = OutOfHoursContactFactory(service_area=world.highways, kind=ContactKind.ON_CALL)
    assert contact in out_of_hours_contacts(world.highways)
    contact_update(actor=world.admin, contact=contact, is_active=False)
    assert contact not in out_of_hours_contacts(world.highways)
    assert OutOfHoursContact.objects.filter(pk=contact.pk, is_active=False).exists()
    assert contact.history.first().history_change_reason == "Withdrawn"
    contact_update(actor=world.admin, contact=contact, is_active=True)
    assert contact.history.first().history_change_reason == "Brought back into use"


def test_mark_reviewed_moves_the_review_twelve_months_on(world):
    contact = OutOfHoursContactFactory(review_date=in_days(-5))
    contact_mark_reviewed(actor=world.democratic, contact=contact)
    contact.refresh_from_db()
    assert contact.review_date == next_review_date()
    assert contact.history.first().history_change_reason == "Reviewed"
    event = AuditEvent.objects.get()
    assert event.object_label == f"out-of-hours contact #{contact.pk}"
    assert event.detail == f"Reviewed; next review {next_review_date().isoformat()}"
    section = EmergencyArrangementFactory(review_date=in_days(1))
    arrangement_mark_reviewed(actor=world.admin, arrangement=section, next_review=in_days(30))
    section.refresh_from_db()
    assert section.review_date == in_days(30)
    with pytest.raises(ValidationError):
        arrangement_mark_reviewed(actor=world.admin, arrangement=section, next_review=in_days(0))


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 3, 18), datetime.date(2027, 3, 18)),
        (datetime.date(2028, 2, 29), datetime.date(2029, 2, 28)),
        (datetime.date(2026, 12, 31), datetime.date(2027, 12, 31)),
    ],
)
def test_next_review_date(today, expected):
    assert next_review_date(today) == expected
    assert next_review_date(datetime.date(2026, 8, 31), months=6) == datetime.date(2027, 2, 28)


def test_sections_are_audited_ordered_and_withdrawn_not_deleted(world):
    first = arrangement_create(
        actor=world.admin, title=" Major incidents ", body="Plan.\n", review_date=in_days(9)
    )
    second = arrangement_create(
        actor=world.admin, title="Rest centres", body="Schools.", review_date=in_days(9)
    )
    placed = arrangement_create(
        actor=world.admin, title="Who to call", body="999.", review_date=in_days(9), sort_order=0
    )
    assert first.title == "Major incidents" and first.body == "Plan."
    assert (first.sort_order, second.sort_order, placed.sort_order) == (10, 20, 0)
    arrangement_update(actor=world.democratic, arrangement=second, sort_order=None, body="Halls.")
    second.refresh_from_db()
    assert second.sort_order == 20 and second.body == "Halls."
    arrangement_update(actor=world.democratic, arrangement=second, is_active=False)
    assert EmergencyArrangement.objects.filter(pk=second.pk, is_active=False).exists()
    labels = set(AuditEvent.objects.values_list("object_label", flat=True))
    assert labels == {f"emergency arrangement #{s.pk}" for s in (first, second, placed)}
    assert [h.history_change_reason for h in second.history.order_by("history_id")] == [
        None,
        None,
        "Withdrawn",
    ]


def test_section_text_becomes_paragraphs_and_lists():
    section = EmergencyArrangement(
        body="First line\nsecond line\n\n\nIf you are asked to help:\n- Call first\n"
        "* Wear your badge\nThen wait.\r\n\r\n- Only item"
    )
    assert section.blocks == [
        ("p", "First line\nsecond line"),
        ("p", "If you are asked to help:"),
        ("ul", ["Call first", "Wear your badge"]),
        ("p", "Then wait."),
        ("ul", ["Only item"]),
    ]
    assert EmergencyArrangement(body="").blocks == []


def test_unknown_fields_are_a_programming_error(world):
    with pytest.raises(TypeError):
        new_contact(world.admin, is_superuser=True)
