"""A page rendered without its cached copy: right after a publish (nothing kept), and again
once its copy alone is missing (the route, breadcrumbs, language versions, header and footer
kept until the next publish). Each costs the same at 10 and 1,000 rows, and the next request
after a publish shows the change everywhere a title appears."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction
from wagtail.url_routing import RouteResult

from campaigns.cooperation_day.models import CooperationDayLandingPage, Event
from portal.core.cache import content_changed, forget_page_response
from portal.core.demo_translations import translate_page
from portal.core.languages import split_language_prefix
from portal.core.pages import PageWithView
from portal.home.demo import seed_bulk_pages
from portal.home.models import StandardPage
from tests.factories import ProgrammeFactory, UserFactory
from tests.factories.academy import make_course, make_lesson, make_module
from tests.factories.brand import make_asset
from tests.factories.cooperation_day import make_edition, make_events
from tests.factories.news import make_article
from tests.factories.pages import StandardPageFactory, furnish_home_page, make_image
from tests.helpers import count_queries, query_log

pytestmark = pytest.mark.django_db


def _first_render(client, url) -> int:
    content_changed()  # what the first visitor after a publish finds: nothing kept
    queries, response = count_queries(client.get, url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss"
    return queries


def _copy_missing(client, url) -> int:
    client.get(url)
    language, _path = split_language_prefix(url)
    forget_page_response(RequestFactory().get(url), language)
    queries, response = count_queries(client.get, url)
    assert response.status_code == 200, url
    assert response["X-Page-Cache"] == "miss"
    return queries


def _budgets(client, url, grow) -> list[tuple[int, int]]:
    """(first render, copy missing) after `grow(10)` and after `grow(1000)`."""
    counts = []
    for total in (10, 1000):
        grow(total)
        client.get(url)  # image renditions are made on the first render only
        counts.append((_first_render(client, url), _copy_missing(client, url)))
    return counts


def test_the_home_page(client, home):
    furnish_home_page(home)
    for _ in range(3):
        make_article(kind="story", lead_image=make_image(), lead_image_alt="A bridge")
    budgets = _budgets(client, "/", seed_bulk_pages)
    # After a publish: the site, the page, the header's and footer's links, the moments its calls
    # and vacancies sections next change (one query for both: the copy is kept no later), the
    # services' summaries, the stories' images and programmes, and one query for the rest (the
    # services' pages, "Coming up", the stories, calls and vacancies). Without its copy alone,
    # the services' cards, the links, the site and the moments are kept.
    assert budgets == [(9, 4), (9, 4)]


def test_a_course_page(client, home):
    course = make_course(image=make_image())
    module = make_module(course)
    make_lesson(module)

    budgets = _budgets(client, course.url, seed_bulk_pages)
    assert budgets == [(9, 6), (9, 6)]


def test_a_news_item(client, home):
    article = make_article(lead_image=make_image(), lead_image_alt="A bridge")
    budgets = _budgets(client, article.url, seed_bulk_pages)
    assert budgets == [(7, 4), (7, 4)]


def test_the_cooperation_day_landing_page(client, home):
    edition = make_edition()
    programme, organiser = ProgrammeFactory(), UserFactory()

    def grow(total):
        make_events(
            edition, programme, organiser, total - Event.objects.filter(edition=edition).count()
        )

    url = CooperationDayLandingPage.objects.get().url
    budgets = _budgets(client, url, grow)
    assert budgets == [(9, 3), (9, 3)]


def _page_under_a_section():
    section = StandardPageFactory(title="Guidance", slug="guidance", show_in_menus=True)
    return section, StandardPageFactory(title="Funding rules", slug="funding-rules", parent=section)


def _republish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_a_new_title_shows_in_the_breadcrumb_and_the_header_on_the_next_request(client, home):
    section, page = _page_under_a_section()
    before = client.get(page.url).content.decode()
    assert before.count(">Guidance<") == 2  # the header's section and the breadcrumb

    _republish(section, title="Guidance notes")
    after = client.get(page.url).content.decode()
    assert after.count(">Guidance notes<") == 2
    assert ">Guidance<" not in after


def test_a_published_translation_shows_in_the_language_versions_on_the_next_request(client, home):
    _section, page = _page_under_a_section()
    assert 'rel="alternate" hreflang="fr"' not in client.get(page.url).content.decode()

    translate_page(home, "fr", {home.title: "Accueil"})
    translation = translate_page(page, "fr", {"Funding rules": "Règles de financement"})
    _republish(translation, slug="regles-de-financement")
    english = client.get(page.url).content.decode()
    assert 'rel="alternate" hreflang="fr"' in english
    assert "/fr/guidance/regles-de-financement/" in english
    assert (
        "Règles de financement"
        in client.get("/fr/guidance/regles-de-financement/").content.decode()
    )


def test_a_kept_route_never_outlives_a_change_to_the_page(client, home):
    _section, page = _page_under_a_section()
    assert client.get("/guidance/funding-rules/").status_code == 200

    page = _republish(page, slug="funding")
    assert client.get("/guidance/funding-rules/").status_code == 404
    assert client.get("/guidance/funding/").status_code == 200

    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    response = client.get("/guidance/funding/")
    assert response.status_code == 302
    assert "login" in response["Location"]

    page.unpublish()
    assert client.get("/guidance/funding/").status_code == 404


def test_a_page_found_by_a_kept_route_reads_itself_in_one_query(client, home):
    _section, page = _page_under_a_section()
    client.get(page.url)
    forget_page_response(RequestFactory().get(page.url))
    queries = [sql for sql in query_log(client.get, page.url) if "wagtailcore_page" in sql]
    # The page itself; its ancestors, translations and the header's sections are kept.
    assert len(queries) == 1, queries


def test_a_programme_page(client, home):
    programme = ProgrammeFactory(slug="at-hu", logo=make_image("Uploaded logo"))
    make_asset(programme=programme)  # the library's logo, shown
    make_article(lead_image=make_image(), lead_image_alt="A bridge", programmes=[programme])
    edition, organiser = make_edition(), UserFactory()

    def grow(total):
        events = Event.objects.filter(programme=programme).count()
        make_events(edition, programme, organiser, total - events)

    budgets = _budgets(client, programme.get_absolute_url(), grow)
    # After a publish: the site, the programme, the header's and footer's links, the moments its
    # calls, vacancies and Slam sections next change (in one query), its logos, its news's images
    # and programmes, and one query for every section's rows and its listed staff.
    assert budgets == [(8, 4), (8, 4)]


def test_a_search(client, home):
    # Results of several page types: each type's summary is read in the same one query.
    make_article(title="Cooperation across the Karst")
    make_course(title="Cooperation basics")

    budgets = _budgets(client, "/search/?q=cooperation", seed_bulk_pages)
    assert budgets == [(9, 6), (9, 6)]


def test_search_results_show_each_type_s_summary_and_address(client, home):
    article = make_article(title="Quokka bridges", summary="Bridges quokkas cross.")
    course = make_course(title="Quokka care", summary="Looking after quokkas.")
    html = client.get("/search/?q=quokka").content.decode()
    for page in (article, course):
        assert f'href="{page.url}"' in html
        assert page.summary in html


def test_a_section_s_new_title_and_summary_show_on_the_home_page_on_the_next_request(client, home):
    section = StandardPageFactory(
        title="Guidance", slug="guidance", show_in_menus=True, summary="Rules to follow."
    )
    assert "Rules to follow." in client.get("/").content.decode()
    client.get("/")
    forget_page_response(RequestFactory().get("/"))  # the visitors' cards are kept meanwhile
    assert "Rules to follow." in client.get("/").content.decode()

    _republish(section, title="Guidance notes", summary="Rules, explained.")
    html = client.get("/").content.decode()
    assert "Rules, explained." in html and "Rules to follow." not in html

    section.unpublish()
    assert "Rules, explained." not in client.get("/").content.decode()


def _nested_pages(levels: int) -> list:
    pages, parent = [], None
    for level in range(levels):
        parent = StandardPageFactory(title=f"Level {level}", slug=f"level-{level}", parent=parent)
        pages.append(parent)
    return pages


def test_a_page_is_found_by_its_address_for_the_same_queries_at_every_depth(client, home):
    pages = _nested_pages(5)
    counts = {}
    for page in (pages[0], pages[-1]):
        client.get(page.url)  # what a first render makes once (image renditions)
        counts[page.depth] = _first_render(client, page.url)
    # Wagtail's walk read two more for each level (a page and its specific row); the pages
    # above are read with the page, and its breadcrumbs and restrictions come from them.
    assert counts[pages[0].depth] == counts[pages[-1].depth], counts

    content_changed()
    html = client.get(pages[-1].url).content.decode()
    for above in pages[:-1]:
        assert f'href="{above.url}"' in html  # each level in the breadcrumbs


def test_a_translated_page_is_found_by_its_address_below_its_language_s_root(client, home):
    section, page = _page_under_a_section()
    translate_page(home, "fr", {home.title: "Accueil"})
    french_section = translate_page(section, "fr", {"Guidance": "Orientations"})
    french_page = translate_page(page, "fr", {"Funding rules": "Règles de financement"})
    for french in (french_section, french_page):
        client.get(french.url)
    # As at every depth in the original language: no walk from the French home page.
    assert _first_render(client, french_section.url) == _first_render(client, french_page.url)
    content_changed()
    html = client.get(french_page.url).content.decode()
    assert "Règles de financement" in html and "Orientations" in html
    assert 'rel="alternate" hreflang="en"' in html


def test_a_page_type_routing_its_own_sub_addresses_keeps_wagtails_walk(client, home, monkeypatch):
    section, _page = _page_under_a_section()

    def route(self, request, path_components):
        # The section answers every address below it itself (as a routable page does).
        if self.pk == section.pk and path_components:
            return RouteResult(self)
        return PageWithView.route(self, request, path_components)

    monkeypatch.setattr(StandardPage, "route", route)
    content_changed()
    html = client.get("/guidance/funding-rules/").content.decode()
    assert "<h1>Guidance</h1>" in html
    assert "Funding rules" not in html


def test_a_live_page_below_an_unpublished_one_is_served_as_wagtail_serves_it(client, home):
    section, page = _page_under_a_section()
    section.unpublish()
    content_changed()
    assert client.get("/guidance/").status_code == 404
    assert client.get("/guidance/funding-rules/").status_code == 200
    page.unpublish()
    assert client.get("/guidance/funding-rules/").status_code == 404
