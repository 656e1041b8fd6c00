"""Builders for brand assets with real stored files."""

import io
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from brand import services
from brand.files import checked_upload
from brand.models import Asset, AssetLibraryPage, AssetVariant, BrandLandingPage, UsageTerms
from portal.core.pages import publish_child
from tests.factories.users import TEST_TOTP_SECRET, UserFactory

SVG_LOGO = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200" width="300" height="200">'
    b'<rect width="300" height="200" fill="#003399"/></svg>'
)


def png_bytes(size=(120, 80), colour="#003399") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def make_library() -> AssetLibraryPage:
    landing = BrandLandingPage.objects.get()
    existing = AssetLibraryPage.objects.first()
    return existing or publish_child(
        landing, AssetLibraryPage(title="Asset library", slug="assets", intro="All files.")
    )


def make_terms(**fields) -> UsageTerms:
    values = {"title": "Brand terms", "version": "1", "body": "<p>Use it well.</p>"}
    values.update(fields)
    return UsageTerms.objects.create(**values)


def make_asset(*, files=None, tags=(), **fields) -> Asset:
    """An asset with files [(name, bytes, colour version)], by default an SVG and a PNG."""
    values = {
        "title": "Interreg logo",
        "kind": Asset.Kind.LOGO,
        "published_at": timezone.now() - timedelta(days=1),
    }
    values.update(fields)
    asset = Asset.objects.create(**values)
    if tags:
        asset.tags.add(*tags)
        asset.save()  # a cluster's tags are written when the asset is saved
    files = (
        files
        if files is not None
        else [
            ("logo.svg", SVG_LOGO, AssetVariant.ColourVersion.FULL_COLOUR),
            ("logo.png", png_bytes(), AssetVariant.ColourVersion.FULL_COLOUR),
            ("logo-negative.png", png_bytes(colour="#ffffff"), AssetVariant.ColourVersion.NEGATIVE),
        ]
    )
    for order, (name, content, colour) in enumerate(files):
        AssetVariant.objects.create(
            asset=asset,
            file=checked_upload(SimpleUploadedFile(name, content)),
            colour_version=colour,
            sort_order=order,
        )
    services.asset_files_describe(asset=asset)
    return asset


def make_brand_manager(email="brand@example.org"):
    """A member of the Brand managers group (made by a migration; transactional tests that empty
    the database make it again), with the second factor the admin asks for."""

    managers, _created = Group.objects.get_or_create(name="Brand managers")
    managers.permissions.add(
        *Permission.objects.filter(
            codename__in=[
                "access_admin",
                "view_asset",
                "add_asset",
                "change_asset",
                "delete_asset",
                "view_assetdownload",
                "view_usageterms",
            ]
        )
    )
    user = UserFactory(email=email, totp_secret=TEST_TOTP_SECRET)
    user.groups.add(managers)
    return user
