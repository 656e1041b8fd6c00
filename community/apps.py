from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community spaces")

    def ready(self):
        from . import gdpr, scopes  # noqa: F401  (registrations)
