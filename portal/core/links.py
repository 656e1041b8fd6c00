"""Absolute links for places without a request: e-mails, PDFs, calendar files.

Every absolute address the portal builds starts with `site_base_url()`, which comes from the
SITE_BASE_URL setting (in development: the port `make run` serves on).
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings


def site_base_url() -> str:
    return settings.SITE_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    return f"{site_base_url()}{path}"


def site_domain() -> str:
    """The host (and port, if any) of the base address: "portal.example.org", "127.0.0.1:8100"."""
    return urlsplit(site_base_url()).netloc


def rebase_url(url: str) -> str:
    """`url` with its scheme and host replaced by the base address's (paths are kept)."""
    parts = urlsplit(url)
    path = parts.path or "/"
    if parts.query:
        path += f"?{parts.query}"
    if parts.fragment:
        path += f"#{parts.fragment}"
    return absolute_url(path)


@dataclass(frozen=True)
class PortalSite:
    """The site as django.contrib.sites would describe it (name and domain), for the
    templates of e-mails that expect `current_site`."""

    name: str
    domain: str


def current_site() -> PortalSite:
    return PortalSite(name=settings.WAGTAIL_SITE_NAME, domain=site_domain())
