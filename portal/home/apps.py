from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "portal.home"
    label = "home"
    verbose_name = _("Home and standard pages")

    def ready(self):
        from portal.core import navigation

        from . import gdpr  # noqa: F401  (accessibility feedback in "download my data")
        from .models import AccessibilityStatementPage

        navigation.register_site_page("accessibility", AccessibilityStatementPage)
