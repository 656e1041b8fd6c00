from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationDayConfig(AppConfig):
    name = "campaigns.cooperation_day"
    label = "cooperation_day"
    verbose_name = _("Cooperation Day")

    def ready(self):
        from . import (
            gdpr,  # noqa: F401  ("download my data" and account deletion)
            organiser_versions,
        )
        from .sections import register as register_sections

        register_sections()  # what the programmes' pages show of it
        organiser_versions.connect()
