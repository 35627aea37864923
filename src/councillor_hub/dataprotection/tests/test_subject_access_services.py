"""Subject access services: logging, extending, completing, finding the person's records.
Each re-checks permission and audits with the reference, never a name."""

# The fixtures are imported from this area's fixtures module and named as test arguments.
# ruff: noqa: F811

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.tests.factories import ConstituentFactory
from councillor_hub.dataprotection.dates import sar_latest_extended_due
from councillor_hub.dataprotection.models import IdentityCheck, SarStatus
from councillor_hub.dataprotection.services.subject_access import (
    enquiry_match,
    phone_keys,
    sar_complete,
    sar_constituent_search,
    sar_constituents_set,
    sar_deadline,
    sar_extend,
    sar_match_set,
    sar_matching_enquiries,
    sar_record,
    sar_reopen,
    sar_withdraw,
)
from councillor_hub.enquiries.tests.factories import EnquiryFactory

from .subject_access_fixtures import council_sar, councillor_sar, make_sar, subject  # noqa: F401 (pytest fixtures)


def _record(actor, controller, **extra):
    values = {
        "requester_name": "  Alice Applegate ",
        "requester_contact": "alice@example.test",
        "received_on": date(2026, 1, 31),
        "identity_check": IdentityCheck.KNOWN,
        **extra,
    }
    return sar_record(actor=actor, controller=controller, **values)


def test_record_computes_the_due_date_and_audits_without_the_name(world):
    sar = _record(world.councillor, world.councillor)
    assert sar.reference.startswith("SAR-")
    assert sar.due_on == date(2026, 2, 28)
    assert sar.requester_name == "Alice Applegate"
    assert sar.controller == world.councillor and not sar.controller_is_council
    event = AuditEvent.objects.get(action=Action.CREATE, object_id=str(sar.pk))
    assert event.object_label == sar.reference
    assert event.data_controller == world.councillor
    assert "Alice" not in event.object_label + event.detail


def test_dpo_records_for_the_council(world, dpo):
    sar = _record(dpo, None)
    assert sar.controller_is_council and sar.controller is None


@pytest.mark.parametrize(
    "who,controller",
    [
        ("councillor", "dpo-council"),  # a councillor may not log for the council
        ("dpo", "councillor"),  # the DPO may not log for a councillor
        ("colleague", "councillor"),  # nor a colleague
        ("delegate", "councillor"),  # nor a delegate
    ],
)
def test_record_for_someone_else_is_refused(who, controller, world, dpo):
    actor = dpo if who == "dpo" else getattr(world, who)
    target = None if controller == "dpo-council" else getattr(world, controller)
    with pytest.raises(PermissionDenied):
        _record(actor, target)


def test_record_refuses_a_future_received_date(world):
    with pytest.raises(ValidationError) as error:
        _record(world.councillor, world.councillor, received_on=timezone.localdate() + timedelta(1))
    assert "received_on" in error.value.message_dict


def test_extend_up_to_two_months_after_the_original_due_date(world):
    today = timezone.localdate()
    sar = make_sar(controller=world.councillor, received_on=today - timedelta(days=5))
    latest = sar_latest_extended_due(sar.due_on)
    with pytest.raises(ValidationError) as error:
        sar_extend(
            actor=world.councillor,
            sar=sar,
            extended_due_on=latest + timedelta(days=1),
            extension_reason="Complex",
            requester_told_on=today,
        )
    assert "extended_due_on" in error.value.message_dict
    sar_extend(
        actor=world.councillor,
        sar=sar,
        extended_due_on=latest,
        extension_reason="Many cases to read",
        requester_told_on=today,
    )
    sar.refresh_from_db()
    assert sar.current_due_on == latest
    assert sar.extension_reason == "Many cases to read"
    event = AuditEvent.objects.filter(action=Action.UPDATE).latest("pk")
    assert event.object_label == sar.reference
    assert "Many" not in event.detail


def test_extend_needs_a_reason_and_the_date_the_requester_was_told(world):
    sar = make_sar(controller=world.councillor)
    with pytest.raises(ValidationError) as error:
        sar_extend(
            actor=world.councillor,
            sar=sar,
            extended_due_on=sar.due_on + timedelta(days=10),
            extension_reason="  ",
            requester_told_on=None,
        )
    assert set(error.value.message_dict) == {"extension_reason", "requester_told_on"}


def test_extend_refuses_telling_after_the_first_month(world):
    today = timezone.localdate()
    sar = make_sar(controller=world.councillor, received_on=today - timedelta(days=70))
    with pytest.raises(ValidationError) as error:
        sar_extend(
            actor=world.councillor,
            sar=sar,
            extended_due_on=sar.due_on + timedelta(days=20),
            extension_reason="Complex",
            requester_told_on=today,
        )
    assert "within the first month" in error.value.message_dict["requester_told_on"][0]


def test_extend_refuses_an_earlier_date(world):
    sar = make_sar(controller=world.councillor)
    with pytest.raises(ValidationError) as error:
        sar_extend(
            actor=world.councillor,
            sar=sar,
            extended_due_on=sar.due_on,
            extension_reason="Complex",
            requester_told_on=sar.received_on,
        )
    assert "after the current due date" in error.value.message_dict["extended_due_on"][0]


