"""Absolute links for places without a request: e-mails, PDFs, calendar files."""

from django.conf import settings


def site_base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    return f"{site_base_url()}{path}"
