from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from .navigation import main_sections


def site_chrome(request):
    """Header sections for public templates; evaluated only by templates that show them."""

    def sections():
        return main_sections(Site.find_for_request(request))

    return {"main_sections": SimpleLazyObject(sections)}
