"""The one place that decides what a visitor may see.

Pages use Wagtail's view restrictions (signed-in users, groups, shared password). Every list
of pages shown to a visitor (search, navigation, cards) is filtered here.
"""

from functools import cached_property

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction


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


def pages_visible_to(user, queryset=None):
    """`queryset` (default: all pages) narrowed to live pages that `user` may open."""
    queryset = (queryset if queryset is not None else Page.objects.all()).live()
    viewer = _Viewer(user)
    hidden = Q()
    restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
    for restriction in restrictions:
        if not viewer.admitted_by(restriction):
            hidden |= Q(path__startswith=restriction.page.path)
    return queryset.exclude(hidden) if hidden else queryset
