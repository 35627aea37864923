import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    CaseConstituent,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
    Constituent,
)
from councillor_hub.casework.selectors.constituents import (
    constituent_search,
    possible_duplicates,
)
from councillor_hub.casework.services.constituents import (
    consent_record_add,
    constituent_create,
    constituent_merge,
    constituent_update,
)
from councillor_hub.casework.tests.factories import (
    CaseFactory,
    CaseShareFactory,
    ConstituentFactory,
)


def _create(world, actor=None, owner=None, **fields):
    values = {"first_name": "Jane", "last_name": "Smith"}
    values.update(fields)
    return constituent_create(
        actor=actor or world.councillor, owner=owner or world.councillor, **values
    )


# constituent_create


def test_create_normalises_postcode_email_and_phone(world):
    constituent = _create(
        world, postcode=" sw1a1aa ", email=" Jane.Smith@Example.TEST ", phone="  07700 900982 "
    )
    constituent.refresh_from_db()
    assert constituent.postcode == "SW1A 1AA"
    assert constituent.email == "jane.smith@example.test"
    assert constituent.phone == "07700 900982"
    assert constituent.owner == world.councillor
    assert constituent.ward is None


def test_create_with_ward(world):
    constituent = _create(world, ward=world.ward_a)
    assert constituent.ward == world.ward_a


def test_create_rejects_invalid_postcode(world):
    with pytest.raises(ValidationError) as excinfo:
        _create(world, postcode="NOT A POSTCODE")
    assert excinfo.value.message_dict["postcode"] == ["Enter a real postcode, like SW1A 1AA"]
    assert not Constituent.unrestricted.exists()


def test_create_requires_names(world):
    with pytest.raises(ValidationError) as excinfo:
        _create(world, first_name="  ", last_name="")
    assert set(excinfo.value.message_dict) >= {"first_name", "last_name"}


def test_create_rejects_unknown_fields(world):
    with pytest.raises(TypeError):
        _create(world, owner_id=world.other.pk)


def test_create_writes_audit_event_without_names(world):
    constituent = _create(world)
    event = AuditEvent.objects.get(action=Action.CREATE)
    assert event.actor == world.councillor
    assert event.data_controller == world.councillor
    assert event.object_id == str(constituent.pk)
    assert event.object_label == f"constituent #{constituent.pk}"
    assert "Smith" not in event.object_label + event.detail


def test_create_records_history_user(world):
    constituent = _create(world)
    assert constituent.history.get().history_user == world.councillor


def test_delegate_creates_for_their_councillor(world):
    constituent = _create(world, actor=world.delegate, owner=world.councillor)
    assert constituent.owner == world.councillor
    assert AuditEvent.objects.get(action=Action.CREATE).actor == world.delegate


@pytest.mark.parametrize("actor", ["other", "colleague", "support", "admin", "highways_officer"])
def test_create_refused_for_someone_not_acting_for_the_owner(world, actor):
    with pytest.raises(PermissionDenied):
        _create(world, actor=getattr(world, actor), owner=world.councillor)
    assert not Constituent.unrestricted.exists()
    assert not AuditEvent.objects.exists()


# constituent_update


def test_update_changes_fields_and_audits_field_names_only(world):
    constituent = _create(world)
    constituent_update(
        actor=world.delegate,
        constituent=constituent,
        last_name="Smythe",
        postcode="dt1 1aa",
        email="NEW@example.TEST",
    )
    constituent.refresh_from_db()
    assert (constituent.last_name, constituent.postcode, constituent.email) == (
        "Smythe",
        "DT1 1AA",
        "new@example.test",
    )
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert event.actor == world.delegate
    assert event.detail == "Changed: last_name, postcode, email"
    assert "Smythe" not in event.detail
    assert constituent.history.count() == 2


def test_update_without_changes_writes_nothing(world):
    constituent = _create(world, ward=world.ward_a)
    constituent_update(
        actor=world.councillor, constituent=constituent, first_name="Jane", ward=world.ward_a
    )
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_update_refused_for_other_councillor(world):
    constituent = _create(world)
    with pytest.raises(PermissionDenied):
        constituent_update(actor=world.other, constituent=constituent, last_name="X")


