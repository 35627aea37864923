"""The review report and the review reminders (once per review date, re-armed by a new
date, never for unpublished documents), through the service, the task and the command."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.library.models import Document
from councillor_hub.library.selectors import review_report
from councillor_hub.library.services import library_review_reminders
from councillor_hub.library.tasks import library_review_reminders_task
from councillor_hub.notifications.models import Notification

from .factories import DocumentFactory, OfficerFactory, OrgUnitFactory

TODAY = datetime.date(2026, 3, 2)
REPORT = reverse("library:review_report")


def days(n: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def officer(world):
    return OfficerFactory(full_name="Hana Highways", user=world.highways_officer)


# --- Reminders ---------------------------------------------------------------------------


def test_reminder_fires_once(world, officer):
    document = DocumentFactory(
        title="Highways asset management policy",
        responsible_officer=officer,
        next_review_on=days(20),
    )
    assert library_review_reminders(today=TODAY) == 1
    assert library_review_reminders(today=TODAY) == 0
    assert library_review_reminders(today=days(10)) == 0
    note = Notification.objects.get()
    assert note.recipient == world.highways_officer
    assert note.title == "Review due: Highways asset management policy by 22 March 2026"
    assert note.url == document.get_absolute_url()
    assert len(mail.outbox) == 1
    document.refresh_from_db()
    assert document.review_reminder_for == days(20)


def test_overdue_document_is_reminded(world, officer):
    DocumentFactory(title="Waste strategy", responsible_officer=officer, next_review_on=days(-5))
    assert library_review_reminders(today=TODAY) == 1
    assert Notification.objects.get().title == (
        "Review overdue: Waste strategy (was due 25 February 2026)"
    )


def test_not_yet_due_and_no_date_are_left(world, officer):
    DocumentFactory(responsible_officer=officer, next_review_on=days(31))
    DocumentFactory(responsible_officer=officer, next_review_on=None)
    assert library_review_reminders(today=TODAY) == 0
    assert library_review_reminders(today=days(1)) == 1


def test_new_review_date_rearms(world, officer):
    document = DocumentFactory(responsible_officer=officer, next_review_on=days(5))
    assert library_review_reminders(today=TODAY) == 1
    document.next_review_on = days(25)
    document.save()
    assert library_review_reminders(today=TODAY) == 1
    assert library_review_reminders(today=TODAY) == 0
    assert Notification.objects.count() == 2


def test_no_reminder_for_unpublished(world, officer):
    document = DocumentFactory(
        responsible_officer=officer, next_review_on=days(-1), is_published=False
    )
    assert library_review_reminders(today=TODAY) == 0
    assert not Notification.objects.exists()
    document.is_published = True
    document.save()
    assert library_review_reminders(today=TODAY) == 1


def test_officer_without_account_goes_to_democratic_services(world):
    second = UserFactory(roles=[Role.DEMOCRATIC_SERVICES_OFFICER])
    UserFactory(roles=[Role.DEMOCRATIC_SERVICES_OFFICER], is_active=False)
    no_account = OfficerFactory(full_name="Paper Person")
    DocumentFactory(responsible_officer=no_account, next_review_on=days(3))
    DocumentFactory(responsible_officer=None, next_review_on=days(4))
    assert library_review_reminders(today=TODAY) == 2
    recipients = set(Notification.objects.values_list("recipient", flat=True))
    assert recipients == {world.democratic.pk, second.pk}
    assert Notification.objects.count() == 4


def test_officer_who_has_left_goes_to_democratic_services(world, officer):
    officer.is_active = False
    officer.save()
    DocumentFactory(responsible_officer=officer, next_review_on=days(3))
    assert library_review_reminders(today=TODAY) == 1
    assert Notification.objects.get().recipient == world.democratic


def test_nobody_to_tell_leaves_it_armed(db):
    document = DocumentFactory(next_review_on=days(3))
    assert library_review_reminders(today=TODAY) == 0
    document.refresh_from_db()
    assert document.review_reminder_for is None


def test_task_and_command(world, officer):
    DocumentFactory(responsible_officer=officer, next_review_on=days(3))
    DocumentFactory(responsible_officer=officer, next_review_on=days(40))
    result = library_review_reminders_task.enqueue(today=TODAY.isoformat())
    assert result.return_value == 1
    out = StringIO()
    call_command("library_review_reminders", "--today", days(15).isoformat(), stdout=out)
    assert "1 document(s) reminded" in out.getvalue()
    call_command("library_review_reminders", "--today", days(15).isoformat(), stdout=out)
    assert Notification.objects.count() == 2


def test_command_refuses_a_bad_date(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("library_review_reminders", "--today", "yesterday")


# --- The report (the page uses the real date) -------------------------------------------


def from_today(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def due(world, officer):
    roads = OrgUnitFactory(name="Roads")
    waste = OrgUnitFactory(name="Waste")
    other = OfficerFactory(full_name="Adam Another")
    return {
        "overdue": DocumentFactory(
            title="Overdue roads",
            unit=roads,
            responsible_officer=officer,
            next_review_on=from_today(-9),
        ),
        "soon": DocumentFactory(
            title="Soon roads", unit=roads, responsible_officer=other, next_review_on=from_today(30)
        ),
        "waste": DocumentFactory(
            title="Waste soon",
            unit=waste,
            responsible_officer=officer,
            next_review_on=from_today(59),
        ),
        "nounit": DocumentFactory(title="No unit", next_review_on=from_today(1)),
        "later": DocumentFactory(title="Later", unit=roads, next_review_on=from_today(61)),
        "draft": DocumentFactory(
            title="Draft", unit=roads, next_review_on=from_today(-1), is_published=False
        ),
    }


def test_report_for_content_managers(world, due):
    groups = review_report(user=world.democratic)
    assert [g.title for g in groups] == ["Roads", "Waste", "No service given"]
    # Within a service: by responsible officer, then date.
    assert [d.title for d in groups[0].documents] == ["Soon roads", "Overdue roads"]
    assert groups[0].overdue_count == 1


def test_report_for_a_responsible_officer_shows_theirs(world, due):
    groups = review_report(user=world.highways_officer)
    titles = [d.title for g in groups for d in g.documents]
    assert titles == ["Overdue roads", "Waste soon"]


def test_report_for_others_is_empty(world, due):
    assert review_report(user=world.councillor) == []


def test_report_page(client_for, world, due):
    page = client_for(world.admin).get(REPORT).content.decode()
    assert "Overdue roads" in page and "Review overdue" in page
    assert "Later" not in page and "Draft" not in page
    mine = client_for(world.highways_officer).get(REPORT).content.decode()
    assert "Overdue roads" in mine and "Soon roads" not in mine


def test_report_page_query_count(client_for, world, django_assert_max_num_queries):
    client = client_for(world.democratic)
    unit = OrgUnitFactory()
    officer = OfficerFactory()
    DocumentFactory(unit=unit, responsible_officer=officer, next_review_on=from_today(1))
    with django_assert_max_num_queries(20) as few:
        client.get(REPORT)
    for n in range(15):
        DocumentFactory(
            unit=OrgUnitFactory(), responsible_officer=officer, next_review_on=from_today(n)
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(REPORT)


def test_documents_model_counts(world, due):
    assert Document.objects.count() == 6
