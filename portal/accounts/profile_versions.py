"""What each person's own account pages are kept under (portal.core.cache.kept_for_person).

The profile form shows their profile row and their names: the names live on the account,
whose every save changes their identity version, already in every kept copy's key; the
profile row changes the version below. The affiliations page shows their affiliation rows,
pending requests and withdrawals included: every save and delete of one changes the identity
version too (portal.accounts.signals), and the programmes it offers change the content
version (`Programme.invalidates_page_cache`), so that page needs nothing more."""

from functools import partial

from django.db.models.signals import post_delete, post_save

from portal.accounts import roles
from portal.core.versions import person_changed, person_version

from .models import Profile

PROFILE = "profile"
roles.version_fetched_with_person(partial(person_version, PROFILE))


def profile_changed(user_ids) -> None:
    person_changed(PROFILE, user_ids)


def profile_versions(request) -> tuple:
    return (person_version(PROFILE, request.user.pk).current(),)


def _row_changed(sender, instance, **_kwargs) -> None:
    profile_changed([instance.user_id])


def connect() -> None:
    post_save.connect(_row_changed, sender=Profile, dispatch_uid="profile-saved")
    post_delete.connect(_row_changed, sender=Profile, dispatch_uid="profile-deleted")
