"""A person saves the search of a listing from its button, finds it among their saved
searches, reopens the listing with its filters, is notified when something matching starts,
and deletes the search.

The calls and vacancies listings include the same button; here it sits on a small listing of
keep.eu projects served by this module (`urlpatterns` below), watched through a source the
test registers, so the journey does not depend on either listing."""

from dataclasses import replace
from urllib.parse import parse_qs, urlparse

import pytest
from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.utils import timezone

import portal.urls
from hub.alerts import selectors, sources
from hub.alerts.services import alerts_send
from portal.accounts.models import Programme
from portal.core.query import query_data
from tests.e2e.conftest import checked, visit
from tests.e2e.test_academy_journey import sign_in_from
from tests.factories import UserFactory
from tests.factories.hub import ThemeFactory
from tests.factories.users import ProgrammeFactory
from tests.hub.alerts.conftest import KIND, SOURCE, make_project

pytestmark = pytest.mark.e2e

# The include exactly as a listing writes it (one tag: it cannot span lines).
BUTTON_INCLUDE = (
    '{% include "hub/alerts/save_search.html" with kind=kind query=query signed_in=signed_in '
    "next=next saved=saved csrf_token=csrf_token only %}"
)
LISTING = engines["django"].from_string(
    """{% extends "base.html" %}
{% block title %}Projects we follow{% endblock %}
{% block content %}
  <div class="container section">
    <h1>Projects we follow</h1>
    <ul>{% for project in projects %}<li>{{ project }}</li>{% empty %}<li>None</li>{% endfor %}</ul>
    """
    + BUTTON_INCLUDE
    + """
  </div>
{% endblock %}"""
)


def watched_projects(request):
    params = query_data(request)
    return HttpResponse(
        LISTING.render(
            {
                "projects": list(SOURCE.matching(params)),
                "kind": KIND,
                "query": params.urlencode(),
                "signed_in": request.user.is_authenticated,
                "next": request.get_full_path(),
                "saved": selectors.saved_state(request.user, KIND, params.urlencode()),
            },
            request,
        )
    )


urlpatterns = [
    path("watched-projects/", watched_projects, name="watched_projects"),
    *portal.urls.urlpatterns,
]

BUTTON = "Tell me about new results matching this search"
NAME = "keep.eu projects: Programme: Interreg Alpine Space; Theme: Health and social care"


@pytest.fixture
def watched_listing(site, settings, monkeypatch):
    settings.ROOT_URLCONF = __name__
    monkeypatch.setitem(
        sources._sources, KIND, replace(SOURCE, listing_url_name="watched_projects")
    )
    alpine = Programme.objects.filter(slug="alpine-space").first() or ProgrammeFactory(
        name="Interreg Alpine Space", acronym="ASP", slug="alpine-space"
    )
    health = ThemeFactory(slug="health", name="Health and social care")
    return alpine, health


def test_a_search_is_saved_reopened_notified_and_deleted(site, page, watched_listing):
    alpine, health = watched_listing
    person = UserFactory(first_name="Lea", last_name="Novak")
    listing = f"{site.url}/watched-projects/?programme=alpine-space&theme=health&page=1"

    visit(page, listing, screenshot="alerts-button-signed-out")
    page.get_by_role("link", name=BUTTON).click()
    sign_in_from(page, person.email)
    assert page.url == listing  # back on the listing, signed in

    page.get_by_role("button", name=BUTTON).click()
    checked(page, screenshot="alerts-search-saved")
    assert page.get_by_text("Your search is saved").is_visible()
    assert page.get_by_text("You are told about new results matching this search.").is_visible()
    assert page.get_by_role("button", name=BUTTON).count() == 0

    page.get_by_role("link", name="Your saved searches").click()
    checked(page, screenshot="alerts-saved-searches")
    page.get_by_role("link", name=NAME).click()
    checked(page)
    reopened = urlparse(page.url)
    assert reopened.path == "/watched-projects/"
    assert parse_qs(reopened.query) == {"programme": ["alpine-space"], "theme": ["health"]}

    make_project(
        alpine,
        starts=timezone.now().date(),
        themes=[health],
        acronym="NIGHTCARE",
        name="Alpine hospitals share their night shifts",
    )
    assert alerts_send() == 1  # the hourly run
    visit(page, f"{site.url}/notifications/", screenshot="alerts-notification")
    assert page.get_by_text(
        "Now open: “NIGHTCARE: Alpine hospitals share their night shifts”, which matches "
        f"your saved search “{NAME}”"
    ).is_visible()

    visit(page, f"{site.url}/alerts/")
    page.get_by_role("button", name=f"Delete — {NAME}").click()
    checked(page)
    assert page.get_by_text(f"The saved search “{NAME}” is deleted").is_visible()
    assert page.get_by_text("You have no saved searches.").is_visible()


def test_saved_searches_read_well_on_a_phone(site, phone_page, watched_listing):
    page = phone_page
    person = UserFactory()
    visit(page, f"{site.url}/accounts/login/?next=/watched-projects/%3Fprogramme%3Dalpine-space")
    sign_in_from(page, person.email)
    page.get_by_role("button", name=BUTTON).click()
    checked(page, screenshot="alerts-search-saved-phone")
    page.get_by_role("link", name="Your saved searches").click()
    checked(page, screenshot="alerts-saved-searches-phone")
    assert page.get_by_role("link", name="keep.eu projects: Programme: Interreg Alpine Space")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("document.documentElement.clientWidth")
