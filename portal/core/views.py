import logging

from django.conf import settings
from django.core.cache import cache
from django.db import Error, connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from portal.accounts import roles
from portal.accounts.services import profile_language_save

from . import cache as page_cache
from . import languages
from .cache import cached_value
from .links import absolute_url
from .outages import DATABASE_UNAVAILABLE
from .query import query_data, query_page, query_text
from .search import next_source_change, search_sources
from .selectors import SEARCH_QUERY_MAX_LENGTH, normalise_search_query, site_search
from .sitemaps import all_sitemaps

logger = logging.getLogger(__name__)


@require_GET
def search(request):
    """Searchers share the results of each search, in each language, until the next publish
    or until a result changes by the clock (a call opening, a vacancy closing): visitors, and
    signed-in people whom no page restriction admits (the results are filtered by the pages a
    person may open; the other sources are public)."""
    return page_cache.serve_shared(
        request,
        lambda: _search_page(request),
        signed_in=True,
        keep_for=lambda: page_cache.seconds_until(next_source_change(timezone.now())),
    )


def _search_page(request):
    # One character more than a search takes, to tell the searcher it was cut.
    query = query_text(request, "q", max_length=SEARCH_QUERY_MAX_LENGTH + 1)
    page_number = query_page(request)
    results = site_search(query=query, user=request.user, page_number=page_number)
    # Records outside the page tree (calls, vacancies, projects), listed on the first page.
    sources = (
        search_sources(normalise_search_query(query))
        if results is not None and page_number == 1
        else []
    )
    return render(
        request,
        "core/search.html",
        {
            "query": query[:SEARCH_QUERY_MAX_LENGTH],
            "results": results,
            "source_results": sources,
            "found": (results.paginator.count if results is not None else 0)
            + sum(source.total for source in sources),
            "query_too_long": len(query) > SEARCH_QUERY_MAX_LENGTH,
        },
    )


NO_EDITOR_ACCESS = gettext_lazy(
    "The editors' area is for the people who run the portal's content, and your account is not "
    "one of them. If you think it should be, contact the portal's team."
)


def editors_sign_in(request):
    """Where Wagtail sends people it will not let into the admin. Anyone not signed in goes to
    the one sign-in form; a signed-in person without access is told so, since the sign-in
    form would send them straight back to the admin, and round again."""
    if request.user.is_authenticated:
        return render(request, "403.html", {"exception": NO_EDITOR_ACCESS}, status=403)
    query = request.META.get("QUERY_STRING", "")  # as it came; allauth checks `next` itself
    return redirect(reverse("account_login") + (f"?{query}" if query else ""))


@require_GET
def choose_language(request, code):
    """The language switcher's links: remembers the language (a cookie, and the profile of a
    signed-in person) and goes on to `next`, the same page in that language. A link anyone may
    follow: all it changes is the language the person reads the portal in."""
    if code not in languages.language_codes():
        raise Http404
    target = query_text(request, "next", max_length=2000)
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = "/"
    response = redirect(languages.path_in_language(target, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    if request.user.is_authenticated:
        request.session[languages.SESSION_LANGUAGE_KEY] = code
        profile_language_save(user=request.user, code=code)
    return response


@require_GET
def robots_txt(request):
    sitemap_url = absolute_url(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/"]
    for code in languages.language_codes():
        prefix = languages.path_in_language("/", code)
        lines += [f"Disallow: {prefix}accounts/", f"Disallow: {prefix}search/"]
    lines.append(f"Sitemap: {sitemap_url}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Error:
        logger.exception("Health check: database unavailable")
        return "error"
    return "ok"


def _check_cache() -> str:
    # The cache turns an unreachable server into misses: a value that does not come back is
    # the sign of an outage.
    key = f"healthz:{get_random_string(12)}"
    cache.set(key, "1", timeout=5)
    ok = cache.get(key) == "1"
    cache.delete(key)
    return "ok" if ok else "error"


def _may_see_details(request) -> bool:
    """Which back ends run and which failed is for site staff and monitoring holding the
    token (HEALTHZ_TOKEN, sent as `Authorization: Bearer …`), not for anyone who asks."""
    token = settings.HEALTHZ_TOKEN
    if token and constant_time_compare(request.headers.get("Authorization", ""), f"Bearer {token}"):
        return True
    try:
        return roles.is_site_staff(request.user)
    except DATABASE_UNAVAILABLE:  # the signed-in person cannot be read while the database is down
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _check_database(), "cache": _check_cache()}
    healthy = all(status == "ok" for status in checks.values())
    body = {"status": "ok" if healthy else "error"}
    if _may_see_details(request):
        body.update(
            checks=checks,
            cache_backend=settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
            database_vendor=connection.vendor,
        )
    return JsonResponse(body, status=200 if healthy else 503)


SITEMAP_SECONDS = 60 * 60


@require_GET
def sitemap(request):
    """Wagtail's sitemap of public pages, kept until the next publish."""

    def build():
        response = wagtail_sitemap(request, sitemaps=all_sitemaps())
        response.render()
        return response.status_code, response.content

    status, content = cached_value(
        ("sitemap", request.get_host(), query_data(request).urlencode()), build, SITEMAP_SECONDS
    )
    return HttpResponse(content, status=status, content_type="application/xml")
