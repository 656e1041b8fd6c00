"""Brand managers add assets in the admin: files are checked and SVGs neutralised there."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from brand.models import Asset
from tests.brand.test_files import HOSTILE_SVG
from tests.factories import TEST_TOTP_SECRET, UserFactory
from tests.factories.brand import make_brand_manager, make_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand_manager(home):
    make_library()
    manager = make_brand_manager()
    # The group the migration made, with every right a brand manager needs.
    assert manager.groups.get().permissions.filter(codename="delete_asset").exists()
    return manager


def _asset_form(upload, **overrides) -> dict:
    values = {
        "title": "Programme logo",
        "description": "",
        "kind": "logo",
        "language": "",
        "tags": "",
        "guidance": "",
        "version": "1.0",
        "published_at": "2026-11-01 10:00",
        "access_level": "public",
        "variants-TOTAL_FORMS": "1",
        "variants-INITIAL_FORMS": "0",
        "variants-MIN_NUM_FORMS": "1",
        "variants-MAX_NUM_FORMS": "1000",
        "variants-0-file": upload,
        "variants-0-colour_version": "full_colour",
        "variants-0-colour_space": "rgb",
        "variants-0-label": "",
        "variants-0-ORDER": "1",
        "variants-0-id": "",
        "variants-0-DELETE": "",
    }
    values.update(overrides)
    return values


def test_a_hostile_svg_is_stored_neutralised_with_a_preview(client, brand_manager):
    client.force_login(brand_manager)
    response = client.post(
        reverse("brand_assets:add"), _asset_form(SimpleUploadedFile("logo.svg", HOSTILE_SVG))
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    asset = Asset.objects.get()
    variant = asset.variants.get()
    stored = variant.file.open("rb").read().decode().lower()
    assert "<script" not in stored and "onload" not in stored and "evil.example" not in stored
    assert (variant.file_format, variant.width, variant.height) == ("svg", 10, 10)
    assert variant.preview and asset.cover == variant


def test_a_malformed_image_is_refused_next_to_the_field_and_the_rest_is_kept(client, brand_manager):
    client.force_login(brand_manager)
    broken = SimpleUploadedFile("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 30)
    response = client.post(reverse("brand_assets:add"), _asset_form(broken, title="Kept title"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "This image cannot be read" in page
    assert 'value="Kept title"' in page
    assert not Asset.objects.exists()


def test_other_editors_cannot_add_assets(client, home):
    editor = UserFactory(wagtail_admin=True, totp_secret=TEST_TOTP_SECRET)
    client.force_login(editor)
    assert client.get(reverse("brand_assets:add")).status_code in {302, 403}
    assert client.get(reverse("brand_assets:index")).status_code in {302, 403}
