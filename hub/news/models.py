"""News and stories as pages: one index at /news/ and the articles below it.

A story tells the public what a project changed; a news item is what a programme announces.
Both carry the programmes, projects, themes and countries they are about, which the listing
filters by and a story's page shows the project's facts from.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.blocks import BodyBlock
from portal.core.pages import BasePage, LandingPageBase

LEAD_IMAGE_NEEDS_ALT = _("Describe the image for people who cannot see it.")
SLUG_RESERVED = _("This web address is used by the news pages themselves; choose another.")
# Paths below /news/ that the portal's own views answer (hub/news/urls.py).
RESERVED_SLUGS = frozenset({"new", "manage"})


class NewsIndexPage(LandingPageBase):
    """The listing at /news/: news and stories, newest first, with filters and feeds."""

    shares_signed_in_cache = True  # every personal part is a piece

    subpage_types = ["hub_news.ArticlePage"]
    page_view = "hub.news.page_views.NewsListingView"
    template = "hub/news/news_index_page.html"

    class Meta:
        verbose_name = _("news and stories")


class ArticlePage(BasePage):
    """A news item or a story, kept by the programmes it is about."""

    shares_signed_in_cache = True  # every personal part is a piece
    read_with_page = ("locale", "lead_image")

    class Kind(models.TextChoices):
        NEWS = "news", _("News")
        STORY = "story", _("Story")

    kind = models.CharField(_("type"), max_length=5, choices=Kind.choices, default=Kind.NEWS)
    date = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        db_index=True,
        help_text=_("Shown on the article and used to order the listing."),
    )
    programmes = ParentalManyToManyField(
        "accounts.Programme", verbose_name=_("programmes"), related_name="articles"
    )
    projects = ParentalManyToManyField(
        "hub.Project",
        verbose_name=_("projects"),
        blank=True,
        related_name="articles",
        help_text=_("A story shows the facts of its first project beside it."),
    )
    themes = ParentalManyToManyField(
        "hub.Theme", verbose_name=_("themes"), blank=True, related_name="articles"
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    lead_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("lead image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lead_image_alt = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    lead_image_credit = models.CharField(
        _("image credit"), max_length=200, blank=True, help_text=_("E.g. “© Jana Novak”.")
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("date"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldPanel("lead_image_alt"),
                FieldPanel("lead_image_credit"),
            ],
            heading=_("Lead image"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("programmes"),
                FieldPanel("projects"),
                FieldPanel("themes"),
                FieldPanel("countries"),
            ],
            heading=_("What it is about"),
        ),
    ]
    promote_panels = Page.promote_panels
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("lead_image_credit"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]

    parent_page_types = ["hub_news.NewsIndexPage"]
    subpage_types: list[str] = []
    page_view = "hub.news.page_views.ArticleView"
    template = "hub/news/article_page.html"

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [models.Index(fields=["kind", "date"])]

    def clean(self):
        super().clean()
        errors = {}
        if self.lead_image_id and not self.lead_image_alt.strip():
            errors["lead_image_alt"] = ValidationError(LEAD_IMAGE_NEEDS_ALT, code="alt_missing")
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = ValidationError(SLUG_RESERVED, code="slug_reserved")
        if errors:
            raise ValidationError(errors)

    @property
    def is_story(self) -> bool:
        return self.kind == self.Kind.STORY
