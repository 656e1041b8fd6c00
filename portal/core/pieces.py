"""The personal pieces of every page's body tag and foot (portal.core.personal)."""

from django.template import Context, Template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page

from .context_processors import draft_scope
from .personal import piece

USERBAR = Template("{% load wagtailuserbar %}{% wagtailuserbar position %}")


# The attributes differ between people only by their draft scope: rendered once per process
# for each language with this mark in its place, and filled in for each request.
_DRAFT_SCOPE_MARK = "portal-draft-scope-mark"
_draft_attributes: dict[str, str] = {}


@piece("draft_attributes", same_for_visitors=True)
def draft_attributes(request) -> str:
    language = get_language()
    attributes = _draft_attributes.get(language)
    if attributes is None:
        attributes = _draft_attributes[language] = render_to_string(
            "components/draft_attributes.html", {"draft_scope": _DRAFT_SCOPE_MARK}
        )
    # A scope is hexadecimal digits or empty: nothing in it needs escaping.
    return mark_safe(attributes.replace(_DRAFT_SCOPE_MARK, draft_scope(request.user)))  # noqa: S308


@piece("wagtail_userbar", same_for_visitors=True)
def wagtail_userbar(request, *, position: str, page_id: int | None = None) -> str:
    # Most people may not use the admin: for them the bar costs no query.
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return ""
    page = Page.objects.get(pk=page_id).specific if page_id else None
    return USERBAR.render(Context({"request": request, "page": page, "position": position}))
