"""Views: the case sharing page and stopping a share."""

import pytest
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import CaseShare, ConsentPurpose, ConsentRecord

from .factories import CaseFactory, CaseShareFactory, ConstituentFactory

AGREED = "The constituent agreed to their details being shared with this colleague"


@pytest.fixture
def case(world):
    constituent = ConstituentFactory(owner=world.councillor)
    return CaseFactory(owner=world.councillor, constituents=[constituent])


def sharing_url(case):
    return reverse("casework:case_sharing", args=[case.reference])


def valid_post(world, **overrides):
    data = {
        "colleague": world.colleague.pk,
        "consent_method": "verbal",
        "consent_note": "Agreed on the phone",
        "consent_confirmed": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_owner_sees_sharing_page(councillor_client, world, case):
    response = councillor_client.get(sharing_url(case))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Sharing this case" in html
    assert AGREED in html
    assert world.colleague.full_name in html
    for outsider in [world.other, world.independent, world.whip, world.delegate]:
        assert outsider.email not in html
    assert "This case is not shared with anyone." in html
    event = AuditEvent.objects.get(action=Action.VIEW)
    assert event.object_label == case.reference
    assert event.data_controller == world.councillor


def test_owner_shares_case(councillor_client, world, case):
    response = councillor_client.post(sharing_url(case), valid_post(world))

    assert response.status_code == 302
    assert response.url == sharing_url(case)
    share = CaseShare.unrestricted.get(case=case)
    assert share.colleague == world.colleague
    assert share.consent_note == "Agreed on the phone"
    assert ConsentRecord.unrestricted.filter(
        purpose=ConsentPurpose.SHARE_WARD_COLLEAGUES, given=True, method="verbal"
    ).exists()
    page = councillor_client.get(response.url).content.decode()
    assert "is now shared with" in page
    assert "Stop sharing" in page
    assert reverse("casework:case_share_revoke", args=[case.reference, share.pk]) in page
    assert "already shared with every councillor" in page


def test_consent_checkbox_is_required(councillor_client, world, case):
    response = councillor_client.post(
        sharing_url(case), valid_post(world, consent_confirmed=None, consent_note="Kept text")
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "govuk-error-summary" in html
    assert "Confirm that the constituent agreed to their details being shared" in html
    assert "Kept text" in html
    assert not CaseShare.unrestricted.exists()


def test_missing_choices_show_govuk_errors(councillor_client, world, case):
    response = councillor_client.post(sharing_url(case), {"consent_confirmed": "on"})

    html = response.content.decode()
    assert "Select the ward colleague to share this case with" in html
    assert "Select how the constituent agreed" in html
    assert not CaseShare.unrestricted.exists()


@pytest.mark.parametrize("name", ["other", "independent", "delegate", "councillor"])
def test_cannot_share_with_someone_outside_the_ward(councillor_client, world, case, name):
    response = councillor_client.post(
        sharing_url(case), valid_post(world, colleague=getattr(world, name).pk)
    )

    assert response.status_code == 200
    assert "Select a ward colleague from the list" in response.content.decode()
    assert not CaseShare.unrestricted.exists()


def test_nonsense_input_does_not_error(councillor_client, world, case):
    response = councillor_client.post(
        sharing_url(case), valid_post(world, colleague="abc", consent_method="telepathy")
    )

    assert response.status_code == 200
    assert not CaseShare.unrestricted.exists()


def test_owner_stops_sharing(councillor_client, world, case):
    share = CaseShareFactory(case=case, colleague=world.colleague)

    response = councillor_client.post(
        reverse("casework:case_share_revoke", args=[case.reference, share.pk])
    )

    assert response.status_code == 302
    share.refresh_from_db()
    assert share.revoked_by == world.councillor
    page = councillor_client.get(sharing_url(case)).content.decode()
    assert "Past sharing" in page
    assert "is no longer shared with" in page


def test_revoke_is_post_only(councillor_client, world, case):
    share = CaseShareFactory(case=case, colleague=world.colleague)

    response = councillor_client.get(
        reverse("casework:case_share_revoke", args=[case.reference, share.pk])
    )

    assert response.status_code == 405
    share.refresh_from_db()
    assert share.is_active


def test_revoke_share_of_another_case_is_404(councillor_client, world, case):
    other_case = CaseFactory(owner=world.councillor)
    share = CaseShareFactory(case=other_case, colleague=world.colleague)

    response = councillor_client.post(
        reverse("casework:case_share_revoke", args=[case.reference, share.pk])
    )

    assert response.status_code == 404
    share.refresh_from_db()
    assert share.is_active


def test_unknown_case_is_404(councillor_client):
    assert councillor_client.get("/casework/cases/CW-1999-99999/sharing/").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "colleague",
        "delegate",
        "other",
        "independent",
        "support",
        "highways_officer",
        "manager",
        "mp",
        "whip",
        "democratic",
        "admin",
    ],
)
def test_everyone_but_the_owner_gets_404(client_for, world, case, name):
    share = CaseShareFactory(case=case, colleague=world.colleague)
    client = client_for(getattr(world, name))

    assert client.get(sharing_url(case)).status_code == 404
    assert client.post(sharing_url(case), valid_post(world)).status_code == 404
    revoke = reverse("casework:case_share_revoke", args=[case.reference, share.pk])
    assert client.post(revoke).status_code == 404
    share.refresh_from_db()
    assert share.is_active
    assert CaseShare.unrestricted.count() == 1


def test_anonymous_is_sent_to_sign_in(client, world, case):
    response = client.get(sharing_url(case))

    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
