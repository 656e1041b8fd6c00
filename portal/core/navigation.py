"""The header's sections and the footer's links, cached until the next publish."""

from dataclasses import dataclass

from wagtail.models import Page, Site

from .cache import cached_value

NAVIGATION_SECONDS = 60 * 60


@dataclass(frozen=True)
class NavItem:
    title: str
    url: str
    path: str  # the tree path, to mark the current section


def _build_sections(site: Site) -> list[NavItem]:
    pages = (
        site.root_page.get_children().live().public().in_menu().only("title", "url_path", "path")
    )
    root_url = site.root_page.url_path
    return [
        NavItem(title=page.title, url="/" + page.url_path[len(root_url) :], path=page.path)
        for page in pages
    ]


def main_sections(site: Site | None) -> list[NavItem]:
    if site is None:
        return []
    return cached_value(
        ("nav-sections", site.pk), lambda: _build_sections(site), NAVIGATION_SECONDS
    )


def current_section_path(page: Page | None, sections: list[NavItem]) -> str | None:
    if not isinstance(page, Page):  # views that are not pages have no section
        return None
    for item in sections:
        if page.path.startswith(item.path):
            return item.path
    return None
