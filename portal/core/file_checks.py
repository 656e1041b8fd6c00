"""Checks of a file by its content: a file must be what its name claims to be. Nothing here
needs Django's apps to be ready, so models' file fields can use it."""

import codecs
import warnings
import zipfile

from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage

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


def image_pixel_count(data) -> int | None:
    """Pixels the file's header declares, without decoding: None for a decompression bomb
    Pillow refuses outright, -1 for a file Pillow cannot read as an image."""
    try:
        data.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(data) as header_only:
                return header_only.width * header_only.height
    except PILImage.DecompressionBombError:
        return None
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
