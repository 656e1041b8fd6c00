"""The portal in the visitor's language: a visitor switches the Cooperation Day map from English
to Slovak and stays on the map; pages in five languages (a long one, a Greek-alphabet one,
Bulgarian, Maltese and Irish) pass axe and fit a phone; a French programme officer enrols and
gets the e-mail in French."""

import pytest
from django.utils import translation

from portal.accounts.models import Profile
from tests.e2e.conftest import checked, visit
from tests.e2e.test_cooperation_day_map_journey import _events_in_two_groups
from tests.factories import DEFAULT_PASSWORD, AffiliationFactory, UserFactory
from tests.factories.academy import make_course, make_lesson, make_module
from tests.factories.cooperation_day import make_edition

pytestmark = pytest.mark.e2e


def in_language(code: str, message: str) -> str:
    with translation.override(code):
        return translation.gettext(message)


def test_a_visitor_switches_the_map_to_slovak_and_stays_on_it(site, page):
    _events_in_two_groups(make_edition())
    visit(page, site.url + "/cooperation-day/?country=SK")
    page.wait_for_selector("#event-map[data-loaded]")
    assert page.locator("html").get_attribute("lang") == "en"

    # The switcher: a disclosure named by the current language, each language named in itself.
    switcher = page.locator("details.language-menu")
    switcher.locator("summary").click()
    slovak = page.get_by_role("link", name="slovenčina")
    assert slovak.get_attribute("lang") == "sk" and slovak.get_attribute("hreflang") == "sk"
    assert page.get_by_role("link", name="Malti").get_attribute("lang") == "mt"
    slovak.click()

    page.wait_for_selector("#event-map[data-loaded]")
    checked(page, screenshot="languages-map-slovak")
    assert page.url == site.url + "/sk/cooperation-day/?country=SK"
    assert page.locator("html").get_attribute("lang") == "sk"
    skip_link = in_language("sk", "Skip to main content")
    assert skip_link != "Skip to main content"
    assert page.locator(".skip-link").inner_text() == skip_link
    current = page.locator("details.language-menu summary span[lang]")
    assert current.inner_text() == "slovenčina" and current.get_attribute("lang") == "sk"

    # The choice is remembered: an address without prefix opens in Slovak.
    page.goto(site.url + "/academy/")
    assert page.url == site.url + "/sk/academy/"
    assert page.locator("html").get_attribute("lang") == "sk"


@pytest.mark.parametrize("code", ["de", "el", "bg", "mt", "ga"])
def test_pages_pass_axe_and_fit_a_phone_in_five_languages(site, page, phone_page, code):
    make_edition()
    for path in ("/", "/cooperation-day/", "/academy/"):
        visit(page, f"{site.url}/{code}{path}", screenshot=f"languages-{code}{path.strip('/')}")
        assert page.locator("html").get_attribute("lang") == code
        phone_page.goto(f"{site.url}/{code}{path}")
        overflow = phone_page.evaluate(
            "document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
        )
        assert overflow <= 0, f"{code}{path} scrolls sideways on a phone"


def test_a_french_programme_officer_enrols_and_gets_the_e_mail_in_french(site, browser, mailoutbox):
    course = make_course(title="Options de coûts simplifiés", audience_functions=[])
    make_lesson(make_module(course))
    officer = UserFactory(email="claire@example.org", first_name="Claire")
    Profile.objects.update_or_create(user=officer, defaults={"interface_language": "fr"})
    AffiliationFactory(user=officer, function="joint_secretariat")

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(site.url + course.url)  # an address without prefix, from a browser in French
    assert page.url == site.url + "/fr" + course.url
    assert page.locator("html").get_attribute("lang") == "fr"
    page.get_by_role("link", name=in_language("fr", "Sign in to enrol")).click()
    page.locator("input[name=login]").fill(officer.email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state("load")
    assert page.url == site.url + "/fr" + course.url
    checked(page)
    mailoutbox.clear()
    page.get_by_role("button", name=in_language("fr", "Enrol"), exact=True).click()
    checked(page, screenshot="languages-enrolled-in-french")
    context.close()

    [message] = mailoutbox
    with translation.override("fr"):
        expected = translation.gettext("You are enrolled: %(course)s") % {"course": course.title}
    assert message.subject == expected
    assert message.subject.startswith("Vous êtes inscrit\N{NO-BREAK SPACE}:")
    assert "/fr/" in message.body  # its links open the portal in French
