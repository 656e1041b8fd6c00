from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from . import (
            gdpr,  # noqa: F401  (registers its part of 'download my data')
            signals,  # noqa: F401  (forgets sent e-mails in the task queue)
        )
