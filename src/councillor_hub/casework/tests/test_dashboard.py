"""The casework dashboard: follow-ups due, cases by status, recently updated cases."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.casework.models import Status
from councillor_hub.casework.selectors.cases import (
    follow_up_counts,
    follow_ups_due,
    recently_updated,
    status_counts,
)

from .factories import CaseFactory, CaseShareFactory, ConstituentFactory, TimelineEntryFactory

DASHBOARD_URL = reverse("casework:dashboard")


@pytest.fixture
def cases(world):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    return {
        "overdue": CaseFactory(
            owner=world.councillor, title="Overdue one", follow_up_date=today - day
        ),
        "today": CaseFactory(owner=world.councillor, title="Due today", follow_up_date=today),
        "later": CaseFactory(owner=world.councillor, title="Later", follow_up_date=today + day),
        "closed": CaseFactory(
            owner=world.councillor,
            title="Closed late",
            status=Status.CLOSED,
            follow_up_date=today - 5 * day,
        ),
        "waiting": CaseFactory(
            owner=world.councillor, title="Waiting", status=Status.AWAITING_COUNCIL
        ),
        "theirs": CaseFactory(owner=world.other, title="Not ours", follow_up_date=today - day),
    }


def test_follow_up_selectors(world, cases):
    due = [c.reference for c in follow_ups_due(user=world.councillor)]

    assert due == [cases["overdue"].reference, cases["today"].reference]
    assert follow_up_counts(user=world.councillor) == {"due_today": 1, "overdue": 1}
    assert follow_up_counts(user=world.independent) == {"due_today": 0, "overdue": 0}


def test_status_counts_selector(world, cases):
    counts = {item.status: item.count for item in status_counts(user=world.councillor)}

    assert counts == {
        "open": 3,
        "awaiting_council": 1,
        "awaiting_constituent": 0,
        "awaiting_third_party": 0,
        "closed": 1,
    }


def test_recently_updated_selector(world, cases):
    recent = [c.reference for c in recently_updated(user=world.councillor, limit=2)]

    assert recent == [cases["waiting"].reference, cases["closed"].reference]


@pytest.mark.parametrize("role", ["councillor", "delegate", "colleague", "mp"])
def test_dashboard_for_casework_people(world, cases, client_for, role):
    response = client_for(getattr(world, role)).get(DASHBOARD_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Your casework" in html
    assert reverse("casework:case_create") in html
    assert reverse("casework:constituent_create") in html
    assert "Open a case" in html
    assert "Add a constituent" in html


@pytest.mark.parametrize("role", ["support", "highways_officer", "manager", "democratic", "admin"])
def test_dashboard_sends_others_home(world, client_for, role):
    response = client_for(getattr(world, role)).get(DASHBOARD_URL)

    assert response.status_code == 302
    assert response.url == reverse("core:home")


def test_dashboard_content(councillor_client, world, cases):
    html = councillor_client.get(DASHBOARD_URL).content.decode()

    assert "1 overdue follow-up<" in html
    assert "1 follow-up due today" in html
    assert f"{reverse('casework:case_list')}?follow_up=overdue" in html
    assert f"{reverse('casework:case_list')}?follow_up=due" in html
    follow_up_section = html.split("Cases to follow up")[1].split("</table>")[0]
    assert cases["overdue"].reference in follow_up_section
    assert cases["today"].reference in follow_up_section
    assert cases["later"].reference not in follow_up_section
    assert cases["closed"].reference not in follow_up_section
    assert "Not ours" not in html
    assert cases["theirs"].reference not in html


def test_status_counts_link_into_filtered_list(councillor_client, world, cases):
    html = councillor_client.get(DASHBOARD_URL).content.decode()

    link = f'{reverse("casework:case_list")}?status=awaiting_council">Awaiting council</a>'
    assert link in html
    listed = councillor_client.get(reverse("casework:case_list"), {"status": "awaiting_council"})
    assert "1 case" in listed.content.decode()
    assert cases["waiting"].reference in listed.content.decode()


def test_colleague_sees_shared_case_follow_up(client_for, world, cases):
    CaseShareFactory(case=cases["overdue"], colleague=world.colleague)

    html = client_for(world.colleague).get(DASHBOARD_URL).content.decode()

    assert cases["overdue"].reference in html
    assert cases["today"].reference not in html


def test_dashboard_never_shows_sensitive_notes(councillor_client, world, cases):
    TimelineEntryFactory(case=cases["overdue"], body="Mental health crisis", is_sensitive=True)

    html = councillor_client.get(DASHBOARD_URL).content.decode()

    assert "Mental health crisis" not in html
    assert cases["overdue"].description not in html


def test_empty_dashboard(client_for, world):
    html = client_for(world.independent).get(DASHBOARD_URL).content.decode()

    assert "You have no follow-ups due." in html
    assert "You have no cases yet." in html


@pytest.mark.parametrize("count", [5, 50])
def test_dashboard_query_count_does_not_grow(
    councillor_client, world, django_assert_max_num_queries, count
):
    today = timezone.localdate()
    for index in range(count):
        CaseFactory(
            owner=world.councillor,
            follow_up_date=today - datetime.timedelta(days=index % 3),
            ward=world.ward_a,
            constituents=[ConstituentFactory(owner=world.councillor) for _ in range(2)],
        )

    # 20: the dashboard's own reads plus one for the latest news panel.
    with django_assert_max_num_queries(20):
        response = councillor_client.get(DASHBOARD_URL)
    assert response.status_code == 200
