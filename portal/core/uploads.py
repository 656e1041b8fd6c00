"""Upload checks by content: a file must be what its name claims to be."""

import codecs
import zipfile

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

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


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content contradicts their extension."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or "file" not in self.changed_data:
            return uploaded
        extension = uploaded.name.rsplit(".", 1)[-1].lower() if "." in uploaded.name else ""
        if not document_content_matches(uploaded, extension):
            raise forms.ValidationError(
                DOCUMENT_CONTENT_MISMATCH, code="content_mismatch", params={"extension": extension}
            )
        return uploaded
