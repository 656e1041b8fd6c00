from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns: Cooperation Day and Interreg Slam")

    def ready(self):
        from . import gdpr, signals  # noqa: F401  ("download my data"; account deletion)
