"""The header's sections and the footer's links.

The main navigation shows the site's sections that are pages (children of the home page shown
in menus, in the tree's order, cached until the next publish), then the sections that are
views, which the app owning each address registers in its `AppConfig.ready()`:

    navigation.register_view_section(
        url_name="accounts:programme_list", title=_("Programmes"), order=10
    )

A view section is marked current on every address below its own (a programme's page is in
"Programmes"). Its title stays a lazy translation, read in the visitor's language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, Site

from .access import public_pages
from .cache import cached_value
from .languages import path_in_language

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


def _build_sections(site: Site, language: str) -> list[NavItem]:
    """The sections in `language`: each one's translation where it has a live one, else the
    original under the language's prefix (where it is shown with a notice)."""
    pages = list(
        public_pages(site.root_page.get_children().live().in_menu()).only(
            "title", "url_path", "path", "translation_key"
        )
    )
    root_url = site.root_page.url_path
    translated = {}
    if language != settings.LANGUAGE_CODE:
        translated = {
            page.translation_key: page
            for page in Page.objects.live()
            .filter(
                translation_key__in=[page.translation_key for page in pages],
                locale__language_code=language,
            )
            .only("title", "path", "translation_key")
        }
    items = []
    for page in pages:
        url = path_in_language("/" + page.url_path[len(root_url) :], language)
        shown = translated.get(page.translation_key)
        if shown is None and language != settings.LANGUAGE_CODE:
            items.append(
                NavItem(title=page.title, url=url, path=page.path, language=settings.LANGUAGE_CODE)
            )
        else:
            shown = shown or page
            items.append(NavItem(title=shown.title, url=url, path=shown.path))
    return items


def _view_items() -> list[NavItem]:
    items = []
    for section in sorted(_view_sections.values(), key=lambda item: (item.order, item.url_name)):
        url = reverse(section.url_name)
        items.append(NavItem(title=section.title, url=url, path=url, is_page=False))
    return items


def main_sections(site: Site | None) -> list[NavItem]:
    if site is None:
        return []
    language = translation.get_language()
    pages = cached_value(
        ("nav-sections", site.pk, language),
        lambda: _build_sections(site, language),
        NAVIGATION_SECONDS,
    )
    return [*pages, *_view_items()]


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
