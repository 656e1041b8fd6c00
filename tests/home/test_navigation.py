"""The main navigation: the site's sections that are pages, then those that are views, each
registered by the app owning its address; the one the visitor is in is marked."""

import re

import pytest
from django.utils.translation import gettext_lazy as _

from portal.core import navigation
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def main_nav(html: str) -> str:
    return re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', html, flags=re.S).group(1)


def nav_links(html: str) -> list[tuple[str, str, str]]:
    """(address, aria-current or "", title) of each link of the main navigation."""
    return [
        (href, current, title.strip())
        for href, current, title in re.findall(
            r'<a href="([^"]+)"(?: aria-current="([^"]+)")?>([^<]+)</a>', main_nav(html)
        )
    ]


def test_programmes_follow_the_service_pages(client, home):
    links = nav_links(client.get("/").content.decode())
    titles = [title for _href, _current, title in links]
    assert titles[:5] == ["Academy", "Cooperation Day", "Interreg Slam", "Brand", "Community"]
    # Then the views the apps register: the directory first, then the hub's listings.
    assert titles[5:] == ["Programmes", "Calls", "Vacancies", "Projects"]
    assert ("/programmes/", "", "Programmes") in links


def test_the_directory_is_the_current_page_and_a_programme_is_in_it(client, home):
    programme = ProgrammeFactory()
    links = nav_links(client.get("/programmes/").content.decode())
    assert ("/programmes/", "page", "Programmes") in links
    assert [current for _href, current, _title in links].count("") == len(links) - 1

    links = nav_links(client.get(programme.get_absolute_url()).content.decode())
    assert ("/programmes/", "true", "Programmes") in links


def test_pages_keep_their_own_mark(client, home):
    links = nav_links(client.get("/academy/").content.decode())
    assert ("/academy/", "page", "Academy") in links
    assert ("/programmes/", "", "Programmes") in links


def test_views_outside_every_section_mark_none(client, home):
    links = nav_links(client.get("/search/?q=brand").content.decode())
    assert all(current == "" for _href, current, _title in links)


@pytest.fixture
def registered_view():
    """An app registering its view in the main navigation, as the hub's parts do."""
    navigation.register_view_section(url_name="search", title=_("Search results"), order=5)
    yield
    navigation.unregister_view_section("search")


def test_registered_views_are_shown_by_their_order(client, home, registered_view):
    links = nav_links(client.get("/").content.decode())
    titles = [title for _href, _current, title in links]
    assert titles[5:7] == ["Search results", "Programmes"]


def test_the_cached_page_list_still_gets_the_views(client, home, registered_view):
    client.get("/")  # caches the pages of the navigation
    links = nav_links(client.get("/academy/").content.decode())
    assert ("/search/", "", "Search results") in links
