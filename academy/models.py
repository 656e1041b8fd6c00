from django.utils.translation import gettext_lazy as _

from portal.core.pages import LandingPageBase


class AcademyLandingPage(LandingPageBase):
    class Meta:
        verbose_name = _("Academy landing page")
