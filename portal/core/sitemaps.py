"""The sitemap's sections besides Wagtail's pages.

Parts of the portal with public records outside the page tree (the hub's calls, vacancies
and projects) register a sitemap class here in their `AppConfig.ready()`; `/sitemap.xml`
lists them after the pages, every address starting with the portal's base address.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap as PageSitemap

from .links import site_base_url

_sections: dict[str, type[Sitemap]] = {}


class PortalSitemap(Sitemap):
    """Addresses on the portal's base address (`SITE_BASE_URL`), as the pages' are, whatever
    host the request came to."""

    def get_protocol(self, protocol=None):
        return urlsplit(site_base_url()).scheme

    def get_domain(self, site=None):
        return urlsplit(site_base_url()).netloc


def register_sitemap(key: str, sitemap: type[PortalSitemap]) -> None:
    _sections[key] = sitemap


def all_sitemaps() -> dict:
    return {"wagtail": PageSitemap, **dict(sorted(_sections.items()))}
