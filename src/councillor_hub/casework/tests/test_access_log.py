"""The access log: a councillor sees who viewed or changed their casework."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.audit.services import audit_record

from .factories import CaseFactory, ConstituentFactory

LOG_URL = "/casework/access/log/"


@pytest.fixture
def case(world):
    constituent = ConstituentFactory(owner=world.councillor, last_name="Zebedee-Unique")
    return CaseFactory(
        owner=world.councillor, title="Damp in the bedroom", constituents=[constituent]
    )


def view_event(actor, case, **kwargs):
    return audit_record(
        actor=actor,
        action=kwargs.pop("action", Action.VIEW),
        obj=case,
        label=case.reference,
        data_controller=case.owner,
        **kwargs,
    )


def test_url_name():
    assert reverse("casework:access_log") == LOG_URL


def test_lists_other_peoples_access_by_default(councillor_client, world, case):
    view_event(world.delegate, case)
    view_event(world.colleague, case, action=Action.UPDATE)
    view_event(world.councillor, case, action=Action.CREATE)

    response = councillor_client.get(LOG_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert world.delegate.full_name in html
    assert world.colleague.full_name in html
    assert case.reference in html
    table = html.split("<tbody")[1]
    assert "Viewed" in table
    assert "Changed" in table
    assert "Created" not in table
    assert "2 events" in html
    # Only the label: never the case's content or the constituent's name.
    assert case.title not in html
    assert "Zebedee-Unique" not in html


def test_include_own_actions(councillor_client, world, case):
    view_event(world.delegate, case)
    view_event(world.councillor, case, action=Action.CREATE)

    html = councillor_client.get(LOG_URL, {"filtered": "1"}).content.decode()

    assert "2 events" in html
    assert ">You<" in html
    assert 'name="others" type="checkbox" value="on">' in html


def test_others_box_is_ticked_by_default(councillor_client, world):
    html = councillor_client.get(LOG_URL).content.decode()

    assert 'name="others" type="checkbox" value="on" checked>' in html


def test_filter_by_action(councillor_client, world, case):
    view_event(world.delegate, case)
    view_event(world.delegate, case, action=Action.DOWNLOAD)

    html = councillor_client.get(LOG_URL, {"action": "download"}).content.decode()

    assert "1 event<" in html
    assert "Downloaded" in html.split("<tbody")[1]
    assert '<option value="download" selected>' in html


def test_newest_first(councillor_client, world, case):
    old = view_event(world.delegate, case, action=Action.UPDATE)
    AuditEvent.objects.filter(pk=old.pk).update(at=timezone.now() - datetime.timedelta(days=3))
    view_event(world.delegate, case, action=Action.DOWNLOAD)

    table = councillor_client.get(LOG_URL).content.decode().split("<tbody")[1]

    assert table.index("Downloaded") < table.index("Changed")


def test_constituent_events_show_their_label(councillor_client, world, case):
    constituent = case.constituents.get()
    audit_record(
        actor=world.delegate,
        action=Action.VIEW,
        obj=constituent,
        label=f"constituent #{constituent.pk}",
        data_controller=world.councillor,
    )

    html = councillor_client.get(LOG_URL).content.decode()

    assert f"constituent #{constituent.pk}" in html


def test_deleted_actor_still_listed(councillor_client, world, case):
    audit_record(
        actor=None,
        action=Action.VIEW,
        obj=case,
        label=case.reference,
        data_controller=world.councillor,
    )

    html = councillor_client.get(LOG_URL).content.decode()

    assert "A deleted account" in html


def test_only_own_casework_is_listed(client_for, councillor_client, world, case):
    other_case = CaseFactory(owner=world.other)
    view_event(world.delegate, case)
    view_event(world.colleague, other_case)
    audit_record(actor=world.support, action=Action.LOGIN, obj=world.support)

    html = councillor_client.get(LOG_URL).content.decode()
    assert "1 event<" in html
    assert other_case.reference not in html

    other_html = client_for(world.other).get(LOG_URL).content.decode()
    assert other_case.reference in other_html
    assert case.reference not in other_html


@pytest.mark.parametrize(
    "params",
    [
        {"action": "nonsense"},
        {"page": "abc"},
        {"page": "9999"},
        {"page": "-1"},
        {"others": "maybe", "filtered": "yes"},
        {"action": ["view", "share"]},
    ],
)
def test_nonsense_query_parameters_do_not_break_the_page(councillor_client, world, case, params):
    view_event(world.delegate, case)

    response = councillor_client.get(LOG_URL, params)

    assert response.status_code == 200


def test_paginates_at_fifty(councillor_client, world, case):
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=world.delegate,
            action=Action.VIEW,
            object_type="casework.case",
            object_id=str(case.pk),
            object_label=case.reference,
            data_controller=world.councillor,
        )
        for _ in range(51)
    )

    first = councillor_client.get(LOG_URL)
    second = councillor_client.get(LOG_URL, {"page": 2})

    assert len(first.context["events"]) == 50
    assert len(second.context["events"]) == 1
    assert "Page 1 of 2" in first.content.decode()


def test_query_count_does_not_grow_with_rows(
    councillor_client, world, case, django_assert_max_num_queries
):
    from councillor_hub.accounts.tests.factories import UserFactory

    def add_events(n):
        for _ in range(n):
            view_event(UserFactory(), case)

    add_events(2)
    with django_assert_max_num_queries(30) as small:
        councillor_client.get(LOG_URL)
    add_events(20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = councillor_client.get(LOG_URL)
    assert len(response.context["events"]) == 22


@pytest.mark.parametrize(
    "name",
    ["delegate", "support", "highways_officer", "manager", "democratic", "admin"],
)
def test_people_without_casework_get_404(client_for, world, case, name):
    view_event(world.delegate, case)

    assert client_for(getattr(world, name)).get(LOG_URL).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(LOG_URL)

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url


def test_a_delegate_opening_a_case_shows_up(client_for, councillor_client, world, case):
    """End to end: the case page records the view against the owner, and the log shows it."""
    client_for(world.delegate).get(reverse("casework:case_detail", args=[case.reference]))

    html = councillor_client.get(LOG_URL, {"action": "view"}).content.decode()

    assert world.delegate.full_name in html
    assert case.reference in html
    assert case.title not in html
