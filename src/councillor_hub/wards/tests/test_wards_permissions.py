"""Every ward profile URL for every person in the `world` fixture and for someone not signed
in, as a matrix. The list and the profiles are for every signed-in member and officer; the
manage pages (summary and area, amenities, the statistics import and its example file) are for
democratic services and administrators only, and answer 404 to everyone else. A refused POST
changes nothing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councillor_hub.conftest import ROLE_NAMES, refreshed
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
from councillor_hub.wards.models import AmenityKind, WardAmenity, WardProfile, WardStatistic

from .factories import WardAmenityFactory, WardProfileFactory, WardStatisticFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_world")]


# fmt: off
GET_EXPECTED = {
    #                              cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "ward_list":                  [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "ward_detail":                [OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, OK, IN],
    "profile_update":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "amenity_create":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "amenity_update":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "statistics_import":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "statistics_import_example":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
}

POST_EXPECTED = {
    #                              cou col oth ind dlg sup hwy mgr mp  whp dem adm anon
    "ward_list":                  [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "ward_detail":                [NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, NA, IN],
    "profile_update":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "amenity_create":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    "amenity_update":             [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, RD, RD, IN],
    # A manager's upload is a dry run: the page of changes, and nothing changed yet.
    "statistics_import":          [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, OK, OK, IN],
    "statistics_import_example":  [NF, NF, NF, NF, NF, NF, NF, NF, NF, NF, NA, NA, IN],
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
    profile = WardProfileFactory(ward=world.ward_a, area_hectares=Decimal("400"))
    statistic = WardStatisticFactory(ward=world.ward_a, topic="Age", label="Aged 0 to 15")
    amenity = WardAmenityFactory(ward=world.ward_a, name="Abbey Library")
    return {"profile": profile, "statistic": statistic, "amenity": amenity}


def urls(records) -> dict[str, str]:
    ward_id, amenity = records["profile"].ward_id, records["amenity"]
    return {
        "ward_list": reverse("wards:ward_list"),
        "ward_detail": reverse("wards:ward_detail", args=[ward_id]),
        "profile_update": reverse("wards:profile_update", args=[ward_id]),
        "amenity_create": reverse("wards:amenity_create", args=[ward_id]),
        "amenity_update": reverse("wards:amenity_update", args=[amenity.pk]),
        "statistics_import": reverse("wards:statistics_import"),
        "statistics_import_example": reverse("wards:statistics_import_example"),
    }


def post_data(name: str) -> dict:
    return {
        "profile_update": {"summary": "Changed by the test", "area_hectares": "401"},
        "amenity_create": {"kind": AmenityKind.PARK, "name": "New Green"},
        "amenity_update": {"kind": AmenityKind.LIBRARY, "name": "Renamed Library"},
        "statistics_import": {
            "file": SimpleUploadedFile(
                "wards.csv",
                b"ward_code,topic,label,value,unit\nE05000001,Age,Aged 0 to 15,999,people\n",
                content_type="text/csv",
            )
        },
    }.get(name, {"anything": "x"})


def snapshot() -> list:
    return [
        list(WardProfile.objects.order_by("pk").values()),
        list(WardStatistic.objects.order_by("pk").values()),
        list(WardAmenity.objects.order_by("pk").values()),
    ]


def test_matrix_covers_every_wards_url(records):
    from councillor_hub.wards import urls as ward_urls

    names = {pattern.name for pattern in ward_urls.urlpatterns}
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
    check_post(client, urls(records)[name], post_data(name), expected, snapshot)


@pytest.mark.parametrize("person", [p for p in ROLE_NAMES if p not in ("democratic", "admin")])
def test_nobody_else_can_apply_an_import(world, client_for, records, person):
    before = snapshot()
    response = client_for(getattr(world, person)).post(
        reverse("wards:statistics_import"), {"action": "apply", "token": "x" * 32}
    )
    assert response.status_code == 404
    assert snapshot() == before


def test_unknown_records_are_404_for_managers(world, client_for, records):
    client = client_for(world.admin)
    for url in (
        reverse("wards:ward_detail", args=[999999]),
        reverse("wards:profile_update", args=[999999]),
        reverse("wards:amenity_create", args=[999999]),
        reverse("wards:amenity_update", args=[999999]),
    ):
        assert client.get(url).status_code == 404
