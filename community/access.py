"""Who may see, read, post in and moderate which space: one answer for pages, search,
notifications, digests and files.

A space is *visible* (listed in the directory, its page opens) to people its eligibility
admits, inside a visible parent. It is *readable* when visible and open, or when the person is
an active member. Eligibility is re-checked on every request: someone whose affiliation
changes (a finance officer who becomes a controller) loses a closed space at once, whatever
their membership row says.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from portal.accounts import roles
from portal.accounts.models import Affiliation
from portal.core.cache import cached_value
from portal.core.versions import versioned_key

from .models import Membership, Space

_ATTRIBUTE = "_community_access"

NOT_ELIGIBLE = _("This space is not open to you.")
MEMBERS_ONLY = _("Only members of this space can read it. Ask to join first.")
JOIN_TO_POST = _("Join this space to take part.")
BANNED = _("You can no longer take part in this space.")


@dataclass(frozen=True)
class _Rule:
    pk: int
    parent_id: int | None
    kind: str
    eligibility: str
    eligible_functions: frozenset
    excluded_functions: frozenset


@dataclass
class SpaceAccess:
    """What one person may do in each space; built once per request (or per digest run)."""

    rules: dict[int, _Rule]
    is_staff: bool
    functions: frozenset
    verified: bool = True
    memberships: dict[int, tuple[str, bool]] = field(default_factory=dict)

    def _eligible(self, rule: _Rule) -> bool:
        if self.is_staff:
            return True
        if not self.verified or self.functions & rule.excluded_functions:
            return False
        if rule.eligibility == Space.Eligibility.PROGRAMME_STAFF:
            return bool(self.functions & roles.STAFF_FUNCTIONS)
        if rule.eligibility == Space.Eligibility.FUNCTIONS:
            return bool(self.functions & rule.eligible_functions)
        return True

    def status(self, space_id: int) -> str | None:
        held = self.memberships.get(space_id)
        return held[0] if held else None

    def is_visible(self, space_id: int) -> bool:
        rule = self.rules.get(space_id)
        if rule is None or not self._eligible(rule):
            return False
        return rule.parent_id is None or self.is_visible(rule.parent_id)

    def is_readable(self, space_id: int) -> bool:
        if not self.is_visible(space_id):
            return False
        rule = self.rules[space_id]
        if rule.parent_id is not None and not self.is_readable(rule.parent_id):
            return False
        if self.moderates(space_id):
            return True
        status = self.status(space_id)
        if status == Membership.Status.BANNED:
            return False
        return rule.kind == Space.Kind.OPEN or status == Membership.Status.ACTIVE

    def may_post(self, space_id: int) -> bool:
        """Members post; so do the moderators of a space and of its parent, and site staff."""
        return self.is_readable(space_id) and (
            self.moderates(space_id) or self.status(space_id) == Membership.Status.ACTIVE
        )

    def moderates(self, space_id: int) -> bool:
        if not self.is_visible(space_id):
            return False
        if self.is_staff:
            return True
        rule = self.rules[space_id]
        return any(
            self.memberships.get(candidate, (None, False)) == (Membership.Status.ACTIVE, True)
            for candidate in (space_id, rule.parent_id)
            if candidate is not None
        )

    def refusal(self, space_id: int) -> str | None:
        """Why the space cannot be read, or None."""
        if not self.is_visible(space_id):
            return NOT_ELIGIBLE
        if self.status(space_id) == Membership.Status.BANNED:
            return BANNED
        return None if self.is_readable(space_id) else MEMBERS_ONLY

    def visible_ids(self) -> set[int]:
        return {pk for pk in self.rules if self.is_visible(pk)}

    def readable_ids(self) -> set[int]:
        return {pk for pk in self.rules if self.is_readable(pk)}

    def moderated_ids(self) -> set[int]:
        return {pk for pk in self.rules if self.moderates(pk)}


_RULES = ("community-space-rules",)
_MEMBERSHIPS = "community-memberships"
# Community pages ask both for whoever is signed in: fetched with the person's row, in the same
# round trip (the rules under this request's content version, the memberships with the
# person's identity).
roles.fetched_with_person(lambda _user_id: versioned_key(*_RULES))
roles.asked_on_every_page(lambda: _MEMBERSHIPS)


def _rules() -> dict[int, _Rule]:
    """Every space's rules: the same for everyone, and asked on every community page and by
    the unread count, so kept until a space changes (spaces say `invalidates_page_cache`)."""
    found = roles.found_with_person(versioned_key(*_RULES))
    if found is not None:
        return found
    return cached_value(_RULES, _read_rules, settings.PAGE_CACHE_SECONDS)


def _read_rules() -> dict[int, _Rule]:
    rows = Space.objects.values_list(
        "pk", "parent_id", "kind", "eligibility", "eligible_functions", "excluded_functions"
    )
    return {
        pk: _Rule(pk, parent, kind, eligibility, frozenset(eligible), frozenset(excluded))
        for pk, parent, kind, eligibility, eligible, excluded in rows
    }


def for_user(user) -> SpaceAccess:
    """The access of `user` (anonymous visitors see no space), asked once per request."""
    cached = getattr(user, _ATTRIBUTE, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False):
        access = SpaceAccess(rules={}, is_staff=False, functions=frozenset())
    else:
        access = SpaceAccess(
            rules=_rules(),
            is_staff=roles.is_site_staff(user),
            functions=frozenset(roles.functions(user)),
            verified=roles.has_verified_email(user),
            memberships=roles.kept_with_identity(user, _MEMBERSHIPS, lambda: _memberships(user)),
        )
    setattr(user, _ATTRIBUTE, access)
    return access


def _memberships(user) -> dict[int, tuple[str, bool]]:
    return {
        space: (status, moderator)
        for space, status, moderator in Membership.objects.filter(user=user).values_list(
            "space_id", "status", "is_moderator"
        )
    }


@dataclass(frozen=True)
class SpaceAudience:
    """What decides which spaces someone sees (their eligibility), as against which they read
    or take part in (their memberships): the directory is kept once per audience
    (portal.core.cache), and each person's membership is a piece of it."""

    signed_in: bool = False
    is_staff: bool = False
    verified: bool = False
    functions: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        if not self.signed_in:
            return ""
        if self.is_staff:
            return "staff"
        if not self.verified:
            return "unverified"
        return "functions:" + ".".join(self.functions)

    def access(self) -> SpaceAccess:
        """The access of someone of this audience who holds no membership: what they see."""
        if not self.signed_in:
            return SpaceAccess(rules={}, is_staff=False, functions=frozenset())
        return SpaceAccess(
            rules=_rules(),
            is_staff=self.is_staff,
            functions=frozenset(self.functions),
            verified=self.verified,
        )


