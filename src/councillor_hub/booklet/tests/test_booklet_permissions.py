"""Every booklet URL for every person in the `world` fixture and for someone not signed in, as
a matrix. The booklet (web page and PDF) is for everyone signed in; the manage pages (the
sections' text and listed contacts and documents, and the key dates) are for democratic
services and administrators only, and answer 404 to everyone else. A refused POST changes
nothing; an allowed one changes something."""

import datetime

import pytest
from django.urls import reverse

from councillor_hub.booklet.models import BookletSection, KeyDate, SectionKey
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
from councillor_hub.directory.models import OrgUnit, UnitKind

from .builders import ensure_sections

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]


# fmt: off
GET_EXPECTED = {
    #                   cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "booklet":         [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "booklet_pdf":     [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "manage":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "section_update":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "section_links":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "key_date_create": [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "key_date_update": [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "key_date_delete": [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
}

POST_EXPECTED = {
    #                   cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "booklet":         [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "booklet_pdf":     [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "manage":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
    "section_update":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "section_links":   [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "key_date_create": [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "key_date_update": [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "key_date_delete": [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
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
    ensure_sections()
    unit = OrgUnit.objects.create(name="Member support", kind=UnitKind.TEAM, phone="01632 960100")
    key_date = KeyDate.objects.create(title="Induction day", date=datetime.date(2030, 5, 21))
    return {"unit": unit, "key_date": key_date}


def urls(records) -> dict[str, str]:
    key_date = records["key_date"]
    return {
        "booklet": reverse("booklet:booklet"),
        "booklet_pdf": reverse("booklet:booklet_pdf"),
        "manage": reverse("booklet:manage"),
        "section_update": reverse("booklet:section_update", args=[SectionKey.WELCOME]),
        "section_links": reverse("booklet:section_links", args=[SectionKey.MEMBER_SUPPORT]),
        "key_date_create": reverse("booklet:key_date_create"),
        "key_date_update": reverse("booklet:key_date_update", args=[key_date.pk]),
        "key_date_delete": reverse("booklet:key_date_delete", args=[key_date.pk]),
    }


def post_data(name: str, records) -> dict:
    return {
        "section_update": {"title": "Welcome to the council", "body": "Changed."},
        "section_links": {"action": "add", "kind": "unit", "pk": records["unit"].pk},
        "key_date_create": {"title": "Full Council", "date": "2030-07-16"},
        "key_date_update": {"title": "Induction days", "date": "2030-05-21"},
        "key_date_delete": {},
    }.get(name, {"anything": "x"})


def snapshot() -> list:
    return [
        list(BookletSection.objects.order_by("pk").values()),
        list(BookletSection.units.through.objects.order_by("pk").values()),
        list(BookletSection.officers.through.objects.order_by("pk").values()),
        list(BookletSection.documents.through.objects.order_by("pk").values()),
        list(KeyDate.objects.order_by("pk").values()),
    ]


def test_matrix_covers_every_booklet_url(records):
    from councillor_hub.booklet import urls as booklet_urls

    names = {pattern.name for pattern in booklet_urls.urlpatterns}
    assert names == set(GET_EXPECTED) == set(POST_EXPECTED) == set(urls(records))
    assert all(len(row) == len(PEOPLE) for row in [*GET_EXPECTED.values(), *POST_EXPECTED.values()])


@pytest.mark.parametrize("name", list(GET_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_get(world, client_for, records, name, person):
    expected = GET_EXPECTED[name][PEOPLE.index(person)]
    response = client_for_person(world, client_for, person).get(urls(records)[name])
    check(response, expected)
    if name == "booklet_pdf" and expected == OK:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("name", list(POST_EXPECTED))
@pytest.mark.parametrize("person", PEOPLE)
def test_post(world, client_for, records, name, person):
    expected = POST_EXPECTED[name][PEOPLE.index(person)]
    client = client_for_person(world, client_for, person)
    check_post(client, urls(records)[name], post_data(name, records), expected, snapshot)


@pytest.mark.parametrize("person", ["councillor", "support", "democratic"])
def test_unknown_sections_and_key_dates_are_not_found(world, client_for, records, person):
    client = client_for(getattr(world, person))
    for url in (
        reverse("booklet:section_update", args=["nonsense"]),
        reverse("booklet:section_links", args=["nonsense"]),
        reverse("booklet:key_date_update", args=[999_999]),
        reverse("booklet:key_date_delete", args=[999_999]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "x"}).status_code == 404
