"""The one module that answers who someone is in Interreg. Views and templates never inspect
groups, functions or affiliation rows themselves; they ask here.

Answers come from the user's approved affiliations, read once per request and kept on the
user object, so asking many questions costs one query; and kept in the cache between requests
until anyone's affiliations, groups, permissions, verified addresses or account change
(`identity_changed`, called by the signals in portal/accounts/signals.py), so that a signed-in
page served from its shared copy asks none. The account's own row is kept the same way
(`kept_person`, read by portal.accounts.middleware.AuthenticationMiddleware), and fetched in
one round trip with what every page asks about the person (`asked_on_every_page`).
"""

import hashlib
from collections.abc import Callable, Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connection, transaction
from django.db.models import F, IntegerField, Q, Value
from django.db.models.functions import Concat

from portal.core.versions import CONTENT_VERSION, Version, kept_for_request, read_together

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


def _kept_key(name: str, version: int, user_id) -> str:
    # The person's id alone: deleting an account or changing its superuser flag saves or deletes
    # its row, which changes the version (portal/accounts/signals.py), so an id given again, or
    # permissions read before the flag changed, are never found under it.
    return f"{name}:{version}:{user_id}"


# Names kept with the identity that every signed-in page asks (`asked_on_every_page`): they are
# fetched with the person's row in one round trip (`kept_person`) rather than one by one.
_ASKED_ON_EVERY_PAGE: list[Callable[[], str]] = []
# Where a request keeps what that round trip found (portal.core.versions.kept_for_request).
_FOUND_FOR_REQUEST = "identity-found"


# Keys kept by a person's id alone, apart from the identity version (their unread count, which
# its own changes forget), that every page asks too: fetched in the same round trip.
_FETCHED_WITH_PERSON: list[Callable[[int], str]] = []


def fetched_with_person(key_of: Callable[[int], str]) -> None:
    """Fetch the cache key `key_of(user id)` with each person's row, in the same round trip;
    the caller reads it with `found_with_person`."""
    _FETCHED_WITH_PERSON.append(key_of)


def found_with_person(key: str):
    """What the round trip of `kept_person` found under `key` for this request (None if it
    found nothing, or was not made)."""
    found = kept_for_request()
    return found.get(_FOUND_FOR_REQUEST, {}).get(key) if found is not None else None


def forget_found(keys) -> None:
    """Drop `keys` from what this request found: a change it made to them shows in the rest
    of the request too."""
    found = kept_for_request()
    if found is not None and _FOUND_FOR_REQUEST in found:
        for key in keys:
            found[_FOUND_FOR_REQUEST].pop(key, None)


# The versions that pages read for whoever is signed in (their own, portal.core.versions.
# person_version, or one of everyone's): each fetched with the person's row, in the same round
# trip, and remembered for the request as if it had been read on its own.
_VERSIONS_WITH_PERSON: list[Callable[[int], Version]] = []


def version_fetched_with_person(version_of: Callable[[int], Version]) -> None:
    """Fetch `version_of(user id)` with each person's row, in the same round trip."""
    _VERSIONS_WITH_PERSON.append(version_of)


def asked_on_every_page(name: Callable[[], str]) -> None:
    """Fetch what `name()` (the name given to `kept_with_identity`, which may carry the content
    version) keeps with each person's row, in the same round trip."""
    _ASKED_ON_EVERY_PAGE.append(name)


def kept_with_identity(user, name: str, build):
    """`build()`, what `name` says about `user`, kept between requests like their identity:
    until `identity_changed()`. What it reads must call that when it changes (community
    memberships do)."""
    version = IDENTITY_VERSION.current()
    if version is None:  # the cache server is down
        return build()
    key = _kept_key(name, version, user.pk)
    kept = found_with_person(key)
    if kept is None:
        kept = cache.get(key)
    if kept is None:
        kept = build()
        cache.set(key, kept, timeout=IDENTITY_SECONDS)
    return kept


