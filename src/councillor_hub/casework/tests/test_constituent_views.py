import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    CaseConstituent,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    Constituent,
    TimelineEntry,
)
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    CaseShareFactory,
    ConstituentFactory,
    TimelineEntryFactory,
)

LIST = reverse("casework:constituent_list")
CREATE = reverse("casework:constituent_create")


def _detail(c):
    return reverse("casework:constituent_detail", args=[c.pk])


@pytest.fixture
def jane(world):
    return ConstituentFactory(
        owner=world.councillor,
        first_name="Jane",
        last_name="Smith",
        email="jane@example.test",
        phone="07700 900982",
        postcode="DT1 1AA",
        is_vulnerable=True,
        vulnerability_note="Carer for her mother",
    )


def _form_data(**overrides):
    data = {
        "title": "Ms",
        "first_name": "Amira",
        "last_name": "Khan",
        "address_line_1": "1 High Street",
        "address_line_2": "",
        "town": "Demoton",
        "postcode": "dt2 3ab",
        "ward": "",
        "email": "Amira@Example.test",
        "phone": "01632 960001",
        "preferred_contact": "phone",
        "accessibility_needs": "",
        "vulnerability_note": "",
    }
    data.update(overrides)
    return data


# List and search


def test_list_shows_own_constituents_and_search(world, councillor_client, jane):
    ConstituentFactory(
        owner=world.councillor, first_name="Bob", last_name="Brown", postcode="SW1A 1AA"
    )
    ConstituentFactory(owner=world.other, first_name="Olive", last_name="Other")
    response = councillor_client.get(LIST)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Smith, Jane" in body and "Brown, Bob" in body
    assert "Other, Olive" not in body
    assert "Add a constituent" in body
    # Restricted information never appears in a list.
    assert "Carer for her mother" not in body

    body = councillor_client.get(LIST, {"q": "Jane Smith"}).content.decode()
    assert "Smith, Jane" in body and "Brown, Bob" not in body
    body = councillor_client.get(LIST, {"q": "dt11aa"}).content.decode()
    assert "Smith, Jane" in body and "Brown, Bob" not in body


def test_colleague_list_shows_shared_constituents_with_their_councillor(
    world, colleague_client, jane
):
    ConstituentFactory(owner=world.councillor, first_name="Bob", last_name="Brown")
    CaseShareFactory(
        case=CaseFactory(owner=world.councillor, constituents=[jane]), colleague=world.colleague
    )
    body = colleague_client.get(LIST).content.decode()
    assert "Smith, Jane" in body and "Brown, Bob" not in body
    assert escape(world.councillor.full_name) in body


def test_list_has_no_export(world, councillor_client, jane):
    body = councillor_client.get(LIST).content.decode().lower()
    # Only the page's own words count: the random CSRF token can contain "csv".
    main = body.split("<main", 1)[1].split("</main>", 1)[0]
    main = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)
    assert "csv" not in main and "export" not in main and "download" not in main


@pytest.mark.parametrize("page", ["abc", "9999", "-1", "0", "1.5", ""])
def test_list_bad_page_numbers_do_not_fail(world, councillor_client, page):
    ConstituentFactory.create_batch(30, owner=world.councillor)
    response = councillor_client.get(LIST, {"page": page, "q": ""})
    assert response.status_code == 200
    assert len(response.context["constituents"]) in (25, 5)


def test_list_page_9999_falls_back_to_last_page(world, councillor_client):
    ConstituentFactory.create_batch(30, owner=world.councillor)
    response = councillor_client.get(LIST, {"page": "9999"})
    assert response.context["page_obj"].number == 2


@pytest.mark.parametrize("count", [5, 40])
def test_list_query_count_does_not_grow_with_rows(
    world, councillor_client, django_assert_max_num_queries, count
):
    constituents = ConstituentFactory.create_batch(count, owner=world.councillor)
    for constituent in constituents[:5]:
        CaseFactory(owner=world.councillor, constituents=[constituent])
    with django_assert_max_num_queries(13):
        response = councillor_client.get(LIST)
    assert response.status_code == 200
    assert len(response.context["constituents"]) == min(count, 25)


def test_list_refused_to_people_without_casework(world, client_for):
    for user in (world.highways_officer, world.admin, world.democratic):
        assert client_for(user).get(LIST).status_code == 404


