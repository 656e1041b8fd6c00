from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class CommunityLandingPage(LandingPageBase):
    class Meta:
        verbose_name = _("Community landing page")
