"""Attachment checks: size, extension and the file's own leading bytes."""

import contextlib
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from councillor_hub.casework.services.attachments import (
    TYPE_ERROR,
    attachment_clean_name,
    attachment_validate,
)

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 20
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20
GIF = b"GIF89a\x01\x00\x01\x00" + b"\x00" * 10
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 40


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


DOCX = _zip("[Content_Types].xml", "word/document.xml")
ODT = _zip("mimetype", "content.xml")


def upload(name: str, content: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("letter.pdf", PDF, "application/pdf"),
        ("photo.PNG", PNG, "image/png"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("photo.jpeg", JPEG, "image/jpeg"),
        ("scan.gif", GIF, "image/gif"),
        (
            "report.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "figures.xlsx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("minutes.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("old.doc", OLE, "application/msword"),
        ("old.xls", OLE, "application/vnd.ms-excel"),
        ("note.txt", "Café on the corner\n".encode(), "text/plain; charset=utf-8"),
        ("list.csv", b"a,b\n1,2\n", "text/csv; charset=utf-8"),
        ("message.eml", b"From: a@example.test\r\nSubject: hi\r\n\r\nbody", "message/rfc822"),
    ],
)
def test_allowed_types(name, content, expected):
    assert attachment_validate(upload(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("setup.exe", b"MZ\x90\x00\x03\x00"),
        ("looks-like.pdf", PNG),  # a PDF name with PNG bytes
        ("program.pdf", b"MZ\x90\x00\x03\x00"),
        ("script.sh", b"#!/bin/sh\nrm -rf /\n"),
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("image.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("noextension", PDF),
        ("fake.docx", PDF),
        ("not-office.docx", _zip("payload.bin")),  # a zip, but not an Office document
        ("binary.txt", b"text\x00with a NUL"),
        ("latin1.txt", "Café".encode("latin-1")),
        ("photo.jpg", PNG),
        ("archive.zip", DOCX),
    ],
)
def test_refused_types(name, content):
    with pytest.raises(ValidationError) as error:
        attachment_validate(upload(name, content, "application/pdf"))
    assert error.value.messages == [TYPE_ERROR]


def test_too_large_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
    big = upload("big.pdf", PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        attachment_validate(big)
    assert error.value.messages == ["The selected file must be smaller than 10MB"]


def test_exactly_the_limit_is_allowed(settings):
    settings.ATTACHMENT_MAX_BYTES = 1024 * 1024
    content = PDF + b"0" * (1024 * 1024 - len(PDF))
    assert attachment_validate(upload("exact.pdf", content)) == "application/pdf"


def test_empty_file_is_refused():
    with pytest.raises(ValidationError) as error:
        attachment_validate(upload("empty.txt", b""))
    assert error.value.messages == ["The selected file is empty"]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\me\\letter.pdf", "letter.pdf"),
        ("bad\x00name\r\n.pdf", "badname.pdf"),
        ("", "attachment"),
    ],
)
def test_clean_name(raw, clean):
    assert attachment_clean_name(raw) == clean


@given(st.binary(max_size=64), st.sampled_from([".pdf", ".png", ".docx", ".txt", ".doc", ".exe"]))
def test_validate_never_crashes(content, extension):
    """Any bytes with any name either pass or fail with a ValidationError, never an exception."""
    with contextlib.suppress(ValidationError):
        attachment_validate(upload("file" + extension, content))
