"""The booklet's PDF: a real, tagged, accessible PDF (PDF/UA-1 identification, title and
language set, a structure tree with headings, tables and links, bookmarks), A4, with page
numbers, that PDFium (the engine in Chrome) opens and draws: the first page is turned into a
PNG and must not be blank."""

from __future__ import annotations

import re
import zlib

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from councillor_hub.booklet.models import SectionKey

from .builders import LEADER_PORTFOLIO, build_booklet_records
from .pdfcheck import pdf_objects, pdf_text

pytestmark = pytest.mark.django_db

PDF = reverse("booklet:booklet_pdf")
A4_POINTS = (595.28, 841.89)
HEADINGS = [
    "Induction and key contacts booklet",
    "Contents",
    "Welcome",
    "Key dates",
    "Who's who",
    "The Cabinet",
    "Committee chairs",
    "Member support and democratic services",
    "How to raise an enquiry",
    "Service contacts and out-of-hours numbers",
    "ICT help",
    "Health and safety",
    "Allowances and expenses",
    "Committee structure",
]


@pytest.fixture
def pdf(client_for, world) -> bytes:
    build_booklet_records(world)
    response = client_for(world.councillor).get(PDF)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="induction-booklet-')
    assert "no-store" in response["Cache-Control"]
    return response.content


def test_the_pdf_opens_and_has_the_booklets_text(pdf):
    assert pdf.startswith(b"%PDF-")
    document = pdfium.PdfDocument(pdf)
    try:
        # A cover, the contents and a page for each section.
        assert len(document) >= 1 + 1 + len(SectionKey.values)
        for index in range(len(document)):
            width, height = document[index].get_size()
            assert (round(width, 1), round(height, 1)) == (round(A4_POINTS[0], 1), 841.9)
        metadata = document.get_metadata_dict()
    finally:
        document.close()
    assert metadata["Title"].startswith("Induction and key contacts booklet")
    assert metadata["Author"] == "Demo Borough Council"
    text = pdf_text(pdf)
    for heading in HEADINGS:
        assert heading in text, heading
    assert LEADER_PORTFOLIO in text
    # Page numbers in the footer (from the @page rules).
    assert re.search(r"Page 1 of \d+", text)
    assert "Page 2 of" in text


def test_the_pdf_is_tagged_and_identifies_as_pdf_ua(pdf):
    objects = pdf_objects(pdf)
    # PDF/UA-1 identification in the XMP metadata.
    assert re.search(rb"pdfuaid:part(>|=\")1", objects), "no PDF/UA identification"
    # Tagged: marked content, a structure tree, the language, the title shown in title bars.
    assert b"/MarkInfo <</Marked true>>" in objects or b"/Marked true" in objects
    assert b"/StructTreeRoot" in objects
    assert b"/Lang (en-GB)" in objects
    assert b"/DisplayDocTitle true" in objects
    # Real structure: headings, tables, lists and links (not just painted text).
    for tag in (b"/S /H1", b"/S /H2", b"/S /H3", b"/S /Table", b"/S /TH", b"/S /L", b"/S /Link"):
        assert tag in objects, tag
    # Bookmarks from the headings, and working links (to the enquiry form, by absolute URL).
    assert b"/Outlines" in objects
    assert b"http://testserver/enquiries/new/" in objects


def test_the_first_page_renders_to_a_png_that_is_not_blank(pdf, tmp_path):
    document = pdfium.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=1, grayscale=True)
        width, height, stride = bitmap.width, bitmap.height, bitmap.stride
        # pypdfium2's raw buffer: one byte per pixel in grayscale, `stride` bytes per row.
        pixels = bytes(bitmap.buffer)
        rows = [pixels[y * stride : y * stride + width] for y in range(height)]
        page.close()
    finally:
        document.close()
    png = tmp_path / "booklet-page-1.png"
    png.write_bytes(_png(rows, width, height))
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert png.stat().st_size > 1_000
    non_white = sum(1 for row in rows for value in row if value < 200)
    share = non_white / (width * height)
    # The cover's rule and title: more than a sliver of ink, far from a page of solid ink.
    assert 0.01 < share < 0.5, share


def _png(rows: list[bytes], width: int, height: int) -> bytes:
    """A greyscale PNG from raw rows (no Pillow needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return (
            len(data).to_bytes(4, "big") + body + (zlib.crc32(body) & 0xFFFFFFFF).to_bytes(4, "big")
        )

    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    raw = b"".join(b"\x00" + row for row in rows)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )
