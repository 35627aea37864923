"""Handover services: transfer (only with recorded consent), pass to the council, destroy."""

import pytest
from django.core.exceptions import PermissionDenied

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    CaseShare,
    ConsentPurpose,
    ConsentRecord,
    Constituent,
    EntryKind,
    Tag,
    TimelineEntry,
)
from councillor_hub.casework.tests.factories import CaseShareFactory, TimelineEntryFactory
from councillor_hub.dataprotection.models import RecordType, RetentionReview
from councillor_hub.dataprotection.services.destruction import Reason
from councillor_hub.dataprotection.services.handover import (
    case_pass_to_council,
    case_transfer,
    cases_transfer,
    handover_destroy,
)
from councillor_hub.enquiries.models import Enquiry
from councillor_hub.notifications.models import Notification

from .handover_fixtures import case_for, closed_case_for, consent, end_term, person, reload


def _snapshot(case):
    """Everything a refused transfer must leave as it was."""
    return {
        "owner": reload(case).owner_id,
        "constituents": sorted(
            Constituent.unrestricted.filter(case_links__case=case).values_list("pk", "owner_id")
        ),
        "shares": sorted(CaseShare.unrestricted.filter(case=case).values_list("pk", "revoked_at")),
        "timeline": TimelineEntry.unrestricted.filter(case=case).count(),
        "transfers": AuditEvent.objects.filter(action=Action.TRANSFER).count(),
        "notifications": Notification.objects.count(),
        "constituent_count": Constituent.unrestricted.count(),
    }


# --- The named test ----------------------------------------------------------------


def test_successor_without_recorded_consent_cannot_receive_a_case(world):
    """Handover permissions: a successor cannot receive a case unless every constituent on it
    agreed to the handover and that agreement is recorded. The service refuses and nothing
    changes."""
    agreed, silent = person(world.councillor), person(world.councillor)
    consent(agreed)
    case = case_for(world.councillor, agreed, silent)
    before = _snapshot(case)

    with pytest.raises(PermissionDenied, match=case.reference):
        case_transfer(actor=world.councillor, case=case, recipient=world.colleague)

    assert _snapshot(case) == before
    assert not Case.visible_to(world.colleague).filter(pk=case.pk).exists()


def test_a_withdrawn_agreement_counts_as_no_consent(world):
    constituent = person(world.councillor)
    consent(constituent, given=True)
    consent(constituent, given=False)
    case = case_for(world.councillor, constituent)
    with pytest.raises(PermissionDenied):
        case_transfer(actor=world.councillor, case=case, recipient=world.colleague)
    assert reload(case).owner == world.councillor


def test_agreement_to_something_else_is_not_agreement_to_a_handover(world):
    constituent = person(world.councillor)
    consent(constituent, ConsentPurpose.SHARE_WARD_COLLEAGUES)
    consent(constituent, ConsentPurpose.PASS_TO_COUNCIL)
    case = case_for(world.councillor, constituent)
    with pytest.raises(PermissionDenied):
        case_transfer(actor=world.councillor, case=case, recipient=world.colleague)
    assert reload(case).owner == world.councillor


# --- Transfer with consent -----------------------------------------------------------------


def test_transfer_with_consent_moves_the_case_and_its_constituent(world):
    case = case_for(world.councillor, agreed=True)
    constituent = case.constituents.get()
    tag = Tag.unrestricted.create(owner=world.councillor, name="Surgery")
    case.tags.add(tag)
    share = CaseShareFactory(case=case, colleague=world.colleague)
    TimelineEntryFactory(case=case)

    moved = case_transfer(actor=world.councillor, case=case, recipient=world.other)

    assert moved.owner == world.other
    # The recipient sees it; the former owner, their delegate and the colleague do not.
    assert Case.visible_to(world.other).filter(pk=case.pk).exists()
    for former in (world.councillor, world.delegate, world.colleague):
        assert not Case.visible_to(former).filter(pk=case.pk).exists(), former
    # The constituent's only case went, so their record moved (with its consent records).
    constituent.refresh_from_db()
    assert constituent.owner == world.other
    assert Constituent.visible_to(world.other).filter(pk=constituent.pk).exists()
    assert not Constituent.visible_to(world.councillor).filter(pk=constituent.pk).exists()
    assert ConsentRecord.unrestricted.filter(constituent=constituent).count() == 1
    share.refresh_from_db()
    assert share.revoked_at is not None and share.revoked_by == world.councillor
    assert not case.tags.exists()
    entry = TimelineEntry.unrestricted.filter(case=case, kind=EntryKind.SHARING).get()
    assert "handed over" in entry.body
    # Audited under both controllers, with no personal content.
    events = AuditEvent.objects.filter(
        action=Action.TRANSFER, object_type="casework.case", object_id=str(case.pk)
    )
    assert {e.data_controller_id for e in events} == {world.councillor.pk, world.other.pk}
    assert all(e.object_label == case.reference for e in events)
    # The recipient is told, by reference only.
    note = Notification.objects.get(recipient=world.other)
    assert case.reference in note.title
    assert constituent.last_name not in note.title and case.title not in note.title


