from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "hub.calls"
    label = "hub_calls"
    verbose_name = _("Calls for proposals")

    def ready(self):
        from hub.alerts import sources
        from portal.core import navigation

        from . import alerts, sections

        sources.register(alerts.SOURCE)
        sections.register()
        # "Calls" in the header: the visible name stays short; the page says the rest.
        navigation.register_view_section(url_name="hub_calls:call_list", title=_("Calls"), order=20)
