"""The one place that decides what a visitor may see.

Pages use Wagtail's view restrictions (signed-in users, groups, shared password). Every list
of pages shown to a visitor (search, navigation, cards) is filtered here. Records and files
outside the page tree carry an access level (`AccessLevel`), decided by `access_refusal` and
filtered by `accessible_filter`.
"""

from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import F, Q, Subquery
from django.db.models.functions import JSONObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction, get_page_models

from portal.accounts import roles
from portal.core.aggregates import JSONArray, one_row
from portal.core.versions import content_version, versioned_key


class _Viewer:
    def __init__(self, user):
        self.user = user

    @cached_property
    def group_ids(self) -> set[int]:
        return set(roles.group_ids(self.user))

    def admitted_by(self, restriction: PageViewRestriction) -> bool:
        if restriction.restriction_type == PageViewRestriction.LOGIN:
            return self.user.is_authenticated
        if restriction.restriction_type == PageViewRestriction.GROUPS:
            if not self.user.is_authenticated:
                return False
            if self.user.is_superuser:
                return True
            return bool({group.pk for group in restriction.groups.all()} & self.group_ids)
        # Password-protected pages are only ever seen by opening them and entering the password.
        return False


def _self_guarded_page_types() -> list[int]:
    """Page types that decide access in their own `serve` (course lessons, for instance):
    they never appear in listings, search or feeds."""
    models = [
        model for model in get_page_models() if getattr(model, "visible_through_own_access", False)
    ]
    return [
        content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()
    ]


def view_restrictions() -> list[PageViewRestriction]:
    """Every page's view restrictions, each with its page's tree path (`page_path`) and the
    page that page is an alias of (`page_alias_of`): a handful, kept until the next change to
    pages or restrictions (which drops every kept value). What listings hide and what a page
    found by its address checks are both read from it. The request's site is read with them
    (`view_restrictions_column`), so that a first render after a publish asks for them in no
    query of their own."""
    key = versioned_key(VIEW_RESTRICTIONS_KEY)
    restrictions = cache.get(key)
    if restrictions is None:
        restrictions = list(
            PageViewRestriction.objects.annotate(
                page_path=F("page__path"), page_alias_of=F("page__alias_of_id")
            ).order_by("pk")
        )
        cache.set(key, restrictions, settings.PAGE_CACHE_SECONDS)
    return restrictions


VIEW_RESTRICTIONS_KEY = "page-view-restrictions"


def view_restrictions_column() -> Subquery:
    """Every view restriction as a JSON array, to read beside another query's rows; turned
    into `view_restrictions()`'s list by `keep_view_restrictions`."""
    rows = JSONObject(
        id="pk",
        restriction_type="restriction_type",
        password=F("password"),
        page_id="page_id",
        page_path=F("page__path"),
        page_alias_of=F("page__alias_of_id"),
    )
    return Subquery(one_row(PageViewRestriction.objects, rows=JSONArray(rows)).values("rows"))


def keep_view_restrictions(key: str, rows: list[dict] | None) -> None:
    """Keep what `view_restrictions_column` read under `key`, the versioned key of
    `view_restrictions()` taken before the query (a change in between then leaves it unused)."""
    restrictions = []
    for row in sorted(rows or [], key=lambda row: row["id"]):
        restriction = PageViewRestriction(
            pk=row["id"],
            restriction_type=row["restriction_type"],
            password=row["password"],
            page_id=row["page_id"],
        )
        restriction.page_path = row["page_path"]
        restriction.page_alias_of = row["page_alias_of"]
        restrictions.append(restriction)
    cache.set(key, restrictions, settings.PAGE_CACHE_SECONDS)