def test_list_needs_sign_in(client, world):
    response = client.get(LIST)
    assert response.status_code == 302
    assert "/login" in response["Location"] or "next=" in response["Location"]


# Create


def test_create_get_shows_form_without_owner_choice(councillor_client):
    response = councillor_client.get(CREATE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Add a constituent" in body
    assert 'name="owner"' not in body
    assert 'name="confirm_different"' not in body


def test_create_makes_constituent_and_redirects(world, councillor_client):
    response = councillor_client.post(CREATE, _form_data(ward=world.ward_a.pk))
    constituent = Constituent.unrestricted.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(constituent)
    assert constituent.owner == world.councillor
    assert constituent.postcode == "DT2 3AB"
    assert constituent.email == "amira@example.test"
    assert constituent.ward == world.ward_a
    assert AuditEvent.objects.filter(action=Action.CREATE, actor=world.councillor).exists()


def test_create_keeps_values_on_validation_errors(councillor_client):
    response = councillor_client.post(
        CREATE,
        _form_data(last_name="", postcode="not a postcode", accessibility_needs="Large print"),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<title>Error:" in body
    assert "There is a problem" in body
    assert "Enter the constituent&#x27;s last name" in body
    assert "Enter a real postcode, like SW1A 1AA" in body
    assert 'value="Amira"' in body
    assert 'value="not a postcode"' in body
    assert 'value="Amira@Example.test"' in body
    assert "Large print" in body
    assert not Constituent.unrestricted.exists()


def test_create_note_needs_the_flag(councillor_client):
    response = councillor_client.post(CREATE, _form_data(vulnerability_note="Lives alone"))
    assert response.status_code == 200
    assert "Tick the box to record a vulnerability" in response.content.decode()
    assert not Constituent.unrestricted.exists()


def test_create_warns_about_duplicates_then_creates_on_confirm(world, councillor_client, jane):
    data = _form_data(first_name="Janet", last_name="Smithson", email="JANE@example.test")
    response = councillor_client.post(CREATE, data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "This person may already be on your records" in body
    assert _detail(jane) in body
    assert 'name="confirm_different"' in body
    assert 'value="Janet"' in body and 'value="Smithson"' in body
    assert Constituent.unrestricted.count() == 1

    response = councillor_client.post(CREATE, {**data, "confirm_different": "on"})
    assert response.status_code == 302
    assert Constituent.unrestricted.count() == 2


def test_create_duplicate_check_ignores_other_councillors(world, other_client, jane):
    response = other_client.post(CREATE, _form_data(email="jane@example.test"))
    assert response.status_code == 302
    assert Constituent.unrestricted.filter(owner=world.other).count() == 1


def test_delegate_creates_for_their_single_councillor(world, delegate_client):
    response = delegate_client.get(CREATE)
    assert 'name="owner"' not in response.content.decode()
    response = delegate_client.post(CREATE, _form_data())
    assert response.status_code == 302
    assert Constituent.unrestricted.get().owner == world.councillor


def test_delegate_of_two_councillors_chooses_owner(world, client_for):
    from councillor_hub.casework.tests.factories import DelegateGrantFactory

    DelegateGrantFactory(councillor=world.other, delegate=world.delegate)
    client = client_for(world.delegate)
    body = client.get(CREATE).content.decode()
    assert 'name="owner"' in body
    response = client.post(CREATE, _form_data())
    assert response.status_code == 200
    assert "Select whose casework this constituent belongs to" in response.content.decode()
    response = client.post(CREATE, _form_data(owner=world.other.pk))
    assert response.status_code == 302
    assert Constituent.unrestricted.get().owner == world.other


def test_create_refuses_owner_not_acted_for(world, client_for):
    from councillor_hub.casework.tests.factories import DelegateGrantFactory

    DelegateGrantFactory(councillor=world.other, delegate=world.delegate)
    response = client_for(world.delegate).post(CREATE, _form_data(owner=world.independent.pk))
    assert response.status_code == 200
    assert not Constituent.unrestricted.exists()


def test_create_refused_to_officers(world, client_for):
    for user in (world.highways_officer, world.admin):
        assert client_for(user).get(CREATE).status_code == 404
        assert client_for(user).post(CREATE, _form_data()).status_code == 404


# Detail


def test_detail_shows_details_cases_consents_and_audits(world, councillor_client, jane):
    case = CaseFactory(owner=world.councillor, constituents=[jane], title="Broken streetlight")
    TimelineEntryFactory(case=case, body="Diagnosed with a condition", is_sensitive=True)
    ConsentRecord.unrestricted.create(
        constituent=jane,
        purpose=ConsentPurpose.SHARE_WARD_COLLEAGUES,
        method=ConsentMethod.EMAIL,
        recorded_by=world.councillor,
    )
    response = councillor_client.get(_detail(jane))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jane Smith" in body
    assert "govuk-tag--red" in body
    assert "Carer for her mother" in body
    assert case.reference in body and "Broken streetlight" in body
    assert "Diagnosed" not in body
    assert "Share with ward colleagues" in body
    assert f"{reverse('casework:case_create')}?constituent={jane.pk}" in body
    assert reverse("casework:constituent_edit", args=[jane.pk]) in body
    assert reverse("casework:consent_add", args=[jane.pk]) in body
    assert reverse("casework:constituent_merge", args=[jane.pk]) in body
    event = AuditEvent.objects.get(action=Action.VIEW)
    assert event.actor == world.councillor
    assert event.object_label == f"constituent #{jane.pk}"
    assert event.data_controller == world.councillor


def test_delegate_sees_detail(world, delegate_client, jane):
    assert delegate_client.get(_detail(jane)).status_code == 200


@pytest.mark.parametrize(
    "role", ["other", "independent", "colleague", "support", "highways_officer", "admin", "whip"]
)
def test_detail_hidden_from_others(world, client_for, jane, role):
    response = client_for(getattr(world, role)).get(_detail(jane))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action=Action.VIEW).exists()


def test_shared_colleague_views_but_cannot_change(world, colleague_client, jane):
    shared = CaseFactory(owner=world.councillor, constituents=[jane], title="Shared case")
    CaseFactory(owner=world.councillor, constituents=[jane], title="Private case")
    CaseShareFactory(case=shared, colleague=world.colleague)
    response = colleague_client.get(_detail(jane))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Shared case" in body and "Private case" not in body
    assert reverse("casework:constituent_edit", args=[jane.pk]) not in body
    for name in ("constituent_edit", "consent_add", "constituent_merge"):
        url = reverse(f"casework:{name}", args=[jane.pk])
        assert colleague_client.get(url).status_code == 404
        assert colleague_client.post(url, {}).status_code == 404


def test_colleague_loses_view_when_share_revoked(world, colleague_client, jane):
    from django.utils import timezone

    share = CaseShareFactory(
        case=CaseFactory(owner=world.councillor, constituents=[jane]), colleague=world.colleague
    )
    assert colleague_client.get(_detail(jane)).status_code == 200
    share.revoked_at = timezone.now()
    share.save()
    assert colleague_client.get(_detail(jane)).status_code == 404


def test_detail_unknown_id_is_404(councillor_client):
    assert councillor_client.get("/casework/constituents/999999/").status_code == 404


# Edit


def test_edit_changes_details(world, councillor_client, jane):
    url = reverse("casework:constituent_edit", args=[jane.pk])
    response = councillor_client.get(url)
    assert response.status_code == 200
    assert 'value="Jane"' in response.content.decode()
    data = _form_data(
        first_name="Jane",
        last_name="Smith-Jones",
        is_vulnerable="on",
        vulnerability_note="Carer for her mother",
    )
    response = councillor_client.post(url, data)
    assert response.status_code == 302
    jane.refresh_from_db()
    assert jane.last_name == "Smith-Jones"
    assert jane.postcode == "DT2 3AB"
    assert AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_edit_keeps_values_on_error(world, councillor_client, jane):
    url = reverse("casework:constituent_edit", args=[jane.pk])
    response = councillor_client.post(url, _form_data(first_name="", phone="call me"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Enter the constituent&#x27;s first name" in body
    assert "Enter a phone number" in body
    assert 'value="call me"' in body
    jane.refresh_from_db()
    assert jane.first_name == "Jane"


@pytest.mark.parametrize("role", ["other", "colleague", "support", "admin"])
def test_edit_hidden_from_others(world, client_for, jane, role):
    url = reverse("casework:constituent_edit", args=[jane.pk])
    assert client_for(getattr(world, role)).get(url).status_code == 404


# Consent


def test_consent_add(world, delegate_client, jane):
    url = reverse("casework:consent_add", args=[jane.pk])
    assert delegate_client.get(url).status_code == 200
    response = delegate_client.post(
        url, {"purpose": "pass_to_council", "given": "no", "method": "verbal", "note": ""}
    )
    assert response.status_code == 302
    record = ConsentRecord.unrestricted.get()
    assert record.given is False and record.recorded_by == world.delegate


def test_consent_add_errors(world, councillor_client, jane):
    url = reverse("casework:consent_add", args=[jane.pk])
    response = councillor_client.post(url, {"purpose": "marketing", "note": "kept"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Select whether they agreed" in body
    assert "Select how they told you" in body
    assert "kept" in body
    assert not ConsentRecord.unrestricted.exists()


# Merge


@pytest.fixture
def twin(world, jane):
    return ConstituentFactory(
        owner=world.councillor,
        first_name="Jane",
        last_name="Smith",
        email="",
        phone="",
        postcode="DT1 1AA",
    )


def test_merge_journey(world, councillor_client, jane, twin):
    url = reverse("casework:constituent_merge", args=[twin.pk])
    case = CaseFactory(owner=world.councillor, constituents=[jane])
    body = councillor_client.get(url).content.decode()
    assert f"?other={jane.pk}" in body  # offered as a possible duplicate

    body = councillor_client.get(url, {"q": "smith"}).content.decode()
    assert f"?other={jane.pk}" in body

    response = councillor_client.get(url, {"other": jane.pk})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Check before merging" in body and "jane@example.test" in body

    response = councillor_client.post(url, {"other": jane.pk}, follow=True)
    assert response.redirect_chain[-1][0] == _detail(twin)
    assert "Records merged" in response.content.decode()
    assert not Constituent.unrestricted.filter(pk=jane.pk).exists()
    assert CaseConstituent.unrestricted.get(case=case).constituent_id == twin.pk
    twin.refresh_from_db()
    assert twin.email == "jane@example.test"
    assert AuditEvent.objects.filter(action=Action.MERGE).count() == 1


def test_merge_refuses_other_owners_record(world, councillor_client, twin):
    theirs = ConstituentFactory(owner=world.other)
    url = reverse("casework:constituent_merge", args=[twin.pk])
    assert councillor_client.get(url, {"other": theirs.pk}).status_code == 404
    assert councillor_client.post(url, {"other": theirs.pk}).status_code == 404
    assert Constituent.unrestricted.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("other", ["abc", "", "-5"])
def test_merge_bad_other_param_does_not_fail(councillor_client, twin, other):
    url = reverse("casework:constituent_merge", args=[twin.pk])
    assert councillor_client.get(url, {"other": other}).status_code in (200, 404)
    assert councillor_client.post(url, {"other": other}).status_code in (302, 404)


def test_merge_with_itself_shows_chooser(councillor_client, twin):
    url = reverse("casework:constituent_merge", args=[twin.pk])
    response = councillor_client.get(url, {"other": twin.pk})
    assert response.status_code == 200
    assert "Merge a duplicate record" in response.content.decode()
    response = councillor_client.post(url, {"other": twin.pk})
    assert response.status_code == 302
    assert Constituent.unrestricted.filter(pk=twin.pk).exists()


def test_no_timeline_change_from_constituent_pages(world, councillor_client, jane):
    # Constituent pages never write to a case timeline.
    councillor_client.get(_detail(jane))
    assert not TimelineEntry.unrestricted.exists()


def test_history_page_shows_who_changed_which_detail_and_is_audited(world, councillor_client):
    from councillor_hub.casework.services.constituents import (
        constituent_create,
        constituent_update,
    )

    person = constituent_create(
        actor=world.councillor, owner=world.councillor, first_name="Ada", last_name="Lovelace"
    )
    constituent_update(actor=world.delegate, constituent=person, phone="07700 900123")
    response = councillor_client.get(reverse("casework:constituent_history", args=[person.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Phone" in html and "07700 900123" in html and "(blank)" in html
    assert world.delegate.full_name in html
    assert AuditEvent.objects.filter(
        action="view", object_id=str(person.pk), detail="History", actor=world.councillor
    ).exists()
