"""Erasure services (issue 4 item 4): the matching rules, the preview (plan) and what
`constituent_erase` and `enquiries_erase` do, including what they must leave alone."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    Attachment,
    Case,
    CaseConstituent,
    ConsentRecord,
    Constituent,
    TimelineEntry,
)
from councillor_hub.casework.services.constituents import constituent_update
from councillor_hub.dataprotection.models import SubjectAccessRequest
from councillor_hub.dataprotection.services import erasure
from councillor_hub.dataprotection.services.erasure import (
    ERASED,
    Matcher,
    constituent_erase,
    constituent_erasure_plan,
    enquiries_erase,
    enquiry_erasure_plan,
)
from councillor_hub.enquiries.models import Enquiry, EnquiryEvent, EnquiryResponse
from councillor_hub.enquiries.tests.factories import (
    EnquiryEventFactory,
    EnquiryFactory,
    EnquiryResponseFactory,
)

from .erasure_fixtures import attach, case, consent, constituent, edit, note, sar

NAME = "Hermione Bellwether"
EMAIL = "hb@example.invalid"
PHONE = "07700 900 123"


# --- Matching -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Met Hermione Bellwether today",
        "met HERMIONE bellwether",
        "Hermione\n  Bellwether rang",
        "Bellwether, Hermione",
        "write to hb@example.invalid.",
        "HB@Example.Invalid",
        "ring 07700 900 123",
        "ring 07700900123",
        "ring 07700-900-123",
        "ring +44 7700 900123",
        "ring +44 (0)7700 900 123",
        "ring 0044 7700 900123",
    ],
)
def test_matcher_finds_the_person_however_written(text):
    matcher = Matcher(names=[NAME, "Bellwether, Hermione"], emails=[EMAIL], phones=[PHONE])
    assert matcher.mentions(text)
    assert ERASED in matcher.erase(text)
    assert not matcher.mentions(matcher.erase(text))


@pytest.mark.parametrize(
    "text",
    [
        "Hermione Bellwethers",  # a different word
        "Hermione Smith and Ann Bellwether",
        "xhb@example.invalid",
        "hb@example.invalid.uk",
        "ring 077009001234",  # a longer number
        "ring 107700900123",
        "reference 7700900123",  # the digits without a 0 or +44 are not a UK number
    ],
)
def test_matcher_leaves_other_text_alone(text):
    matcher = Matcher(names=[NAME], emails=[EMAIL], phones=[PHONE])
    assert not matcher.mentions(text)
    assert matcher.erase(text) == text


def test_matcher_ignores_details_too_short_to_be_safe():
    matcher = Matcher(names=["Al", " "], emails=["not-an-email"], phones=["123"])
    assert matcher.is_empty
    assert not matcher.mentions("Al wrote 123 to not-an-email")


# --- A councillor's casework -------------------------------------------------------------------


@pytest.fixture
def casework(world):
    owner = world.councillor
    person = constituent(
        owner,
        first_name="Hermione",
        last_name="Bellwether",
        email=EMAIL,
        phone=PHONE,
    )
    consent(person)
    consent(person)
    other = constituent(owner, first_name="Cedric", last_name="Ashdown", phone="01632 960 111")
    only = case(owner, constituents=[person], title=f"{NAME}: rent arrears")
    note(only, f"Called {NAME}")
    only_file = attach(only, text="Rent statement")
    shared = case(
        owner,
        constituents=[person, other],
        title=f"Parking dispute: {NAME} and Cedric Ashdown",
        description=f"Email {EMAIL}; Cedric on 01632 960 111",
        location=f"Outside {NAME}'s house",
    )
    edit(shared, description=f"Email {EMAIL}, phone 07700900123; Cedric on 01632 960 111")
    note(shared, f"{NAME} called from 07700900123")
    note(shared, "Cedric sent photos")
    mention_file = attach(shared, name="statement.txt", text=f"Statement by {NAME}")
    pdf_like = attach(shared, name="photos.txt", text="Photos of the cars")
    mentioning = case(
        owner, constituents=[other], title="Noise", description=f"Cedric says {NAME} is noisy"
    )
    unrelated = case(owner, constituents=[other], title="Bins", description="Missed collection")
    request = sar(owner, requester_name=NAME, requester_contact=EMAIL, constituents=[person])
    enquiry = EnquiryFactory(
        member=owner, case=only, constituent_name=NAME, constituent_email=EMAIL
    )
    return {
        "person": person,
        "other": other,
        "only": only,
        "only_file": only_file,
        "shared": shared,
        "mention_file": mention_file,
        "kept_file": pdf_like,
        "mentioning": mentioning,
        "unrelated": unrelated,
        "sar": request,
        "enquiry": enquiry,
    }


def test_the_preview_lists_everything_and_changes_nothing(world, casework):
    counts = (
        Case.unrestricted.count(),
        TimelineEntry.unrestricted.count(),
        Constituent.unrestricted.count(),
    )
    plan = constituent_erasure_plan(actor=world.councillor, constituent=casework["person"])
    assert plan.consent_count == 2
    assert plan.cases_to_anonymise == [casework["only"]]
    assert plan.attachments_on_anonymised == [casework["only_file"]]
    assert [c.case for c in plan.cases_shared] == [casework["shared"]]
    shared = plan.cases_shared[0]
    assert shared.unlink
    assert {"title", "description", "location", "1 timeline entry"} <= set(shared.places)
    assert "earlier versions in the change history" in shared.places
    assert shared.files_to_delete == [casework["mention_file"]]
    assert [c.case for c in plan.cases_mentioning] == [casework["mentioning"]]
    assert [change.sar for change in plan.sars] == [casework["sar"]]
    assert plan.sars[0].linked
    assert plan.enquiries == [casework["enquiry"]]
    assert counts == (
        Case.unrestricted.count(),
        TimelineEntry.unrestricted.count(),
        Constituent.unrestricted.count(),
    )
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()


def test_erase_anonymises_their_own_cases_and_keeps_shared_ones(world, casework):
    person, other = casework["person"], casework["other"]
    only, shared = casework["only"], casework["shared"]
    only_file_name = casework["only_file"].file.name
    mention_file_name = casework["mention_file"].file.name

    result = constituent_erase(actor=world.councillor, constituent=person)

    assert not Constituent.unrestricted.filter(pk=person.pk).exists()
    assert not ConsentRecord.unrestricted.filter(constituent_id=person.pk).exists()
    assert not Constituent.history.model.objects.filter(id=person.pk).exists()
    only.refresh_from_db()
    assert only.is_anonymised
    assert not Attachment.unrestricted.filter(case=only).exists()
    assert not default_storage.exists(only_file_name)

    shared.refresh_from_db()
    assert not shared.is_anonymised
    assert list(shared.constituents.all()) == [other]
    assert shared.title == f"Parking dispute: {ERASED} and Cedric Ashdown"
    assert shared.description == f"Email {ERASED}, phone {ERASED}; Cedric on 01632 960 111"
    assert shared.location == f"Outside {ERASED}'s house"
    bodies = set(TimelineEntry.unrestricted.filter(case=shared).values_list("body", flat=True))
    assert f"{ERASED} called from {ERASED}" in bodies
    assert "Cedric sent photos" in bodies
    for row in Case.history.model.objects.filter(id=shared.pk):
        assert NAME not in row.title and EMAIL not in row.description
    for row in TimelineEntry.history.model.objects.filter(case_id=shared.pk):
        assert NAME not in row.body
    # The file that named them is gone, its entry says why; the other file stays.
    assert not default_storage.exists(mention_file_name)
    assert default_storage.exists(casework["kept_file"].file.name)
    entry = TimelineEntry.unrestricted.get(pk=casework["mention_file"].entry_id)
    assert entry.body.startswith("Attachment removed")

    mentioning = Case.unrestricted.get(pk=casework["mentioning"].pk)
    assert mentioning.description == f"Cedric says {ERASED} is noisy"
    unrelated = Case.unrestricted.get(pk=casework["unrelated"].pk)
    assert unrelated.description == "Missed collection"
    assert Constituent.unrestricted.get(pk=other.pk).phone == "01632 960 111"

    request = SubjectAccessRequest.unrestricted.get(pk=casework["sar"].pk)
    assert (request.requester_name, request.requester_contact) == (ERASED, ERASED)
    assert not request.constituents.exists()

    # The council's enquiry is not the councillor's to change.
    enquiry = Enquiry.unrestricted.get(pk=casework["enquiry"].pk)
    assert (enquiry.constituent_name, enquiry.constituent_email) == (NAME, EMAIL)

    assert result.cases_anonymised == 1
    assert result.cases_changed == 2
    assert result.attachments_deleted == 2
    assert result.consent_records_deleted == 2
    assert result.subject_access_requests_changed == 1
    event = AuditEvent.objects.get(action=Action.ERASE)
    assert event.object_label == f"constituent #{person.pk}"
    assert event.data_controller == world.councillor
    assert event.actor == world.councillor
    for text in (event.object_label, event.detail):
        assert "Hermione" not in text and "Bellwether" not in text and EMAIL not in text
    assert "cases anonymised: 1" in event.detail
    assert "cases changed: 2" in event.detail


def test_erase_rewrites_the_persons_details_in_their_history(world, casework):
    person = casework["person"]
    constituent_update(actor=world.councillor, constituent=person, phone="07700900123")
    assert Constituent.history.model.objects.filter(id=person.pk).count() >= 2
    constituent_erase(actor=world.councillor, constituent=person)
    assert not Constituent.history.model.objects.filter(id=person.pk).exists()
    history = SubjectAccessRequest.history.model.objects.filter(id=casework["sar"].pk)
    assert history.exists()
    assert set(history.values_list("requester_name", flat=True)) == {ERASED}


def test_erase_leaves_another_councillors_namesake_alone(world, casework):
    namesake = constituent(world.other, first_name="Hermione", last_name="Bellwether", email=EMAIL)
    their_case = case(world.other, constituents=[namesake], title=f"{NAME}: pothole")
    constituent_erase(actor=world.councillor, constituent=casework["person"])
    assert Constituent.unrestricted.filter(pk=namesake.pk).exists()
    assert Case.unrestricted.get(pk=their_case.pk).title == f"{NAME}: pothole"


def test_a_namesake_in_the_same_casework_is_left_alone(world, casework):
    """Another constituent of the same councillor with the same name is someone else: their
    record and the cases only they are on keep the name (the preview says so)."""
    namesake = constituent(
        world.councillor, first_name="hermione", last_name="BELLWETHER", phone="01632 960 999"
    )
    Constituent.unrestricted.filter(pk=namesake.pk).update(accessibility_needs=f"{NAME} is deaf")
    their_case = case(world.councillor, constituents=[namesake], title=f"{NAME}: bus stop")
    plan = constituent_erasure_plan(actor=world.councillor, constituent=casework["person"])
    assert plan.namesakes == [namesake]
    assert plan.namesake_cases == [their_case]
    assert their_case not in [change.case for change in plan.kept_cases]

    constituent_erase(actor=world.councillor, constituent=casework["person"])
    assert Case.unrestricted.get(pk=their_case.pk).title == f"{NAME}: bus stop"
    assert Constituent.unrestricted.get(pk=namesake.pk).accessibility_needs == f"{NAME} is deaf"


def test_other_ways_they_are_named_are_erased_too(world, casework):
    shared = casework["shared"]
    note(shared, "Hermione says the car is back")
    constituent_erase(
        actor=world.councillor, constituent=casework["person"], extra_terms=["Hermione"]
    )
    bodies = TimelineEntry.unrestricted.filter(case=shared).values_list("body", flat=True)
    assert f"{ERASED} says the car is back" in bodies


def test_erase_refuses_short_other_names(world, casework):
    with pytest.raises(ValidationError):
        constituent_erase(actor=world.councillor, constituent=casework["person"], extra_terms=["H"])
    assert Constituent.unrestricted.filter(pk=casework["person"].pk).exists()


@pytest.mark.parametrize("who", ["colleague", "delegate", "other", "support", "admin", "dpo"])
def test_only_the_owner_may_erase(world, casework, dpo, who):
    actor = dpo if who == "dpo" else getattr(world, who)
    from councillor_hub.casework.tests.factories import CaseShareFactory

    CaseShareFactory(case=casework["shared"], colleague=world.colleague)
    with pytest.raises(PermissionDenied):
        constituent_erase(actor=actor, constituent=casework["person"])
    with pytest.raises(PermissionDenied):
        constituent_erasure_plan(actor=actor, constituent=casework["person"])
    assert Constituent.unrestricted.filter(pk=casework["person"].pk).exists()
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()


def test_erase_is_all_or_nothing(world, casework, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(erasure, "case_attachment_destroy", broken)
    with pytest.raises(RuntimeError):
        constituent_erase(actor=world.councillor, constituent=casework["person"])
    assert Constituent.unrestricted.filter(pk=casework["person"].pk).exists()
    assert Case.unrestricted.get(pk=casework["only"].pk).title == f"{NAME}: rent arrears"
    shared = Case.unrestricted.get(pk=casework["shared"].pk)
    assert shared.constituents.count() == 2
    assert NAME in shared.title
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()


def test_names_with_accents_are_found_whatever_their_capitals(world):
    person = constituent(world.councillor, first_name="Zoë", last_name="Ångström")
    other = constituent(world.councillor, first_name="Ian", last_name="Kerr")
    shared = case(world.councillor, constituents=[person, other], title="ZOË ÅNGSTRÖM and Ian")
    constituent_erase(actor=world.councillor, constituent=person)
    assert Case.unrestricted.get(pk=shared.pk).title == f"{ERASED} and Ian"


def test_erase_a_constituent_with_no_cases(world):
    person = constituent(world.councillor, first_name="Lone", last_name="Ranger")
    result = constituent_erase(actor=world.councillor, constituent=person)
    assert result.constituent_records_deleted == 1
    assert result.cases_anonymised == 0
    assert not Constituent.unrestricted.filter(pk=person.pk).exists()


def test_the_last_constituent_of_a_shared_case_is_handled_in_one_go(world, casework):
    """Two constituents erased one after the other: the second finds the case theirs alone
    and anonymises it."""
    constituent_erase(actor=world.councillor, constituent=casework["person"])
    shared = Case.unrestricted.get(pk=casework["shared"].pk)
    assert not shared.is_anonymised
    constituent_erase(actor=world.councillor, constituent=casework["other"])
    shared.refresh_from_db()
    assert shared.is_anonymised
    assert not CaseConstituent.unrestricted.filter(case=shared).exists()


# --- The council's enquiries -----------------------------------------------------------------


@pytest.fixture
def enquiries(world):
    theirs = EnquiryFactory(
        member=world.councillor,
        subject=f"Flooding at {NAME}'s home",
        description="Water in the kitchen. Call 07700900123.",
        constituent_name=f"Mrs {NAME}",
        constituent_address="1 Brook Street",
        constituent_email=EMAIL.upper(),
        constituent_phone="07700900123",
    )
    theirs.subject = "Flooding"
    theirs.save()  # history holds the old subject with the name
    EnquiryEventFactory(enquiry=theirs, body=f"Spoke to {NAME}")
    response = EnquiryResponseFactory(enquiry=theirs, body=f"Dear Cllr, {NAME} will be visited.")
    mentions = EnquiryFactory(
        member=world.colleague,
        subject="Noise",
        description=f"Neighbour of {NAME} complains",
        constituent_name="Ivor Jenkins",
        constituent_email="ivor@example.test",
    )
    unrelated = EnquiryFactory(
        member=world.colleague, constituent_name="Ivor Jenkins", description="Bins"
    )
    return {"theirs": theirs, "response": response, "mentions": mentions, "unrelated": unrelated}


def test_enquiry_plan_finds_their_enquiries(dpo, enquiries):
    plan = enquiry_erasure_plan(actor=dpo, name=NAME, email=EMAIL, phone=PHONE)
    by_enquiry = {change.enquiry: change for change in plan.changes}
    assert set(by_enquiry) == {enquiries["theirs"], enquiries["mentions"]}
    assert by_enquiry[enquiries["theirs"]].is_constituent
    assert "earlier versions in the change history" in by_enquiry[enquiries["theirs"]].places
    assert not by_enquiry[enquiries["mentions"]].is_constituent
    assert Enquiry.unrestricted.get(pk=enquiries["theirs"].pk).constituent_name == f"Mrs {NAME}"


def test_enquiries_erase(dpo, enquiries):
    result = enquiries_erase(actor=dpo, name=NAME, email="", phone="07700 900 123")
    theirs = Enquiry.unrestricted.get(pk=enquiries["theirs"].pk)
    assert (
        theirs.constituent_name,
        theirs.constituent_address,
        theirs.constituent_email,
        theirs.constituent_phone,
    ) == ("", "", "", "")
    assert theirs.description == f"Water in the kitchen. Call {ERASED}."
    assert EnquiryEvent.unrestricted.get(enquiry=theirs, body__startswith="Spoke").body == (
        f"Spoke to {ERASED}"
    )
    response = EnquiryResponse.unrestricted.get(pk=enquiries["response"].pk)
    assert response.body == f"Dear Cllr, {ERASED} will be visited."
    for row in Enquiry.history.model.objects.filter(id=theirs.pk):
        assert NAME not in row.subject
        assert row.constituent_name == "" and row.constituent_phone == ""
    for row in EnquiryResponse.history.model.objects.filter(id=response.pk):
        assert NAME not in row.body

    mentions = Enquiry.unrestricted.get(pk=enquiries["mentions"].pk)
    assert mentions.description == f"Neighbour of {ERASED} complains"
    assert mentions.constituent_name == "Ivor Jenkins"  # someone else's details stay
    unrelated = Enquiry.unrestricted.get(pk=enquiries["unrelated"].pk)
    assert (unrelated.constituent_name, unrelated.description) == ("Ivor Jenkins", "Bins")

    assert result.enquiries_changed == 2
    event = AuditEvent.objects.get(action=Action.ERASE)
    assert event.actor == dpo
    assert event.data_controller is None
    assert NAME not in event.detail and "07700" not in event.detail


def test_council_subject_access_requests_are_erased_by_the_dpo(dpo, enquiries):
    request = sar(None, requester_name=NAME, match_name=NAME, match_phone=PHONE, recorded_by=dpo)
    enquiries_erase(actor=dpo, name=NAME, email=EMAIL, phone="")
    request.refresh_from_db()
    assert request.requester_name == ERASED
    assert (request.match_name, request.match_phone) == ("", "")


@pytest.mark.parametrize("who", ["councillor", "support", "admin", "democratic"])
def test_only_the_dpo_erases_in_enquiries(world, enquiries, who):
    with pytest.raises(PermissionDenied):
        enquiries_erase(actor=getattr(world, who), name=NAME)
    assert Enquiry.unrestricted.get(pk=enquiries["theirs"].pk).constituent_name == f"Mrs {NAME}"


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({}, "name"),
        ({"name": "  "}, "name"),
        ({"name": "Al"}, "name"),
        ({"email": "not an email"}, "email"),
        ({"phone": "123"}, "phone"),
    ],
)
def test_enquiries_erase_needs_usable_details(dpo, enquiries, details, field):
    with pytest.raises(ValidationError) as error:
        enquiries_erase(actor=dpo, **details)
    assert field in error.value.message_dict
    assert not AuditEvent.objects.filter(action=Action.ERASE).exists()
