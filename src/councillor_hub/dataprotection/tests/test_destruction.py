"""Anonymise and delete for real (issue 4 item 2): destruction.py keeps what the figures need
and removes every personal detail, its files and its change history, and records one audit
event with no personal content."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import (
    Attachment,
    Case,
    CaseConstituent,
    CaseShare,
    Channel,
    ConsentRecord,
    Constituent,
    Outcome,
    Status,
    Tag,
    TimelineEntry,
)
from councillor_hub.casework.selectors.cases import case_patterns
from councillor_hub.casework.services.cases import case_change_status
from councillor_hub.casework.tests.factories import CaseShareFactory
from councillor_hub.dataprotection.services.destruction import (
    ANONYMISED_CASE_TITLE,
    ANONYMISED_ENQUIRY_SUBJECT,
    Reason,
    case_anonymise,
    case_attachment_destroy,
    case_destroy,
    enquiry_anonymise,
    enquiry_destroy,
)
from councillor_hub.enquiries.models import (
    Enquiry,
    EnquiryAttachment,
    EnquiryEvent,
    EnquiryResponse,
)
from councillor_hub.enquiries.tests.factories import (
    EnquiryEventFactory,
    EnquiryFactory,
    EnquiryResponseFactory,
)

from .erasure_fixtures import (
    attach,
    case,
    category,
    consent,
    constituent,
    edit,
    enquiry_attach,
    history_count,
    note,
)

PERSONAL = ["Petronella", "Vantongeren", "pv@example.invalid", "07700 900 311", "Mill Lane"]


def _no_personal_content(text: str) -> None:
    for value in PERSONAL:
        assert value.lower() not in (text or "").lower()


@pytest.fixture
def rich_case(world):
    """A closed case with everything personal a case can hold, for two constituents: one on
    this case only, one also on another case."""
    owner = world.councillor
    only_here = constituent(
        owner, first_name="Petronella", last_name="Vantongeren", email="pv@example.invalid"
    )
    consent(only_here, note="Agreed by phone")
    elsewhere = constituent(owner, first_name="Oswin", last_name="Pargeter")
    other_case = case(owner, constituents=[elsewhere], title="Overgrown hedge", tags=["damp"])
    tags = ["Vantongeren family", "damp"]
    subject = case(
        owner,
        constituents=[only_here, elsewhere],
        title="Petronella Vantongeren: damp flat",
        description="Call Petronella on 07700 900 311.",
        location="4 Mill Lane",
        postcode="DT1 1AA",
        channel=Channel.SURGERY,
        tags=tags,
    )
    edit(subject, description="Petronella says the damp is worse.")
    note(subject, "Spoke to Petronella Vantongeren at surgery.")
    note(subject, "Health details", sensitive=True)
    attachment = attach(subject, name="Vantongeren letter.txt", text="Dear Petronella")
    CaseShareFactory(case=subject, colleague=world.colleague, consent_note="Petronella agreed")
    case_change_status(actor=owner, case=subject, status=Status.CLOSED, outcome=Outcome.RESOLVED)
    subject.refresh_from_db()
    return {
        "case": subject,
        "only_here": only_here,
        "elsewhere": elsewhere,
        "other_case": other_case,
        "attachment": attachment,
        "file_name": attachment.file.name,
    }


def test_anonymise_keeps_the_figures(world, rich_case):
    subject = rich_case["case"]
    before = {
        name: getattr(subject, name)
        for name in (
            "reference",
            "owner_id",
            "category_id",
            "ward_id",
            "status",
            "outcome",
            "channel",
            "priority",
            "opened_at",
            "closed_at",
            "lawful_basis",
        )
    }
    case_anonymise(case=subject, actor=world.councillor, reason=Reason.RETENTION_DECISION)
    subject.refresh_from_db()
    assert {name: getattr(subject, name) for name in before} == before
    assert subject.is_anonymised
    assert subject.status == Status.CLOSED
    assert subject.outcome == Outcome.RESOLVED
    assert subject.channel == Channel.SURGERY


def test_anonymise_removes_every_personal_detail(world, rich_case):
    subject = rich_case["case"]
    only_here, elsewhere = rich_case["only_here"], rich_case["elsewhere"]
    entry_ids = list(TimelineEntry.unrestricted.filter(case=subject).values_list("pk", flat=True))
    assert history_count(Case, id=subject.pk) >= 2
    assert history_count(TimelineEntry, id__in=entry_ids) >= 3
    assert history_count(Constituent, id=only_here.pk) >= 1
    assert default_storage.exists(rich_case["file_name"])

    case_anonymise(case=subject, actor=world.councillor, reason=Reason.RETENTION_DECISION)
    subject.refresh_from_db()

    assert subject.title == ANONYMISED_CASE_TITLE
    assert (subject.description, subject.location, subject.postcode) == ("", "", "")
    assert subject.follow_up_date is None
    assert not subject.tags.exists()
    # A tag no other case uses can name the person, so it goes; one still in use stays.
    assert not Tag.unrestricted.filter(name="Vantongeren family").exists()
    assert Tag.unrestricted.filter(name="damp", cases=rich_case["other_case"]).exists()
    assert not TimelineEntry.unrestricted.filter(case=subject).exists()
    assert not Attachment.unrestricted.filter(case=subject).exists()
    assert not default_storage.exists(rich_case["file_name"])
    assert not CaseShare.unrestricted.filter(case=subject).exists()
    assert not CaseConstituent.unrestricted.filter(case=subject).exists()
    # The constituent on no other case goes, with their consent records...
    assert not Constituent.unrestricted.filter(pk=only_here.pk).exists()
    assert not ConsentRecord.unrestricted.filter(constituent_id=only_here.pk).exists()
    # ...the one also on another case stays, still on that case.
    assert Constituent.unrestricted.filter(pk=elsewhere.pk).exists()
    assert rich_case["other_case"].constituents.filter(pk=elsewhere.pk).exists()
    # Every change-history row of the case, its entries and the deleted constituent.
    assert history_count(Case, id=subject.pk) == 0
    assert history_count(TimelineEntry, id__in=entry_ids) == 0
    assert history_count(TimelineEntry, case_id=subject.pk) == 0
    assert history_count(Constituent, id=only_here.pk) == 0
    assert history_count(Constituent, id=elsewhere.pk) >= 1


def test_anonymise_leaves_one_audit_event_without_personal_content(world, rich_case):
    subject = rich_case["case"]
    start = AuditEvent.objects.count()
    case_anonymise(case=subject, actor=world.councillor, reason=Reason.RETENTION_DECISION)
    events = list(AuditEvent.objects.order_by("id")[start:])
    assert len(events) == 1
    event = events[0]
    assert event.action == Action.ANONYMISE
    assert event.object_label == subject.reference
    assert event.actor == world.councillor
    assert event.data_controller == world.councillor
    assert Reason.RETENTION_DECISION in event.detail
    for audit in AuditEvent.objects.all():
        _no_personal_content(f"{audit.object_label} {audit.detail}")


def test_anonymise_by_the_sweep_has_no_actor(world, rich_case):
    case_anonymise(case=rich_case["case"], actor=None, reason=Reason.RETENTION_UNREVIEWED)
    event = AuditEvent.objects.get(action=Action.ANONYMISE)
    assert event.actor is None
    assert event.detail == f"Case anonymised: {Reason.RETENTION_UNREVIEWED}"


def test_patterns_still_count_an_anonymised_case(world, rich_case, client_for):
    owner = world.councillor
    before = case_patterns(user=owner)
    case_anonymise(case=rich_case["case"], actor=owner, reason=Reason.RETENTION_DECISION)
    after = case_patterns(user=owner)
    assert after.by_category == before.by_category
    assert after.by_ward == before.by_ward
    assert after.by_channel == before.by_channel
    assert sum(figure.count for figure in after.by_category) == 2
    page = client_for(owner).get("/casework/patterns/")
    assert page.status_code == 200
    assert "Housing" in page.content.decode()


def test_anonymise_twice_is_harmless(world, rich_case):
    case_anonymise(case=rich_case["case"], actor=None, reason=Reason.RETENTION_UNREVIEWED)
    case_anonymise(case=rich_case["case"], actor=None, reason=Reason.RETENTION_UNREVIEWED)
    assert Case.unrestricted.get(pk=rich_case["case"].pk).title == ANONYMISED_CASE_TITLE


def test_destroy_removes_the_case_and_everything_on_it(world, rich_case):
    subject = rich_case["case"]
    case_id, reference = subject.pk, subject.reference
    entry_ids = list(TimelineEntry.unrestricted.filter(case=subject).values_list("pk", flat=True))
    only_here, elsewhere = rich_case["only_here"], rich_case["elsewhere"]

    case_destroy(case=subject, actor=world.councillor, reason=Reason.RETENTION_DECISION)

    assert not Case.unrestricted.filter(pk=case_id).exists()
    assert not TimelineEntry.unrestricted.filter(pk__in=entry_ids).exists()
    assert not Attachment.unrestricted.filter(case_id=case_id).exists()
    assert not default_storage.exists(rich_case["file_name"])
    assert not CaseShare.unrestricted.filter(case_id=case_id).exists()
    assert not Constituent.unrestricted.filter(pk=only_here.pk).exists()
    assert Constituent.unrestricted.filter(pk=elsewhere.pk).exists()
    assert history_count(Case, id=case_id) == 0
    assert history_count(TimelineEntry, id__in=entry_ids) == 0
    assert history_count(Constituent, id=only_here.pk) == 0
    event = AuditEvent.objects.get(action=Action.DELETE, object_type="casework.case")
    assert event.object_label == reference
    assert event.object_id == str(case_id)
    assert event.data_controller == world.councillor
    _no_personal_content(event.detail)


def test_case_attachment_destroy_keeps_the_entry_saying_why(world, rich_case):
    attachment = rich_case["attachment"]
    entry_id = attachment.entry_id
    case_attachment_destroy(attachment=attachment, actor=None, reason=Reason.RETENTION_DECISION)
    assert not default_storage.exists(rich_case["file_name"])
    entry = TimelineEntry.unrestricted.get(pk=entry_id)
    assert entry.body == "Attachment removed under the retention policy."
    assert history_count(TimelineEntry, id=entry_id) == 0

    other = attach(rich_case["other_case"], text="Another letter")
    case_attachment_destroy(
        attachment=other, actor=None, reason=Reason.ERASURE, entry_note="Removed on request."
    )
    assert TimelineEntry.unrestricted.get(pk=other.entry_id).body == "Removed on request."


# --- Enquiries ---------------------------------------------------------------------------


@pytest.fixture
def rich_enquiry(world):
    enquiry = EnquiryFactory(
        member=world.councillor,
        service_area=category("Housing"),
        subject="Petronella Vantongeren's damp flat",
        description="Petronella on 07700 900 311 has black mould.",
        location="4 Mill Lane",
        postcode="DT1 1AA",
        constituent_name="Petronella Vantongeren",
        constituent_address="4 Mill Lane\nDemoton",
        constituent_email="pv@example.invalid",
        constituent_phone="07700 900 311",
        redirect_note="Petronella may complain",
        rating=4,
        rating_comment="Thanks from Petronella",
        status="closed",
        ward=world.ward_a,
    )
    enquiry.named_viewers.set([world.highways_officer])
    event = EnquiryEventFactory(enquiry=enquiry, body="Rang Petronella Vantongeren")
    response = EnquiryResponseFactory(enquiry=enquiry, body="Dear Petronella, we will visit.")
    response.body = "Dear Petronella, we visited."
    response.save()  # a second history row
    attachment = enquiry_attach(enquiry, actor=world.support, text="Petronella's photo")
    return {
        "enquiry": enquiry,
        "event": event,
        "response": response,
        "attachment": attachment,
        "file_name": attachment.file.name,
    }


def test_enquiry_anonymise_keeps_the_figures_and_removes_the_rest(world, rich_enquiry):
    enquiry = rich_enquiry["enquiry"]
    response = rich_enquiry["response"]
    assert history_count(Enquiry, id=enquiry.pk) >= 1
    assert history_count(EnquiryResponse, id=response.pk) == 2
    kept = {
        name: getattr(enquiry, name)
        for name in ("reference", "service_area_id", "ward_id", "status", "received_at", "rating")
    }

    enquiry_anonymise(enquiry=enquiry, actor=None, reason=Reason.RETENTION_UNREVIEWED)
    enquiry.refresh_from_db()

    assert {name: getattr(enquiry, name) for name in kept} == kept
    assert enquiry.subject == ANONYMISED_ENQUIRY_SUBJECT
    for name in (
        "description",
        "location",
        "postcode",
        "constituent_name",
        "constituent_address",
        "constituent_email",
        "constituent_phone",
        "redirect_note",
        "rating_comment",
    ):
        assert getattr(enquiry, name) == "", name
    assert enquiry.anonymised_at is not None
    assert not enquiry.named_viewers.exists()
    assert EnquiryEvent.unrestricted.get(pk=rich_enquiry["event"].pk).body == ""
    assert EnquiryResponse.unrestricted.get(pk=response.pk).body == ""
    assert not EnquiryAttachment.unrestricted.filter(enquiry=enquiry).exists()
    assert not default_storage.exists(rich_enquiry["file_name"])
    assert history_count(Enquiry, id=enquiry.pk) == 0
    assert history_count(EnquiryResponse, id=response.pk) == 0
    event = AuditEvent.objects.get(action=Action.ANONYMISE, object_type="enquiries.enquiry")
    assert event.object_label == enquiry.reference
    _no_personal_content(event.detail)


def test_enquiry_destroy_removes_it_all(world, rich_enquiry):
    enquiry = rich_enquiry["enquiry"]
    enquiry_id, reference = enquiry.pk, enquiry.reference
    response_id = rich_enquiry["response"].pk

    enquiry_destroy(enquiry=enquiry, actor=None, reason=Reason.RETENTION_DECISION)

    assert not Enquiry.unrestricted.filter(pk=enquiry_id).exists()
    assert not EnquiryEvent.unrestricted.filter(enquiry_id=enquiry_id).exists()
    assert not EnquiryResponse.unrestricted.filter(pk=response_id).exists()
    assert not EnquiryAttachment.unrestricted.filter(enquiry_id=enquiry_id).exists()
    assert not default_storage.exists(rich_enquiry["file_name"])
    assert history_count(Enquiry, id=enquiry_id) == 0
    assert history_count(EnquiryResponse, id=response_id) == 0
    event = AuditEvent.objects.get(action=Action.DELETE, object_type="enquiries.enquiry")
    assert event.object_label == reference
    _no_personal_content(event.detail)
