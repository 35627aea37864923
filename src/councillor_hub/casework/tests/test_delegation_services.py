"""Services: granting and revoking a delegate's access to a councillor's casework."""

import pytest
from django.core.exceptions import PermissionDenied

from councillor_hub.accounts.roles import Role
from councillor_hub.accounts.tests.factories import UserFactory
from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework import permissions
from councillor_hub.casework.models import DelegateGrant
from councillor_hub.casework.services.sharing import delegate_grant, delegate_revoke

from .factories import CaseFactory


def test_councillor_grants_support_officer_access(world):
    case = CaseFactory(owner=world.councillor)
    assert not permissions.can_view_case(world.support, case)

    grant = delegate_grant(actor=world.councillor, delegate=world.support)

    assert grant.is_active
    assert grant.councillor == world.councillor
    assert permissions.can_view_case(world.support, case)
    assert permissions.can_edit_case(world.support, case)
    assert not permissions.can_share_case(world.support, case)
    event = AuditEvent.objects.get(action=Action.GRANT)
    assert event.actor == world.councillor
    assert event.data_controller == world.councillor
    assert event.object_id == str(grant.pk)
    assert world.support.full_name not in event.object_label + event.detail


def test_support_officer_may_be_delegate_for_several_councillors(world):
    delegate_grant(actor=world.councillor, delegate=world.support)
    delegate_grant(actor=world.other, delegate=world.support)

    assert set(permissions.acting_for(world.support)) == {world.councillor.pk, world.other.pk}


def test_grant_is_not_duplicated(world):
    existing = DelegateGrant.unrestricted.get(councillor=world.councillor, delegate=world.delegate)

    again = delegate_grant(actor=world.councillor, delegate=world.delegate)

    assert again.pk == existing.pk
    assert DelegateGrant.unrestricted.filter(councillor=world.councillor).count() == 1
    assert not AuditEvent.objects.filter(action=Action.GRANT).exists()


@pytest.mark.parametrize("name", ["delegate", "support", "highways_officer", "admin", "democratic"])
def test_only_casework_owners_grant(world, name):
    with pytest.raises(PermissionDenied):
        delegate_grant(actor=getattr(world, name), delegate=world.support)
    assert not DelegateGrant.unrestricted.filter(delegate=world.support).exists()


@pytest.mark.parametrize("name", ["colleague", "highways_officer", "admin", "councillor"])
def test_delegate_must_be_a_candidate(world, name):
    with pytest.raises(PermissionDenied):
        delegate_grant(actor=world.councillor, delegate=getattr(world, name))


def test_inactive_person_cannot_be_named(world):
    gone = UserFactory(roles=[Role.MEMBER_SUPPORT_OFFICER], is_active=False)
    with pytest.raises(PermissionDenied):
        delegate_grant(actor=world.councillor, delegate=gone)


def test_councillor_revokes_delegate(world):
    case = CaseFactory(owner=world.councillor)
    grant = DelegateGrant.unrestricted.get(councillor=world.councillor, delegate=world.delegate)

    delegate_revoke(actor=world.councillor, grant=grant)

    grant.refresh_from_db()
    assert grant.revoked_at is not None
    assert grant.revoked_by == world.councillor
    assert not permissions.can_view_case(world.delegate, case)
    assert permissions.acting_for(world.delegate) == []
    event = AuditEvent.objects.get(action=Action.REVOKE)
    assert event.actor == world.councillor
    assert event.data_controller == world.councillor
    assert event.object_id == str(grant.pk)


def test_revoking_twice_changes_nothing(world):
    grant = DelegateGrant.unrestricted.get(councillor=world.councillor, delegate=world.delegate)
    delegate_revoke(actor=world.councillor, grant=grant)
    delegate_revoke(actor=world.councillor, grant=grant)

    assert AuditEvent.objects.filter(action=Action.REVOKE).count() == 1


@pytest.mark.parametrize("name", ["delegate", "colleague", "other", "admin", "support"])
def test_only_the_granting_councillor_revokes(world, name):
    grant = DelegateGrant.unrestricted.get(councillor=world.councillor, delegate=world.delegate)

    with pytest.raises(PermissionDenied):
        delegate_revoke(actor=getattr(world, name), grant=grant)

    grant.refresh_from_db()
    assert grant.is_active


def test_grant_again_after_revoking(world):
    grant = DelegateGrant.unrestricted.get(councillor=world.councillor, delegate=world.delegate)
    delegate_revoke(actor=world.councillor, grant=grant)

    again = delegate_grant(actor=world.councillor, delegate=world.delegate)

    assert again.pk != grant.pk
    assert permissions.acting_for(world.delegate) == [world.councillor.pk]
