"""Reads for the news pages, the feeds and the sections other pages gather."""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from campaigns.cooperation_day.page_views import map_settings
from hub.models import Partner, Project, Theme
from portal.accounts.models import Programme
from portal.core.access import pages_visible_to
from portal.core.images import with_renditions
from portal.core.page_languages import originals
from portal.core.paging import counted_page

from .access import editable_articles_filter
from .models import ArticlePage, NewsIndexPage

ARTICLES_PER_PAGE = 12
FEED_LENGTH = 30
CARD_IMAGE = "fill-480x270"
LEAD_IMAGE = "fill-1200x675"
SHARE_IMAGE = "fill-1200x630"
PUBLISHER_NAME = "Interreg portal"


def news_index() -> NewsIndexPage | None:
    return originals(NewsIndexPage.objects.live()).first()


# The listing and the feeds ----------------------------------------------------------------


def filter_choices() -> dict:
    """What the listing's filters offer: every programme and theme, and the countries and
    years that articles have (three queries, whatever the number of articles: the countries
    and years are read together, as the distinct pairs of them)."""
    live = originals(ArticlePage.objects.live())
    codes, years = set(), set()
    pairs = live.order_by().values_list("countries", ExtractYear("date")).distinct()
    for stored, year in pairs:
        codes.update(code for code in str(stored).split(",") if code)
        years.add(year)
    return {
        "programme_choices": list(Programme.objects.order_by("name").values_list("slug", "name")),
        "theme_choices": list(Theme.objects.order_by("name").values_list("slug", "name")),
        "country_codes": sorted(codes),
        "years": sorted(years, reverse=True),
    }


def _filtered(articles, filters: dict):
    if filters.get("kind"):
        articles = articles.filter(kind=filters["kind"])
    if filters.get("programme"):
        articles = articles.filter(programmes__slug=filters["programme"])
    if filters.get("theme"):
        articles = articles.filter(themes__slug=filters["theme"])
    if filters.get("country"):
        # Stored as "FR,IT": two-letter codes joined by commas, so a code matches only itself.
        articles = articles.filter(countries__contains=filters["country"])
    if filters.get("year"):
        articles = articles.filter(date__year=filters["year"])
    return articles


def _for_cards(articles):
    return (
        with_renditions(articles, "lead_image", CARD_IMAGE)
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.order_by("name")))
        .order_by("-date", "-first_published_at", "-pk")
    )


def article_listing(*, index: NewsIndexPage, user, filters: dict, page=1):
    """One page of the articles below `index` that `user` may open, filtered, newest first."""
    articles = pages_visible_to(user, ArticlePage.objects.child_of(index))
    articles = _for_cards(_filtered(articles, filters))
    if filters.get("programme") or filters.get("theme"):
        articles = articles.distinct()
    return counted_page(articles, ARTICLES_PER_PAGE, page)


def article_feed_items(*, filters: dict, limit: int = FEED_LENGTH) -> list[ArticlePage]:
    """The newest articles open to everyone, filtered as the listing is: a feed is shared."""
    articles = pages_visible_to(AnonymousUser(), originals(ArticlePage.objects.all()))
    articles = _filtered(articles, filters).prefetch_related(
        Prefetch("programmes", queryset=Programme.objects.order_by("name")),
        Prefetch("themes", queryset=Theme.objects.order_by("name")),
    )
    articles = articles.order_by("-date", "-first_published_at", "-pk")
    if filters.get("programme") or filters.get("theme"):
        articles = articles.distinct()
    return list(articles[:limit])


# One article --------------------------------------------------------------------------------


def _project_facts(project: Project) -> dict:
    partners = list(project.partners.all())
    positions = [
        [float(partner.latitude), float(partner.longitude)]
        for partner in partners
        if partner.latitude is not None and partner.longitude is not None
    ]
    return {
        "project": project,
        "partners": partners,
        "positions": positions,
        "map_settings": map_settings() if positions else None,
    }


def article_detail(*, article: ArticlePage, request) -> dict:
    """What an article's page shows besides its own fields: its programmes, themes, countries,
    the facts of a story's project, and the data for sharing it (Open Graph, JSON-LD)."""
    programmes = list(article.programmes.order_by("name"))
    themes = list(article.themes.order_by("name"))
    projects = list(
        article.projects.select_related("programme").prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("position", "pk"))
        )
    )
    share_image_url = ""
    if article.lead_image_id:
        image = article.lead_image
        renditions = image.get_renditions(SHARE_IMAGE, LEAD_IMAGE)  # one query for both
        image.prefetched_renditions = list(renditions.values())  # the page's figure finds its own
        share_image_url = request.build_absolute_uri(renditions[SHARE_IMAGE].url)
    page_url = article.get_full_url(request)
    facts = _project_facts(projects[0]) if article.is_story and projects else None
    return {
        "programmes": programmes,
        "themes": themes,
        "countries": list(article.countries),
        "projects": projects,
        "story_facts": facts,
        "share_image_url": share_image_url,
        "page_full_url": page_url,
        "json_ld": article_json_ld(
            article=article,
            programmes=programmes,
            url=page_url,
            image_url=share_image_url,
            home_url=request.build_absolute_uri("/"),
        ),
    }


def article_json_ld(*, article, programmes, url: str, image_url: str, home_url: str) -> str:
    """schema.org `Article` as a <script type="application/ld+json"> element."""
    publisher = {"@type": "Organization", "name": PUBLISHER_NAME, "url": home_url}
    authors = [
        {
            "@type": "Organization",
            "name": programme.name,
            "url": home_url.rstrip("/") + programme.get_absolute_url(),
        }
        for programme in programmes
    ] or [publisher]
    modified = article.last_published_at or article.latest_revision_created_at
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat() if modified else article.date.isoformat(),
        "mainEntityOfPage": url,
        "url": url,
        "author": authors,
        "publisher": publisher,
        "articleSection": str(article.get_kind_display()),
        "inLanguage": article.locale.language_code if article.locale_id else "en",
    }
    if image_url:
        data["image"] = [image_url]
    # json_script escapes what could end the element; only its type differs.
    return mark_safe(  # noqa: S308
        json_script(data).replace('type="application/json"', 'type="application/ld+json"', 1)
    )


# Sections of other pages and the publishing form ------------------------------------------


def latest_for_programme(*, programme, limit: int = 3) -> QuerySet:
    articles = pages_visible_to(
        AnonymousUser(), originals(ArticlePage.objects.filter(programmes=programme))
    )
    return _for_cards(articles)[:limit]


def latest_stories(*, limit: int = 3) -> QuerySet:
    articles = pages_visible_to(
        AnonymousUser(), originals(ArticlePage.objects.filter(kind="story"))
    )
    return _for_cards(articles)[:limit]


def articles_kept_by(*, user, limit: int = 20) -> list[ArticlePage]:
    """The newest articles `user` may edit from the portal's form, live or not."""
    articles = editable_articles_filter(user, ArticlePage.objects.all())
    return list(
        articles.prefetch_related(
            Prefetch("programmes", queryset=Programme.objects.order_by("name"))
        ).order_by("-date", "-pk")[:limit]
    )
