from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.core.dashboard import WorkWaiting, add_work_panel

from . import access, admin_views
from .selectors import reviews_to_do


@hooks.register("register_admin_urls")
def register_slam_admin_urls():
    urls = [
        path("votes/", admin_views.vote_audit, name="vote_audit_current"),
        path("<int:year>/votes/", admin_views.vote_audit, name="vote_audit"),
    ]
    return [path("slam/", include((urls, "slam_admin"), namespace="slam_admin"))]


class VoteAuditMenuItem(MenuItem):
    def is_shown(self, request):
        return access.may_see_vote_audit(request.user)


@hooks.register("register_reports_menu_item")
def register_vote_audit_menu_item():
    return VoteAuditMenuItem(
        _("Interreg Slam vote audit"), reverse("slam_admin:vote_audit_current"), icon_name="warning"
    )


@hooks.register("construct_homepage_panels")
def add_reviews_to_do_panel(request, panels):
    waiting = reviews_to_do(user=request.user)
    if not waiting:
        return
    count_text = ngettext(
        "%(count)d application to review", "%(count)d applications to review", waiting
    ) % {"count": waiting}
    add_work_panel(
        panels,
        name="slam_reviews_to_do",
        heading=_("Interreg Slam reviews to do"),
        items=[WorkWaiting(label=_("Jury queue"), count_text=count_text, url=reverse("slam:jury"))],
        order=30,
    )
