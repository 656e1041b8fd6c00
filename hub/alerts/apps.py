from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Saved searches of the hub's listings, and the engine that tells their owners about
    what they select. The listings register what may be watched (`sources`)."""

    name = "hub.alerts"
    label = "hub_alerts"
    verbose_name = _("Alerts")

    def ready(self):
        from . import gdpr  # noqa: F401  ("download my data")
