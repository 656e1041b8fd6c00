"""The backup-restore drill: a site with a certificate, a staff-only brand file and Slam votes
is backed up with `backup_portal`, restored with `restore_portal` onto a database and storage
directories that have never held anything, and the restored copy is then used as a visitor
would: the home page serves, the certificate verifies, the file downloads for staff only, and
the votes are all there.

The files live in temporary directories for the whole test (the default storage follows
MEDIA_ROOT; each private storage is replaced by one of its own class in another directory), so
nothing here depends on what other tests left in var/. A variant keeps the files in buckets of
the test S3 server, as MEDIA_STORAGE=s3 does, and restores them into two empty buckets."""

import io
from contextlib import contextmanager
from datetime import date
from io import StringIO

import pytest
import requests
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images.models import Image

from academy import services as academy_services
from academy.models import Certificate
from brand.models import AssetVariant
from campaigns.slam import services as slam_services
from campaigns.slam.models import SlamVote
from portal.core.access import AccessLevel
from portal.core.backup import MANIFEST, manifest_read
from tests.factories import AffiliationFactory, ProgrammeFactory, UserFactory
from tests.factories.brand import make_asset, make_library, png_bytes
from tests.factories.slam import make_applicant, make_application, make_slam_edition

pytestmark = pytest.mark.django_db(transaction=True)


def _keep_files_under(root, settings) -> dict:
    """Point every storage at a directory under `root`; returns them by name."""
    places = {"media": root / "media", "private": root / "private"}
    settings.MEDIA_ROOT = str(places["media"])
    settings.PRIVATE_MEDIA_ROOT = str(places["private"])
    # A new STORAGES drops the storages built so far: the private one is made anew there.
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "portal.core.private_files.PrivateDiskStorage"},
    }
    return places


def _build_site() -> dict:
    holder = UserFactory(first_name="Ana", last_name="Novak")
    certificate = academy_services.certificate_issue(
        kind=Certificate.Kind.COURSE,
        source_key=f"course:drill:user:{holder.pk}",
        holder=holder,
        title="Jems for beginners",
        completed_on=date(2026, 11, 20),
    )
    make_library()
    asset = make_asset(title="Staff template", access_level=AccessLevel.PROGRAMME_STAFF)
    variant = asset.variants.get(file_format="png", colour_version="full_colour")
    poster = Image.objects.create(
        title="Poster", file=ImageFile(io.BytesIO(png_bytes()), name="poster.png")
    )

    edition = make_slam_edition(phase="voting")
    programme = ProgrammeFactory(countries=["AT", "SK"])
    applicant = make_applicant(programme)
    first, second = (
        make_application(edition, programme, applicant, status="shortlisted") for _ in range(2)
    )
    for application in (first, first, second):
        slam_services.vote_cast(edition=edition, user=UserFactory(), application=application)
    with variant.file.open("rb") as stored:
        brand_bytes = stored.read()
    return {
        "certificate": certificate,
        "variant": variant,
        "brand_bytes": brand_bytes,
        "poster": poster,
        "staff": AffiliationFactory(function="communication_officer").user,
        "outsider": UserFactory(),
        "votes": {first.pk: 2, second.pk: 1},
    }


@contextmanager
def _postgresql_database(name):
    """A new, empty PostgreSQL database `name` that the default connection uses inside the
    block; dropped afterwards."""
    original = connection.settings_dict["NAME"]
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _sqlite_database(path):
    """A new SQLite database file at `path` that the default connection uses inside the block.
    The test database lives in memory for as long as its connection is open, so that connection
    is set aside rather than closed."""
    original = connection.settings_dict["NAME"]
    in_memory = connection.connection
    connection.connection = None
    connection.settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        connection.connection = in_memory


