"""Content managers keep the out-of-hours and emergency arrangements page current in the app:
add and change contacts and sections (GOV.UK error messages, what was typed kept on error),
withdraw them, and mark them reviewed with a POST."""

import pytest
from django.urls import reverse

from councillor_hub.audit.models import AuditEvent
from councillor_hub.directory.forms import ArrangementForm, ContactForm
from councillor_hub.directory.models import (
    PHONE_ERROR,
    ContactKind,
    EmergencyArrangement,
    OutOfHoursContact,
)
from councillor_hub.directory.services import next_review_date

from .factories import EmergencyArrangementFactory, OutOfHoursContactFactory, in_days

PAGE = reverse("directory:out_of_hours")


def contact_data(**kwargs) -> dict:
    data = {
        "kind": ContactKind.MAJOR_INCIDENT,
        "name": "Emergency planning duty officer",
        "phone": "01632 960123",
        "email": "",
        "hours": "24 hours",
        "notes": "",
        "review_date": in_days(365).isoformat(),
    }
    data.update(kwargs)
    return data


def section_data(**kwargs) -> dict:
    data = {
        "title": "Major incident arrangements",
        "body": "The council's emergency plan.\n\n- Call the duty officer",
        "sort_order": "",
        "review_date": in_days(365).isoformat(),
    }
    data.update(kwargs)
    return data


# --- Contacts ------------------------------------------------------------------------------


