"""The header's sections and the footer's links.

The main navigation shows the site's sections that are pages (children of the home page shown
in menus, in the tree's order, cached until the next publish), then the sections that are
views, which the app owning each address registers in its `AppConfig.ready()`:

    navigation.register_view_section(
        url_name="accounts:programme_list", title=_("Programmes"), order=10
    )

A view section is marked current on every address below its own (a programme's page is in
"Programmes"). Its title stays a lazy translation, read in the visitor's language.

The footer links to the pages editors choose in the site's settings. Pages that every site has
one of (the accessibility statement the footer links to, news and stories that the home page
and programmes' pages link to) are registered by type by their app:

    navigation.register_site_page("accessibility", AccessibilityStatementPage)

and found at `site_links.site_pages.<name>` (`site_page_url(request, name)` in a view). The
sections, the footer's pages and the site's pages are read in one query after a publish
(`site_links`), and kept until the next one.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from .access import public_only
from .cache import cached_value
from .languages import path_in_language
from .models import SiteChromeSettings

NAVIGATION_SECONDS = 60 * 60


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    path: str  # the tree path, to mark the current section; a view section's own address
    is_page: bool = True
    language: str = ""  # the title's language where it is not the visitor's (not translated)


@dataclass(frozen=True)
class ViewSection:
    url_name: str
    title: str
    order: int


_view_sections: dict[str, ViewSection] = {}


def register_view_section(*, url_name: str, title: str, order: int) -> None:
    """Show the view at `url_name` (a URL without arguments) in the main navigation."""
    _view_sections[url_name] = ViewSection(url_name, title, order)


def unregister_view_section(url_name: str) -> None:
    _view_sections.pop(url_name, None)


_site_pages: dict[str, type[Page]] = {}


def register_site_page(name: str, model: type[Page]) -> None:
    """Give every page the address of the live public page of type `model`, in the visitor's
    language where it is translated (else the original): templates find it as
    `site_links.site_pages.<name>`, views with `site_page_url`."""
    _site_pages[name] = model


def unregister_site_page(name: str) -> None:
    _site_pages.pop(name, None)


@dataclass(frozen=True)
class SiteLinks:
    """What the header and the footer of every page link to, in one language."""

    sections: list[NavItem]  # the sections that are pages; `main_sections` adds the views
    footer_pages: list[Page]
    site_pages: dict[str, str]  # a registered site page's name → its address


def _build_site_links(site: Site, language: str, footer_page_ids: list[int]) -> SiteLinks:
    """The sections, the footer's pages and the site's pages in `language`, in one query: each
    section's translation where it has a live one, else the original under the language's
    prefix (where it is shown with a notice)."""
    root = site.root_page
    in_menu = Q(depth=root.depth + 1, path__startswith=root.path, show_in_menus=True)
    wanted = in_menu | Q(pk__in=footer_page_ids)
    content_types = ContentType.objects.get_for_models(*_site_pages.values())
    site_page_types = {name: content_types[model].pk for name, model in _site_pages.items()}
    if site_page_types:
        wanted |= Q(content_type_id__in=site_page_types.values())
    translating = language != settings.LANGUAGE_CODE
    if translating:
        section_keys = Page.objects.live().filter(in_menu).values("translation_key")
        wanted |= Q(locale__language_code=language, translation_key__in=section_keys)
    pages = list(
        Page.objects.live()
        .filter(wanted)
        .annotate(language_code=F("locale__language_code"))
        .order_by("path")
    )
    public = {page.pk for page in public_only(pages)}
    root_url = root.url_path
    translated = {page.translation_key: page for page in pages if page.language_code == language}
    sections = []
    for page in pages:
        if not (
            page.depth == root.depth + 1
            and page.path.startswith(root.path)
            and page.show_in_menus
            and page.pk in public
        ):
            continue
        url = path_in_language("/" + page.url_path[len(root_url) :], language)
        shown = translated.get(page.translation_key) if translating else page
        if shown is None:
            sections.append(
                NavItem(title=page.title, url=url, path=page.path, language=settings.LANGUAGE_CODE)
            )
        else:
            sections.append(NavItem(title=shown.title, url=url, path=shown.path))
    by_pk = {page.pk: page for page in pages}
    # Their own types give their addresses (a language's prefix): read with what was read here.
    footer_pages = [by_pk[pk].specific_deferred for pk in footer_page_ids if pk in by_pk]
    preference = {language: 0, settings.LANGUAGE_CODE: 1}
    site_pages = {}
    for name, content_type_id in site_page_types.items():
        candidates = [
            page for page in pages if page.content_type_id == content_type_id and page.pk in public
        ]
        if candidates:
            chosen = min(
                candidates, key=lambda page: (preference.get(page.language_code, 2), page.path)
            )
            site_pages[name] = chosen.specific_deferred.url or ""
    return SiteLinks(sections=sections, footer_pages=footer_pages, site_pages=site_pages)


def site_links(site: Site | None) -> SiteLinks:
    """What the header and footer of every page on `site` link to, in the visitor's language:
    kept until the next publish."""
    if site is None:
        return SiteLinks(sections=[], footer_pages=[], site_pages={})
    language = translation.get_language() or settings.LANGUAGE_CODE
    return cached_value(
        ("site-links", site.pk, language),
        lambda: _build_site_links(
            site, language, SiteChromeSettings.for_site(site).footer_page_ids
        ),
        NAVIGATION_SECONDS,
    )


def site_page_url(request, name: str) -> str:
    """The address of the site's page registered as `name` in the visitor's language, or "":
    read with the header's links, and kept with them."""
    return site_links(Site.find_for_request(request)).site_pages.get(name, "")


def _view_items() -> list[NavItem]:
    items = []
    for section in sorted(_view_sections.values(), key=lambda item: (item.order, item.url_name)):
        url = reverse(section.url_name)
        items.append(NavItem(title=section.title, url=url, path=url, is_page=False))
    return items


def main_sections(site: Site | None, links: SiteLinks | None = None) -> list[NavItem]:
    """The header's sections: the pages (from `links`, when the caller holds them already),
    then the views."""
    links = links if links is not None else site_links(site)
    return [*links.sections, *_view_items()]


def current_section_path(
    page: Page | None, sections: list[NavItem], request_path: str = ""
) -> str | None:
    if isinstance(page, Page):
        for item in sections:
            if item.is_page and page.path.startswith(item.path):
                return item.path
        return None
    for item in sections:  # views that are not pages belong to the view section above them
        if not item.is_page and request_path.startswith(item.url):
            return item.path
    return None
