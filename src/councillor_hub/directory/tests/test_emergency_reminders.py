"""Review reminders for the out-of-hours and emergency arrangements page: content managers
(democratic services and administrators) are told once per review date, in one notification
that counts what is due; marking an item reviewed re-arms it; withdrawn items and future dates
are left alone; through the service, the task and the command. Also the shared once-per-date
helper (core/reminders.py)."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.core.reminders import claim_reminder, due_for_reminder
from councillor_hub.directory.models import OutOfHoursContact
from councillor_hub.directory.services import (
    contact_mark_reviewed,
    emergency_review_reminders,
    reminder_title,
)
from councillor_hub.directory.tasks import emergency_review_reminders_task
from councillor_hub.notifications.models import Notification

from .factories import EmergencyArrangementFactory, OutOfHoursContactFactory

TODAY = datetime.date(2026, 3, 2)
URL = "/directory/out-of-hours/#review-due"


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


def test_content_managers_are_reminded_once_per_review_date(world):
    contact = OutOfHoursContactFactory(review_date=days(0))
    OutOfHoursContactFactory(review_date=days(-40))
    EmergencyArrangementFactory(review_date=days(-1))
    OutOfHoursContactFactory(review_date=days(1))  # not yet
    OutOfHoursContactFactory(review_date=days(-5), is_active=False)  # withdrawn
    EmergencyArrangementFactory(review_date=days(-5), is_active=False)

    assert emergency_review_reminders(today=TODAY) == 3
    assert emergency_review_reminders(today=TODAY) == 0
    assert emergency_review_reminders(today=days(0)) == 0

    notes = list(Notification.objects.order_by("recipient_id"))
    assert {n.recipient for n in notes} == {world.democratic, world.admin}
    assert {n.title for n in notes} == {
        "Out-of-hours and emergency arrangements: 2 contacts and 1 section are due for review"
    }
    assert {n.url for n in notes} == {URL}
    assert len(mail.outbox) == 2
    contact.refresh_from_db()
    assert contact.review_reminder_for == days(0)

    # The next day, the one that was "not yet" is due: reminded on its own.
    assert emergency_review_reminders(today=days(1)) == 1
    assert (
        Notification.objects.filter(
            title="Out-of-hours and emergency arrangements: 1 contact is due for review"
        ).count()
        == 2
    )


def test_a_new_review_date_re_arms_the_reminder(world):
    contact = OutOfHoursContactFactory(review_date=days(-1))
    assert emergency_review_reminders(today=TODAY) == 1
    # Reviewed (the real date moves a year on), then that date comes round.
    contact_mark_reviewed(actor=world.admin, contact=contact)
    contact.refresh_from_db()
    assert emergency_review_reminders(today=TODAY) == 0
    assert emergency_review_reminders(today=contact.review_date) == 1
    assert emergency_review_reminders(today=contact.review_date) == 0
    assert Notification.objects.count() == 4  # two managers, twice


def test_a_history_of_the_reminder_is_not_kept(world):
    contact = OutOfHoursContactFactory(review_date=days(-1))
    emergency_review_reminders(today=TODAY)
    assert contact.history.count() == 1  # the claim is not a change to the contact


def test_nobody_to_tell_leaves_it_armed(db):
    contact = OutOfHoursContactFactory(review_date=days(-3))
    UserFactory(roles=[Role.DEMOCRATIC_SERVICES_OFFICER], is_active=False)
    assert emergency_review_reminders(today=TODAY) == 0
    contact.refresh_from_db()
    assert contact.review_reminder_for is None
    assert not Notification.objects.exists()


def test_task_and_command(world):
    OutOfHoursContactFactory(review_date=days(3))
    EmergencyArrangementFactory(review_date=days(40))
    result = emergency_review_reminders_task.enqueue(today=days(3).isoformat())
    assert result.return_value == 1
    out = StringIO()
    call_command("emergency_review_reminders", "--today", days(40).isoformat(), stdout=out)
    assert "1 contact(s) or section(s) reminded" in out.getvalue()
    call_command("emergency_review_reminders", "--today", days(40).isoformat(), stdout=out)
    assert "0 contact(s) or section(s) reminded" in out.getvalue()
    assert Notification.objects.count() == 4


def test_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError):
        call_command("emergency_review_reminders", "--today", "yesterday")


@pytest.mark.parametrize(
    ("contacts", "sections", "title"),
    [
        (1, 0, "1 contact is due for review"),
        (0, 1, "1 section is due for review"),
        (3, 2, "3 contacts and 2 sections are due for review"),
    ],
)
def test_reminder_titles(contacts, sections, title):
    assert reminder_title(contacts=contacts, sections=sections) == (
        f"Out-of-hours and emergency arrangements: {title}"
    )


# --- The shared helper ---------------------------------------------------------------------


def test_only_one_of_two_overlapping_runs_claims(db):
    contact = OutOfHoursContactFactory(review_date=days(-1))
    first = OutOfHoursContact.objects.get(pk=contact.pk)
    second = OutOfHoursContact.objects.get(pk=contact.pk)  # read before the first claimed
    claim = {"date_field": "review_date", "marker_field": "review_reminder_for"}
    assert claim_reminder(first, **claim) is True
    assert claim_reminder(second, **claim) is False
    assert first.review_reminder_for == days(-1)


def test_no_claim_when_the_date_changed_since_it_was_read(db):
    contact = OutOfHoursContactFactory(review_date=days(-1))
    stale = OutOfHoursContact.objects.get(pk=contact.pk)
    OutOfHoursContact.objects.filter(pk=contact.pk).update(review_date=days(100))
    claim = {"date_field": "review_date", "marker_field": "review_reminder_for"}
    assert claim_reminder(stale, **claim) is False
    assert claim_reminder(stale, **claim, is_active=True) is False
    contact.refresh_from_db()
    assert contact.review_reminder_for is None


def test_due_for_reminder(db):
    due = OutOfHoursContactFactory(review_date=days(0))
    OutOfHoursContactFactory(review_date=days(1))
    done = OutOfHoursContactFactory(review_date=days(-1), review_reminder_for=days(-1))
    earlier = OutOfHoursContactFactory(review_date=days(-2), review_reminder_for=days(-400))
    found = due_for_reminder(
        OutOfHoursContact.objects.all(),
        date_field="review_date",
        marker_field="review_reminder_for",
        on_or_before=TODAY,
    )
    assert set(found) == {due, earlier}
    assert done not in found
