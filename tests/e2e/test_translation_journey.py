"""An editor translates a page into German with the translation workflow: submits it for
translation, translates a segment, publishes; the German page is served at /de/… in German.
A page not yet translated is shown in English under /fr/ with a notice in French."""

import pytest
from wagtail.models import Locale

from portal.core.page_languages import ensure_locales
from portal.home.models import StandardPage
from tests.e2e.conftest import checked, visit
from tests.factories import DEFAULT_PASSWORD, UserFactory, totp_code

pytestmark = pytest.mark.e2e


def test_an_editor_translates_a_page_into_german(site, page, browser):
    ensure_locales()
    editor = UserFactory(email="translator@example.org", is_staff=True, is_superuser=True)
    about = StandardPage.objects.get(slug="about")

    visit(page, site.url + "/fr/about/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("main").get_attribute("lang") == "en"
    notice = page.locator(".message[lang='fr']")
    assert "français" in notice.inner_text() and "English" in notice.inner_text()

    page.goto(site.url + "/admin/")
    page.get_by_label("Email").fill(editor.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.get_by_label("Code").fill(totp_code())
    page.get_by_role("button", name="Sign In", exact=True).click()
    page.wait_for_url("**/admin/")

    # "Translate this page", into German.
    page.goto(f"{site.url}/admin/localize/submit/page/{about.pk}/")
    page.get_by_label("German", exact=True).check()
    page.get_by_role("button", name="Submit").click()
    page.wait_for_url("**/admin/pages/**/edit/")

    # The title's segment, translated and saved.
    page.get_by_role("button", name="Translate", exact=True).first.click()
    page.locator("textarea").first.fill("Über das Portal")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Über das Portal").first.wait_for()
    page.get_by_role("button", name="Publish in German").click()
    page.wait_for_load_state("load")

    german = about.get_translation(Locale.objects.get(language_code="de"))
    german.refresh_from_db()
    assert german.live and german.title == "Über das Portal"

    visit(page, site.url + "/de/about/")
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.get_by_role("heading", name="Über das Portal").is_visible()
    assert page.locator("main").get_attribute("lang") is None
    checked(page)
