"""What the news pages show: the listing binds its filters and links the feeds of the same
view; an article gathers its programmes, its story's project and the data for sharing it."""

from urllib.parse import urlencode

from django.urls import reverse

from portal.core.pages import PageView
from portal.core.query import query_form, query_page

from .forms import NewsFilterForm
from .selectors import article_detail, article_listing, filter_choices

FILTER_NAMES = ("kind", "programme", "theme", "country", "year")


def news_filter_form(request) -> NewsFilterForm:
    """The listing's filters bound to the query string (the feeds read them the same way)."""
    return query_form(NewsFilterForm, request, **filter_choices())


def filter_values(form: NewsFilterForm) -> dict:
    """The filters that parse; one that does not is left out, the others still apply."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return form.cleaned_data


def filter_query(filters: dict) -> str:
    """The filters in use, as a query string for the feeds' addresses."""
    used = [(name, filters[name]) for name in FILTER_NAMES if filters.get(name)]
    return urlencode(used)


class NewsListingView(PageView):
    def get_context(self, context):
        form = news_filter_form(self.request)
        filters = filter_values(form)
        context["filter_form"] = form
        context["articles"] = article_listing(
            index=self.source,
            user=self.request.user,
            filters=filters,
            page=query_page(self.request),
        )
        context["filtered"] = any(filters.get(name) for name in FILTER_NAMES)
        query = filter_query(filters)
        suffix = f"?{query}" if query else ""
        context["feed_rss_url"] = reverse("hub_news:feed_rss") + suffix
        context["feed_atom_url"] = reverse("hub_news:feed_atom") + suffix
        return context


class ArticleView(PageView):
    def get_context(self, context):
        context.update(article_detail(article=self.page, request=self.request))
        return context
