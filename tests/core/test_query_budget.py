"""What every page repeats (the site, the header's sections, the footer's statement link, the
page's own view restrictions) costs a few queries on a full render, whatever the size of the
tree, and the next request still shows the latest change."""

import pytest
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page, PageViewRestriction

from portal.core.access import pages_visible_to, public_pages
from portal.core.cache import content_changed
from portal.core.demo_translations import translate_page
from portal.home.demo import seed_bulk_pages
from portal.home.models import StandardPage
from tests.factories.pages import AccessibilityStatementFactory, StandardPageFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

# The site with the header's and footer's settings; the page with the pages above it (its
# breadcrumbs) and its language versions, then its specific row; every page's view
# restrictions; the header's sections; the footer's links and statement.
STANDARD_PAGE_QUERY_BUDGET = 7


def _full_render(client, url):
    content_changed()  # what the first visitor after a publish pays
    queries, response = count_queries(client.get, url)
    assert response.status_code == 200, url
    assert response.get("X-Page-Cache", "miss") == "miss"
    return queries, response.content.decode()


def test_a_standard_page_costs_the_same_few_queries_at_10_and_1000_pages(client, home):
    AccessibilityStatementFactory()
    page = StandardPageFactory(title="Guidance", slug="guidance")
    seed_bulk_pages(10)
    client.get(page.url)  # image renditions and the like are made on the first render only
    small, _content = _full_render(client, page.url)
    seed_bulk_pages(1000)
    large, content = _full_render(client, page.url)

    assert large == small
    assert small <= STANDARD_PAGE_QUERY_BUDGET, small
    assert 'href="/accessibility/"' in content


def test_the_footer_links_the_statement_once_published_and_never_a_restricted_one(client, home):
    page = StandardPageFactory(title="Guidance", slug="guidance")
    statement = AccessibilityStatementFactory()
    PageViewRestriction.objects.create(page=statement, restriction_type=PageViewRestriction.LOGIN)
    assert 'href="/accessibility/"' not in client.get(page.url).content.decode()

    PageViewRestriction.objects.filter(page=statement).delete()
    assert 'href="/accessibility/"' in client.get(page.url).content.decode()


def test_the_footer_links_the_statement_in_the_visitor_s_language_once_translated(client, home):
    StandardPageFactory(title="Guidance", slug="guidance")
    statement = AccessibilityStatementFactory()
    french = client.get("/fr/guidance/").content.decode()
    assert 'href="/fr/accessibility/"' in french  # the original, under the French prefix

    translate_page(home, "fr", {home.title: "Accueil"})
    translation = translate_page(
        statement, "fr", {"Accessibility statement": "Déclaration d'accessibilité"}
    )
    translation.slug = "accessibilite"
    translation.save_revision().publish()
    french = client.get("/fr/guidance/").content.decode()
    assert 'href="/fr/accessibilite/"' in french
    assert 'href="/accessibility/"' in client.get("/guidance/").content.decode()


def test_a_new_section_shows_in_the_header_on_the_next_request(client, home):
    page = StandardPageFactory(title="Guidance", slug="guidance")
    client.get(page.url)
    StandardPageFactory(title="Funding rules", slug="funding-rules", show_in_menus=True)
    assert "Funding rules" in client.get(page.url).content.decode()


def test_a_restricted_section_is_left_out_of_the_header(client, home):
    page = StandardPageFactory(title="Guidance", slug="guidance")
    members = StandardPageFactory(title="Members' corner", slug="members", show_in_menus=True)
    client.get(page.url)
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    assert "Members&#x27; corner" not in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD]
)
def test_pages_below_a_restriction_are_kept_from_anonymous_listings(home, restriction_type):
    open_page = StandardPageFactory(title="Open", slug="open")
    closed = StandardPageFactory(title="Closed", slug="closed")
    below = StandardPageFactory(title="Below", slug="below", parent=closed)
    PageViewRestriction.objects.create(
        page=closed, restriction_type=restriction_type, password="open sesame"
    )
    everything = StandardPage.objects.all()

    assert set(public_pages(everything)) == {open_page}
    assert set(pages_visible_to(AnonymousUser(), everything)) == {open_page}
    assert below not in set(pages_visible_to(AnonymousUser(), everything))


def test_a_page_below_a_restricted_page_answers_anonymous_visitors_with_the_sign_in(client, home):
    closed = StandardPageFactory(title="Closed", slug="closed")
    below = StandardPageFactory(title="Below", slug="below", parent=closed)
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(below.url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_an_alias_answers_with_its_source_page_s_restriction(client, home):
    closed = StandardPageFactory(title="Closed", slug="closed")
    PageViewRestriction.objects.create(page=closed, restriction_type=PageViewRestriction.LOGIN)
    alias = closed.create_alias(parent=Page.objects.get(pk=home.pk), update_slug="closed-alias")

    assert list(alias.specific.get_view_restrictions()) == list(closed.get_view_restrictions())
    response = client.get(alias.url)
    assert response.status_code == 302
    assert "login" in response["Location"]
