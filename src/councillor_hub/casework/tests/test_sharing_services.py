"""Services: sharing a case with a ward colleague and stopping it."""

import pytest
from django.core.exceptions import PermissionDenied

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework import permissions
from councillor_hub.casework.models import (
    CaseShare,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    EntryKind,
    TimelineEntry,
)
from councillor_hub.casework.services.sharing import case_share, case_unshare

from .factories import CaseFactory, ConstituentFactory


@pytest.fixture
def case(world):
    first = ConstituentFactory(owner=world.councillor)
    second = ConstituentFactory(owner=world.councillor)
    return CaseFactory(owner=world.councillor, constituents=[first, second])


def test_owner_shares_case_with_ward_colleague(world, case):
    share = case_share(
        actor=world.councillor,
        case=case,
        colleague=world.colleague,
        consent_method=ConsentMethod.VERBAL,
        consent_note="Agreed at surgery",
    )

    assert share.is_active
    assert share.shared_by == world.councillor
    assert share.consent_method == ConsentMethod.VERBAL
    assert permissions.can_view_case(world.colleague, case)
    assert not permissions.can_edit_case(world.colleague, case)


def test_share_records_consent_for_every_constituent(world, case):
    case_share(
        actor=world.councillor,
        case=case,
        colleague=world.colleague,
        consent_method=ConsentMethod.EMAIL,
        consent_note="Replied yes",
    )

    consents = ConsentRecord.unrestricted.filter(purpose=ConsentPurpose.SHARE_WARD_COLLEAGUES)
    assert consents.count() == 2
    assert set(consents.values_list("constituent_id", flat=True)) == set(
        case.constituents.values_list("pk", flat=True)
    )
    for consent in consents:
        assert consent.given is True
        assert consent.method == ConsentMethod.EMAIL
        assert consent.recorded_by == world.councillor
        assert case.reference in consent.note
        assert "Replied yes" in consent.note


def test_share_adds_timeline_entry_and_audit_event(world, case):
    share = case_share(
        actor=world.councillor,
        case=case,
        colleague=world.colleague,
        consent_method=ConsentMethod.VERBAL,
    )

    entry = TimelineEntry.unrestricted.get(case=case, kind=EntryKind.SHARING)
    assert entry.body == f"Shared with Cllr {world.colleague.full_name}"
    assert entry.author == world.councillor
    assert not entry.is_sensitive
    event = AuditEvent.objects.get(action=Action.SHARE)
    assert event.actor == world.councillor
    assert event.data_controller == world.councillor
    assert event.object_label == case.reference
    assert event.object_id == str(share.pk)
    assert world.colleague.full_name not in event.detail


def test_share_twice_does_not_duplicate(world, case):
    first = case_share(
        actor=world.councillor, case=case, colleague=world.colleague, consent_method="verbal"
    )
    second = case_share(
        actor=world.councillor, case=case, colleague=world.colleague, consent_method="email"
    )

    assert first.pk == second.pk
    assert CaseShare.unrestricted.filter(case=case).count() == 1
    assert AuditEvent.objects.filter(action=Action.SHARE).count() == 1
    assert ConsentRecord.unrestricted.count() == 2


def test_share_again_after_revoking_makes_a_new_share(world, case):
    first = case_share(
        actor=world.councillor, case=case, colleague=world.colleague, consent_method="verbal"
    )
    case_unshare(actor=world.councillor, share=first)
    second = case_share(
        actor=world.councillor, case=case, colleague=world.colleague, consent_method="verbal"
    )

    assert second.pk != first.pk
    assert permissions.can_view_case(world.colleague, case)


@pytest.mark.parametrize("name", ["other", "independent", "whip", "mp", "delegate", "support"])
def test_cannot_share_outside_the_ward(world, case, name):
    with pytest.raises(PermissionDenied):
        case_share(
            actor=world.councillor,
            case=case,
            colleague=getattr(world, name),
            consent_method=ConsentMethod.VERBAL,
        )
    assert not CaseShare.unrestricted.exists()
    assert not ConsentRecord.unrestricted.exists()
    assert not AuditEvent.objects.filter(action=Action.SHARE).exists()


def test_cannot_share_with_self(world, case):
    with pytest.raises(PermissionDenied):
        case_share(
            actor=world.councillor, case=case, colleague=world.councillor, consent_method="verbal"
        )


def test_cannot_share_with_colleague_whose_term_has_ended(world, case):
    profile = world.colleague.councillor_profile
    profile.term_start = profile.term_start.replace(year=2019)
    profile.term_end = profile.term_start.replace(year=2020)
    profile.save()

    with pytest.raises(PermissionDenied):
        case_share(
            actor=world.councillor, case=case, colleague=world.colleague, consent_method="verbal"
        )


@pytest.mark.parametrize("name", ["delegate", "colleague", "other", "support", "admin", "whip"])
def test_only_the_owner_may_share(world, case, name):
    with pytest.raises(PermissionDenied):
        case_share(
            actor=getattr(world, name),
            case=case,
            colleague=world.colleague,
            consent_method=ConsentMethod.VERBAL,
        )
    assert not CaseShare.unrestricted.exists()


def test_unknown_consent_method_is_refused(world, case):
    with pytest.raises(ValueError):
        case_share(
            actor=world.councillor, case=case, colleague=world.colleague, consent_method="psychic"
        )


def test_owner_stops_sharing(world, case):
    share = case_share(
        actor=world.councillor, case=case, colleague=world.colleague, consent_method="verbal"
    )

    case_unshare(actor=world.councillor, share=share)

    share.refresh_from_db()
    assert share.revoked_at is not None
    assert share.revoked_by == world.councillor
    assert not permissions.can_view_case(world.colleague, case)
    assert not permissions.visible_constituents(world.colleague).exists()
    bodies = list(
        TimelineEntry.unrestricted.filter(case=case, kind=EntryKind.SHARING).values_list(
            "body", flat=True
        )
    )
    assert f"Stopped sharing with Cllr {world.colleague.full_name}" in bodies
    event = AuditEvent.objects.get(action=Action.UNSHARE)
    assert event.object_label == case.reference
    assert event.data_controller == world.councillor
    assert event.actor == world.councillor


def test_stopping_twice_changes_nothing(world, case):
    share = case_share(
        actor=world.councillor, case=case, colleague=world.colleague, consent_method="verbal"
    )
    case_unshare(actor=world.councillor, share=share)
    share.refresh_from_db()
    first_revoked = share.revoked_at

    case_unshare(actor=world.councillor, share=share)

    share.refresh_from_db()
    assert share.revoked_at == first_revoked
    assert AuditEvent.objects.filter(action=Action.UNSHARE).count() == 1


@pytest.mark.parametrize("name", ["colleague", "delegate", "other", "admin"])
def test_only_the_owner_may_stop_sharing(world, case, name):
    share = case_share(
        actor=world.councillor, case=case, colleague=world.colleague, consent_method="verbal"
    )

    with pytest.raises(PermissionDenied):
        case_unshare(actor=getattr(world, name), share=share)

    share.refresh_from_db()
    assert share.is_active
