"""Support plan reminders: each member in office once per due date, first plans four weeks
ahead, annual reviews when the window opens; the command and the task run the same sweep.
The world's councillors' terms start on 1 May 2025, so first plans are due 1 November 2025."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from councillor_hub.notifications.models import Notification
from councillor_hub.supportplans.models import SupportPlanReminder
from councillor_hub.supportplans.services import support_plan_reminders
from councillor_hub.supportplans.tasks import support_plan_reminders_task

from .factories import PlanFactory

pytestmark = pytest.mark.django_db

MEMBERS = {"councillor", "colleague", "other", "independent", "whip"}


def reminded(world) -> dict[str, list[str]]:
    by_person = {}
    for name in MEMBERS:
        titles = Notification.objects.filter(recipient=getattr(world, name)).values_list(
            "title", flat=True
        )
        by_person[name] = sorted(titles)
    return by_person


def completed_on(day: dt.date):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def test_first_plans_are_reminded_four_weeks_ahead_once(world):
    assert support_plan_reminders(today=dt.date(2025, 10, 3)) == 0
    assert support_plan_reminders(today=dt.date(2025, 10, 4)) == len(MEMBERS)
    assert support_plan_reminders(today=dt.date(2025, 10, 5)) == 0
    assert support_plan_reminders(today=dt.date(2025, 11, 20)) == 0  # overdue: same due date
    titles = reminded(world)
    assert titles["councillor"] == ["Your first personal support plan is due by 1 November 2025"]
    assert all(len(person) == 1 for person in titles.values())
    assert not Notification.objects.exclude(recipient__in=[getattr(world, n) for n in MEMBERS])


def test_members_with_a_plan_are_not_reminded_and_windows_remind_again(world):
    PlanFactory(
        member=world.councillor,
        year=2025,
        completed=True,
        completed_at=completed_on(dt.date(2025, 9, 1)),
    )
    support_plan_reminders(today=dt.date(2025, 10, 4))
    assert reminded(world)["councillor"] == []
    # The 2026 window opens: everyone whose first plan is done is asked to review it; the
    # others have already been reminded about their (overdue) first plan.
    assert support_plan_reminders(today=dt.date(2026, 5, 1)) == 1
    assert reminded(world)["councillor"] == [
        "Please review your personal support plan by 31 July 2026"
    ]
    assert support_plan_reminders(today=dt.date(2026, 6, 1)) == 0
    assert SupportPlanReminder.objects.filter(member=world.councillor).count() == 1


def test_former_members_and_officers_are_not_reminded(world):
    profile = world.colleague.councillor_profile
    profile.term_end = dt.date(2025, 6, 1)
    profile.save()
    support_plan_reminders(today=dt.date(2025, 10, 4))
    assert reminded(world)["colleague"] == []
    assert not Notification.objects.filter(recipient=world.democratic).exists()


def test_reminders_link_to_the_members_plan_and_carry_no_plan_content(world):
    support_plan_reminders(today=dt.date(2025, 10, 4))
    assert set(Notification.objects.values_list("url", flat=True)) == {"/support-plans/my-plan/"}


def test_task_and_command(world):
    result = support_plan_reminders_task.enqueue(today="2025-10-04")
    assert result.return_value == len(MEMBERS)
    out = StringIO()
    call_command("support_plan_reminders", "--today", "2025-10-04", stdout=out)
    assert "0 member(s) reminded" in out.getvalue()
    assert Notification.objects.count() == len(MEMBERS)


def test_command_refuses_a_bad_date(db):
    with pytest.raises(CommandError):
        call_command("support_plan_reminders", "--today", "next week")
