"""Factories for the news tests: items (published now by default) and attachments with small
files of each type news takes."""

import datetime as dt
import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.utils import timezone
from factory.django import DjangoModelFactory

from councillor_hub.news.models import NewsAttachment, NewsItem, NewsKind

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20


def zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = zip_bytes("[Content_Types].xml", "word/document.xml")
XLSX = zip_bytes("[Content_Types].xml", "xl/workbook.xml")
PPTX = zip_bytes("[Content_Types].xml", "ppt/presentation.xml")


class NewsItemFactory(DjangoModelFactory):
    class Meta:
        model = NewsItem

    kind = NewsKind.NEWS
    title = factory.Sequence(lambda n: f"News item {n:03d}")
    summary = "Something members should know."
    body = "The first paragraph.\n\nThe second paragraph."
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(hours=1))


def attachment_for(
    item: NewsItem, *, title: str = "Slides", name: str = "slides.pdf", content: bytes = PDF
) -> NewsAttachment:
    attachment = NewsAttachment(
        item=item,
        title=title,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment
