"""Directory forms: GOV.UK error wording, unit choices by path (closed units only when
already chosen), a topic handled by someone, and the import upload's checks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from councillor_hub.directory.forms import OfficerForm, OfficerImportForm, TopicForm, UnitForm
from councillor_hub.directory.models import UnitKind

from .factories import OfficerFactory, OrgUnitFactory, PartnerFactory


@pytest.fixture
def units(db):
    place = OrgUnitFactory(name="Place", kind=UnitKind.DIRECTORATE)
    roads = OrgUnitFactory(name="Roads", kind=UnitKind.TEAM, parent=place)
    closed = OrgUnitFactory(name="Depot", kind=UnitKind.TEAM, parent=place, is_active=False)
    return {"place": place, "roads": roads, "closed": closed}


def test_officer_form_requires_name_title_and_team(units):
    form = OfficerForm({"email": "not an email"})
    assert not form.is_valid()
    assert form.errors["full_name"] == ["Enter the officer's full name"]
    assert form.errors["job_title"] == ["Enter the officer's job title"]
    assert form.errors["unit"] == ["Select the officer's team"]
    assert form.errors["email"] == [
        "Enter an email address in the correct format, like name@example.com"
    ]
    assert "has_left" not in form.fields


def test_officer_form_offers_units_by_path_and_hides_closed_ones(units):
    labels = dict(OfficerForm().fields["unit"].choices)
    assert labels[str(units["roads"].pk)] == "Place > Roads"
    assert str(units["closed"].pk) not in labels
    form = OfficerForm({"full_name": "A", "job_title": "B", "unit": units["closed"].pk})
    assert form.errors["unit"] == ["Select a team from the list"]
    # An officer already in a closed unit keeps it on offer, so saving does not move them.
    officer = OfficerFactory(unit=units["closed"])
    labels = dict(OfficerForm(officer=officer).fields["unit"].choices)
    assert labels[str(units["closed"].pk)] == "Place > Depot (closed)"


def test_officer_form_gives_service_fields(units):
    officer = OfficerFactory(unit=units["roads"])
    form = OfficerForm(
        {"full_name": "A", "job_title": "B", "unit": units["roads"].pk, "has_left": "on"},
        officer=officer,
    )
    assert form.is_valid(), form.errors
    assert form.service_fields()["unit"] == units["roads"]
    assert form.is_active() is False


def test_unit_form_parent_is_optional_and_by_path(units):
    form = UnitForm({"name": "Highways", "kind": "service", "parent": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["parent"] is None
    assert UnitForm({"kind": "nonsense"}).errors["kind"] == ["Select a valid option for type"]
    assert UnitForm({}).errors["name"] == ["Enter the unit's name"]


def test_topic_form_needs_a_unit_or_partner(units):
    form = TopicForm({"name": "Bins"})
    assert not form.is_valid()
    assert form.errors["unit"] == ["Select the council team or the outside body that handles this"]
    assert TopicForm({"name": "Bins", "partner": PartnerFactory().pk}).is_valid()
    assert TopicForm({"name": "Bins", "partner": "999999"}).errors["partner"] == [
        "Select an outside body from the list"
    ]


@pytest.mark.parametrize(
    ("name", "data", "error"),
    [
        ("staff.pdf", b"staff_number,full_name\n", "The selected file must be a CSV"),
        ("staff.csv", b"", "The selected file is empty"),
        ("staff.csv", b"\x81\x8d", "The selected file could not be read"),
    ],
)
def test_import_form_checks_the_file(name, data, error):
    form = OfficerImportForm({}, {"file": SimpleUploadedFile(name, data)})
    assert not form.is_valid()
    assert form.errors["file"][0].startswith(error)


def test_import_form_reads_the_text():
    form = OfficerImportForm(
        {}, {"file": SimpleUploadedFile("Staff.CSV", "staff_number,full_name\nD1,Zoë\n".encode())}
    )
    assert form.is_valid(), form.errors
    assert form.text == "staff_number,full_name\nD1,Zoë\n"


def test_import_form_needs_a_file():
    assert OfficerImportForm({}, {}).errors["file"] == ["Select a CSV file"]
