from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class CommunityLandingPage(LandingPageBase):
    """The directory of spaces. Anonymous visitors all see the same invitation to sign in,
    so their copy is cached; signed-in people get their own directory."""

    subpage_types: list[str] = []

    page_view = "community.page_views.DirectoryView"

    class Meta:
        verbose_name = _("Community landing page")
