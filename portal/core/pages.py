"""What every page type on the portal shares."""

import functools
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.url_routing import RouteResult

from . import access, cache, page_languages
from .blocks import BodyBlock
from .languages import language_codes, path_in_language, split_language_prefix

# What a page found by its address holds (portal.core.routing): the pages above it, from the
# site's root page down to its parent, as generic pages, when the site's root page is a child
# of Wagtail's own root.
ROUTE_ANCESTORS = "_route_ancestors"


class PageView:
    """What a page shows and does when it is requested: it binds forms, calls selectors and
    services, and answers POSTs. A page type names its view by dotted path (`page_view`), the
    way Django names URLconfs and middleware: page models sit at the bottom of their app, so
    the forms, selectors and services a view uses may import them without importing back.
    """

    def __init__(self, page: Page, request):
        self.page = page
        self.request = request

    @property
    def source(self) -> Page:
        """The page in its original language: what the page's data (sessions, progress,
        events…) is keyed by, whichever translation was requested."""
        return self.page.original

    def respond(self) -> HttpResponse | None:
        """A response that takes the place of the rendered page (a refusal, a redirect, the
        answer to a POST); None renders the page."""
        if self.request.method == "POST":
            return self.post()
        return None

    def post(self) -> HttpResponse:
        return HttpResponseNotAllowed(["GET"])

    def get_context(self, context: dict) -> dict:
        """`context` (Wagtail's, with the page in it) completed with what the template shows."""
        return context

    # For a page kept once per audience (portal.core.cache): the dotted path of the function
    # `(user) -> audience` telling what decides the records it lists for a person
    # (portal.core.access.Audience, or any value with a `key`). The view then lists for
    # `cache.audience_shown(request, self.audience_of)`. None: one copy serves everyone.
    audience_of: str | None = None

    def render(self) -> TemplateResponse:
        """The page, rendered for this request (for a POST shown again with its errors)."""
        return TemplateResponse(
            self.request, self.page.get_template(self.request), self.page.get_context(self.request)
        )


