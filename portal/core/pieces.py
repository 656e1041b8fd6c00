"""The personal pieces of every page's body tag and foot (portal.core.personal)."""

from django.template import Context, Template
from django.template.loader import render_to_string
from wagtail.models import Page

from .context_processors import draft_scope
from .personal import piece

USERBAR = Template("{% load wagtailuserbar %}{% wagtailuserbar position %}")


@piece("draft_attributes", same_for_visitors=True)
def draft_attributes(request) -> str:
    return render_to_string(
        "components/draft_attributes.html", {"draft_scope": draft_scope(request.user)}
    )


@piece("wagtail_userbar", same_for_visitors=True)
def wagtail_userbar(request, *, position: str, page_id: int | None = None) -> str:
    # Most people may not use the admin: for them the bar costs no query.
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return ""
    page = Page.objects.get(pk=page_id).specific if page_id else None
    return USERBAR.render(Context({"request": request, "page": page, "position": position}))
