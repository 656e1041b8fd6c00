from django import template
from django.templatetags.static import static

from portal.core.languages import language_versions as versions_of
from portal.core.navigation import current_section_path
from portal.core.page_languages import shown_in_other_language
from portal.core.query import query_data

register = template.Library()


@register.simple_tag
def static_url(path: str) -> str:
    """`{% static %}` as a simple tag, usable in components included with `only`."""
    return static(path)


@register.simple_tag
def current_section(page, sections, request_path=""):
    return current_section_path(page, list(sections or []), request_path)


@register.simple_tag
def query_with(request, **changes) -> str:
    """The current query string with `changes` applied, for pagination links."""
    query = query_data(request)
    for key, value in changes.items():
        query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The current page in each of the 24 languages (the switcher, `hreflang`)."""
    return versions_of(context.get("request"), context.get("language_page_paths"))


@register.filter
def other_language(page) -> str:
    """The language of `page`'s words where it is not the visitor's (a page not yet
    translated), else "": for its `lang` (no query)."""
    return shown_in_other_language(page) or ""