def _drill(client, settings, monkeypatch, tmp_path, fresh_database):
    site_files = _keep_files_under(tmp_path / "site", settings)
    site = _build_site()
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=StringIO())

    manifest = manifest_read(backup)
    assert manifest["missing"] == []
    assert manifest["database"]["rows"]["slam_slamvote"] == 3
    assert manifest["database"]["rows"]["academy_certificate"] == 1
    backed_up = {(entry["storage"], entry["name"]) for entry in manifest["files"]}
    assert ("brand.AssetVariant.file", site["variant"].file.name) in backed_up
    assert ("default", site["poster"].file.name) in backed_up
    assert len(backed_up) == sum(storage["files"] for storage in manifest["storages"])

    restored_files = _keep_files_under(tmp_path / "restored", settings)
    with fresh_database():
        # Storage that already holds a file is refused, and nothing is written anywhere.
        stray = restored_files["media"] / "stray.txt"
        stray.parent.mkdir(parents=True)
        stray.write_text("left over")
        with pytest.raises(CommandError, match="already holds files"):
            call_command("restore_portal", str(backup), stdout=StringIO())
        assert connection.introspection.table_names() == []
        stray.unlink()

        out = StringIO()
        call_command("restore_portal", str(backup), stdout=out)
        assert f"{len(backed_up)} files" in out.getvalue()

        _assert_site_serves_and_certificate_verifies(client, site["certificate"])

        # The staff-only brand file downloads for staff, byte for byte, and no one else.
        download = reverse("brand:download", args=[site["variant"].pk])
        client.force_login(site["outsider"])
        assert client.get(download).status_code == 403
        client.force_login(site["staff"])
        response = client.get(download)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == site["brand_bytes"]
        stored_name = AssetVariant.objects.get(pk=site["variant"].pk).file.name
        assert (restored_files["private"] / stored_name).read_bytes() == site["brand_bytes"]

        # The image in the default storage is back under the new MEDIA_ROOT.
        poster = Image.objects.get(pk=site["poster"].pk)
        assert (restored_files["media"] / poster.file.name).read_bytes() == png_bytes()

        # Every vote is counted as before.
        counted = {
            application: SlamVote.objects.filter(application_id=application).count()
            for application in site["votes"]
        }
        assert counted == site["votes"]

        # A second restore is refused: the database is no longer empty.
        with pytest.raises(CommandError, match="not empty"):
            call_command("restore_portal", str(backup), stdout=StringIO())

    # The original files are untouched and the restored storages hold the same names.
    for place in ("media", "private"):
        assert sorted(p.name for p in site_files[place].rglob("*") if p.is_file()) == sorted(
            p.name for p in restored_files[place].rglob("*") if p.is_file()
        )


def _assert_site_serves_and_certificate_verifies(client, certificate):
    assert client.get("/").status_code == 200
    page = client.get(reverse("academy:certificate_verify", args=[certificate.code]))
    assert page.status_code == 200
    assert "Valid" in page.content.decode() and "Ana Novak" in page.content.decode()


@pytest.mark.postgres
def test_a_postgresql_backup_restores_onto_an_empty_database(
    client, home, settings, monkeypatch, tmp_path
):
    restored = f"{connection.settings_dict['NAME']}_restored"
    _drill(client, settings, monkeypatch, tmp_path, lambda: _postgresql_database(restored))


def test_a_sqlite_backup_restores_onto_an_empty_database(
    client, home, settings, monkeypatch, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite drill runs when the tests run on SQLite")
    restored = tmp_path / "restored.sqlite3"
    _drill(client, settings, monkeypatch, tmp_path, lambda: _sqlite_database(restored))


def test_a_damaged_backup_is_refused_before_anything_is_written(
    home, settings, monkeypatch, tmp_path
):
    _keep_files_under(tmp_path / "site", settings)
    make_library()
    make_asset(title="Staff template", access_level=AccessLevel.PROGRAMME_STAFF)
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=StringIO())
    entry = next(e for e in manifest_read(backup)["files"] if e["storage"] != "default")
    damaged = backup / "files" / entry["storage"] / entry["name"]
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"!")

    restored = _keep_files_under(tmp_path / "restored", settings)
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore_portal", str(backup), stdout=StringIO())
    assert not restored["private"].exists() and not restored["media"].exists()


def test_a_backup_goes_into_a_new_directory_only(home, tmp_path):
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / MANIFEST).write_text("{}")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup_portal", str(tmp_path / "old"), stdout=StringIO())


def _bucket_names(server, bucket: str) -> list[str]:
    listing = server.client().list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.mark.postgres
