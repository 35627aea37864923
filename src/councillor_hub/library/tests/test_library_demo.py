"""The demo library: about sixty documents, deterministic, with and without a directory."""

import random
import re
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from councillor_hub.core.demo.library import build_library, minimal_pdf
from councillor_hub.core.models import ServiceArea
from councillor_hub.library.models import Document, DocumentKind, DocumentTag
from councillor_hub.library.services import document_file_validate

from .factories import OfficerFactory, OrgUnitFactory


def builder(world=None, seed=7):
    return SimpleNamespace(
        rng=random.Random(seed),
        today=timezone.localdate(),
        democratic=world.democratic if world else None,
    )


def test_minimal_pdf_is_well_formed():
    pdf = minimal_pdf("Members' allowances (2026/27)", ["A line", "Another \\ line"])
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    xref = int(re.search(rb"startxref\n(\d+)", pdf).group(1))
    assert pdf[xref:].startswith(b"xref")
    offsets = [int(n) for n in re.findall(rb"(\d{10}) 00000 n", pdf)]
    for number, offset in enumerate(offsets, 1):
        assert pdf[offset:].startswith(f"{number} 0 obj".encode())
    assert document_file_validate(SimpleUploadedFile("a.pdf", pdf)) == "application/pdf"


def test_demo_library_without_a_directory(db):
    counts = build_library(builder())
    documents = Document.objects.all()
    assert 55 <= counts["library documents"] == documents.count() <= 70
    assert counts["library tags"] == DocumentTag.objects.count()
    assert not documents.filter(unit__isnull=False).exists()
    assert not documents.filter(responsible_officer__isnull=False).exists()
    today = timezone.localdate()
    assert documents.filter(next_review_on__lt=today).count() >= 3
    assert documents.filter(members_only=True).count() >= 5
    assert documents.filter(is_published=False).count() == 2
    assert (
        documents.filter(
            kind=DocumentKind.COMMITTEE_PAPERS, url__startswith="https://democracy.example.org/"
        ).count()
        >= 5
    )
    files = documents.exclude(file="")
    assert counts["library files"] == files.count() >= 5
    for document in files:
        content = document.file.read()
        upload = SimpleUploadedFile(document.original_name, content)
        assert document_file_validate(upload) == document.content_type
    assert DocumentTag.objects.filter(slug="health-and-safety").exists()
    assert documents.get(title__startswith="Members' allowances scheme 20").tags.count() == 2
    assert all(d.history.count() == 1 for d in documents[:5])


def test_demo_library_uses_the_directory(world):
    highways_area = ServiceArea.objects.get(slug="highways")
    roads = OrgUnitFactory(name="Highways and transport", service_area=highways_area)
    democratic = OrgUnitFactory(name="Democratic services")
    OfficerFactory(unit=roads, full_name="Rita Roads", user=world.highways_officer)
    OfficerFactory(unit=democratic, full_name="Dev Democracy")
    build_library(builder(world))
    asset = Document.objects.get(title="Highways asset management policy")
    assert asset.unit == roads
    assert asset.responsible_officer.full_name == "Rita Roads"
    assert Document.objects.get(title="The Constitution").unit == democratic
    assert Document.objects.filter(responsible_officer__isnull=False).exists()
    assert Document.objects.first().history.first().history_user == world.democratic


@pytest.mark.parametrize("seed", [1, 2])
def test_demo_library_is_deterministic(db, seed):
    build_library(builder(seed=seed))
    first = list(
        Document.objects.order_by("title").values_list("title", "next_review_on", "members_only")
    )
    Document.objects.all().delete()
    DocumentTag.objects.all().delete()
    build_library(builder(seed=seed))
    again = list(
        Document.objects.order_by("title").values_list("title", "next_review_on", "members_only")
    )
    assert first == again
