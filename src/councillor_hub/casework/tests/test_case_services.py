"""Case services: opening, changing, status, constituents and links."""

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    Case,
    CaseConstituent,
    Channel,
    EntryKind,
    LawfulBasis,
    Outcome,
    Priority,
    Status,
    Tag,
    TimelineEntry,
)
from councillor_hub.casework.services.cases import (
    case_change_status,
    case_constituent_add,
    case_constituent_remove,
    case_create,
    case_link_add,
    case_update,
    tags_parse,
)
from councillor_hub.casework.services.references import reference_next
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    CaseShareFactory,
    ConstituentFactory,
)


def _create(world, **overrides):
    fields = {
        "actor": world.councillor,
        "owner": world.councillor,
        "title": "Pothole on Mill Lane",
        "category": world.highways,
        "channel": Channel.EMAIL,
        "priority": Priority.NORMAL,
        "lawful_basis": LawfulBasis.CONSTITUENT_REQUEST,
    }
    fields.update(overrides)
    return case_create(**fields)


# References -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_reference_format_and_increments():
    year = timezone.localdate().year
    first = reference_next()
    second = reference_next()
    assert re.fullmatch(rf"CW-{year}-\d{{5}}", first)
    assert int(second[-5:]) == int(first[-5:]) + 1


@pytest.mark.django_db
def test_references_restart_each_year():
    assert reference_next(year=2031) == "CW-2031-00001"
    assert reference_next(year=2031) == "CW-2031-00002"
    assert reference_next(year=2032) == "CW-2032-00001"


# case_create ------------------------------------------------------------------------------------


def test_case_create_sets_reference_ward_and_audit(world):
    case = _create(world, postcode="dt1 1aa", tags=["Flooding", " flooding ", "Mill Lane", ""])
    assert re.fullmatch(r"CW-\d{4}-\d{5}", case.reference)
    assert case.owner == world.councillor
    assert case.ward == world.ward_a  # from the councillor's profile
    assert case.postcode == "DT1 1AA"
    assert sorted(case.tags.values_list("name", flat=True)) == ["Flooding", "Mill Lane"]
    assert case.status == Status.OPEN
    event = AuditEvent.objects.get(action=Action.CREATE, object_id=str(case.pk))
    assert event.object_label == case.reference
    assert event.data_controller == world.councillor
    assert event.actor == world.councillor
    assert case.history.count() == 1
    assert case.history.first().history_user == world.councillor


def test_case_create_reuses_tags_ignoring_case(world):
    Tag.unrestricted.create(owner=world.councillor, name="Flooding")
    case = _create(world, tags=["FLOODING"])
    assert list(case.tags.values_list("name", flat=True)) == ["Flooding"]
    assert Tag.unrestricted.filter(owner=world.councillor).count() == 1


def test_tags_parse_trims_and_deduplicates():
    assert tags_parse(" a , B,,b ,  c  d ") == ["a", "B", "c d"]


def test_case_create_with_constituents(world):
    resident = ConstituentFactory(owner=world.councillor)
    case = _create(world, constituents=[resident])
    assert list(case.constituents.all()) == [resident]


def test_case_create_refuses_another_owners_constituent(world):
    stranger = ConstituentFactory(owner=world.other)
    with pytest.raises(ValidationError):
        _create(world, constituents=[stranger])
    assert Case.unrestricted.count() == 0


def test_delegate_opens_case_for_their_councillor(world):
    case = _create(world, actor=world.delegate, owner=world.councillor)
    assert case.owner == world.councillor
    assert AuditEvent.objects.get(action=Action.CREATE).actor == world.delegate


@pytest.mark.parametrize("who", ["other", "colleague", "highways_officer", "admin", "support"])
def test_case_create_for_someone_you_do_not_act_for_is_refused(world, who):
    with pytest.raises(PermissionDenied):
        _create(world, actor=getattr(world, who), owner=world.councillor)


def test_special_category_needs_a_condition(world):
    with pytest.raises(ValidationError) as error:
        _create(world, has_special_category_data=True)
    assert "special_category_condition" in error.value.message_dict
    case = _create(
        world, has_special_category_data=True, special_category_condition="elected_representative"
    )
    assert case.has_special_category_data


def test_case_create_refuses_a_bad_postcode(world):
    with pytest.raises(ValidationError) as error:
        _create(world, postcode="NOT A POSTCODE")
    assert error.value.message_dict["postcode"] == ["Enter a real postcode, like SW1A 1AA"]


# case_update ------------------------------------------------------------------------------------


def test_case_update_records_changed_field_names_and_history(world):
    case = _create(world, description="Deep hole")
    case_update(
        actor=world.delegate,
        case=case,
        title="Large pothole on Mill Lane",
        priority=Priority.HIGH,
        description="Deep hole",  # unchanged
        tags=["Roads"],
    )
    case.refresh_from_db()
    assert case.title == "Large pothole on Mill Lane"
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert event.detail == "Changed title, priority, tags"
    assert "Large" not in event.detail  # names only, never values
    assert event.actor == world.delegate
    latest = case.history.first()
    assert latest.history_user == world.delegate
    assert latest.prev_record.title == "Pothole on Mill Lane"


def test_case_update_with_no_change_writes_nothing(world):
    case = _create(world)
    case_update(actor=world.councillor, case=case, title=case.title)
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()
    assert case.history.count() == 1


