from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from django.db.models.signals import post_delete

        from portal.accounts.models import User

        from . import (
            gdpr,  # noqa: F401  (registers its part of 'download my data')
            signals,  # noqa: F401  (forgets sent e-mails in the task queue)
        )
        from .services import unread_changed

        # The count is kept by the account's id: a deleted account's goes with it, however
        # the account is deleted.
        def account_deleted(*, instance, **_kwargs):
            unread_changed(users=[instance])

        post_delete.connect(account_deleted, sender=User, weak=False)
