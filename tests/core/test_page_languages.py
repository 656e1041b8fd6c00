"""Pages in several languages: a translation is served under its language's prefix; a page not
yet translated is shown in its original language there, with a notice, never a 404; links,
the switcher's addresses, the `hreflang` alternates and the sitemap follow the translations;
translators exchange PO files; editors read the admin in their own language."""

import re

import polib
import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from academy.models import AcademyLandingPage
from portal.accounts.services import profile_language_save
from portal.core import page_languages
from portal.core.demo_translations import translate_page
from portal.core.languages import language_codes
from portal.core.navigation import main_sections
from portal.home.models import HomePage
from tests.factories import TEST_TOTP_SECRET, UserFactory
from tests.factories.academy import make_course
from tests.factories.pages import StandardPageFactory, make_footer_links

pytestmark = pytest.mark.django_db


@pytest.fixture
def academy(home):
    return AcademyLandingPage.objects.get()


@pytest.fixture
def french_academy(home, academy):
    translate_page(home, "fr", {home.title: "Accueil"})
    return translate_page(academy, "fr", {"Academy": "Académie"})


def test_every_official_language_has_a_locale(db):
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert set(language_codes()) <= codes


def test_an_untranslated_page_is_shown_in_english_under_the_language_prefix(client, academy):
    course = make_course(title="Simplified cost options", slug="sco")
    response = client.get("/fr/academy/sco/")
    assert response.status_code == 200
    text = response.text
    assert '<html lang="fr">' in text
    assert 'lang="en"' in text.split('<main id="main"')[1].split(">")[0]
    with translation.override("fr"):
        notice = page_languages.untranslated_notice("en")
    assert "français" in notice and "English" in notice
    assert notice in text
    assert response.context["page"].pk == course.pk


def test_a_page_missing_below_a_translation_is_found_in_the_original_tree(
    client, academy, french_academy
):
    course = make_course(title="Audits in practice", slug="audits", parent=academy)
    response = client.get("/fr/academy/audits/")
    assert response.status_code == 200
    assert response.context["page"].pk == course.pk
    assert response.context["content_language"] == "en"


def test_a_translated_page_is_served_in_its_language_without_notice(client, french_academy):
    response = client.get("/fr/academy/")
    assert response.status_code == 200
    assert response.context["page"].pk == french_academy.pk
    assert "Académie" in response.text
    assert response.context["content_language"] == ""
    assert response.context["untranslated_notice"] == ""


def test_a_translation_with_its_own_slug_is_served_at_the_originals_address_too(
    client, home, academy
):
    translate_page(home, "de", {})
    german = translate_page(academy, "de", {"Academy": "Akademie", "academy": "akademie"})
    assert german.slug == "akademie"
    assert client.get("/de/akademie/").context["page"].pk == german.pk
    assert client.get("/de/academy/").context["page"].pk == german.pk


def test_a_missing_page_is_still_a_404_in_every_language(client, french_academy):
    assert client.get("/fr/academy/nowhere/").status_code == 404
    assert client.get("/de/academy/nowhere/").status_code == 404


def test_links_point_at_the_visitors_language(client, home, french_academy, academy):
    course = make_course(title="Monitoring", slug="monitoring", parent=academy)
    with translation.override("fr"):
        assert academy.url == "/fr/academy/"
        assert course.url == "/fr/academy/monitoring/"
        sections = {item.url: item.title for item in main_sections(home.get_site())}
    assert sections["/fr/academy/"] == "Académie"
    assert "/fr/brand/" in sections
    with translation.override("en"):
        assert academy.url == "/academy/"


def test_the_footer_links_its_pages_under_the_visitors_language(client, home, french_academy):
    make_footer_links([StandardPageFactory(title="About the portal", slug="about", parent=home)])
    french = client.get("/fr/").content.decode()
    # Not yet translated: shown in English, in the French portal, with a notice.
    assert '<a href="/fr/about/" lang="en">About the portal</a>' in french
    shown = client.get("/fr/about/")
    assert shown.status_code == 200
    assert "About the portal" in shown.content.decode()
    english = client.get("/").content.decode()
    assert '<a href="/about/">About the portal</a>' in english


def test_urls_by_language_name_translations_and_fall_back_to_the_original(
    home, academy, french_academy, django_assert_max_num_queries
):
    academy.get_site()  # Wagtail keeps the sites' root paths in the cache once read.
    with django_assert_max_num_queries(2):
        urls = page_languages.page_urls_by_language(academy)
    assert set(urls) == set(language_codes())
    assert urls["en"] == "/academy/"
    assert urls["fr"] == "/fr/academy/"
    assert urls["de"] == "/de/academy/"
    assert page_languages.page_urls_by_language(french_academy) == urls


