from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.core.blocks import BodyBlock
from portal.core.pages import BasePage

UPCOMING_LINK_MISSING = _("Choose a page or enter a web address.")


class HomePage(BasePage):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_cta_label = models.CharField(_("hero button label"), max_length=40, blank=True)
    hero_cta_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero button page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    services_heading = models.CharField(
        _("services heading"), max_length=120, default=_("What the portal offers")
    )
    upcoming_heading = models.CharField(
        _("upcoming heading"), max_length=120, default=_("Coming up")
    )
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_cta_label"),
                FieldPanel("hero_cta_page"),
            ],
            heading=_("Hero"),
        ),
        FieldPanel("services_heading"),
        FieldPanel("upcoming_heading"),
        InlinePanel("upcoming_items", label=_("Upcoming items")),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    page_view = "portal.home.page_views.HomeView"

    class Meta:
        verbose_name = _("home page")


class HomePageUpcomingItem(Orderable):
    """A date worth knowing about, chosen by the editors for the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="upcoming_items")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=250, blank=True)
    link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("link to a page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    link_url = models.URLField(_("or link to a web address"), blank=True)

    panels = [
        FieldPanel("date"),
        FieldPanel("title"),
        FieldPanel("summary"),
        FieldPanel("link_page"),
        FieldPanel("link_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("upcoming item")

    def clean(self):
        if not self.link_page_id and not self.link_url:
            raise ValidationError({"link_page": UPCOMING_LINK_MISSING})

    @property
    def url(self) -> str:
        return self.link_page.url if self.link_page_id else self.link_url


class StandardPage(BasePage):
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")
