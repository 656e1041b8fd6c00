from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "hub.calls"
    label = "hub_calls"
    verbose_name = _("Calls for proposals")

    def ready(self):
        from hub.alerts import sources

        from . import alerts, sections

        sources.register(alerts.SOURCE)
        sections.register()
