"""The one module that answers who someone is in Interreg. Views and templates never inspect
groups, functions or affiliation rows themselves; they ask here.

Answers come from the user's approved affiliations, read once per request and kept on the
user object, so asking many questions costs one query; and kept in the cache between requests
until anyone's affiliations, groups, permissions or verified addresses change
(`identity_changed`, called by the signals in portal/accounts/signals.py), so that a signed-in
page served from its shared copy asks none.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models import F, IntegerField, Q, Value
from django.db.models.functions import Concat

from portal.core.versions import Version

from .models import Affiliation, Programme, User

Function = Affiliation.Function

# Functions that make someone programme staff. Project partners work for funded projects, not
# for the programme; "other" covers people whose role a programme has not classified.
STAFF_FUNCTIONS = frozenset(
    {
        Function.MANAGING_AUTHORITY,
        Function.JOINT_SECRETARIAT,
        Function.NATIONAL_CONTACT_POINT,
        Function.CONTROLLER,
        Function.AUDITOR,
        Function.COMMUNICATION_OFFICER,
        Function.FINANCE_OFFICER,
    }
)
# Controllers and auditors check programme finances; they are kept out of the finance staff's
# closed space wherever they hold that function.
FINANCE_EXCLUDED_FUNCTIONS = frozenset({Function.CONTROLLER, Function.AUDITOR})

_CACHE_ATTRIBUTE = "_approved_affiliations"
_VERIFIED_ATTRIBUTE = "_has_verified_email"
_GROUPS_ATTRIBUTE = "_group_ids"


def _approved(user) -> list[tuple[int, str, bool]]:
    """(programme id, function, is programme admin) for each approved affiliation."""
    if not getattr(user, "is_authenticated", False):
        return []
    if not hasattr(user, _CACHE_ATTRIBUTE):
        _read_identity(user)
    return getattr(user, _CACHE_ATTRIBUTE)


_AFFILIATION, _PERMISSION, _VERIFIED, _GROUP = "affiliation", "permission", "verified", "group"


# Short, although every change forgets them at once: a change made while the cache server
# could not be reached is not announced to it.
IDENTITY_SECONDS = 10 * 60
IDENTITY_VERSION = Version("identity-version", while_unreachable=None)


def identity_changed() -> None:
    """Forget every person's kept identity: now, and again once the transaction commits, so
    that a request reading the old rows meanwhile cannot keep them under the new version."""
    IDENTITY_VERSION.changed()


def kept_with_identity(user, name: str, build):
    """`build()`, what `name` says about `user`, kept between requests like their identity:
    until `identity_changed()`. What it reads must call that when it changes (community
    memberships do)."""
    version = IDENTITY_VERSION.current()
    if version is None:  # the cache server is down
        return build()
    # The moment the account was made too: an id a deleted account leaves may be given again.
    # Superusers' permissions are not read, so the flag is part of what is kept.
    joined = user.date_joined.timestamp()
    key = f"{name}:{version}:{user.pk}:{joined}:{int(user.is_superuser)}"
    kept = cache.get(key)
    if kept is None:
        kept = build()
        cache.set(key, kept, timeout=IDENTITY_SECONDS)
    return kept


def _read_identity(user) -> None:
    """What every request asks about its person (second factors need the permissions and the
    affiliations, community pages the verified address, access levels the groups), from the
    cache or in one query, kept on the user for the rest of the request. Permissions go where
    Django's backend looks first, so `user.has_perm` (Wagtail's user bar asks on every page)
    reads nothing."""
    # Named apart from what was kept before groups were part of it.
    approved, held, has_verified, group_ids = kept_with_identity(
        user, "identity-with-groups", lambda: _query_identity(user)
    )
    setattr(user, _CACHE_ATTRIBUTE, list(approved))
    setattr(user, _VERIFIED_ATTRIBUTE, has_verified)
    setattr(user, _GROUPS_ATTRIBUTE, set(group_ids))
    if not user.is_superuser:
        user._perm_cache = set(held)


def _query_identity(user) -> tuple[list, set, bool, set]:
    """(approved affiliations, permissions held, has a verified address, group ids), in one
    query."""
    columns = ("row_kind", "row_label", "row_programme", "row_flag")
    affiliations = (
        Affiliation.objects.filter(user=user, status=Affiliation.Status.APPROVED)
        .annotate(
            row_kind=Value(_AFFILIATION), row_label=F("function"), row_programme=F("programme_id")
        )
        .annotate(row_flag=F("is_programme_admin"))
        .order_by()  # compound queries take no ORDER BY in their parts (SQLite)
        .values_list(*columns)
    )
    verified = (
        EmailAddress.objects.filter(user=user, verified=True)
        .annotate(
            row_kind=Value(_VERIFIED),
            row_label=Value(""),
            row_programme=Value(None, IntegerField()),
        )
        .annotate(row_flag=Value(True))
        .order_by()
        .values_list(*columns)
    )
    groups = (
        Group.objects.filter(user=user)
        .annotate(row_kind=Value(_GROUP), row_label=Value(""), row_programme=F("pk"))
        .annotate(row_flag=Value(False))
        .order_by()
        .values_list(*columns)
    )
    parts = [verified, groups]
    # Superusers hold every permission; Django answers for them without the backend's cache.
    if not user.is_superuser:
        permissions = (
            Permission.objects.filter(Q(user=user) | Q(group__user=user))
            .annotate(row_kind=Value(_PERMISSION), row_programme=Value(None, IntegerField()))
            .annotate(row_label=Concat("content_type__app_label", Value("."), "codename"))
            .annotate(row_flag=Value(False))
            .order_by()
            .values_list(*columns)
        )
        parts.append(permissions)
    approved, held, group_ids, has_verified = [], set(), set(), False
    for kind, label, programme, flag in affiliations.union(*parts, all=True):
        if kind == _AFFILIATION:
            approved.append((programme, label, flag))
        elif kind == _PERMISSION:
            held.add(label)
        elif kind == _GROUP:
            group_ids.add(programme)
        else:
            has_verified = True
    return approved, held, has_verified, group_ids


def forget(user) -> None:
    """Drop the cached answers after the user's affiliations changed."""
    for attribute in (_CACHE_ATTRIBUTE, _VERIFIED_ATTRIBUTE, _GROUPS_ATTRIBUTE, "_perm_cache"):
        if hasattr(user, attribute):
            delattr(user, attribute)


