from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SlamConfig(AppConfig):
    name = "campaigns.slam"
    label = "slam"
    verbose_name = _("Interreg Slam")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.accounts.roles import identity_changed

        from . import (
            gdpr,  # noqa: F401  ("download my data" and account deletion)
            jury_versions,
        )
        from .models import SlamApplication, SlamJuror
        from .sections import register as register_sections

        register_sections()  # what the programmes' pages show of it
        jury_versions.connect()  # what the jury's pages are kept under

        # Who applied in an edition and who sits on its jury are kept with each person's
        # identity (selectors.part_in_edition).
        def part_in_edition_changed(**_kwargs):
            identity_changed()

        for model in (SlamApplication, SlamJuror):
            post_save.connect(part_in_edition_changed, sender=model, weak=False)
            post_delete.connect(part_in_edition_changed, sender=model, weak=False)
