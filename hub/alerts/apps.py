from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Saved searches of the hub's listings, and the engine that tells their owners about
    what they select. The listings register what may be watched (`sources`)."""

    name = "hub.alerts"
    label = "hub_alerts"
    verbose_name = _("Alerts")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.accounts.roles import identity_changed

        from . import gdpr  # noqa: F401  ("download my data")
        from .models import SavedSearch

        # Which searches a person saved is kept with their identity (selectors.saved_state).
        def saved_searches_changed(**_kwargs):
            identity_changed()

        post_save.connect(saved_searches_changed, sender=SavedSearch, weak=False)
        post_delete.connect(saved_searches_changed, sender=SavedSearch, weak=False)
