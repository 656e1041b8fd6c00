"""A visitor without an account downloads a public brand file after accepting its terms, sees
the lock on a file for programme staff, learns why the logo generator needs an account, and
browses the community's open spaces without reading any of them."""

import pytest

from brand.models import AnonymousTermsAcceptance, AssetDownload
from community.models import Space
from portal.core.access import AccessLevel
from tests.e2e.conftest import checked, visit
from tests.factories import UserFactory
from tests.factories.brand import make_asset, make_library, make_terms
from tests.factories.community import make_member, make_space, make_thread

pytestmark = pytest.mark.e2e

PHONE = {"width": 375, "height": 800}


def _on_a_phone(page, screenshot: str) -> None:
    desktop = page.viewport_size
    page.set_viewport_size(PHONE)
    checked(page, screenshot=screenshot)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(desktop)


def test_a_visitor_downloads_a_public_file_after_accepting_its_terms(site, page, tmp_path):
    library = make_library()
    terms = make_terms(title="Interreg brand terms of use")
    make_asset(title="Interreg logo", usage_terms=terms)
    make_asset(
        title="Presentation template", kind="template", access_level=AccessLevel.PROGRAMME_STAFF
    )

    visit(page, f"{site.url}{library.url}", screenshot="visitor-library-locked")
    locked = page.locator("article", has_text="Presentation template")
    assert locked.get_by_text("For programme staff").is_visible()
    assert locked.get_by_role("link", name="Sign in to download it").is_visible()
    assert page.get_by_role("link", name="Presentation template", exact=True).count() == 0
    _on_a_phone(page, "visitor-library-locked-phone")

    page.get_by_role("link", name="Interreg logo").click()
    checked(page)
    assert page.get_by_text("Each download asks you to accept").is_visible()
    page.get_by_role("link", name="Download Full colour · SVG").click()
    checked(page, screenshot="visitor-terms")
    _on_a_phone(page, "visitor-terms-phone")
    # Without the box ticked, the reason appears next to it.
    page.get_by_role("button", name="Accept and continue").click()
    checked(page)
    assert (
        page.locator("#id_accept_error")
        .get_by_text("Tick the box to accept the terms before downloading.")
        .is_visible()
    )
    page.get_by_label("I have read these terms and accept them.").check()
    page.get_by_role("button", name="Accept and continue").click()
    checked(page, screenshot="visitor-terms-accepted")
    assert page.get_by_text("The terms are accepted.").is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file").click()
    saved = tmp_path / "logo.svg"
    download.value.save_as(saved)
    assert b"<svg" in saved.read_bytes()
    acceptance = AnonymousTermsAcceptance.objects.get()
    assert acceptance.download == AssetDownload.objects.get()
    assert acceptance.download.user is None

    # The generator says why it needs an account before offering to sign in.
    visit(page, f"{site.url}/brand/logo-generator/", screenshot="visitor-logo-generator")
    assert page.get_by_role("heading", name="Why you need to sign in").is_visible()
    assert page.get_by_role("link", name="Sign in to make a logo").is_visible()
    _on_a_phone(page, "visitor-logo-generator-phone")


def test_a_visitor_browses_the_open_spaces_of_the_community(site, page):
    corner = make_space(name="Communication corner", description="Campaign ideas and materials.")
    make_space(name="Harmonised tools", description="For HIT users.", kind=Space.Kind.ON_REQUEST)
    make_space(name="Audit authorities", kind=Space.Kind.CLOSED)
    author = make_member(corner, UserFactory(first_name="Ana", last_name="Reis"))
    make_thread(corner, author, title="Posters for Cooperation Day")

    visit(page, f"{site.url}/community/", screenshot="visitor-community")
    assert page.get_by_role("heading", name="Communication corner").is_visible()
    assert page.get_by_role("heading", name="Harmonised tools").is_visible()
    assert page.get_by_text("1 member").first.is_visible()
    assert page.get_by_text("Audit authorities").count() == 0
    assert page.get_by_text("Posters for Cooperation Day").count() == 0
    _on_a_phone(page, "visitor-community-phone")
    page.get_by_role("link", name="Sign in to join").click()
    page.wait_for_url("**/accounts/login/?next=/community/")