def test_case_update_unticking_special_category_clears_condition(world):
    case = _create(
        world, has_special_category_data=True, special_category_condition="explicit_consent"
    )
    case_update(actor=world.councillor, case=case, has_special_category_data=False)
    case.refresh_from_db()
    assert case.special_category_condition == ""


@pytest.mark.parametrize("who", ["colleague", "other", "admin", "highways_officer"])
def test_case_update_refused_for_non_editors(world, who):
    case = _create(world)
    CaseShareFactory(case=case, colleague=world.colleague)
    with pytest.raises(PermissionDenied):
        case_update(actor=getattr(world, who), case=case, title="Changed")


def test_case_update_rejects_unknown_fields(world):
    case = _create(world)
    with pytest.raises(TypeError):
        case_update(actor=world.councillor, case=case, owner=world.other)


# case_change_status -----------------------------------------------------------------------------


def test_closing_requires_an_outcome(world):
    case = _create(world)
    with pytest.raises(ValidationError) as error:
        case_change_status(actor=world.councillor, case=case, status=Status.CLOSED)
    assert error.value.message_dict == {"outcome": ["Select the outcome"]}
    case.refresh_from_db()
    assert case.status == Status.OPEN


def test_close_and_reopen(world):
    case = _create(world)
    entry = case_change_status(
        actor=world.councillor,
        case=case,
        status=Status.CLOSED,
        outcome=Outcome.RESOLVED,
        note="Council filled the hole.",
    )
    case.refresh_from_db()
    assert case.status == Status.CLOSED
    assert case.outcome == Outcome.RESOLVED
    assert case.closed_at is not None
    assert entry.kind == EntryKind.STATUS_CHANGE
    assert entry.body.startswith("Status changed from Open to Closed (Resolved)")
    assert "Council filled the hole." in entry.body
    assert AuditEvent.objects.filter(action=Action.UPDATE, object_id=str(case.pk)).count() == 1

    case_change_status(actor=world.delegate, case=case, status=Status.AWAITING_COUNCIL)
    case.refresh_from_db()
    assert case.outcome == ""
    assert case.closed_at is None
    latest = TimelineEntry.unrestricted.filter(case=case).first()
    assert latest.body == "Status changed from Closed (Resolved) to Awaiting council"
    assert latest.author == world.delegate


def test_status_same_as_now_is_refused(world):
    case = _create(world)
    with pytest.raises(ValidationError):
        case_change_status(actor=world.councillor, case=case, status=Status.OPEN)


def test_unknown_status_is_refused(world):
    case = _create(world)
    with pytest.raises(ValidationError):
        case_change_status(actor=world.councillor, case=case, status="vanished")


def test_shared_colleague_cannot_change_status(world):
    case = _create(world)
    CaseShareFactory(case=case, colleague=world.colleague)
    with pytest.raises(PermissionDenied):
        case_change_status(
            actor=world.colleague, case=case, status=Status.CLOSED, outcome=Outcome.RESOLVED
        )


# Constituents and links -------------------------------------------------------------------------


def test_constituent_add_and_remove(world):
    case = _create(world)
    resident = ConstituentFactory(owner=world.councillor)
    case_constituent_add(actor=world.councillor, case=case, constituent=resident)
    case_constituent_add(actor=world.councillor, case=case, constituent=resident)  # no-op
    assert CaseConstituent.unrestricted.filter(case=case).count() == 1
    case_constituent_remove(actor=world.delegate, case=case, constituent=resident)
    assert CaseConstituent.unrestricted.filter(case=case).count() == 0  # none left is allowed
    details = list(
        AuditEvent.objects.filter(action=Action.UPDATE)
        .order_by("id")
        .values_list("detail", flat=True)
    )
    assert details == [f"Added constituent #{resident.pk}", f"Removed constituent #{resident.pk}"]


def test_constituent_of_another_owner_cannot_be_added(world):
    case = _create(world)
    with pytest.raises(ValidationError):
        case_constituent_add(
            actor=world.councillor, case=case, constituent=ConstituentFactory(owner=world.other)
        )


def test_shared_colleague_cannot_add_constituents(world):
    case = _create(world)
    CaseShareFactory(case=case, colleague=world.colleague)
    with pytest.raises(PermissionDenied):
        case_constituent_add(
            actor=world.colleague,
            case=case,
            constituent=ConstituentFactory(owner=world.councillor),
        )


def test_link_cases_both_ways(world):
    first = _create(world)
    second = _create(world, title="Another pothole")
    case_link_add(actor=world.councillor, case=first, other=second)
    assert list(second.related_cases.all()) == [first]
    assert AuditEvent.objects.filter(action=Action.UPDATE).count() == 2
    with pytest.raises(ValidationError):
        case_link_add(actor=world.councillor, case=second, other=first)
    with pytest.raises(ValidationError):
        case_link_add(actor=world.councillor, case=first, other=first)


def test_link_to_a_case_you_cannot_edit_is_refused(world):
    mine = _create(world)
    theirs = CaseFactory(owner=world.other, category=world.highways)
    with pytest.raises(PermissionDenied):
        case_link_add(actor=world.councillor, case=mine, other=theirs)
    shared = CaseFactory(owner=world.colleague, category=world.highways)
    CaseShareFactory(case=shared, colleague=world.councillor)
    with pytest.raises(PermissionDenied):
        case_link_add(actor=world.councillor, case=mine, other=shared)
