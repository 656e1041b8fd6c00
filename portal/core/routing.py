"""Which page an address names, kept until the next publish.

Wagtail finds a page by walking the tree from the site's root: the active locale, the root
page, then each level's page and its specific row, two queries a level. Here the pages an
address names at every level below the root page of the visitor's language (each one's
`url_path` is its parent's plus its slug) are read in one query, then the page's specific row
in a second; Wagtail's walk answers what that cannot (`_route_by_url_path`): a page type
routing its own sub-addresses, a page missing or not live (a 404, or the original shown below
a translation), a language whose root page is not live. The answer (the page's id and type)
is kept under the content version (portal.core.versions), which every publish, unpublish,
move, deletion and change of view restrictions increments; later requests for the address
read the page in one query. Only the answer is kept: the page itself is read afresh on every
request, and its view restrictions are checked as Wagtail checks them.

A page found by its address carries what that query read besides it: the pages above it from
the site's root (`ROUTE_ANCESTORS`), which its breadcrumbs and view restrictions use, and its
live versions in every language (`ROUTE_TRANSLATIONS`), which its language switcher uses,
instead of asking again.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Q, Subquery
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .page_languages import ROUTE_TRANSLATIONS
from .pages import ROUTE_ANCESTORS, PageWithView
from .versions import versioned_key


def _route_key(site: Site, path: str) -> str:
    return versioned_key("page-route", site.pk, translation.get_language(), path)


def _read_page(model, page_id: int):
    related = getattr(model, "read_with_page", ())
    return model.objects.select_related(*related).filter(pk=page_id).first()


def _kept_route(request, path: str) -> RouteResult | None:
    site = Site.find_for_request(request)
    if site is None:
        return None
    kept = cache.get(_route_key(site, path))
    if kept is None:
        return None
    page_id, content_type_id, url_path = kept
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = _read_page(model, page_id)
    # A page saved without publishing (a slug changed in a script) is found by walking again.
    if page is None or not page.live or page.url_path != url_path:
        return None
    return RouteResult(page)


def _routes_as_wagtail_does(model) -> bool:
    # Every page type of the portal routes with Page.route, or PageWithView.route, which
    # differs from it only once a page is missing; any other type routes itself.
    return model is not None and model.route in (Page.route, PageWithView.route)


def _route_by_url_path(request, path: str) -> RouteResult | None:
    """The page at `path` below the site's root page in the visitor's language, found as
    Wagtail's walk finds it, in two queries; None where only the walk can answer."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root = site.root_page  # read with the site (Wagtail's lookup, kept by CachedSiteMiddleware)
    language = translation.get_language()
    # Wagtail walks from the root's version in the visitor's language (`root_page.localized`),
    # whose address its kept list of site roots holds.
    root_url_path = next(
        (
            root_path.root_path
            for root_path in Site.get_site_root_paths()
            if root_path.site_id == site.pk and root_path.language_code == language
        ),
        None,
    )
    if root_url_path is None:
        return None
    slugs = [part for part in path.split("/") if part]
    url_paths = [
        root_url_path + "".join(f"{slug}/" for slug in slugs[:end])
        for end in range(1, len(slugs) + 1)
    ]
    # Each level's page by its slug too, which is indexed (its url_path is not).
    if url_paths:
        named = Page.objects.filter(
            slug=slugs[-1], url_path=url_paths[-1], depth=root.depth + len(slugs)
        )
        translation_key = Subquery(named.values("translation_key")[:1])
    else:
        translation_key = root.translation_key
    # The page's live versions in every language come with it (portal.core.page_languages).
    pages = Page.objects.filter(
        Q(translation_key=root.translation_key, url_path=root_url_path)
        | Q(slug__in=slugs, url_path__in=url_paths)
        | Q(translation_key=translation_key, live=True)
    ).select_related("locale")
    chain = [
        page
        for page in pages
        if page.translation_key == root.translation_key and page.url_path == root_url_path
    ]
    if len(chain) != 1 or chain[0].locale.language_code != language:
        return None
    if chain[0].pk != root.pk and not chain[0].live:
        return None  # Wagtail walks from the original root
    for url_path in url_paths:
        level = [
            page
            for page in pages
            if page.url_path == url_path
            and page.depth == chain[-1].depth + 1
            and page.path.startswith(chain[-1].path)
        ]
        if len(level) != 1:
            return None
        chain.append(level[0])
    if not all(_routes_as_wagtail_does(page.specific_class) for page in chain):
        return None
    found = chain[-1]
    if not found.live:
        return None
    page = _read_page(found.specific_class, found.pk)
    if page is None:
        return None
    if root.depth == 2:
        setattr(page, ROUTE_ANCESTORS, chain[:-1])
    versions = [version for version in pages if version.translation_key == found.translation_key]
    if all(version in chain or version in versions for version in pages):
        # Else another page at this address chose the versions read (a stale url_path).
        setattr(page, ROUTE_TRANSLATIONS, [version for version in versions if version.live])
    return RouteResult(page)


def _keep_route(request, path: str, route: RouteResult) -> None:
    site = Site.find_for_request(request)
    page, args, kwargs = route
    if site is None or args or kwargs or not isinstance(page, Page):
        return
    cache.set(
        _route_key(site, path),
        (page.pk, page.content_type_id, page.url_path),
        settings.PAGE_CACHE_SECONDS,
    )


def serve(request, path):
    """Wagtail's page view, starting from the kept route when there is one, else from the
    page read by its address (Wagtail takes a route it finds on the request as already
    walked)."""
    kept = None
    if not hasattr(request, "_wagtail_route_for_request"):
        kept = _kept_route(request, path)
        found = kept or _route_by_url_path(request, path)
        if found is not None:
            request._wagtail_route_for_request = found
    response = wagtail_views.serve(request, path)
    walked = getattr(request, "_wagtail_route_for_request", None)
    if kept is None and walked is not None:
        _keep_route(request, path, walked)
    return response
