"""The one module that answers who someone is in Interreg. Views and templates never inspect
groups, functions or affiliation rows themselves; they ask here.

Answers come from the user's approved affiliations, read once per request and kept on the
user object, so asking many questions costs one query.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Permission
from django.db.models import Q

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
_EDITOR_ATTRIBUTE = "_may_edit_site"


def _approved(user) -> list[tuple[int, str, bool]]:
    """(programme id, function, is programme admin) for each approved affiliation."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = list(
            Affiliation.objects.filter(user=user, status=Affiliation.Status.APPROVED).values_list(
                "programme_id", "function", "is_programme_admin"
            )
        )
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def forget(user) -> None:
    """Drop the cached answers after the user's affiliations changed."""
    for attribute in (_CACHE_ATTRIBUTE, _VERIFIED_ATTRIBUTE, _EDITOR_ATTRIBUTE):
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


def has_verified_email(user) -> bool:
    """Has confirmed an e-mail address (asked once per request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    verified = getattr(user, _VERIFIED_ATTRIBUTE, None)
    if verified is None:
        verified = EmailAddress.objects.filter(user=user, verified=True).exists()
        setattr(user, _VERIFIED_ATTRIBUTE, verified)
    return verified


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
    """Editors and administrators of the Wagtail admin (asked once per request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_site_staff(user):
        return True
    may = getattr(user, _EDITOR_ATTRIBUTE, None)
    if may is None:
        # Asked on every request (second factors, the header): one query, where loading all
        # of the person's permissions to answer it would take two.
        may = (
            Permission.objects.filter(
                content_type__app_label="wagtailadmin", codename="access_admin"
            )
            .filter(Q(user=user) | Q(group__user=user))
            .exists()
        )
        setattr(user, _EDITOR_ATTRIBUTE, may)
    return may


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
