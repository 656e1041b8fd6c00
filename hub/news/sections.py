"""What news and stories add to a programme's page and to the home page (hub/sections.py)."""

from django.urls import reverse

from .selectors import latest_for_programme, latest_stories, news_index_url


def programme_news(programme, request) -> dict | None:
    articles = latest_for_programme(programme=programme)
    if not articles:
        return None
    index_url = news_index_url()
    more_url = f"{index_url}?programme={programme.slug}" if index_url else ""
    return {"articles": articles, "programme": programme, "more_url": more_url}


def home_stories(request) -> dict | None:
    stories = latest_stories()
    if not stories:
        return None
    index_url = news_index_url()
    return {
        "stories": stories,
        "more_url": f"{index_url}?kind=story" if index_url else "",
        "feed_url": reverse("hub_news:feed_rss") + "?kind=story",
    }
