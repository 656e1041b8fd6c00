"""Media and private files in S3-compatible buckets (MEDIA_STORAGE=s3), against the real
SeaweedFS server of tests/support/s3.py: uploads, renditions, checked downloads through signed
addresses the server refuses expired or altered, deletion and streamed ZIPs."""

import io
import time
import zipfile
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
import requests
from botocore.exceptions import ClientError
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from brand.models import AssetDownload
from portal.core.access import PROGRAMME_STAFF_ONLY, AccessLevel
from portal.core.private_files import PrivateDiskStorage
from portal.settings.base import media_origin, s3_storages
from tests.factories import AffiliationFactory, UserFactory
from tests.factories.brand import make_asset, make_library, png_bytes

PUBLIC_PREFIXES = ("original_images/", "images/")


def fetch(url: str) -> requests.Response:
    """What a browser gets at `url`: no keys, no cookies."""
    return requests.get(url, timeout=10)


def object_exists(server, bucket: str, key: str) -> bool:
    try:
        server.client().head_object(Bucket=bucket, Key=key)
    except ClientError as error:
        if error.response["Error"]["Code"] in {"404", "NoSuchKey", "NotFound"}:
            return False
        raise
    return True


def stored_png(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, "#ffcc00").save(buffer, format="PNG")
    return buffer.getvalue()


def with_query(url: str, **changes) -> str:
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


# Settings -------------------------------------------------------------------------------


def test_with_nothing_set_files_stay_on_local_disk():
    assert isinstance(storages["default"], FileSystemStorage)
    assert isinstance(storages["private"], PrivateDiskStorage)


def test_a_public_media_address_names_its_origin_for_the_content_security_policy():
    on_endpoint = s3_storages(
        media_bucket="m",
        private_bucket="p",
        access_key="k",
        secret_key="s",
        endpoint_url="https://objects.example.org:9000",
    )
    assert media_origin(on_endpoint) == "https://objects.example.org:9000"
    behind_cdn = s3_storages(
        media_bucket="m",
        private_bucket="p",
        access_key="k",
        secret_key="s",
        media_url="https://media.example.org/portal/",
    )
    assert behind_cdn["default"]["OPTIONS"]["custom_domain"] == "media.example.org/portal"
    assert media_origin(behind_cdn) == "https://media.example.org"
    assert behind_cdn["private"]["OPTIONS"]["default_acl"] == "private"
    assert behind_cdn["private"]["OPTIONS"]["querystring_expire"] == 60
    assert "custom_domain" not in behind_cdn["private"]["OPTIONS"]


# Public media ---------------------------------------------------------------------------


@pytest.mark.s3
@pytest.mark.django_db
def test_an_uploaded_image_and_its_rendition_are_served_from_the_media_bucket(
    object_storage, client, superuser
):
    client.force_login(superuser)
    upload = SimpleUploadedFile("poster.png", stored_png(), content_type="image/png")
    response = client.post(reverse("wagtailimages:add"), {"title": "Poster", "file": upload})
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Poster")
    assert image.file.name.startswith("original_images/")
    assert object_exists(object_storage, object_storage.media_bucket, image.file.name)
    assert (image.width, image.height) == (64, 48)

    rendition = image.get_rendition("fill-32x24")
    assert rendition.file.name.startswith("images/")
    assert rendition.url.startswith(f"{object_storage.endpoint_url}/{object_storage.media_bucket}/")
    served = fetch(rendition.url)
    assert served.status_code == 200
    with PILImage.open(io.BytesIO(served.content)) as rendered:
        assert rendered.size == (32, 24)
    assert fetch(image.file.url).content == stored_png()
    # Made once: asked again, the rendition comes from the database, not from a new file.
    assert image.get_rendition("fill-32x24").file.name == rendition.file.name


@pytest.mark.s3
@pytest.mark.django_db
def test_deleting_an_image_removes_its_objects(object_storage, django_capture_on_commit_callbacks):
    buffer = io.BytesIO(stored_png())
    image = get_image_model().objects.create(
        title="Short-lived", file=SimpleUploadedFile("short.png", buffer.getvalue())
    )
    rendition = image.get_rendition("max-20x20")
    keys = [image.file.name, rendition.file.name]
    assert all(object_exists(object_storage, object_storage.media_bucket, key) for key in keys)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert not any(object_exists(object_storage, object_storage.media_bucket, key) for key in keys)


@pytest.mark.s3
@pytest.mark.django_db
def test_a_document_stays_behind_the_document_view(object_storage, client, superuser):
    document = get_document_model().objects.create(
        title="Guide", file=SimpleUploadedFile("guide.txt", b"Programme guide, version 3")
    )
    assert document.file.name.startswith("documents/")
    assert object_exists(object_storage, object_storage.media_bucket, document.file.name)
    # The bucket gives it to no one without the portal's keys...
    assert fetch(default_storage.url(document.file.name)).status_code == 403
    # ...and the portal's document view streams it.
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Programme guide, version 3"


# Private files --------------------------------------------------------------------------


