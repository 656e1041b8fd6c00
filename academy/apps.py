from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    name = "academy"
    verbose_name = _("Academy")

    def ready(self):
        from . import (
            gdpr,  # noqa: F401  (adds the Academy's part to "download my data")
            learning_versions,
        )

        learning_versions.connect()