def test_hreflang_alternates_name_real_translations_only(client, french_academy):
    text = client.get("/fr/academy/").text
    assert 'hreflang="fr"' in text.split("</head>")[0]
    assert '<link rel="alternate" hreflang="en"' in text
    assert '<link rel="alternate" hreflang="de"' not in text


def test_the_sitemap_lists_translations_with_their_alternates(client, settings, french_academy):
    content = client.get("/sitemap.xml").content.decode()
    base = settings.SITE_BASE_URL
    assert f"<loc>{base}/fr/academy/</loc>" in content
    assert f'hreflang="fr" href="{base}/fr/academy/"' in content
    assert f'hreflang="x-default" href="{base}/academy/"' in content
    assert f"{base}/de/academy/" not in content


def test_a_page_translation_goes_out_and_comes_back_as_a_po_file(
    client, academy, home, django_capture_on_commit_callbacks
):
    french = translate_page(academy, "fr", {})
    job = Translation.objects.get(
        source=TranslationSource.objects.get(object_id=academy.translation_key),
        target_locale__language_code="fr",
    )
    po = polib.pofile(str(job.export_po()))
    entry = next(entry for entry in po if entry.msgid == academy.intro)
    entry.msgstr = "Ce que propose le service Académie."
    warnings = job.import_po(po)
    assert warnings == []
    with django_capture_on_commit_callbacks(execute=True):
        job.save_target(publish=True)
    french.refresh_from_db()
    assert french.specific.intro == "Ce que propose le service Académie."
    assert "Ce que propose le service Académie." in client.get("/fr/academy/").text


def test_a_synced_translation_follows_the_original(academy, home):
    french = translate_page(academy, "fr", {"Academy": "Académie"})
    academy.intro = "Trainings for programme staff."
    academy.save_revision().publish()
    translate_page(academy, "fr", {"Trainings for programme staff.": "Des formations."})
    french.refresh_from_db()
    assert french.specific.intro == "Des formations."
    assert french.title == "Académie"


def test_the_admin_speaks_the_editors_language(client, home):
    editor = UserFactory(is_superuser=True, totp_secret=TEST_TOTP_SECRET)
    profile_language_save(user=editor, code="de")
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert '<html lang="de"' in response.text
    assert editor.wagtail_userprofile.get_preferred_language() == "de"


def test_portuguese_croatian_and_slovak_editors_get_wagtails_variants(client, home):
    editor = UserFactory(is_superuser=True, totp_secret=TEST_TOTP_SECRET)
    profile_language_save(user=editor, code="pt")
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert '<html lang="pt-pt"' in response.text
    assert "Painel" in response.text  # Wagtail's own European Portuguese: "Dashboard"


def test_a_language_the_admin_lacks_leaves_it_in_english(client, home):
    editor = UserFactory(is_superuser=True, totp_secret=TEST_TOTP_SECRET)
    profile_language_save(user=editor, code="de")
    profile_language_save(user=editor, code="mt")
    client.force_login(editor)
    response = client.get(reverse("wagtailadmin_home"))
    assert '<html lang="en"' in response.text


def test_the_home_page_has_one_original(home):
    french = translate_page(home, "fr", {})
    assert HomePage.objects.get(locale__language_code="en").pk == home.pk
    assert french.specific.original.pk == home.pk


def test_the_home_page_lists_every_service_in_the_visitors_language(client, french_academy):
    response = client.get("/fr/")
    assert response.status_code == 200
    cards = {card.url: card.title for card in response.context["services"]}
    assert cards["/fr/academy/"] == "Académie"
    assert cards["/fr/brand/"] == "Brand"


def test_home_cards_mark_services_not_yet_translated_with_their_language(client, home):
    academy = home.get_children().get(slug="academy").specific
    translate_page(home, "fr", {})
    translate_page(academy, "fr", {"Academy": "Académie"})
    html = client.get("/fr/").content.decode()
    cards = re.findall(
        r'<article class="card"( lang="en")?>\s*<h3 class="card__title"><a href="([^"]+)">([^<]+)<',
        html,
    )
    by_url = {url: (lang, title) for lang, url, title in cards}
    assert by_url["/fr/academy/"] == ("", "Académie")
    assert by_url["/fr/brand/"] == (' lang="en"', "Brand")
