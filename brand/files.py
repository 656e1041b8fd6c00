"""Brand asset files: what may be uploaded, checked by content, and the storage they live in.

An SVG is rebuilt by the one SVG sanitiser before it is stored, so what is stored (and later
served) has no script, event handler, foreign object or external reference.
"""

import os
import uuid

from django import forms
from django.conf import settings
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

from portal.core.file_checks import (
    DOCUMENT_CONTENT_MISMATCH,
    document_content_matches,
    image_decodes_fully,
    image_pixel_count,
)
from portal.core.private_files import PrivateFileStorage
from portal.core.svg import sanitize_svg

FORMAT_NOT_ALLOWED = _("Files of type “.%(extension)s” cannot be added. Allowed: %(allowed)s.")
FILE_TOO_LARGE = _("This file is %(size)s; the most a brand file may be is %(limit)s.")
IMAGE_NOT_READABLE = _(
    "This image cannot be read: it may be damaged or not really a .%(extension)s file. "
    "Export it again and upload the new file."
)
IMAGE_TOO_MANY_PIXELS = _(
    "This image has %(pixels)s pixels, more than the %(limit)s megapixels an image may have."
)

MAX_FILE_BYTES = 200 * 1024 * 1024

_RASTER_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG", "webp": "WEBP", "gif": "GIF"}
_DOCUMENT_FORMATS = {"pdf", "docx", "pptx", "xlsx", "odt", "odp", "zip", "txt"}


def _eps(head: bytes) -> bool:
    return head.startswith((b"%!PS-Adobe", b"\xc5\xd0\xd3\xc6"))


def _font(head: bytes) -> bool:
    return head[:4] in {b"\x00\x01\x00\x00", b"OTTO", b"true", b"wOFF", b"wOF2"}


def _mp4(head: bytes) -> bool:
    return head[4:8] == b"ftyp"


def _webm(head: bytes) -> bool:
    return head.startswith(b"\x1a\x45\xdf\xa3")


# Formats recognised by their first bytes.
_SIGNATURES = {
    "eps": _eps,
    "ttf": _font,
    "otf": _font,
    "woff": _font,
    "woff2": _font,
    "mp4": _mp4,
    "webm": _webm,
}
ALLOWED_FORMATS = sorted({"svg", *_RASTER_FORMATS, *_DOCUMENT_FORMATS, *_SIGNATURES})
IMAGE_FORMATS = {"svg", *_RASTER_FORMATS}

CONTENT_TYPES = {
    "svg": "image/svg+xml",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "webp": "image/webp",
    "gif": "image/gif",
    "pdf": "application/pdf",
    "eps": "application/postscript",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "zip": "application/zip",
    "txt": "text/plain; charset=utf-8",
    "ttf": "font/ttf",
    "otf": "font/otf",
    "woff": "font/woff",
    "woff2": "font/woff2",
    "mp4": "video/mp4",
    "webm": "video/webm",
}


def file_format(name: str) -> str:
    """The lower-case extension of `name`, "" when it has none."""
    _root, extension = os.path.splitext(name or "")
    return extension.lstrip(".").lower()


def checked_upload(uploaded):
    """`uploaded` when its bytes are what its extension says (an SVG comes back sanitised, as a
    new file); otherwise a ValidationError saying what is wrong."""
    extension = file_format(uploaded.name)
    if extension not in ALLOWED_FORMATS:
        raise ValidationError(
            FORMAT_NOT_ALLOWED,
            code="format",
            params={"extension": extension or "?", "allowed": ", ".join(ALLOWED_FORMATS)},
        )
    if uploaded.size > MAX_FILE_BYTES:
        raise ValidationError(
            FILE_TOO_LARGE,
            code="too_large",
            params={
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(MAX_FILE_BYTES),
            },
        )
    if extension == "svg":
        uploaded.seek(0)
        clean = sanitize_svg(uploaded.read())
        return SimpleUploadedFile(uploaded.name, clean, content_type=CONTENT_TYPES["svg"])
    if extension in _RASTER_FORMATS:
        _check_raster(uploaded, extension)
        return uploaded
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if extension in _DOCUMENT_FORMATS:
        matches = document_content_matches(uploaded, extension)
    else:
        matches = _SIGNATURES[extension](head)
    if not matches:
        raise ValidationError(
            DOCUMENT_CONTENT_MISMATCH, code="content_mismatch", params={"extension": extension}
        )
    return uploaded


def _check_raster(uploaded, extension: str) -> None:
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    pixels = image_pixel_count(uploaded)
    if pixels is None or pixels > limit:
        raise ValidationError(
            IMAGE_TOO_MANY_PIXELS,
            code="too_many_pixels",
            params={
                "pixels": intcomma(pixels) if pixels else _("too many to count"),
                "limit": limit // 1_000_000,
            },
        )
    unreadable = ValidationError(
        IMAGE_NOT_READABLE, code="unreadable", params={"extension": extension}
    )
    if pixels < 0 or not image_decodes_fully(uploaded):
        raise unreadable
    try:
        with PILImage.open(uploaded) as image:
            actual = image.format
    except Exception as exc:  # Pillow raises many kinds of error on bad input
        raise unreadable from exc
    finally:
        uploaded.seek(0)
    if actual != _RASTER_FORMATS[extension]:
        raise unreadable


class CheckedAssetFormField(forms.FileField):
    def clean(self, data, initial=None):
        uploaded = super().clean(data, initial)
        if uploaded and uploaded is not initial and hasattr(uploaded, "seek"):
            return checked_upload(uploaded)
        return uploaded


class BrandFileStorage(PrivateFileStorage):
    view_name = "brand:stored_file"


def brand_file_storage():
    return BrandFileStorage()


def random_file_name(instance, filename: str) -> str:
    """A name nobody can guess; the download view gives the file a readable name."""
    extension = file_format(filename)
    return f"brand/{uuid.uuid4().hex}.{extension}" if extension else f"brand/{uuid.uuid4().hex}"


def random_preview_name(instance, filename: str) -> str:
    return f"brand/previews/{uuid.uuid4().hex}.{file_format(filename)}"


class CheckedAssetFileField(models.FileField):
    """A file field whose form input is checked by content (and SVGs sanitised)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CheckedAssetFormField, **kwargs})
