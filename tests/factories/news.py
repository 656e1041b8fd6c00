"""The news index and articles, published as an editor would publish them."""

import itertools
from datetime import date

from wagtail.rich_text import RichText

from hub.news.models import ArticlePage, NewsIndexPage
from portal.core.pages import publish_child
from portal.home.models import HomePage

from .users import ProgrammeFactory

_numbers = itertools.count(1)


def make_news_index(home: HomePage | None = None) -> NewsIndexPage:
    home = home or HomePage.objects.get()
    index = NewsIndexPage.objects.child_of(home).first()
    return index or publish_child(
        home,
        NewsIndexPage(
            title="News and stories",
            slug="news",
            summary="News from the programmes.",
            intro="What Interreg programmes announce and what their projects change.",
            show_in_menus=True,
        ),
    )


def make_article(
    index: NewsIndexPage | None = None,
    *,
    programmes=None,
    themes=(),
    projects=(),
    body="<p>Partners from both sides of the border met in Gorizia.</p>",
    **fields,
) -> ArticlePage:
    number = next(_numbers)
    values = {
        "title": f"Border towns share one bus line ({number})",
        "slug": f"article-{number}",
        "kind": ArticlePage.Kind.NEWS,
        "date": date(2026, 3, 10),
        "summary": "Gorizia and Nova Gorica run one bus line across the border.",
        **fields,
    }
    article = ArticlePage(body=[("rich_text", RichText(body))], **values)
    article.programmes = list(programmes) if programmes is not None else [ProgrammeFactory()]
    article.themes = list(themes)
    article.projects = list(projects)
    return publish_child(index or make_news_index(), article)
