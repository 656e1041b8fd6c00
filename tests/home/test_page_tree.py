"""The home page replaces Wagtail's welcome page as the site's root, on a freshly migrated
database (the session's tree) and on an emptied one (a transactional test's own tree)."""

import pytest
from wagtail.models import Page, Site

from portal.home.models import HomePage
from tests.factories.pages import LANDING_PAGES


def assert_home_page_is_the_site_root_with_every_service(home):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page_id == home.pk and site.site_name == "Interreg portal"
    assert not Page.objects.filter(slug="home").exclude(pk=home.pk).exists()
    sections = home.get_children().live().in_menu().specific()
    assert [(type(page), page.slug, page.title) for page in sections] == LANDING_PAGES


@pytest.mark.django_db
def test_the_home_page_replaced_the_welcome_page_of_the_migrations(home):
    assert_home_page_is_the_site_root_with_every_service(home)


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_starts_from_an_empty_database():
    assert not Page.objects.exists()
    assert not Site.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_builds_its_own_tree_and_serves_it(client, home):
    assert_home_page_is_the_site_root_with_every_service(home)
    assert HomePage.objects.get() == home
    html = client.get("/").content.decode()
    for _model, _slug, title in LANDING_PAGES:
        assert f">{title}</a>" in html
