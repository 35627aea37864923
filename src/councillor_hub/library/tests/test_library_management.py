"""Adding and changing documents in the app: the form, the upload checks (type, size, leading
bytes, empty), tags from comma-separated text, dates, audit and history."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.library.models import Document, DocumentTag
from councillor_hub.library.services import (
    TYPE_ERROR,
    document_create,
    document_file_validate,
    document_update,
    tags_get_or_create,
    tags_parse,
)

from .factories import (
    DOCX,
    ODT,
    OLE,
    PDF,
    PNG,
    DocumentFactory,
    DocumentTagFactory,
    OfficerFactory,
    OrgUnitFactory,
    document_with_file,
    zip_bytes,
)

CREATE = reverse("library:document_create")


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def manager_client(world, client_for):
    return client_for(world.democratic)


def form_data(**overrides):
    data = {
        "kind": "policy",
        "title": "Street trading policy",
        "summary": "Where and when street trading is allowed",
        "tags": "licensing, Street trading , licensing",
        "url": "",
        "published_on": "2026-01-10",
        "next_review_on": "2027-01-10",
        "is_published": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- Upload checks -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("policy.pdf", PDF, "application/pdf"),
        ("form.doc", OLE, "application/msword"),
        (
            "form.DOCX",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("sheet.xls", OLE, "application/vnd.ms-excel"),
        ("sheet.xlsx", DOCX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("paper.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("figures.ods", ODT, "application/vnd.oasis.opendocument.spreadsheet"),
        ("notes.txt", "Plain text, café".encode(), "text/plain; charset=utf-8"),
    ],
)
def test_allowed_files(name, content, expected):
    assert document_file_validate(upload(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", PNG, TYPE_ERROR),  # a casework type, but not a library one
        ("program.exe", b"MZ\x90\x00" + b"\x00" * 20, TYPE_ERROR),
        ("no-extension", PDF, TYPE_ERROR),
        ("fake.pdf", b"MZ\x90\x00 this is a program", TYPE_ERROR),  # leading bytes
        ("fake.docx", PDF, TYPE_ERROR),
        ("zip.docx", zip_bytes("something.xml"), TYPE_ERROR),  # a zip, not a Word file
        ("binary.txt", b"\x00\x01\x02\xff", TYPE_ERROR),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_refused_files(name, content, message):
    with pytest.raises(ValidationError) as error:
        document_file_validate(upload(name, content))
    assert error.value.messages == [message]


def test_too_big(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError) as error:
        document_file_validate(upload("big.pdf", PDF + b"0" * (1024 * 1024)))
    assert error.value.messages == ["The selected file must be smaller than 1MB"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", PNG, TYPE_ERROR),
        ("fake.pdf", b"#!/bin/sh\necho hello\n", TYPE_ERROR),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_refused_upload_through_the_form(manager_client, name, content, message):
    response = manager_client.post(CREATE, form_data(upload=upload(name, content)))
    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    assert "Street trading policy" in page  # what was typed is kept
    assert not Document.objects.exists()
    if default_storage.exists("library"):
        assert default_storage.listdir("library")[1] == []  # nothing stored


def test_too_big_through_the_form(manager_client, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024
    response = manager_client.post(CREATE, form_data(upload=upload("big.pdf", PDF * 100)))
    assert response.status_code == 200
    assert "The selected file must be smaller than 1KB" in response.content.decode()
    assert not Document.objects.exists()


# --- Adding ------------------------------------------------------------------------------


def test_add_a_file(manager_client, world):
    unit = OrgUnitFactory(name="Licensing")
    officer = OfficerFactory(full_name="Lee Licensing")
    response = manager_client.post(
        CREATE,
        form_data(
            upload=upload("Street trading.pdf", PDF),
            unit=unit.pk,
            responsible_officer=officer.pk,
            members_only="on",
        ),
    )
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == document.get_absolute_url()
    assert document.title == "Street trading policy"
    assert document.original_name == "Street trading.pdf"
    assert document.content_type == "application/pdf"
    assert document.file.name.startswith("library/")
    assert "Street" not in document.file.name  # a random name
    assert document.file.read() == PDF
    assert document.unit == unit
    assert document.responsible_officer == officer
    assert document.members_only and document.is_published
    assert document.published_on == datetime.date(2026, 1, 10)
    assert sorted(t.name for t in document.tags.all()) == ["Street trading", "licensing"]
    assert DocumentTag.objects.get(name="Street trading").slug == "street-trading"
    event = AuditEvent.objects.get(action=Action.CREATE, object_type="library.document")
    assert event.actor == world.democratic
    assert event.object_label == f"document #{document.pk}"
    record = document.history.get()
    assert record.history_type == "+" and record.history_user == world.democratic


def test_add_a_link(manager_client):
    response = manager_client.post(
        CREATE,
        form_data(url="https://democracy.example.org/ieListMeetings.aspx?CId=12", tags=""),
    )
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.url == "https://democracy.example.org/ieListMeetings.aspx?CId=12"
    assert not document.file
    assert not document.tags.exists()


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"url": ""}, "Upload a file or enter a link to the document"),
        (
            {"url": "https://example.org/a", "upload": upload("a.pdf", PDF)},
            "Upload a file or enter a link, not both",
        ),
        ({"url": "https://example.org/a", "kind": ""}, "Select the type of document"),
        ({"url": "https://example.org/a", "kind": "nonsense"}, "Select a valid option"),
        ({"url": "https://example.org/a", "title": ""}, "Enter the title"),
        ({"url": "not a link at all"}, "Enter a link in the correct format"),
        (
            {"url": "https://example.org/a", "next_review_on": "2025-06-01"},
            "Next review date must be after the publication date",
        ),
        (
            {"url": "https://example.org/a", "next_review_on": "2026-01-10"},
            "Next review date must be after the publication date",
        ),
        ({"url": "https://example.org/a", "published_on": "2026-02-31"}, "must be a real date"),
        ({"url": "https://example.org/a", "tags": "planning, !!!"}, "Tags must contain letters"),
        ({"url": "https://example.org/a", "unit": "99999"}, "Select a valid option"),
        ({"url": "https://example.org/a", "responsible_officer": "abc"}, "Select a valid option"),
    ],
)
def test_form_errors(manager_client, overrides, field_message):
    response = manager_client.post(CREATE, form_data(**overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert field_message in page
    assert "<title>Error: " in page
    assert not Document.objects.exists()


def test_officer_select_lists_active_officers_only(manager_client):
    OfficerFactory(full_name="Active Annie")
    OfficerFactory(full_name="Departed Dave", is_active=False)
    page = manager_client.get(CREATE).content.decode()
    assert "Active Annie" in page
    assert "Departed Dave" not in page


def test_service_refuses_non_managers(world):
    with pytest.raises(PermissionDenied):
        document_create(actor=world.councillor, kind="policy", title="X", url="https://e.org/")
    document = DocumentFactory()
    with pytest.raises(PermissionDenied):
        document_update(
            actor=world.support, document=document, kind="policy", title="Y", url=document.url
        )


def test_service_checks_dates_and_source(world):
    with pytest.raises(ValidationError) as error:
        document_create(
            actor=world.admin,
            kind="policy",
            title="X",
            url="https://e.org/",
            published_on=datetime.date(2026, 5, 1),
            next_review_on=datetime.date(2026, 4, 1),
        )
    assert "next_review_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        document_create(actor=world.admin, kind="policy", title="X")


# --- Changing ----------------------------------------------------------------------------


def test_change_details_and_tags(manager_client, world):
    old_tag = DocumentTagFactory(name="old")
    document = DocumentFactory(title="Waste strategy", tags=[old_tag])
    url = reverse("library:document_update", args=[document.pk])
    page = manager_client.get(url).content.decode()
    assert "Waste strategy" in page and 'value="old"' in page
    response = manager_client.post(
        url,
        form_data(title="Waste and recycling strategy", url=document.url, tags="waste, Recycling"),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Waste and recycling strategy"
    assert sorted(t.name for t in document.tags.all()) == ["Recycling", "waste"]
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert "title" in event.detail and "tags" in event.detail
    assert document.history.count() == 2
    assert document.history.first().history_user == world.democratic
    # The history table on the page names what changed.
    detail = manager_client.get(document.get_absolute_url()).content.decode()
    assert "Changed: " in detail and "title" in detail


def test_change_without_changes_records_nothing(manager_client):
    document = DocumentFactory(title="Same", summary="", kind="policy")
    manager_client.post(
        reverse("library:document_update", args=[document.pk]),
        {"kind": "policy", "title": "Same", "url": document.url, "is_published": "on"},
    )
    document.refresh_from_db()
    assert document.history.count() == 1
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_change_keeps_the_file_when_none_is_uploaded(manager_client):
    document = document_with_file(title="Allowances")
    name = document.file.name
    response = manager_client.post(
        reverse("library:document_update", args=[document.pk]),
        form_data(title="Allowances 2026/27"),
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.file.name == name
    assert document.title == "Allowances 2026/27"


def test_replace_the_file(manager_client, django_capture_on_commit_callbacks):
    document = document_with_file(title="Allowances")
    old_name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(
            reverse("library:document_update", args=[document.pk]),
            form_data(upload=upload("scheme.docx", DOCX)),
        )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.original_name == "scheme.docx"
    assert document.file.name != old_name
    assert not default_storage.exists(old_name)  # the replaced file is removed


def test_switch_a_file_to_a_link(manager_client, django_capture_on_commit_callbacks):
    document = document_with_file(title="Allowances")
    old_name = document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        manager_client.post(
            reverse("library:document_update", args=[document.pk]),
            form_data(url="https://example.org/allowances"),
        )
    document.refresh_from_db()
    assert not document.file and document.url == "https://example.org/allowances"
    assert document.original_name == ""
    assert not default_storage.exists(old_name)


def test_a_link_cannot_be_emptied(manager_client):
    document = DocumentFactory()
    response = manager_client.post(
        reverse("library:document_update", args=[document.pk]), form_data(url="")
    )
    assert response.status_code == 200
    assert "Upload a file or enter a link to the document" in response.content.decode()


def test_bad_upload_on_change_keeps_the_old_file(manager_client):
    document = document_with_file(title="Allowances")
    name = document.file.name
    response = manager_client.post(
        reverse("library:document_update", args=[document.pk]),
        form_data(upload=upload("x.pdf", b"not a pdf")),
    )
    assert response.status_code == 200
    document.refresh_from_db()
    assert document.file.name == name and default_storage.exists(name)


def test_changing_the_review_date_rearms_the_reminder(world):
    document = DocumentFactory(next_review_on=datetime.date(2026, 6, 1))
    Document.objects.filter(pk=document.pk).update(review_reminder_for=datetime.date(2026, 6, 1))
    document_update(
        actor=world.admin,
        document=document,
        kind=document.kind,
        title=document.title,
        url=document.url,
        next_review_on=datetime.date(2027, 6, 1),
    )
    document.refresh_from_db()
    assert document.review_reminder_for == datetime.date(2026, 6, 1)  # kept per date
    assert document.next_review_on == datetime.date(2027, 6, 1)


# --- Tags --------------------------------------------------------------------------------


def test_tags_parse():
    assert tags_parse(" Health and  safety, health and safety,, Planning ,") == [
        "Health and safety",
        "Planning",
    ]


def test_tags_reuse_existing_by_slug(db):
    existing = DocumentTagFactory(name="Health and safety")
    tags = tags_get_or_create(["health and safety", "New one"])
    assert tags[0] == existing
    assert tags[1].slug == "new-one"
    assert DocumentTag.objects.count() == 2
