"""Reading the booklet's PDF in tests: its text (pypdfium2, the PDFium engine browsers use) and
its objects, inflated, to check the tagging and PDF/UA identification."""

from __future__ import annotations

import re
import zlib

import pypdfium2 as pdfium

STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def pdf_text(pdf: bytes) -> str:
    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        # PDFium gives the PDF's own line breaks (\r\n); join lines so phrases can be matched.
        return " ".join(" ".join(pages).split())
    finally:
        document.close()


def pdf_objects(pdf: bytes) -> bytes:
    """The file with every Flate-compressed stream inflated (object streams hold the catalog
    and the structure tree; the metadata stream holds the XMP)."""
    parts = [pdf]
    for match in STREAM.finditer(pdf):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)
