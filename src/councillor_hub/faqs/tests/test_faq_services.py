"""Adding and changing FAQs (content managers only, audited, with history), counting uses,
and inserting a model response into a case note through the casework service."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import EntryKind, TimelineEntry
from councillor_hub.casework.tests.factories import CaseFactory, CaseShareFactory
from councillor_hub.faqs import services
from councillor_hub.faqs.models import Faq, FaqUse, UseKind

from .factories import FaqFactory

pytestmark = pytest.mark.django_db


def _fields(world, **extra):
    fields = {
        "service_area": world.highways,
        "question": "  How are potholes repaired?  ",
        "answer": "Within 28 days.",
        "model_response": "Dear {constituent_name}, about {case_reference}.",
        "keywords": "pothole",
        "members_only": False,
        "is_published": True,
    }
    fields.update(extra)
    return fields


def test_create_audits_and_keeps_history(world):
    faq = services.faq_create(actor=world.democratic, **_fields(world))
    assert faq.question == "How are potholes repaired?"
    event = AuditEvent.objects.get(object_type="faqs.faq", object_id=str(faq.pk))
    assert event.action == Action.CREATE
    assert event.actor == world.democratic
    assert event.object_label == f"FAQ {faq.pk}"
    record = faq.history.get()
    assert record.history_type == "+"
    assert record.history_user == world.democratic


@pytest.mark.parametrize("person", ["councillor", "support", "highways_officer", "mp", "delegate"])
def test_only_content_managers_create(world, person):
    with pytest.raises(PermissionDenied):
        services.faq_create(actor=getattr(world, person), **_fields(world))
    assert not Faq.objects.exists()
    assert not AuditEvent.objects.exists()


def test_admin_may_create(world):
    services.faq_create(actor=world.admin, **_fields(world))
    assert Faq.objects.count() == 1


def test_unknown_placeholder_is_named(world):
    with pytest.raises(ValidationError) as error:
        services.faq_create(
            actor=world.democratic,
            **_fields(world, model_response="Dear {constituent_nmae}, see {ward}."),
        )
    messages = error.value.message_dict["model_response"]
    assert len(messages) == 1
    assert "{constituent_nmae}" in messages[0]
    assert "{constituent_name}" in messages[0]  # names the ones that work
    assert not Faq.objects.exists()


def test_braces_that_are_not_placeholders_are_fine(world):
    faq = services.faq_create(
        actor=world.democratic,
        **_fields(world, model_response="Use { and } freely: {} { spaced } {two words}"),
    )
    assert faq.pk


def test_blank_question_and_answer_refused(world):
    with pytest.raises(ValidationError) as error:
        services.faq_create(actor=world.democratic, **_fields(world, question=" ", answer=""))
    assert set(error.value.message_dict) == {"question", "answer"}


def test_update_names_changed_fields_not_content(world):
    faq = FaqFactory(question="Old question")
    services.faq_update(
        actor=world.democratic, faq=faq, **_fields(world, question="New secret question")
    )
    faq.refresh_from_db()
    assert faq.question == "New secret question"
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert "question" in event.detail
    assert "secret" not in event.detail
    assert faq.history.count() == 2
    assert faq.history.first().history_user == world.democratic


def test_update_with_no_change_writes_nothing(world):
    faq = FaqFactory()
    fields = {name: getattr(faq, name) for name in services.FAQ_FIELDS}
    services.faq_update(actor=world.democratic, faq=faq, **fields)
    assert not AuditEvent.objects.exists()
    assert faq.history.count() == 1


def test_update_refused_for_others(world):
    faq = FaqFactory(question="Keep me")
    with pytest.raises(PermissionDenied):
        services.faq_update(actor=world.councillor, faq=faq, question="Changed")
    faq.refresh_from_db()
    assert faq.question == "Keep me"


def test_unknown_field_is_a_programming_error(world):
    with pytest.raises(TypeError):
        services.faq_create(actor=world.democratic, **_fields(world), created_at=None)


def test_helpful_counts_once_per_person(world):
    faq = FaqFactory()
    assert services.faq_mark_helpful(actor=world.councillor, faq=faq) is True
    assert services.faq_mark_helpful(actor=world.councillor, faq=faq) is False
    assert services.faq_mark_helpful(actor=world.colleague, faq=faq) is True
    assert FaqUse.objects.filter(kind=UseKind.HELPFUL).count() == 2


def test_use_record_refuses_unknown_kind(world):
    with pytest.raises(ValueError):
        services.faq_use_record(faq=FaqFactory(), kind="liked")


def test_shown_on_enquiry_counts_real_faqs_only(world):
    faq = FaqFactory()

    class NotAFaq:
        question = "x"

    shown = services.faqs_shown_on_enquiry(user=world.councillor, faqs=[faq, NotAFaq()])
    assert len(shown) == 2
    assert FaqUse.objects.get().kind == UseKind.SHOWN_ON_ENQUIRY


def test_insert_adds_a_note_through_casework(world):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    faq = FaqFactory()
    entry = services.model_response_insert(
        actor=world.councillor, case=case, faq=faq, body="Dear Ann, thank you."
    )
    assert entry.kind == EntryKind.NOTE
    assert entry.author == world.councillor
    assert entry.history.count() == 1
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="casework.timelineentry", object_label=case.reference
    ).exists()
    assert FaqUse.objects.get().kind == UseKind.INSERTED


def test_insert_as_a_letter(world):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    entry = services.model_response_insert(
        actor=world.delegate, case=case, faq=FaqFactory(), body="Text", kind=EntryKind.LETTER_OUT
    )
    assert entry.kind == EntryKind.LETTER_OUT


def test_insert_refuses_other_kinds(world):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    with pytest.raises(ValidationError):
        services.model_response_insert(
            actor=world.councillor, case=case, faq=FaqFactory(), body="x", kind="status_change"
        )
    assert not TimelineEntry.unrestricted.exists()


def test_insert_refused_for_someone_who_cannot_see_the_case(world):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    with pytest.raises(PermissionDenied):
        services.model_response_insert(actor=world.other, case=case, faq=FaqFactory(), body="Text")
    assert not TimelineEntry.unrestricted.exists()
    assert not FaqUse.objects.exists()


def test_insert_by_a_colleague_the_case_is_shared_with(world):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    CaseShareFactory(case=case, colleague=world.colleague)
    services.model_response_insert(actor=world.colleague, case=case, faq=FaqFactory(), body="x")
    assert TimelineEntry.unrestricted.filter(case=case, author=world.colleague).exists()


def test_insert_refuses_a_members_only_faq_for_a_delegate(world):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    with pytest.raises(PermissionDenied):
        services.model_response_insert(
            actor=world.delegate, case=case, faq=FaqFactory(members_only=True), body="x"
        )


def test_insert_empty_text_refused(world):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    with pytest.raises(ValidationError):
        services.model_response_insert(
            actor=world.councillor, case=case, faq=FaqFactory(), body=" "
        )
    assert not FaqUse.objects.exists()
