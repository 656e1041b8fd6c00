"""Uploads are checked by their bytes; SVGs are rebuilt without anything that can run."""

import pytest
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from brand import typeset
from brand.demo import DEMO_FILES
from brand.files import (
    FORMAT_NOT_ALLOWED,
    IMAGE_NOT_READABLE,
    CheckedAssetFormField,
    checked_upload,
)
from portal.core.uploads import DOCUMENT_CONTENT_MISMATCH
from tests.factories.brand import png_bytes

HOSTILE_SVG = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     viewBox="0 0 10 10" onload="alert(1)">
  <script>alert(2)</script>
  <rect width="10" height="10" fill="#003399" onclick="alert(3)"/>
  <image href="https://evil.example/pixel.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/sprite.svg#x"/>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml">hi</div></foreignObject>
  <a href="javascript:alert(4)"><circle r="2" fill="url(https://evil.example/#g)"/></a>
</svg>"""


def _clean(upload):
    return CheckedAssetFormField().clean(upload)


def test_a_hostile_svg_is_stored_without_scripts_handlers_or_external_references():
    cleaned = _clean(SimpleUploadedFile("logo.svg", HOSTILE_SVG))
    cleaned.seek(0)
    data = cleaned.read()
    text = data.decode().lower()
    for forbidden in (
        "<script",
        "onload",
        "onclick",
        "foreignobject",
        "evil.example",
        "javascript:",
        "<image",
    ):
        assert forbidden not in text, forbidden
    tree = fromstring(data)
    assert tree.tag.endswith("svg")
    assert any(element.tag.endswith("rect") for element in tree.iter())  # the drawing stays


def test_a_malformed_svg_is_refused_with_a_message():
    with pytest.raises(ValidationError) as refused:
        _clean(SimpleUploadedFile("logo.svg", b"<svg><rect></svg"))
    assert refused.value.messages


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),  # a PNG header and nothing after
        ("photo.jpg", png_bytes()),  # a PNG calling itself JPEG
        ("photo.png", b"GIF89a not really"),
    ],
)
def test_a_malformed_or_mislabelled_image_is_refused_with_a_message(name, content):
    with pytest.raises(ValidationError) as refused:
        checked_upload(SimpleUploadedFile(name, content))
    extension = name.rsplit(".", 1)[1]
    assert refused.value.messages == [str(IMAGE_NOT_READABLE % {"extension": extension})]


def test_an_office_file_must_be_what_its_name_says():
    with pytest.raises(ValidationError) as refused:
        checked_upload(SimpleUploadedFile("template.docx", b"%PDF-1.7 not a document"))
    assert refused.value.messages == [str(DOCUMENT_CONTENT_MISMATCH % {"extension": "docx"})]


def test_an_executable_is_not_allowed_at_all():
    with pytest.raises(ValidationError) as refused:
        checked_upload(SimpleUploadedFile("setup.exe", b"MZ\x90\x00"))
    assert refused.value.code == "format"
    assert "exe" in refused.value.messages[0]
    assert refused.value.messages[0].startswith(str(FORMAT_NOT_ALLOWED)[:15])


def test_a_real_video_and_font_pass(settings):
    video = (DEMO_FILES / "cooperation-day-teaser.mp4").read_bytes()
    assert checked_upload(SimpleUploadedFile("teaser.mp4", video))
    font = (typeset.FONT_DIR / typeset.REGULAR).read_bytes()
    assert checked_upload(SimpleUploadedFile("font.ttf", font))
    with pytest.raises(ValidationError):
        checked_upload(SimpleUploadedFile("teaser.mp4", font))