@pytest.mark.s3
def test_a_backup_of_bucket_storage_restores_onto_an_empty_database_and_empty_buckets(
    client, home, settings, tmp_path, s3_buckets
):
    """The drill with media and private files in buckets, as MEDIA_STORAGE=s3 keeps them,
    restored into two other buckets that have never held anything."""
    settings.STORAGES = {**settings.STORAGES, **s3_buckets.storages()}
    site = _build_site()
    before = site["poster"].get_rendition("width-40")
    backup = tmp_path / "backup"
    call_command("backup_portal", str(backup), stdout=StringIO())

    manifest = manifest_read(backup)
    assert manifest["missing"] == []
    backed_up = {(entry["storage"], entry["name"]) for entry in manifest["files"]}
    assert ("brand.AssetVariant.file", site["variant"].file.name) in backed_up
    assert {("default", site["poster"].file.name), ("default", before.file.name)} <= backed_up
    originals = {
        bucket: _bucket_names(s3_buckets, bucket)
        for bucket in (s3_buckets.media_bucket, s3_buckets.private_bucket)
    }

    settings.STORAGES = {**settings.STORAGES, **s3_buckets.restore_storages()}
    restored_media, restored_private = (
        s3_buckets.restore_media_bucket,
        s3_buckets.restore_private_bucket,
    )
    with _postgresql_database(f"{connection.settings_dict['NAME']}_restored"):
        # A bucket that already holds an object is refused, and nothing is written anywhere.
        stray = {"Bucket": restored_private, "Key": "stray.txt"}
        s3_buckets.client().put_object(**stray, Body=b"left over")
        with pytest.raises(CommandError, match="already holds files"):
            call_command("restore_portal", str(backup), stdout=StringIO())
        assert connection.introspection.table_names() == []
        assert _bucket_names(s3_buckets, restored_media) == []
        s3_buckets.client().delete_object(**stray)

        out = StringIO()
        call_command("restore_portal", str(backup), stdout=out)
        assert f"{len(backed_up)} files" in out.getvalue()
        # The restored buckets hold what the original ones did, under the same names.
        assert _bucket_names(s3_buckets, restored_media) == originals[s3_buckets.media_bucket]
        assert _bucket_names(s3_buckets, restored_private) == originals[s3_buckets.private_bucket]

        _assert_site_serves_and_certificate_verifies(client, site["certificate"])

        # The staff-only brand file: a visitor and an outsider are refused; staff get an
        # address signed for the restored private bucket, which gives the same bytes.
        download = reverse("brand:download", args=[site["variant"].pk])
        anonymous = client.get(download)
        assert anonymous.status_code == 302 and restored_private not in anonymous["Location"]
        client.force_login(site["outsider"])
        assert client.get(download).status_code == 403
        client.force_login(site["staff"])
        response = client.get(download)
        assert response.status_code == 302
        signed = response["Location"]
        assert signed.startswith(f"{s3_buckets.endpoint_url}/{restored_private}/")
        fetched = requests.get(signed, timeout=10)
        assert fetched.status_code == 200 and fetched.content == site["brand_bytes"]
        unsigned = requests.get(signed.split("?")[0], timeout=10)
        assert unsigned.status_code == 403

        # Image renditions: the one made before the backup is served from the restored bucket,
        # and a new one is made from the restored original.
        poster = Image.objects.get(pk=site["poster"].pk)
        kept = poster.get_rendition("width-40")
        assert kept.file.name == before.file.name
        assert kept.url.startswith(f"{s3_buckets.endpoint_url}/{restored_media}/")
        served = requests.get(kept.url, timeout=10)
        assert served.headers["Content-Type"] == "image/png"
        assert served.content[:8] == b"\x89PNG\r\n\x1a\n"
        made = poster.get_rendition("fill-20x20")
        assert made.file.name in _bucket_names(s3_buckets, restored_media)
        with PILImage.open(io.BytesIO(requests.get(made.url, timeout=10).content)) as rendered:
            assert rendered.size == (20, 20)

        # Every vote is counted as before.
        counted = {
            application: SlamVote.objects.filter(application_id=application).count()
            for application in site["votes"]
        }
        assert counted == site["votes"]

    # The original buckets are untouched.
    for bucket, names in originals.items():
        assert _bucket_names(s3_buckets, bucket) == names
