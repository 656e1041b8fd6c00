from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrandConfig(AppConfig):
    name = "brand"
    verbose_name = _("Brand")

    def ready(self):
        from . import gdpr, signals  # noqa: F401  ("download my data"; page cache)
