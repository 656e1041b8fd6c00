"""The listing at /news/ and an article's page, as visitors and search engines read them."""

import json
import re
from datetime import date
from html import unescape

import pytest
from django.core.exceptions import ValidationError

from hub.news.models import LEAD_IMAGE_NEEDS_ALT, SLUG_RESERVED
from tests.factories.hub import ThemeFactory
from tests.factories.news import make_article
from tests.factories.pages import make_image

pytestmark = pytest.mark.django_db


def _json_ld(response) -> dict:
    found = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    assert len(found) == 1
    return json.loads(found[0])


def _meta(response, prop: str) -> str | None:
    match = re.search(
        rf'<meta property="{re.escape(prop)}" content="([^"]*)"', response.content.decode()
    )
    return unescape(match.group(1)) if match else None


def _titles(response) -> list[str]:
    return [article.title for article in response.context["articles"]]


def test_the_listing_shows_articles_newest_first_with_feeds_of_the_same_view(
    client, news_index, programme_a
):
    older = make_article(news_index, programmes=[programme_a], date=date(2025, 5, 1))
    newer = make_article(news_index, programmes=[programme_a], date=date(2026, 2, 1))

    response = client.get(news_index.url)

    assert response.status_code == 200
    assert _titles(response) == [newer.title, older.title]
    html = response.content.decode()
    assert 'rel="alternate" type="application/rss+xml" href="/news/feed.rss"' in html
    assert 'type="application/atom+xml" href="/news/feed.atom"' in html

    filtered = client.get(news_index.url, {"kind": "news", "year": "2026", "page": "1"})
    html = filtered.content.decode()
    assert 'href="/news/feed.rss?kind=news&amp;year=2026"' in html
    assert 'href="/news/feed.atom?kind=news&amp;year=2026"' in html


def test_each_filter_narrows_the_listing(client, news_index, programme_a, programme_b, health):
    water = ThemeFactory(slug="water", name="Water management")
    story = make_article(
        news_index,
        programmes=[programme_a],
        themes=[health],
        kind="story",
        countries=["SI", "IT"],
        date=date(2025, 11, 3),
    )
    news = make_article(
        news_index,
        programmes=[programme_b],
        themes=[water],
        countries=["FR"],
        date=date(2026, 1, 20),
    )

    def shown(**filters):
        return set(_titles(client.get(news_index.url, filters)))

    assert shown() == {story.title, news.title}
    assert shown(kind="story") == {story.title}
    assert shown(programme="alcotra") == {news.title}
    assert shown(theme="health") == {story.title}
    assert shown(country="SI") == {story.title}
    assert shown(country="FR") == {news.title}
    assert shown(year="2026") == {news.title}
    assert shown(theme="health", year="2026") == set()


def test_nonsense_filters_are_ignored_and_pages_past_the_end_show_the_last(
    client, news_index, programme_a
):
    make_article(news_index, programmes=[programme_a])
    for query in (
        {"year": "MMXXVI"},
        {"kind": "rumour"},
        {"programme": "<script>"},
        {"country": "XX\x00"},
        {"page": "999999"},
        {"page": "-1"},
    ):
        response = client.get(news_index.url, query)
        assert response.status_code == 200, query
        assert len(response.context["articles"]) == 1, query


def test_the_listing_pages_by_twelve(client, news_index, programme_a):
    for _ in range(13):
        make_article(news_index, programmes=[programme_a])
    first = client.get(news_index.url)
    second = client.get(news_index.url, {"page": 2})
    assert len(first.context["articles"]) == 12
    assert len(second.context["articles"]) == 1
    assert 'rel="next"' in first.content.decode()


def test_a_news_page_shows_its_facts_open_graph_and_json_ld(
    client, news_index, programme_a, health
):
    image = make_image("Bridge at Gorizia", size=(1600, 900))
    article = make_article(
        news_index,
        programmes=[programme_a],
        themes=[health],
        countries=["IT", "SI"],
        title="One bus line for Gorizia and Nova Gorica",
        summary="The two towns now run one bus line across the border.",
        date=date(2026, 3, 10),
        lead_image=image,
        lead_image_alt="A bus on the square between the two towns",
        lead_image_credit="© Mateja Lenarčič",
    )

    response = client.get(article.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/programmes/ita-slo/"' in html
    assert "Health and social care" in html
    assert "Slovenia" in html and "Italy" in html
    assert "© Mateja Lenarčič" in html
    assert 'alt="A bus on the square between the two towns"' in html
    assert _meta(response, "og:type") == "article"
    assert _meta(response, "og:title") == "One bus line for Gorizia and Nova Gorica"
    assert _meta(response, "og:description") == article.summary
    share = _meta(response, "og:image")
    assert share.startswith("http://testserver/") and "fill-1200x630" in share

    data = _json_ld(response)
    assert data["@type"] == "Article"
    assert data["headline"] == article.title
    assert data["datePublished"] == "2026-03-10"
    article.refresh_from_db()
    assert data["dateModified"] == article.last_published_at.isoformat()
    assert data["image"] == [share]
    assert data["author"][0] == {
        "@type": "Organization",
        "name": "Interreg Italy-Slovenia",
        "url": "http://testserver/programmes/ita-slo/",
    }
    assert data["publisher"]["name"] == "Interreg portal"


def test_a_story_shows_its_projects_facts_and_partners_on_a_map(
    client, news_index, programme_a, project_a
):
    story = make_article(news_index, programmes=[programme_a], projects=[project_a], kind="story")

    response = client.get(story.url)

    html = response.content.decode()
    assert "The project: HEALTHNET" in html
    assert "Azienda sanitaria Giuliano Isontina" in html and "Zdravstveni dom Sežana" in html
    assert "EUR 1,500,000" in html and "EUR 1,200,000" in html
    assert 'href="https://keep.eu/projects/30401/"' in html
    assert 'href="/projects/30401/"' in html
    assert 'id="event-detail-map"' in html and "vendor/leaflet/leaflet.js" in html
    assert response.context["story_facts"]["positions"] == [[45.6495, 13.7768], [45.7092, 13.8733]]


def test_news_about_a_project_links_it_without_the_story_facts(
    client, news_index, programme_a, project_a
):
    news = make_article(news_index, programmes=[programme_a], projects=[project_a])
    html = client.get(news.url).content.decode()
    assert 'href="/projects/30401/"' in html
    assert "The project: HEALTHNET" not in html
    assert "leaflet.js" not in html


def test_an_article_with_an_image_needs_its_alternative_text(news_index):
    article = make_article(news_index)
    article.lead_image = make_image()
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert LEAD_IMAGE_NEEDS_ALT in error.value.message_dict["lead_image_alt"]


def test_an_article_may_not_take_a_slug_the_portal_answers_itself(news_index, programme_a):
    article = make_article(news_index, programmes=[programme_a])
    article.slug = "new"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert SLUG_RESERVED in error.value.message_dict["slug"]


def test_portal_search_finds_articles(client, news_index, programme_a):
    article = make_article(
        news_index,
        programmes=[programme_a],
        title="Cross-border news on river restoration",
        summary="The Soča gets its gravel banks back.",
    )
    response = client.get("/search/", {"q": "news"})
    assert article.title in response.content.decode()
    response = client.get("/search/", {"q": "gravel"})
    assert article.title in response.content.decode()
