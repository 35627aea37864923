"""Adding to the timeline from the case page, with and without attachments."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councillor_hub.casework.models import Attachment, TimelineEntry
from councillor_hub.casework.tests.factories import CaseFactory, CaseShareFactory
from councillor_hub.conftest import ROLE_NAMES

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 30


@pytest.fixture
def case(world):
    return CaseFactory(owner=world.councillor, category=world.highways)


def _add_url(case):
    return reverse("casework:timeline_add", args=[case.reference])


def test_add_note(world, councillor_client, case):
    response = councillor_client.post(
        _add_url(case), {"kind": "call_in", "body": "Resident rang about the hole"}
    )
    assert response.status_code == 302
    entry = TimelineEntry.unrestricted.get()
    assert entry.author == world.councillor
    assert entry.kind == "call_in"
    page = councillor_client.get(response.url).content.decode()
    assert "Resident rang about the hole" in page
    assert "Phone call received" in page


def test_add_note_with_attachment_and_past_date(world, councillor_client, case):
    upload = SimpleUploadedFile("council reply.pdf", PDF, content_type="application/pdf")
    response = councillor_client.post(
        _add_url(case),
        {
            "kind": "letter_in",
            "body": "Reply from highways",
            "occurred_on": "2025-06-01",
            "is_sensitive": "on",
            "upload": upload,
        },
    )
    assert response.status_code == 302
    entry = TimelineEntry.unrestricted.get()
    assert entry.is_sensitive
    assert entry.occurred_at.date().isoformat() == "2025-06-01"
    attachment = Attachment.unrestricted.get()
    page = councillor_client.get(response.url).content.decode()
    assert "council reply.pdf" in page
    assert reverse("casework:attachment_download", args=[case.reference, attachment.pk]) in page


def test_shared_colleague_can_add(world, colleague_client, case):
    CaseShareFactory(case=case, colleague=world.colleague)
    response = colleague_client.post(_add_url(case), {"kind": "note", "body": "On my list"})
    assert response.status_code == 302
    assert TimelineEntry.unrestricted.get().author == world.colleague


@pytest.mark.parametrize("role", sorted(set(ROLE_NAMES) - {"councillor", "delegate"}))
def test_others_get_404(world, client_for, case, role):
    response = client_for(getattr(world, role)).post(_add_url(case), {"kind": "note", "body": "x"})
    assert response.status_code == 404
    assert not TimelineEntry.unrestricted.exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "disguised.pdf",
            PNG,
            "The selected file must be a PDF, Word document, spreadsheet, image or text file",
        ),
        (
            "virus.exe",
            b"MZ\x90\x00",
            "The selected file must be a PDF, Word document, spreadsheet, image or text file",
        ),
    ],
)
def test_bad_upload_keeps_the_typed_note(world, councillor_client, case, name, content, message):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = councillor_client.post(
        _add_url(case), {"kind": "email_in", "body": "My carefully typed note", "upload": upload}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "<title>Error:" in text
    assert "There is a problem" in text
    assert message in text
    assert "My carefully typed note" in text
    assert re.search(r'value="email_in"\s*checked', text)  # the choice is kept too
    assert not TimelineEntry.unrestricted.exists()
    assert not Attachment.unrestricted.exists()


def test_oversized_upload_keeps_the_typed_note(settings, world, councillor_client, case):
    settings.ATTACHMENT_MAX_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, content_type="application/pdf")
    response = councillor_client.post(
        _add_url(case), {"kind": "note", "body": "Note with big file", "upload": upload}
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "The selected file must be smaller than 1KB" in text
    assert "Note with big file" in text


def test_ten_megabyte_limit_message(world, councillor_client, case):
    upload = SimpleUploadedFile(
        "huge.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf"
    )
    response = councillor_client.post(
        _add_url(case), {"kind": "note", "body": "Kept", "upload": upload}
    )
    assert "The selected file must be smaller than 10MB" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "status_change", "body": "Sneaky"},
        {"kind": "nonsense", "body": "x"},
        {"kind": "note", "body": "x", "occurred_on": "2025-13-45"},
        {"kind": "note", "body": "x", "occurred_on": "2999-01-01"},
        {"kind": "note", "body": ""},
        {},
    ],
)
def test_bad_input_never_500(councillor_client, case, data):
    response = councillor_client.post(_add_url(case), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not TimelineEntry.unrestricted.exists()


def test_get_redirects_to_the_case_page(councillor_client, case):
    response = councillor_client.get(_add_url(case))
    assert response.status_code == 302