@pytest.fixture
def staff_asset(object_storage, home):
    make_library()
    return make_asset(
        title="Staff template",
        access_level=AccessLevel.PROGRAMME_STAFF,
        files=[("template.png", png_bytes(), "full_colour")],
    )


@pytest.fixture
def programme_staff(db):
    return AffiliationFactory(function="communication_officer").user


@pytest.mark.s3
@pytest.mark.django_db
def test_a_private_brand_file_reaches_the_right_person_through_a_signed_address(
    staff_asset, object_storage, client, programme_staff
):
    variant = staff_asset.variants.get()
    key = variant.file.name
    assert object_exists(object_storage, object_storage.private_bucket, key)
    assert not object_exists(object_storage, object_storage.media_bucket, key)
    # Without the portal's keys, the bucket refuses the object, however it is asked for.
    assert (
        fetch(f"{object_storage.endpoint_url}/{object_storage.private_bucket}/{key}").status_code
        == 403
    )
    # The storage's own address for the file leads to the checked view.
    assert variant.file.url == reverse("brand:stored_file", kwargs={"name": key})

    client.force_login(programme_staff)
    response = client.get(reverse("brand:download", args=[variant.pk]))
    assert response.status_code == 302
    signed = response["Location"]
    assert signed.startswith(f"{object_storage.endpoint_url}/{object_storage.private_bucket}/")
    assert response["Cache-Control"] == "private, no-store"
    served = fetch(signed)
    assert served.status_code == 200
    assert served.content == png_bytes()
    assert served.headers["Content-Type"] == "image/png"
    assert served.headers["Content-Disposition"].startswith("attachment;")
    assert AssetDownload.objects.filter(user=programme_staff, variant=variant).count() == 1


@pytest.mark.s3
@pytest.mark.django_db
def test_the_portal_refuses_a_private_file_to_anonymous_and_wrong_people(staff_asset, client):
    variant = staff_asset.variants.get()
    download = reverse("brand:download", args=[variant.pk])
    response = client.get(download)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(UserFactory())
    response = client.get(download)
    assert response.status_code == 403
    assert str(PROGRAMME_STAFF_ONLY) in response.content.decode()
    assert not AssetDownload.objects.exists()


@pytest.mark.s3
@pytest.mark.django_db
def test_the_bucket_refuses_an_altered_signed_address(staff_asset, client, programme_staff):
    other = make_asset(title="Other", access_level=AccessLevel.PROGRAMME_STAFF)
    other_key = other.variants.first().file.name
    client.force_login(programme_staff)
    signed = client.get(reverse("brand:download", args=[staff_asset.variants.get().pk]))["Location"]
    assert fetch(signed).status_code == 200
    parts = urlsplit(signed)
    signature = dict(parse_qsl(parts.query))["X-Amz-Signature"]
    altered = {
        "another object": urlunsplit(
            parts._replace(path=parts.path.rsplit("/", 2)[0] + "/" + other_key)
        ),
        "a changed signature": with_query(
            signed, **{"X-Amz-Signature": signature[:-1] + ("0" if signature[-1] != "0" else "1")}
        ),
        "a longer life": with_query(signed, **{"X-Amz-Expires": "604800"}),
        "another download name": with_query(
            signed, **{"response-content-disposition": 'inline; filename="x.html"'}
        ),
        "no signature": with_query(signed, **{"X-Amz-Signature": ""}),
    }
    for what, address in altered.items():
        assert fetch(address).status_code in {400, 403}, what


@pytest.mark.s3
@pytest.mark.django_db
def test_the_bucket_refuses_an_expired_signed_address(
    staff_asset, object_storage, settings, client, programme_staff
):
    settings.STORAGES = {**settings.STORAGES, **object_storage.storages(signed_url_seconds=1)}
    client.force_login(programme_staff)
    signed = client.get(reverse("brand:download", args=[staff_asset.variants.get().pk]))["Location"]
    assert "X-Amz-Expires=1" in signed
    time.sleep(2.5)
    refused = fetch(signed)
    assert refused.status_code == 403
    assert "expired" in refused.text


@pytest.mark.s3
@pytest.mark.django_db
def test_deleting_a_private_file_removes_its_object(staff_asset, object_storage):
    variant = staff_asset.variants.get()
    key = variant.file.name
    variant.file.delete(save=True)
    assert not object_exists(object_storage, object_storage.private_bucket, key)


@pytest.mark.s3
@pytest.mark.django_db
def test_a_zip_of_private_files_streams_from_the_bucket(object_storage, home, client):
    make_library()
    asset = make_asset(title="Logo set", access_level=AccessLevel.PROGRAMME_STAFF)
    variants = list(asset.variants.order_by("sort_order"))
    client.force_login(AffiliationFactory(function="communication_officer").user)
    response = client.post(
        reverse("brand:zip"),
        {"variants": [variant.pk for variant in variants], "asset_page": "/brand/"},
    )
    assert response.status_code == 200 and response.streaming
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    stored = {
        object_storage.client()
        .get_object(Bucket=object_storage.private_bucket, Key=variant.file.name)["Body"]
        .read()
        for variant in variants
    }
    assert {archive.read(name) for name in archive.namelist()} == stored
    assert len(archive.namelist()) == 3