def test_add_a_contact(world, client_for):
    client = client_for(world.democratic)
    response = client.get(reverse("directory:contact_create"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Add an out-of-hours contact" in html
    assert next_review_date().isoformat() in html  # twelve months ahead, by default
    response = client.post(reverse("directory:contact_create"), contact_data())
    contact = OutOfHoursContact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{PAGE}#contact-{contact.pk}"
    assert contact.service_area is None and contact.kind == ContactKind.MAJOR_INCIDENT
    assert contact.history.get().history_user == world.democratic
    page = client.get(response["Location"]).content.decode()
    assert "Emergency planning duty officer added" in page
    assert "01632 960123" in page


def test_add_a_service_contact(world, client_for):
    client_for(world.admin).post(
        reverse("directory:contact_create"),
        contact_data(service_area=world.highways.pk, kind=ContactKind.ON_CALL),
    )
    assert OutOfHoursContact.objects.get().service_area == world.highways


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"phone": ""}, "phone", "Enter a phone number"),
        ({"phone": "ring the depot"}, "phone", PHONE_ERROR),
        ({"phone": "12"}, "phone", PHONE_ERROR),
        ({"phone": "0" * 31}, "phone", PHONE_ERROR),
        ({"name": ""}, "name", "Enter the team or role"),
        ({"kind": ""}, "kind", "Select the type of contact"),
        ({"kind": "pizza"}, "kind", "Select the type of contact"),
        ({"service_area": "999999"}, "service_area", "Select a service from the list"),
        ({"service_area": "abc"}, "service_area", "Select a service from the list"),
        (
            {"email": "not-an-email"},
            "email",
            "Enter an email address in the correct format, like name@example.com",
        ),
        ({"review_date": ""}, "review_date", "Enter the next review date"),
        ({"review_date": "2027-02-30"}, "review_date", "Next review date must be a real date"),
        ({"review_date": "soon"}, "review_date", "Next review date must be a real date"),
        (
            {"review_date": in_days(0).isoformat()},
            "review_date",
            "The review date must be in the future",
        ),
        (
            {"review_date": in_days(-30).isoformat()},
            "review_date",
            "The review date must be in the future",
        ),
    ],
)
def test_contact_form_errors(world, client_for, changes, field, message):
    response = client_for(world.admin).post(
        reverse("directory:contact_create"), contact_data(**changes)
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors[field][0].startswith(message)
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html
    assert 'value="24 hours"' in html  # what was typed is kept
    assert not OutOfHoursContact.objects.exists()
    assert not AuditEvent.objects.exists()


def test_change_a_contact_and_withdraw_it(world, client_for):
    contact = OutOfHoursContactFactory(
        service_area=world.highways, kind=ContactKind.ON_CALL, name="Highways duty engineer"
    )
    client = client_for(world.admin)
    url = reverse("directory:contact_update", args=[contact.pk])
    html = client.get(url).content.decode()
    assert "Change Highways duty engineer" in html
    assert 'value="01632 960000"' in html
    data = contact_data(
        service_area=world.highways.pk,
        kind=ContactKind.ON_CALL,
        name="Highways duty engineer",
        review_date=contact.review_date.isoformat(),
        phone="01632 960777",
    )
    assert client.post(url, data).status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "01632 960777"
    assert [h.phone for h in contact.history.order_by("history_id")] == [
        "01632 960000",
        "01632 960777",
    ]
    assert client.post(url, {**data, "withdrawn": "on"}).status_code == 302
    contact.refresh_from_db()
    assert not contact.is_active
    page = client_for(world.councillor).get(PAGE).content.decode()
    assert "Highways duty engineer" not in page
    manager_page = client.get(PAGE).content.decode()
    assert "Highways duty engineer" in manager_page.split('id="withdrawn"')[1]


def test_an_unchanged_past_review_date_may_stay(world, client_for):
    contact = OutOfHoursContactFactory(review_date=in_days(-20))
    url = reverse("directory:contact_update", args=[contact.pk])
    data = contact_data(
        kind=contact.kind, name=contact.name, review_date=contact.review_date.isoformat()
    )
    assert client_for(world.admin).post(url, data).status_code == 302
    data["review_date"] = in_days(-19).isoformat()
    response = client_for(world.admin).post(url, data)
    assert response.context["form"].errors["review_date"] == [
        "The review date must be in the future"
    ]


def test_mark_a_contact_reviewed(world, client_for):
    contact = OutOfHoursContactFactory(review_date=in_days(-1), name="Safeguarding hub")
    client = client_for(world.democratic)
    url = reverse("directory:contact_reviewed", args=[contact.pk])
    assert client.get(url).status_code == 405
    response = client.post(url, follow=True)
    contact.refresh_from_db()
    assert contact.review_date == next_review_date()
    html = response.content.decode()
    due = next_review_date()
    assert f"Safeguarding hub marked as reviewed: next review by {due.day} {due:%B %Y}" in html
    assert response.redirect_chain[-1][0] == f"{PAGE}#contact-{contact.pk}"


def test_unknown_records_are_not_found(world, client_for):
    client = client_for(world.admin)
    for name in ["contact_update", "arrangement_update"]:
        assert client.get(reverse(f"directory:{name}", args=[999999])).status_code == 404
    for name in ["contact_reviewed", "arrangement_reviewed"]:
        assert client.post(reverse(f"directory:{name}", args=[999999])).status_code == 404


# --- Arrangement sections ------------------------------------------------------------------


def test_add_a_section_it_goes_last(world, client_for):
    EmergencyArrangementFactory(title="Who to call first", sort_order=40)
    client = client_for(world.admin)
    response = client.post(reverse("directory:arrangement_create"), section_data())
    section = EmergencyArrangement.objects.get(title="Major incident arrangements")
    assert response["Location"] == f"{PAGE}#section-{section.pk}"
    assert section.sort_order == 50
    page = client_for(world.councillor).get(PAGE).content.decode()
    assert page.index("Who to call first") < page.index("Major incident arrangements")
    assert "<li>Call the duty officer</li>" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": ""}, "title", "Enter the heading"),
        ({"title": "x" * 151}, "title", "Heading must be 150 characters or fewer"),
        ({"body": "   "}, "body", "Enter the text of the section"),
        ({"sort_order": "first"}, "sort_order", "Position must be a whole number"),
        ({"sort_order": "-1"}, "sort_order", "Position must be a whole number"),
        ({"sort_order": "100000"}, "sort_order", "Position must be a whole number"),
        ({"review_date": ""}, "review_date", "Enter the next review date"),
        (
            {"review_date": in_days(-1).isoformat()},
            "review_date",
            "The review date must be in the future",
        ),
    ],
)
def test_section_form_errors(world, client_for, changes, field, message):
    response = client_for(world.democratic).post(
        reverse("directory:arrangement_create"), section_data(**changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field][0].startswith(message)
    assert "<title>Error: " in response.content.decode()
    assert not EmergencyArrangement.objects.exists()


def test_change_a_section_make_it_members_only_and_take_it_off(world, client_for):
    section = EmergencyArrangementFactory(title="Rest centres", body="Schools.")
    client = client_for(world.admin)
    url = reverse("directory:arrangement_update", args=[section.pk])
    assert "Change Rest centres" in client.get(url).content.decode()
    data = section_data(
        title="Emergency rest centres",
        body="Leisure centres.",
        members_only="on",
        sort_order=str(section.sort_order),
        review_date=section.review_date.isoformat(),
    )
    assert client.post(url, data).status_code == 302
    section.refresh_from_db()
    assert (section.title, section.members_only) == ("Emergency rest centres", True)
    assert "Emergency rest centres" in client_for(world.councillor).get(PAGE).content.decode()
    assert "Emergency rest centres" not in client_for(world.support).get(PAGE).content.decode()
    assert client.post(url, {**data, "withdrawn": "on"}).status_code == 302
    assert "Emergency rest centres" not in client_for(world.councillor).get(PAGE).content.decode()
    assert [h.title for h in section.history.order_by("history_id")][-1] == (
        "Emergency rest centres"
    )


def test_mark_a_section_reviewed(world, client_for):
    section = EmergencyArrangementFactory(review_date=in_days(-1))
    response = client_for(world.admin).post(
        reverse("directory:arrangement_reviewed", args=[section.pk])
    )
    assert response["Location"] == f"{PAGE}#section-{section.pk}"
    section.refresh_from_db()
    assert section.review_date == next_review_date()


# --- The forms on their own ----------------------------------------------------------------


def test_forms_give_the_services_their_fields(world):
    contact = OutOfHoursContactFactory(service_area=world.highways)
    form = ContactForm(
        contact_data(service_area=world.highways.pk, withdrawn="on", phone=" 01632   960123 "),
        contact=contact,
    )
    assert form.is_valid(), form.errors
    fields = form.update_fields()
    assert fields["phone"] == "01632 960123"
    assert fields["service_area"] == world.highways and fields["is_active"] is False
    assert "withdrawn" not in ContactForm().fields  # nothing to withdraw yet
    form = ArrangementForm(section_data(members_only="on"))
    assert form.is_valid(), form.errors
    assert form.service_fields() == {
        "title": "Major incident arrangements",
        "body": "The council's emergency plan.\n\n- Call the duty officer",
        "sort_order": None,
        "members_only": True,
        "review_date": in_days(365),
    }