def _programme_id(programme: Programme | int | None) -> int | None:
    return programme.pk if isinstance(programme, Programme) else programme


def _functions(user, programme=None) -> set[str]:
    programme_id = _programme_id(programme)
    return {
        function
        for held_programme, function, _ in _approved(user)
        if programme_id is None or held_programme == programme_id
    }


def functions(user) -> set[str]:
    """Every function `user` is approved in, across programmes."""
    return _functions(user)


def has_affiliations(user) -> bool:
    """Has asked to join any programme, approved or not."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Affiliation.objects.filter(user=user).exists()


def has_verified_email(user) -> bool:
    """Has confirmed an e-mail address (asked once per request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if not hasattr(user, _VERIFIED_ATTRIBUTE):
        _read_identity(user)
    return getattr(user, _VERIFIED_ATTRIBUTE)


def group_ids(user) -> set[int]:
    """The ids of the groups `user` belongs to (asked once per request)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if not hasattr(user, _GROUPS_ATTRIBUTE):
        _read_identity(user)
    return getattr(user, _GROUPS_ATTRIBUTE)


def is_site_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (user.is_staff or user.is_superuser))


def site_staff():
    """The active accounts `is_site_staff` answers yes for, as a queryset."""
    return User.objects.filter(Q(is_staff=True) | Q(is_superuser=True), is_active=True)


def has_function(user, function: str, programme: Programme | int | None = None) -> bool:
    """Approved in `function`, in `programme` or (without one) in any programme."""
    return function in _functions(user, programme)


def has_any_function(user, functions: Iterable[str], programme=None) -> bool:
    return bool(_functions(user, programme) & set(functions))


def is_programme_staff(user, programme: Programme | int | None = None) -> bool:
    """Approved staff of `programme`, or of any programme when none is given."""
    return has_any_function(user, STAFF_FUNCTIONS, programme)


def staff_programme_ids(user) -> set[int]:
    """The programmes `user` is approved staff of."""
    return programme_ids_with_functions(user, STAFF_FUNCTIONS)


def programme_ids_with_functions(user, functions: Iterable[str]) -> set[int]:
    """The programmes where `user` is approved in one of `functions`."""
    wanted = set(functions)
    return {held for held, function, _ in _approved(user) if function in wanted}


def is_finance_staff(user) -> bool:
    """An approved finance officer who is neither controller nor auditor anywhere."""
    functions = _functions(user)
    return Function.FINANCE_OFFICER in functions and not functions & FINANCE_EXCLUDED_FUNCTIONS


def is_programme_admin(user, programme: Programme | int) -> bool:
    """May handle `programme`'s affiliation requests: its appointed admins and site staff."""
    if is_site_staff(user):
        return True
    programme_id = _programme_id(programme)
    return any(held == programme_id and admin for held, _, admin in _approved(user))


def administered_programme_ids(user) -> set[int]:
    return {held for held, _, admin in _approved(user) if admin}


def may_edit_site(user) -> bool:
    """Editors and administrators of the Wagtail admin."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_site_staff(user):
        return True
    if not hasattr(user, "_perm_cache"):
        _read_identity(user)
    return "wagtailadmin.access_admin" in user._perm_cache


def requires_mfa(user) -> bool:
    """People who can change what others see must sign in with a second factor."""
    return may_edit_site(user) or bool(administered_programme_ids(user))


def has_mfa(user) -> bool:
    second_factors = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)
    return Authenticator.objects.filter(user=user, type__in=second_factors).exists()


def may_moderate(user, subject) -> bool:
    """May moderate `subject`: site staff always; a programme's admins for what belongs to
    their programme (a Programme, or anything with `programme_id`); and anyone a subject names
    in its own `moderator_ids()`. Community spaces answer in `community.access`, which also
    applies each space's eligibility."""
    if is_site_staff(user):
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    programme_id = (
        subject.pk if isinstance(subject, Programme) else getattr(subject, "programme_id", None)
    )
    if programme_id is not None and is_programme_admin(user, programme_id):
        return True
    moderators = getattr(subject, "moderator_ids", None)
    return bool(moderators) and user.pk in moderators()
