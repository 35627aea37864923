"""Factories for the library tests: documents (a link by default), tags, and the directory
units and officers they point at."""

import io
import zipfile

import factory
from django.core.files.base import ContentFile
from django.utils.text import slugify
from factory.django import DjangoModelFactory

from councillor_hub.directory.models import Officer, OrgUnit, UnitKind
from councillor_hub.library.models import Document, DocumentKind, DocumentTag

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20


def zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = zip_bytes("[Content_Types].xml", "word/document.xml")
ODT = zip_bytes("mimetype", "content.xml")


class OrgUnitFactory(DjangoModelFactory):
    class Meta:
        model = OrgUnit

    name = factory.Sequence(lambda n: f"Service {n}")
    kind = UnitKind.SERVICE


class OfficerFactory(DjangoModelFactory):
    class Meta:
        model = Officer

    full_name = factory.Sequence(lambda n: f"Officer Number{n}")
    job_title = "Policy officer"
    email = factory.Sequence(lambda n: f"officer{n}@example.org")


class DocumentTagFactory(DjangoModelFactory):
    class Meta:
        model = DocumentTag
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"tag {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    kind = DocumentKind.POLICY
    title = factory.Sequence(lambda n: f"Document {n:03d}")
    summary = "A policy for the demo council."
    url = factory.Sequence(lambda n: f"https://example.org/documents/{n}")

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


def document_with_file(name: str = "policy.pdf", content: bytes = PDF, **kwargs) -> Document:
    document = DocumentFactory.build(url="", original_name=name, **kwargs)
    document.content_type = "application/pdf"
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document
