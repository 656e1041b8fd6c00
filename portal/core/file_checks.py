"""Checks of a file by its content: a file must be what its name claims to be. Nothing here
needs Django's apps to be ready, so models' file fields can use it."""

import codecs
import io
import re
import warnings
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps

FILE_TYPE_NOT_ALLOWED = _("This file type is not allowed. Upload one of: %(allowed)s.")
DOCUMENT_CONTENT_MISMATCH = _(
    "This file's content does not match its “.%(extension)s” extension. "
    "Upload the original file, or save it again in that format."
)
_SAMPLE_SIZE = 8192

_OFFICE_ZIP_MEMBERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
_OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}


def document_content_matches(uploaded, extension: str) -> bool:
    """True when the bytes of `uploaded` are a file of type `extension`."""
    uploaded.seek(0)
    head = uploaded.read(_SAMPLE_SIZE)
    uploaded.seek(0)
    try:
        if extension == "pdf":
            return head.lstrip()[:5] == b"%PDF-"
        if extension in {"csv", "txt"}:
            # A multi-byte character may straddle the end of a full sample; allow that.
            decoder = codecs.getincrementaldecoder("utf-8")()
            decoder.decode(head, final=len(head) < _SAMPLE_SIZE)
            return b"\x00" not in head
        if extension == "zip" or extension in {*_OFFICE_ZIP_MEMBERS, *_OPENDOCUMENT_TYPES}:
            if not zipfile.is_zipfile(uploaded):
                return False
            with zipfile.ZipFile(uploaded) as archive:
                names = set(archive.namelist())
                if extension in _OFFICE_ZIP_MEMBERS:
                    return _OFFICE_ZIP_MEMBERS[extension] in names
                if extension in _OPENDOCUMENT_TYPES:
                    return (
                        "mimetype" in names
                        and archive.read("mimetype").strip() == _OPENDOCUMENT_TYPES[extension]
                    )
                return True
        return False
    except (UnicodeDecodeError, zipfile.BadZipFile, KeyError, OSError):
        return False
    finally:
        uploaded.seek(0)


NOT_AN_IMAGE = -1
# Pillow refuses an image over twice its pixel limit before handing it over, naming its size.
_BOMB_SIZE = re.compile(r"\((\d+) pixels\)")


def image_pixel_count(data) -> int | None:
    """Pixels the file's header declares, without decoding: -1 (NOT_AN_IMAGE) for a file Pillow
    cannot read as an image; None for a decompression bomb whose size Pillow did not say."""
    try:
        data.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(data) as header_only:
                return header_only.width * header_only.height
    except PILImage.DecompressionBombError as bomb:
        size = _BOMB_SIZE.search(str(bomb))
        return int(size.group(1)) if size else None
    # Hostile files make Pillow's parsers raise errors of many kinds, not only OSError: any
    # of them means "not an image we can read".
    except Exception:  # noqa: BLE001
        return NOT_AN_IMAGE
    finally:
        data.seek(0)


def image_decodes_fully(data) -> bool:
    try:
        data.seek(0)
        with PILImage.open(data) as decoded:
            decoded.load()
    # Pillow's decoders raise many kinds of error on a damaged or hostile file.
    except Exception:  # noqa: BLE001
        return False
    finally:
        data.seek(0)
    return True


_SAVE_OPTIONS = {
    "JPEG": {"quality": 92},
    "PNG": {},
    "WEBP": {"quality": 92},
    "GIF": {},
}


def reencoded_image(uploaded):
    """The image drawn afresh from its pixels, in its own format: EXIF (a camera's GPS
    position, the owner's name), comments and anything appended to the file stay behind.
    The colour profile is kept, and a photo's orientation is applied rather than noted. Call
    it once the image is known to decode fully."""
    uploaded.seek(0)
    with PILImage.open(uploaded) as source:
        image_format = source.format
        options = dict(_SAVE_OPTIONS.get(image_format, {}))
        if source.info.get("icc_profile"):
            options["icc_profile"] = source.info["icc_profile"]
        if image_format == "GIF" and getattr(source, "n_frames", 1) > 1:
            # An animation keeps its frames and timing.
            options.update(save_all=True, loop=source.info.get("loop", 0))
            options["duration"] = source.info.get("duration", 100)
            image = source
        else:
            image = ImageOps.exif_transpose(source)
        buffer = io.BytesIO()
        image.save(buffer, format=image_format, **options)
    uploaded.seek(0)
    return SimpleUploadedFile(
        uploaded.name, buffer.getvalue(), content_type=getattr(uploaded, "content_type", None)
    )
