"""The sitemap: Wagtail's pages in every language, then the sections outside the page tree.

Each page is listed once per language it is written in (the original and its live
translations), each entry naming the others as `hreflang` alternates; a page shown in its
original language under another language's prefix is not a version of its own and is left out.

Parts of the portal with public records outside the page tree (the hub's calls, vacancies
and projects) register a sitemap class here in their `AppConfig.ready()`; `/sitemap.xml`
lists them after the pages, under every language's prefix, every address starting with the
portal's base address.
"""

from collections import defaultdict
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap
from wagtail.models import Page

from .links import site_base_url

_sections: dict[str, type[Sitemap]] = {}


class PortalSitemap(Sitemap):
    """Addresses on the portal's base address (`SITE_BASE_URL`), as the pages' are, whatever
    host the request came to, in every language of the interface.

    A record outside the page tree (a call, a vacancy, a project) is written once, in its own
    language, and shown under every language's prefix with the interface in that language, so
    each address is listed under all 24 prefixes, naming the others as `hreflang` alternates
    and English as `x-default`."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol=None):
        return urlsplit(site_base_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_base_url()).netloc


class TranslatedPageSitemap(PageSitemap):
    """The site's pages in all their languages, each with its translations as alternates."""

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        below_a_root = Q()
        for root in roots.only("path"):
            below_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.filter(below_a_root)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        pages = list(self.paginator.page(page).object_list)
        versions = defaultdict(list)
        # One query for the versions of every page of this sitemap page.
        translations = (
            Page.objects.live()
            .public()
            .filter(translation_key__in={page.translation_key for page in pages})
            .select_related("locale")
            .only("url_path", "translation_key", "locale__language_code")
            .order_by("locale__language_code")
        )
        for version in translations:
            versions[version.translation_key].append(
                {"lang_code": version.locale.language_code, "location": version.get_full_url()}
            )
        by_location = {}
        for page in pages:
            alternates = versions.get(page.translation_key, [])
            if len(alternates) > 1:
                default = [
                    {"lang_code": "x-default", "location": alternate["location"]}
                    for alternate in alternates
                    if alternate["lang_code"] == settings.LANGUAGE_CODE
                ]
                by_location[page.get_full_url(self.request)] = alternates + default
        for url in urls:
            url["alternates"] = by_location.get(url["location"], [])
        return urls


def register_sitemap(key: str, sitemap: type[PortalSitemap]) -> None:
    _sections[key] = sitemap


def all_sitemaps() -> dict:
    return {"wagtail": TranslatedPageSitemap, **dict(sorted(_sections.items()))}