def test_a_constituent_with_a_case_staying_behind_is_copied(world):
    shared_person = person(world.councillor)
    consent(shared_person)
    consent(shared_person, ConsentPurpose.CONTACT_EMAIL)
    going = case_for(world.councillor, shared_person)
    staying = case_for(world.councillor, shared_person)

    case_transfer(actor=world.councillor, case=going, recipient=world.colleague)

    shared_person.refresh_from_db()
    assert shared_person.owner == world.councillor
    assert list(staying.constituents.all()) == [shared_person]
    copy = going.constituents.get()
    assert copy.pk != shared_person.pk
    assert copy.owner == world.colleague
    assert (copy.first_name, copy.last_name, copy.email, copy.phone, copy.postcode) == (
        shared_person.first_name,
        shared_person.last_name,
        shared_person.email,
        shared_person.phone,
        shared_person.postcode,
    )
    copied = ConsentRecord.unrestricted.filter(constituent=copy)
    assert sorted(copied.values_list("purpose", "given")) == sorted(
        ConsentRecord.unrestricted.filter(constituent=shared_person).values_list("purpose", "given")
    )
    assert Constituent.visible_to(world.colleague).filter(pk=copy.pk).exists()
    assert not Constituent.visible_to(world.colleague).filter(pk=shared_person.pk).exists()


def test_transferring_all_of_a_constituents_cases_together_moves_them_once(world):
    constituent = person(world.councillor)
    consent(constituent)
    first, second = case_for(world.councillor, constituent), case_for(world.councillor, constituent)
    count = Constituent.unrestricted.count()

    outcome = cases_transfer(
        actor=world.councillor, cases=[first, second], recipient=world.colleague
    )

    assert {c.pk for c in outcome.transferred} == {first.pk, second.pk}
    assert Constituent.unrestricted.count() == count
    constituent.refresh_from_db()
    assert constituent.owner == world.colleague
    assert Notification.objects.filter(recipient=world.colleague).count() == 1


def test_bulk_transfer_refuses_only_the_cases_without_consent(world):
    good = case_for(world.councillor, agreed=True)
    bad = case_for(world.councillor, agreed=False)
    outcome = cases_transfer(actor=world.councillor, cases=[good, bad], recipient=world.colleague)
    assert [c.pk for c in outcome.transferred] == [good.pk]
    assert list(outcome.refused) == [bad.reference]
    assert reload(good).owner == world.colleague
    assert reload(bad).owner == world.councillor


def test_open_retention_reviews_follow_the_case(world):
    case = closed_case_for(world.councillor, agreed=True)
    review = RetentionReview.unrestricted.create(
        record_type=RecordType.CASEWORK,
        case=case,
        label=case.reference,
        owner=world.councillor,
        due_on=case.closed_at.date(),
    )
    case_transfer(actor=world.councillor, case=case, recipient=world.colleague)
    review.refresh_from_db()
    assert review.owner == world.colleague


def test_a_case_without_constituents_can_be_transferred(world):
    case = case_for(world.councillor, person(world.councillor))
    CaseConstituent.unrestricted.filter(case=case).delete()
    case_transfer(actor=world.councillor, case=case, recipient=world.mp)
    assert reload(case).owner == world.mp


@pytest.mark.parametrize("who", ["delegate", "colleague", "support", "other"])
def test_only_the_owner_transfers(world, who):
    case = case_for(world.councillor, agreed=True)
    CaseShareFactory(case=case, colleague=world.colleague)
    with pytest.raises(PermissionDenied):
        case_transfer(actor=getattr(world, who), case=case, recipient=world.independent)
    assert reload(case).owner == world.councillor


@pytest.mark.parametrize("who", ["support", "admin", "delegate", "councillor", "ended"])
def test_recipient_must_be_another_councillor_in_office(world, who):
    case = case_for(world.councillor, agreed=True)
    recipient = world.other if who == "ended" else getattr(world, who)
    if who == "ended":
        end_term(world.other, days_ago=31)
    with pytest.raises(PermissionDenied):
        case_transfer(actor=world.councillor, case=case, recipient=recipient)
    assert reload(case).owner == world.councillor


def test_no_handover_once_access_has_ended(world):
    case = case_for(world.councillor, agreed=True)
    end_term(world.councillor, days_ago=31)
    with pytest.raises(PermissionDenied):
        case_transfer(actor=world.councillor, case=case, recipient=world.colleague)
    with pytest.raises(PermissionDenied):
        handover_destroy(actor=world.councillor, case=case)
    with pytest.raises(PermissionDenied):
        case_pass_to_council(actor=world.councillor, case=case)
    assert reload(case) is not None


