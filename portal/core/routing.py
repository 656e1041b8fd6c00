"""Which page an address names, kept until the next publish.

Wagtail finds a page by walking the tree from the site's root: the active locale, the root
page, then each level's page and its specific row, two queries a level. The walk's answer (the
page's id and type) is kept under the content version (portal.core.versions), which every
publish, unpublish, move, deletion and change of view restrictions increments; later requests
for the address read the page in one query. Only the answer is kept: the page itself is read
afresh on every request, and its view restrictions are checked as Wagtail checks them.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .versions import versioned_key


def _route_key(site: Site, path: str) -> str:
    return versioned_key("page-route", site.pk, translation.get_language(), path)


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
    related = getattr(model, "read_with_page", ())
    page = model.objects.select_related(*related).filter(pk=page_id).first()
    # A page saved without publishing (a slug changed in a script) is found by walking again.
    if page is None or not page.live or page.url_path != url_path:
        return None
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
    """Wagtail's page view, starting from the kept route when there is one (Wagtail takes a
    route it finds on the request as already walked)."""
    found = None
    if not hasattr(request, "_wagtail_route_for_request"):
        found = _kept_route(request, path)
        if found is not None:
            request._wagtail_route_for_request = found
    response = wagtail_views.serve(request, path)
    walked = getattr(request, "_wagtail_route_for_request", None)
    if found is None and walked is not None:
        _keep_route(request, path, walked)
    return response
