from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from portal.core import navigation

        from . import (
            personas,  # noqa: F401  (registers its system check)
            profile_versions,
            signals,
        )

        signals.connect()
        profile_versions.connect()

        navigation.register_view_section(
            url_name="accounts:programme_list", title=_("Programmes"), order=10
        )
