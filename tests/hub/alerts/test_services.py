"""Saving a search: the filters' normal form, the name made from them, the rules."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from hub.alerts.models import MAX_SAVED_SEARCHES, SavedSearch
from hub.alerts.queries import MalformedQuery, normalise_query
from hub.alerts.services import saved_search_create, saved_search_delete
from tests.factories import UserFactory

from .conftest import KIND, save_search


@pytest.mark.parametrize(
    ("query", "normal"),
    [
        ("", ""),
        ("?", ""),
        ("page=2", ""),
        ("theme=health&country=SI", "country=SI&theme=health"),
        ("?country=SI&page=4&theme=&q=+", "country=SI"),
        ("theme=water&theme=health&theme=water", "theme=health&theme=water"),
        ("q=cross-border%20health", "q=cross-border+health"),
    ],
)
def test_filters_have_one_normal_form(query, normal):
    assert normalise_query(query) == normal


@pytest.mark.parametrize(
    "query",
    ["theme=a\x00", "q=%0d%0aX-Injected:%20yes", "1=x", "<b>=x", "theme", "x=" + "y" * 201],
)
def test_what_is_not_a_listing_s_filters_is_refused(query):
    with pytest.raises(MalformedQuery):
        normalise_query(query)


@pytest.mark.django_db
def test_a_saved_search_is_named_from_its_filters_in_the_person_s_language(
    project_source, alpine, health
):
    person = UserFactory()
    with translation.override("en"):
        saved, created = saved_search_create(
            user=person,
            kind=KIND,
            query="country=SI&theme=health&programme=alpine-space&strand=A&q=hospitals&size=big",
        )
    assert created
    assert saved.name == (
        "keep.eu projects: Country: Slovenia; Programme: Interreg Alpine Space; "
        "Words: “hospitals”; Size: big; Strand: Cross-border (A); Theme: Health and social care"
    )


@pytest.mark.django_db
def test_the_whole_listing_can_be_saved(project_source):
    saved, _created = saved_search_create(user=UserFactory(), kind=KIND, query="page=3")
    assert (saved.query, saved.name) == ("", "keep.eu projects: all")


@pytest.mark.django_db
def test_unknown_kinds_and_broken_filters_are_refused(project_source):
    person = UserFactory()
    with pytest.raises(ValidationError) as unknown:
        saved_search_create(user=person, kind="calls-of-the-wild", query="")
    with pytest.raises(ValidationError) as broken:
        saved_search_create(user=person, kind=KIND, query="theme=\x00")
    assert (unknown.value.code, broken.value.code) == ("unknown_kind", "malformed_query")
    assert not SavedSearch.objects.exists()


@pytest.mark.django_db
def test_the_cap_counts_every_kind_and_saving_again_is_not_refused(project_source):
    person = UserFactory()
    for number in range(MAX_SAVED_SEARCHES - 1):
        save_search(person, f"theme=t{number}", kind=("calls", "vacancies")[number % 2])
    saved_search_create(user=person, kind=KIND, query="theme=last")

    with pytest.raises(ValidationError) as refused:
        saved_search_create(user=person, kind=KIND, query="theme=one-too-many")
    again, created = saved_search_create(user=person, kind=KIND, query="theme=last")

    assert refused.value.code == "too_many"
    assert not created and again.query == "theme=last"


@pytest.mark.django_db
def test_a_deleted_search_can_be_saved_again(project_source):
    person = UserFactory()
    saved, _ = saved_search_create(user=person, kind=KIND, query="theme=health")
    saved_search_delete(saved_search=saved)
    _again, created = saved_search_create(user=person, kind=KIND, query="theme=health")
    assert created
