"""A communicator finds, accepts the terms for and downloads brand files, then makes a logo."""

import io
import zipfile
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from PIL import Image

from brand.demo import seed_brand
from brand.models import Asset, AssetDownload, BrandLandingPage
from portal.accounts.models import ConsentRecord, Programme
from portal.core.access import AccessLevel
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import AffiliationFactory, totp_code
from tests.factories.brand import make_asset, make_brand_manager, make_library, make_terms

pytestmark = pytest.mark.e2e


def test_a_communicator_downloads_files_and_generates_a_logo(site, page, tmp_path):
    programme = Programme.objects.get(acronym="ALCOTRA")  # from the demo directory
    communicator = AffiliationFactory(programme=programme, function="communication_officer").user
    library = make_library()
    terms = make_terms(title="Interreg brand terms of use")
    logo_asset = make_asset(title="Interreg ALCOTRA logo", programme=programme, usage_terms=terms)
    make_asset(title="Icon: bridge", kind="icon")
    make_asset(
        title="Presentation template", kind="template", access_level=AccessLevel.PROGRAMME_STAFF
    )

    visit(page, f"{site.url}/brand/", screenshot="brand-landing")
    visit(page, f"{site.url}{library.url}", screenshot="brand-library-anonymous")
    assert page.get_by_role("link", name="Presentation template", exact=True).count() == 0
    page.get_by_role("link", name="Sign in").first.click()
    sign_in_from(page, communicator.email)

    # Filter the library to logos.
    page.get_by_label("Type").select_option("logo")
    page.get_by_role("button", name="Show assets").click()
    checked(page, screenshot="brand-library-filtered")
    assert "kind=logo" in page.url
    assert page.get_by_role("status").inner_text().startswith("1 asset")
    page.get_by_role("link", name="Interreg ALCOTRA logo").click()
    checked(page, screenshot="brand-asset")

    # The first download asks for the terms once, then the file arrives.
    page.get_by_role("link", name="Download Full colour · SVG").click()
    checked(page, screenshot="brand-terms")
    page.get_by_label("I have read these terms and accept them.").check()
    page.get_by_role("button", name="Accept and continue").click()
    checked(page)
    assert page.get_by_text("The terms are accepted.").is_visible()
    with page.expect_download() as first:
        page.get_by_role("link", name="Download the file").click()
    svg_path = tmp_path / "first.svg"
    first.value.save_as(svg_path)
    assert fromstring(svg_path.read_bytes()).tag.endswith("svg")
    assert (
        ConsentRecord.objects.filter(user=communicator, version=terms.consent_version).count() == 1
    )

    # Three files as one ZIP.
    visit(page, f"{site.url}/brand/assets/{logo_asset.pk}/")
    for checkbox in page.get_by_role("checkbox").all():
        checkbox.check()
    with page.expect_download() as bundle:
        page.get_by_role("button", name="Download the chosen files as ZIP").click()
    zip_path = tmp_path / "files.zip"
    bundle.value.save_as(zip_path)
    with zipfile.ZipFile(zip_path) as archive:
        assert len(archive.namelist()) == 3
    assert AssetDownload.objects.filter(user=communicator).count() == 4
    assert AssetDownload.objects.filter(user=communicator, in_zip=True).count() == 3

    # A programme logo in French, previewed live, as SVG and PNG.
    visit(page, f"{site.url}/brand/logo-generator/")
    page.get_by_label("Programme", exact=True).select_option(label=programme.name)
    page.get_by_role("button", name="Show the logo").click()
    page.wait_for_url("**/brand/logo-generator/?*")
    checked(page)
    # Each language is named in itself; the preview's text alternative is in the chosen one.
    page.get_by_label("Language of “Co-funded by the European Union”").select_option(
        label="français"
    )
    preview = page.locator("[data-logo-image]")
    page.wait_for_function(
        "() => document.querySelector('[data-logo-image]').src.includes('language=fr')"
    )
    assert "Cofinancé par" in preview.get_attribute("alt")
    assert preview.get_attribute("lang") == "fr"
    page.get_by_label("PNG width in pixels").fill("640")
    page.get_by_label("PNG width in pixels").blur()
    page.get_by_role("link", name="PNG, 640 pixels wide").wait_for()
    checked(page, screenshot="brand-logo-generator")
    with page.expect_download() as svg_download:
        page.get_by_role("link", name="SVG (vector, for screens and print)").click()
    logo_svg = Path(svg_download.value.path()).read_bytes()
    assert fromstring(logo_svg).get("role") == "img"
    assert "fr" in svg_download.value.suggested_filename
    with page.expect_download() as png_download:
        page.get_by_role("link", name="PNG, 640 pixels wide").click()
    with Image.open(io.BytesIO(Path(png_download.value.path()).read_bytes())) as image:
        assert image.width == 640
    # Logos are made, not downloaded from the library: the statistics stay as they were.
    assert AssetDownload.objects.filter(user=communicator).count() == 4


def test_the_brand_book_library_and_statistics_pass_the_accessibility_check(site, page):
    seed_brand(BrandLandingPage.objects.get())
    visit(page, f"{site.url}/brand/colours/", screenshot="brand-colours")
    assert page.get_by_text("0 / 51 / 153").is_visible()
    visit(page, f"{site.url}/brand/logo-rules/", screenshot="brand-logo-rules")
    visit(page, f"{site.url}/brand/visibility-rules/")
    visit(page, f"{site.url}/brand/assets/", screenshot="brand-library")
    expired = Asset.objects.exclude(expires_at=None).get()
    visit(page, f"{site.url}/brand/assets/{expired.pk}/", screenshot="brand-asset-expired")
    page.get_by_role("link", name=expired.superseded_by.title).click()
    checked(page)

    manager = make_brand_manager()
    page.goto(f"{site.url}/admin/brand/statistics/")
    sign_in_from(page, manager.email)
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url("**/admin/brand/statistics/")
    visit(page, f"{site.url}/admin/brand/statistics/", screenshot="brand-statistics")
    assert page.get_by_role("heading", name="Top assets").is_visible()
