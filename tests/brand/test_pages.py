"""The brand book's pages and the landing page render what editors wrote."""

import pytest
from django.utils import timezone

from brand.demo import seed_brand
from brand.models import Asset, AssetDownload, BrandLandingPage
from portal.home.demo import seed_programmes
from tests.factories.brand import make_asset, make_library

pytestmark = pytest.mark.django_db


@pytest.fixture
def brand(db):
    """The demo's brand book and asset library, whose logos are those of demo programmes."""
    seed_programmes()
    landing = BrandLandingPage.objects.get()
    seed_brand(landing)
    return landing


def test_the_landing_page_leads_to_chapters_library_and_generator(client, brand):
    page = client.get(brand.url).content.decode()
    for text in (
        "Logo rules",
        "Colours",
        "Typography",
        "Templates",
        "Visibility rules for projects",
        "Asset library",
        "Logo generator",
    ):
        assert text in page, text


def test_the_colour_chapter_shows_every_value_with_a_copy_button(client, brand):
    page = client.get("/brand/colours/").content.decode()
    assert "#003399" in page and "0 / 51 / 153" in page and "100 / 80 / 0 / 0" in page
    assert "Pantone Reflex Blue" in page
    assert page.count('data-copy="#003399"') == 1
    assert 'fill="#003399"' in page  # the swatch, drawn without inline style (CSP)


def test_the_logo_rules_show_do_and_dont_examples(client, brand):
    page = client.get("/brand/logo-rules/").content.decode()
    assert page.count('do-dont__example--do"') == 2
    assert page.count('do-dont__example--dont"') == 3


def test_the_demo_has_every_type_public_and_restricted_assets(brand):
    assets = Asset.objects.all()
    assert assets.count() >= 30
    assert set(assets.values_list("kind", flat=True)) == set(Asset.Kind.values)
    assert {"public", "programme_staff", "group", "registered"} <= set(
        assets.values_list("access_level", flat=True)
    )
    assert assets.filter(expires_at__lt=timezone.now(), superseded_by__isnull=False).exists()
    assert AssetDownload.objects.count() > 300
    assert seed_brand(brand) == 0  # idempotent


def test_text_entered_in_the_admin_is_escaped(client, home):
    make_library()
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    asset = make_asset(title=payload, description=payload, guidance=payload, tags=[payload[:50]])
    for url in ("/brand/assets/", f"/brand/assets/{asset.pk}/", "/brand/assets/?q=script"):
        page = client.get(url).content.decode()
        assert "<script>alert" not in page and "<img src=x" not in page, url
        assert "&lt;script&gt;" in page, url