def audience_of(user) -> SpaceAudience:
    """The audience of `user`: the same answers `for_user` reads for their eligibility."""
    if not getattr(user, "is_authenticated", False):
        return SpaceAudience()
    if roles.is_site_staff(user):
        return SpaceAudience(signed_in=True, is_staff=True, verified=True)
    if not roles.has_verified_email(user):
        return SpaceAudience(signed_in=True)
    return SpaceAudience(
        signed_in=True, verified=True, functions=tuple(sorted(roles.functions(user)))
    )


def for_users(users: Iterable) -> dict[int, SpaceAccess]:
    """Access of many people at once, in four queries (digests, notification fan-out)."""
    users = list(users)
    if len(users) == 1:
        # One person (the notification centre): the per-request answer, reusing role caches.
        return {users[0].pk: for_user(users[0])}
    known = {user.pk: getattr(user, _ATTRIBUTE) for user in users if hasattr(user, _ATTRIBUTE)}
    users = [user for user in users if user.pk not in known]
    if not users:
        return known
    ids = [user.pk for user in users]
    rules = _rules()
    functions = defaultdict(set)
    for user_id, function in Affiliation.objects.filter(
        user_id__in=ids, status=Affiliation.Status.APPROVED
    ).values_list("user_id", "function"):
        functions[user_id].add(function)
    verified = set(
        EmailAddress.objects.filter(user_id__in=ids, verified=True).values_list(
            "user_id", flat=True
        )
    )
    memberships = defaultdict(dict)
    for user_id, space, status, moderator in Membership.objects.filter(user_id__in=ids).values_list(
        "user_id", "space_id", "status", "is_moderator"
    ):
        memberships[user_id][space] = (status, moderator)
    return known | {
        user.pk: SpaceAccess(
            rules=rules,
            is_staff=roles.is_site_staff(user),
            functions=frozenset(functions[user.pk]),
            verified=user.pk in verified,
            memberships=memberships[user.pk],
        )
        for user in users
    }


def forget(user) -> None:
    """Drop the cached answer after the user's memberships changed."""
    if hasattr(user, _ATTRIBUTE):
        delattr(user, _ATTRIBUTE)
