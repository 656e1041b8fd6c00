from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class CommunityLandingPage(LandingPageBase):
    """The directory of spaces. Anonymous visitors all see the same list of the spaces open to
    any account; signed-in people see the spaces their eligibility admits, kept once per
    audience (community.access.SpaceAudience), with their own membership in each filled in as
    a piece. A changed space drops every copy; member counts may lag by the cache's lifetime."""

    shares_signed_in_cache = True  # every personal part is a piece

    subpage_types: list[str] = []

    page_view = "community.page_views.DirectoryView"

    class Meta:
        verbose_name = _("Community landing page")
