"""RSS and Atom feeds of news and stories, for the whole listing or any filtered view of it:
they read the listing's query string through the same form."""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .page_views import filter_query, filter_values, news_filter_form
from .selectors import article_feed_items, news_index


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, *args, **kwargs):
        form = news_filter_form(request)
        filters = filter_values(form)
        index = news_index()
        labels = []
        for name in ("kind", "programme", "theme", "country", "year"):
            if filters.get(name):
                labels.append(str(dict(form.fields[name].choices).get(filters[name], "")))
        return {
            "request": request,
            "filters": filters,
            "labels": [label for label in labels if label],
            "index_url": index.get_full_url(request) if index else request.build_absolute_uri("/"),
            "query": filter_query(filters),
        }

    def title(self, view):
        title = _("Interreg news and stories")
        return f"{title}: {', '.join(view['labels'])}" if view["labels"] else title

    def link(self, view):
        return view["index_url"] + (f"?{view['query']}" if view["query"] else "")

    def feed_url(self, view):
        return view["request"].build_absolute_uri()

    def description(self, view):
        return _("What Interreg programmes announce, and stories of what their projects change.")

    def items(self, view):
        items = article_feed_items(filters=view["filters"])
        # The feed object is shared by every request: each item carries its own address.
        for item in items:
            item.feed_link = item.get_full_url(view["request"])
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.feed_link

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.date, time(9)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(programme.name for programme in item.programmes.all()) or None

    def item_categories(self, item):
        return [str(item.get_kind_display()), *(theme.name for theme in item.themes.all())]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, view):
        return self.description(view)
