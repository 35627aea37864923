"""The news services: adding and changing items, adding and removing attachments (with the
file checks), each re-checking permission, recording an audit event without content and
keeping history."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from councillor_hub.audit.models import Action, AuditEvent
from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.news.models import NewsAttachment, NewsItem, NewsKind, NewsState
from councillor_hub.news.services import (
    MAX_ATTACHMENTS,
    TYPE_ERROR,
    news_attachment_add,
    news_attachment_remove,
    news_item_create,
    news_item_update,
)

from .factories import DOCX, JPEG, PDF, PNG, PPTX, XLSX, NewsItemFactory, zip_bytes

pytestmark = pytest.mark.django_db


def upload(name="slides.pdf", content=PDF):
    return SimpleUploadedFile(name, content)


def briefing(actor, **extra):
    arguments = {
        "kind": NewsKind.BRIEFING,
        "title": "Budget briefing for members",
        "summary": "The draft budget explained by the finance director.",
        "body": "Line one.\r\nLine two.\r\n\r\nA new paragraph.   ",
        "briefing_on": dt.date(2026, 2, 3),
    }
    arguments.update(extra)
    return news_item_create(actor=actor, **arguments)


# --- Items ---------------------------------------------------------------------------------


def test_create_a_briefing(world):
    unit = OrgUnit.objects.create(name="Finance", kind=UnitKind.SERVICE)
    officer = Officer.objects.create(full_name="Fay Finance", job_title="Director", unit=unit)
    before = timezone.now()
    item = briefing(world.democratic, service=unit, presenter=officer, members_only=True)
    assert item.kind == NewsKind.BRIEFING
    assert item.body == "Line one.\nLine two.\n\nA new paragraph."
    assert item.paragraphs == ["Line one.\nLine two.", "A new paragraph."]
    assert before <= item.published_at <= timezone.now()
    assert item.current_state == NewsState.PUBLISHED
    assert item.created_by == world.democratic
    assert item.service == unit and item.presenter == officer and item.members_only
    event = AuditEvent.objects.get(action=Action.CREATE, object_type="news.newsitem")
    assert event.object_label == f"news item #{item.pk}"
    assert "Budget" not in event.object_label + event.detail
    record = item.history.get()
    assert record.history_type == "+" and record.history_user == world.democratic


def test_create_scheduled_and_draft(world):
    later = timezone.now() + dt.timedelta(days=2)
    scheduled = briefing(world.admin, published_at=later)
    assert scheduled.current_state == NewsState.SCHEDULED
    draft = briefing(world.admin, is_published=False)
    assert draft.current_state == NewsState.DRAFT


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "   "}, "title", "Enter the title"),
        ({"summary": ""}, "summary", "Enter a summary"),
        ({"kind": "gossip"}, "kind", "Select the type of item"),
        ({"briefing_on": None}, "briefing_on", "Enter the date the briefing was held"),
    ],
)
def test_create_refuses_bad_items(world, changes, field, message):
    with pytest.raises(ValidationError) as raised:
        briefing(world.democratic, **changes)
    assert raised.value.message_dict[field] == [message]
    assert not NewsItem.objects.exists()
    assert not AuditEvent.objects.exists()


def test_news_and_bulletins_need_no_briefing_date(world):
    item = news_item_create(
        actor=world.democratic,
        kind=NewsKind.BULLETIN,
        title="Winter gritting bulletin",
        summary="Gritting starts tonight.",
    )
    assert item.briefing_on is None


@pytest.mark.parametrize(
    "person", ["councillor", "support", "highways_officer", "manager", "mp", "delegate"]
)
def test_only_content_managers_create(world, person):
    with pytest.raises(PermissionDenied):
        briefing(getattr(world, person))
    assert not NewsItem.objects.exists()


def test_update_records_what_changed(world):
    item = briefing(world.democratic)
    published_at = item.published_at
    updated = news_item_update(
        actor=world.admin,
        item=item,
        kind=NewsKind.BRIEFING,
        title="Budget briefing (slides added)",
        summary=item.summary,
        body=item.body,
        briefing_on=item.briefing_on,
        members_only=True,
    )
    assert updated.title == "Budget briefing (slides added)"
    assert updated.members_only
    assert updated.published_at == published_at  # none given: kept
    event = AuditEvent.objects.get(action=Action.UPDATE)
    assert event.detail == "Changed: title, members_only"
    assert event.object_label == f"news item #{item.pk}"
    assert updated.history.count() == 2
    assert updated.history.first().history_user == world.admin


def test_update_with_no_change_writes_nothing(world):
    item = briefing(world.democratic)
    news_item_update(
        actor=world.democratic,
        item=item,
        kind=item.kind,
        title=item.title,
        summary=item.summary,
        body=item.body,
        briefing_on=item.briefing_on,
        published_at=item.published_at,
    )
    assert item.history.count() == 1
    assert not AuditEvent.objects.filter(action=Action.UPDATE).exists()


def test_update_refused_to_others_changes_nothing(world):
    item = briefing(world.democratic)
    with pytest.raises(PermissionDenied):
        news_item_update(
            actor=world.councillor,
            item=item,
            kind=item.kind,
            title="Hijacked",
            summary=item.summary,
            briefing_on=item.briefing_on,
        )
    item.refresh_from_db()
    assert item.title == "Budget briefing for members"


def test_update_to_a_briefing_needs_a_date(world):
    item = NewsItemFactory(kind=NewsKind.NEWS)
    with pytest.raises(ValidationError) as raised:
        news_item_update(
            actor=world.democratic,
            item=item,
            kind=NewsKind.BRIEFING,
            title=item.title,
            summary=item.summary,
        )
    assert "briefing_on" in raised.value.message_dict


# --- Attachments ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type", "label"),
    [
        ("slides.pdf", PDF, "application/pdf", "PDF"),
        ("photo.png", PNG, "image/png", "PNG image"),
        ("photo.jpg", JPEG, "image/jpeg", "JPEG image"),
        (
            "notes.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Word document",
        ),
        (
            "figures.xlsx",
            XLSX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Excel spreadsheet",
        ),
        (
            "deck.pptx",
            PPTX,
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "PowerPoint presentation",
        ),
        ("notes.txt", "Notes – with a dash\n".encode(), "text/plain; charset=utf-8", "Text file"),
        ("figures.csv", b"ward,count\nAbbey,3\n", "text/csv; charset=utf-8", "CSV file"),
    ],
)
def test_attach_each_allowed_type(world, name, content, content_type, label):
    item = NewsItemFactory()
    attachment = news_attachment_add(
        actor=world.democratic, item=item, upload=upload(name, content), title=" Material "
    )
    assert attachment.title == "Material"
    assert attachment.original_name == name
    assert attachment.content_type == content_type
    assert attachment.size == len(content)
    assert attachment.type_label == label
    assert attachment.uploaded_by == world.democratic
    # Stored under news/ with a random name: never the uploader's.
    assert attachment.file.name.startswith("news/")
    assert name not in attachment.file.name
    with attachment.file.open("rb") as handle:
        assert handle.read() == content
    event = AuditEvent.objects.get(action=Action.CREATE, object_type="news.newsattachment")
    assert event.object_label == f"news attachment #{attachment.pk}"
    assert name not in event.detail


def test_attachment_title_defaults_to_the_file_name(world):
    item = NewsItemFactory()
    attachment = news_attachment_add(
        actor=world.democratic, item=item, upload=upload("budget_briefing-slides.pdf")
    )
    assert attachment.title == "budget briefing slides"


def test_attachment_name_is_cleaned(world):
    item = NewsItemFactory()
    attachment = news_attachment_add(
        actor=world.democratic, item=item, upload=upload("../../etc/slides\x07.pdf")
    )
    assert attachment.original_name == "slides.pdf"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("slides.pdf", b"MZ\x90\x00 this is a program", TYPE_ERROR),
        ("slides.pdf", PNG, TYPE_ERROR),
        ("photo.png", PDF, TYPE_ERROR),
        ("notes.docx", zip_bytes("something.xml"), TYPE_ERROR),
        ("notes.docx", PDF, TYPE_ERROR),
        ("notes.txt", b"\xff\xfe\x00binary", TYPE_ERROR),
        ("program.exe", b"MZ\x90\x00", TYPE_ERROR),
        ("picture.gif", b"GIF89a" + b"\x00" * 10, TYPE_ERROR),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 10, TYPE_ERROR),
        ("page.html", b"<script>alert(1)</script>", TYPE_ERROR),
        ("no-extension", PDF, TYPE_ERROR),
        ("empty.pdf", b"", "The selected file is empty"),
    ],
)
def test_bad_files_are_refused(world, name, content, message):
    item = NewsItemFactory()
    with pytest.raises(ValidationError) as raised:
        news_attachment_add(actor=world.democratic, item=item, upload=upload(name, content))
    assert raised.value.message_dict["upload"] == [message]
    assert not NewsAttachment.objects.exists()
    assert not AuditEvent.objects.exists()
    assert not default_storage.exists("news") or not default_storage.listdir("news")[1]


def test_too_big_files_are_refused(world, settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    item = NewsItemFactory()
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as raised:
        news_attachment_add(actor=world.democratic, item=item, upload=upload("big.pdf", big))
    assert raised.value.message_dict["upload"] == ["The selected file must be smaller than 1MB"]
    assert not NewsAttachment.objects.exists()


def test_attachments_are_capped_per_item(world):
    item = NewsItemFactory()
    for n in range(MAX_ATTACHMENTS):
        news_attachment_add(actor=world.democratic, item=item, upload=upload(f"part{n}.pdf"))
    with pytest.raises(ValidationError) as raised:
        news_attachment_add(actor=world.democratic, item=item, upload=upload("one-more.pdf"))
    assert "up to 20 attachments" in raised.value.message_dict["upload"][0]


@pytest.mark.parametrize("person", ["councillor", "support", "highways_officer", "mp"])
def test_only_content_managers_attach(world, person):
    item = NewsItemFactory()
    with pytest.raises(PermissionDenied):
        news_attachment_add(actor=getattr(world, person), item=item, upload=upload())
    assert not NewsAttachment.objects.exists()
    assert not default_storage.exists("news") or not default_storage.listdir("news")[1]


def test_remove_an_attachment(world, django_capture_on_commit_callbacks):
    item = NewsItemFactory()
    attachment = news_attachment_add(actor=world.democratic, item=item, upload=upload())
    stored = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        news_attachment_remove(actor=world.admin, attachment=attachment)
    assert not NewsAttachment.objects.exists()
    assert not default_storage.exists(stored)
    event = AuditEvent.objects.get(action=Action.DELETE)
    assert event.object_label == f"news attachment #{attachment.pk}"
    assert event.detail == f"from news item #{item.pk}"
    removed = NewsAttachment.history.get(history_type="-")
    assert removed.history_user == world.admin and removed.title == "slides"


def test_remove_refused_to_others_keeps_the_file(world, django_capture_on_commit_callbacks):
    item = NewsItemFactory()
    attachment = news_attachment_add(actor=world.democratic, item=item, upload=upload())
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        news_attachment_remove(actor=world.councillor, attachment=attachment)
    assert NewsAttachment.objects.filter(pk=attachment.pk).exists()
    assert default_storage.exists(attachment.file.name)


@pytest.mark.parametrize(
    ("size", "label"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (900, "900 bytes"),
        (240 * 1024, "240 KB"),
        (1024 * 1024, "1 MB"),
        (int(1.25 * 1024 * 1024), "1.2 MB"),
    ],
)
def test_size_labels(size, label):
    assert NewsAttachment(size=size, content_type="application/pdf").description == (
        f"PDF, {label}"
    )
