"""What changes a person's identity, as roles.py keeps it between requests: approved
affiliations, groups and permissions (their own and their groups'), verified addresses. Each
such change forgets every kept identity; they are rare next to the requests that read them."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Affiliation, User
from .roles import identity_changed


def _changed(**_kwargs) -> None:
    identity_changed()


def connect() -> None:
    for model in (Affiliation, EmailAddress):
        post_save.connect(_changed, sender=model, dispatch_uid=f"identity-saved-{model.__name__}")
    # Deleting a group or permission deletes its links without an m2m signal.
    for model in (Affiliation, EmailAddress, Group, Permission):
        post_delete.connect(
            _changed, sender=model, dispatch_uid=f"identity-deleted-{model.__name__}"
        )
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(
            _changed, sender=through, dispatch_uid=f"identity-links-{through.__name__}"
        )
