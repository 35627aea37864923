"""Attachment downloads: permission first, audited, served as a download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.casework.models import DelegateGrant, EntryKind
from councillor_hub.casework.services.cases import timeline_entry_add
from councillor_hub.casework.tests.factories import CaseFactory, CaseShareFactory
from councillor_hub.conftest import ROLE_NAMES

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


@pytest.fixture
def attachment(world):
    case = CaseFactory(owner=world.councillor, category=world.highways)
    entry = timeline_entry_add(
        actor=world.councillor,
        case=case,
        kind=EntryKind.LETTER_IN,
        body="Letter",
        upload=SimpleUploadedFile("Reply from council.pdf", PDF, content_type="text/html"),
    )
    return entry.attachment


def _url(attachment):
    return reverse("casework:attachment_download", args=[attachment.case.reference, attachment.pk])


def test_owner_downloads(world, councillor_client, attachment):
    response = councillor_client.get(_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"  # ours, not what the browser said
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Reply from council.pdf" in response["Content-Disposition"]
    event = AuditEvent.objects.get(action=Action.DOWNLOAD)
    assert event.object_label == attachment.case.reference
    assert event.data_controller == world.councillor


@pytest.mark.parametrize("role", ROLE_NAMES)
def test_download_matrix(world, client_for, attachment, role):
    response = client_for(getattr(world, role)).get(_url(attachment))
    allowed = role in {"councillor", "delegate"}
    assert response.status_code == (200 if allowed else 404)
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD).exists() == allowed


def test_shared_colleague_downloads_until_revoked(world, colleague_client, attachment):
    share = CaseShareFactory(case=attachment.case, colleague=world.colleague)
    assert colleague_client.get(_url(attachment)).status_code == 200
    share.revoked_at = timezone.now()
    share.save()
    assert colleague_client.get(_url(attachment)).status_code == 404


def test_revoked_delegate_gets_404(world, delegate_client, attachment):
    DelegateGrant.unrestricted.filter(delegate=world.delegate).update(revoked_at=timezone.now())
    assert delegate_client.get(_url(attachment)).status_code == 404


def test_attachment_under_another_case_reference_is_404(world, councillor_client, attachment):
    other_case = CaseFactory(owner=world.councillor, category=world.highways)
    url = reverse("casework:attachment_download", args=[other_case.reference, attachment.pk])
    assert councillor_client.get(url).status_code == 404


def test_missing_file_is_404(councillor_client, attachment):
    attachment.file.delete(save=False)
    assert councillor_client.get(_url(attachment)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, attachment):
    response = client.get(_url(attachment))
    assert response.status_code == 302