def test_complete_withdraw_and_reopen(world):
    sar = make_sar(controller=world.councillor)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        sar_complete(actor=world.councillor, sar=sar, completed_on=today + timedelta(days=1))
    with pytest.raises(ValidationError):
        sar_complete(
            actor=world.councillor, sar=sar, completed_on=sar.received_on - timedelta(days=1)
        )
    sar_complete(actor=world.councillor, sar=sar, completed_on=today)
    assert sar.status == SarStatus.COMPLETED and sar.completed_on == today
    assert sar_deadline(sar).text == "Completed"
    with pytest.raises(ValidationError):
        sar_withdraw(actor=world.councillor, sar=sar)
    sar_reopen(actor=world.councillor, sar=sar)
    assert sar.status == SarStatus.OPEN and sar.completed_on is None
    sar_withdraw(actor=world.councillor, sar=sar)
    assert sar.status == SarStatus.WITHDRAWN


@pytest.mark.parametrize("who", ["colleague", "delegate", "support", "admin"])
def test_changes_are_refused_to_others(who, world):
    sar = make_sar(controller=world.councillor)
    actor = getattr(world, who)
    with pytest.raises(PermissionDenied):
        sar_withdraw(actor=actor, sar=sar)
    with pytest.raises(PermissionDenied):
        sar_complete(actor=actor, sar=sar, completed_on=timezone.localdate())


def test_deadline_words():
    today = date(2026, 3, 1)

    class Sar:
        status = SarStatus.OPEN
        current_due_on = date(2026, 3, 5)

    sar = Sar()
    assert sar_deadline(sar, today=today).text == "4 days left"
    sar.current_due_on = date(2026, 3, 2)
    assert sar_deadline(sar, today=today).text == "1 day left"
    sar.current_due_on = today
    assert sar_deadline(sar, today=today).text == "Due today"
    sar.current_due_on = date(2026, 2, 27)
    deadline = sar_deadline(sar, today=today)
    assert deadline.text == "2 days overdue" and deadline.colour == "red"


def test_constituent_search_is_own_records_only(world, subject):
    theirs = ConstituentFactory(owner=world.colleague, first_name="Alice", last_name="Applegate")
    found = list(sar_constituent_search(user=world.councillor, q="applegate alice"))
    assert found == [subject]
    assert found[0].case_count == 1
    assert theirs not in sar_constituent_search(user=world.colleague, q="xyz")
    assert list(sar_constituent_search(user=world.councillor, q="07700900111")) == [subject]
    assert list(sar_constituent_search(user=world.councillor, q="dt1 1aa")) == [subject]
    assert list(sar_constituent_search(user=world.councillor, q="ALICE@example")) == [subject]
    assert list(sar_constituent_search(user=world.councillor, q="   ")) == []
    assert list(sar_constituent_search(user=world.delegate, q="Alice")) == []


def test_constituents_set_only_accepts_the_controllers_records(world, councillor_sar, subject):
    sar_constituents_set(actor=world.councillor, sar=councillor_sar, constituents=[subject])
    assert list(councillor_sar.constituents.all()) == [subject]
    theirs = ConstituentFactory(owner=world.colleague)
    with pytest.raises(PermissionDenied):
        sar_constituents_set(
            actor=world.councillor, sar=councillor_sar, constituents=[subject, theirs]
        )
    assert list(councillor_sar.constituents.all()) == [subject]
    event = AuditEvent.objects.filter(action=Action.UPDATE).latest("pk")
    assert event.detail == "Chose 1 constituent record"


def test_phone_keys():
    assert phone_keys("07700 900111") == {"07700900111", "447700900111", "00447700900111"}
    assert phone_keys("+44 (0)7700-900111") != set()
    assert "07700900111" in phone_keys("+44 7700 900111")
    assert phone_keys("12") == set()
    assert phone_keys("") == set()


def test_matching_enquiries(world, dpo):
    exact = EnquiryFactory(member=world.councillor, constituent_name="alice  applegate")
    by_email = EnquiryFactory(
        member=world.councillor, constituent_name="A Applegate", constituent_email="ALICE@x.test"
    )
    by_phone = EnquiryFactory(member=world.councillor, constituent_phone="+44 7700 900-111")
    partial = EnquiryFactory(member=world.councillor, constituent_name="Mrs Alice May Applegate")
    other = EnquiryFactory(member=world.councillor, constituent_name="Bob Brown")
    found = list(
        sar_matching_enquiries(name="Alice Applegate", email="alice@x.test", phone="07700900111")
    )
    assert set(found) == {exact, by_email, by_phone, partial}
    assert other not in found
    assert list(sar_matching_enquiries()) == []
    kwargs = {"name": "Alice Applegate", "email": "alice@x.test", "phone": "07700900111"}
    assert enquiry_match(exact, **kwargs).on == ["name"]
    assert not enquiry_match(exact, **kwargs).review
    assert enquiry_match(partial, **kwargs).on == ["part of the name"]
    assert enquiry_match(partial, **kwargs).review
    assert enquiry_match(by_phone, **kwargs).on == ["phone number"]
    assert enquiry_match(by_email, **kwargs).on == ["email address"]


def test_match_set_is_the_council_s(world, dpo, council_sar, councillor_sar):
    sar_match_set(actor=dpo, sar=council_sar, match_name=" Alice   Applegate ")
    assert council_sar.match_name == "Alice Applegate"
    with pytest.raises(ValidationError):
        sar_match_set(actor=dpo, sar=council_sar)
    with pytest.raises(PermissionDenied):
        sar_match_set(actor=world.councillor, sar=council_sar, match_name="x y")
    with pytest.raises(PermissionDenied):
        sar_match_set(actor=world.councillor, sar=councillor_sar, match_name="x y")
