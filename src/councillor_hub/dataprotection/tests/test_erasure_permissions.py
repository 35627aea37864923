"""The permission matrix for every erasure URL (issue 4 item 4), for every person.

A councillor (or MP) erases only their own constituents: a colleague the case is shared
with, the councillor's delegate and the data protection officer all get 404 on the
councillor's constituent. The data protection officer erases only in the council's
enquiries (the start page sends them there). A refused POST changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import Case, CaseConstituent, Constituent
from councillor_hub.casework.tests.factories import CaseShareFactory
from councillor_hub.conftest import refreshed
from councillor_hub.enquiries.models import Enquiry
from councillor_hub.enquiries.tests.factories import EnquiryFactory

from .erasure_fixtures import case, constituent, note
from .matrix import PEOPLE, assert_sent_to_sign_in, person_client

OK, NF, RD, IN = 200, 404, 302, "sign-in"

# GET answers, person by person.
START = {
    "councillor": OK,
    "colleague": OK,  # their own casework
    "other": OK,
    "independent": OK,
    "delegate": NF,  # erasing is the controller's decision, not a delegate's
    "support": NF,
    "highways_officer": NF,
    "manager": NF,
    "mp": OK,
    "whip": OK,
    "democratic": NF,
    "admin": NF,
    "dpo": RD,  # to the council's enquiries
    "anonymous": IN,
}
# The councillor's constituent (on a case shared with the colleague).
CONSTITUENT = {person: NF for person in PEOPLE} | {"councillor": OK, "anonymous": IN}
ENQUIRIES = {person: NF for person in PEOPLE} | {"dpo": OK, "anonymous": IN}

NAME = "Ottoline Fairweather"

pytestmark = pytest.mark.usefixtures("module_world", "module_dpo")


@pytest.fixture(scope="module")
def module_target(module_world, django_db_blocker):
    """Built once for the module; each test gets fresh copies in its own savepoint."""
    with django_db_blocker.unblock():
        return build_target(module_world)


@pytest.fixture
def target(module_target, db):
    return refreshed(module_target)


def build_target(world):
    """The councillor's constituent, on a case shared with their ward colleague and on an
    enquiry to the council."""
    person = constituent(
        world.councillor, first_name="Ottoline", last_name="Fairweather", phone="07700 900 222"
    )
    neighbour = constituent(world.councillor, first_name="Basil", last_name="Thorne")
    shared = case(world.councillor, constituents=[person, neighbour], title=f"{NAME}: trees")
    note(shared, f"{NAME} rang")
    CaseShareFactory(case=shared, colleague=world.colleague)
    enquiry = EnquiryFactory(
        member=world.councillor, case=shared, constituent_name=NAME, description=f"{NAME} asks"
    )
    return {"person": person, "case": shared, "enquiry": enquiry}


def _check(response, expected):
    if expected == IN:
        assert_sent_to_sign_in(response)
    elif expected == RD:
        assert response.status_code == 302
        assert response["Location"] == reverse("dataprotection:erasure_enquiries")
    else:
        assert response.status_code == expected


def _snapshot(target) -> tuple:
    shared = Case.unrestricted.get(pk=target["case"].pk)
    enquiry = Enquiry.unrestricted.get(pk=target["enquiry"].pk)
    return (
        Constituent.unrestricted.filter(pk=target["person"].pk).exists(),
        CaseConstituent.unrestricted.filter(case=shared).count(),
        shared.title,
        shared.timeline.count(),
        enquiry.constituent_name,
        enquiry.description,
        AuditEvent.objects.filter(action=Action.ERASE).count(),
    )


@pytest.mark.parametrize("person", PEOPLE)
def test_start(person, world, dpo, target, client, client_for):
    browser = person_client(person, world=world, dpo=dpo, client=client, client_for=client_for)
    _check(browser.get(reverse("dataprotection:erasure_start")), START[person])
    _check(
        browser.get(reverse("dataprotection:erasure_start"), {"q": "Fairweather"}), START[person]
    )


@pytest.mark.parametrize("person", PEOPLE)
def test_search_shows_only_own_constituents(person, world, dpo, target, client, client_for):
    if START[person] != OK:
        return
    page = person_client(person, world=world, dpo=dpo, client=client, client_for=client_for).get(
        reverse("dataprotection:erasure_start"), {"q": "Fairweather"}
    )
    url = reverse("dataprotection:erasure_constituent", args=[target["person"].pk])
    assert (url in page.content.decode()) == (person == "councillor")


@pytest.mark.parametrize("person", PEOPLE)
def test_constituent_preview(person, world, dpo, target, client, client_for):
    url = reverse("dataprotection:erasure_constituent", args=[target["person"].pk])
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).get(url)
    _check(response, CONSTITUENT[person])
    if CONSTITUENT[person] == NF:
        assert "Fairweather" not in response.content.decode()


@pytest.mark.parametrize("person", PEOPLE)
def test_constituent_erase_post(person, world, dpo, target, client, client_for):
    url = reverse("dataprotection:erasure_constituent", args=[target["person"].pk])
    before = _snapshot(target)
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(url, {"confirm": "on", "also": ""})
    if person == "councillor":
        assert response.status_code == 302
        assert not Constituent.unrestricted.filter(pk=target["person"].pk).exists()
        # The council's enquiry is untouched by the councillor's erasure.
        assert Enquiry.unrestricted.get(pk=target["enquiry"].pk).constituent_name == NAME
        return
    _check(response, CONSTITUENT[person])
    assert _snapshot(target) == before


@pytest.mark.parametrize("person", PEOPLE)
def test_enquiries_page(person, world, dpo, target, client, client_for):
    browser = person_client(person, world=world, dpo=dpo, client=client, client_for=client_for)
    url = reverse("dataprotection:erasure_enquiries")
    _check(browser.get(url), ENQUIRIES[person])
    response = browser.get(url, {"name": NAME})
    _check(response, ENQUIRIES[person])
    if ENQUIRIES[person] == NF:
        assert target["enquiry"].reference not in response.content.decode()


@pytest.mark.parametrize("person", PEOPLE)
def test_enquiries_erase_post(person, world, dpo, target, client, client_for):
    before = _snapshot(target)
    response = person_client(
        person, world=world, dpo=dpo, client=client, client_for=client_for
    ).post(
        reverse("dataprotection:erasure_enquiries"),
        {"name": NAME, "email": "", "phone": "", "also": "", "confirm": "on"},
    )
    if person == "dpo":
        assert response.status_code == 302
        enquiry = Enquiry.unrestricted.get(pk=target["enquiry"].pk)
        assert enquiry.constituent_name == ""
        # The councillor's casework is theirs: the DPO's erasure leaves it alone.
        assert Constituent.unrestricted.filter(pk=target["person"].pk).exists()
        assert NAME in Case.unrestricted.get(pk=target["case"].pk).title
        return
    _check(response, ENQUIRIES[person])
    assert _snapshot(target) == before


def test_a_delegate_cannot_erase_even_with_the_councillor_acting(world, target, client_for):
    """The delegate can see and edit the councillor's casework, but not erase it."""
    browser = client_for(world.delegate)
    url = reverse("dataprotection:erasure_constituent", args=[target["person"].pk])
    assert (
        browser.get(reverse("casework:constituent_detail", args=[target["person"].pk])).status_code
        == 200
    )
    assert browser.post(url, {"confirm": "on"}).status_code == 404
    assert Constituent.unrestricted.filter(pk=target["person"].pk).exists()
