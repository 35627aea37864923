"""Access ends a set number of days after the term ends, with reminders before; the sweep then
anonymises whatever the councillor left."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from councillor_hub.casework.models import Case, Constituent, Status
from councillor_hub.dataprotection.models import AccessEndReminder
from councillor_hub.dataprotection.services.destruction import ANONYMISED_CASE_TITLE
from councillor_hub.dataprotection.services.handover import (
    anonymise_after_access_ended,
    handover_reminders_send,
)
from councillor_hub.notifications.models import Notification

from .handover_fixtures import case_for, closed_case_for, end_term

DAYS = 30


@pytest.fixture(autouse=True)
def _handover_settings(settings):
    """Pin the handover period and reminder days, whatever the environment configures."""
    settings.CASEWORK_ACCESS_DAYS_AFTER_TERM = DAYS
    settings.HANDOVER_REMINDER_DAYS = [14, 7, 1]


# --- Access ends N days after the term -----------------------------------------------------


def _casework_urls(case):
    return [
        reverse("casework:case_detail", args=[case.reference]),
        reverse("casework:case_list"),
        reverse("casework:constituent_detail", args=[case.constituents.get().pk]),
    ]


@pytest.mark.parametrize("who", ["councillor", "delegate"])
def test_access_stays_open_until_the_last_day(world, client_for, who):
    case = case_for(world.councillor)
    end_term(world.councillor, days_ago=DAYS)
    client = client_for(getattr(world, who))
    for url in _casework_urls(case):
        assert client.get(url).status_code == 200, url
    handover = client.get(reverse("dataprotection:handover")).status_code
    assert handover == (200 if who == "councillor" else 404)


@pytest.mark.parametrize("who", ["councillor", "delegate"])
def test_access_ends_the_day_after(world, client_for, who):
    case = case_for(world.councillor)
    end_term(world.councillor, days_ago=DAYS + 1)
    client = client_for(getattr(world, who))
    for url in _casework_urls(case):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("dataprotection:handover")).status_code == 404


def test_a_serving_councillors_future_term_end_changes_nothing(world, client_for):
    case = case_for(world.councillor)
    end_term(world.councillor, days_ago=-400)
    client = client_for(world.councillor)
    assert client.get(reverse("casework:case_detail", args=[case.reference])).status_code == 200
    assert client.get(reverse("dataprotection:handover")).status_code == 200


def test_the_access_period_is_configurable(world, client_for, settings):
    settings.CASEWORK_ACCESS_DAYS_AFTER_TERM = 5
    case = case_for(world.councillor)
    end_term(world.councillor, days_ago=6)
    url = reverse("casework:case_detail", args=[case.reference])
    assert client_for(world.councillor).get(url).status_code == 404


# --- The dashboard warning ---------------------------------------------------------------


def test_dashboard_warns_a_councillor_whose_term_has_ended(world, client_for):
    case_for(world.councillor)
    end_term(world.councillor, days_ago=3)
    profile = world.councillor.councillor_profile
    content = client_for(world.councillor).get(reverse("casework:dashboard")).content.decode()
    assert f"Your term ended on {profile.term_end.day} {profile.term_end:%B %Y}" in content
    assert (
        f"by {profile.casework_access_ends_on.day} {profile.casework_access_ends_on:%B %Y}"
        in content
    )
    assert f'href="{reverse("dataprotection:handover")}"' in content


@pytest.mark.parametrize("days_ago", [None, -200])
def test_no_dashboard_warning_in_office(world, client_for, days_ago):
    case_for(world.councillor)
    if days_ago is not None:
        end_term(world.councillor, days_ago=days_ago)
    content = client_for(world.councillor).get(reverse("casework:dashboard")).content.decode()
    assert "Your term ended" not in content


def test_no_dashboard_warning_for_the_delegate(world, client_for):
    case_for(world.councillor)
    end_term(world.councillor, days_ago=3)
    content = client_for(world.delegate).get(reverse("casework:dashboard")).content.decode()
    assert "Your term ended" not in content


# --- Reminders ------------------------------------------------------------------------------


def _term_end_for(access_ends_on: date) -> date:
    return access_ends_on - timedelta(days=DAYS)


def _set_term_end(user, term_end: date):
    profile = user.councillor_profile
    profile.term_end = term_end
    profile.save()


def test_each_reminder_goes_exactly_once(world):
    ends = date(2026, 6, 30)
    _set_term_end(world.councillor, _term_end_for(ends))
    url = reverse("dataprotection:handover")

    sent = []
    for days_before in range(20, -3, -1):
        today = ends - timedelta(days=days_before)
        first = handover_reminders_send(today=today)
        again = handover_reminders_send(today=today)
        assert again == 0, today
        sent += [days_before] * first

    assert sent == [14, 7, 1]
    assert sorted(
        AccessEndReminder.objects.filter(councillor=world.councillor).values_list(
            "days_before", flat=True
        )
    ) == [1, 7, 14]
    notes = Notification.objects.filter(recipient=world.councillor)
    assert notes.count() == 3
    assert {n.title for n in notes} == {
        "Your casework access ends on 30 June 2026: hand over your cases"
    }
    assert {n.url for n in notes} == {url}


def test_a_late_sweep_sends_one_message_for_the_reminders_it_missed(world):
    ends = date(2026, 6, 30)
    _set_term_end(world.councillor, _term_end_for(ends))
    assert handover_reminders_send(today=ends - timedelta(days=5)) == 1
    assert set(AccessEndReminder.objects.values_list("days_before", flat=True)) == {14, 7}
    assert handover_reminders_send(today=ends - timedelta(days=5)) == 0
    assert handover_reminders_send(today=ends - timedelta(days=1)) == 1
    assert Notification.objects.filter(recipient=world.councillor).count() == 2


def test_no_reminders_in_office_or_after_access_ended(world):
    ends = date(2026, 6, 30)
    _set_term_end(world.other, _term_end_for(ends))
    for today in [ends + timedelta(days=1), ends + timedelta(days=40), ends - timedelta(days=15)]:
        assert handover_reminders_send(today=today) == 0
    assert not AccessEndReminder.objects.exists()
    assert not Notification.objects.exists()


def test_reminders_for_several_councillors(world):
    ends = date(2026, 6, 30)
    _set_term_end(world.councillor, _term_end_for(ends))
    _set_term_end(world.other, _term_end_for(ends + timedelta(days=7)))
    assert handover_reminders_send(today=ends - timedelta(days=14)) == 1
    assert handover_reminders_send(today=ends - timedelta(days=7)) == 2


# --- Anonymising what is left -------------------------------------------------------------


def test_anonymise_after_access_ended_is_idempotent(world):
    left_open = case_for(world.councillor, title="Noisy neighbours")
    left_closed = closed_case_for(world.councillor)
    constituent_ids = list(
        Constituent.unrestricted.filter(owner=world.councillor).values_list("pk", flat=True)
    )
    in_office = case_for(world.colleague)
    in_handover_period = case_for(world.other)
    today = date(2026, 6, 30)
    _set_term_end(world.councillor, today - timedelta(days=DAYS + 1))
    _set_term_end(world.other, today - timedelta(days=DAYS))

    assert anonymise_after_access_ended(today=today) == 2
    assert anonymise_after_access_ended(today=today) == 0

    for case in (left_open, left_closed):
        case = Case.unrestricted.get(pk=case.pk)
        assert case.is_anonymised
        assert case.title == ANONYMISED_CASE_TITLE
    assert Case.unrestricted.get(pk=left_open.pk).status == Status.OPEN
    assert not Constituent.unrestricted.filter(pk__in=constituent_ids).exists()
    for case in (in_office, in_handover_period):
        assert not Case.unrestricted.get(pk=case.pk).is_anonymised

    # A day later the other councillor's access has ended too.
    assert anonymise_after_access_ended(today=today + timedelta(days=1)) == 1
