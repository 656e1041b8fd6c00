from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BrandConfig(AppConfig):
    name = "brand"
    verbose_name = _("Brand")

    def ready(self):
        from . import gdpr  # noqa: F401  (adds the brand's part to "download my data")
