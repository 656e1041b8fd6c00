from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class CommunityLandingPage(LandingPageBase):
    """The directory of spaces. Anonymous visitors all see the same list of the spaces open to
    any account, so their copy is cached (a changed space drops it; member counts may lag by
    the cache's lifetime); signed-in people get their own directory."""

    subpage_types: list[str] = []

    page_view = "community.page_views.DirectoryView"

    class Meta:
        verbose_name = _("Community landing page")
