from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from portal.core.dashboard import WorkWaiting, add_work_panel

from .selectors import flags_waiting
from .viewsets import CommunityViewSetGroup


@hooks.register("register_admin_viewset")
def register_community_viewsets():
    return CommunityViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_flags_panel(request, panels):
    add_work_panel(
        panels,
        name="community_flags",
        heading=_("Community flags to handle"),
        items=[
            WorkWaiting(
                label=name,
                count_text=ngettext("%(count)d flag waiting", "%(count)d flags waiting", waiting)
                % {"count": waiting},
                url=reverse("community:moderation", args=[slug]),
            )
            for name, slug, waiting in flags_waiting(user=request.user)
        ],
        order=40,
    )