def publish_child(parent: Page, page: Page) -> Page:
    """Add `page` below `parent` and publish it, as an editor saving and publishing would."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@functools.cache
def _view_class(dotted_path: str) -> type[PageView]:
    return import_string(dotted_path)


class PageWithView(Page):
    """A page type whose requests are handled by its `page_view`."""

    page_view = "portal.core.pages.PageView"
    # Relations every render shows (an image, a linked page), read in the page's own query
    # when a route kept until the next publish finds it (portal.core.routing).
    read_with_page: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @cached_property
    def original(self) -> Page:
        """This page in the default language (itself unless it is a translation): the page its
        records are kept under, so that every translation shows and acts on the same data."""
        return page_languages.original_of(self)

    def get_url_parts(self, request=None):
        """A page not translated into the visitor's language is linked under the visitor's
        prefix (`/fr/academy/…`), where it is shown in its original language; a translation
        with the same slug is found at the same address."""
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, page_path = parts
        language = translation.get_language()
        if (
            language in language_codes()
            and language != settings.LANGUAGE_CODE
            and split_language_prefix(page_path)[0] == settings.LANGUAGE_CODE
        ):
            page_path = path_in_language(page_path, language)
        return site_id, root_url, page_path

    @property
    def shown_language(self) -> str:
        """The language this page's words are in when it is not the visitor's (a page not yet
        translated), else "": what its title and content are marked with (`lang`)."""
        return page_languages.shown_in_other_language(self) or ""

    def route(self, request, path_components):
        """Below a translation, a page not (yet) translated is found in the original's tree and
        shown in its original language; a translation found that way is served instead."""
        try:
            return super().route(request, path_components)
        except Http404:
            original = self.original
            if original.pk == self.pk:
                raise
            result = original.route(request, path_components)
        found = result.page
        if isinstance(found, PageWithView) and not result.args and not result.kwargs:
            translated = found.localized
            if translated.pk != found.pk:
                return RouteResult(translated.specific)
        return result

    def view(self, request) -> PageView:
        """This page's view of `request`, made once per request so that what it learns while
        responding (a POST's errors) is there when the page is rendered."""
        view = getattr(request, "page_view", None)
        if view is None or view.page is not self:
            view = request.page_view = _view_class(self.page_view)(self, request)
        return view

    def serve(self, request, *args, **kwargs):
        response = self.view(request).respond()
        if response is None:
            response = self.serve_page(request, *args, **kwargs)
        return response

    def serve_page(self, request, *args, **kwargs):
        """The page rendered, once its view has let it be."""
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        return self.view(request).get_context(context)


class BasePage(PageWithView):
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

    # Pages showing figures that change without a publish (seats left), unless those figures
    # are personal pieces, are rendered each time.
    shares_anonymous_cache = True
    # Pages whose every personal part is a piece (portal.core.personal) serve signed-in
    # people from the shared copy too, with their pieces filled in.
    shares_signed_in_cache = False

    class Meta:
        abstract = True

    def serve_page(self, request, *args, **kwargs):
        if not (self.shares_anonymous_cache and not self._has_view_restrictions()):
            return super().serve_page(request, *args, **kwargs)
        render_page = super().serve_page
        change = None

        def render():
            nonlocal change
            # Asked before rendering: a change falling during the render leaves nothing kept.
            change = self.shared_copy_changes_at(timezone.now())
            return render_page(request, *args, **kwargs)

        return cache.serve_shared(
            request,
            render,
            signed_in=self.shares_signed_in_cache,
            keep_for=lambda: cache.seconds_until(change),
            audience_of=self.view(request).audience_of,
        )

    def shared_copy_changes_at(self, now):
        """The next moment this page's shared copy stops being true by the clock alone (a
        listing's item closing), or None: it is kept no later."""
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["breadcrumb_ancestors"] = self.breadcrumbs() if self.depth > 2 else []
        context.update(page_languages.language_context(self, request))
        return context

    def breadcrumbs(self) -> list["Crumb"]:
        """The live pages above this one, from the site's home page (never Wagtail's invisible
        root), as the visitor's language links them; kept until the next publish."""
        return cache.cached_value(
            ("breadcrumbs", self.pk, translation.get_language()),
            lambda: [
                # Specific, so that each links to its version in the visitor's language.
                Crumb(
                    ancestor.title,
                    ancestor.get_url() or "",
                    getattr(ancestor, "shown_language", ""),
                )
                for ancestor in self._live_ancestors()
            ],
            settings.PAGE_CACHE_SECONDS,
        )

    def _live_ancestors(self) -> list[Page]:
        # The pages read while finding this one by its address, when it was (portal.core.routing).
        routed = getattr(self, ROUTE_ANCESTORS, None)
        if routed is not None:
            return [page.specific_deferred for page in routed if page.depth > 1 and page.live]
        return list(self.get_ancestors().filter(depth__gt=1).live().specific(defer=True))

    def get_view_restrictions(self):
        # Wagtail's serve hook and our cache check both ask: read once a request, and kept
        # until the next change to pages or restrictions (each drops every kept value).
        # An evaluated queryset: Wagtail's page copy (a translation) asks it .exists().
        if not hasattr(self, "_view_restrictions"):
            restrictions = _restrictions_above(self)
            restrictions._result_cache = self._restrictions_above()
            self._view_restrictions = restrictions
        return self._view_restrictions

    def _restrictions_above(self) -> list[PageViewRestriction]:
        every = access.view_restrictions()
        if not every:
            return []
        routed = getattr(self, ROUTE_ANCESTORS, None)
        if routed is not None:
            # Which pages above this one are aliases is known from finding it by its address.
            paths = set(_paths_above(self))
            sources = {page.alias_of_id for page in [*routed, self] if page.alias_of_id}
            return [
                restriction
                for restriction in every
                if (restriction.page_path in paths and restriction.page_alias_of is None)
                or restriction.page_id in sources
            ]
        return cache.cached_value(
            ("view-restrictions", self.path),
            lambda: list(_restrictions_above(self)),
            settings.PAGE_CACHE_SECONDS,
        )

    def _has_view_restrictions(self) -> bool:
        return bool(self.get_view_restrictions())

    def get_meta_description(self) -> str:
        return self.search_description or self.summary


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str
    shown_language: str = ""  # the title's language where it is not the visitor's


def _paths_above(page: Page) -> list[str]:
    """The tree paths of `page` and of every page above it."""
    return [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]


def _restrictions_above(page: Page):
    """Wagtail's `get_view_restrictions` in one query: the restrictions of `page` and its
    ancestors, an alias among them answering with its source page's restrictions, never its
    own."""
    paths = _paths_above(page)
    sources_of_aliases = Page.objects.filter(path__in=paths, alias_of__isnull=False).values(
        "alias_of"
    )
    return PageViewRestriction.objects.filter(
        Q(page__path__in=paths, page__alias_of__isnull=True) | Q(page__in=sources_of_aliases)
    )


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
