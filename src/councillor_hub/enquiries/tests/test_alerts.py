"""Reminders, escalations, emergency alerts and follow-up closure: each exactly once."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from councillor_hub.accounts.models import UserRole
from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.directory.models import ContactKind, OutOfHoursContact
from councillor_hub.enquiries.models import (
    AlertKind,
    EnquiryAlert,
    EnquiryAssignment,
    EnquiryEvent,
    EnquiryStatus,
    EventKind,
    Urgency,
)
from councillor_hub.enquiries.services.alerts import alert_key, emergency_alert, sweep
from councillor_hub.enquiries.services.service_level import due_date_extend
from councillor_hub.enquiries.tasks import send_enquiry_alert
from councillor_hub.notifications.models import Notification

from .test_service_level import at, make_enquiry

# A Wednesday morning, well clear of bank holidays.
NOW = at(2026, 3, 18, 10)


@pytest.fixture
def director(world):
    person = UserFactory(email="director@demo.test")
    UserRole.objects.create(user=person, role=Role.DIRECTOR, service_area=world.highways)
    return person


@pytest.fixture
def on_call(world):
    return OutOfHoursContact.objects.create(
        service_area=world.highways,
        kind=ContactKind.ON_CALL,
        name="Highways duty engineer",
        phone="01234 567890",
        email="highways-on-call@council.test",
        review_date=date(2027, 1, 1),
    )


def acknowledged(world, **fields):
    """An open enquiry, acknowledged (so no acknowledgement alert), held by the officer."""
    enquiry = make_enquiry(
        world,
        received_at=at(2026, 3, 9, 10),
        acknowledged_at=at(2026, 3, 9, 11),
        **fields,
    )
    EnquiryAssignment.unrestricted.create(
        enquiry=enquiry, officer=world.highways_officer, is_lead=True
    )
    return enquiry


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def kinds(report):
    return sorted(kind for kind, _ in report.alerts)


@pytest.mark.django_db
def test_overdue_escalates_to_the_service_manager_once_and_only_once(world):
    enquiry = acknowledged(world, due_at=at(2026, 3, 17, 10))
    mail.outbox.clear()

    report = sweep(now=NOW)

    assert report.alerts == [(AlertKind.OVERDUE_MANAGER, enquiry.reference)]
    alert = EnquiryAlert.unrestricted.get(enquiry=enquiry)
    assert alert.kind == AlertKind.OVERDUE_MANAGER
    assert alert.key == alert_key(enquiry.due_at)
    assert alert.sent_at is not None  # the immediate backend ran the task
    assert recipients() == sorted([world.manager.email, world.councillor.email])
    for message in mail.outbox:
        assert enquiry.reference in message.subject
        assert "Acacia" not in message.body and "Pothole" not in message.body
        assert "Sign in to see the details" in message.body
    member_note = Notification.objects.get(recipient=world.councillor)
    assert "overdue" in member_note.title
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.ESCALATED)
    assert event.visible_to_member

    # Again, and again through the command as a fresh run: nothing more.
    mail.outbox.clear()
    assert sweep(now=NOW + timedelta(minutes=5)).alerts == []
    out = StringIO()
    call_command("enquiries_sweep", "--at", "2026-03-18T10:10", stdout=out)
    assert "0 new alert(s)" in out.getvalue()
    assert mail.outbox == []
    assert EnquiryAlert.unrestricted.count() == 1
    assert EnquiryEvent.unrestricted.filter(kind=EventKind.ESCALATED).count() == 1
    # A second delivery of the same task (or a re-run after a worker restart) sends nothing.
    assert send_enquiry_alert.call(alert.pk) is False
    assert mail.outbox == []


@pytest.mark.django_db
def test_director_escalation_after_the_further_delay(world, director, settings):
    settings.ENQUIRY_DIRECTOR_ESCALATION_WORKING_DAYS = 3
    enquiry = acknowledged(world, due_at=at(2026, 3, 13, 10))  # a Friday
    sweep(now=at(2026, 3, 17, 10))  # 2 working days late: the manager only
    assert set(EnquiryAlert.unrestricted.values_list("kind", flat=True)) == {
        AlertKind.OVERDUE_MANAGER
    }
    mail.outbox.clear()
    report = sweep(now=at(2026, 3, 18, 10))  # 3 working days late
    assert report.alerts == [(AlertKind.OVERDUE_DIRECTOR, enquiry.reference)]
    assert recipients() == [director.email]
    assert sweep(now=at(2026, 3, 19, 10)).alerts == []


@pytest.mark.django_db
def test_reminder_before_the_due_date_and_again_after_an_extension(world):
    enquiry = acknowledged(world, due_at=at(2026, 3, 19, 9))  # within 1 working day of NOW
    mail.outbox.clear()
    report = sweep(now=NOW)
    assert report.alerts == [(AlertKind.REMINDER, enquiry.reference)]
    assert recipients() == [world.highways_officer.email]
    assert "Reminder" in mail.outbox[0].subject
    assert sweep(now=NOW + timedelta(hours=1)).alerts == []

    enquiry = due_date_extend(
        actor=world.support, enquiry=enquiry, working_days=2, reason="Awaiting a contractor"
    )
    assert sweep(now=NOW + timedelta(hours=2)).alerts == []  # the new date is not close yet
    mail.outbox.clear()
    report = sweep(now=at(2026, 3, 20, 10))
    assert report.alerts == [(AlertKind.REMINDER, enquiry.reference)]
    assert recipients() == [world.highways_officer.email]
    assert EnquiryAlert.unrestricted.filter(kind=AlertKind.REMINDER).count() == 2


@pytest.mark.django_db
def test_reminder_without_a_named_officer_goes_to_the_service_team(world):
    enquiry = make_enquiry(world, acknowledged_at=NOW, due_at=at(2026, 3, 19, 9))
    EnquiryAssignment.unrestricted.create(enquiry=enquiry, service_area=world.highways)
    mail.outbox.clear()
    sweep(now=NOW)
    assert recipients() == [world.highways_officer.email]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status", [EnquiryStatus.CLOSED, EnquiryStatus.REDIRECTED, EnquiryStatus.DUPLICATE]
)
def test_nothing_for_finished_enquiries(world, on_call, status):
    make_enquiry(world, status=status, due_at=at(2026, 3, 2, 10), acknowledged_at=None)
    make_enquiry(world, status=status, urgency=Urgency.EMERGENCY, due_at=at(2026, 3, 2, 10))
    mail.outbox.clear()
    assert sweep(now=NOW).alerts == []
    assert mail.outbox == []
    assert not EnquiryAlert.unrestricted.exists()


@pytest.mark.django_db
def test_nothing_while_awaiting_the_member(world):
    acknowledged(world, status=EnquiryStatus.AWAITING_MEMBER, due_at=at(2026, 3, 2, 10))
    acknowledged(world, due_at=at(2026, 3, 2, 10), paused_at=at(2026, 3, 1, 10))
    assert sweep(now=NOW).alerts == []


@pytest.mark.django_db
def test_unacknowledged_by_the_end_of_the_next_working_day_alerts_the_support_team(world):
    enquiry = make_enquiry(world, status=EnquiryStatus.NEW, received_at=at(2026, 3, 9, 16, 30))
    assert sweep(now=at(2026, 3, 10, 16, 59)).alerts == []
    mail.outbox.clear()
    report = sweep(now=at(2026, 3, 10, 17, 1))
    assert report.alerts == [(AlertKind.ACKNOWLEDGEMENT_DUE, enquiry.reference)]
    assert recipients() == [world.support.email]
    event = EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.REMINDER)
    assert not event.visible_to_member
    assert sweep(now=at(2026, 3, 11, 9)).alerts == []


@pytest.mark.django_db
def test_acknowledged_enquiries_raise_no_acknowledgement_alert(world):
    make_enquiry(world, status=EnquiryStatus.NEW, acknowledged_at=at(2026, 3, 9, 12))
    assert sweep(now=NOW).alerts == []


@pytest.mark.django_db
def test_emergency_alerts_the_on_call_contact_at_once(world, on_call):
    enquiry = make_enquiry(
        world, status=EnquiryStatus.NEW, urgency="", suggested_urgency=Urgency.EMERGENCY
    )
    mail.outbox.clear()
    alert = emergency_alert(enquiry)
    assert alert is not None and alert.kind == AlertKind.EMERGENCY_ON_CALL
    assert recipients() == sorted([on_call.email, world.support.email])
    on_call_mail = next(m for m in mail.outbox if m.to == [on_call.email])
    assert enquiry.reference in on_call_mail.subject
    assert "Acacia" not in on_call_mail.body
    assert emergency_alert(enquiry) is None
    mail.outbox.clear()
    assert [k for k, _ in sweep(now=NOW).alerts if k == AlertKind.EMERGENCY_ON_CALL] == []
    assert not [m for m in mail.outbox if m.to == [on_call.email]]


@pytest.mark.django_db
def test_sweep_catches_an_emergency_the_raise_missed(world, on_call):
    enquiry = make_enquiry(
        world, urgency=Urgency.EMERGENCY, acknowledged_at=NOW, due_at=NOW + timedelta(hours=4)
    )
    mail.outbox.clear()
    report = sweep(now=NOW)
    assert (AlertKind.EMERGENCY_ON_CALL, enquiry.reference) in report.alerts
    assert on_call.email in recipients()


@pytest.mark.django_db
def test_emergency_without_an_on_call_contact_still_tells_the_team(world):
    enquiry = make_enquiry(world, urgency=Urgency.EMERGENCY)
    mail.outbox.clear()
    emergency_alert(enquiry)
    assert recipients() == [world.support.email]
    assert "act now" in mail.outbox[0].subject


@pytest.mark.django_db
def test_answered_enquiries_close_after_the_follow_up_window(world):
    enquiry = acknowledged(
        world,
        status=EnquiryStatus.ANSWERED,
        answered_at=at(2026, 3, 10, 10),
        follow_up_until=at(2026, 3, 17, 10),
    )
    waiting = acknowledged(
        world,
        status=EnquiryStatus.ANSWERED,
        answered_at=at(2026, 3, 16, 10),
        follow_up_until=at(2026, 3, 23, 10),
    )
    mail.outbox.clear()
    report = sweep(now=NOW)
    assert report.alerts == [(AlertKind.FOLLOW_UP_CLOSE, enquiry.reference)]
    enquiry.refresh_from_db()
    waiting.refresh_from_db()
    assert enquiry.status == EnquiryStatus.CLOSED
    assert enquiry.closed_at == NOW
    assert waiting.status == EnquiryStatus.ANSWERED
    assert recipients() == [world.councillor.email]
    assert "closed" in mail.outbox[0].subject
    assert EnquiryEvent.unrestricted.get(enquiry=enquiry, kind=EventKind.CLOSED).visible_to_member
    assert sweep(now=NOW).alerts == []


@pytest.mark.django_db
def test_an_alert_recorded_elsewhere_is_not_queued_again(world):
    """Another sweep got there first (the unique row exists): this one skips it quietly."""
    enquiry = acknowledged(world, due_at=at(2026, 3, 17, 10))
    EnquiryAlert.unrestricted.create(
        enquiry=enquiry,
        kind=AlertKind.OVERDUE_MANAGER,
        key=alert_key(enquiry.due_at),
        sent_at=timezone.now(),
    )
    mail.outbox.clear()
    assert sweep(now=NOW).alerts == []
    assert mail.outbox == []


@pytest.mark.django_db
def test_with_the_database_backend_tasks_wait_for_the_worker_and_send_once(world):
    """Queued tasks are rows in the database, so they survive a worker restart; a task run
    twice sends once."""
    from django_tasks_db.models import DBTaskResult

    enquiry = acknowledged(world, due_at=at(2026, 3, 17, 10))
    mail.outbox.clear()
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        report = sweep(now=NOW)
        assert report.alerts == [(AlertKind.OVERDUE_MANAGER, enquiry.reference)]
        assert DBTaskResult.objects.count() == 1
        alert = EnquiryAlert.unrestricted.get()
        assert alert.sent_at is None
        assert mail.outbox == []
        assert sweep(now=NOW).alerts == []
        assert DBTaskResult.objects.count() == 1

        # What the worker (manage.py db_worker) does with each ready row. (The real command
        # closes the database connection, which a test inside a transaction cannot allow.)
        queued = list(DBTaskResult.objects.ready())
        assert [r.task.func for r in queued] == [send_enquiry_alert.func]
        for row in queued:
            assert row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"])
        alert.refresh_from_db()
        assert alert.sent_at is not None
        assert recipients() == sorted([world.manager.email, world.councillor.email])

        # The same task delivered again (e.g. after a crash before it was marked done).
        mail.outbox.clear()
        assert send_enquiry_alert.call(alert.pk) is False
        assert mail.outbox == []


@pytest.mark.django_db
def test_unsent_alerts_are_queued_again_by_a_later_sweep(world):
    enquiry = acknowledged(world, due_at=at(2026, 3, 17, 10))
    alert = EnquiryAlert.unrestricted.create(
        enquiry=enquiry, kind=AlertKind.OVERDUE_MANAGER, key=alert_key(enquiry.due_at)
    )
    EnquiryAlert.unrestricted.filter(pk=alert.pk).update(
        created_at=timezone.now() - timedelta(hours=1)
    )
    mail.outbox.clear()
    report = sweep()  # now: the alert is an hour old and unsent
    assert report.retried == 1
    alert.refresh_from_db()
    assert alert.sent_at is not None
    assert world.manager.email in recipients()
    mail.outbox.clear()
    assert sweep().retried == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_sweep_command_prints_what_it_did(world):
    enquiry = acknowledged(world, due_at=timezone.now() - timedelta(days=1))
    out = StringIO()
    call_command("enquiries_sweep", stdout=out)
    text = out.getvalue()
    assert f"Escalated to the service manager: {enquiry.reference}" in text
    assert "1 new alert(s) queued" in text


@pytest.mark.django_db
def test_sweep_command_rejects_a_bad_time(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("enquiries_sweep", "--at", "soon", stdout=StringIO())


@pytest.mark.django_db
def test_task_ignores_an_alert_that_no_longer_exists(world):
    assert send_enquiry_alert.call(987654) is False
