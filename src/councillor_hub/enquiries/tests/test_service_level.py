"""Service levels: due dates, the paused clock, the one extension, the follow-up window."""

from datetime import datetime, timedelta
from itertools import count
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from councillor_hub.accounts.models import UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAssignment,
    EnquiryCategory,
    EnquiryEvent,
    EnquiryStatus,
    EventKind,
    ServiceLevel,
    Urgency,
)
from councillor_hub.enquiries.services.service_level import (
    ALREADY_EXTENDED,
    clock_pause,
    clock_resume,
    due_at_for,
    due_date_extend,
    follow_up_until_for,
    service_level_for,
)
from councillor_hub.notifications.models import Notification

LONDON = ZoneInfo("Europe/London")
_numbers = count(1)


def at(y, m, d, hh=10, mm=0):
    return datetime(y, m, d, hh, mm, tzinfo=LONDON)


def make_enquiry(world, **fields) -> Enquiry:
    values = {
        "reference": f"ENQ-2026-{next(_numbers):05d}",
        "member": world.councillor,
        "raised_by": world.councillor,
        "service_area": world.highways,
        "subject": "Pothole outside the school",
        "description": "A deep pothole at 12 Acacia Avenue, reported by Mrs Smith.",
        "received_at": at(2026, 3, 9, 10),
        "status": EnquiryStatus.IN_PROGRESS,
        "urgency": Urgency.STANDARD,
    }
    values.update(fields)
    return Enquiry.unrestricted.create(**values)


@pytest.fixture
def potholes(world):
    return EnquiryCategory.objects.create(service_area=world.highways, name="Potholes")


@pytest.mark.django_db
def test_seeded_defaults_and_category_override(world, potholes):
    assert service_level_for(urgency=Urgency.STANDARD, category=None).working_days == 5
    assert service_level_for(urgency=Urgency.COMPLEX, category=None).working_days == 10
    assert service_level_for(urgency=Urgency.EMERGENCY, category=None).clock_hours == 4
    # No row for the category yet: the default applies.
    assert service_level_for(urgency=Urgency.STANDARD, category=potholes).working_days == 5
    ServiceLevel.objects.create(urgency=Urgency.STANDARD, category=potholes, working_days=3)
    assert service_level_for(urgency=Urgency.STANDARD, category=potholes).working_days == 3
    assert service_level_for(urgency=Urgency.URGENT, category=potholes).working_days == 2


@pytest.mark.django_db
def test_due_dates_skip_weekends_and_bank_holidays(world, potholes):
    # Received Thursday 2 April 2026: Good Friday and Easter Monday are bank holidays.
    enquiry = make_enquiry(world, received_at=at(2026, 4, 2, 11))
    assert due_at_for(enquiry=enquiry) == at(2026, 4, 13, 11)
    enquiry.urgency = Urgency.URGENT
    assert due_at_for(enquiry=enquiry) == at(2026, 4, 8, 11)
    ServiceLevel.objects.create(urgency=Urgency.URGENT, category=potholes, working_days=1)
    enquiry.category = potholes
    assert due_at_for(enquiry=enquiry) == at(2026, 4, 7, 11)


@pytest.mark.django_db
def test_untriaged_enquiry_uses_the_members_suggested_urgency(world):
    enquiry = make_enquiry(world, urgency="", suggested_urgency=Urgency.URGENT)
    assert due_at_for(enquiry=enquiry) == at(2026, 3, 11, 10)


@pytest.mark.django_db
def test_emergencies_run_on_clock_hours_even_at_the_weekend(world):
    saturday_night = at(2026, 3, 7, 22, 30)
    enquiry = make_enquiry(world, urgency=Urgency.EMERGENCY, received_at=saturday_night)
    assert due_at_for(enquiry=enquiry) == saturday_night + timedelta(hours=4)


@pytest.mark.django_db
def test_pausing_for_the_member_moves_the_due_date_by_the_paused_working_days(world):
    enquiry = make_enquiry(world)
    enquiry.due_at = due_at_for(enquiry=enquiry)
    assert enquiry.due_at == at(2026, 3, 16, 10)
    clock_pause(enquiry=enquiry, at=at(2026, 3, 10, 12))
    assert enquiry.paused_at == at(2026, 3, 10, 12)
    clock_pause(enquiry=enquiry, at=at(2026, 3, 11, 12))  # already paused: unchanged
    assert enquiry.paused_at == at(2026, 3, 10, 12)
    # Paused Tuesday noon to the following Monday noon: 4 working days.
    clock_resume(enquiry=enquiry, at=at(2026, 3, 16, 12))
    assert enquiry.paused_at is None
    assert enquiry.due_at == at(2026, 3, 20, 10)
    clock_resume(enquiry=enquiry, at=at(2026, 3, 17, 12))  # not paused: nothing happens
    assert enquiry.due_at == at(2026, 3, 20, 10)


