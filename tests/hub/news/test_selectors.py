"""What the news selectors read, and what it costs as the articles grow."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from hub import sections
from hub.news.demo import seed_bulk_articles
from hub.news.models import ArticlePage
from hub.news.selectors import article_listing, articles_kept_by, filter_choices
from portal.core.cache import content_changed
from tests.factories.news import make_article
from tests.factories.users import ProgrammeFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    content_changed()  # measure the rendering, not the page cache
    count, response = count_queries(client.get, url)
    assert response.status_code == 200, url
    return count


def test_listing_article_feeds_and_sections_cost_the_same_with_10_and_1000_articles(
    client, news_index, programme_a, health, secretariat_a, rf
):
    ProgrammeFactory.create_batch(3)
    story = make_article(news_index, programmes=[programme_a], themes=[health], kind="story")
    signed_in = Client()
    signed_in.force_login(secretariat_a)
    filtered = f"{news_index.url}?kind=news&theme=health&country=SI&year=2026"
    pages = [
        (client, news_index.url),
        (client, filtered),
        (client, f"{news_index.url}?kind=story"),
        (client, story.url),
        (client, reverse("hub_news:feed_rss")),
        (client, reverse("hub_news:feed_atom") + "?programme=ita-slo"),
        (signed_in, news_index.url),
        (signed_in, reverse("hub_news:article_create")),
    ]
    request = rf.get("/")
    request.user = AnonymousUser()

    def section_queries():
        return [
            count_queries(sections.home_sections, request)[0],
            count_queries(sections.programme_sections, programme_a, request)[0],
        ]

    seed_bulk_articles(news_index, 10)
    # Caches filled once per process (and the request's site found, as middleware does).
    [_queries(visitor, url) for visitor, url in pages] + section_queries()
    small = [_queries(visitor, url) for visitor, url in pages] + section_queries()
    seed_bulk_articles(news_index, 1000)
    assert ArticlePage.objects.count() > 1000
    assert [_queries(visitor, url) for visitor, url in pages] + section_queries() == small


def test_the_listing_shows_only_live_articles_the_person_may_open(news_index, programme_a):
    shown = make_article(news_index, programmes=[programme_a])
    make_article(news_index, programmes=[programme_a]).unpublish()
    listing = article_listing(index=news_index, user=AnonymousUser(), filters={})
    assert list(listing) == [shown]


def test_filter_choices_offer_the_countries_and_years_articles_have(news_index, programme_a):
    make_article(news_index, programmes=[programme_a], countries=["SI", "IT"])
    make_article(news_index, programmes=[programme_a], countries=["AT"], date="2024-05-01")
    choices = filter_choices()
    assert choices["country_codes"] == ["AT", "IT", "SI"]
    assert choices["years"] == [2026, 2024]
    assert ("ita-slo", "Interreg Italy-Slovenia") in choices["programme_choices"]


def test_staff_see_the_articles_they_keep(news_index, secretariat_a, programme_a, programme_b):
    own = make_article(news_index, programmes=[programme_a])
    make_article(news_index, programmes=[programme_b])
    make_article(news_index, programmes=[programme_a, programme_b])
    assert articles_kept_by(user=secretariat_a) == [own]


def test_sections_show_the_programmes_latest_news_and_the_latest_stories(
    rf, news_index, programme_a, programme_b
):
    request = rf.get("/")
    request.user = AnonymousUser()
    assert [s.key for s in sections.programme_sections(programme_a, request)] == []
    for number in range(4):
        make_article(news_index, programmes=[programme_a], date=f"2026-01-0{number + 1}")
    story = make_article(news_index, programmes=[programme_b], kind="story")

    built = {s.key: s for s in sections.programme_sections(programme_a, request)}
    assert len(built["news"].context["articles"]) == 3
    assert built["news"].context["more_url"] == "/news/?programme=ita-slo"
    home = {s.key: s for s in sections.home_sections(request)}
    assert home["stories"].context["stories"] == [story]
    assert home["stories"].template == "hub/news/home_section.html"
