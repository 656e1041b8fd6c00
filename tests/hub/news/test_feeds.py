"""The RSS and Atom feeds, read by a real feed parser."""

from datetime import date

import feedparser
import pytest
from django.urls import reverse
from wagtail.models import PageViewRestriction

from tests.factories.news import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles(news_index, programme_a, programme_b, health):
    return {
        "story": make_article(
            news_index,
            programmes=[programme_a],
            themes=[health],
            kind="story",
            title="Ambulances cross the Karst border",
            date=date(2026, 2, 1),
            countries=["SI"],
        ),
        "news": make_article(
            news_index,
            programmes=[programme_b],
            title="Alcotra opens its third call",
            date=date(2025, 9, 1),
        ),
    }


@pytest.mark.parametrize("name", ["hub_news:feed_rss", "hub_news:feed_atom"])
def test_the_feed_lists_the_newest_articles_first(client, articles, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert [entry.title for entry in feed.entries] == [
        "Ambulances cross the Karst border",
        "Alcotra opens its third call",
    ]
    story = feed.entries[0]
    assert story.link == articles["story"].get_full_url()
    assert story.summary == articles["story"].summary
    assert story.author == "Interreg Italy-Slovenia"
    assert {tag.term for tag in story.tags} == {"Story", "Health and social care"}
    assert story.published_parsed[:3] == (2026, 2, 1)


@pytest.mark.parametrize("name", ["hub_news:feed_rss", "hub_news:feed_atom"])
def test_the_feed_takes_the_listings_filters(client, articles, name):
    feed = feedparser.parse(client.get(reverse(name), {"theme": "health", "kind": "story"}).content)
    assert [entry.title for entry in feed.entries] == ["Ambulances cross the Karst border"]
    assert "Story" in feed.feed.title and "Health and social care" in feed.feed.title
    assert feed.feed.link.endswith("/news/?kind=story&theme=health")

    def count(**filters):
        return len(feedparser.parse(client.get(reverse(name), filters).content).entries)

    assert count(programme="alcotra") == 1
    assert count(year="2025") == 1
    assert count(year="2024") == 2  # no article that year: not a choice, so ignored
    assert count(year="x", kind="story") == 1


def test_the_feed_leaves_out_drafts_and_restricted_articles(client, articles, news_index):
    articles["news"].unpublish()
    PageViewRestriction.objects.create(
        page=articles["story"], restriction_type=PageViewRestriction.LOGIN
    )
    make_article(news_index, title="Open to all")
    feed = feedparser.parse(client.get(reverse("hub_news:feed_rss")).content)
    assert [entry.title for entry in feed.entries] == ["Open to all"]