def test_update_rejects_invalid_postcode(world):
    constituent = _create(world)
    with pytest.raises(ValidationError):
        constituent_update(actor=world.councillor, constituent=constituent, postcode="ZZ")


# consent_record_add


def test_consent_record_add(world):
    constituent = _create(world)
    record = consent_record_add(
        actor=world.councillor,
        constituent=constituent,
        purpose=ConsentPurpose.SHARE_WARD_COLLEAGUES,
        given=True,
        method=ConsentMethod.EMAIL,
        note="Email of 3 March",
    )
    assert record.recorded_by == world.councillor
    assert list(constituent.consents.all()) == [record]
    event = AuditEvent.objects.get(object_type="casework.consentrecord")
    assert event.object_label == f"constituent #{constituent.pk}"
    assert event.data_controller == world.councillor


def test_consent_record_rejects_unknown_purpose(world):
    constituent = _create(world)
    with pytest.raises(ValidationError):
        consent_record_add(
            actor=world.councillor,
            constituent=constituent,
            purpose="marketing",
            given=True,
            method=ConsentMethod.EMAIL,
        )


def test_consent_record_refused_for_shared_colleague(world):
    constituent = _create(world)
    CaseShareFactory(
        case=CaseFactory(owner=world.councillor, constituents=[constituent]),
        colleague=world.colleague,
    )
    with pytest.raises(PermissionDenied):
        consent_record_add(
            actor=world.colleague,
            constituent=constituent,
            purpose=ConsentPurpose.CASEWORK,
            given=True,
            method=ConsentMethod.VERBAL,
        )


# possible_duplicates


@pytest.fixture
def jane(world):
    return ConstituentFactory(
        owner=world.councillor,
        first_name="Jane",
        last_name="Smith",
        email="Jane@Example.test",
        phone="07700 900982",
        postcode="DT1 1AA",
    )


def _dupes(world, **kwargs):
    values = {
        "owner": world.councillor,
        "first_name": "Someone",
        "last_name": "Else",
        "email": "",
        "phone": "",
        "postcode": "",
    }
    values.update(kwargs)
    return list(possible_duplicates(**values))


def test_duplicate_by_email_ignoring_case(world, jane):
    assert _dupes(world, email="jane@example.TEST") == [jane]


def test_duplicate_by_phone_ignoring_spaces(world, jane):
    assert _dupes(world, phone="077009 00982") == [jane]
    assert _dupes(world, phone="07700900982") == [jane]


def test_duplicate_by_name_and_postcode(world, jane):
    assert _dupes(world, first_name="jane", last_name="SMITH", postcode="dt11aa") == [jane]


def test_same_name_elsewhere_is_not_a_duplicate(world, jane):
    assert _dupes(world, first_name="Jane", last_name="Smith", postcode="SW1A 1AA") == []
    assert _dupes(world, first_name="Jane", last_name="Smith") == []


def test_no_details_no_duplicates(world, jane):
    assert _dupes(world, first_name="", last_name="") == []


def test_duplicates_stay_within_the_owner(world, jane):
    assert _dupes(world, owner=world.other, email="jane@example.test") == []


def test_duplicates_exclude_the_record_itself(world, jane):
    assert _dupes(world, email="jane@example.test", exclude_pk=jane.pk) == []


# constituent_search


def test_search_by_name_in_either_order_email_phone_and_postcode(world, jane):
    ConstituentFactory(
        owner=world.councillor,
        first_name="Smith",
        last_name="Brown",
        email="b@example.test",
        phone="01632 960001",
        postcode="SW1A 1AA",
    )
    ConstituentFactory(owner=world.other, first_name="Jane", last_name="Smith")

    def names(q):
        return [c.last_name for c in constituent_search(user=world.councillor, q=q)]

    assert names("Jane Smith") == ["Smith"]
    assert names("smith jane") == ["Smith"]
    assert names("Smith") == ["Brown", "Smith"]
    assert names("JANE@example") == ["Smith"]
    assert names("07700900982") == ["Smith"]
    assert names("dt11aa") == ["Smith"]
    assert names("sw1a") == ["Brown"]
    assert names("nobody") == []
    assert names("") == ["Brown", "Smith"]


