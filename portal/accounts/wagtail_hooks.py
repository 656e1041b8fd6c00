from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks

from portal.core.dashboard import WorkWaiting, add_work_panel

from .selectors import affiliation_requests_waiting
from .viewsets import IdentityViewSetGroup


@hooks.register("register_admin_viewset")
def register_identity_viewsets():
    return IdentityViewSetGroup()


@hooks.register("construct_homepage_panels")
def add_affiliation_requests_panel(request, panels):
    add_work_panel(
        panels,
        name="affiliation_requests",
        heading=_("Affiliation requests to decide"),
        items=[
            WorkWaiting(
                label=name,
                count_text=ngettext(
                    "%(count)d request waiting", "%(count)d requests waiting", waiting
                )
                % {"count": waiting},
                url=reverse("accounts:programme_requests", args=[slug]),
            )
            for name, slug, waiting in affiliation_requests_waiting(user=request.user)
        ],
        order=20,
    )
