from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlamConfig(AppConfig):
    name = "campaigns.slam"
    label = "slam"
    verbose_name = _("Interreg Slam")

    def ready(self):
        from . import gdpr  # noqa: F401  ("download my data" and account deletion)
        from .sections import register as register_sections

        register_sections()  # what the programmes' pages show of it
