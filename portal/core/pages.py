"""What every page type on the portal shares."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from . import cache
from .blocks import BodyBlock


class BasePage(Page):
    """A page whose anonymous responses are cached until the next publish."""

    summary = models.TextField(
        _("summary"),
        blank=True,
        max_length=300,
        help_text=_(
            "One or two sentences shown on cards, in search results and to search engines."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    promote_panels = [*Page.promote_panels, FieldPanel("summary")]

    # Pages showing figures that change without a publish (seats left) are rendered each time.
    shares_anonymous_cache = True

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        cacheable = (
            self.shares_anonymous_cache
            and cache.request_is_cacheable(request)
            and not self._has_view_restrictions()
        )
        if cacheable:
            response = cache.cached_page_response(request)
            if response is not None:
                return response
        response = super().serve(request, *args, **kwargs)
        if cacheable:
            cache.store_page_response(request, response)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Breadcrumbs start at the site's home page, never at Wagtail's invisible root.
        context["breadcrumb_ancestors"] = list(self.get_ancestors().filter(depth__gt=1).live())
        return context

    def get_view_restrictions(self):
        # Wagtail's serve hook and our cache check both ask; one query per request is enough.
        if not hasattr(self, "_view_restrictions"):
            self._view_restrictions = list(super().get_view_restrictions())
        return self._view_restrictions

    def _has_view_restrictions(self) -> bool:
        return bool(self.get_view_restrictions())

    def get_meta_description(self) -> str:
        return self.search_description or self.summary


class LandingPageBase(BasePage):
    """The front page of one of the portal's services."""

    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(BodyBlock(), blank=True, use_json_field=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    max_count = 1
    parent_page_types = ["home.HomePage"]

    class Meta:
        abstract = True
