"""Views: the "Access to your casework" page, granting and revoking delegates."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework import permissions
from councillor_hub.casework.models import DelegateGrant

from .factories import CaseFactory, CaseShareFactory

SETTINGS_URL = "/casework/access/"


def revoke_url(grant):
    return reverse("casework:delegate_revoke", args=[grant.pk])


@pytest.fixture
def grant(world):
    return DelegateGrant.unrestricted.get(councillor=world.councillor, delegate=world.delegate)


def test_url_name():
    assert reverse("casework:access_settings") == SETTINGS_URL


def test_owner_sees_delegates_shares_and_log_link(councillor_client, world, grant):
    case = CaseFactory(owner=world.councillor)
    CaseShareFactory(case=case, colleague=world.colleague)

    response = councillor_client.get(SETTINGS_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">Access to your casework</h1>' in html
    assert escape(world.delegate.full_name) in html
    assert revoke_url(grant) in html
    assert case.reference in html
    assert escape(world.colleague.full_name) in html
    assert reverse("casework:access_log") in html
    # The case's content is not on this page: only its reference.
    assert case.title not in html


def test_candidate_select_lists_only_candidates_not_yet_delegates(councillor_client, world):
    html = councillor_client.get(SETTINGS_URL).content.decode()

    assert f'<option value="{world.support.pk}"' in html
    assert f'<option value="{world.delegate.pk}"' not in html
    for name in ["colleague", "other", "highways_officer", "admin", "democratic"]:
        assert f'<option value="{getattr(world, name).pk}"' not in html


def test_owner_grants_access(councillor_client, world):
    response = councillor_client.post(SETTINGS_URL, {"delegate": world.support.pk})

    assert response.status_code == 302
    assert response.url == SETTINGS_URL
    assert DelegateGrant.unrestricted.filter(
        councillor=world.councillor, delegate=world.support, revoked_at__isnull=True
    ).exists()
    assert AuditEvent.objects.filter(action=Action.GRANT, actor=world.councillor).exists()
    assert "can now work on your casework" in councillor_client.get(SETTINGS_URL).content.decode()


def test_grant_needs_a_choice(councillor_client, world):
    response = councillor_client.post(SETTINGS_URL, {})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "Select the person to give access to" in html


@pytest.mark.parametrize("value", ["colleague", "admin", "nonsense"])
def test_grant_refuses_people_who_are_not_candidates(councillor_client, world, value):
    pk = getattr(world, value).pk if hasattr(world, value) else value
    response = councillor_client.post(SETTINGS_URL, {"delegate": pk})

    assert response.status_code == 200
    assert "Select a person from the list" in response.content.decode()
    assert DelegateGrant.unrestricted.count() == 1


def test_no_candidates_left(councillor_client, world):
    DelegateGrant.unrestricted.create(councillor=world.councillor, delegate=world.support)

    html = councillor_client.get(SETTINGS_URL).content.decode()

    assert "There is nobody else who can be named as a delegate" in html


def test_owner_revokes_delegate(councillor_client, world, grant):
    response = councillor_client.post(revoke_url(grant))

    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.revoked_by == world.councillor
    html = councillor_client.get(SETTINGS_URL).content.decode()
    assert "Past delegates" in html
    assert "can no longer work on your casework" in html
    assert "Nobody else can work on your casework." in html


def test_revoke_is_post_only(councillor_client, grant):
    assert councillor_client.get(revoke_url(grant)).status_code == 405
    grant.refresh_from_db()
    assert grant.is_active


def test_revoked_delegate_loses_access(client_for, councillor_client, world, grant):
    case = CaseFactory(owner=world.councillor)
    delegate_client = client_for(world.delegate)
    case_url = reverse("casework:case_detail", args=[case.reference])

    councillor_client.post(revoke_url(grant))

    assert not permissions.can_view_case(world.delegate, case)
    assert delegate_client.get(case_url).status_code == 404


def test_cannot_revoke_another_councillors_grant(client_for, world, grant):
    response = client_for(world.colleague).post(revoke_url(grant))

    assert response.status_code == 404
    grant.refresh_from_db()
    assert grant.is_active


def test_unknown_grant_is_404(councillor_client):
    assert councillor_client.post("/casework/access/delegates/999999/revoke/").status_code == 404


@pytest.mark.parametrize(
    "name", ["delegate", "support", "highways_officer", "manager", "democratic", "admin"]
)
def test_people_without_casework_get_404(client_for, world, grant, name):
    client = client_for(getattr(world, name))

    assert client.get(SETTINGS_URL).status_code == 404
    assert client.post(SETTINGS_URL, {"delegate": world.support.pk}).status_code == 404
    assert client.post(revoke_url(grant)).status_code == 404
    grant.refresh_from_db()
    assert grant.is_active
    assert DelegateGrant.unrestricted.count() == 1


def test_each_councillor_sees_only_their_own_delegates(client_for, world, grant):
    html = client_for(world.other).get(SETTINGS_URL).content.decode()

    assert revoke_url(grant) not in html
    assert "Nobody else can work on your casework." in html


def test_mp_manages_their_own_delegates(client_for, world):
    office = UserFactory(roles=[Role.DELEGATE])

    response = client_for(world.mp).post(SETTINGS_URL, {"delegate": office.pk})

    assert response.status_code == 302
    assert DelegateGrant.unrestricted.filter(councillor=world.mp, delegate=office).exists()


def test_page_query_count_does_not_grow_with_rows(
    councillor_client, world, django_assert_max_num_queries
):
    def add_rows(n):
        for _ in range(n):
            DelegateGrant.unrestricted.create(
                councillor=world.councillor, delegate=UserFactory(roles=[Role.DELEGATE])
            )
            CaseShareFactory(case=CaseFactory(owner=world.councillor), colleague=world.colleague)

    add_rows(2)
    with django_assert_max_num_queries(30) as small:
        councillor_client.get(SETTINGS_URL)
    add_rows(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = councillor_client.get(SETTINGS_URL)
    assert response.status_code == 200