def restricted_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction."""
    return [restriction.page_path for restriction in view_restrictions()]


def public_only(pages: list) -> list:
    """`pages`, already read, narrowed as `public_pages` narrows a queryset: those no view
    restriction keeps from anonymous visitors."""
    restricted = restricted_paths()
    return [page for page in pages if not any(page.path.startswith(path) for path in restricted)]


def public_pages(queryset):
    """`queryset` narrowed to pages that no view restriction keeps from anonymous visitors
    (Wagtail's `.public()`). The restricted subtrees are excluded by path prefix, which the
    path index answers; a correlated lookup of the restrictions for every row took seconds
    over ten thousand pages."""
    hidden = Q()
    for path in restricted_paths():
        hidden |= Q(path__startswith=path)
    return queryset.exclude(hidden) if hidden else queryset


def pages_visible_to(user, queryset=None):
    """`queryset` (default: all pages) narrowed to live pages that `user` may open, by their
    path: an indexed field, as search backends require."""
    queryset = (queryset if queryset is not None else Page.objects.all()).live()
    self_guarded = _self_guarded_page_types()
    if self_guarded:
        queryset = queryset.exclude(content_type_id__in=self_guarded)
    if user is None or not user.is_authenticated:
        # Every restriction (signed in, groups, password) keeps anonymous visitors out.
        return public_pages(queryset)
    viewer = _Viewer(user)
    hidden = Q()
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if not viewer.admitted_by(restriction):
            hidden |= Q(path__startswith=restriction.page.path)
    return queryset.exclude(hidden) if hidden else queryset


def sees_more_than_visitors(user) -> bool:
    """Whether a view restriction lets `user` open pages an anonymous visitor cannot: then
    listings show them more than a page's shared copy does, and they are not served it."""
    if not user.is_authenticated:
        return False
    # Asked more than once for a request (whether to look for the copy, whether it serves), and
    # kept between requests until the person's groups (their identity) or the restrictions
    # (content) change.
    if not hasattr(user, "_sees_more_than_visitors"):
        user._sees_more_than_visitors = roles.kept_with_identity(
            user, _sees_more_name(), lambda: _sees_more(user)
        )
    return user._sees_more_than_visitors


def _sees_more_name() -> str:
    return f"sees-more-than-visitors:{content_version()}"


# Asked before every shared copy is served to a signed-in person.
roles.asked_on_every_page(_sees_more_name)


def _sees_more(user) -> bool:
    viewer = _Viewer(user)
    restrictions = PageViewRestriction.objects.exclude(
        restriction_type=PageViewRestriction.PASSWORD
    ).prefetch_related("groups")
    return any(viewer.admitted_by(restriction) for restriction in restrictions)


# Access levels for records and files (brand assets, community attachments…) ---------------


class AccessLevel(models.TextChoices):
    PUBLIC = "public", _("Public")
    REGISTERED = "registered", _("Registered users")
    PROGRAMME_STAFF = "programme_staff", _("Approved programme staff")
    GROUP = "group", _("A named group")


SIGN_IN_NEEDED = _("Sign in to open this.")
VERIFIED_EMAIL_NEEDED = _(
    "Confirm your e-mail address first: follow the link in the message we sent you."
)
PROGRAMME_STAFF_ONLY = _(
    "This is for approved programme staff only. Ask your programme to approve your "
    "affiliation on your profile."
)
GROUP_ONLY = _("This is only for members of the group “%(group)s”.")


def access_refusal(user, level: str, group=None) -> str | None:
    """Why `user` may not open something carrying `level` (and `group` for a named group);
    None when they may. Site staff may open everything."""
    if level == AccessLevel.PUBLIC:
        return None
    if not getattr(user, "is_authenticated", False):
        return SIGN_IN_NEEDED
    if roles.is_site_staff(user):
        return None
    if not roles.has_verified_email(user):
        return VERIFIED_EMAIL_NEEDED
    if level == AccessLevel.REGISTERED:
        return None
    if level == AccessLevel.PROGRAMME_STAFF:
        return None if roles.is_programme_staff(user) else PROGRAMME_STAFF_ONLY
    group_id = getattr(group, "pk", group)
    if group_id is not None and group_id in _Viewer(user).group_ids:
        return None
    return GROUP_ONLY % {"group": getattr(group, "name", "")}


@dataclass(frozen=True)
class Audience:
    """What decides which records with an access level someone may open: everyone with the same
    audience may open the same ones, so a page listing them can be kept once per audience
    (`key`, part of the page cache's key) rather than rendered for each person."""

    signed_in: bool = False
    verified: bool = False
    site_staff: bool = False
    programme_staff: bool = False
    group_ids: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        """Empty for anonymous visitors, whose copy is the one kept for every visitor."""
        if not self.signed_in:
            return ""
        if self.site_staff:
            return "staff"
        if not self.verified:
            return "unverified"
        groups = ".".join(str(group_id) for group_id in self.group_ids)
        return f"registered{'-programme-staff' if self.programme_staff else ''}-groups:{groups}"


ANONYMOUS_AUDIENCE = Audience()


def audience_of(user, *, groups_that_matter=None) -> Audience:
    """The audience of `user`: the same answers `access_refusal` gives them. Only the groups
    among `groups_that_matter` (ids; None: all of theirs) are kept, so that people whose groups
    make no difference to a listing share its copy."""
    if not getattr(user, "is_authenticated", False):
        return ANONYMOUS_AUDIENCE
    if roles.is_site_staff(user):
        return Audience(signed_in=True, verified=True, site_staff=True)
    if not roles.has_verified_email(user):
        return Audience(signed_in=True)
    group_ids = roles.group_ids(user)
    if groups_that_matter is not None:
        group_ids = group_ids & set(groups_that_matter)
    return Audience(
        signed_in=True,
        verified=True,
        programme_staff=roles.is_programme_staff(user),
        group_ids=tuple(sorted(group_ids)),
    )


def accessible_filter(user, *, level_field="access_level", group_field="access_group") -> Q:
    """The rows `user` may open, for a model with an access level and an optional group;
    the same rules as `access_refusal`, as one condition a listing can filter on."""
    return audience_filter(audience_of(user), level_field=level_field, group_field=group_field)


def audience_filter(
    audience: Audience, *, level_field="access_level", group_field="access_group"
) -> Q:
    """`accessible_filter` for everyone of `audience`."""
    public = Q(**{level_field: AccessLevel.PUBLIC})
    if not audience.signed_in:
        return public
    if audience.site_staff:
        return Q()
    if not audience.verified:
        return public
    allowed = public | Q(**{level_field: AccessLevel.REGISTERED})
    if audience.programme_staff:
        allowed |= Q(**{level_field: AccessLevel.PROGRAMME_STAFF})
    if audience.group_ids:
        allowed |= Q(
            **{level_field: AccessLevel.GROUP, f"{group_field}__in": list(audience.group_ids)}
        )
    return allowed
