"""The one place that decides what a visitor may see.

Pages use Wagtail's view restrictions (signed-in users, groups, shared password). Every list
of pages shown to a visitor (search, navigation, cards) is filtered here. Records and files
outside the page tree carry an access level (`AccessLevel`), decided by `access_refusal` and
filtered by `accessible_filter`.
"""

from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, PageViewRestriction, get_page_models

from portal.accounts import roles
from portal.core.versions import content_version, versioned_key


class _Viewer:
    def __init__(self, user):
        self.user = user

    @cached_property
    def group_ids(self) -> set[int]:
        return set(self.user.groups.values_list("pk", flat=True))

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


def restricted_paths() -> list[str]:
    """The tree paths of the pages that carry a view restriction: a handful, kept until the
    next change to pages or restrictions (which drops every kept value)."""
    key = versioned_key("restricted-page-paths")
    paths = cache.get(key)
    if paths is None:
        paths = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        cache.set(key, paths, settings.PAGE_CACHE_SECONDS)
    return paths


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
    # Kept until the person's groups change (their identity) or the restrictions do (content).
    return roles.kept_with_identity(
        user, f"sees-more-than-visitors:{content_version()}", lambda: _sees_more(user)
    )


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


def accessible_filter(user, *, level_field="access_level", group_field="access_group") -> Q:
    """The rows `user` may open, for a model with an access level and an optional group;
    the same rules as `access_refusal`, as one condition a listing can filter on."""
    public = Q(**{level_field: AccessLevel.PUBLIC})
    if not getattr(user, "is_authenticated", False):
        return public
    if roles.is_site_staff(user):
        return Q()
    if not roles.has_verified_email(user):
        return public
    allowed = public | Q(**{level_field: AccessLevel.REGISTERED})
    if roles.is_programme_staff(user):
        allowed |= Q(**{level_field: AccessLevel.PROGRAMME_STAFF})
    group_ids = _Viewer(user).group_ids
    if group_ids:
        allowed |= Q(**{level_field: AccessLevel.GROUP, f"{group_field}__in": group_ids})
    return allowed
