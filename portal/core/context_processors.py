from django.utils.crypto import salted_hmac
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .navigation import main_sections, site_links


def site_chrome(request):
    """The header's sections and what the footer links to, for public templates; evaluated
    only by templates that show them."""

    # Read once for the header and the footer.
    links = SimpleLazyObject(lambda: site_links(Site.find_for_request(request)))
    return {
        "main_sections": SimpleLazyObject(lambda: main_sections(None, links)),
        "site_links": links,
    }


def draft_scope(user) -> str:
    """What keeps a signed-in person's unsent text apart in the browser (static/js/drafts.js):
    a name for their account that says nothing about it, so the next person signing in on
    the same tab never sees it."""
    if user is None or not user.is_authenticated:
        return ""
    return salted_hmac("portal.core.drafts", str(user.pk)).hexdigest()[:24]


def drafts(request):
    return {"draft_scope": SimpleLazyObject(lambda: draft_scope(getattr(request, "user", None)))}
