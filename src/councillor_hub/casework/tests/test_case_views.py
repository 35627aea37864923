"""Case pages: open, read (audited), change, status, constituents, links and history."""

import pytest
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    DelegateGrant,
    EntryKind,
    Outcome,
    Status,
)
from councillor_hub.casework.services.cases import case_update
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    CaseShareFactory,
    ConstituentFactory,
    DelegateGrantFactory,
    TimelineEntryFactory,
)
from councillor_hub.conftest import ROLE_NAMES


def _url(name, case, *args):
    return reverse(f"casework:{name}", args=[case.reference, *args])


def _create_data(world, **overrides):
    data = {
        "owner": world.councillor.pk,
        "title": "Broken street light",
        "description": "Dark at night on Mill Lane.",
        "category": world.highways.pk,
        "ward": world.ward_a.pk,
        "location": "Mill Lane",
        "postcode": "dt1 1aa",
        "channel": "phone",
        "priority": "high",
        "follow_up_date": "",
        "tags": "lighting, Mill Lane",
        "lawful_basis": "constituent_request",
        "special_category_condition": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def case(world):
    return CaseFactory(owner=world.councillor, category=world.highways, ward=world.ward_a)


# Create -----------------------------------------------------------------------------------------


def test_create_then_detail(world, councillor_client):
    resident = ConstituentFactory(owner=world.councillor, first_name="Ada", last_name="Lovelace")
    response = councillor_client.get(
        reverse("casework:case_create") + f"?constituent={resident.pk}"
    )
    assert response.status_code == 200
    assert f'value="{resident.pk}" selected' in response.content.decode()

    response = councillor_client.post(
        reverse("casework:case_create"), _create_data(world, constituent=resident.pk)
    )
    case = Case.unrestricted.get()
    assert response.status_code == 302
    assert response.url == _url("case_detail", case)
    assert case.postcode == "DT1 1AA"
    assert case.priority == "high"
    assert list(case.constituents.all()) == [resident]

    page = councillor_client.get(response.url)
    text = page.content.decode()
    assert "Broken street light" in text
    assert "Ada Lovelace" in text
    assert "lighting" in text
    assert f"Case {case.reference} opened" in text


def test_create_form_errors_keep_what_was_typed(world, councillor_client):
    data = _create_data(
        world,
        title="",
        postcode="nonsense",
        follow_up_date="2026-02-31",
        channel="carrier-pigeon",
        category="999999",
        has_special_category_data="on",
    )
    response = councillor_client.post(reverse("casework:case_create"), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "<title>Error:" in text
    assert "There is a problem" in text
    assert "Enter a title for the case" in text
    assert "Enter a real postcode, like SW1A 1AA" in text
    assert "must be a real date" in text
    assert "Select the condition for processing special category data" in text
    assert "Dark at night on Mill Lane." in text  # description kept
    assert not Case.unrestricted.exists()


def test_create_as_delegate_of_several_chooses_the_councillor(world, delegate_client):
    DelegateGrantFactory(councillor=world.colleague, delegate=world.delegate)
    page = delegate_client.get(reverse("casework:case_create")).content.decode()
    assert "Which councillor is this case for?" in page
    response = delegate_client.post(
        reverse("casework:case_create"), _create_data(world, owner=world.colleague.pk)
    )
    assert response.status_code == 302
    assert Case.unrestricted.get().owner == world.colleague


def test_create_for_a_councillor_you_do_not_act_for_is_refused(world, delegate_client):
    response = delegate_client.post(
        reverse("casework:case_create"), _create_data(world, owner=world.other.pk)
    )
    assert response.status_code == 200
    assert "Select a councillor you work for" in response.content.decode()
    assert not Case.unrestricted.exists()


def test_create_with_someone_elses_constituent_is_refused(world, councillor_client):
    stranger = ConstituentFactory(owner=world.other)
    response = councillor_client.post(
        reverse("casework:case_create"), _create_data(world, constituent=stranger.pk)
    )
    assert response.status_code == 200
    assert not Case.unrestricted.exists()


@pytest.mark.parametrize("who", ["highways_officer", "admin", "democratic", "manager"])
def test_create_page_is_404_without_casework(world, client_for, who):
    assert client_for(getattr(world, who)).get(reverse("casework:case_create")).status_code == 404


def test_create_page_needs_sign_in(client, world):
    response = client.get(reverse("casework:case_create"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


# Detail -----------------------------------------------------------------------------------------


def test_detail_is_audited(world, councillor_client, case):
    response = councillor_client.get(_url("case_detail", case))
    assert response.status_code == 200
    event = AuditEvent.objects.get(action=Action.VIEW)
    assert event.object_label == case.reference
    assert event.object_id == str(case.pk)
    assert event.data_controller == world.councillor
    assert event.actor == world.councillor


VISIBLE_TO = {"councillor", "delegate"}


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_detail_matrix(world, client_for, case, role):
    response = client_for(getattr(world, role)).get(_url("case_detail", case))
    assert response.status_code == (200 if role in VISIBLE_TO else 404)
    if role not in VISIBLE_TO:
        assert case.title not in response.content.decode()
        assert not AuditEvent.objects.filter(action=Action.VIEW).exists()


def test_unknown_reference_is_404(councillor_client):
    assert councillor_client.get("/casework/cases/CW-1999-99999/").status_code == 404


def test_revoked_delegate_gets_404(world, delegate_client, case):
    DelegateGrant.unrestricted.filter(delegate=world.delegate).update(revoked_at=timezone.now())
    assert delegate_client.get(_url("case_detail", case)).status_code == 404
    assert delegate_client.get(_url("case_edit", case)).status_code == 404


def test_colleague_before_and_after_sharing(world, colleague_client, case):
    assert colleague_client.get(_url("case_detail", case)).status_code == 404
    share = CaseShareFactory(case=case, colleague=world.colleague)
    response = colleague_client.get(_url("case_detail", case))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Shared with you" in text
    assert _url("case_edit", case) not in text
    assert _url("case_sharing", case) not in text
    share.revoked_at = timezone.now()
    share.save()
    assert colleague_client.get(_url("case_detail", case)).status_code == 404


@pytest.mark.parametrize(
    "name", ["case_edit", "case_status", "case_constituent_add", "case_link_add"]
)
def test_shared_colleague_gets_404_on_change_pages(world, colleague_client, case, name):
    CaseShareFactory(case=case, colleague=world.colleague)
    assert colleague_client.get(_url(name, case)).status_code == 404
    assert colleague_client.post(_url(name, case), {}).status_code == 404


def test_detail_shows_timeline_newest_first_with_sensitive_tag(world, councillor_client, case):
    now = timezone.now()
    TimelineEntryFactory(case=case, body="First call", occurred_at=now - timezone.timedelta(days=2))
    TimelineEntryFactory(
        case=case, body="Health details", is_sensitive=True, occurred_at=now - timezone.timedelta(1)
    )
    text = councillor_client.get(_url("case_detail", case)).content.decode()
    assert text.index("Health details") < text.index("First call")
    assert "Sensitive" in text


def test_detail_shows_vulnerable_constituent_and_related_cases(world, councillor_client):
    resident = ConstituentFactory(owner=world.councillor, is_vulnerable=True)
    case = CaseFactory(owner=world.councillor, category=world.highways, constituents=[resident])
    other_mine = CaseFactory(owner=world.councillor, category=world.highways)
    case.related_cases.add(other_mine)
    text = councillor_client.get(_url("case_detail", case)).content.decode()
    assert resident.full_name in text
    assert "Vulnerable" in text
    assert other_mine.reference in text


def test_shared_colleague_sees_only_related_cases_they_may_see(world, colleague_client):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    hidden = CaseFactory(owner=world.councillor, category=world.highways, title="Secret thing")
    case.related_cases.add(hidden)
    CaseShareFactory(case=case, colleague=world.colleague)
    text = colleague_client.get(_url("case_detail", case)).content.decode()
    assert hidden.reference not in text
    assert "Secret thing" not in text


def test_case_page_query_count_does_not_grow(
    world, councillor_client, django_assert_max_num_queries
):
    def count_for(entries: int) -> int:
        case = CaseFactory(owner=world.councillor, category=world.highways)
        for constituent in ConstituentFactory.create_batch(3, owner=world.councillor):
            CaseConstituent.unrestricted.create(case=case, constituent=constituent)
        TimelineEntryFactory.create_batch(entries, case=case)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert councillor_client.get(_url("case_detail", case)).status_code == 200
        return len(captured)

    few = count_for(3)
    many = count_for(30)
    assert many == few
    case = CaseFactory(owner=world.councillor, category=world.highways)
    TimelineEntryFactory.create_batch(30, case=case)
    with django_assert_max_num_queries(few):
        councillor_client.get(_url("case_detail", case))


# Edit and status --------------------------------------------------------------------------------


def test_edit_case(world, delegate_client, case):
    page = delegate_client.get(_url("case_edit", case))
    assert page.status_code == 200
    assert case.title in page.content.decode()
    data = _create_data(world, title="Street light still broken", tags="lighting")
    data.pop("owner")
    response = delegate_client.post(_url("case_edit", case), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Street light still broken"
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert "title" in event.detail
    assert "Street" not in event.detail


def test_edit_errors_rerender(world, councillor_client, case):
    response = councillor_client.post(
        _url("case_edit", case), {"title": "", "priority": "ultra", "description": "Kept text"}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "Enter a title for the case" in text
    assert "Kept text" in text


def test_close_case_needs_outcome(world, councillor_client, case):
    response = councillor_client.post(_url("case_status", case), {"status": "closed"})
    assert response.status_code == 200
    assert "Select the outcome" in response.content.decode()
    response = councillor_client.post(
        _url("case_status", case), {"status": "closed", "outcome": "resolved", "note": "Fixed"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.outcome == Outcome.RESOLVED
    text = councillor_client.get(_url("case_detail", case)).content.decode()
    assert "Status changed from Open to Closed (Resolved)" in text


def test_status_nonsense_is_an_error_not_a_500(councillor_client, case):
    response = councillor_client.post(
        _url("case_status", case), {"status": "exploded", "outcome": "???"}
    )
    assert response.status_code == 200
    response = councillor_client.post(_url("case_status", case), {"status": "open"})
    assert response.status_code == 200
    assert "already open" in response.content.decode()


# Constituents and links -------------------------------------------------------------------------


def test_add_and_remove_constituent(world, councillor_client, case):
    resident = ConstituentFactory(owner=world.councillor)
    stranger = ConstituentFactory(owner=world.other)
    page = councillor_client.get(_url("case_constituent_add", case)).content.decode()
    assert resident.full_name in page
    assert stranger.full_name not in page
    response = councillor_client.post(
        _url("case_constituent_add", case), {"constituent": stranger.pk}
    )
    assert response.status_code == 200
    response = councillor_client.post(
        _url("case_constituent_add", case), {"constituent": resident.pk}
    )
    assert response.status_code == 302
    assert list(case.constituents.all()) == [resident]

    assert (
        councillor_client.get(_url("case_constituent_remove", case, resident.pk)).status_code == 200
    )
    response = councillor_client.post(_url("case_constituent_remove", case, resident.pk))
    assert response.status_code == 302
    assert not case.constituents.exists()
    assert (
        councillor_client.post(_url("case_constituent_remove", case, resident.pk)).status_code
        == 404
    )


def test_link_case_by_reference(world, councillor_client, case):
    other_case = CaseFactory(owner=world.councillor, category=world.highways)
    theirs = CaseFactory(owner=world.other, category=world.highways)
    response = councillor_client.post(_url("case_link_add", case), {"reference": theirs.reference})
    assert response.status_code == 200
    assert "Enter the reference of a case you work on" in response.content.decode()
    response = councillor_client.post(
        _url("case_link_add", case), {"reference": other_case.reference.lower()}
    )
    assert response.status_code == 302
    assert list(other_case.related_cases.all()) == [case]
    response = councillor_client.post(_url("case_link_add", case), {"reference": case.reference})
    assert "cannot be linked to itself" in response.content.decode()


# History ----------------------------------------------------------------------------------------


def test_history_shows_field_changes_and_is_audited(world, councillor_client, case):
    case_update(actor=world.delegate, case=case, title="New title", priority="urgent")
    response = councillor_client.get(_url("case_history", case))
    assert response.status_code == 200
    text = response.content.decode()
    assert "New title" in text
    assert "Urgent" in text
    assert world.delegate.full_name in text
    assert AuditEvent.objects.filter(action=Action.VIEW, detail="History").exists()


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_history_matrix(world, client_for, case, role):
    response = client_for(getattr(world, role)).get(_url("case_history", case))
    assert response.status_code == (200 if role in VISIBLE_TO else 404)


def test_timeline_entry_kinds_shown(world, councillor_client, case):
    TimelineEntryFactory(case=case, kind=EntryKind.LETTER_OUT, body="Wrote to highways")
    text = councillor_client.get(_url("case_detail", case)).content.decode()
    assert "Letter sent" in text
