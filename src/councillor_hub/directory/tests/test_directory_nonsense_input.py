"""Nonsense in query strings, URLs and form posts never gives a server error on any directory
page, for a member and for a content manager (who reaches the manage pages)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councillor_hub.casework.tests.test_nonsense_input import NASTY_VALUES
from councillor_hub.directory.models import UnitKind

from .factories import OfficerFactory, OrgUnitFactory, TopicFactory

PARAMS = ["q", "page", "kind", "unit", "letter"]
FIELDS = [
    "full_name",
    "job_title",
    "unit",
    "email",
    "phone",
    "out_of_hours_phone",
    "out_of_hours_note",
    "staff_number",
    "has_left",
    "name",
    "kind",
    "parent",
    "service_area",
    "description",
    "is_closed",
    "keywords",
    "partner",
    "advice",
    "action",
    "token",
]


@pytest.fixture
def records(world):
    place = OrgUnitFactory(name="Place", kind=UnitKind.DIRECTORATE)
    team = OrgUnitFactory(name="Roads", kind=UnitKind.TEAM, parent=place)
    return {
        "team": team,
        "officer": OfficerFactory(unit=team),
        "topic": TopicFactory(unit=team),
    }


def _urls(records) -> list[str]:
    return [
        reverse("directory:home"),
        reverse("directory:officer_detail", args=[records["officer"].pk]),
        reverse("directory:unit_list"),
        reverse("directory:unit_detail", args=[records["team"].pk]),
        reverse("directory:topic_list"),
        reverse("directory:out_of_hours"),
        reverse("directory:officer_create"),
        reverse("directory:officer_update", args=[records["officer"].pk]),
        reverse("directory:unit_create"),
        reverse("directory:unit_update", args=[records["team"].pk]),
        reverse("directory:topic_create"),
        reverse("directory:topic_update", args=[records["topic"].pk]),
        reverse("directory:officer_import"),
    ]


@pytest.mark.parametrize("person", ["councillor", "democratic"])
def test_nonsense_query_strings(world, client_for, records, person):
    client = client_for(getattr(world, person))
    for url in _urls(records):
        for value in NASTY_VALUES:
            response = client.get(url, {name: value for name in PARAMS})
            assert response.status_code in (200, 404), (url, value)


def test_nonsense_form_posts(world, client_for, records):
    client = client_for(world.democratic)
    for url in _urls(records)[6:]:
        for value in NASTY_VALUES:
            response = client.post(url, {name: value for name in FIELDS})
            assert response.status_code in (200, 302), (url, value)


def test_nonsense_ids_in_urls_are_404(world, client_for, records):
    client = client_for(world.democratic)
    for name in ["officer_detail", "unit_detail", "officer_update", "unit_update", "topic_update"]:
        assert (
            client.get(
                f"{reverse(f'directory:{name}', args=[1])}".replace("/1/", "/99999999999999999999/")
            ).status_code
            == 404
        )


def test_nonsense_files(world, client_for, records):
    client = client_for(world.democratic)
    url = reverse("directory:officer_import")
    for value in NASTY_VALUES:
        data = value.encode("utf-8", "surrogatepass")
        response = client.post(url, {"file": SimpleUploadedFile("x.csv", data)})
        assert response.status_code == 200