def test_search_counts_only_visible_cases(world, jane):
    CaseFactory(owner=world.councillor, constituents=[jane])
    shared = CaseFactory(owner=world.councillor, constituents=[jane])
    CaseShareFactory(case=shared, colleague=world.colleague)
    assert constituent_search(user=world.councillor, q="").get().case_count == 2
    assert constituent_search(user=world.colleague, q="").get().case_count == 1
    assert not constituent_search(user=world.other, q="").exists()


# constituent_merge


@pytest.fixture
def pair(world):
    keep = ConstituentFactory(
        owner=world.councillor,
        first_name="Jane",
        last_name="Smith",
        email="",
        phone="",
        postcode="DT1 1AA",
        accessibility_needs="Large print",
    )
    away = ConstituentFactory(
        owner=world.councillor,
        first_name="Jane",
        last_name="Smith",
        email="jane@example.test",
        phone="07700 900982",
        postcode="SW1A 1AA",
        is_vulnerable=True,
        vulnerability_note="Lives alone",
    )
    return keep, away


def test_merge_moves_cases_and_consents_and_fills_blanks(world, pair):
    keep, away = pair
    both = CaseFactory(owner=world.councillor, constituents=[keep, away])
    only_away = CaseFactory(owner=world.councillor, constituents=[away])
    consent = ConsentRecord.unrestricted.create(
        constituent=away,
        purpose=ConsentPurpose.CASEWORK,
        method=ConsentMethod.VERBAL,
        recorded_by=world.councillor,
    )
    away_pk = away.pk
    assert Constituent.history.filter(id=away_pk).exists()

    result = constituent_merge(actor=world.delegate, keep=keep, merge_away=away)

    assert result.pk == keep.pk
    assert not Constituent.unrestricted.filter(pk=away_pk).exists()
    assert not Constituent.history.filter(id=away_pk).exists()
    assert set(
        CaseConstituent.unrestricted.filter(constituent=keep).values_list("case", flat=True)
    ) == {
        both.pk,
        only_away.pk,
    }
    assert CaseConstituent.unrestricted.filter(case=both).count() == 1
    consent.refresh_from_db()
    assert consent.constituent_id == keep.pk
    keep.refresh_from_db()
    assert keep.email == "jane@example.test"
    assert keep.phone == "07700 900982"
    assert keep.postcode == "DT1 1AA"  # kept record's own value wins
    assert keep.accessibility_needs == "Large print"
    assert keep.is_vulnerable is True
    assert keep.vulnerability_note == "Lives alone"


def test_merge_audit_event_has_ids_only(world, pair):
    keep, away = pair
    away_pk = away.pk
    constituent_merge(actor=world.councillor, keep=keep, merge_away=away)
    event = AuditEvent.objects.get(action=Action.MERGE)
    assert event.actor == world.councillor
    assert event.data_controller == world.councillor
    assert event.object_id == str(keep.pk)
    assert event.object_label == f"constituent #{keep.pk}"
    assert f"#{away_pk}" in event.detail
    assert "Jane" not in event.detail and "Smith" not in event.detail


def test_merge_across_owners_refused(world, pair):
    keep, _ = pair
    theirs = ConstituentFactory(owner=world.other)
    with pytest.raises(PermissionDenied):
        constituent_merge(actor=world.councillor, keep=keep, merge_away=theirs)
    assert Constituent.unrestricted.filter(pk=theirs.pk).exists()


def test_merge_across_owners_refused_even_for_a_delegate_of_both(world, pair):
    keep, _ = pair
    from councillor_hub.casework.tests.factories import DelegateGrantFactory

    DelegateGrantFactory(councillor=world.other, delegate=world.delegate)
    theirs = ConstituentFactory(owner=world.other)
    with pytest.raises(ValidationError):
        constituent_merge(actor=world.delegate, keep=keep, merge_away=theirs)
    assert Constituent.unrestricted.filter(pk=theirs.pk).exists()
    assert not AuditEvent.objects.filter(action=Action.MERGE).exists()


def test_merge_refused_for_someone_else(world, pair):
    keep, away = pair
    with pytest.raises(PermissionDenied):
        constituent_merge(actor=world.colleague, keep=keep, merge_away=away)
    assert Constituent.unrestricted.filter(pk=away.pk).exists()


def test_merge_with_itself_refused(world, pair):
    keep, _ = pair
    with pytest.raises(ValidationError):
        constituent_merge(actor=world.councillor, keep=keep, merge_away=keep)
