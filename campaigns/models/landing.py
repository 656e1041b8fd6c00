from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class CooperationDayLandingPage(LandingPageBase):
    class Meta:
        verbose_name = _("Cooperation Day landing page")


class SlamLandingPage(LandingPageBase):
    class Meta:
        verbose_name = _("Interreg Slam landing page")
