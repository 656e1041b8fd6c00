"""What changes a person's identity, as roles.py keeps it between requests: approved
affiliations, groups and permissions (their own and their groups'), verified addresses, the
account itself. Each such change forgets every kept identity; they are rare next to the
requests that read them."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import Affiliation, User
from .roles import identity_changed, person_signed_in


def _changed(**_kwargs) -> None:
    identity_changed()


def _account_saved(*, instance, created, update_fields, **_kwargs) -> None:
    """The kept row of an account (roles.kept_person) is forgotten whenever the account is
    saved: its password, address, name, active and staff flags are read from it. A new account
    has nothing kept; a sign-in writes only its time, and forgets that one row."""
    if created:
        return
    if update_fields is not None and set(update_fields) == {"last_login"}:
        person_signed_in(instance.pk)
    else:
        identity_changed()


def connect() -> None:
    post_save.connect(_account_saved, sender=User, dispatch_uid="identity-account-saved")
    post_delete.connect(_changed, sender=User, dispatch_uid="identity-account-deleted")
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
