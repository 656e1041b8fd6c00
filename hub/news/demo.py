"""Demo news and stories: the index at /news/ and thirty articles over the last year, from
various programmes (hub/news/demo_articles.py). Idempotent: only what is missing is added."""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.rich_text import RichText

from hub.models import Project, Theme
from portal.accounts.models import Programme
from portal.core.pages import publish_child
from portal.home.demo import stored_demo_image

from .demo_articles import ARTICLES
from .models import ArticlePage, NewsIndexPage

COLOURS = ["#003399", "#0b6b3a", "#8a1c4a", "#1d5c7a", "#6b4a00", "#4b2c85"]
IMAGE_ALT = "Illustration: gold rings joined by lines across a {colour} background"
COLOUR_NAMES = ["dark blue", "green", "wine-red", "sea-blue", "brown", "violet"]
IMAGE_CREDIT = "Illustration: Interreg portal"


def _illustration(number: int):
    def draw():
        width, height = 1200, 675
        canvas = PILImage.new("RGB", (width, height), COLOURS[number])
        pen = ImageDraw.Draw(canvas)
        # A border line with rings on both sides: two regions joined across it.
        pen.line([(width // 2, 0), (width // 2, height)], fill=(255, 255, 255), width=4)
        for side in (-1, 1):
            for ring in range(3):
                x = width // 2 + side * (180 + ring * 150)
                y = height // 2 + (ring - 1) * 120
                pen.ellipse([x - 60, y - 60, x + 60, y + 60], outline=(255, 204, 0), width=10)
                pen.line([(x, y), (width // 2, height // 2)], fill=(255, 204, 0), width=3)
        return canvas

    return stored_demo_image(f"News illustration {number + 1}", f"news-{number + 1}.png", draw)


def _paragraphs(paragraphs: list[str]) -> RichText:
    return RichText("".join(f"<p>{paragraph}</p>" for paragraph in paragraphs))


def _project(acronym: str, programmes: list[Programme]) -> Project | None:
    """The demo export's project of that acronym in one of the programmes, if it has one."""
    if not acronym:
        return None
    return (
        Project.objects.filter(acronym__iexact=acronym, programme__in=programmes)
        .order_by("keep_id")
        .first()
    )


def seed_news_index(home) -> NewsIndexPage:
    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = publish_child(
            home,
            NewsIndexPage(
                title="News and stories",
                slug="news",
                summary="News from Interreg programmes and stories of what their projects change.",
                intro=(
                    "What Interreg programmes announce, and the stories of the people whose "
                    "lives their projects change, across every border in Europe and beyond."
                ),
                show_in_menus=True,
            ),
        )
    return index


def seed_news(home) -> int:
    """The index and the thirty demo articles; returns how many articles were added."""
    index = seed_news_index(home)
    taken = set(index.get_children().values_list("slug", flat=True))
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    programmes = {programme.acronym: programme for programme in Programme.objects.all()}
    today = timezone.localdate()
    added = 0
    for number, spec in enumerate(ARTICLES):
        kind, acronyms, title, summary, paragraphs, theme_slugs, countries, days, project = spec
        slug = slugify(title)[:70].strip("-")
        if slug in taken:
            continue
        about = [programmes[acronym] for acronym in acronyms if acronym in programmes]
        if not about:
            continue  # a programme directory without the demo programmes
        illustrated = number % 3 != 2  # some articles have no image, as in real life
        colour = number % len(COLOURS)
        article = ArticlePage(
            title=title,
            slug=slug,
            kind=kind,
            date=today - timedelta(days=days),
            summary=summary,
            body=[("rich_text", _paragraphs(paragraphs))],
            countries=countries,
            lead_image=_illustration(colour) if illustrated else None,
            lead_image_alt=IMAGE_ALT.format(colour=COLOUR_NAMES[colour]) if illustrated else "",
            lead_image_credit=IMAGE_CREDIT if illustrated else "",
        )
        article.programmes = about
        article.themes = [themes[slug] for slug in theme_slugs if slug in themes]
        linked = _project(project, about)
        article.projects = [linked] if linked else []
        publish_child(index, article)
        taken.add(slug)
        added += 1
    return added


def seed_bulk_articles(index: NewsIndexPage, count: int) -> int:
    """Ensure `count` extra news items exist below `index`, for query budgets and benchmarks:
    each about a demo programme, with a theme and an illustration, as real ones are."""
    existing = index.get_children().filter(slug__startswith="bulk-").count()
    programmes = list(Programme.objects.order_by("pk")[:10])
    themes = list(Theme.objects.order_by("pk")[:10])
    image = _illustration(0)
    today = timezone.localdate()
    for number in range(existing + 1, count + 1):
        article = ArticlePage(
            title=f"Monitoring Committee decisions, meeting {number}",
            slug=f"bulk-{number}",
            kind=ArticlePage.Kind.STORY if number % 4 == 0 else ArticlePage.Kind.NEWS,
            date=today - timedelta(days=number % 700),
            summary=f"What the Monitoring Committee decided at its meeting number {number}.",
            body=[("rich_text", _paragraphs(["The committee approved the agenda."]))],
            countries=["SI", "IT"],
            lead_image=image,
            lead_image_alt=IMAGE_ALT.format(colour=COLOUR_NAMES[0]),
            live=True,
        )
        article.programmes = programmes[number % len(programmes) :][:1] if programmes else []
        article.themes = themes[number % len(themes) :][:1] if themes else []
        index.add_child(instance=article)
    return max(count - existing, 0)
