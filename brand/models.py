from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class BrandLandingPage(LandingPageBase):
    class Meta:
        verbose_name = _("Brand landing page")
