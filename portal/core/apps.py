from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from . import admin_language, signals  # noqa: F401  (connects the receivers)

        # Each app's personal pieces (portal.core.personal), registered by importing them.
        autodiscover_modules("pieces")