@pytest.mark.django_db
def test_a_short_pause_does_not_move_the_due_date(world):
    enquiry = make_enquiry(world, due_at=at(2026, 3, 16, 10))
    clock_pause(enquiry=enquiry, at=at(2026, 3, 10, 12))
    clock_resume(enquiry=enquiry, at=at(2026, 3, 10, 15))
    assert enquiry.due_at == at(2026, 3, 16, 10)


@pytest.mark.django_db
def test_emergency_pause_moves_the_due_time_by_clock_time(world):
    enquiry = make_enquiry(world, urgency=Urgency.EMERGENCY, due_at=at(2026, 3, 7, 14))
    clock_pause(enquiry=enquiry, at=at(2026, 3, 7, 11))
    clock_resume(enquiry=enquiry, at=at(2026, 3, 7, 12, 30))
    assert enquiry.due_at == at(2026, 3, 7, 15, 30)


@pytest.mark.django_db
def test_extend_once_tells_the_member_why(world):
    enquiry = make_enquiry(world, urgency=Urgency.COMPLEX, due_at=at(2026, 3, 23, 10))
    mail.outbox.clear()
    enquiry = due_date_extend(
        actor=world.support, enquiry=enquiry, working_days=5, reason="Needs a site survey"
    )
    enquiry.refresh_from_db()
    assert enquiry.due_at == at(2026, 3, 30, 10)
    assert enquiry.extended_at is not None
    assert enquiry.extension_reason == "Needs a site survey"
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.EXTENDED)
    assert event.visible_to_member
    assert "Needs a site survey" in event.body
    note = Notification.objects.get(recipient=world.councillor)
    assert enquiry.reference in note.title
    assert "extended" in note.title
    assert [m.to for m in mail.outbox] == [[world.councillor.email]]
    assert "Acacia" not in mail.outbox[0].body
    assert "Needs a site survey" not in mail.outbox[0].body

    with pytest.raises(ValidationError) as error:
        due_date_extend(actor=world.support, enquiry=enquiry, working_days=5, reason="Again")
    assert ALREADY_EXTENDED in error.value.messages
    enquiry.refresh_from_db()
    assert enquiry.due_at == at(2026, 3, 30, 10)


@pytest.mark.django_db
def test_assigned_officer_may_extend_but_not_others(world):
    enquiry = make_enquiry(world, due_at=at(2026, 3, 16, 10))
    with pytest.raises(PermissionDenied):
        due_date_extend(actor=world.other, enquiry=enquiry, working_days=2, reason="x")
    with pytest.raises(PermissionDenied):
        due_date_extend(actor=world.highways_officer, enquiry=enquiry, working_days=2, reason="x")
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, service_area=world.highways)
    due_date_extend(
        actor=world.highways_officer, enquiry=enquiry, working_days=2, reason="Contractor delay"
    )
    enquiry.refresh_from_db()
    assert enquiry.due_at == at(2026, 3, 18, 10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"status": EnquiryStatus.CLOSED}, "Only an open enquiry can be extended"),
        ({}, "Enter the reason for the extension"),
    ],
)
def test_extension_refused(world, fields, message):
    enquiry = make_enquiry(world, due_at=at(2026, 3, 16, 10), **fields)
    with pytest.raises(ValidationError) as error:
        due_date_extend(actor=world.support, enquiry=enquiry, working_days=2, reason="  ")
    assert message in error.value.messages


@pytest.mark.django_db
def test_follow_up_window(world, settings):
    assert follow_up_until_for(answered_at=at(2026, 4, 2, 15)) == at(2026, 4, 13, 15)
    settings.ENQUIRY_FOLLOW_UP_WORKING_DAYS = 2
    assert follow_up_until_for(answered_at=at(2026, 4, 2, 15)) == at(2026, 4, 8, 15)


@pytest.mark.django_db
def test_service_manager_scoped_elsewhere_may_not_extend(world):
    from councillor_hub.accounts.tests.factories import ServiceAreaFactory, UserFactory

    parks = ServiceAreaFactory(name="Parks", slug="parks-test")
    parks_manager = UserFactory(email="parks-manager@demo.test")
    UserRole.objects.create(user=parks_manager, role=Role.SERVICE_MANAGER, service_area=parks)
    enquiry = make_enquiry(world, due_at=at(2026, 3, 16, 10))
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, service_area=world.highways)
    with pytest.raises(PermissionDenied):
        due_date_extend(actor=parks_manager, enquiry=enquiry, working_days=2, reason="x")
