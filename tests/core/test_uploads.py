"""Upload attacks through the editors' upload forms: refused with a message, never a 500."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from portal.core.uploads import document_content_matches

pytestmark = pytest.mark.django_db


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png_header(width=10_000, height=10_000) -> bytes:
    """A tiny file that declares a 100-megapixel image: a decompression bomb's header."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + _png_chunk(b"IEND", b"")
    )


def real_png(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#003399").save(buffer, format="PNG")
    return buffer.getvalue()


def post_image(client, name: str, content: bytes, content_type="image/png"):
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    return client.post(reverse("wagtailimages:add"), {"title": "Upload", "file": upload})


def post_document(client, name: str, content: bytes):
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("wagtaildocs:add"), {"title": "Upload", "file": upload})


def form_errors(response) -> str:
    return str(response.context["form"].errors)


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


def test_a_real_image_is_accepted(editor_client):
    response = post_image(editor_client, "photo.png", real_png())
    assert response.status_code == 302
    assert get_image_model().objects.filter(title="Upload").exists()


def test_a_100_megapixel_png_is_refused_from_its_header(editor_client):
    response = post_image(editor_client, "bomb.png", huge_png_header())
    assert response.status_code == 200
    assert "too many pixels" in form_errors(response)
    assert not get_image_model().objects.exists()


def test_a_bomb_too_big_for_pillow_to_open_is_refused_with_its_pixel_count(editor_client):
    response = post_image(editor_client, "bomb.png", huge_png_header(width=30_000))
    assert response.status_code == 200
    assert "300000000" in form_errors(response)


def _photo_with_location(image_format: str) -> bytes:
    """A phone's photo: EXIF with the camera, the GPS position and a rotation."""
    exif = PILImage.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[0x0112] = 6  # shot sideways: turn 90° clockwise to view
    exif[0x8825] = {1: "N", 2: (48.0, 8.0, 30.0)}
    buffer = io.BytesIO()
    PILImage.new("RGB", (80, 60), "#003399").save(buffer, format=image_format, exif=exif)
    return buffer.getvalue()


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_uploaded_images_are_stored_without_their_exif(editor_client, image_format):
    original = _photo_with_location(image_format) + b"<script>appended</script>"
    name = f"holiday.{image_format.lower()}"
    response = post_image(editor_client, name, original, content_type="application/octet-stream")
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Upload")
    with image.file.open("rb") as stored_file:
        stored = stored_file.read()
    assert b"PhoneMaker" in original and b"PhoneMaker" not in stored
    assert b"appended" not in stored
    with PILImage.open(io.BytesIO(stored)) as photo:
        assert photo.format == image_format
        assert dict(photo.getexif()) == {}
        assert photo.size == (60, 80)  # the rotation is applied, not noted
    assert (image.width, image.height) == (60, 80)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 50, "Upload a valid image"),
        ("notes.png", b"just some text, not an image", "Upload a valid image"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "Not a supported image format",
        ),
        # A GIF header in front of PNG bytes: whichever check catches it, it is refused.
        ("polyglot.png", b"GIF89a/*" + real_png()[8:] + b"*/=alert(1)", ""),
        ("photo.exe", real_png(), "Not a supported image format"),
    ],
)
def test_malformed_or_disguised_images_get_a_message(editor_client, name, content, message):
    response = post_image(editor_client, name, content)
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert message in form_errors(response)
    assert not get_image_model().objects.exists()


def test_an_image_whose_content_is_another_format_is_refused(editor_client):
    gif = io.BytesIO()
    PILImage.new("RGB", (8, 8)).save(gif, format="GIF")
    response = post_image(editor_client, "picture.png", gif.getvalue())
    assert response.status_code == 200
    assert "does not match the file format" in form_errors(response)


def _office_file(member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "<xml/>")
    return buffer.getvalue()


def test_a_real_pdf_is_accepted(editor_client):
    response = post_document(editor_client, "guide.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n")
    assert response.status_code == 302
    assert get_document_model().objects.filter(title="Upload").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("guide.pdf", b"<html><script>alert(1)</script></html>"),
        ("report.docx", b"%PDF-1.7 not a word file"),
        ("report.docx", _office_file("xl/workbook.xml")),
        ("table.csv", b"MZ\x90\x00\x03\x00\x00\x00binary"),
        ("notes.txt", b"\xff\xfe\x00\x00 not utf-8 \xc3\x28"),
    ],
)
def test_documents_whose_content_contradicts_the_extension_are_refused(
    editor_client, name, content
):
    response = post_document(editor_client, name, content)
    assert response.status_code == 200
    assert "does not match its" in form_errors(response)
    assert not get_document_model().objects.exists()


def test_documents_with_a_forbidden_extension_are_refused_as_such(editor_client):
    response = post_document(editor_client, "tool.exe", b"MZ\x90\x00")
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert errors[0].startswith("This file type is not allowed. Upload one of: csv, docx")
    assert "does not match" not in form_errors(response)


@pytest.mark.parametrize(
    ("extension", "content", "expected"),
    [
        ("docx", _office_file("word/document.xml"), True),
        ("xlsx", _office_file("xl/workbook.xml"), True),
        ("zip", _office_file("anything.txt"), True),
        ("zip", b"PK\x03\x04 truncated", False),
        ("csv", "name;country\nÉire;IE\n".encode(), True),
        ("txt", "é".encode() * 4096 + b"\xc3", True),  # a character cut at the sample's end
        ("odt", _office_file("content.xml"), False),
    ],
)
def test_document_content_signatures(extension, content, expected):
    assert document_content_matches(io.BytesIO(content), extension) is expected


def test_documents_are_served_through_their_access_check_never_as_raw_media(
    client, editor_client, home
):
    private = Collection.get_first_root_node().add_child(name="Finance only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    upload = SimpleUploadedFile("budget.pdf", b"%PDF-1.7\n", content_type="application/pdf")
    response = editor_client.post(
        reverse("wagtaildocs:add"), {"title": "Budget", "file": upload, "collection": private.pk}
    )
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Budget")
    editor_client.logout()
    assert client.get("/media/" + document.file.name).status_code == 404
    served = client.get(document.url)
    assert served.status_code == 302
    assert served["Location"].startswith("/accounts/login/")
