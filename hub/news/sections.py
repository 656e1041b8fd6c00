"""What news and stories add to a programme's page and to the home page (hub/sections.py):
each section's articles are read with the page's other sections (`reads`)."""

from django.urls import reverse

from portal.core.navigation import site_page_url

from .selectors import latest_for_programme, latest_stories


def programme_reads(programme, request):
    return [latest_for_programme(programme=programme)]


def programme_news(programme, request, rows) -> dict | None:
    articles = rows[0]
    if not articles:
        return None
    index_url = site_page_url(request, "news")
    more_url = f"{index_url}?programme={programme.slug}" if index_url else ""
    return {"articles": articles, "programme": programme, "more_url": more_url}


def home_reads(request):
    return [latest_stories()]


def home_stories(request, rows) -> dict | None:
    stories = rows[0]
    if not stories:
        return None
    index_url = site_page_url(request, "news")
    return {
        "stories": stories,
        "more_url": f"{index_url}?kind=story" if index_url else "",
        "feed_url": reverse("hub_news:feed_rss") + "?kind=story",
    }
