"""The home page as the root of the default site."""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from portal.core.pages import publish_child

from .models import HomePage

SITE_NAME = settings.WAGTAIL_SITE_NAME
WAGTAIL_WELCOME_PAGE_SLUG = "home"


def install_home_page(home: HomePage) -> HomePage:
    """Publish `home` at the top of the page tree and make it the default site's root, in place
    of the welcome page that Wagtail's migrations create."""
    # Wagtail's migrations create these; an emptied database (transactional and browser tests)
    # has none.
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
    for welcome in root.get_children().filter(slug=WAGTAIL_WELCOME_PAGE_SLUG):
        if welcome.specific_class is Page and welcome.is_leaf():
            welcome.delete()
    publish_child(root, home)
    # Wagtail builds full page addresses (the sitemap's, for one) from its Site record: give it
    # the portal's base address so that they agree with every other link the portal builds.
    hostname, port = site_address()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=SITE_NAME,
        )
    else:
        site.root_page = home
        site.site_name = SITE_NAME
        site.hostname = hostname
        site.port = port
        site.save()
    return home


def site_address() -> tuple[str, int]:
    """The host name and port of SITE_BASE_URL, as Wagtail's Site record holds them."""
    base = urlsplit(settings.SITE_BASE_URL)
    return base.hostname or "localhost", base.port or (443 if base.scheme == "https" else 80)
