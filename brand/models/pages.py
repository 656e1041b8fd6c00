"""The brand book (pages below /brand/) and the asset library page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.core.pages import BasePage, LandingPageBase

from ..blocks import BrandBookBlock


class BrandLandingPage(LandingPageBase):
    """/brand/: the brand book's chapters, the asset library and the logo generator."""

    shares_signed_in_cache = True  # every personal part is a piece

    subpage_types = ["brand.BrandBookPage", "brand.AssetLibraryPage"]

    page_view = "brand.page_views.BrandLandingView"

    class Meta:
        verbose_name = _("Brand landing page")


class BrandBookPage(BasePage):
    """One chapter of the brand book: narrative, logo rules, colours, typography…"""

    shares_signed_in_cache = True  # every personal part is a piece

    body = StreamField(BrandBookBlock(), use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    parent_page_types = ["brand.BrandLandingPage", "brand.BrandBookPage"]
    subpage_types = ["brand.BrandBookPage"]

    page_view = "brand.page_views.BrandBookView"

    class Meta:
        verbose_name = _("brand book page")


class AssetLibraryPage(BasePage):
    """The asset library: filters, search and a grid of previews. It lists assets by access
    level, so its copy is kept per audience (portal.core.access.Audience)."""

    shares_signed_in_cache = True  # every personal part is a piece

    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["brand.BrandLandingPage"]
    subpage_types = []

    page_view = "brand.page_views.AssetLibraryView"

    class Meta:
        verbose_name = _("asset library page")
