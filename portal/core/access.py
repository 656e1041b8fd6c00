"""The one place that decides what a visitor may see.

Pages use Wagtail's view restrictions (signed-in users, groups, shared password). Every list
of pages shown to a visitor (search, navigation, cards) is filtered here.
"""

from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction, get_page_models


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


def pages_visible_to(user, queryset=None):
    """`queryset` (default: all pages) narrowed to live pages that `user` may open."""
    queryset = (queryset if queryset is not None else Page.objects.all()).live()
    self_guarded = _self_guarded_page_types()
    if self_guarded:
        queryset = queryset.exclude(content_type_id__in=self_guarded)
    viewer = _Viewer(user)
    hidden = Q()
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if not viewer.admitted_by(restriction):
            hidden |= Q(path__startswith=restriction.page.path)
    return queryset.exclude(hidden) if hidden else queryset
