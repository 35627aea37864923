"""Every directory URL for every person in the `world` fixture and for someone not signed in,
as a matrix. The directory is for every signed-in member and officer; the manage pages
(add and change officers, units, topics, out-of-hours contacts and emergency arrangement
sections, mark contacts and sections reviewed, and the staff directory import) are for
democratic services and administrators only, and answer 404 to everyone else. A refused POST
changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from councillor_hub.conftest import refreshed
from councillor_hub.core.tests.matrix import (
    IN,
    NA,
    NF,
    OK,
    PEOPLE,
    RD,
    check,
    check_post,
    client_for_person,
)
from councillor_hub.directory.models import (
    ContactKind,
    EmergencyArrangement,
    Officer,
    OrgUnit,
    OutOfHoursContact,
    Topic,
    UnitKind,
)

from .factories import OfficerFactory, OrgUnitFactory, PartnerFactory, TopicFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]


# fmt: off
GET_EXPECTED = {
    #                        cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "home":                  [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "officer_detail":        [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "unit_list":             [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "unit_detail":           [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "topic_list":            [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "out_of_hours":          [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "officer_create":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "officer_update":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "unit_create":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "unit_update":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "topic_create":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "topic_update":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "officer_import":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "contact_create":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "contact_update":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    # Marking reviewed is a POST only.
    "contact_reviewed":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "arrangement_create":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "arrangement_update":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "arrangement_reviewed":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
}

POST_EXPECTED = {
    #                        cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "home":                  [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "officer_detail":        [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "unit_list":             [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "unit_detail":           [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "topic_list":            [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "out_of_hours":          [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "officer_create":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "officer_update":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "unit_create":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "unit_update":           [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "topic_create":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "topic_update":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    # A manager's upload is a dry run: the page of changes, and nothing changed yet.
    "officer_import":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "contact_create":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "contact_update":        [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "contact_reviewed":      [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "arrangement_create":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "arrangement_update":    [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "arrangement_reviewed":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
}
# fmt: on

SOON = timezone.localdate() + datetime.timedelta(days=30)
NEXT_YEAR = timezone.localdate() + datetime.timedelta(days=300)


@pytest.fixture(scope="module")
def module_records(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_records(module_world)


@pytest.fixture
def records(module_records, db):
    return refreshed(module_records)


def build_records(world):
    place = OrgUnitFactory(name="Place", kind=UnitKind.DIRECTORATE)
    team = OrgUnitFactory(name="Roads", kind=UnitKind.TEAM, parent=place)
    officer = OfficerFactory(full_name="Olive Officer", unit=team, staff_number="D00001")
    topic = TopicFactory(name="Potholes", unit=team, partner=PartnerFactory())
    contact = OutOfHoursContact.objects.create(
        service_area=world.highways,
        kind=ContactKind.ON_CALL,
        name="Highways duty engineer",
        phone="01632 960001",
        review_date=SOON,
    )
    section = EmergencyArrangement.objects.create(
        title="Major incident arrangements",
        body="The council's emergency plan.",
        members_only=True,
        review_date=SOON,
    )
    return {
        "place": place,
        "team": team,
        "officer": officer,
        "topic": topic,
        "contact": contact,
        "section": section,
    }


def urls(records) -> dict[str, str]:
    officer, team, topic = records["officer"], records["team"], records["topic"]
    contact, section = records["contact"].pk, records["section"].pk
    return {
        "home": reverse("directory:home") + "?q=olive",
        "officer_detail": reverse("directory:officer_detail", args=[officer.pk]),
        "unit_list": reverse("directory:unit_list"),
        "unit_detail": reverse("directory:unit_detail", args=[team.pk]),
        "topic_list": reverse("directory:topic_list"),
        "out_of_hours": reverse("directory:out_of_hours"),
        "officer_create": reverse("directory:officer_create"),
        "officer_update": reverse("directory:officer_update", args=[officer.pk]),
        "unit_create": reverse("directory:unit_create"),
        "unit_update": reverse("directory:unit_update", args=[team.pk]),
        "topic_create": reverse("directory:topic_create"),
        "topic_update": reverse("directory:topic_update", args=[topic.pk]),
        "officer_import": reverse("directory:officer_import"),
        "contact_create": reverse("directory:contact_create"),
        "contact_update": reverse("directory:contact_update", args=[contact]),
        "contact_reviewed": reverse("directory:contact_reviewed", args=[contact]),
        "arrangement_create": reverse("directory:arrangement_create"),
        "arrangement_update": reverse("directory:arrangement_update", args=[section]),
        "arrangement_reviewed": reverse("directory:arrangement_reviewed", args=[section]),
    }


def post_data(name: str, records) -> dict:
    team, place = records["team"], records["place"]
    return {
        "officer_create": {"full_name": "Nina New", "job_title": "Clerk", "unit": team.pk},
        "officer_update": {
            "full_name": "Olive Officer",
            "job_title": "Changed title",
            "unit": team.pk,
            "staff_number": "D00001",
        },
        "unit_create": {"name": "New team", "kind": UnitKind.TEAM, "parent": place.pk},
        "unit_update": {"name": "Renamed", "kind": UnitKind.TEAM, "parent": place.pk},
        "topic_create": {"name": "Fly-tipping", "unit": team.pk},
        "topic_update": {"name": "Potholes and road defects", "unit": team.pk},
        "officer_import": {
            "file": SimpleUploadedFile(
                "staff.csv", b"staff_number,full_name\nD00002,Pat New\n", content_type="text/csv"
            )
        },
        "contact_create": {
            "kind": ContactKind.OUT_OF_HOURS,
            "name": "Parks out-of-hours line",
            "phone": "01632 960002",
            "review_date": NEXT_YEAR.isoformat(),
        },
        "contact_update": {
            "service_area": records["contact"].service_area_id,
            "kind": ContactKind.ON_CALL,
            "name": "Highways duty engineer",
            "phone": "01632 960999",
            "review_date": SOON.isoformat(),
        },
        "arrangement_create": {
            "title": "Emergency rest centres",
            "body": "Rest centres open in schools and leisure centres.",
            "review_date": NEXT_YEAR.isoformat(),
        },
        "arrangement_update": {
            "title": "Major incident arrangements",
            "body": "The council's emergency plan, changed.",
            "members_only": "on",
            "review_date": SOON.isoformat(),
        },
    }.get(name, {"anything": "x"})


def snapshot() -> list:
    return [
        list(Officer.objects.order_by("pk").values()),
        list(OrgUnit.objects.order_by("pk").values()),
        list(Topic.objects.order_by("pk").values()),
        list(OutOfHoursContact.objects.order_by("pk").values()),
        list(EmergencyArrangement.objects.order_by("pk").values()),
        OutOfHoursContact.history.count() + EmergencyArrangement.history.count(),
    ]


def test_matrix_covers_every_directory_url(records):
    from councillor_hub.directory import urls as directory_urls

    names = {pattern.name for pattern in directory_urls.urlpatterns}
    assert names == set(GET_EXPECTED) == set(POST_EXPECTED) == set(urls(records))
    assert all(len(row) == len(PEOPLE) for row in [*GET_EXPECTED.values(), *POST_EXPECTED.values()])


@pytest.mark.parametrize("name", list(GET_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_get(world, client_for, records, name, person):
    expected = GET_EXPECTED[name][PEOPLE.index(person)]
    response = client_for_person(world, client_for, person).get(urls(records)[name])
    check(response, expected)


@pytest.mark.parametrize("name", list(POST_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_post(world, client_for, records, name, person):
    expected = POST_EXPECTED[name][PEOPLE.index(person)]
    client = client_for_person(world, client_for, person)
    check_post(client, urls(records)[name], post_data(name, records), expected, snapshot)
