"""Content management pages (core/content.py) for every person in the `world` fixture and for
someone not signed in, as a matrix. The "Manage hub content" page and every history page are
for democratic services officers and administrators only: anyone else signed in gets 404 (even
for a record they can read, such as a members-only FAQ a councillor sees), and someone not
signed in is sent to sign in. The pages only read: a POST changes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.committees.models import CommitteeMeeting
from councillor_hub.committees.tests.factories import (
    ContactFactory,
    MembershipFactory,
    PortfolioFactory,
)
from councillor_hub.conftest import refreshed
from councillor_hub.core.tests.matrix import IN, NA, NF, OK, PEOPLE, check, client_for_person
from councillor_hub.directory.tests.factories import OfficerFactory, OrgUnitFactory, TopicFactory
from councillor_hub.faqs.tests.factories import FaqFactory
from councillor_hub.library.tests.factories import DocumentFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]

MANAGERS_ONLY = [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN]
MANAGERS_POST = [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN]

# fmt: off
GET_EXPECTED = {
    #                          cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "content_home":            MANAGERS_ONLY,
    "history_officer":         MANAGERS_ONLY,
    "history_unit":            MANAGERS_ONLY,
    "history_topic":           MANAGERS_ONLY,
    "history_document":        MANAGERS_ONLY,
    "history_members_faq":     MANAGERS_ONLY,
    "history_committee":       MANAGERS_ONLY,
    "history_membership":      MANAGERS_ONLY,
    "history_portfolio":       MANAGERS_ONLY,
    "history_contact":         MANAGERS_ONLY,
    "history_meeting":         MANAGERS_ONLY,
    "history_unknown_kind":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
    "history_unknown_record":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, IN],
}
# fmt: on


@pytest.fixture(scope="module")
def module_records(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_records(module_world)


@pytest.fixture
def records(module_records, db):
    return refreshed(module_records)


def build_records(world):
    unit = OrgUnitFactory(name="Roads team")
    membership = MembershipFactory(councillor=world.councillor)
    return {
        "officer": OfficerFactory(unit=unit),
        "unit": unit,
        "topic": TopicFactory(unit=unit),
        "document": DocumentFactory(),
        "faq": FaqFactory(service_area=world.highways, members_only=True),
        "committee": membership.committee,
        "membership": membership,
        "portfolio": PortfolioFactory(),
        "contact": ContactFactory(councillor=world.colleague),
        "meeting": CommitteeMeeting.objects.create(
            committee=membership.committee,
            starts_at=timezone.now() + datetime.timedelta(days=10),
            place="Council Chamber",
        ),
    }


def urls(records) -> dict[str, str]:
    def history(kind, obj):
        return reverse("core:content_history", args=[kind, obj.pk])

    return {
        "content_home": reverse("core:content_home"),
        "history_officer": history("officer", records["officer"]),
        "history_unit": history("unit", records["unit"]),
        "history_topic": history("topic", records["topic"]),
        "history_document": history("document", records["document"]),
        "history_members_faq": history("faq", records["faq"]),
        "history_committee": history("committee", records["committee"]),
        "history_membership": history("membership", records["membership"]),
        "history_portfolio": history("portfolio", records["portfolio"]),
        "history_contact": history("councillor-contact", records["contact"]),
        "history_meeting": history("meeting", records["meeting"]),
        "history_unknown_kind": reverse("core:content_history", args=["nonsense", 1]),
        "history_unknown_record": reverse("core:content_history", args=["officer", 999_999]),
    }


def test_matrix_rows_are_complete(records):
    assert set(GET_EXPECTED) == set(urls(records))
    assert all(len(row) == len(PEOPLE) for row in GET_EXPECTED.values())


@pytest.mark.parametrize("name", list(GET_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_get(world, client_for, records, name, person):
    expected = GET_EXPECTED[name][PEOPLE.index(person)]
    check(client_for_person(world, client_for, person).get(urls(records)[name]), expected)


@pytest.mark.parametrize("name", ["content_home", "history_officer"])
@pytest.mark.parametrize("person", PEOPLE)
def test_post_changes_nothing(world, client_for, records, name, person):
    from councillor_hub.directory.models import Officer

    before = list(Officer.objects.values())
    response = client_for_person(world, client_for, person).post(urls(records)[name], {"x": "1"})
    check(response, MANAGERS_POST[PEOPLE.index(person)])
    assert list(Officer.objects.values()) == before


def test_manage_link_on_home_for_managers_only(world, client_for):
    url = reverse("core:content_home")
    democratic = client_for(world.democratic).get(reverse("core:home"), follow=True)
    assert url in democratic.content.decode()
    support = client_for(world.support).get(reverse("core:home"), follow=True)
    assert url not in support.content.decode()