def test_handover_works_during_the_handover_period(world):
    case = case_for(world.councillor, agreed=True)
    end_term(world.councillor, days_ago=30)
    case_transfer(actor=world.councillor, case=case, recipient=world.colleague)
    assert reload(case).owner == world.colleague


# --- Pass to the council --------------------------------------------------------------------


def test_pass_to_council_with_consent_sends_the_constituents_details(world):
    constituent = person(world.councillor)
    consent(constituent, ConsentPurpose.PASS_TO_COUNCIL)
    case = case_for(world.councillor, constituent, ward=world.ward_a, title="Broken streetlight")
    reference = case.reference

    enquiry = case_pass_to_council(actor=world.councillor, case=case)

    assert enquiry.member == world.councillor
    assert enquiry.subject == "Broken streetlight"
    assert case.description in enquiry.description
    assert enquiry.service_area_id == case.category_id
    assert enquiry.ward == world.ward_a
    assert enquiry.constituent_name == constituent.full_name
    assert enquiry.constituent_email == constituent.email
    assert enquiry.constituent_phone == constituent.phone
    assert constituent.postcode in enquiry.constituent_address
    assert enquiry.case_id is None
    assert reload(case) is None
    # The constituent had no other case, so their record went with it.
    assert not Constituent.unrestricted.filter(pk=constituent.pk).exists()
    assert AuditEvent.objects.filter(
        action=Action.DELETE, object_label=reference, detail__contains=Reason.HANDOVER
    ).exists()
    assert AuditEvent.objects.filter(
        action=Action.TRANSFER, object_label=reference, detail__contains=enquiry.reference
    ).exists()


@pytest.mark.parametrize("word", [None, False])
def test_pass_to_council_without_consent_sends_no_personal_details(world, word):
    constituent = person(world.councillor)
    if word is not None:
        consent(constituent, ConsentPurpose.PASS_TO_COUNCIL, given=True)
        consent(constituent, ConsentPurpose.PASS_TO_COUNCIL, given=word)
    consent(constituent)  # agreeing to a handover is not agreeing to the council
    case = case_for(world.councillor, constituent)

    enquiry = case_pass_to_council(actor=world.councillor, case=case)

    assert (
        enquiry.constituent_name,
        enquiry.constituent_address,
        enquiry.constituent_email,
        enquiry.constituent_phone,
    ) == ("", "", "", "")
    assert reload(case) is None
    assert Enquiry.unrestricted.filter(pk=enquiry.pk).exists()


def test_pass_to_council_marks_special_category_cases_sensitive(world):
    case = case_for(world.councillor, has_special_category_data=True)
    enquiry = case_pass_to_council(actor=world.councillor, case=case)
    assert enquiry.is_sensitive


def test_pass_to_council_keeps_a_constituent_on_another_case(world):
    constituent = person(world.councillor)
    case = case_for(world.councillor, constituent)
    other = case_for(world.councillor, constituent)
    case_pass_to_council(actor=world.councillor, case=case)
    assert list(other.constituents.all()) == [constituent]


@pytest.mark.parametrize("who", ["delegate", "colleague", "other"])
def test_only_the_owner_passes_a_case_to_the_council(world, who):
    case = case_for(world.councillor)
    count = Enquiry.unrestricted.count()
    with pytest.raises(PermissionDenied):
        case_pass_to_council(actor=getattr(world, who), case=case)
    assert reload(case) is not None
    assert Enquiry.unrestricted.count() == count


# --- Destroy ----------------------------------------------------------------------------------


def test_destroy_deletes_the_case_for_the_handover(world):
    case = closed_case_for(world.councillor)
    constituent = case.constituents.get()
    TimelineEntryFactory(case=case)
    reference = case.reference

    handover_destroy(actor=world.councillor, case=case)

    assert reload(case) is None
    assert not Constituent.unrestricted.filter(pk=constituent.pk).exists()
    assert not TimelineEntry.unrestricted.filter(case_id=case.pk).exists()
    event = AuditEvent.objects.get(action=Action.DELETE, object_label=reference)
    assert event.data_controller == world.councillor
    assert Reason.HANDOVER in event.detail


@pytest.mark.parametrize("who", ["delegate", "colleague", "other", "admin"])
def test_only_the_owner_destroys(world, who):
    case = case_for(world.councillor)
    with pytest.raises(PermissionDenied):
        handover_destroy(actor=getattr(world, who), case=case)
    assert reload(case) is not None


def test_an_anonymised_case_is_not_handed_over(world):
    from councillor_hub.dataprotection.services.destruction import case_anonymise

    case = closed_case_for(world.councillor, agreed=True)
    case_anonymise(case=case, actor=None, reason=Reason.RETENTION_UNREVIEWED)
    with pytest.raises(PermissionDenied):
        handover_destroy(actor=world.councillor, case=case)
    with pytest.raises(PermissionDenied):
        case_transfer(actor=world.councillor, case=case, recipient=world.colleague)
    assert reload(case).owner == world.councillor
