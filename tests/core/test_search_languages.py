"""Wagtail's search reads each page in its own language: on PostgreSQL the page is indexed with
its locale's text-search configuration (so an inflected form finds the word) and with its words
as written, and a search asks in the active language's configuration or as typed. SQLite keeps
Wagtail's own database search, with results in the same shape."""

import pytest
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page

from portal.core.search_backend import language_config, object_config
from portal.core.selectors import site_search
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db


def _page_in(language_code: str, *, title: str, words: str):
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    return StandardPageFactory(
        title=title, summary=words, introduction=words, locale=locale, slug=f"page-{language_code}"
    )


def _found(query: str, language: str, user) -> list[str]:
    with translation.override(language):
        results = site_search(query=query, user=user)
        return [page.title for page in results] if results else []


@pytest.fixture
def pages_in_four_languages(home):
    return {
        "fr": _page_in("fr", title="Rives du Rhin", words="La coopération entre les communes."),
        "de": _page_in("de", title="Oberrhein", words="Die Zusammenarbeit der Gemeinden."),
        "et": _page_in("et", title="Üle piiri", words="Piiriülene koostöö Lätiga."),
        "en": _page_in("en", title="Lake Constance", words="Quokka habitats by the lake."),
    }


def test_each_language_has_its_configuration_and_english_is_the_default():
    assert language_config("fr") == "french"
    assert language_config("de") == "german"
    assert language_config("pt-pt") == "portuguese"
    assert language_config("et") == "simple"
    assert language_config(None) == "english"


def test_a_page_is_read_in_its_locales_language_and_other_objects_in_english(home):
    french = _page_in("fr", title="Rives du Rhin", words="La coopération.")
    assert object_config(french) == "french"
    assert object_config(Locale.objects.get(language_code="fr")) == "english"


@pytest.mark.postgres
def test_a_french_page_is_found_by_another_form_of_its_word(pages_in_four_languages, user):
    # French and English both read "coopération" and "cooperation" as `cooper`: the English
    # "Cooperation Day" is found too.
    assert "Rives du Rhin" in _found("coopérations", "fr", user)
    assert _found("coopérations communes", "fr", user) == ["Rives du Rhin"]
    # Read as typed (no configuration for Estonian), the other form finds nothing.
    assert "Rives du Rhin" not in _found("coopérations", "et", user)


@pytest.mark.postgres
def test_a_german_page_is_found_by_another_form_of_its_word(pages_in_four_languages, user):
    assert _found("Zusammenarbeiten", "de", user) == ["Oberrhein"]
    assert _found("Gemeinde", "de", user) == ["Oberrhein"]


@pytest.mark.postgres
def test_an_estonian_query_is_read_as_typed(pages_in_four_languages, user):
    assert _found("koostöö", "et", user) == ["Üle piiri"]
    assert _found("Lätiga", "et", user) == ["Üle piiri"]
    # Without a configuration for Estonian, no forms: another ending finds nothing.
    assert _found("koostööd", "et", user) == []


@pytest.mark.postgres
def test_a_word_spelled_the_same_finds_a_page_in_another_language(pages_in_four_languages, user):
    # "habitats" is stemmed in the English page; from French it is matched as written.
    assert _found("habitats", "fr", user) == ["Lake Constance"]
    assert _found("quokka", "et", user) == ["Lake Constance"]
    assert _found("Zusammenarbeit", "fr", user) == ["Oberrhein"]
    assert _found("habitat", "en", user) == ["Lake Constance"]


@pytest.mark.postgres
def test_the_french_search_page_shows_an_english_page_by_an_identical_word(
    client, pages_in_four_languages
):
    response = client.get("/fr/search/", {"q": "habitats"})
    assert response.status_code == 200
    assert [result.title for result in response.context["results"]] == ["Lake Constance"]
    assert "Lake Constance" in response.content.decode()


@pytest.mark.postgres
def test_a_search_in_named_fields_reads_them_in_the_active_language(pages_in_four_languages):
    with translation.override("fr"):
        titles = {page.title for page in Page.objects.live().search("Rhins", fields=["title"])}
        assert titles == {"Rives du Rhin"}
        titles = {page.title for page in Page.objects.live().search("lake", fields=["title"])}
        assert titles == {"Lake Constance"}


@pytest.mark.postgres
def test_autocomplete_still_finds_the_beginning_of_a_word(pages_in_four_languages):
    with translation.override("fr"):
        titles = {page.title for page in Page.objects.live().autocomplete("Ober")}
    assert titles == {"Oberrhein"}


@pytest.mark.postgres
def test_update_index_rebuilds_the_index_in_each_pages_language(pages_in_four_languages, user):
    call_command("update_index", verbosity=0)
    assert _found("coopérations communes", "fr", user) == ["Rives du Rhin"]
    assert _found("Zusammenarbeiten", "de", user) == ["Oberrhein"]


def test_the_search_answers_in_the_same_shape_on_every_database(pages_in_four_languages, user):
    # Words as typed find their page on SQLite and PostgreSQL alike.
    assert _found("koostöö", "et", user) == ["Üle piiri"]
    assert _found("Zusammenarbeit", "fr", user) == ["Oberrhein"]
    assert _found("Quokka", "fr", user) == ["Lake Constance"]
