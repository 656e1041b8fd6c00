from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community spaces")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from portal.accounts.roles import identity_changed

        from . import gdpr, scopes, versions  # noqa: F401  (registrations)
        from .models import Membership

        versions.connect()  # what the threads, thread lists and search are kept under

        # Memberships are kept with each person's identity (community.access.for_user).
        def memberships_changed(**_kwargs):
            identity_changed()

        post_save.connect(memberships_changed, sender=Membership, weak=False)
        post_delete.connect(memberships_changed, sender=Membership, weak=False)
