"""Attachments on cases: checked by size, by extension and by the file's own leading bytes, then
stored under MEDIA_ROOT (outside the web root) with a random name. They are served only by
AttachmentDownloadView, after a permission check."""

from __future__ import annotations

import codecs
import os
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ..models import Attachment, Case, TimelineEntry

TYPE_ERROR = "The selected file must be a PDF, Word document, spreadsheet, image or text file"

_PDF = (b"%PDF-",)
_PNG = (b"\x89PNG\r\n\x1a\n",)
_JPEG = (b"\xff\xd8\xff",)
_GIF = (b"GIF87a", b"GIF89a")
_ZIP = (b"PK\x03\x04",)
_OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)


@dataclass(frozen=True)
class FileType:
    content_type: str
    magic: tuple[bytes, ...] = ()
    container: str = ""  # "ooxml" or "odf": a zip whose contents are checked too
    text: bool = False


ALLOWED_TYPES: dict[str, FileType] = {
    ".pdf": FileType("application/pdf", _PDF),
    ".png": FileType("image/png", _PNG),
    ".jpg": FileType("image/jpeg", _JPEG),
    ".jpeg": FileType("image/jpeg", _JPEG),
    ".gif": FileType("image/gif", _GIF),
    ".docx": FileType(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ZIP,
        container="ooxml",
    ),
    ".xlsx": FileType(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ZIP,
        container="ooxml",
    ),
    ".pptx": FileType(
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        _ZIP,
        container="ooxml",
    ),
    ".odt": FileType("application/vnd.oasis.opendocument.text", _ZIP, container="odf"),
    ".ods": FileType("application/vnd.oasis.opendocument.spreadsheet", _ZIP, container="odf"),
    ".doc": FileType("application/msword", _OLE),
    ".xls": FileType("application/vnd.ms-excel", _OLE),
    ".txt": FileType("text/plain; charset=utf-8", text=True),
    ".csv": FileType("text/csv; charset=utf-8", text=True),
    ".eml": FileType("message/rfc822", text=True),
}

# The accept attribute for the file input: a hint for the browser's file picker only.
ACCEPT = ",".join(sorted(ALLOWED_TYPES))


def attachment_max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024))


def _size_label(size: int) -> str:
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g}MB" if megabytes >= 1 else f"{size // 1024}KB"


def _leading_bytes(upload: UploadedFile, count: int = 16) -> bytes:
    upload.seek(0)
    head = upload.read(count)
    upload.seek(0)
    return head


def _is_utf8_text(upload: UploadedFile) -> bool:
    decoder = codecs.getincrementaldecoder("utf-8")()
    upload.seek(0)
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


def _is_container(upload: UploadedFile, container: str) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    if container == "ooxml":
        return "[Content_Types].xml" in names
    return "mimetype" in names and "content.xml" in names


def attachment_clean_name(name: str) -> str:
    """The file's own name without any folder part or control characters, for display and
    for the download's Content-Disposition header."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    return base[-255:] or "attachment"


def attachment_validate(upload: UploadedFile) -> str:
    """Check an uploaded file; return the content type to store and serve it with.

    Raises ValidationError with a GOV.UK message when the file is empty, too large, or not
    one of the allowed types. The type is judged by the extension *and* the leading bytes, so
    a program renamed to .pdf is refused."""
    limit = attachment_max_bytes()
    if upload.size is None or upload.size == 0:
        raise ValidationError("The selected file is empty", code="empty")
    if upload.size > limit:
        raise ValidationError(
            f"The selected file must be smaller than {_size_label(limit)}", code="too_large"
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    file_type = ALLOWED_TYPES.get(extension)
    if file_type is None:
        raise ValidationError(TYPE_ERROR, code="file_type")
    if file_type.text:
        ok = _is_utf8_text(upload)
    else:
        head = _leading_bytes(upload)
        ok = any(head.startswith(magic) for magic in file_type.magic)
        if ok and file_type.container:
            ok = _is_container(upload, file_type.container)
    if not ok:
        raise ValidationError(TYPE_ERROR, code="file_type")
    return file_type.content_type


@transaction.atomic
def attachment_store(
    *,
    actor,
    case: Case,
    upload: UploadedFile,
    content_type: str,
    entry: TimelineEntry | None = None,
) -> Attachment:
    """Save a validated upload against a case. Callers validate first (attachment_validate)
    and check permission; this only writes. The stored file gets a random name."""
    original_name = attachment_clean_name(upload.name)
    size = upload.size
    upload.seek(0)
    attachment = Attachment(
        case=case,
        entry=entry,
        original_name=original_name,
        content_type=content_type,
        size=size,
        uploaded_by=actor,
    )
    attachment.file.save(original_name, upload, save=False)
    attachment.save()
    return attachment