_ROW = "person-row"
# The password (its hash) is not kept: only what a session's check compares, the session hash.
_ROW_FIELDS = tuple(
    field.attname for field in User._meta.concrete_fields if field.attname != "password"
)


def _row_key(version: int, user_id) -> str:
    # The session hash is signed with the secret key: a process signing with another key (one
    # rotated out) reads no row kept by one signing with the old.
    secret = hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()[:12]
    return _kept_key(f"{_ROW}:{secret}", version, user_id)


def kept_person(user_id, load) -> tuple[User | None, str]:
    """The account `user_id` as its row was when last read (`load()` reads it, or None for no
    account), and the hash its sessions carry (`get_session_auth_hash`); kept between
    requests with the person's identity, and with it what every page asks about them
    (`asked_on_every_page`), all read in one round trip. Any save of the account changes the
    identity version but for a sign-in's time, which forgets the row alone
    (`person_signed_in`): what a session's check reads (the password, whether the account is
    active) and what pages show (name, address) is never older than the account. The kept
    user's password is left to load from the database if something asks for it."""
    read_together(IDENTITY_VERSION, CONTENT_VERSION)
    version = IDENTITY_VERSION.current()
    if version is None:  # the cache server is down
        user = load()
        return user, user.get_session_auth_hash() if user is not None else ""
    row_key = _row_key(version, user_id)
    version_keys = [version_of(user_id).key for version_of in _VERSIONS_WITH_PERSON]
    keys = [
        row_key,
        *(_kept_key(name(), version, user_id) for name in _ASKED_ON_EVERY_PAGE),
        *(key_of(user_id) for key_of in _FETCHED_WITH_PERSON),
        *version_keys,
    ]
    found = cache.get_many(keys)
    kept_for_request_ = kept_for_request()
    if kept_for_request_ is not None:
        kept_for_request_.setdefault(_FOUND_FOR_REQUEST, {}).update(found)
        for key in version_keys:
            # Where `Version.current()` looks first; one not found yet is made by its reader.
            if found.get(key) is not None:
                kept_for_request_.setdefault(key, found[key])
    kept = found.get(row_key)
    # Kept by field name: a row kept before a migration changed the fields is read again.
    if kept is not None and kept["fields"].keys() == set(_ROW_FIELDS):
        fields = kept["fields"]
        user = User.from_db(DEFAULT_DB_ALIAS, _ROW_FIELDS, [fields[name] for name in _ROW_FIELDS])
        return user, kept["session_hash"]
    user = load()
    if user is None:
        return None, ""
    session_hash = user.get_session_auth_hash()
    kept = {
        "fields": {name: getattr(user, name) for name in _ROW_FIELDS},
        "session_hash": session_hash,
    }
    cache.set(row_key, kept, IDENTITY_SECONDS)
    return user, session_hash


def person_signed_in(user_id) -> None:
    """Forget the row of `user_id` after a sign-in wrote its time (nothing else kept about
    them changed): now, and again once the transaction commits."""
    version = IDENTITY_VERSION.current()
    if version is None:
        return
    key = _row_key(version, user_id)
    cache.delete(key)
    if connection.in_atomic_block:
        transaction.on_commit(lambda: cache.delete(key))


# Named apart from what was kept before groups were part of it.
_IDENTITY = "identity-with-groups"
asked_on_every_page(lambda: _IDENTITY)


def _read_identity(user) -> None:
    """What every request asks about its person (second factors need the permissions and the
    affiliations, community pages the verified address, access levels the groups), from the
    cache or in one query, kept on the user for the rest of the request. Permissions go where
    Django's backend looks first, so `user.has_perm` (Wagtail's user bar asks on every page)
    reads nothing."""
    approved, held, has_verified, group_ids = kept_with_identity(
        user, _IDENTITY, lambda: _query_identity(user)
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
