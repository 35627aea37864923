"""Erasure pages: find, preview, confirm; and nonsense input (bad ids, empty searches, a
missing confirmation) gives a clear error and changes nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import Case, Constituent
from councillor_hub.enquiries.models import Enquiry
from councillor_hub.enquiries.tests.factories import EnquiryFactory

from .erasure_fixtures import attach, case, consent, constituent, note

START = reverse("dataprotection:erasure_start")
ENQUIRIES = reverse("dataprotection:erasure_enquiries")
NAME = "Fenella Gastrell"
EMAIL = "fg@example.invalid"
PHONE = "07700 900 789"


def preview_url(person) -> str:
    return reverse("dataprotection:erasure_constituent", args=[person.pk])


@pytest.fixture
def person(world):
    person = constituent(
        world.councillor, first_name="Fenella", last_name="Gastrell", email=EMAIL, phone=PHONE
    )
    consent(person)
    return person


@pytest.fixture
def cases(world, person):
    other = constituent(world.councillor, first_name="Rupert", last_name="Oddie")
    only = case(world.councillor, constituents=[person], title=f"{NAME}: fence")
    attach(only, text="A letter")
    shared = case(world.councillor, constituents=[person, other], title=f"{NAME} and Rupert")
    note(shared, f"{NAME} rang")
    enquiry = EnquiryFactory(member=world.councillor, case=only, constituent_name=NAME)
    return {"only": only, "shared": shared, "other": other, "enquiry": enquiry}


def test_search_finds_own_constituents_by_name_email_or_phone(world, person, client_for):
    namesake = constituent(world.colleague, first_name="Fenella", last_name="Gastrell")
    browser = client_for(world.councillor)
    for q in ("gastrell", "Fenella Gastrell", EMAIL.upper(), "07700900789", "07700 900 789"):
        page = browser.get(START, {"q": q})
        assert page.status_code == 200
        assert preview_url(person) in page.content.decode(), q
        assert preview_url(namesake) not in page.content.decode()


def test_search_with_no_match_says_so(world, person, client_for):
    page = client_for(world.councillor).get(START, {"q": "Nobody Atall"})
    assert "None of your constituents match" in page.content.decode()


@pytest.mark.parametrize("q", ["", "   "])
def test_empty_search_is_an_error(world, client_for, q):
    page = client_for(world.councillor).get(START, {"q": q})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Error: " in html
    assert "Enter a name, email address or phone number" in html


def test_first_visit_is_not_an_error(world, client_for):
    page = client_for(world.councillor).get(START)
    assert page.status_code == 200
    assert "<title>Error" not in page.content.decode()


def test_overlong_search_is_an_error_not_a_crash(world, client_for):
    page = client_for(world.councillor).get(START, {"q": "x" * 500})
    assert page.status_code == 200
    assert "200 characters or fewer" in page.content.decode()


def test_the_dpo_is_sent_to_the_enquiries_erasure(dpo, client_for):
    response = client_for(dpo).get(START)
    assert response.status_code == 302
    assert response["Location"] == ENQUIRIES


def test_preview_shows_what_will_change(world, person, cases, client_for):
    page = client_for(world.councillor).get(preview_url(person))
    assert page.status_code == 200
    html = page.content.decode()
    assert cases["only"].reference in html
    assert cases["shared"].reference in html
    assert "Cases that will be anonymised" in html
    assert "Cases they share with other constituents" in html
    assert "they are taken off the case; the other constituents stay" in html
    assert cases["enquiry"].reference in html
    assert "ask the council's data protection officer" in html
    assert "I understand this cannot be undone" in html
    assert 'type="hidden" name="also"' in html
    # Seeing the preview is recorded, by id only; it changes nothing.
    view = AuditEvent.objects.get(action=Action.VIEW, object_label=f"constituent #{person.pk}")
    assert view.detail == "Erasure preview"
    assert Constituent.unrestricted.filter(pk=person.pk).exists()


def test_preview_with_other_names(world, person, cases, client_for):
    note(cases["shared"], "Nella called back")
    page = client_for(world.councillor).get(preview_url(person), {"also": "Nella"})
    html = page.content.decode()
    assert "<li>Nella</li>" in html
    assert 'value="Nella"' in html  # carried into the confirmation


def test_preview_with_bad_other_names_shows_the_error(world, person, client_for):
    page = client_for(world.councillor).get(preview_url(person), {"also": "Ab"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Error: " in html
    assert "at least 3 characters" in html


def test_erase_needs_the_confirmation(world, person, cases, client_for):
    page = client_for(world.councillor).post(preview_url(person), {"also": ""})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Error: " in html
    assert "Confirm that you understand this cannot be undone" in html
    assert Constituent.unrestricted.filter(pk=person.pk).exists()
    assert not Case.unrestricted.get(pk=cases["only"].pk).is_anonymised
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()


def test_erase_refuses_tampered_other_names(world, person, cases, client_for):
    page = client_for(world.councillor).post(preview_url(person), {"also": "a", "confirm": "on"})
    assert page.status_code == 200
    assert "at least 3 characters" in page.content.decode()
    assert Constituent.unrestricted.filter(pk=person.pk).exists()


def test_erase(world, person, cases, client_for):
    browser = client_for(world.councillor)
    response = browser.post(preview_url(person), {"also": "", "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"] == START
    assert not Constituent.unrestricted.filter(pk=person.pk).exists()
    assert Case.unrestricted.get(pk=cases["only"].pk).is_anonymised
    assert list(Case.unrestricted.get(pk=cases["shared"].pk).constituents.all()) == [cases["other"]]
    page = browser.get(START)
    html = page.content.decode()
    assert "Their data has been erased" in html
    assert "1 case anonymised" in html
    assert "Fenella" not in html
    # Erased is gone: the preview of the deleted record is a 404.
    assert browser.get(preview_url(person)).status_code == 404


@pytest.mark.parametrize("pk", ["0", "999999", "-1", "abc", "1.5"])
def test_bad_ids(world, client_for, pk):
    browser = client_for(world.councillor)
    url = f"/data-protection/erasure/constituent/{pk}/"
    assert browser.get(url).status_code == 404
    assert browser.post(url, {"confirm": "on"}).status_code == 404


def test_control_characters_are_refused_not_a_crash(world, dpo, person, client_for):
    browser = client_for(world.councillor)
    assert browser.get(START, {"q": "a\x00b"}).status_code == 200
    assert browser.get(preview_url(person), {"also": "ab\x00cd"}).status_code == 200
    page = browser.post(preview_url(person), {"also": "ab\x00cd", "confirm": "on"})
    assert page.status_code == 200
    assert Constituent.unrestricted.filter(pk=person.pk).exists()
    officer = client_for(dpo)
    for params in ({"name": "a\x00bcd"}, {"phone": "\x00" * 10}, {"email": "a@b\x00.c"}):
        assert officer.get(ENQUIRIES, params).status_code == 200
        assert officer.post(ENQUIRIES, {**params, "confirm": "on"}).status_code == 200
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()


def test_preview_queries_do_not_grow_with_cases(
    world, person, client_for, django_assert_max_num_queries
):
    browser = client_for(world.councillor)
    other = constituent(world.councillor, first_name="Rupert", last_name="Oddie")

    def add_cases(count):
        for n in range(count):
            case(world.councillor, constituents=[person], title=f"{NAME} case {n}")
            shared = case(world.councillor, constituents=[person, other], title=f"{NAME} {n}")
            note(shared, f"{NAME} rang")

    add_cases(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert browser.get(preview_url(person)).status_code == 200
    add_cases(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(preview_url(person)).status_code == 200


# --- The council's enquiries ---------------------------------------------------------------


@pytest.fixture
def enquiry(world):
    return EnquiryFactory(
        member=world.councillor,
        subject="Flooding",
        description=f"{NAME} reports water",
        constituent_name=NAME,
        constituent_email=EMAIL,
        constituent_phone=PHONE,
    )


def test_enquiries_form_first_visit(dpo, client_for):
    page = client_for(dpo).get(ENQUIRIES)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Error" not in html
    assert 'name="name"' in html and 'name="email"' in html and 'name="phone"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"name": "", "email": "", "phone": ""}, "Enter the person&#x27;s name, email address"),
        ({"name": "Al"}, "at least 3 characters"),
        ({"email": "not-an-email"}, "Enter an email address in the correct format"),
        ({"phone": "12"}, "at least 6 digits"),
        ({"name": NAME, "also": "x"}, "at least 3 characters"),
        ({"name": "x" * 300}, "200 characters or fewer"),
    ],
)
def test_enquiries_search_errors(dpo, enquiry, client_for, params, message):
    page = client_for(dpo).get(ENQUIRIES, params)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<title>Error: " in html
    assert message in html
    assert enquiry.reference not in html


def test_enquiries_preview(dpo, enquiry, client_for):
    page = client_for(dpo).get(ENQUIRIES, {"name": NAME.upper(), "phone": "07700900789"})
    assert page.status_code == 200
    html = page.content.decode()
    assert enquiry.reference in html
    assert "the constituent's name, address, email and phone are emptied" in html
    assert "I understand this cannot be undone" in html
    event = AuditEvent.objects.get(action=Action.SEARCH)
    assert NAME.lower() not in event.detail.lower()
    assert Enquiry.unrestricted.get(pk=enquiry.pk).constituent_name == NAME


def test_enquiries_preview_with_no_match(dpo, enquiry, client_for):
    page = client_for(dpo).get(ENQUIRIES, {"name": "Nobody Atall"})
    assert "No enquiries hold or mention these details" in page.content.decode()


def test_enquiries_erase_needs_the_confirmation(dpo, enquiry, client_for):
    page = client_for(dpo).post(ENQUIRIES, {"name": NAME, "email": "", "phone": "", "also": ""})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Confirm that you understand this cannot be undone" in html
    assert enquiry.reference in html  # the preview is shown again
    assert Enquiry.unrestricted.get(pk=enquiry.pk).constituent_name == NAME


def test_enquiries_erase_with_tampered_details(dpo, enquiry, client_for):
    page = client_for(dpo).post(ENQUIRIES, {"name": "", "email": "", "phone": "", "confirm": "on"})
    assert page.status_code == 200
    assert "Enter the person&#x27;s name, email address" in page.content.decode()
    assert Enquiry.unrestricted.get(pk=enquiry.pk).constituent_name == NAME
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()


def test_enquiries_erase(dpo, enquiry, client_for):
    browser = client_for(dpo)
    response = browser.post(
        ENQUIRIES, {"name": NAME, "email": EMAIL, "phone": "", "also": "", "confirm": "on"}
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.constituent_name, enquiry.constituent_email, enquiry.constituent_phone) == (
        "",
        "",
        "",
    )
    assert enquiry.description == "[erased] reports water"
    assert "Their data has been erased" in browser.get(ENQUIRIES).content.decode()


def test_enquiries_preview_queries_do_not_grow(
    world, dpo, client_for, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(count):
        for _ in range(count):
            EnquiryFactory(member=world.councillor, constituent_name=NAME, description=NAME)

    browser = client_for(dpo)
    add(2)
    with CaptureQueriesContext(connection) as few:
        assert browser.get(ENQUIRIES, {"name": NAME}).status_code == 200
    add(8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(ENQUIRIES, {"name": NAME}).status_code == 200
