"""timeline_entry_add: who may log what on a case."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import Attachment, EntryKind, TimelineEntry
from councillor_hub.casework.services.cases import timeline_entry_add
from councillor_hub.casework.tests.factories import CaseFactory, CaseShareFactory

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"


@pytest.fixture
def case(world):
    return CaseFactory(owner=world.councillor, category=world.highways)


@pytest.mark.parametrize("who", ["councillor", "delegate"])
def test_owner_and_delegate_can_log(world, case, who):
    actor = getattr(world, who)
    entry = timeline_entry_add(actor=actor, case=case, kind=EntryKind.CALL_IN, body="Rang about it")
    assert entry.author == actor
    assert entry.kind == EntryKind.CALL_IN
    event = AuditEvent.objects.get(action=Action.CREATE, object_id=str(entry.pk))
    assert event.object_label == case.reference
    assert event.data_controller == world.councillor
    assert "Rang" not in event.detail
    assert entry.history.count() == 1


def test_shared_colleague_can_log(world, case):
    CaseShareFactory(case=case, colleague=world.colleague)
    entry = timeline_entry_add(
        actor=world.colleague, case=case, kind=EntryKind.NOTE, body="Saw it on my round"
    )
    assert entry.author == world.colleague


@pytest.mark.parametrize(
    "who", ["colleague", "other", "independent", "support", "highways_officer", "admin", "whip"]
)
def test_others_are_refused(world, case, who):
    with pytest.raises(PermissionDenied):
        timeline_entry_add(actor=getattr(world, who), case=case, kind=EntryKind.NOTE, body="x")
    assert not TimelineEntry.unrestricted.exists()


def test_revoked_share_is_refused(world, case):
    CaseShareFactory(case=case, colleague=world.colleague, revoked_at=timezone.now())
    with pytest.raises(PermissionDenied):
        timeline_entry_add(actor=world.colleague, case=case, kind=EntryKind.NOTE, body="x")


@pytest.mark.parametrize("kind", [EntryKind.STATUS_CHANGE, EntryKind.SHARING, "nonsense"])
def test_only_loggable_kinds(world, case, kind):
    with pytest.raises(ValidationError) as error:
        timeline_entry_add(actor=world.councillor, case=case, kind=kind, body="x")
    assert "kind" in error.value.message_dict


def test_empty_body_without_upload_is_refused(world, case):
    with pytest.raises(ValidationError) as error:
        timeline_entry_add(actor=world.councillor, case=case, kind=EntryKind.NOTE, body="   ")
    assert "body" in error.value.message_dict


def test_future_date_is_refused(world, case):
    with pytest.raises(ValidationError):
        timeline_entry_add(
            actor=world.councillor,
            case=case,
            kind=EntryKind.NOTE,
            body="x",
            occurred_at=timezone.now() + datetime.timedelta(days=2),
        )


def test_sensitive_entry_on_a_case_without_the_flag(world, case):
    assert not case.has_special_category_data
    entry = timeline_entry_add(
        actor=world.councillor, case=case, kind=EntryKind.NOTE, body="Health", is_sensitive=True
    )
    assert entry.is_sensitive
    assert AuditEvent.objects.get(object_id=str(entry.pk)).detail.endswith("(sensitive)")


def test_entry_with_upload_stores_an_attachment(world, case):
    upload = SimpleUploadedFile("letter.pdf", PDF, content_type="application/pdf")
    entry = timeline_entry_add(
        actor=world.councillor, case=case, kind=EntryKind.LETTER_IN, body="", upload=upload
    )
    attachment = Attachment.unrestricted.get()
    assert attachment.entry == entry
    assert attachment.original_name == "letter.pdf"
    assert attachment.content_type == "application/pdf"
    assert attachment.size == len(PDF)
    assert attachment.uploaded_by == world.councillor
    assert "letter" not in attachment.file.name  # stored under a random name
    with attachment.file.open("rb") as handle:
        assert handle.read() == PDF
    assert AuditEvent.objects.filter(
        action=Action.CREATE, object_type="casework.attachment"
    ).exists()


def test_bad_upload_stores_nothing(world, case):
    upload = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        timeline_entry_add(
            actor=world.councillor, case=case, kind=EntryKind.NOTE, body="x", upload=upload
        )
    assert "upload" in error.value.message_dict
    assert not TimelineEntry.unrestricted.exists()
    assert not Attachment.unrestricted.exists()
