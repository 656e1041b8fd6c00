"""The hub's records are searched in the page's language: on PostgreSQL with that language's
text-search configuration where PostgreSQL has one (so an inflected form finds the word),
with `simple` for the others; on SQLite word by word as typed, in the same shape."""

import pytest
from django.conf import settings
from django.db import connection
from django.utils import translation

from portal.core.search import search_sources, text_search_config
from tests.factories.hub import ProjectFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def _project_titles(query):
    found = {result.key: result for result in search_sources(query)}
    return [match.title for match in found["projects"].matches] if "projects" in found else []


@pytest.fixture
def french_and_estonian_projects(db):
    ProjectFactory(
        acronym="RIVES",
        name="Deux rives",
        summary="La coopération entre les communes des deux rives du Rhin.",
    )
    ProjectFactory(acronym="PIIR", name="Üle piiri", summary="Piiriülene koostöö Lätiga.")


def test_each_language_has_its_configuration_and_the_others_simple():
    assert text_search_config("fr") == "french"
    assert text_search_config("ga") == "irish"
    assert text_search_config("et") == "simple"
    assert text_search_config("mt") == "simple"
    with translation.override("de"):
        assert text_search_config() == "german"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT cfgname FROM pg_ts_config")
            installed = {row[0] for row in cursor.fetchall()}
            assert {text_search_config(code) for code, _name in settings.LANGUAGES} <= installed


@on_postgresql
def test_a_french_query_finds_the_words_other_forms(french_and_estonian_projects):
    with translation.override("fr"):
        assert _project_titles("coopérations") == ["RIVES: Deux rives"]
        assert _project_titles("communes rhin") == ["RIVES: Deux rives"]
    with translation.override("et"):  # `simple`: no French forms
        assert _project_titles("coopérations") == []


@on_postgresql
def test_an_estonian_query_is_read_with_simple(french_and_estonian_projects):
    with translation.override("et"):
        assert _project_titles("koostöö") == ["PIIR: Üle piiri"]
        assert _project_titles("Piiriülene Lätiga") == ["PIIR: Üle piiri"]
        assert _project_titles("koostööd") == []


@on_sqlite
def test_sqlite_finds_the_words_as_typed_in_the_same_shape(french_and_estonian_projects):
    with translation.override("fr"):
        assert _project_titles("coopération") == ["RIVES: Deux rives"]
        assert _project_titles("coopérations") == []
