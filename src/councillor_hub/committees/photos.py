"""Checks for councillors' photos, without an imaging library: a JPEG or PNG judged by its
extension and its own bytes (signature and the header that gives its size), within a size cap
and a pixel limit. Anything else (SVG, GIF, a program renamed .jpg) is refused."""

from __future__ import annotations

import os
import struct

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTO_MAX_PIXELS = 8000  # on either side
ACCEPT = ".jpg,.jpeg,.png"

TYPE_ERROR = "The selected photo must be a JPG or PNG"
EMPTY_ERROR = "The selected photo is empty"
SIZE_ERROR = "The selected photo must be smaller than 5MB"
PIXELS_ERROR = f"The selected photo must be no more than {PHOTO_MAX_PIXELS} pixels wide or high"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
EXTENSIONS = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
# Start-of-frame markers, which carry the image size (not DHT C4, JPG C8 or DAC CC).
_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers that stand alone, with no length after them.
_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}
_JPEG_SCAN_LIMIT = 512 * 1024  # the frame header comes before the image data


def _read_all_head(upload: UploadedFile, count: int) -> bytes:
    upload.seek(0)
    head = upload.read(count)
    upload.seek(0)
    return head


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a PNG's header chunk, or None when it is not a PNG."""
    if not data.startswith(PNG_SIGNATURE) or len(data) < 24 or data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def jpeg_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from a JPEG's start-of-frame segment, or None when none is found."""
    if not data.startswith(JPEG_SIGNATURE):
        return None
    index = 2
    while index + 4 <= len(data):
        if data[index] != 0xFF:
            return None
        marker = data[index + 1]
        if marker == 0xFF:  # fill byte
            index += 1
            continue
        if marker in _STANDALONE:
            index += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, or the image data began before any frame
            return None
        (length,) = struct.unpack(">H", data[index + 2 : index + 4])
        if length < 2:
            return None
        if marker in _SOF_MARKERS:
            if index + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[index + 5 : index + 9])
            return width, height
        index += 2 + length
    return None


def photo_validate(upload: UploadedFile) -> str:
    """Check an uploaded photo; return the content type to store and serve it with. Raises
    ValidationError (GOV.UK wording) when it is empty, too big, not a JPEG or PNG by both its
    name and its bytes, or has no sensible size in pixels."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(EMPTY_ERROR, code="empty")
    if upload.size > PHOTO_MAX_BYTES:
        raise ValidationError(SIZE_ERROR, code="too_large")
    extension = os.path.splitext(upload.name or "")[1].lower()
    content_type = EXTENSIONS.get(extension)
    if content_type is None:
        raise ValidationError(TYPE_ERROR, code="file_type")
    if content_type == "image/png":
        size = png_size(_read_all_head(upload, 32))
    else:
        size = jpeg_size(_read_all_head(upload, _JPEG_SCAN_LIMIT))
    if size is None:
        raise ValidationError(TYPE_ERROR, code="file_type")
    width, height = size
    if width == 0 or height == 0:
        raise ValidationError(TYPE_ERROR, code="file_type")
    if width > PHOTO_MAX_PIXELS or height > PHOTO_MAX_PIXELS:
        raise ValidationError(PIXELS_ERROR, code="too_many_pixels")
    return content_type


def photo_extension(content_type: str) -> str:
    return ".png" if content_type == "image/png" else ".jpg"
