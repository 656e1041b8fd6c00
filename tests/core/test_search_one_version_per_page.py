"""The site search lists each page once, in the visitor's language: a page's translation where
there is a live one, else its original, marked with the original's `lang`."""

import pytest
from django.urls import reverse

from academy.models import AcademyLandingPage
from portal.core.demo_translations import translate_page
from tests.factories.academy import make_course
from tests.helpers import query_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def academy(home):
    translate_page(home, "fr", {home.title: "Accueil"})
    academy = AcademyLandingPage.objects.get()
    translate_page(academy, "fr", {"Academy": "Académie"})
    return academy


def _translated_course(academy, number):
    course = make_course(title=f"Quokka audits {number}", slug=f"quokka-{number}", parent=academy)
    return course, translate_page(course, "fr", {course.title: f"Audits de quokka {number}"})


def test_a_french_search_lists_the_translation_instead_of_its_original(client, academy):
    course, french = _translated_course(academy, 1)
    untranslated = make_course(title="Quokka costs", slug="quokka-costs", parent=academy)
    response = client.get("/fr/search/", {"q": "quokka"})
    found = [result.pk for result in response.context["results"]]
    assert french.pk in found and untranslated.pk in found
    assert course.pk not in found
    text = response.text
    assert 'href="/fr/academy/quokka-1/"' in text and "Audits de quokka 1" in text
    assert 'lang="en">Quokka costs</a>' in text
    assert 'lang="en">Audits de quokka' not in text


def test_an_english_search_lists_originals_only(client, academy):
    course, _french = _translated_course(academy, 1)
    found = [
        result.pk for result in client.get(reverse("search"), {"q": "quokka"}).context["results"]
    ]
    assert found == [course.pk]


def test_a_german_search_lists_the_originals_of_pages_translated_into_french(client, academy):
    course, _french = _translated_course(academy, 1)
    found = [result.pk for result in client.get("/de/search/", {"q": "quokka"}).context["results"]]
    assert found == [course.pk]


def test_a_french_search_makes_as_many_queries_whatever_the_translations(client, academy):
    for number in range(2):
        _translated_course(academy, number)
    search = "/fr/search/?q=quokka"
    client.get(search)
    small = query_log(client.get, search)
    for number in range(2, 14):
        _translated_course(academy, number)
    client.get(search)
    large = query_log(client.get, search)
    assert len(large) == len(small), "\n".join(large)
